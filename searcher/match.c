/* SPDX-License-Identifier: MIT */
/* match.c -- document-at-a-time query evaluation: the public entry (see
 * match.h).
 *
 * Compiling (plan.h), adding expansion terms, and running a query over
 * every segment with the cheapest walk that gives the same answer: the
 * plain walk of the cursors (cursor.h) scoring every match (score.h), or,
 * for the k best by score, MaxScore (maxscore.h) or block-max AND
 * (conj.h).  match_int.h maps the other files; explain.c has
 * ns_match_explain().
 */
#include "match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conj.h"
#include "cursor.h"
#include "error.h"
#include "fanout.h"
#include "leaf.h"
#include "lexicon.h"
#include "match_int.h"
#include "maxscore.h"
#include "pieces.h"
#include "plan.h"
#include "score.h"

/* Each segment's arrival mark from its piece's (o->piece_after), or the
 * one mark for all; m->arrived_after then says whether any is set. */
static int piece_marks(struct ns_match *m, const struct ns_match_opts *o)
{
	const struct ns_index *idx = m->idx;
	uint64_t any = 0;

	m->seg_after = calloc(idx->m.n_segs + 1, sizeof(*m->seg_after));
	if (!m->seg_after)
		return NS_ERR_NOMEM;
	for (uint32_t s = 0; s < idx->m.n_segs; s++) {
		uint32_t p = ns_pieces_of_segment(idx, s);
		uint64_t after = p < o->n_piece_after ? o->piece_after[p] : NS_MATCH_AFTER_UNSET;
		m->seg_after[s] = after == NS_MATCH_AFTER_UNSET ? o->arrived_after : after;
		any |= m->seg_after[s];
	}
	m->arrived_after = any;
	return NS_OK;
}

int ns_match_compile(struct ns_index *idx, const struct ns_qnode *q, struct ns_match **out,
		     char *msg, size_t msglen)
{
	return ns_match_compile_opts(idx, q, NULL, out, msg, msglen);
}

int ns_match_compile_opts(struct ns_index *idx, const struct ns_qnode *q,
			  const struct ns_match_opts *o, struct ns_match **out, char *msg,
			  size_t msglen)
{
	struct ns_match *m;
	int rc = NS_OK;

	*out = NULL;
	if (!q && !(o && o->range))
		return NS_ERR_USAGE;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NS_ERR_NOMEM;
	m->idx = idx;
	m->msg = msg;
	m->msglen = msglen;
	m->sort = o ? o->sort : NS_SORT_SCORE;
	m->arrived_after = o ? o->arrived_after : 0;
	if (o && o->piece_after && (rc = piece_marks(m, o)) != NS_OK) {
		free(m);
		return rc;
	}
	m->max_prefix_terms = o && o->max_prefix_terms ? o->max_prefix_terms
						       : NS_PREFIX_MAX_TERMS;
	ns_bm25_init(&m->bm25, idx->avg_doc_len);
	if (q) {
		m->stopping = 1;
		rc = ns_plan_compile(m, q, &m->root);
		if (rc == NS_OK && m->n_stopped > 0 && m->root->kind == P_EMPTY && !m->root->nothing) {
			/* Only stopwords ("the who"): then they are the query. */
			ns_plan_free(m->root);
			m->root = NULL;
			for (size_t i = 0; i < m->n_terms; i++) {
				free(m->terms[i].text);
				free(m->terms[i].seg_ti);
			}
			m->n_terms = 0;
			m->stopping = 0;
			rc = ns_plan_compile(m, q, &m->root);
		}
	}
	if (rc == NS_OK && o && o->range)
		rc = ns_plan_and_range(m, o->range);
	if (rc == NS_OK)
		rc = ns_plan_collect_distinct(m);
	if (rc != NS_OK) {
		ns_match_free(m);
		return rc;
	}
	*out = m;
	return NS_OK;
}

int ns_match_compile_terms(struct ns_index *idx, const char *const *terms, const double *weights,
			   size_t n, struct ns_match **out)
{
	struct ns_match *m;
	int rc = NS_OK;

	*out = NULL;
	if (n == 0)
		return NS_ERR_USAGE;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NS_ERR_NOMEM;
	m->idx = idx;
	m->sort = NS_SORT_SCORE;
	ns_bm25_init(&m->bm25, idx->avg_doc_len);
	m->root = ns_plan_node_new(P_OR);
	if (!m->root)
		rc = NS_ERR_NOMEM;
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		struct ns_pnode *t = ns_plan_node_new(P_TERM);
		if (!t) {
			rc = NS_ERR_NOMEM;
			break;
		}
		rc = ns_plan_add_term(m, terms[i], strlen(terms[i]), &t->term);
		if (rc != NS_OK) {
			free(t);
			break;
		}
		t->boost = weights[i];
		t->cost = m->terms[t->term].df;
		m->root->cost += t->cost;
		rc = ns_plan_push_kid(&m->root->kids, &m->root->n_kids, t);
		if (rc != NS_OK)
			ns_plan_free(t);
	}
	if (rc == NS_OK)
		rc = ns_plan_collect_distinct(m);
	if (rc != NS_OK) {
		ns_match_free(m);
		return rc;
	}
	*out = m;
	return NS_OK;
}

int ns_match_expand(struct ns_match *m, const char *const *terms, const double *weights, size_t n,
		    double orig_weight, int widen)
{
	struct ns_pnode *top;
	int rc = NS_OK;

	if (!m->root || n == 0)
		return NS_OK;
	top = ns_plan_node_new(widen ? P_OR : P_BOOST);
	if (!top)
		return NS_ERR_NOMEM;
	ns_plan_scale_terms(m->root, orig_weight);
	rc = ns_plan_push_kid(&top->kids, &top->n_kids, m->root);
	if (rc != NS_OK) {
		free(top);
		return rc;
	}
	m->root = top;
	top->cost = top->kids[0]->cost;
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		struct ns_pnode *t = ns_plan_node_new(P_TERM);
		if (!t)
			return NS_ERR_NOMEM;
		rc = ns_plan_add_term(m, terms[i], strlen(terms[i]), &t->term);
		if (rc != NS_OK) {
			free(t);
			break;
		}
		m->terms[t->term].expansion = 1;
		t->boost = weights[i];
		t->cost = m->terms[t->term].df;
		if (top->kind == P_OR)
			top->cost += t->cost;
		rc = ns_plan_push_kid(&top->kids, &top->n_kids, t);
		if (rc != NS_OK)
			ns_plan_free(t);
	}
	return rc;
}

void ns_match_free(struct ns_match *m)
{
	if (!m)
		return;
	ns_plan_free(m->root);
	for (size_t i = 0; i < m->n_terms; i++) {
		free(m->terms[i].text);
		free(m->terms[i].seg_ti);
	}
	free(m->terms);
	free(m->distinct);
	free(m->prox_idf);
	free(m->prox_acc);
	free(m->prox_seen);
	free(m->prox_part);
	free(m->occ);
	free(m->seg_after);
	free(m);
}

void ns_match_terms(const struct ns_match *m, const char *const **terms, size_t *n)
{
	*terms = m->distinct;
	*n = m->n_distinct;
}

void ns_match_get_stats(const struct ns_match *m, struct ns_match_stats *st)
{
	*st = m->st;
}

/* Walks one segment's matches with the plain document-at-a-time cursors:
 * counts them into *count and, when top is given, scores each. */
static int walk_segment(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root, uint32_t s,
			uint64_t *count)
{
	const struct ns_seginfo *g = &m->idx->m.segs[s];
	uint64_t after = ns_match_after(m, s);
	uint32_t d = 0;
	int rc;

	for (;;) {
		if (after) {	/* only the runs after the mark */
			d = ns_arrivals_next_after(g->arr, g->n_arr, after, d);
			if (d == UINT32_MAX)
				return NS_OK;
		}
		rc = ns_cursor_advance(m, root, d);
		if (rc != NS_OK || root->docid == NS_POST_END)
			return rc;
		d = root->docid;
		if (after && ns_arrivals_next_after(g->arr, g->n_arr, after, d) != d)
			continue;	/* arrived before: d moves to the next run */
		(*count)++;
		if (top) {
			rc = ns_cursor_norms(m, d);
			if (rc == NS_OK)
				rc = ns_score_push_hit(m, top, root, s, d);
			if (rc != NS_OK)
				return rc;
		}
		if (d == NS_POST_END - 1)
			return NS_OK;
		d++;
	}
}

/* |a and b| for two term leaves without deletions, by merging their
 * decoded blocks: the count of "a NOT b" is a's df less it.  Inside a
 * pair of blocks the docid arrays are merged with no cursor call per
 * posting; between blocks the cursors skip, undecoded, the blocks the
 * other list has nothing in.  NS_OK or an error of decoding. */
static int count_common(struct ns_match *m, struct ns_cursor *a, struct ns_cursor *b,
			uint64_t *both)
{
	uint32_t t = 0;
	int rc;

	for (;;) {
		struct ns_post *pa = &a->post, *pb = &b->post;
		const uint32_t *da = pa->docs, *db = pb->docs;
		uint32_t ia, ib, na, nb, last;
		uint64_t c = 0;

		rc = ns_leaf_advance(m, a, t);
		if (rc != NS_OK || a->docid == NS_POST_END)
			return rc;
		rc = ns_leaf_advance(m, b, a->docid);
		if (rc != NS_OK || b->docid == NS_POST_END)
			return rc;
		if (b->docid != a->docid) {
			t = b->docid;
			continue;
		}
		ia = pa->i;
		ib = pb->i;
		na = pa->blk_n;
		nb = pb->blk_n;
		while (ia < na && ib < nb) {
			uint32_t x = da[ia], y = db[ib];
			c += x == y;
			ia += x <= y;
			ib += y <= x;
		}
		*both += c;
		/* every document up to the end of the block that ran out is
		 * counted */
		last = ia == na ? da[na - 1] : db[nb - 1];
		pa->i = ia < na ? ia : na - 1;
		pb->i = ib < nb ? ib : nb - 1;
		pa->docid = a->docid = da[pa->i];
		pb->docid = b->docid = db[pb->i];
		if (last == NS_POST_END - 1)
			return NS_OK;
		t = last + 1;
	}
}

/* Whether an OR's operand p is a term leaf (or a word the index lacks). */
static int or_leaf(const struct ns_pnode *p)
{
	return p->kind == P_EMPTY || (p->kind == P_TERM && ns_leaf_ok(p));
}

/* A term leaf's df in the segment; 0 for an absent one. */
static uint64_t leaf_df(const struct ns_cursor *c)
{
	return c->p->kind == P_TERM && c->has_post ? c->post.ti.df : 0;
}

/* |a or b| for two term leaves without deletions: their dfs less the
 * documents they share (count_common()).  1 when root is such an OR (its
 * cursors are then spent), else 0. */
static int count_or2(struct ns_match *m, struct ns_cursor *root, uint64_t *count, int *rc)
{
	struct ns_cursor *a, *b;
	uint64_t both = 0;

	if (root->p->kind != P_OR || root->p->n_kids != 2 || root->p->n_negs ||
	    !or_leaf(root->p->kids[0]) || !or_leaf(root->p->kids[1]))
		return 0;
	a = root->kids[0];
	b = root->kids[1];
	if (leaf_df(a) && leaf_df(b))
		*rc = count_common(m, a, b, &both);
	*count += leaf_df(a) + leaf_df(b) - both;
	return 1;
}

/* The number of matches in the segment without walking a term's postings,
 * when nothing is deleted: a term query's is its df; "a OR b"'s their dfs
 * less what they share; "a NOT b"'s is a's df less the documents of b that
 * a has, found by leapfrogging from b's side when b is the rarer.  Returns
 * 1 when it counted (root's cursors are then spent), 0 when the shape does
 * not fit. */
static int count_shortcut(struct ns_match *m, struct ns_cursor *root, uint64_t *count, int *rc)
{
	struct ns_cursor *a;
	uint64_t neg_cost = 0, both = 0;
	uint32_t d = 0;

	*rc = NS_OK;
	if (ns_segr_n_deleted(m->seg) != 0)
		return 0;
	if (root->p->kind == P_TERM && ns_leaf_ok(root->p)) {
		if (root->has_post)
			*count += root->post.ti.df;
		return 1;
	}
	if (count_or2(m, root, count, rc))
		return 1;
	if (root->p->kind != P_AND || root->p->n_kids != 1 || !ns_leaf_ok(root->p->kids[0]))
		return 0;
	a = root->kids[0];
	for (size_t i = 0; i < root->p->n_negs; i++) {
		if (root->p->negs[i]->verify)
			return 0;
		neg_cost += root->p->negs[i]->cost;
	}
	if (!a->has_post)
		return 1;	/* no match at all */
	if (root->p->n_negs == 1 && ns_leaf_ok(root->p->negs[0]) && root->negs[0]->has_post) {
		*rc = count_common(m, a, root->negs[0], &both);
		*count += a->post.ti.df - both;
		return 1;
	}
	if (neg_cost >= a->post.ti.df)
		return 0;	/* walking a is cheaper */
	for (;;) {
		uint32_t nd = NS_POST_END;
		for (size_t i = 0; i < root->p->n_negs && *rc == NS_OK; i++) {
			*rc = ns_cursor_advance(m, root->negs[i], d);
			if (root->negs[i]->docid < nd)
				nd = root->negs[i]->docid;
		}
		if (*rc == NS_OK && nd != NS_POST_END)
			*rc = ns_cursor_advance(m, a, nd);
		if (*rc != NS_OK || nd == NS_POST_END)
			break;
		both += a->docid == nd;
		if (a->docid == NS_POST_END || nd == NS_POST_END - 1)
			break;
		d = a->docid > nd ? a->docid : nd + 1;
	}
	*count += a->post.ti.df - both;
	return 1;
}

int ns_match_run_segments(struct ns_match *m, const struct ns_run_shape *sh,
			  struct ns_topk *top, uint32_t first, uint32_t end, uint64_t *count)
{
	const struct ns_pnode *ms = sh->ms, *conj = sh->conj;
	int rc = NS_OK;

	for (uint32_t s = first; s < end && rc == NS_OK; s++) {
		struct ns_cursor *root;

		if (ns_match_after(m, s) && ns_arrivals_max(m->idx->m.segs[s].arr,
							    m->idx->m.segs[s].n_arr) <= ns_match_after(m, s))
			continue;	/* nothing in it arrived after the mark */
		m->seg = m->idx->segs[s];
		m->seg_i = s;
		m->norm_doc = NS_POST_END;
		rc = ns_cursor_new(m, m->root, &root);
		if (rc != NS_OK)
			break;
		/* A count alone (-c): the same shortcut, which the plain walk
		 * below would otherwise spend a call per posting on. */
		if (!ms && !conj && !top && sh->counting && !m->visit && !ns_match_after(m, s) &&
		    count_shortcut(m, root, count, &rc)) {
			ns_cursor_free(root);
			continue;
		}
		if (!ms && !conj) {
			rc = m->visit ? ns_match_visit_segment(m, root, s, count)
				      : walk_segment(m, top, root, s, count);
			ns_cursor_free(root);
			continue;
		}
		/* An exact count: a term's df (less a rarer negation's), or
		 * MaxScore or block-max AND counting as they go. */
		if (ms && sh->counting && count_shortcut(m, root, count, &rc)) {
			ns_cursor_free(root);
			root = NULL;
			if (rc == NS_OK)
				rc = ns_cursor_new(m, m->root, &root);
			if (rc == NS_OK)
				rc = ns_maxscore_segment(m, top, root, ms, s, NULL);
		} else if (ms)
			rc = ns_maxscore_segment(m, top, root, ms, s, sh->counting ? count : NULL);
		else
			rc = ns_conj_segment(m, top, root, s, sh->counting ? count : NULL);
		ns_cursor_free(root);
	}
	return rc;
}

int ns_match_run(struct ns_match *m, struct ns_topk *top, uint64_t *n_matches)
{
	/* a visit or an arrival window walks every match: no pruning */
	int pruning = top && top->k > 0 && m->sort == NS_SORT_SCORE && !m->visit &&
		      !m->arrived_after;
	struct ns_run_shape sh;
	uint64_t count = 0, fuzzy_visited, fuzzy_entries, fuzzy_probes;
	int rc, fanned = 0;

	sh.ms = pruning ? ns_maxscore_shape(m->root) : NULL;
	/* Counting visits every match: block-max AND then counts them all and
	 * weighs only those that can enter the top k (conj.h). */
	sh.conj = pruning && !sh.ms ? ns_conj_shape(m->root) : NULL;
	/* A count alone, or a visit of every match (counts by column), walks
	 * an AND or phrase the same way, weighing nothing: its merge of
	 * decoded blocks beats a cursor call per candidate. */
	if (!top && n_matches && !m->arrived_after)
		sh.conj = ns_conj_shape(m->root);
	sh.counting = n_matches != NULL;
	/* the fuzzy walks' counts are the compile's, not the run's */
	fuzzy_visited = m->st.n_fuzzy_visited;
	fuzzy_entries = m->st.n_fuzzy_entries;
	fuzzy_probes = m->st.n_fuzzy_probes;
	memset(&m->st, 0, sizeof(m->st));
	m->st.n_fuzzy_visited = fuzzy_visited;
	m->st.n_fuzzy_entries = fuzzy_entries;
	m->st.n_fuzzy_probes = fuzzy_probes;
	if (!top && !n_matches)
		return NS_OK;
	/* Several indexes as one: their segments in threads when it pays. */
	rc = ns_fanout_run(m, &sh, top, &count, &fanned);
	if (!fanned)
		rc = ns_match_run_segments(m, &sh, top, 0, m->idx->m.n_segs, &count);
	if (!sh.ms && !sh.conj) {
		m->st.n_matches = count;
		m->st.n_candidates = count;
	} else if (n_matches) {
		m->st.n_matches = count;
	}
	m->st.n_terms = m->n_terms;
	if (n_matches)
		*n_matches = count;
	return rc;
}
