/* SPDX-License-Identifier: MIT */
/* score.c -- a matching document's score from its cursors (see score.h).
 *
 * The plain walk (match.c) and --explain score here; the pruned walks
 * (maxscore.c, conj.c) sum the same weights in the same order through
 * leaf.h, so every walk gives a document the same score to the bit.
 */
#include "score.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "date.h"
#include "error.h"

/* rank.h's w(t,d) of term leaf n on the current document.  Its
 * occurrences in the title come from the postings (format.h, tf_title):
 * no positions decoded. */
double ns_score_term_weight(struct ns_match *m, const struct ns_cursor *n, uint32_t *tf_title)
{
	*tf_title = ns_post_title_tf(&n->post);
	return n->p->boost * ns_bm25f_weight(&m->bm25, m->terms[n->p->term].idf, *tf_title,
					     ns_post_tf(&n->post), m->title_len, m->doc_len);
}

/* Adds to *s the score of the terms of n matching document d. */
int ns_score_doc(struct ns_match *m, struct ns_cursor *n, uint32_t d, double *s)
{
	uint32_t tt;
	int rc = NS_OK;

	if (!ns_cursor_on_doc(n, d) || n->p->verify)
		return NS_OK;
	switch (n->p->kind) {
	case P_TERM:
		if (n->p->filter)
			return NS_OK;
		*s += ns_score_term_weight(m, n, &tt);
		return NS_OK;
	case P_AND:
	case P_OR:
	case P_NEAR:
		for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++)
			rc = ns_score_doc(m, n->kids[i], d, s);
		return rc;
	case P_PHRASE:
		/* Kids are term cursors that sit on d but carry no docid of
		 * their own verification; score them directly. */
		for (size_t i = 0; i < n->p->n_kids; i++) {
			if (n->kids[i]->p->filter)
				continue;
			*s += ns_score_term_weight(m, n->kids[i], &tt);
		}
		return NS_OK;
	case P_BOOST:
		rc = ns_score_doc(m, n->kids[0], d, s);
		/* Expansion terms only score: bring each to d if it has d. */
		for (size_t i = 1; i < n->p->n_kids && rc == NS_OK; i++) {
			rc = ns_cursor_advance(m, n->kids[i], d);
			if (rc == NS_OK)
				rc = ns_score_doc(m, n->kids[i], d, s);
		}
		return rc;
	case P_EMPTY:
		break;
	}
	return NS_OK;
}

/* Adds the positions of term leaf n (on the current document) to m->occ,
 * unless its distinct term is there already. */
int ns_score_gather_leaf(struct ns_match *m, struct ns_cursor *n, size_t *n_occ)
{
	const struct ns_qterm *t = &m->terms[n->p->term];
	const uint32_t *pos;
	uint32_t k;
	int rc;

	if (m->prox_seen[t->distinct])
		return NS_OK;
	m->prox_seen[t->distinct] = 1;
	rc = ns_post_positions(&n->post, &pos, &k);
	if (rc != NS_OK)
		return rc;
	if (m->occ_cap - *n_occ < k) {
		size_t cap = m->occ_cap ? m->occ_cap : 256;
		struct ns_prox_occ *o;
		while (cap - *n_occ < k)
			cap *= 2;
		o = realloc(m->occ, cap * sizeof(*o));
		if (!o)
			return NS_ERR_NOMEM;
		m->occ = o;
		m->occ_cap = cap;
	}
	for (uint32_t i = 0; i < k; i++) {
		m->occ[*n_occ].pos = pos[i];
		m->occ[*n_occ].term = t->distinct;
		(*n_occ)++;
	}
	return NS_OK;
}

/* Collects the positions of the original word terms of n on document d,
 * once per distinct term, into m->occ. */
static int gather_occ(struct ns_match *m, struct ns_cursor *n, uint32_t d, size_t *n_occ)
{
	const struct ns_pnode *p = n->p;
	int rc = NS_OK;

	if (p->kind == P_TERM) {
		const struct ns_qterm *t = &m->terms[p->term];
		if (p->filter || t->expansion || !n->has_post || !ns_cursor_on_doc(n, d))
			return NS_OK;
		return ns_score_gather_leaf(m, n, n_occ);
	}
	if (!ns_cursor_on_doc(n, d))
		return NS_OK;
	for (size_t i = 0; i < p->n_kids && rc == NS_OK; i++)
		rc = gather_occ(m, n->kids[i], d, n_occ);
	return rc;
}

/* The proximity score of document d (rank.h). */
int ns_score_proximity(struct ns_match *m, struct ns_cursor *root, uint32_t d, double *s)
{
	size_t n_occ = 0;
	int rc;

	*s = 0;
	if (m->n_prox < 2)
		return NS_OK;
	memset(m->prox_seen, 0, m->n_prox);
	rc = gather_occ(m, root, d, &n_occ);
	if (rc == NS_OK)
		*s = ns_prox_score(&m->bm25, m->occ, n_occ, m->prox_idf, m->prox_acc, m->n_prox,
				   m->title_len, m->doc_len);
	return rc;
}

/* The distinct original word terms of n on document d: marks them in
 * m->prox_seen, counts them and sums their shares of the proximity bound. */
static void prox_present(struct ns_match *m, const struct ns_cursor *n, uint32_t d, size_t *count,
			 double *bound)
{
	const struct ns_pnode *p = n->p;

	if (p->kind == P_TERM) {
		const struct ns_qterm *t = &m->terms[p->term];
		if (p->filter || t->expansion || !n->has_post || !ns_cursor_on_doc(n, d) ||
		    m->prox_seen[t->distinct])
			return;
		m->prox_seen[t->distinct] = 1;
		(*count)++;
		*bound += m->prox_part[t->distinct];
		return;
	}
	if (!ns_cursor_on_doc(n, d))
		return;
	for (size_t i = 0; i < p->n_kids; i++)
		prox_present(m, n->kids[i], d, count, bound);
}

/* Offers document d of segment s to top, keyed by the sort order. */
int ns_score_push_hit(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root, uint32_t s,
		      uint32_t d)
{
	double sc = 0, prox = 0, key, bound = 0;
	size_t present = 0;
	int64_t t;
	int rc = ns_score_doc(m, root, d, &sc);

	if (rc != NS_OK)
		return rc;
	/* The proximity score needs every term's positions: skip it when
	 * fewer than two distinct terms are there (it is 0), or when even its
	 * upper bound for the terms there cannot lift the document into the
	 * top k (exact: a later document loses a tie, see rank.c). */
	if (m->prox_bound > 0) {
		memset(m->prox_seen, 0, m->n_prox);
		prox_present(m, root, d, &present, &bound);
	}
	if (present >= 2 && (m->sort != NS_SORT_SCORE || sc + bound > ns_topk_threshold(top))) {
		m->st.n_proximity++;
		rc = ns_score_proximity(m, root, d, &prox);
		if (rc != NS_OK)
			return rc;
		sc += prox;
	}
	if (m->sort == NS_SORT_SCORE) {
		ns_topk_push(top, sc, m->idx->base[s] + d);
		return NS_OK;
	}
	rc = ns_segr_date(m->seg, d, &t);
	if (rc != NS_OK)
		return rc;
	/* Undated articles last in both orders; ties go to the lower docid. */
	if (t == NS_DATE_NONE)
		key = -HUGE_VAL;
	else
		key = m->sort == NS_SORT_DATE ? -(double)t : (double)t;
	ns_topk_push_key(top, key, sc, m->idx->base[s] + d);
	return NS_OK;
}
