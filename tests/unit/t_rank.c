/* SPDX-License-Identifier: MIT */
/* t_rank.c -- BM25 pinned on a hand-computed example; the top-k heap. */
#include <math.h>

#include "rank.h"
#include "unit.h"

static int near_eq(double a, double b)
{
	return fabs(a - b) < 1e-9 * (fabs(a) + fabs(b) + 1);
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
}
