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

int ns_conj_segment(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root, uint32_t s)
{
	int positional = root->p->kind == P_PHRASE || root->p->kind == P_NEAR;
	size_t n = 0;
	struct ns_leaf *lv = calloc(root->p->n_kids + 1, sizeof(*lv));
	struct ns_leaf **pl = calloc(root->p->n_kids + 1, sizeof(*pl));
	struct ns_leaf **order = calloc(root->p->n_kids + 1, sizeof(*order));
	double theta = ns_topk_threshold(top);
	uint32_t t = 0;
	size_t n_drive;	/* order[0..n_drive) leapfrog, the rest are lazy */
	int rc = NS_OK;

	if (!lv || !pl || !order) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < root->p->n_kids; i++) {
		struct ns_cursor *k = root->kids[i];
		const struct ns_qterm *q;
		if (k->p->verify)
			continue;
		if (!k->has_post)
			goto out;	/* a term absent from the segment: no match */
		q = &m->terms[k->p->term];
		lv[n].n = k;
		lv[n].plan = n;
		lv[n].prox = m->prox_bound > 0 && !q->expansion
				     ? m->prox_part[q->distinct] * NS_LEAF_SLACK : 0;
		ns_leaf_bound_init(m, &lv[n]);
		for (size_t j = root->n_drive; positional && j < root->n_order; j++)
			lv[n].lazy |= root->order[j] == k;
		pl[n] = order[n] = &lv[n];
		n++;
	}
	qsort(order, n, sizeof(*order), cmp_leaf_cost);
	for (n_drive = 0; n_drive < n && !order[n_drive]->lazy; n_drive++)
		;
	for (;;) {
		uint32_t d, last;
		double region, sp = 0;
		int moved;

		/* skip the runs of blocks that cannot reach the top k */
		for (;;) {
			region = 0;
			last = NS_POST_END - 1;
			for (size_t i = 0; i < n; i++) {
				const struct ns_post *p = &lv[i].n->post;
				uint32_t b = lv[i].n->started && lv[i].n->docid >= t
						     ? p->blk : ns_post_find_block(p, t);
				if (b >= p->n_blocks)
					goto out;	/* a list is done: so are matches */
				region += ns_leaf_block_ub(&lv[i], b);
				if (ns_post_block_last(p, b) < last)
					last = ns_post_block_last(p, b);
			}
			if (region > theta || last >= NS_POST_END - 1)
				break;
			t = last + 1;
		}
		/* leapfrog to the next document of all leaves >= t */
		do {
			moved = 0;
			for (size_t i = 0; i < n_drive; i++) {
				rc = ns_leaf_advance(m, order[i]->n, t);
				if (rc != NS_OK)
					goto out;
				if (order[i]->n->docid == NS_POST_END)
					goto out;
				if (order[i]->n->docid > t) {
					t = order[i]->n->docid;
					moved = i > 0;
					if (moved)
						break;
				}
			}
		} while (moved);
		d = t;
		region = 0;
		for (size_t i = 0; i < n; i++) {
			struct ns_cursor *k = order[i]->n;
			double u, v;
			if (i >= n_drive && !(k->started && k->docid == d)) {
				/* lazy, not here yet: its bound where d lies */
				uint32_t b = ns_post_find_block(&k->post, d);
				if (b >= k->post.n_blocks)
					goto out;	/* its list is done */
				region += ns_leaf_block_ub(order[i], b);
				continue;
			}
			u = ns_leaf_block_ub(order[i], k->post.blk);
			v = ns_leaf_doc_ub(order[i]);
			region += u < v ? u : v;
		}
		if (region > theta) {
			double sc = 0;
			int ok = 1;
			/* The score is known before the positions are looked at:
			 * only a document that can enter the top k is checked
			 * (with lazy words, the positions first: they move them
			 * here, and only then can they be weighed). */
			m->st.n_candidates++;
			rc = ns_cursor_norms(m, d);
			if (rc == NS_OK && n_drive < n)
				rc = ns_cursor_match_positions(m, root, d, &ok);
			if (rc != NS_OK)
				break;
			for (size_t i = 0; i < n && ok; i++) {
				lv[i].on = 1;
				ns_leaf_weigh(m, &lv[i]);
				sc += lv[i].w;
				sp += lv[i].prox;
			}
			if (!ok || sc + sp <= theta)
				ok = 0;
			else if (positional && n_drive == n)
				rc = ns_cursor_match_positions(m, root, d, &ok);
			else
				rc = ns_cursor_excluded(m, root, d, &ok), ok = !ok;
			if (rc == NS_OK && ok)
				rc = ns_leaf_push(m, top, pl, n, s, d, sp, theta);
			if (rc != NS_OK)
				break;
			theta = ns_topk_threshold(top);
		}
		if (d == NS_POST_END - 1)
			break;
		t = d + 1;
	}
out:
	free(lv);
	free(pl);
	free(order);
	return rc;
}
