/* SPDX-License-Identifier: MIT */
/* fuzzyplan.c -- fuzzy words in the plan (see fuzzyplan.h). */
#include "fuzzyplan.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fuzzyterm.h"
#include "plan.h"
#include "tokenize.h"

static uint64_t cost_add(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

/* A P_TERM of term in field. */
static int term_node(struct ns_match *m, const char *term, size_t len, enum ns_qfield field,
		     struct ns_pnode **out)
{
	struct ns_pnode *p = ns_plan_node_new(P_TERM);
	int rc;

	*out = NULL;
	if (!p)
		return NS_ERR_NOMEM;
	p->field = field;
	rc = ns_plan_add_term(m, term, len, &p->term);
	if (rc != NS_OK) {
		free(p);
		return rc;
	}
	p->cost = m->terms[p->term].df;
	*out = p;
	return NS_OK;
}

/* An OR of the set's terms (one term alone; nothing: P_EMPTY). */
static int terms_node(struct ns_match *m, const struct ns_termset *set, enum ns_qfield field,
		      struct ns_pnode **out)
{
	struct ns_pnode *p, *kid;
	int rc = NS_OK;

	*out = NULL;
	if (set->n == 0) {
		p = ns_plan_node_new(P_EMPTY);
		if (p)
			p->nothing = 1;
		return (*out = p) ? NS_OK : NS_ERR_NOMEM;
	}
	if (set->n == 1)
		return term_node(m, set->terms[0], strlen(set->terms[0]), field, out);
	p = ns_plan_node_new(P_OR);
	if (!p)
		return NS_ERR_NOMEM;
	p->prefix = 1;	/* one operand of NEAR/ADJ, like a prefix's terms */
	for (size_t i = 0; i < set->n && rc == NS_OK; i++) {
		rc = term_node(m, set->terms[i], strlen(set->terms[i]), field, &kid);
		if (rc == NS_OK) {
			p->cost = cost_add(p->cost, kid->cost);
			rc = ns_plan_push_kid(&p->kids, &p->n_kids, kid);
			if (rc != NS_OK)
				ns_plan_free(kid);
		}
	}
	if (rc != NS_OK) {
		ns_plan_free(p);
		return rc;
	}
	*out = p;
	return NS_OK;
}

static int fuzzy_node(struct ns_match *m, const char *text, int k, enum ns_qfield field,
		      size_t col, struct ns_pnode **out)
{
	struct ns_termset set;
	struct ns_fuzzy_count cnt = { 0, 0 };
	char why[256] = "";
	int rc;

	*out = NULL;
	if (field == NS_QF_SOURCE || field == NS_QF_DATE) {
		ns_msgf(m->msg, m->msglen, "column %zu: source: and date: take no fuzzy words", col);
		return NS_ERR_QUERY;
	}
	rc = ns_fuzzy_terms(m->idx, text, k, m->max_prefix_terms, &set, &cnt,
			    &m->st.n_fuzzy_entries, why, sizeof(why));
	m->st.n_fuzzy_visited += cnt.forms;
	m->st.n_fuzzy_probes += cnt.prefixes;
	if (rc == NS_OK)
		rc = terms_node(m, &set, field, out);
	else if (rc == NS_ERR_QUERY)
		ns_msgf(m->msg, m->msglen, "column %zu: %s", col, why);
	else if (why[0])
		ns_msgf(m->msg, m->msglen, "%s", why);
	ns_termset_release(&set);
	return rc;
}

int ns_fuzzyplan_word(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out)
{
	return fuzzy_node(m, q->text, (int)q->dist, q->field, q->col, out);
}

/* The edits of the mark right after a word ending at text[end], or 0. */
static int mark_at(const char *text, size_t end, size_t *mark_end)
{
	if (text[end] != '~')
		return 0;
	if (text[end + 1] >= '1' && text[end + 1] <= '2') {
		*mark_end = end + 2;
		return text[end + 1] - '0';
	}
	*mark_end = end + 1;
	return 1;
}

int ns_fuzzyplan_phrase_has_marks(const char *text)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	size_t e;

	ns_tok_init(&t, text, strlen(text), 0);
	while (ns_tok_next(&t, &tok))
		if (mark_at(text, tok.off + tok.len, &e))
			return 1;
	return 0;
}

int ns_fuzzyplan_phrase(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	struct ns_pnode *p = ns_plan_node_new(P_NEAR), *kid;
	size_t skip_to = 0, len = strlen(q->text);
	int rc = NS_OK, nothing = 0;

	*out = NULL;
	if (!p)
		return NS_ERR_NOMEM;
	p->ordered = 1;
	p->field = q->field;
	ns_tok_init(&t, q->text, len, 0);
	while (rc == NS_OK && ns_tok_next(&t, &tok)) {
		size_t end = tok.off + tok.len, mark_end = end;
		int k;
		if (tok.off < skip_to)
			continue;	/* the digit of a "~2" */
		k = mark_at(q->text, end, &mark_end);
		skip_to = mark_end;
		if (k) {
			char *w = malloc(tok.len + 1);
			if (!w) {
				rc = NS_ERR_NOMEM;
				break;
			}
			memcpy(w, q->text + tok.off, tok.len);
			w[tok.len] = 0;
			rc = fuzzy_node(m, w, k, q->field, q->col, &kid);
			free(w);
		} else {
			const char *term;
			size_t tlen;
			term = ns_analyzer_stem(m->idx->an, tok.term, tok.term_len, &tlen);
			rc = term ? term_node(m, term, tlen, q->field, &kid) : NS_ERR_NOMEM;
		}
		if (rc != NS_OK)
			break;
		nothing |= kid->kind == P_EMPTY;
		rc = ns_plan_push_kid(&p->kids, &p->n_kids, kid);
		if (rc != NS_OK)
			ns_plan_free(kid);
	}
	if (rc != NS_OK) {
		ns_plan_free(p);
		return rc;
	}
	if (nothing || p->n_kids <= 1) {
		/* one word: itself; a fuzzy word that stands for nothing: the
		 * phrase matches nothing */
		kid = !nothing && p->n_kids == 1 ? p->kids[0] : NULL;
		if (kid)
			p->n_kids = 0;
		ns_plan_free(p);
		if (!kid) {
			kid = ns_plan_node_new(P_EMPTY);
			if (kid)
				kid->nothing = 1;
		}
		return (*out = kid) ? NS_OK : NS_ERR_NOMEM;
	}
	p->dist = (uint32_t)(p->n_kids - 1);
	p->cost = UINT64_MAX;
	for (size_t i = 0; i < p->n_kids; i++)
		if (p->kids[i]->cost < p->cost)
			p->cost = p->kids[i]->cost;
	*out = p;
	return NS_OK;
}
