/* SPDX-License-Identifier: MIT */
/* fuzz_diff.c -- the differential suite (tests/diff/diffcore.h) on
 * corpora and queries the fuzzer chooses.
 *
 * Input: seed:u64le, then choice bytes.  The corpus (vocabulary, articles,
 * updates, deletions) and 80 queries are drawn from the choice bytes while
 * they last, then from a generator seeded with seed, so an 8-byte input
 * replays `difftest 1 80 SEED` exactly.  Oracle: the engine's pruned top k
 * equals the k best of its exhaustive run (to the bit), whose matches and
 * scores equal the reference's (1e-9), counts and date orders agree, and
 * the index agrees with the model of live articles.
 */
#include <string.h>

#include "diffcore.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dt_totals t;
	uint64_t seed = 0;
	int r;

	memset(&t, 0, sizeof(t));
	for (size_t i = 0; i < 8 && i < size; i++)
		seed |= (uint64_t)data[i] << (8 * i);
	r = size > 8 ? dt_run_corpus(data + 8, size - 8, seed, 80, 0, &t)
		     : dt_run_corpus(NULL, 0, seed, 80, 0, &t);
	FUZZ_CHECK(r == 0 && t.failures == 0);
	return 0;
}
