/* SPDX-License-Identifier: MIT */
/* main.c -- the differential suite's runner (diffcore.h): corpora seeded
 * 1..N, Q queries each.
 *
 *   difftest [-v] [CORPORA [QUERIES [FIRST_SEED]]]
 *
 * Ends with "difftest: N passed, N failed" (query cases); a failure names
 * the corpus seed, which `difftest -v 1 Q SEED` replays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diffcore.h"

int main(int argc, char **argv)
{
	struct dt_totals t = { 0 };
	int verbose = 0, a = 1, corpora = 60, queries = 80;
	uint64_t first = 1;
	struct timespec t0, t1;

	if (a < argc && strcmp(argv[a], "-v") == 0) {
		verbose = 1;
		a++;
	}
	if (a < argc)
		corpora = atoi(argv[a++]);
	if (a < argc)
		queries = atoi(argv[a++]);
	if (a < argc)
		first = strtoull(argv[a++], NULL, 10);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < corpora; i++) {
		uint64_t before = t.failures;
		int r = dt_run_corpus(NULL, 0, first + (uint64_t)i, queries, verbose, &t);
		if (r != 0 || t.failures != before)
			fprintf(stderr, "difftest: corpus seed %llu failed (replay: difftest -v 1 %d %llu)\n",
				(unsigned long long)(first + (uint64_t)i), queries,
				(unsigned long long)(first + (uint64_t)i));
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr,
		"difftest: %llu corpora (%llu also as shards), %llu queries (%llu pruned top k), "
		"%llu matches, %.1f s\n",
		(unsigned long long)t.corpora, (unsigned long long)t.sharded,
		(unsigned long long)t.queries,
		(unsigned long long)t.pruned, (unsigned long long)t.matches,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("difftest: %llu passed, %llu failed\n",
	       (unsigned long long)(t.queries - (t.failures > t.queries ? t.queries : t.failures)),
	       (unsigned long long)t.failures);
	return t.failures ? 1 : 0;
}
