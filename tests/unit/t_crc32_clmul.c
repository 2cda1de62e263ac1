/* SPDX-License-Identifier: MIT */
/* t_crc32_clmul.c -- the carry-less-multiplication CRC-32
 * (common/crc32_clmul.c) against zlib's crc32(): every multiple of 16
 * from 16 to 4 KiB and one over 64 KiB (a doc-table chunk's size), at
 * random starting CRCs, each buffer a heap copy of exactly its length
 * so ASan reports a read past it; and ns_crc32_update() (which takes it
 * for 64 bytes and more) on every length 0..1100.  Where the CPU lacks
 * PCLMULQDQ the function declines, and the table version is the one in
 * use.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "crc32_clmul.h"
#include "fileio.h"
#include "unit.h"

static uint64_t rng_state = 0xc3c32;

static uint32_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return (uint32_t)(z ^ (z >> 31));
}

static uint8_t *random_bytes(size_t n)
{
	uint8_t *b = malloc(n ? n : 1);

	for (size_t i = 0; b && i < n; i++)
		b[i] = (uint8_t)rng_next();
	return b;
}

static void test_clmul_against_zlib(void)
{
	long wrong = 0, handled = 0, declined = 0;

	for (size_t n = 16; n <= 4096 + 65536; n += n < 4096 ? 16 : 65536 - 4096 + 16) {
		for (int trial = 0; trial < 3; trial++) {
			uint8_t *b = random_bytes(n);
			uint32_t start = trial ? rng_next() : 0, got = start;
			if (!b) {
				CHECK(0);
				return;
			}
			if (trial == 2)
				memset(b, 0xff, n);
			if (ns_crc32_clmul(&got, b, n)) {
				handled++;
				if (got != (uint32_t)crc32(start, b, (uInt)n))
					wrong++;
			} else {
				declined++;
				CHECK(got == start);
			}
			free(b);
		}
	}
	CHECK_INT_EQ(wrong, 0);
	CHECK(handled == 0 || declined == 3 * 3);	/* only 16, 32 and 48 */
	{
		uint8_t b[80] = { 0 };
		uint32_t c = 7;
		CHECK(ns_crc32_clmul(&c, b, 72) == 0 && c == 7);	/* not a multiple of 16 */
	}
}

static void test_update_every_length(void)
{
	uint8_t *all = random_bytes(1200);
	long wrong = 0;

	if (!all) {
		CHECK(0);
		return;
	}
	for (size_t n = 0; n <= 1100; n++)
		for (size_t off = 0; off < 3; off++) {
			uint8_t *b = malloc(n ? n : 1);
			uint32_t start = (uint32_t)(n * 2654435761u);
			if (!b) {
				CHECK(0);
				free(all);
				return;
			}
			memcpy(b, all + off, n);
			if (ns_crc32_update(start, b, n) != (uint32_t)crc32(start, b, (uInt)n))
				wrong++;
			free(b);
		}
	CHECK_INT_EQ(wrong, 0);
	/* in pieces: the same as at once */
	CHECK(ns_crc32_update(ns_crc32(all, 100), all + 100, 1000) == ns_crc32(all, 1100));
	free(all);
}

NS_SUITE(crc32_clmul)
{
	test_clmul_against_zlib();
	test_update_every_length();
}
