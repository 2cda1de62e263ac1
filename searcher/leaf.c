/* SPDX-License-Identifier: MIT */
/* leaf.c -- bounds and exact scores of the term leaves of the top-k walks
 * (see leaf.h).
 */
#include "leaf.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "score.h"

/* Whether term leaf p can be a MaxScore leaf: scored, in any field, no
 * date check. */
int ns_leaf_ok(const struct ns_pnode *p)
{
	return p->kind == P_TERM && !p->filter && !p->date_check && !p->verify &&
	       p->field == NS_QF_ANY;
}

/* The constants of leaf l's block bounds.  BM25F is idf (k1 + 1) / (1 +
 * A g), g = (1 + c dl') / tf', A = k1 (1 - b), c = b / ((1 - b) avgdl):
 * a block's impact (format.h) bounds g from below at c0, and g(c) >=
 * min(1, c / c0) g(c0) for any c (both terms of g are positive), so the
 * bound holds whatever the index's avgdl is now. */
void ns_leaf_bound_init(const struct ns_match *m, struct ns_leaf *l)
{
	const struct ns_bm25 *p = &m->bm25;

	l->wmax = l->n->p->boost * m->terms[l->n->p->term].idf * (p->k1 + 1.0) * NS_LEAF_SLACK;
	l->ak = p->k1 * p->one_minus_b;
	l->bk = 1.0 + p->k1 * p->b_over_avgdl;
	l->tw1 = p->title_weight - 1.0;
	for (int t = 0; t < 16; t++)
		l->tf_ub[t] = l->wmax * t / (t * l->bk + l->ak) + l->prox;
	l->ag = 0;	/* no bound but wmax */
	if (p->title_weight == 1.0 + NS_FMT_BOUND_TW && p->one_minus_b > 0) {
		double c = p->b_over_avgdl / p->one_minus_b, c0 = ns_segr_bound_c0(m->seg);
		l->ag = p->k1 * p->one_minus_b * (c < c0 ? c / c0 : 1.0);
	}
	l->ub_blk = UINT32_MAX;
}

/* The leaf's bound over the rest of the segment: the largest of its
 * remaining blocks'. */
double ns_leaf_ub(struct ns_leaf *l)
{
	const struct ns_post *p = &l->n->post;
	double low = HUGE_VAL;

	/* the smallest impact gives the largest bound */
	for (uint32_t b = p->blk == UINT32_MAX ? 0 : p->blk; b < p->n_blocks; b++) {
		double g = ns_post_block_impact(p, b);
		if (g < low)
			low = g;
	}
	return l->wmax / (1.0 + l->ag * low) + l->prox;
}

/* One term's part of the bound: its accumulator at most a. */
static inline double leaf_prox_part(const struct ns_bm25 *p, double idf, double a, double k)
{
	return a > 0 ? (idf < 1.0 ? idf : 1.0) * a * (p->k1 + 1.0) / (a + k) : 0;
}

/* Proximity bound that uses document length (see leaf.h).  Of the n - 1
 * neighbour pairs of the n occurrences gathered, those with an occurrence
 * of term t number at most 2 tf(t) and at most 2 (n - tf(t)) (each
 * occurrence has two neighbours); each adds at most the largest idf of
 * another term to acc(t) (distance >= 1), and acc / (acc + K) grows with
 * acc. */
static double leaf_prox_doc_ub_any(struct ns_match *m, struct ns_leaf *const *pl, size_t n)
{
	const struct ns_bm25 *p = &m->bm25;
	double *tf = m->prox_acc, total = 0, s = 0, k, idf1 = 0, idf2 = 0;
	uint32_t top1 = UINT32_MAX;

	memset(m->prox_seen, 0, m->n_prox);
	for (size_t i = 0; i < n; i++) {
		uint32_t t = m->terms[pl[i]->n->p->term].distinct;
		if (!pl[i]->on || m->prox_seen[t])
			continue;
		m->prox_seen[t] = 1;
		tf[t] = (double)ns_post_tf(&pl[i]->n->post);
		total += tf[t];
		/* the two largest idfs, for "the largest of another term" */
		if (m->prox_idf[t] > idf1) {
			idf2 = idf1;
			idf1 = m->prox_idf[t];
			top1 = t;
		} else if (m->prox_idf[t] > idf2) {
			idf2 = m->prox_idf[t];
		}
	}
	k = ns_bm25_norm(p, (double)m->doc_len);
	for (uint32_t t = 0; t < m->n_prox; t++) {
		double pairs, a, idf = m->prox_idf[t];
		if (!m->prox_seen[t])
			continue;
		pairs = fmin(fmin(2.0 * tf[t], 2.0 * (total - tf[t])), total - 1.0);
		a = pairs * (t == top1 ? idf2 : idf1);
		s += leaf_prox_part(p, idf, a, k);
	}
	return p->prox_weight * s * NS_LEAF_SLACK;
}

double ns_leaf_prox_doc_ub(struct ns_match *m, struct ns_leaf *const *pl, size_t n)
{
	const struct ns_bm25 *p = &m->bm25;

	/* the common case without a scratch array: two words, both there */
	if (n == 2 && pl[0]->on && pl[1]->on) {
		uint32_t ta = m->terms[pl[0]->n->p->term].distinct;
		uint32_t tb = m->terms[pl[1]->n->p->term].distinct;
		double fa = (double)ns_post_tf(&pl[0]->n->post);
		double fb = (double)ns_post_tf(&pl[1]->n->post);
		double pairs = 2.0 * (fa < fb ? fa : fb), k;
		if (ta == tb)
			return 0;	/* one distinct term: no proximity */
		if (fa + fb - 1.0 < pairs)
			pairs = fa + fb - 1.0;
		k = ns_bm25_norm(p, (double)m->doc_len);
		return p->prox_weight * NS_LEAF_SLACK *
		       (leaf_prox_part(p, m->prox_idf[ta], pairs * m->prox_idf[tb], k) +
			leaf_prox_part(p, m->prox_idf[tb], pairs * m->prox_idf[ta], k));
	}
	return leaf_prox_doc_ub_any(m, pl, n);
}

/* Scores candidate d exactly as ns_score_push_hit() would (the leaves' weights
 * summed in plan order, then proximity), and offers it to top.  pl: the
 * n leaves in plan order; prox_ub: a bound of its proximity score (leaf.h). */
int ns_leaf_push(struct ns_match *m, struct ns_topk *top, struct ns_leaf *const *pl, size_t n,
		 uint32_t s, uint32_t d, double prox_ub, double theta)
{
	double sc = 0, prox = 0;
	size_t present = 0, n_occ = 0;
	int rc = NS_OK;

	for (size_t i = 0; i < n; i++)
		if (pl[i]->on)
			sc += pl[i]->w;
	if (m->prox_bound > 0 && sc + prox_ub > theta) {
		/* d's norms again: a negation checked since the leaves were
		 * weighed (ns_cursor_excluded()) may have read another
		 * document's for its positions, and the proximity score needs
		 * d's title and document lengths. */
		rc = ns_cursor_norms(m, d);
		if (rc != NS_OK)
			return rc;
		memset(m->prox_seen, 0, m->n_prox);
		for (size_t i = 0; i < n; i++) {
			const struct ns_qterm *t = &m->terms[pl[i]->n->p->term];
			if (pl[i]->on && !m->prox_seen[t->distinct]) {
				m->prox_seen[t->distinct] = 1;
				present++;
			}
		}
		if (present >= 2) {
			m->st.n_proximity++;
			memset(m->prox_seen, 0, m->n_prox);
			for (size_t i = 0; i < n && rc == NS_OK; i++)
				if (pl[i]->on)
					rc = ns_score_gather_leaf(m, pl[i]->n, &n_occ);
			if (rc != NS_OK)
				return rc;
			prox = ns_prox_score(&m->bm25, m->occ, n_occ, m->prox_idf, m->prox_acc,
					     m->n_prox, m->title_len, m->doc_len);
		}
	}
	m->st.n_matches++;
	ns_topk_push(top, sc + prox, m->idx->base[s] + d);
	return NS_OK;
}
