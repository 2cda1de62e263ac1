/* SPDX-License-Identifier: MIT */
/* maxscore.c -- MaxScore with block bounds over one segment (see
 * maxscore.h).
 *
 * Before the walk, ms_prime() scores the best blocks of one leaf to start
 * with a threshold near the final one; then ns_maxscore_segment() splits the
 * leaves into essential and non-essential ones by their bounds and skips
 * whole blocks that cannot reach the threshold.
 */
#include "maxscore.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "error.h"
#include "leaf.h"

/* Whether p is a term or an OR of terms (nested ORs too) MaxScore can
 * take. */
static int ms_or_ok(const struct ns_pnode *p)
{
	if (p->kind == P_TERM)
		return ns_leaf_ok(p);
	if (p->kind != P_OR || p->n_negs)
		return 0;
	for (size_t i = 0; i < p->n_kids; i++)
		if (p->kids[i]->kind != P_EMPTY && !ms_or_ok(p->kids[i]))
			return 0;
	return 1;
}

/* The query's positive part for MaxScore, or NULL: the root itself, or the
 * one operand of a root AND that is not a date range checked per
 * candidate (the AND's negations and ranges then filter candidates). */
const struct ns_pnode *ns_maxscore_shape(const struct ns_pnode *root)
{
	const struct ns_pnode *pos = NULL;

	if (ms_or_ok(root))
		return root;
	if (root->kind != P_AND)
		return NULL;
	for (size_t i = 0; i < root->n_kids; i++) {
		if (root->kids[i]->verify)
			continue;
		if (pos)
			return NULL;
		pos = root->kids[i];
	}
	return pos && ms_or_ok(pos) ? pos : NULL;
}

/* Collects the leaves under n in plan order (present or not). */
static int ms_collect(struct ns_cursor *n, struct ns_leaf **v, size_t *cnt, size_t *cap)
{
	if (n->p->kind == P_EMPTY)
		return NS_OK;
	if (n->p->kind == P_TERM) {
		if (*cnt == *cap) {
			size_t c = *cap ? 2 * *cap : 8;
			struct ns_leaf *nv = realloc(*v, c * sizeof(*nv));
			if (!nv)
				return NS_ERR_NOMEM;
			*v = nv;
			*cap = c;
		}
		memset(&(*v)[*cnt], 0, sizeof(**v));
		(*v)[*cnt].n = n;
		(*v)[*cnt].plan = *cnt;
		(*v)[*cnt].orig = *cnt;
		(*cnt)++;
		return NS_OK;
	}
	for (size_t i = 0; i < n->p->n_kids; i++) {
		int rc = ms_collect(n->kids[i], v, cnt, cap);
		if (rc != NS_OK)
			return rc;
	}
	return NS_OK;
}

static int cmp_ms_ub(const void *a, const void *b)
{
	const struct ns_leaf *x = a, *y = b;

	if (x->ub != y->ub)
		return x->ub < y->ub ? -1 : 1;
	return x->plan < y->plan ? -1 : x->plan > y->plan;
}

/* The threshold the walk compares bounds with: a document must score
 * above it.  Walking in docid order, a document that ties the k-th best
 * loses (its docid is higher); after ms_prime() scored later documents
 * first, a tie may win, so the threshold is then the largest double below
 * the k-th best score. */
static double ms_threshold(const struct ns_topk *top, int primed)
{
	double t = ns_topk_threshold(top);

	return primed ? nextafter(t, -HUGE_VAL) : t;
}

/* Number of leading leaves (by bound) whose bounds add up to at most t. */
static size_t ms_non_essential(const double *cum, size_t n, double t)
{
	size_t ne = 0;

	while (ne < n && cum[ne] <= t)
		ne++;
	return ne;
}

/* The positive part's cursor of a root instantiated from the plan. */
static struct ns_cursor *ms_pos_node(struct ns_cursor *root, const struct ns_pnode *pos_plan)
{
	if (root->p != pos_plan)
		for (size_t i = 0; i < root->p->n_kids; i++)
			if (root->p->kids[i] == pos_plan)
				return root->kids[i];
	return root;
}

/* Each leaf's share of the proximity bound (rank.h): none when the leaves
 * (those not marked gone by a negative ub) hold fewer than two distinct
 * terms, as proximity needs two. */
static void ms_set_prox(struct ns_match *m, struct ns_leaf *lv, size_t n)
{
	size_t distinct = 0;

	if (m->prox_bound > 0) {
		memset(m->prox_seen, 0, m->n_prox);
		for (size_t i = 0; i < n; i++) {
			const struct ns_qterm *t = &m->terms[lv[i].n->p->term];
			if (lv[i].ub >= 0 && !t->expansion && !m->prox_seen[t->distinct]) {
				m->prox_seen[t->distinct] = 1;
				distinct++;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct ns_qterm *t = &m->terms[lv[i].n->p->term];
		lv[i].prox = distinct >= 2 && !t->expansion
				     ? m->prox_part[t->distinct] * NS_LEAF_SLACK : 0;
	}
}

/* Blocks primed (ms_prime): the documents of one leaf in docid ranges. */
#define MS_PRIME_MAX 16

struct ms_primed {
	size_t leaf;		/* ms_collect index of the leaf, SIZE_MAX: none */
	size_t n;		/* ranges */
	uint32_t lo[MS_PRIME_MAX], hi[MS_PRIME_MAX];	/* increasing */
	size_t at;		/* the walk's position among them */
};

struct blk_ub {
	uint32_t b;
	double ub;
};

static int cmp_blk_ub_desc(const void *a, const void *b)
{
	const struct blk_ub *x = a, *y = b;

	if (x->ub != y->ub)
		return x->ub > y->ub ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

static int cmp_blk_index(const void *a, const void *b)
{
	const struct blk_ub *x = a, *y = b;

	return x->b < y->b ? -1 : x->b > y->b;
}

/* Primes the threshold before the walk: the blocks with the best bounds
 * (of the leaf whose best block is best; a quarter of its blocks, at most
 * MS_PRIME_MAX) are scored first, whole, with cursors of their own, so the
 * walk starts with a threshold near the final one and skips most blocks.
 * Their documents (those of that leaf in pr's ranges) are not scored
 * again.  Only worth it while the top k is not full and the leaf spans a
 * few blocks. */
static int ms_prime(struct ns_match *m, struct ns_topk *top, const struct ns_pnode *pos_plan,
		    uint32_t s, const struct ns_leaf *lv, size_t n, struct ms_primed *pr)
{
	struct ns_cursor *root2 = NULL, *lead;
	struct ns_leaf *lv2 = NULL, **pl2 = NULL;
	struct blk_ub *bu = NULL;
	size_t n2 = 0, cap2 = 0, best_leaf = SIZE_MAX, nb;
	double best = -1, need;
	int rc = NS_OK;

	pr->leaf = SIZE_MAX;
	pr->n = pr->at = 0;
	if (top->n >= top->k)
		return NS_OK;
	for (size_t i = 0; i < n; i++) {
		const struct ns_post *p = &lv[i].n->post;
		if (p->n_blocks < 4)
			continue;
		for (uint32_t b = p->blk; b < p->n_blocks; b++) {
			double u = lv[i].wmax / (1.0 + lv[i].ag * ns_post_block_impact(p, b));
			if (u > best) {
				best = u;
				best_leaf = i;
			}
		}
	}
	if (best_leaf == SIZE_MAX)
		return NS_OK;
	{
		const struct ns_post *p = &lv[best_leaf].n->post;
		nb = p->n_blocks - p->blk;
		bu = malloc(nb * sizeof(*bu));
		if (!bu)
			return NS_ERR_NOMEM;
		for (uint32_t k = 0; k < nb; k++) {
			bu[k].b = p->blk + k;
			bu[k].ub = ns_post_block_impact(p, p->blk + k);
			bu[k].ub = lv[best_leaf].wmax / (1.0 + lv[best_leaf].ag * bu[k].ub);
		}
		qsort(bu, nb, sizeof(*bu), cmp_blk_ub_desc);
		nb = nb / 4 < 1 ? 1 : nb / 4 > MS_PRIME_MAX ? MS_PRIME_MAX : nb / 4;
		qsort(bu, nb, sizeof(*bu), cmp_blk_index);
	}
	rc = ns_cursor_new(m, m->root, &root2);
	if (rc == NS_OK)
		rc = ms_collect(ms_pos_node(root2, pos_plan), &lv2, &n2, &cap2);
	pl2 = calloc(n2 + 1, sizeof(*pl2));
	if (rc == NS_OK && !pl2)
		rc = NS_ERR_NOMEM;
	if (rc != NS_OK)
		goto out;
	ms_set_prox(m, lv2, n2);
	for (size_t i = 0; i < n2; i++) {
		pl2[i] = &lv2[i];
		ns_leaf_bound_init(m, &lv2[i]);
	}
	lead = lv2[lv[best_leaf].orig].n;
	for (size_t k = 0; k < nb && rc == NS_OK; k++) {
		const struct ns_post *p = &lv[best_leaf].n->post;
		uint32_t lo = bu[k].b == 0 ? 0 : ns_post_block_last(p, bu[k].b - 1) + 1;
		uint32_t hi = ns_post_block_last(p, bu[k].b);
		if (bu[k].ub <= ns_topk_threshold(top))
			continue;	/* cannot add to the top k */
		pr->lo[pr->n] = lo;
		pr->hi[pr->n] = hi;
		pr->n++;
		rc = ns_cursor_advance(m, lead, lo);
		need = n2 == 1 ? ns_leaf_tf_need(&lv2[0], ns_topk_threshold(top)) : -1;
		while (rc == NS_OK && lead->docid <= hi) {
			uint32_t d = lead->docid;
			double sp = 0;
			int excluded = 0;
			/* with one leaf its tf may tell it cannot make the top k */
			if (ns_leaf_tfw(&lv2[0]) <= need) {
				if (d >= NS_POST_END - 1)
					break;
				rc = ns_leaf_advance(m, lead, d + 1);
				continue;
			}
			for (size_t i = 0; i < n2 && rc == NS_OK; i++) {
				rc = ns_leaf_advance(m, lv2[i].n, d);
				lv2[i].on = rc == NS_OK && lv2[i].n->docid == d;
			}
			if (rc == NS_OK)
				rc = ns_cursor_excluded(m, root2, d, &excluded);
			if (rc == NS_OK && !excluded)
				rc = ns_cursor_norms(m, d);
			if (rc == NS_OK && !excluded) {
				m->st.n_candidates++;
				for (size_t i = 0; i < n2; i++) {
					const struct ns_qterm *t = &m->terms[lv2[i].n->p->term];
					if (!lv2[i].on)
						continue;
					ns_leaf_weigh(m, &lv2[i]);
					if (m->prox_bound > 0 && !t->expansion)
						sp += m->prox_part[t->distinct] * NS_LEAF_SLACK;
				}
				rc = ns_leaf_push(m, top, pl2, n2, s, d, sp,
						  ns_topk_threshold(top));
				if (n2 == 1)
					need = ns_leaf_tf_need(&lv2[0], ns_topk_threshold(top));
			}
			if (rc != NS_OK || d >= NS_POST_END - 1)
				break;
			rc = ns_leaf_advance(m, lead, d + 1);
		}
	}
	if (rc == NS_OK && pr->n)
		pr->leaf = lv[best_leaf].orig;
out:
	ns_cursor_free(root2);
	free(lv2);
	free(pl2);
	free(bu);
	return rc;
}

/* Whether block b of the primed leaf (cursor p) was scored whole by
 * ms_prime(). */
static int ms_block_primed(const struct ms_primed *pr, const struct ns_post *p, uint32_t b)
{
	uint32_t last = ns_post_block_last(p, b);

	for (size_t i = 0; i < pr->n; i++)
		if (pr->hi[i] == last)
			return 1;
	return 0;
}

/* Whether document d was scored by ms_prime() (its leaf cursor l is moved
 * to d to tell); d only grows from call to call. */
static int ms_was_primed(struct ns_match *m, struct ms_primed *pr, struct ns_cursor *l, uint32_t d,
			 int *rc)
{
	*rc = NS_OK;
	while (pr->at < pr->n && pr->hi[pr->at] < d)
		pr->at++;
	if (pr->at == pr->n || d < pr->lo[pr->at])
		return 0;
	*rc = ns_leaf_advance(m, l, d);
	return *rc == NS_OK && l->docid == d;
}

/* The walk's state over one segment. */
struct ms_walk {
	struct ns_match *m;
	struct ns_topk *top;
	struct ns_cursor *root;
	uint32_t s;		/* segment number, for the hits */
	uint64_t *count;	/* counting (no pruning) when not NULL */
	struct ns_leaf *lv;	/* by increasing bound once primed */
	size_t n;
	size_t ne;		/* lv[0..ne) are the non-essential lists */
	struct ns_leaf **pl;	/* the leaves in plan order */
	double *cum;		/* cum[i]: sum of the bounds of lv[0..i] */
	struct ns_leaf *primed;	/* the leaf ms_prime() scored blocks of */
	struct ms_primed pr;
	double theta;		/* the threshold to beat */
	uint32_t seen_last;	/* ms_skip_target() found the blocks up to
				 * here worth walking */
	double seen_theta;	/* at this threshold */
	size_t seen_ne;		/* with this many non-essential lists */
};

/* Starts every list and drops those absent from the segment or empty;
 * the rest get their bounds. */
static int ms_start_lists(struct ns_match *m, struct ns_leaf *lv, size_t *n)
{
	size_t k = 0;
	int rc = NS_OK;

	for (size_t i = 0; i < *n && rc == NS_OK; i++) {
		rc = ns_cursor_advance(m, lv[i].n, 0);
		lv[i].ub = rc == NS_OK && lv[i].n->docid != NS_POST_END ? 0 : -1;	/* -1: gone */
	}
	if (rc != NS_OK)
		return rc;
	ms_set_prox(m, lv, *n);
	for (size_t i = 0; i < *n; i++)
		if (lv[i].ub >= 0) {
			ns_leaf_bound_init(m, &lv[i]);
			lv[i].ub = ns_leaf_ub(&lv[i]);
		}
	for (size_t i = 0; i < *n; i++)
		if (lv[i].ub >= 0)
			lv[k++] = lv[i];
	*n = k;
	return NS_OK;
}

/* Orders the leaves by bound after priming, and sets the cumulative
 * bounds, the plan order, the threshold and the non-essential lists. */
static void ms_order(struct ms_walk *w)
{
	qsort(w->lv, w->n, sizeof(*w->lv), cmp_ms_ub);
	for (size_t i = 0; w->pr.leaf != SIZE_MAX && i < w->n; i++)
		if (w->lv[i].orig == w->pr.leaf)
			w->primed = &w->lv[i];
	for (size_t i = 0; i < w->n; i++) {
		w->cum[i] = (i ? w->cum[i - 1] : 0) + w->lv[i].ub;
		w->pl[w->lv[i].plan] = &w->lv[i];
	}
	w->theta = ms_threshold(w->top, w->primed != NULL);
	w->ne = w->count ? 0 : ms_non_essential(w->cum, w->n, w->theta);
}

/* Where the walk goes on from candidate d: skips, without decoding, the
 * runs of blocks whose bounds add up to at most the threshold.  From t on,
 * a document of an essential list lies in the block find_block(t) names,
 * so every document up to the first of those blocks' ends scores at most
 * region.  d itself when nothing can be skipped (or when counting). */
static uint32_t ms_skip_target(struct ms_walk *w, uint32_t d)
{
	uint32_t t = d;

	/* A run found worth walking stays so while d is inside it and the
	 * threshold and the essential lists have not changed: then nothing
	 * is looked at again (were a bound lower by now, the documents would
	 * only be bounded one by one, never wrongly skipped). */
	if (d <= w->seen_last && w->theta == w->seen_theta && w->ne == w->seen_ne)
		return d;
	while (!w->count) {
		double region = w->ne ? w->cum[w->ne - 1] : 0;
		uint32_t last = NS_POST_END - 1;
		for (size_t i = w->ne; i < w->n; i++) {
			struct ns_cursor *l = w->lv[i].n;
			uint32_t b;
			if (l->docid == NS_POST_END)
				continue;
			b = l->docid >= t ? l->post.blk : ns_post_find_block(&l->post, t);
			if (b >= l->post.n_blocks)
				continue;
			/* a primed block's documents of this leaf are scored */
			if (&w->lv[i] != w->primed || !ms_block_primed(&w->pr, &l->post, b))
				region += ns_leaf_block_ub(&w->lv[i], b);
			if (ns_post_block_last(&l->post, b) < last)
				last = ns_post_block_last(&l->post, b);
		}
		if (region > w->theta || last >= NS_POST_END - 1) {
			w->seen_last = last;
			w->seen_theta = w->theta;
			w->seen_ne = w->ne;
			break;
		}
		t = last + 1;
	}
	return t;
}

/* Moves the lists that sit on d past it. */
static int ms_step_past(struct ms_walk *w, uint32_t d)
{
	int rc = NS_OK;

	for (size_t i = 0; i < w->n && rc == NS_OK; i++)
		if (w->lv[i].n->docid == d)
			rc = ns_leaf_advance(w->m, w->lv[i].n, d + 1);
	return rc;
}

/* The bound of d itself: of the lists on it, by their blocks and their
 * tf, with the non-essential lists' whole. */
static double ms_doc_bound(const struct ms_walk *w, uint32_t d)
{
	double here = w->ne ? w->cum[w->ne - 1] : 0;

	for (size_t i = w->ne; i < w->n; i++)
		if (w->lv[i].n->docid == d) {
			double u = ns_leaf_block_ub(&w->lv[i], w->lv[i].n->post.blk);
			double v = ns_leaf_doc_ub(&w->lv[i]);
			here += u < v ? u : v;
		}
	return here;
}

/* Scores candidate d: the essential lists on it, then the non-essential
 * ones, best bound first, while it can still make it; pushes it into the
 * top k unless excluded, and raises the threshold. */
static int ms_score(struct ms_walk *w, uint32_t d, int excluded)
{
	struct ns_match *m = w->m;
	struct ns_leaf *lv = w->lv;
	double sb = 0, sp = 0;
	int rc = ns_cursor_norms(m, d), pruned = 0;

	if (rc != NS_OK)
		return rc;
	m->st.n_candidates++;
	for (size_t i = w->ne; i < w->n; i++) {
		lv[i].on = lv[i].n->docid == d;
		if (!lv[i].on)
			continue;
		ns_leaf_weigh(m, &lv[i]);
		sb += lv[i].w;
		sp += lv[i].prox;
	}
	for (size_t i = w->ne; i-- > 0 && rc == NS_OK;) {
		struct ns_cursor *l = lv[i].n;
		if (sb + sp + w->cum[i] <= w->theta) {
			pruned = 1;
			break;
		}
		rc = ns_leaf_advance(m, l, d);
		lv[i].on = rc == NS_OK && l->docid == d;
		if (!lv[i].on)
			continue;
		ns_leaf_weigh(m, &lv[i]);
		sb += lv[i].w;
		sp += lv[i].prox;
	}
	if (rc != NS_OK)
		return rc;
	if (!pruned && sb + sp > w->theta) {
		if (!w->count)
			rc = ns_cursor_excluded(m, w->root, d, &excluded);
		/* the proximity bound by its length, once d's norms are read
		 * again (a negation's positions may have read others') */
		if (rc == NS_OK && !excluded && sp > 0 && (rc = ns_cursor_norms(m, d)) == NS_OK)
			sp = ns_leaf_prox_doc_ub(m, w->pl, w->n);
		if (rc == NS_OK && !excluded)
			rc = ns_leaf_push(m, w->top, w->pl, w->n, w->s, d, sp, w->theta);
		if (rc != NS_OK)
			return rc;
		if (ms_threshold(w->top, w->primed != NULL) > w->theta) {
			w->theta = ms_threshold(w->top, w->primed != NULL);
			w->ne = w->count ? 0 : ms_non_essential(w->cum, w->n, w->theta);
		}
	}
	for (size_t i = 0; i < w->n; i++)
		lv[i].on = 0;
	return NS_OK;
}

/* The walk: the smallest document of the essential lists, past skipped
 * blocks, counted, scored unless primed or bounded out. */
static int ms_walk(struct ms_walk *w)
{
	int rc = NS_OK;

	while (w->ne < w->n) {
		uint32_t d = NS_POST_END, t;
		int excluded = 0;

		for (size_t i = w->ne; i < w->n; i++)
			if (w->lv[i].n->docid < d)
				d = w->lv[i].n->docid;
		if (d == NS_POST_END)
			break;
		t = ms_skip_target(w, d);
		if (t > d) {
			for (size_t i = w->ne; i < w->n && rc == NS_OK; i++)
				rc = ns_leaf_advance(w->m, w->lv[i].n, t);
			if (rc != NS_OK)
				break;
			continue;
		}
		if (w->count) {
			rc = ns_cursor_excluded(w->m, w->root, d, &excluded);
			if (rc != NS_OK)
				break;
			*w->count += !excluded;
		}
		/* Scored already (ms_prime)? */
		if (w->primed) {
			int was = ms_was_primed(w->m, &w->pr, w->primed->n, d, &rc);
			if (rc != NS_OK)
				break;
			if (was) {
				rc = ms_step_past(w, d);
				if (rc != NS_OK)
					break;
				continue;
			}
		}
		if (ms_doc_bound(w, d) > w->theta && !(w->count && excluded)) {
			rc = ms_score(w, d, excluded);
			if (rc != NS_OK)
				break;
		}
		if (d == NS_POST_END - 1)
			break;
		rc = ms_step_past(w, d);
		if (rc != NS_OK)
			break;
	}
	return rc;
}

int ns_maxscore_segment(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root,
			const struct ns_pnode *pos_plan, uint32_t s, uint64_t *count)
{
	struct ms_walk w;
	size_t cap = 0;
	int rc;

	memset(&w, 0, sizeof(w));
	w.m = m;
	w.top = top;
	w.root = root;
	w.s = s;
	w.count = count;
	w.seen_theta = HUGE_VAL;	/* no run seen yet */
	rc = ms_collect(ms_pos_node(root, pos_plan), &w.lv, &w.n, &cap);
	if (rc == NS_OK)
		rc = ms_start_lists(m, w.lv, &w.n);
	if (rc != NS_OK)
		goto out;
	w.cum = malloc((w.n + 1) * sizeof(*w.cum));
	w.pl = malloc((w.n + 1) * sizeof(*w.pl));
	if (!w.cum || !w.pl) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < w.n; i++)
		w.lv[i].plan = i;	/* plan order among the leaves kept */
	rc = ms_prime(m, top, pos_plan, s, w.lv, w.n, &w.pr);
	if (rc != NS_OK)
		goto out;
	ms_order(&w);
	rc = ms_walk(&w);
out:
	free(w.lv);
	free(w.cum);
	free(w.pl);
	return rc;
}
