/* SPDX-License-Identifier: MIT */
/* rank.c -- BM25 and the top-k heap (see rank.h). */
#include "rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

double ns_bm25_idf(uint64_t n_docs, uint64_t df)
{
	double n = (double)n_docs, d = (double)df;

	if (d > n)
		d = n;
	return log(1.0 + (n - d + 0.5) / (d + 0.5));
}

void ns_bm25_init(struct ns_bm25 *p, double avg_doc_len)
{
	p->k1 = NS_BM25_K1;
	p->b = NS_BM25_B;
	p->one_minus_b = 1.0 - NS_BM25_B;
	p->b_over_avgdl = NS_BM25_B / (avg_doc_len > 0 ? avg_doc_len : 1.0);
	p->title_weight = NS_TITLE_WEIGHT;
	p->prox_weight = NS_PROX_WEIGHT;
}

static int cmp_occ(const void *a, const void *b)
{
	const struct ns_prox_occ *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

static int occ_less(const struct ns_prox_occ *a, const struct ns_prox_occ *b)
{
	return a->pos < b->pos || (a->pos == b->pos && a->term < b->term);
}

/* Sorts occ by (position, term).  The occurrences come as runs already
 * in order (one per term), so runs are merged pairwise (a natural merge
 * sort): a query of two words costs one merge, not a qsort. */
static void sort_occ(struct ns_prox_occ *occ, size_t n)
{
	struct ns_prox_occ small[256], *tmp = small, *src = occ, *dst;
	size_t runs = 1;

	for (size_t i = 1; i < n; i++)
		runs += occ_less(&occ[i], &occ[i - 1]);
	if (runs == 1)
		return;
	if (n > sizeof(small) / sizeof(small[0])) {
		tmp = malloc(n * sizeof(*tmp));
		if (!tmp) {
			qsort(occ, n, sizeof(*occ), cmp_occ);
			return;
		}
	}
	dst = tmp;
	while (runs > 1) {
		size_t i = 0, o = 0;
		runs = 0;
		while (i < n) {
			size_t a = i, a_end = i + 1, b, b_end;
			while (a_end < n && !occ_less(&src[a_end], &src[a_end - 1]))
				a_end++;
			b = b_end = a_end;
			while (b_end < n && (b_end == b || !occ_less(&src[b_end], &src[b_end - 1])))
				b_end++;
			while (a < a_end && b < b_end)
				dst[o++] = occ_less(&src[b], &src[a]) ? src[b++] : src[a++];
			while (a < a_end)
				dst[o++] = src[a++];
			while (b < b_end)
				dst[o++] = src[b++];
			i = b_end;
			runs++;
		}
		{
			struct ns_prox_occ *t = src;
			src = dst;
			dst = t;
		}
	}
	if (src != occ)
		memcpy(occ, src, n * sizeof(*occ));
	if (tmp != small)
		free(tmp);
}

double ns_prox_score(const struct ns_bm25 *p, struct ns_prox_occ *occ, size_t n,
		     const double *idf, double *acc, size_t n_terms, uint32_t title_len,
		     uint32_t doc_len)
{
	double s = 0, k;

	if (p->prox_weight <= 0 || n < 2)
		return 0;
	sort_occ(occ, n);
	for (size_t t = 0; t < n_terms; t++)
		acc[t] = 0;
	for (size_t i = 1; i < n; i++) {
		const struct ns_prox_occ *a = &occ[i - 1], *b = &occ[i];
		double d;
		/* Only neighbours: the nearest other term on each side, in one
		 * field (a phrase never spans title and body either). */
		if (a->term == b->term || a->pos == b->pos ||
		    (a->pos < title_len) != (b->pos < title_len))
			continue;
		d = (double)(b->pos - a->pos);
		acc[a->term] += idf[b->term] / (d * d);
		acc[b->term] += idf[a->term] / (d * d);
	}
	k = ns_bm25_norm(p, (double)doc_len);
	for (size_t t = 0; t < n_terms; t++)
		if (acc[t] > 0)
			s += (idf[t] < 1.0 ? idf[t] : 1.0) * acc[t] * (p->k1 + 1.0) / (acc[t] + k);
	return p->prox_weight * s;
}

double ns_prox_bound(const struct ns_bm25 *p, const double *idf, size_t n_terms)
{
	double s = 0;

	/* acc / (acc + K) < 1 */
	for (size_t t = 0; t < n_terms; t++)
		s += (idf[t] < 1.0 ? idf[t] : 1.0) * (p->k1 + 1.0);
	return p->prox_weight * s;
}

int ns_topk_init(struct ns_topk *t, size_t k)
{
	t->n = 0;
	t->k = k;
	t->group = NULL;
	t->group_of = NULL;
	t->group_ctx = NULL;
	t->heap = malloc((k + 1) * sizeof(*t->heap));
	return t->heap ? NS_OK : NS_ERR_NOMEM;
}

int ns_topk_group(struct ns_topk *t, uint32_t (*group_of)(void *ctx, uint64_t docid), void *ctx)
{
	t->group = malloc((t->k + 1) * sizeof(*t->group));
	if (!t->group)
		return NS_ERR_NOMEM;
	t->group_of = group_of;
	t->group_ctx = ctx;
	return NS_OK;
}

void ns_topk_release(struct ns_topk *t)
{
	free(t->heap);
	free(t->group);
	t->heap = NULL;
	t->group = NULL;
	t->n = 0;
}

/* a is worse than b: lower key, or equal key and higher docid. */
static int worse(const struct ns_hit *a, const struct ns_hit *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	return a->docid > b->docid;
}

double ns_topk_threshold(const struct ns_topk *t)
{
	return t->n < t->k ? -HUGE_VAL : t->heap[0].key;
}

/* Swaps heap entries i and j (and their groups, when grouped). */
static void swap_hits(struct ns_topk *t, size_t i, size_t j)
{
	struct ns_hit tmp = t->heap[i];

	t->heap[i] = t->heap[j];
	t->heap[j] = tmp;
	if (t->group) {
		uint32_t g = t->group[i];
		t->group[i] = t->group[j];
		t->group[j] = g;
	}
}

static void sift_down(struct ns_topk *t, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < t->n && worse(&t->heap[l], &t->heap[m]))
			m = l;
		if (r < t->n && worse(&t->heap[r], &t->heap[m]))
			m = r;
		if (m == i)
			return;
		swap_hits(t, i, m);
		i = m;
	}
}

static void sift_up(struct ns_topk *t, size_t i)
{
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!worse(&t->heap[i], &t->heap[parent]))
			return;
		swap_hits(t, i, parent);
		i = parent;
	}
}

/* Grouped: a hit of a group already kept replaces it only when better
 * (a min-heap entry that gets better moves down); a new group enters as
 * a plain hit would, pushing out the worst group when full. */
static void push_grouped(struct ns_topk *t, const struct ns_hit *hit)
{
	uint32_t g = t->group_of(t->group_ctx, hit->docid);

	if (g != NS_TOPK_NO_GROUP)
		for (size_t i = 0; i < t->n; i++)
			if (t->group[i] == g) {
				if (worse(&t->heap[i], hit)) {
					t->heap[i] = *hit;
					sift_down(t, i);
				}
				return;
			}
	if (t->n < t->k) {
		t->heap[t->n] = *hit;
		t->group[t->n] = g;
		sift_up(t, t->n++);
		return;
	}
	t->heap[0] = *hit;
	t->group[0] = g;
	sift_down(t, 0);
}

void ns_topk_push(struct ns_topk *t, double score, uint64_t docid)
{
	ns_topk_push_key(t, score, score, docid);
}

void ns_topk_push_key(struct ns_topk *t, double key, double score, uint64_t docid)
{
	struct ns_hit hit = { score, docid, key };

	if (t->k == 0)
		return;
	/* a hit no better than the worst kept cannot enter, nor better its
	 * group's kept hit (which is at least as good) */
	if (t->n == t->k && !worse(&t->heap[0], &hit))
		return;
	if (t->group) {
		push_grouped(t, &hit);
	} else if (t->n < t->k) {
		t->heap[t->n] = hit;
		sift_up(t, t->n++);
	} else {
		t->heap[0] = hit;
		sift_down(t, 0);
	}
}

static int better_first(const void *a, const void *b)
{
	const struct ns_hit *x = a, *y = b;

	if (worse(y, x))
		return -1;
	if (worse(x, y))
		return 1;
	return 0;
}

void ns_topk_sort(struct ns_topk *t)
{
	qsort(t->heap, t->n, sizeof(*t->heap), better_first);
	free(t->group);	/* the groups' order is the heap's no longer */
	t->group = NULL;
}
