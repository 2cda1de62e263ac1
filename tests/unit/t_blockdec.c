/* SPDX-License-Identifier: MIT */
/* t_blockdec.c -- unit tests of a postings block's docids and tfs
 * and position starts (common/blockdec.c): known values, and the vector path against the
 * portable one on every block width 0..128 with random gaps of every bit
 * width, bases near the vector path's limits, wrapped tfs and title tfs on
 * both sides of tf.  Arrays are sized exactly n (heap), so ASan catches a
 * write or read past the block.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "blockdec.h"
#include "unit.h"

static uint64_t rng_state = 0x5eed;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint32_t rng_bits(unsigned w)
{
	return w == 0 ? 0 : (uint32_t)(rng_next() >> (64 - w));
}

static uint32_t *alloc_n(uint32_t n)
{
	return malloc((n ? n : 1) * sizeof(uint32_t));
}

static void test_blockdec_known(void)
{
	uint32_t gaps[5] = { 5, 0, 2, 0, 7 }, docs[5];
	uint32_t tfs[5] = { 0, 1, 2, 3, 4 }, tts[5] = { 1, 2, 0, 4, 5 };
	const uint32_t want[5] = { 5, 6, 9, 10, 18 }, want_tf[5] = { 1, 2, 3, 4, 5 };

	CHECK_INT_EQ(ns_blockdec_docids(docs, gaps, 5, 0), 19);
	CHECK_MEM_EQ(docs, want, sizeof(want));
	CHECK_INT_EQ(ns_blockdec_docids(docs, gaps, 5, 100), 119);
	CHECK_INT_EQ(docs[0], 105);
	CHECK_INT_EQ(ns_blockdec_docids(docs, gaps, 0, 7), 7);
	/* a gap that would wrap 32 bits still counts in the returned end */
	gaps[4] = UINT32_MAX;
	CHECK(ns_blockdec_docids(docs, gaps, 5, 0) == (uint64_t)10 + 1 + UINT32_MAX + 1);
	CHECK_INT_EQ(ns_blockdec_tfs(tfs, tts, 5), 1);
	CHECK_MEM_EQ(tfs, want_tf, sizeof(want_tf));
	for (uint32_t i = 0; i < 5; i++)
		tfs[i] = i;
	tts[2] = 4;	/* title tf 4 > tf 3 */
	CHECK_INT_EQ(ns_blockdec_tfs(tfs, tts, 5), 0);
	CHECK_INT_EQ(tfs[2], 3);
	CHECK_INT_EQ(ns_blockdec_tfs(tfs, NULL, 5), 1);
	tfs[1] = UINT32_MAX;	/* tf - 1 = 2^32 - 1: tf wraps */
	CHECK_INT_EQ(ns_blockdec_tfs(tfs, NULL, 5), 0);
	CHECK_INT_EQ(tfs[1], 0);
}

static void test_blockdec_docids_equal(void)
{
	static const uint64_t bases[] = { 0, 1, 127, 1000000, (UINT64_C(1) << 31) - 200,
					  UINT64_C(1) << 31, UINT32_MAX - 5u, UINT32_MAX };
	long differ = 0;

	for (uint32_t n = 0; n <= 128; n++)
		for (unsigned w = 0; w <= 32; w++)
			for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
				uint32_t *gaps = alloc_n(n), *d1 = alloc_n(n), *d2 = alloc_n(n);
				uint64_t e1, e2;
				if (!gaps || !d1 || !d2) {
					CHECK(0);
					return;
				}
				for (uint32_t i = 0; i < n; i++)
					gaps[i] = rng_bits(w);
				if (n && w == 24)
					gaps[rng_next() % n] = 1u << 23;	/* just over */
				e1 = ns_blockdec_docids(d1, gaps, n, bases[b]);
				e2 = ns_blockdec_docids_portable(d2, gaps, n, bases[b]);
				if (e1 != e2 || (n && memcmp(d1, d2, n * sizeof(*d1))))
					differ++;
				free(gaps);
				free(d1);
				free(d2);
			}
	CHECK_INT_EQ(differ, 0);
}

static void test_blockdec_tfs_equal(void)
{
	long differ = 0;

	for (uint32_t n = 0; n <= 128; n++)
		for (int trial = 0; trial < 40; trial++) {
			uint32_t *t1 = alloc_n(n), *t2 = alloc_n(n), *tt = alloc_n(n);
			int with_tt = trial % 2, r1, r2;
			if (!t1 || !t2 || !tt) {
				CHECK(0);
				return;
			}
			for (uint32_t i = 0; i < n; i++) {
				t1[i] = rng_bits((unsigned)(trial % 33));
				tt[i] = t1[i] + 1 - (rng_next() % 4 == 0 ? 0 : rng_bits(3) % (t1[i] + 1));
				if (trial % 5 == 0)
					tt[i] = rng_bits((unsigned)(trial % 33));
			}
			if (n && trial % 7 == 3)
				t1[rng_next() % n] = UINT32_MAX;
			if (n && trial % 11 == 4)
				tt[rng_next() % n] = t1[0] + 2;
			memcpy(t2, t1, n * sizeof(*t1));
			r1 = ns_blockdec_tfs(t1, with_tt ? tt : NULL, n);
			r2 = ns_blockdec_tfs_portable(t2, with_tt ? tt : NULL, n);
			if (r1 != r2 || (n && memcmp(t1, t2, n * sizeof(*t1))))
				differ++;
			free(t1);
			free(t2);
			free(tt);
		}
	CHECK_INT_EQ(differ, 0);
}

static void test_blockdec_starts(void)
{
	const uint32_t tfs[6] = { 1, 3, 1, 2, 5, 1 }, want[7] = { 0, 1, 4, 5, 7, 12, 13 };
	uint32_t starts[7];
	long differ = 0;

	CHECK_INT_EQ(ns_blockdec_starts(starts, tfs, 6), 13);
	CHECK_MEM_EQ(starts, want, sizeof(want));
	CHECK_INT_EQ(ns_blockdec_starts(starts, tfs, 0), 0);
	CHECK_INT_EQ(starts[0], 0);
	for (uint32_t n = 0; n <= 128; n++)
		for (unsigned w = 0; w <= 32; w++) {
			uint32_t *t = alloc_n(n), *s1 = alloc_n(n + 1), *s2 = alloc_n(n + 1);
			if (!t || !s1 || !s2) {
				CHECK(0);
				return;
			}
			for (uint32_t i = 0; i < n; i++)
				t[i] = rng_bits(w);
			if (ns_blockdec_starts(s1, t, n) != ns_blockdec_starts_portable(s2, t, n) ||
			    memcmp(s1, s2, (n + 1) * sizeof(*s1)))
				differ++;
			free(t);
			free(s1);
			free(s2);
		}
	CHECK_INT_EQ(differ, 0);
}

NS_SUITE(blockdec)
{
	test_blockdec_starts();
	test_blockdec_known();
	test_blockdec_docids_equal();
	test_blockdec_tfs_equal();
}
