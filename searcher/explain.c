/* SPDX-License-Identifier: MIT */
/* explain.c -- how the score of one matching document was computed, for
 * --explain (ns_match_explain() and ns_explain_release() of match.h).
 *
 * It walks a fresh cursor tree to the document and mirrors
 * ns_score_doc(): the same weights, term by term, then the proximity
 * score.
 */
#include "match.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "date.h"
#include "error.h"
#include "fieldterm.h"
#include "match_int.h"
#include "score.h"

/* The term as a person would write it: title:iran, source:reuters,
 * date:2026-02. */
static char *readable_term(const struct ns_qterm *t, enum ns_qfield field)
{
	static const char *const prefix[] = {
		[NS_QF_ANY] = "", [NS_QF_TITLE] = "title:", [NS_QF_BODY] = "body:",
		[NS_QF_SOURCE] = "source:", [NS_QF_DATE] = "date:",
	};
	const char *text = t->text;
	size_t len = t->len;
	char *out;

	if (ns_ft_is_field(text, len) && len >= 2) {
		field = text[1] == NS_FT_SOURCE ? NS_QF_SOURCE : NS_QF_DATE;
		text += 2;
		len -= 2;
	}
	out = malloc(strlen(prefix[field]) + len + 1);
	if (out) {
		strcpy(out, prefix[field]);
		memcpy(out + strlen(out), text, len);
		out[strlen(prefix[field]) + len] = 0;
	}
	return out;
}

static struct ns_explain_term *explain_add(struct ns_explain *ex)
{
	struct ns_explain_term *e;

	if (ex->n_terms % 8 == 0) {
		struct ns_explain_term *nt = realloc(ex->terms, (ex->n_terms + 8) * sizeof(*nt));
		if (!nt)
			return NULL;
		ex->terms = nt;
	}
	e = &ex->terms[ex->n_terms];
	memset(e, 0, sizeof(*e));
	return e;
}

/* A range checked by date: "date:2026-02-01..2026-02-28". */
static int explain_range(const struct ns_pnode *p, struct ns_explain *ex)
{
	struct ns_explain_term *e = explain_add(ex);
	char lo[11] = "", hi[11] = "";

	if (!e)
		return NS_ERR_NOMEM;
	if (p->range.lo != NS_DR_MIN)
		ns_date_format_day(p->range.lo, lo);
	if (p->range.hi != NS_DR_MAX)
		ns_date_format_day(p->range.hi, hi);
	e->text = malloc(32);
	if (!e->text)
		return NS_ERR_NOMEM;
	snprintf(e->text, 32, "date:%s..%s", lo, hi);
	e->filter = 1;
	e->tf = 1;
	e->df = p->cost;
	ex->n_terms++;
	return NS_OK;
}

static int explain_term(struct ns_match *m, const struct ns_cursor *n, struct ns_explain *ex)
{
	const struct ns_qterm *t = &m->terms[n->p->term];
	struct ns_explain_term *e = explain_add(ex);

	if (!e)
		return NS_ERR_NOMEM;
	e->text = readable_term(t, n->p->field);
	if (!e->text)
		return NS_ERR_NOMEM;
	ex->n_terms++;
	e->filter = n->p->filter;
	e->tf = ns_post_tf(&n->post);
	e->df = t->df;
	e->idf = t->idf;
	e->boost = n->p->boost;
	e->weight = 0;
	if (!e->filter)
		e->weight = ns_score_term_weight(m, n, &e->tf_title);
	ex->score += e->weight;
	return NS_OK;
}

/* Mirrors ns_score_doc(): the terms that count for document d. */
static int explain_walk(struct ns_match *m, const struct ns_cursor *n, uint32_t d,
			struct ns_explain *ex)
{
	int rc = NS_OK;

	if (!ns_cursor_on_doc(n, d))
		return NS_OK;
	switch (n->p->kind) {
	case P_TERM:
		return explain_term(m, n, ex);
	case P_AND:
	case P_OR:
	case P_NEAR:
		for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++) {
			if (n->p->kids[i]->verify)
				rc = explain_range(n->p->kids[i], ex);
			else
				rc = explain_walk(m, n->kids[i], d, ex);
		}
		return rc;
	case P_PHRASE:
		for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++)
			rc = explain_term(m, n->kids[i], ex);
		return rc;
	case P_BOOST:
		rc = explain_walk(m, n->kids[0], d, ex);
		for (size_t i = 1; i < n->p->n_kids && rc == NS_OK; i++) {
			rc = ns_cursor_advance(m, n->kids[i], d);
			if (rc == NS_OK)
				rc = explain_walk(m, n->kids[i], d, ex);
		}
		return rc;
	case P_EMPTY:
		break;
	}
	return NS_OK;
}

int ns_match_explain(struct ns_match *m, uint64_t docid, struct ns_explain *ex)
{
	struct ns_match_stats saved = m->st;
	struct ns_cursor *root;
	uint32_t s, d;
	int rc;

	memset(ex, 0, sizeof(*ex));
	if (docid >= m->idx->n_docids)
		return NS_ERR_USAGE;
	ns_index_locate(m->idx, docid, &s, &d);
	m->seg = m->idx->segs[s];
	m->seg_i = s;
	m->norm_doc = NS_POST_END;
	rc = ns_cursor_new(m, m->root, &root);
	if (rc != NS_OK)
		return rc;
	rc = ns_cursor_advance(m, root, d);
	if (rc == NS_OK && root->docid != d)
		rc = NS_DONE;
	if (rc == NS_OK)
		rc = ns_cursor_norms(m, d);
	if (rc == NS_OK) {
		ex->n_docs = m->idx->n_docs;
		ex->doc_len = m->doc_len;
		ex->avg_doc_len = m->idx->avg_doc_len;
		ex->k1 = m->bm25.k1;
		ex->b = m->bm25.b;
		ex->title_len = m->title_len;
		ex->title_weight = m->bm25.title_weight;
		ex->prox_weight = m->bm25.prox_weight;
		ex->norm = ns_bm25_norm(&m->bm25, (double)m->doc_len +
							  (m->bm25.title_weight - 1) * m->title_len);
		rc = explain_walk(m, root, d, ex);
		if (rc == NS_OK)
			rc = ns_score_proximity(m, root, d, &ex->proximity);
		ex->score += ex->proximity;
	}
	ns_cursor_free(root);
	m->st = saved;	/* explaining is not part of the run's work */
	if (rc != NS_OK)
		ns_explain_release(ex);
	return rc;
}

void ns_explain_release(struct ns_explain *ex)
{
	for (size_t i = 0; i < ex->n_terms; i++)
		free(ex->terms[i].text);
	free(ex->terms);
	memset(ex, 0, sizeof(*ex));
}
