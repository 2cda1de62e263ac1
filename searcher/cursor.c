/* SPDX-License-Identifier: MIT */
/* cursor.c -- cursors over one segment: instantiating them, moving them
 * (see cursor.h).
 *
 * Scoring (score.h) and the top-k walks (maxscore.h, conj.h) move cursors
 * only through ns_cursor_advance(); the checks of positions are
 * positional.c's.
 */
#include "cursor.h"

#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>

#include "date.h"
#include "error.h"
#include "fieldterm.h"
#include "positional.h"

void ns_cursor_free(struct ns_cursor *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->p->n_kids; i++)
		ns_cursor_free(n->kids ? n->kids[i] : NULL);
	for (size_t i = 0; i < n->p->n_negs; i++)
		ns_cursor_free(n->negs ? n->negs[i] : NULL);
	if (n->p->kind == P_TERM && n->has_post)
		ns_post_release(&n->post);
	if (n->bounds)
		ns_post_release(n->bounds);
	free(n->bounds);
	free(n->kids);
	free(n->order);
	free(n->negs);
	free(n->spans);
	free(n);
}

/* A phrase's word at least this many times as frequent as its second
 * rarest word is lazy: its cursor is moved to a document only once the
 * rarer words line up there (positional.c), so "make a good" decodes the
 * postings of "a" for the few documents with "make ? good", not for every
 * document with "make" and "good" -- the idea of checking rare terms
 * first in phrase queries, as in Williams, Zobel and Bahle, "Fast phrase
 * querying with combined indexes" (TOIS 2004). */
#define LAZY_RATIO 2

static int cmp_cost(const void *a, const void *b)
{
	const struct ns_cursor *x = *(const struct ns_cursor *const *)a;
	const struct ns_cursor *y = *(const struct ns_cursor *const *)b;

	return x->p->cost < y->p->cost ? -1 : x->p->cost > y->p->cost;
}

/* SENTENCE/PARAGRAPH: the postings of the sentence or paragraph starts
 * (format.h, I10); none in a segment without words. */
static int open_bounds(struct ns_match *m, struct ns_cursor *n)
{
	const char term[2] = { NS_FT_MARK, (char)n->p->unit };
	struct ns_term_info ti;
	int rc = ns_segr_lookup(m->seg, term, 2, &ti);

	if (rc == NS_DONE)
		return NS_OK;
	if (rc != NS_OK)
		return rc;
	n->bounds = calloc(1, sizeof(*n->bounds));
	if (!n->bounds)
		return NS_ERR_NOMEM;
	rc = ns_post_open(n->bounds, m->seg, &ti);
	if (rc != NS_OK) {
		free(n->bounds);
		n->bounds = NULL;
	}
	return rc;
}

int ns_cursor_new(struct ns_match *m, const struct ns_pnode *p, struct ns_cursor **out)
{
	struct ns_cursor *n = malloc(sizeof(*n));
	int rc = NS_OK;

	*out = NULL;
	if (!n)
		return NS_ERR_NOMEM;
	/* All zero but the postings' block arrays (2.5 KB: clearing them was
	 * 2% of the bench's instructions), which a block decode fills
	 * before they are read, as for a cursor on the stack. */
	memset(n, 0, offsetof(struct ns_cursor, post) + offsetof(struct ns_post, pos_start));
	memset(&n->kids, 0, sizeof(*n) - offsetof(struct ns_cursor, kids));
	n->p = p;
	if (p->verify) {	/* checked by date: no cursor at all */
		n->docid = NS_POST_END;	/* never "on" a document */
		n->started = 1;
		*out = n;
		return NS_OK;
	}
	if (p->kind == P_TERM) {
		const struct ns_qterm *t = &m->terms[p->term];
		struct ns_term_info ti;
		if (t->seg_ti) {	/* looked up already, for df */
			ti = t->seg_ti[m->seg_i];
			rc = ti.df ? NS_OK : NS_DONE;
		} else {
			rc = ns_segr_lookup(m->seg, t->text, t->len, &ti);
		}
		if (rc == NS_OK) {
			rc = ns_post_open(&n->post, m->seg, &ti);
			n->has_post = rc == NS_OK;
			m->st.n_lists++;
			m->st.n_list_bytes += ti.doc_len;
		} else if (rc == NS_DONE) {
			rc = NS_OK;
		}
	}
	if (p->kind == P_NEAR && p->unit)
		rc = open_bounds(m, n);
	if (rc == NS_OK && p->n_kids) {
		n->kids = calloc(p->n_kids, sizeof(*n->kids));
		n->order = calloc(p->n_kids, sizeof(*n->order));
		if (!n->kids || !n->order)
			rc = NS_ERR_NOMEM;
		for (size_t i = 0; i < p->n_kids && rc == NS_OK; i++)
			rc = ns_cursor_new(m, p->kids[i], &n->kids[i]);
		for (size_t i = 0; i < p->n_kids && rc == NS_OK; i++)
			if (!p->kids[i]->verify)
				n->order[n->n_order++] = n->kids[i];
		if (rc == NS_OK)
			qsort(n->order, n->n_order, sizeof(*n->order), cmp_cost);
		n->n_drive = n->n_order;
		if (rc == NS_OK && p->kind == P_PHRASE && n->n_order > 2)
			for (size_t i = 2; i < n->n_order; i++)
				if (n->order[i]->p->cost >= LAZY_RATIO * n->order[1]->p->cost) {
					n->n_drive = i;
					break;
				}
	}
	if (rc == NS_OK && p->n_negs) {
		n->negs = calloc(p->n_negs, sizeof(*n->negs));
		if (!n->negs)
			rc = NS_ERR_NOMEM;
		for (size_t i = 0; i < p->n_negs && rc == NS_OK; i++)
			rc = ns_cursor_new(m, p->negs[i], &n->negs[i]);
	}
	if (rc != NS_OK) {
		ns_cursor_free(n);
		return rc;
	}
	*out = n;
	return NS_OK;
}

/* Moves all of n's kids (rarest first; not a phrase's lazy words) to one
 * document >= target. */
static int leapfrog(struct ns_match *m, struct ns_cursor *n, uint32_t target, uint32_t *doc)
{
	size_t nk = n->n_drive;
	int rc;

again:
	for (size_t i = 0; i < nk; i++) {
		rc = ns_cursor_advance(m, n->order[i], target);
		if (rc != NS_OK)
			return rc;
		if (n->order[i]->docid == NS_POST_END) {
			*doc = NS_POST_END;
			return NS_OK;
		}
		if (n->order[i]->docid > target) {
			target = n->order[i]->docid;
			if (i > 0)
				goto again;
		}
	}
	*doc = target;
	return NS_OK;
}

/* Whether document d's date lies in range (undated: never). */
static int date_in(struct ns_match *m, const struct ns_daterange *range, uint32_t d, int *yes)
{
	int64_t t;
	int rc = ns_segr_date(m->seg, d, &t);

	m->st.n_date_checks++;
	*yes = rc == NS_OK && t != NS_DATE_NONE && ns_daterange_has(range, t);
	return rc;
}

/* ns_post_advance(), counting the blocks it decodes. */
static int post_advance(struct ns_match *m, struct ns_post *p, uint32_t target)
{
	uint32_t blk = p->blk;
	int rc = ns_post_advance(p, target);

	if (rc == NS_OK && p->blk != blk) {
		m->st.n_blocks++;
		m->st.n_postings += p->blk_n;
	}
	return rc;
}

static int advance_term(struct ns_match *m, struct ns_cursor *n, uint32_t target)
{
	for (;;) {
		int rc = post_advance(m, &n->post, target);
		if (rc < 0)
			return rc;
		if (rc == NS_DONE) {
			n->docid = NS_POST_END;
			return NS_OK;
		}
		if (n->p->date_check) {
			int in;
			rc = date_in(m, &n->p->range, n->post.docid, &in);
			if (rc != NS_OK)
				return rc;
			if (!in) {
				target = n->post.docid + 1;
				continue;
			}
		}
		if (n->p->field != NS_QF_TITLE && n->p->field != NS_QF_BODY) {
			n->docid = n->post.docid;
			return NS_OK;
		}
		m->st.n_position_checks++;
		rc = ns_positional_term_spans(m, n);
		if (rc != NS_OK)
			return rc;
		if (n->n_spans > 0) {
			n->docid = n->post.docid;
			return NS_OK;
		}
		target = n->post.docid + 1;
	}
}

/* The per-candidate checks of an AND (cursor.h): the date ranges that
 * plan_verify() left to the documents the other operands agree on, then
 * the negations. */
int ns_cursor_excluded(struct ns_match *m, struct ns_cursor *n, uint32_t d, int *excluded)
{
	int rc;

	*excluded = 0;
	if (n->p->kind != P_AND)
		return NS_OK;
	for (size_t i = 0; i < n->p->n_kids && !*excluded; i++) {
		int in;
		if (!n->p->kids[i]->verify)
			continue;
		rc = date_in(m, &n->p->kids[i]->range, d, &in);
		if (rc != NS_OK)
			return rc;
		*excluded = !in;
	}
	for (size_t i = 0; i < n->p->n_negs && !*excluded; i++) {
		if (n->p->negs[i]->verify) {
			rc = date_in(m, &n->p->negs[i]->range, d, excluded);
			if (rc != NS_OK)
				return rc;
			continue;
		}
		rc = ns_cursor_advance(m, n->negs[i], d);
		if (rc != NS_OK)
			return rc;
		*excluded = n->negs[i]->docid == d;
	}
	return NS_OK;
}

static int advance_and(struct ns_match *m, struct ns_cursor *n, uint32_t target)
{
	uint32_t d;
	int rc;

	for (;;) {
		rc = leapfrog(m, n, target, &d);
		if (rc != NS_OK || d == NS_POST_END) {
			n->docid = NS_POST_END;
			return rc;
		}
		int excluded;
		rc = ns_cursor_excluded(m, n, d, &excluded);
		if (rc != NS_OK)
			return rc;
		if (!excluded) {
			n->docid = d;
			return NS_OK;
		}
		target = d + 1;
	}
}

static int advance_or(struct ns_match *m, struct ns_cursor *n, uint32_t target)
{
	uint32_t min = NS_POST_END;

	for (size_t i = 0; i < n->p->n_kids; i++) {
		int rc = ns_cursor_advance(m, n->kids[i], target);
		if (rc != NS_OK)
			return rc;
		if (n->kids[i]->docid < min)
			min = n->kids[i]->docid;
	}
	n->docid = min;
	return NS_OK;
}

int ns_cursor_match_positions(struct ns_match *m, struct ns_cursor *n, uint32_t d, int *ok)
{
	int rc;

	m->st.n_position_checks++;
	if (n->p->kind != P_PHRASE)
		return ns_positional_near(m, n, d, ok);
	rc = ns_positional_phrase(m, n, d);
	if (rc == NS_OK && n->n_spans > 0 && n->n_drive < n->n_order) {
		/* the rarer words line up: only now move the lazy ones here,
		 * and check the whole phrase */
		int all = 1;
		for (size_t i = n->n_drive; i < n->n_order && rc == NS_OK && all; i++) {
			rc = ns_cursor_advance(m, n->order[i], d);
			all = n->order[i]->docid == d;
		}
		if (rc == NS_OK && !all)
			n->n_spans = 0;
		else if (rc == NS_OK)
			rc = ns_positional_phrase(m, n, d);
	}
	*ok = rc == NS_OK && n->n_spans > 0;
	return rc;
}

static int advance_positional(struct ns_match *m, struct ns_cursor *n, uint32_t target)
{
	uint32_t d;
	int rc, ok = 0;

	for (;;) {
		rc = leapfrog(m, n, target, &d);
		if (rc != NS_OK || d == NS_POST_END) {
			n->docid = NS_POST_END;
			break;
		}
		rc = ns_cursor_match_positions(m, n, d, &ok);
		if (rc != NS_OK)
			break;
		if (ok) {
			n->docid = d;
			break;
		}
		target = d + 1;
	}
	return rc;
}

/* Moves n to its first match >= target (docid NS_POST_END when none). */
int ns_cursor_advance(struct ns_match *m, struct ns_cursor *n, uint32_t target)
{
	if (n->started && (n->docid >= target))
		return NS_OK;
	n->started = 1;
	switch (n->p->kind) {
	case P_EMPTY:
		n->docid = NS_POST_END;
		return NS_OK;
	case P_TERM:
		if (!n->has_post) {
			n->docid = NS_POST_END;
			return NS_OK;
		}
		return advance_term(m, n, target);
	case P_AND:
		return advance_and(m, n, target);
	case P_OR:
		return advance_or(m, n, target);
	case P_PHRASE:
	case P_NEAR:
		return advance_positional(m, n, target);
	case P_BOOST: {
		int rc = ns_cursor_advance(m, n->kids[0], target);
		n->docid = n->kids[0]->docid;
		return rc;
	}
	}
	return NS_ERR_USAGE;
}
