/* SPDX-License-Identifier: MIT */
/* expand.c -- RM3 feedback and "articles like this one" (see expand.h). */
#include "expand.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "article_terms.h"
#include "error.h"
#include "pieces.h"
#include "rank.h"
#include "stopwords.h"
#include "tokenize.h"

/* A small map from term to weight (open addressing, FNV-1a). */
struct wmap {
	char **keys;
	double *vals;
	size_t n;
	size_t cap;		/* power of two */
};

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

static void wmap_release(struct wmap *w)
{
	for (size_t i = 0; i < w->cap; i++)
		free(w->keys[i]);
	free(w->keys);
	free(w->vals);
	memset(w, 0, sizeof(*w));
}

static int wmap_grow(struct wmap *w)
{
	struct wmap g;

	g.cap = w->cap ? w->cap * 2 : 256;
	g.n = w->n;
	g.keys = calloc(g.cap, sizeof(*g.keys));
	g.vals = calloc(g.cap, sizeof(*g.vals));
	if (!g.keys || !g.vals) {
		free(g.keys);
		free(g.vals);
		return NS_ERR_NOMEM;
	}
	for (size_t i = 0; i < w->cap; i++) {
		size_t j;
		if (!w->keys[i])
			continue;
		j = hash_str(w->keys[i], strlen(w->keys[i])) & (g.cap - 1);
		while (g.keys[j])
			j = (j + 1) & (g.cap - 1);
		g.keys[j] = w->keys[i];
		g.vals[j] = w->vals[i];
	}
	free(w->keys);
	free(w->vals);
	*w = g;
	return NS_OK;
}

/* Adds v to the weight of term[0..len). */
static int wmap_add(struct wmap *w, const char *term, size_t len, double v)
{
	size_t i;

	if (2 * (w->n + 1) > w->cap && wmap_grow(w) != NS_OK)
		return NS_ERR_NOMEM;
	for (i = hash_str(term, len) & (w->cap - 1); w->keys[i]; i = (i + 1) & (w->cap - 1))
		if (strncmp(w->keys[i], term, len) == 0 && w->keys[i][len] == 0) {
			w->vals[i] += v;
			return NS_OK;
		}
	w->keys[i] = malloc(len + 1);
	if (!w->keys[i])
		return NS_ERR_NOMEM;
	memcpy(w->keys[i], term, len);
	w->keys[i][len] = 0;
	w->vals[i] = v;
	w->n++;
	return NS_OK;
}

/* Terms of an article being counted (count_term). */
struct term_count {
	struct ns_index *idx;
	struct wmap *counts;
	size_t *len;
};

/* ns_article_term_fn: counts a word, and the term unless it is a
 * stopword or one letter. */
static int count_term(void *ctx, const char *term, size_t len, const struct ns_token *tok,
		      int in_title)
{
	struct term_count *c = ctx;

	(void)in_title;
	(*c->len)++;
	if (tok->term_len < 2 || ns_stopword(c->idx->m.lang, tok->term, tok->term_len))
		return NS_OK;
	return wmap_add(c->counts, term, len, 1.0);
}

/* Counts the terms of document docid (title and body, analyzed like the
 * index) into *counts, leaving out stopwords and one-letter words; *len
 * gets the number of words. */
static int count_terms(struct ns_index *idx, uint64_t docid, struct wmap *counts, size_t *len)
{
	struct term_count c = { idx, counts, len };
	uint32_t seg, local;
	struct ns_doc d;
	char *text;
	size_t text_len;
	int rc;

	*len = 0;
	ns_index_locate(idx, docid, &seg, &local);
	rc = ns_segr_doc(idx->segs[seg], local, &d);
	if (rc == NS_OK)
		rc = ns_doc_text(&d, &text, &text_len);
	if (rc != NS_OK)
		return rc;
	rc = ns_article_terms(idx->an, d.title.p, d.title.len, text, text_len, count_term, &c);
	free(text);
	return rc;
}

struct scored {
	const char *term;
	double w;
};

static int by_weight(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->w != y->w)
		return x->w < y->w ? 1 : -1;
	return strcmp(x->term, y->term);	/* deterministic ties */
}

/* The n heaviest entries of w, heaviest first; *out points into w. */
static int best_terms(const struct wmap *w, size_t n, struct scored **out, size_t *n_out)
{
	struct scored *v = malloc((w->n + 1) * sizeof(*v));
	size_t k = 0;

	if (!v)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < w->cap; i++)
		if (w->keys[i] && w->vals[i] > 0) {
			v[k].term = w->keys[i];
			v[k].w = w->vals[i];
			k++;
		}
	qsort(v, k, sizeof(*v), by_weight);
	*out = v;
	*n_out = k < n ? k : n;
	return NS_OK;
}

/* Splits the chosen terms into the arrays the matcher takes, their
 * weights scaled to sum to total. */
static int to_arrays(const struct scored *v, size_t n, double total, const char ***terms,
		     double **weights)
{
	double sum = 0;

	*terms = malloc((n + 1) * sizeof(**terms));
	*weights = malloc((n + 1) * sizeof(**weights));
	if (!*terms || !*weights) {
		free(*terms);
		free(*weights);
		*terms = NULL;	/* the caller frees them too */
		*weights = NULL;
		return NS_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		sum += v[i].w;
	for (size_t i = 0; i < n; i++) {
		(*terms)[i] = v[i].term;
		(*weights)[i] = sum > 0 ? total * v[i].w / sum : 0;
	}
	return NS_OK;
}

int ns_expand_rm3(struct ns_index *idx, struct ns_match *m, int widen)
{
	struct ns_topk top;
	struct wmap model = { 0 };
	struct scored *best = NULL;
	const char **terms = NULL;
	double *weights = NULL, zsum = 0;
	const char *const *qterms;
	size_t n_best = 0, n_q;
	int rc = ns_topk_init(&top, NS_EXPAND_DOCS);

	if (rc != NS_OK)
		return rc;
	rc = ns_match_run(m, &top, NULL);
	if (rc != NS_OK || top.n == 0)
		goto out;
	ns_topk_sort(&top);
	/* P(d|Q) proportional to exp(score): softmax over the feedback set
	 * (shifted by the best score so exp() cannot overflow). */
	for (size_t i = 0; i < top.n; i++)
		zsum += exp(top.heap[i].score - top.heap[0].score);
	for (size_t i = 0; i < top.n && rc == NS_OK; i++) {
		struct wmap counts = { 0 };
		size_t len;
		double pdq = exp(top.heap[i].score - top.heap[0].score) / zsum;
		rc = count_terms(idx, top.heap[i].docid, &counts, &len);
		for (size_t j = 0; j < counts.cap && rc == NS_OK; j++)
			if (counts.keys[j])
				rc = wmap_add(&model, counts.keys[j], strlen(counts.keys[j]),
					      counts.vals[j] / (double)(len ? len : 1) * pdq);
		wmap_release(&counts);
	}
	if (rc == NS_OK)
		rc = best_terms(&model, NS_EXPAND_TERMS, &best, &n_best);
	ns_match_terms(m, &qterms, &n_q);
	/* Each original term keeps lambda / |Q|; the model shares 1 - lambda.
	 * BM25 sums over terms, so these weights multiply each term's w. */
	if (rc == NS_OK && n_best > 0)
		rc = to_arrays(best, n_best, (1.0 - NS_EXPAND_LAMBDA) * (double)(n_q ? n_q : 1) /
						     NS_EXPAND_LAMBDA, &terms, &weights);
	if (rc == NS_OK && n_best > 0)
		rc = ns_match_expand(m, terms, weights, n_best, 1.0, widen);
	free(terms);
	free(weights);
out:
	free(best);
	wmap_release(&model);
	ns_topk_release(&top);
	return rc;
}

int ns_similar_compile(struct ns_index *idx, const char *id, struct ns_match **out,
		       uint64_t *self, char *msg, size_t msglen)
{
	struct wmap counts = { 0 };
	struct scored *best = NULL;
	const char **terms = NULL;
	double *weights = NULL;
	size_t len, n_best = 0;
	int rc;

	*out = NULL;
	/* (across pieces, a clashing id is named as shown: "piece:id") */
	rc = ns_pieces_find_id(idx, id, strlen(id), self);
	if (rc == NS_ERR_NOTFOUND) {
		ns_msgf(msg, msglen, "--similar: no article has the id '%s'%s", id,
			idx->n_pieces ? " (an id in two indexes is named 'index:id')" : "");
		return rc;
	}
	if (rc != NS_OK)
		return rc;
	rc = count_terms(idx, *self, &counts, &len);
	/* tf * idf: the words that make this article different. */
	for (size_t i = 0; i < counts.cap && rc == NS_OK; i++) {
		uint64_t df;
		if (!counts.keys[i])
			continue;
		rc = ns_index_df(idx, counts.keys[i], strlen(counts.keys[i]), &df);
		counts.vals[i] *= ns_bm25_idf(idx->n_docs, df);
	}
	if (rc == NS_OK)
		rc = best_terms(&counts, NS_EXPAND_TERMS, &best, &n_best);
	if (rc == NS_OK && n_best == 0) {
		ns_msgf(msg, msglen, "--similar: article '%s' has no words to search with", id);
		rc = NS_ERR_NOTFOUND;
	}
	if (rc == NS_OK)
		rc = to_arrays(best, n_best, (double)n_best, &terms, &weights);
	if (rc == NS_OK)
		rc = ns_match_compile_terms(idx, terms, weights, n_best, out);
	free(terms);
	free(weights);
	free(best);
	wmap_release(&counts);
	return rc;
}
