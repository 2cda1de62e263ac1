/* SPDX-License-Identifier: MIT */
/* t_varint.c -- unit tests of the LEB128 varints (common/varint.c).
 *
 * Every read is from a malloc'd copy of exactly the encoded bytes, so ASan
 * reports a decoder that looks one byte too far.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "varint.h"

static uint8_t *copy_exact(const uint8_t *p, size_t len)
{
	uint8_t *q = malloc(len);

	if (q)
		memcpy(q, p, len);
	return q;
}

static const struct {
	uint64_t v;
	size_t len;		/* encoded bytes */
} cases[] = {
	{ 0, 1 },
	{ 1, 1 },
	{ 127, 1 },
	{ 128, 2 },
	{ 300, 2 },
	{ 16383, 2 },
	{ 16384, 3 },
	{ (1u << 21) - 1, 3 },
	{ 1u << 21, 4 },
	{ (1u << 28) - 1, 4 },
	{ 1u << 28, 5 },
	{ UINT32_MAX, 5 },
	{ (uint64_t)UINT32_MAX + 1, 5 },
	{ (1ull << 35) - 1, 5 },
	{ 1ull << 35, 6 },
	{ (1ull << 63) - 1, 9 },
	{ 1ull << 63, 10 },
	{ UINT64_MAX, 10 },
};
#define N_CASES (sizeof(cases) / sizeof(cases[0]))

static void test_varint_roundtrip(void)
{
	for (size_t k = 0; k < N_CASES; k++) {
		uint8_t buf[NS_VARINT_MAX64];
		uint8_t *in;
		const uint8_t *p;
		uint64_t v = 0;
		uint32_t v32 = 0;
		size_t len = ns_varint_put(buf, cases[k].v);

		CHECK_INT_EQ(len, cases[k].len);
		in = copy_exact(buf, len);
		CHECK(in != NULL);
		p = in;
		CHECK_INT_EQ(ns_varint_get(&p, in + len, &v), 0);
		CHECK(v == cases[k].v);
		CHECK(p == in + len);

		/* get32 takes exactly the values that fit. */
		p = in;
		if (cases[k].v <= UINT32_MAX) {
			CHECK_INT_EQ(ns_varint_get32(&p, in + len, &v32), 0);
			CHECK_INT_EQ(v32, cases[k].v);
			CHECK(p == in + len);
		} else {
			CHECK_INT_EQ(ns_varint_get32(&p, in + len, &v32), -1);
			CHECK(p == in);
		}

		p = in;
		CHECK_INT_EQ(ns_varint_skip(&p, in + len, 1), 0);
		CHECK(p == in + len);
		free(in);
	}
}

static void test_varint_bytes(void)
{
	static const uint8_t b300[] = { 0xac, 0x02 };
	static const uint8_t bmax[] = { 0xff, 0xff, 0xff, 0xff, 0xff,
					0xff, 0xff, 0xff, 0xff, 0x01 };
	uint8_t buf[NS_VARINT_MAX64];

	CHECK_INT_EQ(ns_varint_put(buf, 300), 2);
	CHECK_MEM_EQ(buf, b300, 2);
	CHECK_INT_EQ(ns_varint_put(buf, UINT64_MAX), 10);
	CHECK_MEM_EQ(buf, bmax, 10);
	CHECK_INT_EQ(ns_varint_put(buf, 0), 1);
	CHECK_INT_EQ(buf[0], 0);
}

static void test_varint_rejects_truncated(void)
{
	for (size_t k = 0; k < N_CASES; k++) {
		uint8_t buf[NS_VARINT_MAX64];
		size_t len = ns_varint_put(buf, cases[k].v);

		for (size_t cut = 0; cut < len; cut++) {
			uint8_t *in = copy_exact(buf, cut);
			const uint8_t *p = in;
			uint64_t v = 7;
			uint32_t v32 = 7;

			if (!in && cut > 0)
				continue;
			CHECK_INT_EQ(ns_varint_get(&p, in + cut, &v), -1);
			CHECK(p == in);
			CHECK_INT_EQ(ns_varint_get32(&p, in + cut, &v32), -1);
			CHECK(p == in);
			CHECK_INT_EQ(ns_varint_skip(&p, in + cut, 1), -1);
			CHECK(p == in);
			free(in);
		}
	}
}

static void test_varint_rejects_overlong(void)
{
	/* 11 bytes: no uint64_t needs more than 10. */
	static const uint8_t zero11[] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
					  0x80, 0x80, 0x80, 0x80, 0x00 };
	static const uint8_t ff11[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					0xff, 0xff, 0xff, 0xff, 0x01 };
	/* 10 bytes whose last carries bits beyond 2^63. */
	static const uint8_t over64[] = { 0xff, 0xff, 0xff, 0xff, 0xff,
					  0xff, 0xff, 0xff, 0xff, 0x02 };
	/* 5 bytes, one bit past UINT32_MAX, for get32. */
	static const uint8_t over32[] = { 0xff, 0xff, 0xff, 0xff, 0x1f };
	const struct {
		const uint8_t *b;
		size_t len;
	} bad[] = {
		{ zero11, sizeof(zero11) },
		{ ff11, sizeof(ff11) },
		{ over64, sizeof(over64) },
	};

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		uint8_t *in = copy_exact(bad[k].b, bad[k].len);
		const uint8_t *p = in;
		uint64_t v;
		uint32_t v32;

		CHECK(in != NULL);
		CHECK_INT_EQ(ns_varint_get(&p, in + bad[k].len, &v), -1);
		CHECK(p == in);
		CHECK_INT_EQ(ns_varint_get32(&p, in + bad[k].len, &v32), -1);
		CHECK(p == in);
		free(in);
	}

	{
		uint8_t *in = copy_exact(over32, sizeof(over32));
		const uint8_t *p = in;
		uint64_t v = 0;
		uint32_t v32;

		CHECK(in != NULL);
		CHECK_INT_EQ(ns_varint_get32(&p, in + sizeof(over32), &v32), -1);
		CHECK(p == in);
		CHECK_INT_EQ(ns_varint_get(&p, in + sizeof(over32), &v), 0);
		CHECK(v == 0x1ffffffffull);
		free(in);
	}
}

static void test_varint_skip(void)
{
	uint8_t buf[N_CASES * NS_VARINT_MAX64];
	size_t len = 0, n_at_1000 = 0, off_at_1000 = 0;
	uint8_t *in;
	const uint8_t *p;

	for (size_t k = 0; k < N_CASES; k++) {
		len += ns_varint_put(buf + len, cases[k].v);
		if (cases[k].v < 1000) {
			n_at_1000 = k + 1;
			off_at_1000 = len;
		}
	}
	in = copy_exact(buf, len);
	CHECK(in != NULL);

	p = in;
	CHECK_INT_EQ(ns_varint_skip(&p, in + len, 0), 0);
	CHECK(p == in);
	CHECK_INT_EQ(ns_varint_skip(&p, in + len, n_at_1000), 0);
	CHECK(p == in + off_at_1000);
	p = in;
	CHECK_INT_EQ(ns_varint_skip(&p, in + len, N_CASES), 0);
	CHECK(p == in + len);
	/* One more than there are: fails, leaves p alone. */
	p = in;
	CHECK_INT_EQ(ns_varint_skip(&p, in + len, N_CASES + 1), -1);
	CHECK(p == in);
	/* The last varint cut short. */
	p = in;
	CHECK_INT_EQ(ns_varint_skip(&p, in + len - 1, N_CASES), -1);
	CHECK(p == in);
	/* Reading them back one by one agrees with skipping. */
	p = in;
	for (size_t k = 0; k < N_CASES; k++) {
		uint64_t v = 0;
		CHECK(ns_varint_get(&p, in + len, &v) == 0 && v == cases[k].v);
	}
	CHECK(p == in + len);
	free(in);
}

NS_SUITE(varint)
{
	test_varint_roundtrip();
	test_varint_bytes();
	test_varint_rejects_truncated();
	test_varint_rejects_overlong();
	test_varint_skip();
}
