/* SPDX-License-Identifier: MIT */
/* t_codec.c -- unit tests of the postings integer codec (common/codec.c).
 *
 * Besides round trips, the encoder's bytes are compared with a naive
 * bit-at-a-time writer of the format in codec.h, so a codec that agrees only
 * with itself still fails.  Every decode reads from a malloc'd copy of
 * exactly the encoded length and writes into an output of exactly the size
 * the contract promises, so ASan catches any read past end or write past
 * the output.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "unit.h"

/* splitmix64: a small seeded generator, so failures reproduce. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* A random value of at most w bits. */
static uint32_t rng_bits(unsigned w)
{
	return w == 0 ? 0 : (uint32_t)(rng_next() >> (64 - w));
}

static size_t round_up_block(size_t n)
{
	return (n + NS_CODEC_BLOCK - 1) / NS_CODEC_BLOCK * NS_CODEC_BLOCK;
}

/* A heap copy of exactly len bytes (ASan reports any byte beyond). */
static uint8_t *dup_exact(const uint8_t *p, size_t len)
{
	uint8_t *q = malloc(len);

	if (q)
		memcpy(q, p, len);
	return q;
}

static size_t ref_varint(uint8_t *out, uint32_t x)
{
	size_t len = 0;

	while (x >= 0x80) {
		out[len++] = (uint8_t)(x | 0x80);
		x >>= 7;
	}
	out[len++] = (uint8_t)x;
	return len;
}

/* One packing of v[0..m) written the slow, obvious way: every width tried
 * by writing it out, the shortest kept (the first on a tie), one bit at a
 * time. */
static size_t ref_packing(uint8_t *out, const uint32_t *v, size_t m)
{
	uint8_t try[1 + 4 * NS_CODEC_BLOCK + 2 + 6 * NS_CODEC_BLOCK];
	uint8_t keep[sizeof(try)];
	size_t best = SIZE_MAX;

	for (unsigned w = 0; w <= 32; w++) {
		size_t len = 1, n_exc = 0;
		for (size_t j = 0; j < m; j++)
			n_exc += w < 32 && (v[j] >> w) != 0;
		if (w == 32 && n_exc)
			continue;
		try[0] = (uint8_t)(w | (n_exc ? 0x40 : 0));
		memset(try + 1, 0, (m * w + 7) / 8);
		for (size_t j = 0; j < m; j++)
			for (unsigned b = 0; b < w; b++)
				if ((v[j] >> b) & 1)
					try[1 + (j * w + b) / 8] |= (uint8_t)(1u << ((j * w + b) % 8));
		len += (m * w + 7) / 8;
		if (n_exc) {
			try[len++] = (uint8_t)(n_exc - 1);
			for (size_t j = 0; j < m; j++)
				if (v[j] >> w) {
					try[len++] = (uint8_t)j;
					len += ref_varint(try + len, v[j] >> w);
				}
		}
		if (len < best) {
			best = len;
			memcpy(keep, try, len);
		}
	}
	memcpy(out, keep, best);
	return best;
}

/* The format of codec.h written the slow, obvious way. */
static size_t ref_encode(uint8_t *out, const uint32_t *v, size_t n)
{
	size_t len = 0, i = 0;

	for (; n - i >= NS_CODEC_BLOCK; i += NS_CODEC_BLOCK)
		len += ref_packing(out + len, v + i, NS_CODEC_BLOCK);
	if (n - i >= NS_CODEC_TAIL_PACK)
		return len + ref_packing(out + len, v + i, n - i);
	for (; i < n; i++)
		len += ref_varint(out + len, v[i]);
	return len;
}

/* Encodes v[0..n), compares the bytes with ref_encode(), then decodes and
 * skips from an exact-length copy.  Returns the encoded length. */
static size_t roundtrip(const uint32_t *v, size_t n)
{
	size_t bound = ns_codec_bound(n);
	uint8_t *enc = malloc(bound);		/* exactly the bound */
	uint8_t *ref = malloc(bound);
	uint32_t *dec = malloc(round_up_block(n) * sizeof(*dec));
	uint8_t *in;
	size_t len, ref_len;

	CHECK((enc != NULL && ref != NULL && dec != NULL) || n == 0);
	len = ns_codec_encode(enc, v, n);
	ref_len = ref_encode(ref, v, n);
	CHECK(len <= bound);
	CHECK_INT_EQ(len, ref_len);
	CHECK(len == ref_len && memcmp(enc, ref, len) == 0);
	in = dup_exact(enc, len);
	CHECK(in != NULL || len == 0);
	CHECK_INT_EQ(ns_codec_decode(dec, in, in + len, n), len);
	CHECK(n == 0 || memcmp(dec, v, n * sizeof(*v)) == 0);
	CHECK_INT_EQ(ns_codec_skip(in, in + len, n), len);
	free(in);
	free(dec);
	free(ref);
	free(enc);
	return len;
}

/* Every strict prefix of a valid run must fail (decode needs all n values),
 * and must fail without reading past its end. */
static void check_truncations(const uint32_t *v, size_t n)
{
	uint8_t *enc = malloc(ns_codec_bound(n));
	uint32_t *dec = malloc(round_up_block(n) * sizeof(*dec));
	size_t len, bad_decode = 0, bad_skip = 0;

	CHECK(enc != NULL && dec != NULL);
	len = ns_codec_encode(enc, v, n);
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *in = dup_exact(enc, cut);

		if (!in && cut > 0)
			continue;
		if (ns_codec_decode(dec, in, in + cut, n) != 0)
			bad_decode++;
		if (ns_codec_skip(in, in + cut, n) != 0)
			bad_skip++;
		free(in);
	}
	CHECK_INT_EQ(bad_decode, 0);
	CHECK_INT_EQ(bad_skip, 0);
	free(dec);
	free(enc);
}

static void test_codec_edge_lengths(void)
{
	static const size_t lens[] = { 0, 1, 2, 127, 128, 129, 255, 256, 257, 383, 384, 385, 1000 };
	uint32_t v[1000];

	for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		size_t n = lens[k];

		rng_state = 1000 + n;
		/* Zeros, small gaps, and values spread over every width. */
		for (size_t i = 0; i < n; i++)
			v[i] = 0;
		roundtrip(v, n);
		for (size_t i = 0; i < n; i++)
			v[i] = (uint32_t)(i % 7);
		roundtrip(v, n);
		for (size_t i = 0; i < n; i++)
			v[i] = rng_bits((unsigned)(rng_next() % 33));
		roundtrip(v, n);
		check_truncations(v, n);
	}
}

static void test_codec_every_width(void)
{
	uint32_t v[3 * NS_CODEC_BLOCK + 5];
	size_t n = sizeof(v) / sizeof(v[0]);

	rng_state = 42;
	for (unsigned w = 0; w <= 32; w++) {
		uint32_t max = w == 32 ? UINT32_MAX : (uint32_t)((1ull << w) - 1);
		uint8_t enc[1 + 16 * 32];
		size_t len;

		/* One block: random values below 2^w, its maximum at a
		 * different position each time so every slot is exercised. */
		for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
			v[i] = rng_bits(w);
		v[(w * 37) % NS_CODEC_BLOCK] = max;
		len = roundtrip(v, NS_CODEC_BLOCK);
		CHECK_INT_EQ(len, 1 + 16 * w);
		ns_codec_encode(enc, v, NS_CODEC_BLOCK);
		CHECK_INT_EQ(enc[0], w);

		/* All slots at the maximum: every bit of the block set. */
		for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
			v[i] = max;
		CHECK_INT_EQ(roundtrip(v, NS_CODEC_BLOCK), 1 + 16 * w);

		/* Alternating 0 and max: the shifts across word edges. */
		for (size_t i = 0; i < n; i++)
			v[i] = (i & 1) ? max : 0;
		roundtrip(v, n);
	}
	/* 0, 1, UINT32_MAX together: width 1, and the 42 UINT32_MAX are
	 * exceptions of 31 high bits (index byte and a 5-byte varint each). */
	for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
		v[i] = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : UINT32_MAX;
	CHECK_INT_EQ(roundtrip(v, NS_CODEC_BLOCK), 1 + 16 + 1 + 42 * 6);
}

static void test_codec_random_mixed(void)
{
	enum { MAXN = 20 * NS_CODEC_BLOCK + 127 };
	uint32_t *v = malloc(MAXN * sizeof(*v));

	CHECK(v != NULL);
	for (uint64_t seed = 1; seed <= 200; seed++) {
		size_t n;

		rng_state = seed;
		n = (size_t)(rng_next() % (MAXN + 1));
		/* Each block (and the tail) gets its own width. */
		for (size_t i = 0; i < n; i += NS_CODEC_BLOCK) {
			unsigned w = (unsigned)(rng_next() % 33);
			for (size_t j = i; j < n && j < i + NS_CODEC_BLOCK; j++)
				v[j] = rng_bits(w);
		}
		roundtrip(v, n);
	}
	/* Truncations of one mixed run, fewer because each costs n decodes. */
	rng_state = 7;
	for (size_t i = 0; i < 3 * NS_CODEC_BLOCK + 60; i++)
		v[i] = rng_bits((unsigned)(i / NS_CODEC_BLOCK * 11 % 33));
	check_truncations(v, 3 * NS_CODEC_BLOCK + 60);
	free(v);
}

static void test_codec_sizes_and_bytes(void)
{
	uint32_t v[2 * NS_CODEC_BLOCK + 1];
	uint8_t enc[2 * (1 + 16 * 32) + 5];

	memset(v, 0, sizeof(v));
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_BLOCK), 1);
	CHECK_INT_EQ(enc[0], 0);
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_BLOCK + 1), 2);
	/* a long tail is packed too: width 0 */
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_BLOCK - 1), 1);
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_TAIL_PACK - 1), NS_CODEC_TAIL_PACK - 1);
	CHECK_INT_EQ(ns_codec_encode(enc, v, 0), 0);

	/* One 31 among zeros: width 0 and one exception (head, count - 1,
	 * index, high bits) instead of width 5 (81 bytes). */
	v[3] = 31;
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_BLOCK), 4);
	CHECK_INT_EQ(enc[0], 0x40);
	CHECK_INT_EQ(enc[1], 0);
	CHECK_INT_EQ(enc[2], 3);
	CHECK_INT_EQ(enc[3], 31);

	/* Width 5 when every value needs it: 1 + 128 * 5 / 8 = 81 bytes. */
	for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
		v[i] = 16 + (uint32_t)(i % 16);
	v[3] = 31;
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_BLOCK), 81);
	CHECK_INT_EQ(enc[0], 5);
	/* Value 3 at bits 15..19: bit 15 is the top of packed byte 1 (enc[2],
	 * after the head), bits 16..19 the low nibble of packed byte 2. */
	CHECK_INT_EQ(enc[2] & 0x80, 0x80);
	CHECK_INT_EQ(enc[3] & 0x0f, 0x0f);

	/* Width 2 and two exceptions: 1 + 32 + 1 + 2 * 2 = 38 bytes. */
	for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
		v[i] = (uint32_t)(i % 4);
	v[10] = 1000;	/* 1000 >> 2 = 250: a two-byte varint */
	v[20] = 4 + 2;	/* 6 >> 2 = 1 */
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_BLOCK), 1 + 32 + 1 + 3 + 2);
	CHECK_INT_EQ(enc[0], 0x40 | 2);
	CHECK_INT_EQ(enc[33], 1);
	CHECK_INT_EQ(enc[34], 10);
	CHECK_INT_EQ(enc[35], 0xfa);
	CHECK_INT_EQ(enc[36], 0x01);
	CHECK_INT_EQ(enc[37], 20);
	CHECK_INT_EQ(enc[38], 1);
	memset(v, 0, sizeof(v));

	/* Width 1, alternating 1, 0: every byte 0x55. */
	for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
		v[i] = (i & 1) ? 0 : 1;
	CHECK_INT_EQ(ns_codec_encode(enc, v, NS_CODEC_BLOCK), 17);
	CHECK_INT_EQ(enc[1], 0x55);
	CHECK_INT_EQ(enc[16], 0x55);

	/* Tail: LEB128, 300 = 0xac 0x02. */
	v[0] = 300;
	v[1] = 5;
	CHECK_INT_EQ(ns_codec_encode(enc, v, 2), 3);
	CHECK_INT_EQ(enc[0], 0xac);
	CHECK_INT_EQ(enc[1], 0x02);
	CHECK_INT_EQ(enc[2], 0x05);

	/* The bound is reached by UINT32_MAX everywhere. */
	for (size_t i = 0; i < 2 * NS_CODEC_BLOCK + 1; i++)
		v[i] = UINT32_MAX;
	CHECK_INT_EQ(ns_codec_encode(enc, v, 2 * NS_CODEC_BLOCK + 1),
		     ns_codec_bound(2 * NS_CODEC_BLOCK + 1));
	CHECK_INT_EQ(ns_codec_bound(2 * NS_CODEC_BLOCK + 1), 2 * 513 + 5);
	CHECK_INT_EQ(ns_codec_bound(0), 0);
}

static void test_codec_trailing_bytes(void)
{
	uint32_t v[NS_CODEC_BLOCK + 3], dec[2 * NS_CODEC_BLOCK];
	uint8_t enc[600];
	size_t len;

	for (size_t i = 0; i < NS_CODEC_BLOCK + 3; i++)
		v[i] = (uint32_t)(i * 1000);
	len = ns_codec_encode(enc, v, NS_CODEC_BLOCK + 3);
	memset(enc + len, 0xff, sizeof(enc) - len);
	/* Bytes after the run belong to someone else: not read, not counted. */
	CHECK_INT_EQ(ns_codec_decode(dec, enc, enc + sizeof(enc), NS_CODEC_BLOCK + 3), len);
	CHECK_MEM_EQ(dec, v, sizeof(v));
	CHECK_INT_EQ(ns_codec_skip(enc, enc + sizeof(enc), NS_CODEC_BLOCK + 3), len);
	/* A shorter n reads a prefix of the blocks. */
	CHECK_INT_EQ(ns_codec_skip(enc, enc + sizeof(enc), NS_CODEC_BLOCK), len - 3 * 3);
}

static void test_codec_rejects_bad_width(void)
{
	enum { LEN = 1 + 16 * 255 };
	uint8_t *in = calloc(1, LEN);
	uint32_t *dec = malloc(2 * NS_CODEC_BLOCK * sizeof(*dec));
	size_t bad = 0;

	CHECK(in != NULL && dec != NULL);
	for (unsigned w = 33; w <= 255; w++) {
		in[0] = (uint8_t)w;
		if (ns_codec_decode(dec, in, in + LEN, NS_CODEC_BLOCK) != 0)
			bad++;
		if (ns_codec_skip(in, in + LEN, NS_CODEC_BLOCK) != 0)
			bad++;
	}
	CHECK_INT_EQ(bad, 0);
	/* Width 32 with the bytes present is fine. */
	in[0] = 32;
	CHECK_INT_EQ(ns_codec_decode(dec, in, in + LEN, NS_CODEC_BLOCK), 513);
	/* A bad width in the second block. */
	in[0] = 0;
	in[1] = 40;
	CHECK_INT_EQ(ns_codec_decode(dec, in, in + LEN, 2 * NS_CODEC_BLOCK), 0);
	CHECK_INT_EQ(ns_codec_skip(in, in + LEN, 2 * NS_CODEC_BLOCK), 0);
	free(dec);
	free(in);
}

/* Decodes one value from an exact-length heap copy of bytes[0..len);
 * returns what decode returned and checks that skip agrees. */
static size_t decode_one(const uint8_t *bytes, size_t len, uint32_t *v)
{
	uint32_t dec[NS_CODEC_BLOCK] = { 0 };
	uint8_t *in = dup_exact(bytes, len);
	const uint8_t *end;
	size_t got;

	CHECK(in != NULL);
	end = in + len;
	got = ns_codec_decode(dec, in, end, 1);
	CHECK_INT_EQ(ns_codec_skip(in, end, 1), got);
	*v = dec[0];
	free(in);
	return got;
}

static void test_codec_rejects_wide_varint(void)
{
	static const uint8_t max32[] = { 0xff, 0xff, 0xff, 0xff, 0x0f };
	static const uint8_t two32[] = { 0x80, 0x80, 0x80, 0x80, 0x10 };
	static const uint8_t big64[] = { 0x80, 0x80, 0x80, 0x80, 0x80,
					 0x80, 0x80, 0x80, 0x80, 0x01 };
	uint32_t v = 0;

	CHECK_INT_EQ(decode_one(max32, sizeof(max32), &v), 5);
	CHECK_INT_EQ(v, UINT32_MAX);
	CHECK_INT_EQ(decode_one(two32, sizeof(two32), &v), 0);
	CHECK_INT_EQ(decode_one(big64, sizeof(big64), &v), 0);
}

static void test_codec_prefix_sum(void)
{
	uint32_t v[600], want[600];

	rng_state = 99;
	for (size_t n = 0; n <= 600; n += (n < 20 ? 1 : 37)) {
		uint32_t acc = 12345, base = acc;

		for (size_t i = 0; i < n; i++) {
			v[i] = rng_bits((unsigned)(rng_next() % 12));
			acc += v[i];
			want[i] = acc;
		}
		ns_codec_prefix_sum(v, n, base);
		CHECK(n == 0 || memcmp(v, want, n * sizeof(*v)) == 0);
	}
	/* The contract is uint32_t arithmetic: sums wrap. */
	v[0] = 1;
	v[1] = UINT32_MAX;
	ns_codec_prefix_sum(v, 2, UINT32_MAX);
	CHECK_INT_EQ(v[0], 0);
	CHECK_INT_EQ(v[1], UINT32_MAX);
	/* Gaps of a decoded run become docids. */
	v[0] = 5;
	v[1] = 1;
	v[2] = 10;
	ns_codec_prefix_sum(v, 3, 0);
	CHECK_INT_EQ(v[0], 5);
	CHECK_INT_EQ(v[1], 6);
	CHECK_INT_EQ(v[2], 16);
}

NS_SUITE(codec)
{
	test_codec_edge_lengths();
	test_codec_every_width();
	test_codec_random_mixed();
	test_codec_sizes_and_bytes();
	test_codec_trailing_bytes();
	test_codec_rejects_bad_width();
	test_codec_rejects_wide_varint();
	test_codec_prefix_sum();
}
