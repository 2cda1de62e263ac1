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
	 * so w = idf * 2 * 2.2 / (2 + 1.2). */
	ns_bm25_init(&p, 100.0);
	CHECK(near_eq(ns_bm25_weight(&p, 1.0, 2, 100), 2 * 2.2 / 3.2));
	/* Twice the average length: 1 - b + b * 2 = 1.75, so
	 * w = 2 * 2.2 / (2 + 1.2 * 1.75). */
	CHECK(near_eq(ns_bm25_weight(&p, 1.0, 2, 200), 2 * 2.2 / (2 + 1.2 * 1.75)));
	/* Longer documents score lower, more occurrences higher. */
	CHECK(ns_bm25_weight(&p, 1.0, 1, 50) > ns_bm25_weight(&p, 1.0, 1, 500));
	CHECK(ns_bm25_weight(&p, 1.0, 3, 100) > ns_bm25_weight(&p, 1.0, 2, 100));

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
