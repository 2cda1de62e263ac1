/* SPDX-License-Identifier: MIT */
/* t_codec_simd.c -- the vector block unpacker (common/codec_simd.c)
 * against a bit-at-a-time reader of codec.h's layout, on every width
 * 0..32 with random values (all bits set too), the packed bytes in a heap
 * copy of exactly 16 * width bytes so ASan reports any read past them.
 * Where the CPU lacks AVX2 the unpacker declines every width and the
 * scalar path (t_codec) is the one in use.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "codec_simd.h"
#include "unit.h"

static uint64_t rng_state = 0xc0dec;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Value i of width w at bit i * w, least significant bit first. */
static void naive_pack(uint8_t *out, const uint32_t *v, unsigned w)
{
	memset(out, 0, 16 * (size_t)w);
	for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
		for (unsigned b = 0; b < w; b++)
			if (v[i] >> b & 1) {
				size_t at = i * w + b;
				out[at / 8] |= (uint8_t)(1u << (at % 8));
			}
}

static void test_simd_unpack_widths(void)
{
	int handled = 0, declined_in_range = 0;
	long wrong = 0;

	for (unsigned w = 0; w <= 32; w++)
		for (int trial = 0; trial < 6; trial++) {
			uint32_t v[NS_CODEC_BLOCK], got[NS_CODEC_BLOCK];
			uint8_t *packed = malloc(w ? 16 * (size_t)w : 1);
			uint32_t mask = w == 32 ? UINT32_MAX : (1u << w) - 1;
			if (!packed) {
				CHECK(0);
				return;
			}
			for (size_t i = 0; i < NS_CODEC_BLOCK; i++)
				v[i] = trial == 0 ? mask : (uint32_t)rng_next() & mask;
			naive_pack(packed, v, w);
			memset(got, 0xa5, sizeof(got));
			if (ns_codec_simd_unpack(got, packed, 16 * (size_t)w, w)) {
				handled++;
				CHECK(w >= 1 && w <= NS_CODEC_SIMD_MAX_WIDTH);
				if (memcmp(got, v, sizeof(v)))
					wrong++;
			} else if (w >= 1 && w <= NS_CODEC_SIMD_MAX_WIDTH) {
				declined_in_range++;
			}
			free(packed);
		}
	CHECK_INT_EQ(wrong, 0);
	/* all widths of its range or none (no AVX2) */
	CHECK(handled == 0 || (handled == 6 * NS_CODEC_SIMD_MAX_WIDTH && declined_in_range == 0));
	if (!handled)
		fprintf(stderr, "unit: codec_simd: no AVX2 here, vector unpacker not tested\n");
}

/* A run's tail: m < 128 values in their ceil(m * w / 8) bytes exactly;
 * the first m come out right, whatever the rest (out has room for 128). */
static void test_simd_unpack_tails(void)
{
	long wrong = 0, handled = 0;

	for (unsigned w = 1; w <= NS_CODEC_SIMD_MAX_WIDTH; w++)
		for (size_t m = 1; m < NS_CODEC_BLOCK; m += (m < 40 ? 1 : 13)) {
			uint32_t v[NS_CODEC_BLOCK] = { 0 }, got[NS_CODEC_BLOCK];
			uint8_t full[16 * 32], *packed;
			size_t len = (m * w + 7) / 8;
			for (size_t i = 0; i < m; i++)
				v[i] = (uint32_t)rng_next() & ((1u << w) - 1);
			naive_pack(full, v, w);
			packed = malloc(len);
			if (!packed) {
				CHECK(0);
				return;
			}
			memcpy(packed, full, len);
			if (ns_codec_simd_unpack(got, packed, len, w)) {
				handled++;
				if (memcmp(got, v, m * sizeof(*v)))
					wrong++;
			}
			free(packed);
		}
	CHECK_INT_EQ(wrong, 0);
	if (handled)
		CHECK(ns_codec_simd_unpack(NULL, NULL, 16 * 3 + 1, 3) == 0);	/* too long */
}

NS_SUITE(codec_simd)
{
	test_simd_unpack_tails();
	test_simd_unpack_widths();
}
