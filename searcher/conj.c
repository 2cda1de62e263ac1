/* SPDX-License-Identifier: MIT */
/* conj.c -- block-max AND over one segment (see conj.h).
 *
 * The leaves leapfrog as in an AND cursor (cursor.c), but a candidate is
 * first bounded, then weighed, and only then, for a phrase or NEAR,
 * checked for positions (positional.h).  A phrase's lazy words (cursor.c)
 * stay out of the leapfrog: a candidate is bounded with their block
 * bounds, its positions are checked first (which moves them), and it is
 * weighed after.
 */
#include "conj.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "cursor.h"
#include "error.h"
#include "leaf.h"

/* Whether p is a conjunction ns_conj_segment() can take: the node whose kids
 * are the leaves, or NULL. */
const struct ns_pnode *ns_conj_shape(const struct ns_pnode *root)
{
	size_t n = 0;

	if (root->kind == P_PHRASE || root->kind == P_NEAR) {
		for (size_t i = 0; i < root->n_kids; i++)
			if (!ns_leaf_ok(root->kids[i]))
				return NULL;
		return root;
	}
	if (root->kind != P_AND)
		return NULL;
	for (size_t i = 0; i < root->n_kids; i++) {
		if (root->kids[i]->verify)
			continue;
		if (!ns_leaf_ok(root->kids[i]))
			return NULL;
		n++;
	}
	return n >= 2 ? root : NULL;
}

static int cmp_leaf_cost(const void *a, const void *b)
{
	const struct ns_leaf *x = *(struct ns_leaf *const *)a, *y = *(struct ns_leaf *const *)b;

	if (x->lazy != y->lazy)
		return x->lazy - y->lazy;	/* the lazy ones last */
	if (x->n->p->cost != y->n->p->cost)
		return x->n->p->cost < y->n->p->cost ? -1 : 1;
	return x->plan < y->plan ? -1 : x->plan > y->plan;
}

/* The walk's state over one segment. */
struct conj_walk {
	struct ns_match *m;
	struct ns_topk *top;
	struct ns_cursor *root;
	uint32_t s;		/* segment number, for the hits */
	int positional;		/* root is a phrase or NEAR */
	struct ns_leaf *lv;	/* the leaves in plan order */
	struct ns_leaf **pl;	/* the same, as pointers */
	struct ns_leaf **order;	/* cheapest first, the lazy ones last */
	size_t n;
	size_t n_drive;		/* order[0..n_drive) leapfrog, the rest are lazy */
	double theta;		/* the threshold to beat */
	uint64_t *count;	/* every match counted here, or NULL */
	uint32_t seen_last;	/* conj_skip() found the blocks up to here */
	double seen_theta;	/* worth walking at this threshold */
	uint32_t batch[NS_MATCH_VISIT_BATCH];	/* matches not yet handed to */
	size_t n_batch;				/* m->visit (ns_match_visit()) */
};

/* Hands the gathered matches to the visit; NS_OK or its error. */
static int conj_flush(struct conj_walk *w)
{
	size_t n = w->n_batch;

	w->n_batch = 0;
	return n ? w->m->visit(w->m->visit_ctx, w->s, w->batch, n) : NS_OK;
}

/* The leaves of the root (not its date ranges checked per candidate) with
 * their bounds, in leapfrog order.  *none when a term is absent from the
 * segment: then nothing matches. */
static void conj_leaves(struct conj_walk *w, int *none)
{
	struct ns_match *m = w->m;
	struct ns_cursor *root = w->root;

	*none = 0;
	for (size_t i = 0; i < root->p->n_kids; i++) {
		struct ns_cursor *k = root->kids[i];
		struct ns_leaf *l = &w->lv[w->n];
		const struct ns_qterm *q;
		if (k->p->verify)
			continue;
		if (!k->has_post) {
			*none = 1;
			return;
		}
		q = &m->terms[k->p->term];
		l->n = k;
		l->plan = w->n;
		l->prox = m->prox_bound > 0 && !q->expansion
				  ? m->prox_part[q->distinct] * NS_LEAF_SLACK : 0;
		ns_leaf_bound_init(m, l);
		for (size_t j = root->n_drive; w->positional && j < root->n_order; j++)
			l->lazy |= root->order[j] == k;
		w->pl[w->n] = w->order[w->n] = l;
		w->n++;
	}
	qsort(w->order, w->n, sizeof(*w->order), cmp_leaf_cost);
	for (w->n_drive = 0; w->n_drive < w->n && !w->order[w->n_drive]->lazy; w->n_drive++)
		;
}

/* Skips the runs of blocks that cannot reach the top k: moves *t past
 * them.  0 when a list is done (and so are the matches), else 1.  A run
 * found worth walking stays so while *t is inside it and the threshold
 * has not moved: then nothing is looked at again. */
static int conj_skip(struct conj_walk *w, uint32_t *t)
{
	if (*t <= w->seen_last && w->theta == w->seen_theta)
		return 1;
	for (;;) {
		double region = 0;
		uint32_t last = NS_POST_END - 1;
		for (size_t i = 0; i < w->n; i++) {
			const struct ns_cursor *k = w->lv[i].n;
			const struct ns_post *p = &k->post;
			uint32_t b = k->started && k->docid >= *t ? p->blk : ns_post_find_block(p, *t);
			if (b >= p->n_blocks)
				return 0;
			region += ns_leaf_block_ub(&w->lv[i], b);
			if (ns_post_block_last(p, b) < last)
				last = ns_post_block_last(p, b);
		}
		if (region > w->theta || last >= NS_POST_END - 1) {
			w->seen_last = last;
			w->seen_theta = w->theta;
			return 1;
		}
		*t = last + 1;
	}
}

/* Leapfrogs the driving leaves to their next common document >= *t, put
 * in *t.  NS_OK with *done set when a list ran out, or an error. */
static int conj_leapfrog(struct conj_walk *w, uint32_t *t, int *done)
{
	int moved;

	*done = 0;
	do {
		moved = 0;
		for (size_t i = 0; i < w->n_drive; i++) {
			struct ns_cursor *k = w->order[i]->n;
			int rc = ns_leaf_advance(w->m, k, *t);
			if (rc != NS_OK)
				return rc;
			if (k->docid == NS_POST_END) {
				*done = 1;
				return NS_OK;
			}
			if (k->docid > *t) {
				*t = k->docid;
				moved = i > 0;
				if (moved)
					break;
			}
		}
	} while (moved);
	return NS_OK;
}

/* Two-list merge inside the decoded blocks, for the common conjunction of
 * two frequent words: while both driving leaves' current blocks go on,
 * their docid arrays are merged directly, with none of the cursor checks
 * of a leapfrog step per posting.  1 with *t the next common document >=
 * *t (both leaves on it); 0 when a block ran out first or a leaf is not
 * in a plain decoded block: then *t is where conj_leapfrog() goes on
 * (every document before it is known not to be common). */
static int conj_merge2(struct conj_walk *w, uint32_t *t)
{
	struct ns_cursor *ka = w->order[0]->n, *kb = w->order[1]->n;
	struct ns_post *a = &ka->post, *b = &kb->post;
	const uint32_t *da = a->docs, *db = b->docs;
	uint32_t ia, ib, na, nb, x, y;

	if (!ka->started || !kb->started || a->del || b->del || a->blk >= a->n_blocks ||
	    b->blk >= b->n_blocks)
		return 0;
	na = a->blk_n;
	nb = b->blk_n;
	if (da[na - 1] < *t || db[nb - 1] < *t)
		return 0;
	for (ia = a->i; da[ia] < *t; ia++)
		;
	for (ib = b->i; db[ib] < *t; ib++)
		;
	x = da[ia];
	y = db[ib];
	while (x != y) {
		if (x < y) {
			if (++ia == na)
				break;
			x = da[ia];
		} else {
			if (++ib == nb)
				break;
			y = db[ib];
		}
	}
	ia -= ia == na;
	ib -= ib == nb;
	a->i = ia;
	b->i = ib;
	a->docid = ka->docid = da[ia];
	b->docid = kb->docid = db[ib];
	*t = x > y ? x : y;
	return x == y;
}

/* The bound of candidate d: of each driving leaf by its block and tf, of
 * a lazy one not there yet by its block where d lies.  0 when a lazy
 * leaf's list is done (then so are the matches), else 1. */
static int conj_bound(const struct conj_walk *w, uint32_t d, double *region)
{
	*region = 0;
	for (size_t i = 0; i < w->n; i++) {
		struct ns_cursor *k = w->order[i]->n;
		double u, v;
		if (i >= w->n_drive && !(k->started && k->docid == d)) {
			uint32_t b = ns_post_find_block(&k->post, d);
			if (b >= k->post.n_blocks)
				return 0;
			*region += ns_leaf_block_ub(w->order[i], b);
			continue;
		}
		u = ns_leaf_block_ub(w->order[i], k->post.blk);
		v = ns_leaf_doc_ub(w->order[i]);
		*region += u < v ? u : v;
	}
	return 1;
}

/* Bound before positions, for a phrase with lazy words: the driving
 * words weighed exactly on d (their cursors sit there, the norms are read),
 * each lazy word by the bound of its block where d lies, every word's
 * proximity share added.  A candidate that cannot beat the threshold even
 * so is dropped before a single position is decoded: with frequent words
 * ("expects to announce") most candidates are plain BM25 documents far
 * below the top k's titles.  0 when d cannot enter the top k, else 1. */
static int conj_lazy_prebound(struct conj_walk *w, uint32_t d)
{
	double sc = 0;

	for (size_t i = 0; i < w->n; i++) {
		struct ns_leaf *l = w->order[i];
		if (i < w->n_drive) {
			ns_leaf_weigh(w->m, l);
			sc += l->w + l->prox;
		} else {
			uint32_t b = ns_post_find_block(&l->n->post, d);
			if (b >= l->n->post.n_blocks)
				return 0;
			sc += ns_leaf_block_ub(l, b);
		}
	}
	return sc * NS_LEAF_SLACK > w->theta;
}

/* Weighs candidate d and, when it can enter the top k, checks it and
 * pushes it.  The score is known before the positions are looked at: only
 * a document that can enter the top k is checked (with lazy words, the
 * positions first: they move them here, and only then can they be
 * weighed). */
static int conj_candidate(struct conj_walk *w, uint32_t d)
{
	struct ns_match *m = w->m;
	double sc = 0, sp = 0;
	int ok = 1, rc;

	m->st.n_candidates++;
	rc = ns_cursor_norms(m, d);
	if (rc == NS_OK && w->n_drive < w->n && !conj_lazy_prebound(w, d))
		return NS_OK;
	if (rc == NS_OK && w->n_drive < w->n)
		rc = ns_cursor_match_positions(m, w->root, d, &ok);
	if (rc != NS_OK)
		return rc;
	for (size_t i = 0; i < w->n && ok; i++) {
		w->lv[i].on = 1;
		ns_leaf_weigh(m, &w->lv[i]);
		sc += w->lv[i].w;
		sp += w->lv[i].prox;
	}
	if (ok && sc + sp <= w->theta)
		ok = 0;
	/* its proximity bound by its length may keep it out: then not one
	 * position is read */
	if (ok && sp > 0) {
		rc = ns_cursor_norms(m, d);
		if (rc == NS_OK)
			sp = ns_leaf_prox_doc_ub(m, w->pl, w->n);
		ok = sc + sp > w->theta;
	}
	if (rc == NS_OK && ok) {
		if (w->positional && w->n_drive == w->n)
			rc = ns_cursor_match_positions(m, w->root, d, &ok);
		else
			rc = ns_cursor_excluded(m, w->root, d, &ok), ok = !ok;
	}
	if (rc == NS_OK && ok)
		rc = ns_leaf_push(m, w->top, w->pl, w->n, w->s, d, sp, w->theta);
	if (rc != NS_OK)
		return rc;
	w->theta = ns_topk_threshold(w->top);
	return NS_OK;
}

/* Counting block-max AND: with an exact count asked, every match is
 * visited (no block is skipped), but only a match whose bound (region)
 * beats the threshold has its norms read and is weighed and offered; the
 * others are only counted.  The plain walk scored every match.  With a
 * visit (a count by column, no top k) each match is handed on instead. */
static int conj_count_candidate(struct conj_walk *w, uint32_t d, double region)
{
	struct ns_match *m = w->m;
	double sc = 0, sp = 0;
	int ok = 1, rc;

	m->st.n_candidates++;
	if (w->positional)
		rc = ns_cursor_match_positions(m, w->root, d, &ok);
	else
		rc = ns_cursor_excluded(m, w->root, d, &ok), ok = !ok;
	if (rc != NS_OK || !ok)
		return rc;
	(*w->count)++;
	if (m->visit) {
		w->batch[w->n_batch++] = d;
		return w->n_batch == NS_MATCH_VISIT_BATCH ? conj_flush(w) : NS_OK;
	}
	if (region <= w->theta)
		return NS_OK;
	rc = ns_cursor_norms(m, d);
	if (rc != NS_OK)
		return rc;
	for (size_t i = 0; i < w->n; i++) {
		w->lv[i].on = 1;
		ns_leaf_weigh(m, &w->lv[i]);
		sc += w->lv[i].w;
		sp += w->lv[i].prox;
	}
	if (sc + sp <= w->theta)
		return NS_OK;
	if (sp > 0)
		sp = ns_leaf_prox_doc_ub(m, w->pl, w->n);	/* tighter, by its length */
	rc = ns_leaf_push(m, w->top, w->pl, w->n, w->s, d, sp, w->theta);
	w->theta = ns_topk_threshold(w->top);
	return rc;
}

int ns_conj_segment(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root, uint32_t s,
		    uint64_t *count)
{
	struct conj_walk w = { 0 };
	size_t cap = root->p->n_kids + 1;
	uint32_t t = 0;
	int rc = NS_OK, none, done;
	double region;

	w.m = m;
	w.top = top;
	w.root = root;
	w.s = s;
	w.count = count;
	w.positional = root->p->kind == P_PHRASE || root->p->kind == P_NEAR;
	/* a count alone (no top k): nothing is weighed, every match counted */
	w.theta = top ? ns_topk_threshold(top) : HUGE_VAL;
	w.seen_theta = HUGE_VAL;	/* no run seen yet */
	w.lv = calloc(cap, sizeof(*w.lv));
	w.pl = calloc(cap, sizeof(*w.pl));
	w.order = calloc(cap, sizeof(*w.order));
	if (!w.lv || !w.pl || !w.order) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	conj_leaves(&w, &none);
	if (none)
		goto out;
	for (;;) {
		if (!count && !conj_skip(&w, &t))
			break;
		if (w.n_drive != 2 || !conj_merge2(&w, &t)) {
			rc = conj_leapfrog(&w, &t, &done);
			if (rc != NS_OK || done)
				break;
		}
		if (!conj_bound(&w, t, &region))
			break;
		if (count)
			rc = conj_count_candidate(&w, t, region);
		else if (region > w.theta)
			rc = conj_candidate(&w, t);
		if (rc != NS_OK)
			break;
		if (t == NS_POST_END - 1)
			break;
		t++;
	}
	if (rc == NS_OK && m->visit)
		rc = conj_flush(&w);
out:
	free(w.lv);
	free(w.pl);
	free(w.order);
	return rc;
}
