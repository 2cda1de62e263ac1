/* SPDX-License-Identifier: MIT */
/* rank.h -- BM25 scoring and a bounded top-k heap.
 *
 * BM25 (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25
 * and Beyond", 2009) with k1 = 1.2, b = 0.75, and the non-negative idf
 *   idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))
 *   w(t,d) = idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))
 * where dl counts the words of title and body.  A document's score is the
 * sum of w over the query's terms it contains (each word of a phrase or
 * NEAR counts as a term, as in Xapian).
 */
#ifndef NS_RANK_H
#define NS_RANK_H

#include <stddef.h>
#include <stdint.h>

#define NS_BM25_K1 1.2
#define NS_BM25_B 0.75

double ns_bm25_idf(uint64_t n_docs, uint64_t df);

/* Precomputed per query: 1 - b and b / avgdl, so w() costs one division. */
struct ns_bm25 {
	double k1;
	double one_minus_b;
	double b_over_avgdl;
};

void ns_bm25_init(struct ns_bm25 *p, double avg_doc_len);

static inline double ns_bm25_weight(const struct ns_bm25 *p, double idf, uint32_t tf,
				    uint32_t doc_len)
{
	double norm = p->k1 * (p->one_minus_b + p->b_over_avgdl * (double)doc_len);
	return idf * (double)tf * (p->k1 + 1.0) / ((double)tf + norm);
}

struct ns_hit {
	double score;
	uint64_t docid;		/* global docid */
};

/* Keeps the k best hits: higher score first, ties to the lower docid, so
 * results are deterministic. */
struct ns_topk {
	struct ns_hit *heap;	/* min-heap of the best k (worst at the top) */
	size_t n;
	size_t k;
};

int ns_topk_init(struct ns_topk *t, size_t k);
void ns_topk_release(struct ns_topk *t);
/* The score a new hit must beat to enter (-inf while not full). */
double ns_topk_threshold(const struct ns_topk *t);
void ns_topk_push(struct ns_topk *t, double score, uint64_t docid);
/* Sorts the kept hits best first into t->heap[0..n). */
void ns_topk_sort(struct ns_topk *t);

#endif /* NS_RANK_H */
