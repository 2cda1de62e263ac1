/* SPDX-License-Identifier: MIT */
/* rank.c -- BM25 and the top-k heap (see rank.h). */
#include "rank.h"

#include <math.h>
#include <stdlib.h>

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
	p->one_minus_b = 1.0 - NS_BM25_B;
	p->b_over_avgdl = NS_BM25_B / (avg_doc_len > 0 ? avg_doc_len : 1.0);
}

int ns_topk_init(struct ns_topk *t, size_t k)
{
	t->n = 0;
	t->k = k;
	t->heap = malloc((k + 1) * sizeof(*t->heap));
	return t->heap ? NS_OK : NS_ERR_NOMEM;
}

void ns_topk_release(struct ns_topk *t)
{
	free(t->heap);
	t->heap = NULL;
	t->n = 0;
}

/* a is worse than b: lower score, or equal score and higher docid. */
static int worse(const struct ns_hit *a, const struct ns_hit *b)
{
	if (a->score != b->score)
		return a->score < b->score;
	return a->docid > b->docid;
}

double ns_topk_threshold(const struct ns_topk *t)
{
	return t->n < t->k ? -HUGE_VAL : t->heap[0].score;
}

static void sift_down(struct ns_hit *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct ns_hit tmp;
		if (l < n && worse(&h[l], &h[m]))
			m = l;
		if (r < n && worse(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		tmp = h[i];
		h[i] = h[m];
		h[m] = tmp;
		i = m;
	}
}

void ns_topk_push(struct ns_topk *t, double score, uint64_t docid)
{
	struct ns_hit hit = { score, docid };

	if (t->k == 0)
		return;
	if (t->n < t->k) {
		size_t i = t->n++;
		t->heap[i] = hit;
		while (i > 0) {
			size_t parent = (i - 1) / 2;
			struct ns_hit tmp;
			if (!worse(&t->heap[i], &t->heap[parent]))
				break;
			tmp = t->heap[i];
			t->heap[i] = t->heap[parent];
			t->heap[parent] = tmp;
			i = parent;
		}
		return;
	}
	if (!worse(&t->heap[0], &hit))
		return;
	t->heap[0] = hit;
	sift_down(t->heap, t->n, 0);
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
}
