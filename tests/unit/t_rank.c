/* SPDX-License-Identifier: MIT */
/* t_rank.c -- BM25 pinned on a hand-computed example; the top-k heap,
 * plain and grouped. */
#include <math.h>
#include <stdlib.h>

#include "rank.h"
#include "unit.h"

static int near_eq(double a, double b)
{
	return fabs(a - b) < 1e-9 * (fabs(a) + fabs(b) + 1);
}

/* Groups of the grouped top-k test: docid % 7, and docids that are
 * multiples of 5 in no group. */
static uint32_t group_mod7(void *ctx, uint64_t docid)
{
	(void)ctx;
	return docid % 5 == 0 ? NS_TOPK_NO_GROUP : (uint32_t)(docid % 7);
}

struct scored_doc {
	double score;
	uint64_t docid;
};

static int best_first(const void *x, const void *y)
{
	const struct scored_doc *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->docid < b->docid ? -1 : a->docid > b->docid;
}

/* The grouped top k of a random stream of n hits (scores with many ties)
 * against collapsing after the fact: every hit sorted, the first of each
 * group kept, the first k of those.  Returns the mismatches. */
static int grouped_mismatches(unsigned seed, size_t n, size_t k)
{
	struct scored_doc *all = malloc(n * sizeof(*all));
	struct scored_doc *want = malloc(n * sizeof(*want));
	int seen[7] = { 0 }, bad = 0;
	size_t n_want = 0;
	struct ns_topk t;

	if (!all || !want || ns_topk_init(&t, k) != 0 || ns_topk_group(&t, group_mod7, NULL) != 0) {
		free(all);
		free(want);
		return 1;
	}
	srand(seed);
	for (size_t i = 0; i < n; i++) {
		all[i].score = (double)(rand() % 50);
		all[i].docid = (uint64_t)i * 3 + (uint64_t)(rand() % 3);
		ns_topk_push(&t, all[i].score, all[i].docid);
	}
	qsort(all, n, sizeof(*all), best_first);
	for (size_t i = 0; i < n && n_want < k; i++) {
		uint32_t g = group_mod7(NULL, all[i].docid);
		if (g != NS_TOPK_NO_GROUP && seen[g]++)
			continue;
		want[n_want++] = all[i];
	}
	ns_topk_sort(&t);
	bad += t.n != n_want;
	for (size_t i = 0; i < t.n && i < n_want; i++)
		bad += t.heap[i].docid != want[i].docid || t.heap[i].score != want[i].score;
	ns_topk_release(&t);
	free(all);
	free(want);
	return bad;
}

NS_SUITE(rank)
{
	struct ns_bm25 p;
	struct ns_topk t;

	/* N = 4 articles, df = 1: idf = ln(1 + 3.5 / 1.5) = ln(10/3). */
	CHECK(near_eq(ns_bm25_idf(4, 1), log(10.0 / 3.0)));
	/* A word in every article still weighs a little (never negative). */
	CHECK(ns_bm25_idf(4, 4) > 0);
	CHECK(near_eq(ns_bm25_idf(4, 4), log(1.0 + 0.5 / 4.5)));
	/* tf = 2 in a document of average length: the length factor is 1,
	 * so w = idf * 2 * (k1 + 1) / (2 + k1) with k1 = 1.5. */
	ns_bm25_init(&p, 100.0);
	CHECK(near_eq(p.k1, 1.5) && near_eq(p.b, 0.75));
	CHECK(near_eq(ns_bm25_weight(&p, 1.0, 2, 100), 2 * 2.5 / 3.5));
	/* Twice the average length: 1 - b + b * 2 = 1.75, so
	 * w = 2 * 2.5 / (2 + 1.5 * 1.75). */
	CHECK(near_eq(ns_bm25_weight(&p, 1.0, 2, 200), 2 * 2.5 / (2 + 1.5 * 1.75)));
	/* Longer documents score lower, more occurrences higher. */
	CHECK(ns_bm25_weight(&p, 1.0, 1, 50) > ns_bm25_weight(&p, 1.0, 1, 500));
	CHECK(ns_bm25_weight(&p, 1.0, 3, 100) > ns_bm25_weight(&p, 1.0, 2, 100));

	/* Title weight 3: a document of 90 body + 10 title words with the
	 * term once in the title and once in the body: tf' = 3 + 1 = 4,
	 * dl' = 100 + 2 * 10 = 120, norm = 1.5 * (0.25 + 0.75 * 1.2) = 1.725,
	 * w = 2 * 4 * 2.5 / (4 + 1.725) = 20 / 5.725 = 3.4934. */
	CHECK(near_eq(ns_bm25f_weight(&p, 2.0, 1, 2, 10, 100), 20.0 / 5.725));
	/* Without titles it is plain BM25. */
	CHECK(near_eq(ns_bm25f_weight(&p, 2.0, 0, 2, 0, 100), ns_bm25_weight(&p, 2.0, 2, 100)));

	/* Proximity (BM25TP), two terms A (idf 2) and B (idf 0.5), document of
	 * average length (K = 1.5), no title.  Occurrences: A 10, B 12, A 30:
	 * the neighbours 10-12 (distance 2) and 12-30 (distance 18):
	 *   acc(A) = 0.5 / 4 + 0.5 / 324 = 0.126543
	 *   acc(B) = 2 / 4 + 2 / 324 = 0.506173
	 *   prox = 0.25 * (min(1, 2) * acc(A) * 2.5 / (acc(A) + 1.5)
	 *                + min(1, 0.5) * acc(B) * 2.5 / (acc(B) + 1.5))
	 *        = 0.25 * (0.194497 + 0.315385) = 0.127471 */
	{
		struct ns_prox_occ occ[3] = { { 30, 0 }, { 10, 0 }, { 12, 1 } };
		double idf[2] = { 2.0, 0.5 }, acc[2];
		double a = 0.5 / 4 + 0.5 / 324, b = 2.0 / 4 + 2.0 / 324;
		double want = 0.25 * (a * 2.5 / (a + 1.5) + 0.5 * b * 2.5 / (b + 1.5));
		CHECK(near_eq(ns_prox_score(&p, occ, 3, idf, acc, 2, 0, 100), want));
		CHECK(fabs(want - 0.127471) < 1e-5);
		/* The same pair split by the title boundary (title of 11 words:
		 * 10 in the title, 12 in the body) counts only 12-30. */
		struct ns_prox_occ occ2[3] = { { 10, 0 }, { 12, 1 }, { 30, 0 } };
		double a2 = 0.5 / 324, b2 = 2.0 / 324;
		CHECK(near_eq(ns_prox_score(&p, occ2, 3, idf, acc, 2, 11, 100),
			      0.25 * (a2 * 2.5 / (a2 + 1.5) + 0.5 * b2 * 2.5 / (b2 + 1.5))));
		/* The bound is never below a score. */
		CHECK(ns_prox_bound(&p, idf, 2) >= want);
		/* One term only: no proximity. */
		struct ns_prox_occ occ3[2] = { { 1, 0 }, { 2, 0 } };
		CHECK(near_eq(ns_prox_score(&p, occ3, 2, idf, acc, 2, 0, 100), 0));
	}

	/* Top 3 of a stream: best first, equal scores by lower docid. */
	CHECK_INT_EQ(ns_topk_init(&t, 3), 0);
	ns_topk_push(&t, 1.0, 10);
	ns_topk_push(&t, 5.0, 11);
	ns_topk_push(&t, 2.0, 12);
	ns_topk_push(&t, 2.0, 3);	/* ties with 12, earlier: evicts 10 */
	ns_topk_push(&t, 0.5, 1);	/* below the threshold */
	ns_topk_push(&t, 2.0, 20);	/* ties 2.0 but a later docid: out */
	CHECK(near_eq(ns_topk_threshold(&t), 2.0));
	ns_topk_sort(&t);
	CHECK_INT_EQ(t.n, 3);
	CHECK_INT_EQ(t.heap[0].docid, 11);
	CHECK_INT_EQ(t.heap[1].docid, 3);
	CHECK_INT_EQ(t.heap[2].docid, 12);
	ns_topk_release(&t);
	CHECK_INT_EQ(ns_topk_init(&t, 0), 0);
	ns_topk_push(&t, 1.0, 1);
	CHECK_INT_EQ(t.n, 0);
	ns_topk_release(&t);

	/* Grouped by hand: 8, 22 and 29 share group 1 (docid % 7), so 22
	 * takes 8's place, being better, and 29, worse, changes nothing; 10
	 * and 20 are in no group (multiples of 5). */
	CHECK_INT_EQ(ns_topk_init(&t, 3), 0);
	CHECK_INT_EQ(ns_topk_group(&t, group_mod7, NULL), 0);
	ns_topk_push(&t, 3.0, 8);
	ns_topk_push(&t, 1.0, 9);
	ns_topk_push(&t, 4.0, 22);	/* group 1 again, better: replaces 8 */
	ns_topk_push(&t, 1.5, 29);	/* group 1, worse than 22: nothing */
	ns_topk_push(&t, 2.0, 10);	/* no group */
	CHECK(near_eq(ns_topk_threshold(&t), 1.0));
	ns_topk_push(&t, 1.5, 20);	/* no group, beats 9: evicts it */
	ns_topk_sort(&t);
	CHECK_INT_EQ(t.n, 3);
	CHECK_INT_EQ(t.heap[0].docid, 22);
	CHECK_INT_EQ(t.heap[1].docid, 10);
	CHECK_INT_EQ(t.heap[2].docid, 20);
	ns_topk_release(&t);
	/* Random streams against collapsing after the fact. */
	for (unsigned seed = 1; seed <= 200; seed++)
		CHECK_INT_EQ(grouped_mismatches(seed, 20 + seed % 300, 1 + seed % 9), 0);
}
