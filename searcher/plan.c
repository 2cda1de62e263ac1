/* SPDX-License-Identifier: MIT */
/* plan.c -- compile a parsed query into a plan (see plan.h).
 *
 * One function per kind of query node: compile_text() for words and
 * phrases, compile_prefix() and compile_range() for the ORs of terms that
 * prefixes and dates stand for, compile_group() for AND, OR and NEAR/ADJ.
 * Nothing here reads postings: only the dictionary, for dfs.
 */
#include "plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fieldterm.h"
#include "fuzzyplan.h"
#include "lexicon.h"
#include "stopwords.h"
#include "tokenize.h"

/* a + b, estimated numbers of matches, saturating at UINT64_MAX. */
static uint64_t cost_add(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

struct ns_pnode *ns_plan_node_new(enum ns_pkind kind)
{
	struct ns_pnode *p = calloc(1, sizeof(*p));

	if (p) {
		p->kind = kind;
		p->boost = 1.0;
	}
	return p;
}

/* P_EMPTY for a restriction that no article meets. */
static struct ns_pnode *new_nothing(void)
{
	struct ns_pnode *p = ns_plan_node_new(P_EMPTY);

	if (p)
		p->nothing = 1;
	return p;
}

void ns_plan_free(struct ns_pnode *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_kids; i++)
		ns_plan_free(p->kids[i]);
	for (size_t i = 0; i < p->n_negs; i++)
		ns_plan_free(p->negs[i]);
	free(p->kids);
	free(p->negs);
	free(p->offsets);
	free(p);
}

/* Adds a term to the plan with its global df (looked up when df is
 * NULL). */
static int add_term_df(struct ns_match *m, const char *text, size_t len, const uint64_t *df,
		       uint32_t *id)
{
	struct ns_qterm *t;
	int rc = NS_OK;

	if (m->n_terms == m->terms_cap) {
		size_t cap = m->terms_cap ? m->terms_cap * 2 : 8;
		struct ns_qterm *nt = realloc(m->terms, cap * sizeof(*nt));
		if (!nt)
			return NS_ERR_NOMEM;
		m->terms = nt;
		m->terms_cap = cap;
	}
	t = &m->terms[m->n_terms];
	t->text = malloc(len + 1);
	if (!t->text)
		return NS_ERR_NOMEM;
	memcpy(t->text, text, len);
	t->text[len] = 0;
	t->len = len;
	t->expansion = 0;
	t->distinct = 0;
	t->seg_ti = NULL;
	if (df) {
		t->df = *df;
	} else {
		/* the lookups kept for the cursors (cursor.c) */
		t->seg_ti = calloc((size_t)m->idx->m.n_segs + 1, sizeof(*t->seg_ti));
		rc = t->seg_ti ? ns_index_df_terms(m->idx, text, len, &t->df, t->seg_ti)
			       : NS_ERR_NOMEM;
	}
	if (rc != NS_OK) {
		free(t->text);
		free(t->seg_ti);
		return rc;
	}
	t->idf = ns_bm25_idf(m->idx->n_docs, t->df);
	*id = (uint32_t)m->n_terms++;
	return NS_OK;
}

int ns_plan_add_term(struct ns_match *m, const char *text, size_t len, uint32_t *id)
{
	return add_term_df(m, text, len, NULL, id);
}

int ns_plan_push_kid(struct ns_pnode ***arr, size_t *n, struct ns_pnode *kid)
{
	struct ns_pnode **a = realloc(*arr, (*n + 1) * sizeof(*a));

	if (!a)
		return NS_ERR_NOMEM;
	a[(*n)++] = kid;
	*arr = a;
	return NS_OK;
}

/* Next term of a word or phrase: through the analyzer for words; for
 * source: the folded word (sources are not stemmed) as a field term. */
static int next_term(struct ns_match *m, struct ns_tokenizer *t, struct ns_token *tok,
		     int source, char *buf, const char **term, size_t *len)
{
	if (!source)
		return ns_analyzer_next(m->idx->an, t, tok, term, len);
	if (!ns_tok_next(t, tok))
		return 0;
	*len = ns_ft_source(buf, tok->term, tok->term_len);
	*term = buf;
	return 1;
}

/* Whether a word operand is one stopword (it tokenizes to exactly one
 * word, on the stop list of the index's language). */
static int is_stop_operand(const struct ns_match *m, const char *text)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	int stop;

	ns_tok_init(&t, text, strlen(text), 0);
	if (!ns_tok_next(&t, &tok))
		return 0;
	stop = ns_stopword(m->idx->m.lang, tok.term, tok.term_len);
	return stop && !ns_tok_next(&t, &tok);
}

/* A word or phrase: its text through the analyzer (or, for source:, the
 * tokenizer alone). */
static int compile_text(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	struct ns_pnode *p = NULL, *kid;
	const char *term;
	char buf[NS_FT_MAX_LEN];
	size_t len;
	uint32_t first = 0;
	int rc = NS_OK, source = q->field == NS_QF_SOURCE;

	*out = NULL;
	if (q->kind == NS_Q_PHRASE && ns_fuzzyplan_phrase_has_marks(q->text))
		return ns_fuzzyplan_phrase(m, q, out);	/* "new yrok~" */
	if (m->stopping && !m->in_near && q->kind == NS_Q_WORD && q->field == NS_QF_ANY &&
	    is_stop_operand(m, q->text)) {
		/* A stopword given alone: dropped by its AND/OR (stopwords.h). */
		m->n_stopped++;
		return (*out = ns_plan_node_new(P_EMPTY)) ? NS_OK : NS_ERR_NOMEM;
	}
	ns_tok_init(&t, q->text, strlen(q->text), 0);
	while (next_term(m, &t, &tok, source, buf, &term, &len)) {
		if (!p) {
			p = ns_plan_node_new(P_PHRASE);
			if (!p)
				return NS_ERR_NOMEM;
			p->field = q->field;
			first = tok.pos;
		}
		kid = ns_plan_node_new(P_TERM);
		uint32_t *offs = realloc(p->offsets, (p->n_kids + 1) * sizeof(*offs));
		if (offs)
			p->offsets = offs;	/* realloc() may have moved them */
		if (!kid || !offs) {
			free(kid);
			ns_plan_free(p);
			return NS_ERR_NOMEM;
		}
		p->offsets[p->n_kids] = tok.pos - first;
		kid->field = source ? NS_QF_SOURCE : NS_QF_ANY;
		kid->filter = source;
		rc = ns_plan_add_term(m, term, len, &kid->term);
		if (rc == NS_OK)
			rc = ns_plan_push_kid(&p->kids, &p->n_kids, kid);
		if (rc != NS_OK) {
			free(kid);
			ns_plan_free(p);
			return rc;
		}
		kid->cost = m->terms[kid->term].df;
	}
	if (!p)
		return (*out = ns_plan_node_new(P_EMPTY)) ? NS_OK : NS_ERR_NOMEM;
	if (p->n_kids == 1) {
		/* One term: the phrase collapses to it, keeping the field. */
		kid = p->kids[0];
		p->n_kids = 0;
		kid->field = q->field;
		ns_plan_free(p);
		*out = kid;
		return NS_OK;
	}
	p->cost = UINT64_MAX;
	for (size_t i = 0; i < p->n_kids; i++)
		if (p->kids[i]->cost < p->cost)
			p->cost = p->kids[i]->cost;
	*out = p;
	return NS_OK;
}

/* An OR of the terms in set (each a P_TERM in field), or the one term,
 * or P_EMPTY. */
static int compile_terms(struct ns_match *m, const struct ns_termset *set, enum ns_qfield field,
			 struct ns_pnode **out)
{
	struct ns_pnode *p, *kid;
	int rc = NS_OK;

	*out = NULL;
	if (set->n == 0)
		return (*out = new_nothing()) ? NS_OK : NS_ERR_NOMEM;
	p = ns_plan_node_new(P_OR);
	if (!p)
		return NS_ERR_NOMEM;
	p->prefix = 1;
	for (size_t i = 0; i < set->n && rc == NS_OK; i++) {
		kid = ns_plan_node_new(P_TERM);
		if (!kid) {
			rc = NS_ERR_NOMEM;
			break;
		}
		kid->field = field;
		kid->filter = field == NS_QF_SOURCE;
		rc = ns_plan_add_term(m, set->terms[i], strlen(set->terms[i]), &kid->term);
		if (rc == NS_OK) {
			kid->cost = m->terms[kid->term].df;
			p->cost = cost_add(p->cost, kid->cost);
			rc = ns_plan_push_kid(&p->kids, &p->n_kids, kid);
		}
		if (rc != NS_OK)
			free(kid);
	}
	if (rc != NS_OK) {
		ns_plan_free(p);
		return rc;
	}
	if (p->n_kids == 1) {
		kid = p->kids[0];
		p->n_kids = 0;
		ns_plan_free(p);
		p = kid;
	}
	*out = p;
	return NS_OK;
}

/* word*: an OR of the terms the prefix stands for (lexicon.h). */
static int compile_prefix(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out)
{
	struct ns_termset set;
	char why[256] = "";
	int rc;

	*out = NULL;
	if (q->field == NS_QF_DATE) {
		ns_msgf(m->msg, m->msglen, "column %zu: date: takes a date or a range, not a prefix",
			q->col);
		return NS_ERR_QUERY;
	}
	rc = ns_lexicon_prefix(m->idx, q->text, q->field == NS_QF_SOURCE, m->max_prefix_terms, &set,
			       why, sizeof(why));
	if (rc == NS_OK)
		rc = compile_terms(m, &set, q->field, out);
	else if (rc == NS_ERR_QUERY)
		ns_msgf(m->msg, m->msglen, "column %zu: %s", q->col, why);
	ns_termset_release(&set);
	return rc;
}

struct date_walk {
	struct ns_match *m;
	struct ns_pnode *p;	/* P_OR being filled */
	const struct ns_daterange *r;
};

static int on_date_term(void *ctx, const char *term, size_t len, int partial)
{
	struct date_walk *w = ctx;
	struct ns_pnode *kid;
	uint64_t df;
	int rc = ns_index_df(w->m->idx, term, len, &df);

	/* Terms no article has cost nothing to leave out. */
	if (rc != NS_OK || df == 0)
		return rc;
	kid = ns_plan_node_new(P_TERM);
	if (!kid)
		return NS_ERR_NOMEM;
	kid->field = NS_QF_DATE;
	kid->filter = 1;
	kid->date_check = partial;
	kid->range = *w->r;
	kid->cost = df;
	rc = add_term_df(w->m, term, len, &df, &kid->term);
	if (rc == NS_OK)
		rc = ns_plan_push_kid(&w->p->kids, &w->p->n_kids, kid);
	if (rc != NS_OK) {
		free(kid);
		return rc;
	}
	w->p->cost = cost_add(w->p->cost, df);
	return NS_OK;
}

/* A date range: an OR of year, month and day terms (daterange.h),
 * limited to the years the index holds. */
static int compile_range(struct ns_match *m, const struct ns_daterange *r, struct ns_pnode **out)
{
	struct date_walk w;
	struct ns_pnode *p;
	int rc;

	*out = NULL;
	if (!m->years_known) {
		rc = ns_lexicon_years(m->idx, &m->first_year, &m->last_year);
		if (rc < 0)
			return rc;
		m->has_years = rc == NS_OK;
		m->years_known = 1;
	}
	p = ns_plan_node_new(P_OR);
	if (!p)
		return NS_ERR_NOMEM;
	w.m = m;
	w.p = p;
	w.r = r;
	rc = m->has_years ? ns_daterange_terms(r, m->first_year, m->last_year, on_date_term, &w)
			  : NS_OK;
	if (rc != NS_OK) {
		ns_plan_free(p);
		return rc;
	}
	if (p->n_kids <= 1) {
		struct ns_pnode *kid = p->n_kids ? p->kids[0] : new_nothing();
		p->n_kids = 0;
		ns_plan_free(p);
		p = kid;
		if (!p)
			return NS_ERR_NOMEM;
	}
	if (p->kind != P_EMPTY) {
		p->is_range = 1;
		p->range = *r;
	}
	*out = p;
	return NS_OK;
}

/* How an AND meets a date range: by its postings when the range is the
 * rarest operand (it leads), else by the date of each candidate the rarer
 * operands agree on, read from the document table: a cost per candidate,
 * not per document of the range.  A range under NOT is always checked so. */
static void plan_verify(struct ns_pnode *p)
{
	uint64_t lead = UINT64_MAX;

	if (p->kind != P_AND)
		return;
	for (size_t i = 0; i < p->n_kids; i++)
		if (!p->kids[i]->is_range && p->kids[i]->cost < lead)
			lead = p->kids[i]->cost;
	for (size_t i = 0; i < p->n_kids; i++)
		if (p->kids[i]->is_range && p->kids[i]->cost > lead)
			p->kids[i]->verify = 1;
	for (size_t i = 0; i < p->n_negs; i++)
		if (p->negs[i]->is_range)
			p->negs[i]->verify = 1;
}

/* date:TEXT (daterange.h). */
static int compile_date(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out)
{
	struct ns_daterange r;
	char why[256];

	*out = NULL;
	if (ns_daterange_parse(q->text, &r, why, sizeof(why)) != 0) {
		ns_msgf(m->msg, m->msglen, "column %zu: date:%s", q->col, why);
		return NS_ERR_QUERY;
	}
	return compile_range(m, &r, out);
}

/* Whether a compiled NEAR/ADJ/SENTENCE/PARAGRAPH operand is one it can
 * measure: a word, a phrase, an OR of them (a prefix's terms, a group),
 * or nothing; never a source: or date: term.  Sets spans_multi when a
 * phrase is in it. */
static int near_operand(struct ns_pnode *p)
{
	switch (p->kind) {
	case P_TERM:
		return !p->filter;
	case P_PHRASE:
		p->spans_multi = 1;
		return p->field != NS_QF_SOURCE && p->field != NS_QF_DATE;
	case P_EMPTY:
		return 1;
	case P_OR:
		for (size_t i = 0; i < p->n_kids; i++) {
			if (!near_operand(p->kids[i]) || p->kids[i]->is_range)
				return 0;
			p->spans_multi |= p->kids[i]->spans_multi;
		}
		return !p->is_range && p->n_negs == 0;
	default:
		return 0;
	}
}

/* Whether q is, or its OR groups hold, a phrase with a fuzzy word. */
static int has_fuzzy_phrase(const struct ns_qnode *q)
{
	if (q->kind == NS_Q_PHRASE)
		return ns_fuzzyplan_phrase_has_marks(q->text);
	for (size_t i = 0; q->kind == NS_Q_OR && i < q->n_kids; i++)
		if (has_fuzzy_phrase(q->kids[i]))
			return 1;
	return 0;
}

static int compile_group(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out)
{
	enum ns_pkind kind = q->kind == NS_Q_AND ? P_AND : q->kind == NS_Q_OR ? P_OR : P_NEAR;
	/* NEAR, ADJ, SENTENCE, PARAGRAPH: one P_NEAR kind, told apart by
	 * ordered and unit */
	struct ns_pnode *p = ns_plan_node_new(kind), *kid;
	int rc = NS_OK, empty = 0, none = 0;

	*out = NULL;
	if (!p)
		return NS_ERR_NOMEM;
	p->dist = q->dist;
	p->ordered = q->kind == NS_Q_ADJ;
	p->unit = q->kind == NS_Q_SENTENCE ? NS_FT_SENTENCE
		  : q->kind == NS_Q_PARAGRAPH ? NS_FT_PARAGRAPH : 0;
	for (size_t i = 0; i < q->n_kids && rc == NS_OK; i++) {
		if (kind == P_NEAR &&
		    (q->kids[i]->field == NS_QF_SOURCE || q->kids[i]->field == NS_QF_DATE)) {
			ns_msgf(m->msg, m->msglen,
				"column %zu: source: and date: cannot be NEAR, ADJ, SENTENCE or "
				"PARAGRAPH operands",
				q->kids[i]->col);
			rc = NS_ERR_QUERY;
			break;
		}
		/* NEAR/ADJ measure every operand: no stopword is dropped there. */
		m->in_near += kind == P_NEAR;
		rc = ns_plan_compile(m, q->kids[i], &kid);
		m->in_near -= kind == P_NEAR;
		if (rc != NS_OK)
			break;
		if (kind == P_NEAR && !near_operand(kid) && has_fuzzy_phrase(q->kids[i])) {
			/* "new yrok~" is a chain of its words (fuzzyplan.h),
			 * and chains do not nest */
			ns_plan_free(kid);
			ns_msgf(m->msg, m->msglen,
				"column %zu: a phrase with a fuzzy word cannot be a NEAR, ADJ, "
				"SENTENCE or PARAGRAPH operand (a fuzzy word alone can)",
				q->kids[i]->col);
			rc = NS_ERR_QUERY;
			break;
		}
		if (kind == P_NEAR && !near_operand(kid)) {
			ns_plan_free(kid);
			ns_msgf(m->msg, m->msglen,
				"column %zu: NEAR, ADJ, SENTENCE and PARAGRAPH operands must be "
				"words, phrases, prefixes or OR groups of them",
				q->kids[i]->col);
			rc = NS_ERR_QUERY;
			break;
		}
		if (kid->kind == P_EMPTY) {
			/* An operand with no word in it ("&", a lone dash) says
			 * nothing: AND and OR drop it; NEAR cannot be measured
			 * without it and matches nothing.  A restriction that
			 * nothing meets (zzq*, date:1900) empties an AND. */
			if (kind == P_NEAR)
				empty = 1;
			none |= kid->nothing;
			ns_plan_free(kid);
			continue;
		}
		rc = ns_plan_push_kid(&p->kids, &p->n_kids, kid);
		if (rc != NS_OK)
			ns_plan_free(kid);
	}
	for (size_t i = 0; i < q->n_negs && rc == NS_OK; i++) {
		rc = ns_plan_compile(m, q->negs[i], &kid);
		if (rc != NS_OK)
			break;
		if (kid->kind == P_EMPTY) {
			ns_plan_free(kid);
			continue;
		}
		rc = ns_plan_push_kid(&p->negs, &p->n_negs, kid);
		if (rc != NS_OK)
			ns_plan_free(kid);
	}
	if (rc != NS_OK) {
		ns_plan_free(p);
		return rc;
	}
	if (empty || p->n_kids == 0 || (none && kind == P_AND)) {
		ns_plan_free(p);
		*out = none ? new_nothing() : ns_plan_node_new(P_EMPTY);
		return *out ? NS_OK : NS_ERR_NOMEM;
	}
	if (p->n_kids == 1 && p->n_negs == 0 && kind != P_NEAR) {
		kid = p->kids[0];
		p->n_kids = 0;
		ns_plan_free(p);
		*out = kid;
		return NS_OK;
	}
	p->cost = kind == P_OR ? 0 : UINT64_MAX;
	for (size_t i = 0; i < p->n_kids; i++) {
		uint64_t c = p->kids[i]->cost;
		if (kind == P_OR)
			p->cost = cost_add(p->cost, c);
		else if (c < p->cost)
			p->cost = c;
	}
	plan_verify(p);
	*out = p;
	return NS_OK;
}

int ns_plan_compile(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out)
{
	*out = NULL;
	switch (q->kind) {
	case NS_Q_WORD:
	case NS_Q_PHRASE:
		if (q->field == NS_QF_DATE)
			return compile_date(m, q, out);
		return compile_text(m, q, out);
	case NS_Q_PREFIX:
		return compile_prefix(m, q, out);
	case NS_Q_FUZZY:
		return ns_fuzzyplan_word(m, q, out);
	case NS_Q_AND:
	case NS_Q_OR:
	case NS_Q_NEAR:
	case NS_Q_ADJ:
	case NS_Q_SENTENCE:
	case NS_Q_PARAGRAPH:
		return compile_group(m, q, out);
	}
	return NS_ERR_QUERY;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_distinct(const void *key, const void *e)
{
	return strcmp(key, *(const char *const *)e);
}

/* The distinct original word terms, numbered for the proximity score. */
static int prepare_proximity(struct ns_match *m)
{
	free(m->prox_idf);
	free(m->prox_acc);
	free(m->prox_seen);
	free(m->prox_part);
	m->n_prox = m->n_distinct;
	m->prox_idf = calloc(m->n_prox + 1, sizeof(*m->prox_idf));
	m->prox_acc = calloc(m->n_prox + 1, sizeof(*m->prox_acc));
	m->prox_seen = calloc(m->n_prox + 1, 1);
	m->prox_part = calloc(m->n_prox + 1, sizeof(*m->prox_part));
	if (!m->prox_idf || !m->prox_acc || !m->prox_seen || !m->prox_part)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < m->n_terms; i++) {
		const char **at;
		if (ns_ft_is_field(m->terms[i].text, m->terms[i].len) || m->terms[i].expansion)
			continue;
		at = bsearch(m->terms[i].text, m->distinct, m->n_distinct, sizeof(*m->distinct),
			     cmp_distinct);
		if (!at)
			continue;
		m->terms[i].distinct = (uint32_t)(at - m->distinct);
		m->prox_idf[m->terms[i].distinct] = m->terms[i].idf;
	}
	m->prox_bound = m->n_prox >= 2 ? ns_prox_bound(&m->bm25, m->prox_idf, m->n_prox) : 0;
	for (size_t t = 0; t < m->n_prox && m->prox_bound > 0; t++)
		m->prox_part[t] = ns_prox_bound(&m->bm25, &m->prox_idf[t], 1);
	return NS_OK;
}

int ns_plan_collect_distinct(struct ns_match *m)
{
	size_t n = 0;

	m->distinct = malloc((m->n_terms + 1) * sizeof(*m->distinct));
	if (!m->distinct)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < m->n_terms; i++)
		if (!ns_ft_is_field(m->terms[i].text, m->terms[i].len) && !m->terms[i].expansion)
			m->distinct[n++] = m->terms[i].text;
	qsort(m->distinct, n, sizeof(*m->distinct), cmp_cstr);
	m->n_distinct = n;
	n = 0;
	for (size_t i = 0; i < m->n_distinct; i++)
		if (n == 0 || strcmp(m->distinct[n - 1], m->distinct[i]) != 0)
			m->distinct[n++] = m->distinct[i];
	m->n_distinct = n;
	return prepare_proximity(m);
}

/* root AND the date range. */
int ns_plan_and_range(struct ns_match *m, const struct ns_daterange *r)
{
	struct ns_pnode *dn, *p;
	int rc = compile_range(m, r, &dn);

	if (rc != NS_OK)
		return rc;
	if (!m->root) {
		m->root = dn;
		return NS_OK;
	}
	if (m->root->kind == P_EMPTY || dn->kind == P_EMPTY) {
		ns_plan_free(m->root);
		ns_plan_free(dn);
		m->root = new_nothing();
		return m->root ? NS_OK : NS_ERR_NOMEM;
	}
	p = ns_plan_node_new(P_AND);
	if (!p || ns_plan_push_kid(&p->kids, &p->n_kids, m->root) != NS_OK) {
		free(p);
		ns_plan_free(dn);
		return NS_ERR_NOMEM;
	}
	m->root = p;
	if (ns_plan_push_kid(&p->kids, &p->n_kids, dn) != NS_OK) {
		ns_plan_free(dn);
		return NS_ERR_NOMEM;
	}
	p->cost = p->kids[0]->cost < dn->cost ? p->kids[0]->cost : dn->cost;
	plan_verify(p);
	return NS_OK;
}

/* Multiplies the weight of every scoring term leaf under p by w. */
void ns_plan_scale_terms(struct ns_pnode *p, double w)
{
	if (p->kind == P_TERM)
		p->boost *= w;
	for (size_t i = 0; i < p->n_kids; i++)
		ns_plan_scale_terms(p->kids[i], w);
}
