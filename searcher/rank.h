/* SPDX-License-Identifier: MIT */
/* rank.h -- the ranking function and a bounded top-k heap.
 *
 * A document's score is the sum, over the query's terms it contains (each
 * word of a phrase or NEAR counts, as in Xapian), of a BM25 weight with the
 * title counted w_t times (a one-normalisation BM25F: Robertson, Zaragoza &
 * Taylor, "Simple BM25 extension to multiple weighted fields", 2004):
 *
 *   idf(t)  = ln(1 + (N - df + 0.5) / (df + 0.5))          (never negative)
 *   tf'     = w_t * tf_title + tf_body
 *   dl'     = dl + (w_t - 1) * title_len                   (dl: title + body)
 *   w(t,d)  = boost(t) * idf(t) * tf' * (k1 + 1) / (tf' + k1 * (1 - b + b * dl' / avgdl))
 *
 * plus, for queries of two or more distinct terms, a proximity score
 * (BM25TP: Buettcher, Clarke & Lushman, "Term proximity scoring for ad-hoc
 * retrieval on very large text collections", SIGIR 2006): for each pair of
 * neighbouring occurrences of different query terms in one field, at
 * distance d, each term's accumulator gains the other's idf / d^2, and
 *
 *   prox(d) = w_p * sum_t min(1, idf(t)) * acc(t) * (k1 + 1) / (acc(t) + K),
 *   K = k1 * (1 - b + b * dl / avgdl).
 *
 * Parameters (chosen by `make eval` on six test collections, by the mean
 * MAP over all six, not tuned to one; see README "Ranking"):
 * k1 = 1.5, b = 0.75, w_t = 3, w_p = 0.25.  boost(t) is 1 except for terms
 * added by query expansion.
 */
#ifndef NS_RANK_H
#define NS_RANK_H

#include <stddef.h>
#include <stdint.h>

#define NS_BM25_K1 1.5
#define NS_BM25_B 0.75
#define NS_TITLE_WEIGHT 3.0	/* a title word counts as three body words */
#define NS_PROX_WEIGHT 0.25	/* weight of the proximity score */

double ns_bm25_idf(uint64_t n_docs, uint64_t df);

/* Precomputed per query: 1 - b and b / avgdl, so w() costs one division. */
struct ns_bm25 {
	double k1;
	double b;
	double one_minus_b;
	double b_over_avgdl;
	double title_weight;	/* w_t */
	double prox_weight;	/* w_p; 0 turns proximity off */
};

/* The default parameters for an index whose documents average
 * avg_doc_len words. */
void ns_bm25_init(struct ns_bm25 *p, double avg_doc_len);

/* k1 * (1 - b + b * dl / avgdl) */
static inline double ns_bm25_norm(const struct ns_bm25 *p, double doc_len)
{
	return p->k1 * (p->one_minus_b + p->b_over_avgdl * doc_len);
}

/* Plain BM25 of tf occurrences (title not weighted). */
static inline double ns_bm25_weight(const struct ns_bm25 *p, double idf, uint32_t tf,
				    uint32_t doc_len)
{
	return idf * (double)tf * (p->k1 + 1.0) / ((double)tf + ns_bm25_norm(p, doc_len));
}

/* w(t,d) above without boost: tf_title of the tf occurrences are in the
 * title, which has title_len of the doc_len words. */
static inline double ns_bm25f_weight(const struct ns_bm25 *p, double idf, uint32_t tf_title,
				     uint32_t tf, uint32_t title_len, uint32_t doc_len)
{
	double w = p->title_weight;
	double tfw = w * (double)tf_title + (double)(tf - tf_title);
	double dlw = (double)doc_len + (w - 1.0) * (double)title_len;

	return idf * tfw * (p->k1 + 1.0) / (tfw + ns_bm25_norm(p, dlw));
}

/* One occurrence of a query term, for the proximity score. */
struct ns_prox_occ {
	uint32_t pos;		/* word position */
	uint32_t term;		/* distinct term: index into idf[] */
};

/* prox(d) above over occ[0..n) (sorted here by position); idf[] and acc[]
 * (scratch) have n_terms entries.  Neighbours across the title/body
 * boundary (title_len) do not count. */
double ns_prox_score(const struct ns_bm25 *p, struct ns_prox_occ *occ, size_t n,
		     const double *idf, double *acc, size_t n_terms, uint32_t title_len,
		     uint32_t doc_len);

/* An upper bound of ns_prox_score() for these terms, whatever the
 * document: lets the search skip computing it for documents whose score
 * cannot reach the top k anyway. */
double ns_prox_bound(const struct ns_bm25 *p, const double *idf, size_t n_terms);

struct ns_hit {
	double score;		/* BM25 */
	uint64_t docid;		/* global docid */
	double key;		/* what the heap orders by (= score unless the
				 * hit was pushed with ns_topk_push_key) */
};

/* Keeps the k best hits: higher key first, ties to the lower docid, so
 * results are deterministic. */
struct ns_topk {
	struct ns_hit *heap;	/* min-heap of the best k (worst at the top) */
	size_t n;
	size_t k;
	/* grouped (ns_topk_group()): heap[i]'s group; NULL: not grouped */
	uint32_t *group;
	uint32_t (*group_of)(void *ctx, uint64_t docid);
	void *group_ctx;
};

/* A hit group_of() puts in no group: it stands alone. */
#define NS_TOPK_NO_GROUP UINT32_MAX

int ns_topk_init(struct ns_topk *t, size_t k);
/* From now on t keeps the best hit of each of the k best groups (a group
 * ranks as its best hit): the top k of a collapsed list, found with the
 * same threshold (the k-th best group's hit) as plain hits, so a search
 * prunes as well as without grouping.  group_of(ctx, docid) names a hit's
 * group; it is asked only for hits good enough to enter.  Each entering
 * hit costs a look through the k kept, so k should be small (a page of
 * results, not every match).  Call on an empty t.  NS_OK or NS_ERR_NOMEM. */
int ns_topk_group(struct ns_topk *t, uint32_t (*group_of)(void *ctx, uint64_t docid),
		  void *ctx);
void ns_topk_release(struct ns_topk *t);
/* The key a new hit must beat to enter (-inf while not full). */
double ns_topk_threshold(const struct ns_topk *t);
void ns_topk_push(struct ns_topk *t, double score, uint64_t docid);
/* The same ordered by key instead of score (another sort order; key must
 * not be NaN). */
void ns_topk_push_key(struct ns_topk *t, double key, double score, uint64_t docid);
/* Sorts the kept hits best first into t->heap[0..n). */
void ns_topk_sort(struct ns_topk *t);

#endif /* NS_RANK_H */
