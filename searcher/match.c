/* SPDX-License-Identifier: MIT */
/* match.c -- document-at-a-time query evaluation (see match.h).
 *
 * Two trees: a plan (struct pnode) compiled once per query, holding the
 * analyzed terms and their global statistics, and per segment a tree of
 * cursors (struct mnode) instantiated from it.  Every cursor offers one
 * operation, advance(target): move to the first matching document >=
 * target.  A cursor's docid is always a verified match, so a parent may
 * trust it without re-checking positions.
 */
#include "match.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "fieldterm.h"
#include "lexicon.h"
#include "stopwords.h"
#include "tokenize.h"

enum pkind {
	P_EMPTY,	/* matches nothing; see nothing */
	P_TERM,		/* one term, optionally restricted to a field */
	P_PHRASE,	/* kids are P_TERM at offsets */
	P_AND,		/* kids, minus negs */
	P_OR,		/* kids */
	P_NEAR,		/* kids (P_TERM or P_PHRASE) within dist */
	P_BOOST,	/* kids[0] decides the matches; the other kids
			 * (expansion terms) only add to the score */
};

struct pnode {
	enum pkind kind;
	enum ns_qfield field;	/* P_TERM, P_PHRASE: ANY, TITLE, BODY (words),
				 * SOURCE or DATE (field terms) */
	uint32_t term;		/* P_TERM: index into ns_match.terms */
	int filter;		/* P_TERM: a field term, restricts but adds
				 * nothing to the score */
	int date_check;		/* P_TERM: an edge day the range covers in part:
				 * check each document's date against range */
	struct ns_daterange range;
	int prefix;		/* P_OR: the terms of one prefix (may be a NEAR
				 * operand) */
	int nothing;		/* P_EMPTY: a restriction no article meets (a
				 * prefix or date range without terms), which an
				 * AND keeps; else an operand without words ("&"),
				 * which AND and OR drop */
	int is_range;		/* a date range (compile_range): range is set */
	int verify;		/* a range under an AND that a rarer operand
				 * leads: check each candidate's date instead of
				 * reading the range's postings */
	struct pnode **kids;
	size_t n_kids;
	struct pnode **negs;	/* P_AND */
	size_t n_negs;
	uint32_t *offsets;	/* P_PHRASE: position of each kid from the first */
	uint32_t dist;		/* P_NEAR */
	int ordered;		/* P_NEAR from ADJ */
	uint64_t cost;		/* estimated matches: orders AND operands */
	double boost;		/* P_TERM: weight of the term (1; expansion
				 * terms less) */
};

struct qterm {
	char *text;		/* stemmed term */
	size_t len;
	uint64_t df;		/* over all segments */
	double idf;
	int expansion;		/* added by --expand/--similar: not highlighted,
				 * not part of the proximity score */
	uint32_t distinct;	/* index into ns_match.prox_idf (word terms) */
};

struct span {
	uint32_t start, end;	/* word positions, inclusive */
};

struct mnode {
	const struct pnode *p;
	uint32_t docid;		/* current verified match, NS_POST_END at end */
	int started;
	int has_post;		/* P_TERM: the term exists in this segment */
	struct ns_post post;	/* P_TERM */
	struct mnode **kids;	/* in plan order */
	struct mnode **order;	/* kids, rarest first (AND, PHRASE, NEAR),
				 * without those verified by date */
	size_t n_order;
	struct mnode **negs;
	struct span *spans;	/* P_PHRASE, P_TERM in NEAR: spans at docid */
	size_t n_spans;
	size_t spans_cap;
};

struct ns_match {
	struct ns_index *idx;
	struct pnode *root;
	enum ns_sort sort;
	size_t max_prefix_terms;
	int years_known;	/* first_year..last_year computed (0: not yet) */
	int has_years;		/* the index has dated articles */
	int first_year, last_year;
	struct qterm *terms;
	size_t n_terms;
	size_t terms_cap;
	const char **distinct;	/* distinct term texts, for highlighting */
	size_t n_distinct;
	struct ns_bm25 bm25;
	struct ns_match_stats st;

	/* query-time stopwords (stopwords.h) */
	int stopping;		/* drop stopword operands while compiling */
	int in_near;		/* compiling NEAR/ADJ operands: keep them */
	size_t n_stopped;	/* operands dropped */

	/* proximity score (rank.h): distinct original word terms */
	size_t n_prox;		/* number of them */
	double *prox_idf;	/* their idf */
	double *prox_acc;	/* scratch accumulators */
	uint8_t *prox_seen;	/* scratch: term already gathered */
	double *prox_part;	/* each one's share of the bound (rank.h) */
	double prox_bound;	/* ns_prox_bound() of them */
	struct ns_prox_occ *occ;	/* scratch occurrences */
	size_t occ_cap;
	char *msg;
	size_t msglen;

	/* state of the segment being walked */
	struct ns_segr *seg;
	uint32_t norm_doc;	/* document whose lengths are cached */
	uint32_t title_len;
	uint32_t doc_len;
};

/* ---------------------------------------------------------------------- */
/* Compiling the plan                                                      */
/* ---------------------------------------------------------------------- */

static struct pnode *new_pnode(enum pkind kind)
{
	struct pnode *p = calloc(1, sizeof(*p));

	if (p) {
		p->kind = kind;
		p->boost = 1.0;
	}
	return p;
}

/* P_EMPTY for a restriction that no article meets. */
static struct pnode *new_nothing(void)
{
	struct pnode *p = new_pnode(P_EMPTY);

	if (p)
		p->nothing = 1;
	return p;
}

static void free_pnode(struct pnode *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_kids; i++)
		free_pnode(p->kids[i]);
	for (size_t i = 0; i < p->n_negs; i++)
		free_pnode(p->negs[i]);
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
	struct qterm *t;
	int rc = NS_OK;

	if (m->n_terms == m->terms_cap) {
		size_t cap = m->terms_cap ? m->terms_cap * 2 : 8;
		struct qterm *nt = realloc(m->terms, cap * sizeof(*nt));
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
	if (df)
		t->df = *df;
	else
		rc = ns_index_df(m->idx, text, len, &t->df);
	if (rc != NS_OK) {
		free(t->text);
		return rc;
	}
	t->idf = ns_bm25_idf(m->idx->n_docs, t->df);
	*id = (uint32_t)m->n_terms++;
	return NS_OK;
}

static int add_term(struct ns_match *m, const char *text, size_t len, uint32_t *id)
{
	return add_term_df(m, text, len, NULL, id);
}

static int push_kid(struct pnode ***arr, size_t *n, struct pnode *kid)
{
	struct pnode **a = realloc(*arr, (*n + 1) * sizeof(*a));

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
static int compile_text(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	struct pnode *p = NULL, *kid;
	const char *term;
	char buf[NS_FT_MAX_LEN];
	size_t len;
	uint32_t first = 0;
	int rc = NS_OK, source = q->field == NS_QF_SOURCE;

	*out = NULL;
	if (m->stopping && !m->in_near && q->kind == NS_Q_WORD && q->field == NS_QF_ANY &&
	    is_stop_operand(m, q->text)) {
		/* A stopword given alone: dropped by its AND/OR (stopwords.h). */
		m->n_stopped++;
		return (*out = new_pnode(P_EMPTY)) ? NS_OK : NS_ERR_NOMEM;
	}
	ns_tok_init(&t, q->text, strlen(q->text), 0);
	while (next_term(m, &t, &tok, source, buf, &term, &len)) {
		if (!p) {
			p = new_pnode(P_PHRASE);
			if (!p)
				return NS_ERR_NOMEM;
			p->field = q->field;
			first = tok.pos;
		}
		kid = new_pnode(P_TERM);
		uint32_t *offs = realloc(p->offsets, (p->n_kids + 1) * sizeof(*offs));
		if (!kid || !offs) {
			free(kid);
			free_pnode(p);
			return NS_ERR_NOMEM;
		}
		p->offsets = offs;
		p->offsets[p->n_kids] = tok.pos - first;
		kid->field = source ? NS_QF_SOURCE : NS_QF_ANY;
		kid->filter = source;
		rc = add_term(m, term, len, &kid->term);
		if (rc == NS_OK)
			rc = push_kid(&p->kids, &p->n_kids, kid);
		if (rc != NS_OK) {
			free(kid);
			free_pnode(p);
			return rc;
		}
		kid->cost = m->terms[kid->term].df;
	}
	if (!p)
		return (*out = new_pnode(P_EMPTY)) ? NS_OK : NS_ERR_NOMEM;
	if (p->n_kids == 1) {
		/* One term: the phrase collapses to it, keeping the field. */
		kid = p->kids[0];
		p->n_kids = 0;
		kid->field = q->field;
		free_pnode(p);
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
			 struct pnode **out)
{
	struct pnode *p, *kid;
	int rc = NS_OK;

	*out = NULL;
	if (set->n == 0)
		return (*out = new_nothing()) ? NS_OK : NS_ERR_NOMEM;
	p = new_pnode(P_OR);
	if (!p)
		return NS_ERR_NOMEM;
	p->prefix = 1;
	for (size_t i = 0; i < set->n && rc == NS_OK; i++) {
		kid = new_pnode(P_TERM);
		if (!kid) {
			rc = NS_ERR_NOMEM;
			break;
		}
		kid->field = field;
		kid->filter = field == NS_QF_SOURCE;
		rc = add_term(m, set->terms[i], strlen(set->terms[i]), &kid->term);
		if (rc == NS_OK) {
			kid->cost = m->terms[kid->term].df;
			p->cost = p->cost + kid->cost < p->cost ? UINT64_MAX : p->cost + kid->cost;
			rc = push_kid(&p->kids, &p->n_kids, kid);
		}
		if (rc != NS_OK)
			free(kid);
	}
	if (rc != NS_OK) {
		free_pnode(p);
		return rc;
	}
	if (p->n_kids == 1) {
		kid = p->kids[0];
		p->n_kids = 0;
		free_pnode(p);
		p = kid;
	}
	*out = p;
	return NS_OK;
}

/* word*: an OR of the terms the prefix stands for (lexicon.h). */
static int compile_prefix(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
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
	struct pnode *p;	/* P_OR being filled */
	const struct ns_daterange *r;
};

static int on_date_term(void *ctx, const char *term, size_t len, int partial)
{
	struct date_walk *w = ctx;
	struct pnode *kid;
	uint64_t df;
	int rc = ns_index_df(w->m->idx, term, len, &df);

	/* Terms no article has cost nothing to leave out. */
	if (rc != NS_OK || df == 0)
		return rc;
	kid = new_pnode(P_TERM);
	if (!kid)
		return NS_ERR_NOMEM;
	kid->field = NS_QF_DATE;
	kid->filter = 1;
	kid->date_check = partial;
	kid->range = *w->r;
	kid->cost = df;
	rc = add_term_df(w->m, term, len, &df, &kid->term);
	if (rc == NS_OK)
		rc = push_kid(&w->p->kids, &w->p->n_kids, kid);
	if (rc != NS_OK) {
		free(kid);
		return rc;
	}
	w->p->cost = w->p->cost + df < w->p->cost ? UINT64_MAX : w->p->cost + df;
	return NS_OK;
}

/* A date range: an OR of year, month and day terms (daterange.h),
 * limited to the years the index holds. */
static int compile_range(struct ns_match *m, const struct ns_daterange *r, struct pnode **out)
{
	struct date_walk w;
	struct pnode *p;
	int rc;

	*out = NULL;
	if (!m->years_known) {
		rc = ns_lexicon_years(m->idx, &m->first_year, &m->last_year);
		if (rc < 0)
			return rc;
		m->has_years = rc == NS_OK;
		m->years_known = 1;
	}
	p = new_pnode(P_OR);
	if (!p)
		return NS_ERR_NOMEM;
	w.m = m;
	w.p = p;
	w.r = r;
	rc = m->has_years ? ns_daterange_terms(r, m->first_year, m->last_year, on_date_term, &w)
			  : NS_OK;
	if (rc != NS_OK) {
		free_pnode(p);
		return rc;
	}
	if (p->n_kids <= 1) {
		struct pnode *kid = p->n_kids ? p->kids[0] : new_nothing();
		p->n_kids = 0;
		free_pnode(p);
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
static void plan_verify(struct pnode *p)
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
static int compile_date(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
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

static int compile(struct ns_match *m, const struct ns_qnode *q, struct pnode **out);

/* Whether a compiled NEAR/ADJ operand is one it can measure: a word, a
 * phrase, a prefix's terms, or nothing. */
static int near_operand(const struct pnode *p)
{
	return p->kind == P_TERM || p->kind == P_PHRASE || p->kind == P_EMPTY ||
	       (p->kind == P_OR && p->prefix);
}

static int compile_group(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
{
	enum pkind kind = q->kind == NS_Q_AND ? P_AND : q->kind == NS_Q_OR ? P_OR : P_NEAR;
	struct pnode *p = new_pnode(kind), *kid;
	int rc = NS_OK, empty = 0, none = 0;

	*out = NULL;
	if (!p)
		return NS_ERR_NOMEM;
	p->dist = q->dist;
	p->ordered = q->kind == NS_Q_ADJ;
	for (size_t i = 0; i < q->n_kids && rc == NS_OK; i++) {
		if (kind == P_NEAR &&
		    (q->kids[i]->field == NS_QF_SOURCE || q->kids[i]->field == NS_QF_DATE)) {
			ns_msgf(m->msg, m->msglen,
				"column %zu: source: and date: cannot be NEAR/ADJ operands",
				q->kids[i]->col);
			rc = NS_ERR_QUERY;
			break;
		}
		/* NEAR/ADJ measure every operand: no stopword is dropped there. */
		m->in_near += kind == P_NEAR;
		rc = compile(m, q->kids[i], &kid);
		m->in_near -= kind == P_NEAR;
		if (rc != NS_OK)
			break;
		if (kind == P_NEAR && !near_operand(kid)) {
			free_pnode(kid);
			ns_msgf(m->msg, m->msglen, "column %zu: NEAR/ADJ operands must be words or phrases",
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
			free_pnode(kid);
			continue;
		}
		rc = push_kid(&p->kids, &p->n_kids, kid);
		if (rc != NS_OK)
			free_pnode(kid);
	}
	for (size_t i = 0; i < q->n_negs && rc == NS_OK; i++) {
		rc = compile(m, q->negs[i], &kid);
		if (rc != NS_OK)
			break;
		if (kid->kind == P_EMPTY) {
			free_pnode(kid);
			continue;
		}
		rc = push_kid(&p->negs, &p->n_negs, kid);
		if (rc != NS_OK)
			free_pnode(kid);
	}
	if (rc != NS_OK) {
		free_pnode(p);
		return rc;
	}
	if (empty || p->n_kids == 0 || (none && kind == P_AND)) {
		free_pnode(p);
		*out = none ? new_nothing() : new_pnode(P_EMPTY);
		return *out ? NS_OK : NS_ERR_NOMEM;
	}
	if (p->n_kids == 1 && p->n_negs == 0 && kind != P_NEAR) {
		kid = p->kids[0];
		p->n_kids = 0;
		free_pnode(p);
		*out = kid;
		return NS_OK;
	}
	p->cost = kind == P_OR ? 0 : UINT64_MAX;
	for (size_t i = 0; i < p->n_kids; i++) {
		uint64_t c = p->kids[i]->cost;
		if (kind == P_OR)
			p->cost = p->cost + c < p->cost ? UINT64_MAX : p->cost + c;
		else if (c < p->cost)
			p->cost = c;
	}
	plan_verify(p);
	*out = p;
	return NS_OK;
}

static int compile(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
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
	case NS_Q_AND:
	case NS_Q_OR:
	case NS_Q_NEAR:
	case NS_Q_ADJ:
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

static int collect_distinct(struct ns_match *m)
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
static int and_range(struct ns_match *m, const struct ns_daterange *r)
{
	struct pnode *dn, *p;
	int rc = compile_range(m, r, &dn);

	if (rc != NS_OK)
		return rc;
	if (!m->root) {
		m->root = dn;
		return NS_OK;
	}
	if (m->root->kind == P_EMPTY || dn->kind == P_EMPTY) {
		free_pnode(m->root);
		free_pnode(dn);
		m->root = new_nothing();
		return m->root ? NS_OK : NS_ERR_NOMEM;
	}
	p = new_pnode(P_AND);
	if (!p || push_kid(&p->kids, &p->n_kids, m->root) != NS_OK) {
		free(p);
		free_pnode(dn);
		return NS_ERR_NOMEM;
	}
	m->root = p;
	if (push_kid(&p->kids, &p->n_kids, dn) != NS_OK) {
		free_pnode(dn);
		return NS_ERR_NOMEM;
	}
	p->cost = p->kids[0]->cost < dn->cost ? p->kids[0]->cost : dn->cost;
	plan_verify(p);
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
	m->max_prefix_terms = o && o->max_prefix_terms ? o->max_prefix_terms
						       : NS_PREFIX_MAX_TERMS;
	ns_bm25_init(&m->bm25, idx->avg_doc_len);
	if (q) {
		m->stopping = 1;
		rc = compile(m, q, &m->root);
		if (rc == NS_OK && m->n_stopped > 0 && m->root->kind == P_EMPTY && !m->root->nothing) {
			/* Only stopwords ("the who"): then they are the query. */
			free_pnode(m->root);
			m->root = NULL;
			for (size_t i = 0; i < m->n_terms; i++)
				free(m->terms[i].text);
			m->n_terms = 0;
			m->stopping = 0;
			rc = compile(m, q, &m->root);
		}
	}
	if (rc == NS_OK && o && o->range)
		rc = and_range(m, o->range);
	if (rc == NS_OK)
		rc = collect_distinct(m);
	if (rc != NS_OK) {
		ns_match_free(m);
		return rc;
	}
	*out = m;
	return NS_OK;
}

/* Multiplies the weight of every scoring term leaf under p by w. */
static void scale_terms(struct pnode *p, double w)
{
	if (p->kind == P_TERM)
		p->boost *= w;
	for (size_t i = 0; i < p->n_kids; i++)
		scale_terms(p->kids[i], w);
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
	m->root = new_pnode(P_OR);
	if (!m->root)
		rc = NS_ERR_NOMEM;
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		struct pnode *t = new_pnode(P_TERM);
		if (!t) {
			rc = NS_ERR_NOMEM;
			break;
		}
		rc = add_term(m, terms[i], strlen(terms[i]), &t->term);
		if (rc != NS_OK) {
			free(t);
			break;
		}
		t->boost = weights[i];
		t->cost = m->terms[t->term].df;
		m->root->cost += t->cost;
		rc = push_kid(&m->root->kids, &m->root->n_kids, t);
		if (rc != NS_OK)
			free_pnode(t);
	}
	if (rc == NS_OK)
		rc = collect_distinct(m);
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
	struct pnode *top;
	int rc = NS_OK;

	if (!m->root || n == 0)
		return NS_OK;
	top = new_pnode(widen ? P_OR : P_BOOST);
	if (!top)
		return NS_ERR_NOMEM;
	scale_terms(m->root, orig_weight);
	rc = push_kid(&top->kids, &top->n_kids, m->root);
	if (rc != NS_OK) {
		free(top);
		return rc;
	}
	m->root = top;
	top->cost = top->kids[0]->cost;
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		struct pnode *t = new_pnode(P_TERM);
		if (!t)
			return NS_ERR_NOMEM;
		rc = add_term(m, terms[i], strlen(terms[i]), &t->term);
		if (rc != NS_OK) {
			free(t);
			break;
		}
		m->terms[t->term].expansion = 1;
		t->boost = weights[i];
		t->cost = m->terms[t->term].df;
		if (top->kind == P_OR)
			top->cost += t->cost;
		rc = push_kid(&top->kids, &top->n_kids, t);
		if (rc != NS_OK)
			free_pnode(t);
	}
	return rc;
}

void ns_match_free(struct ns_match *m)
{
	if (!m)
		return;
	free_pnode(m->root);
	for (size_t i = 0; i < m->n_terms; i++)
		free(m->terms[i].text);
	free(m->terms);
	free(m->distinct);
	free(m->prox_idf);
	free(m->prox_acc);
	free(m->prox_seen);
	free(m->prox_part);
	free(m->occ);
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

/* ---------------------------------------------------------------------- */
/* Cursors over one segment                                                */
/* ---------------------------------------------------------------------- */

static void free_mnode(struct mnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->p->n_kids; i++)
		free_mnode(n->kids ? n->kids[i] : NULL);
	for (size_t i = 0; i < n->p->n_negs; i++)
		free_mnode(n->negs ? n->negs[i] : NULL);
	if (n->p->kind == P_TERM && n->has_post)
		ns_post_release(&n->post);
	free(n->kids);
	free(n->order);
	free(n->negs);
	free(n->spans);
	free(n);
}

static int cmp_cost(const void *a, const void *b)
{
	const struct mnode *x = *(const struct mnode *const *)a, *y = *(const struct mnode *const *)b;

	return x->p->cost < y->p->cost ? -1 : x->p->cost > y->p->cost;
}

static int instantiate(struct ns_match *m, const struct pnode *p, struct mnode **out)
{
	struct mnode *n = calloc(1, sizeof(*n));
	int rc = NS_OK;

	*out = NULL;
	if (!n)
		return NS_ERR_NOMEM;
	n->p = p;
	if (p->verify) {	/* checked by date: no cursor at all */
		n->docid = NS_POST_END;	/* never "on" a document */
		n->started = 1;
		*out = n;
		return NS_OK;
	}
	if (p->kind == P_TERM) {
		const struct qterm *t = &m->terms[p->term];
		struct ns_term_info ti;
		rc = ns_segr_lookup(m->seg, t->text, t->len, &ti);
		if (rc == NS_OK) {
			rc = ns_post_open(&n->post, m->seg, &ti);
			n->has_post = rc == NS_OK;
			m->st.n_lists++;
			m->st.n_list_bytes += ti.doc_len;
		} else if (rc == NS_DONE) {
			rc = NS_OK;
		}
	}
	if (rc == NS_OK && p->n_kids) {
		n->kids = calloc(p->n_kids, sizeof(*n->kids));
		n->order = calloc(p->n_kids, sizeof(*n->order));
		if (!n->kids || !n->order)
			rc = NS_ERR_NOMEM;
		for (size_t i = 0; i < p->n_kids && rc == NS_OK; i++)
			rc = instantiate(m, p->kids[i], &n->kids[i]);
		for (size_t i = 0; i < p->n_kids && rc == NS_OK; i++)
			if (!p->kids[i]->verify)
				n->order[n->n_order++] = n->kids[i];
		if (rc == NS_OK)
			qsort(n->order, n->n_order, sizeof(*n->order), cmp_cost);
	}
	if (rc == NS_OK && p->n_negs) {
		n->negs = calloc(p->n_negs, sizeof(*n->negs));
		if (!n->negs)
			rc = NS_ERR_NOMEM;
		for (size_t i = 0; i < p->n_negs && rc == NS_OK; i++)
			rc = instantiate(m, p->negs[i], &n->negs[i]);
	}
	if (rc != NS_OK) {
		free_mnode(n);
		return rc;
	}
	*out = n;
	return NS_OK;
}

/* Caches the lengths of document d of the current segment. */
static int norms_of(struct ns_match *m, uint32_t d)
{
	if (m->norm_doc == d)
		return NS_OK;
	int rc = ns_segr_norms(m->seg, d, &m->title_len, &m->doc_len);
	if (rc == NS_OK)
		m->norm_doc = d;
	return rc;
}

/* Whether the span lies inside field f of the current document. */
static int span_in_field(const struct ns_match *m, uint32_t start, uint32_t end, enum ns_qfield f)
{
	uint32_t t = m->title_len;

	switch (f) {
	case NS_QF_TITLE: return end < t;
	case NS_QF_BODY: return start >= t;
	case NS_QF_SOURCE:
	case NS_QF_DATE: return 1;	/* positions of their own */
	default: return end < t || start >= t;
	}
}

static int push_span(struct mnode *n, uint32_t start, uint32_t end)
{
	if (n->n_spans == n->spans_cap) {
		size_t cap = n->spans_cap ? n->spans_cap * 2 : 16;
		struct span *s = realloc(n->spans, cap * sizeof(*s));
		if (!s)
			return NS_ERR_NOMEM;
		n->spans = s;
		n->spans_cap = cap;
	}
	n->spans[n->n_spans].start = start;
	n->spans[n->n_spans].end = end;
	n->n_spans++;
	return NS_OK;
}

/* Spans of a term cursor at its current document, within its field. */
static int term_spans(struct ns_match *m, struct mnode *n)
{
	const uint32_t *pos;
	uint32_t k;
	int rc = ns_post_positions(&n->post, &pos, &k);

	n->n_spans = 0;
	if (rc == NS_OK)
		rc = norms_of(m, n->post.docid);
	for (uint32_t i = 0; i < k && rc == NS_OK; i++)
		if (span_in_field(m, pos[i], pos[i], n->p->field))
			rc = push_span(n, pos[i], pos[i]);
	return rc;
}

static int contains(const uint32_t *v, uint32_t n, uint32_t x)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

/* Finds the phrase's occurrences in the current document of its kids. */
/* Anchored on the word with the fewest occurrences in the document, each
 * candidate start is checked against the other words rarest first: a
 * frequent word's positions ("a", "the") are decoded only for the
 * documents where the rarer ones already line up. */
static int phrase_spans(struct ns_match *m, struct mnode *n)
{
	const struct pnode *p = n->p;
	const uint32_t *first, *pos;
	uint32_t n_first, k, last_off = p->offsets[p->n_kids - 1];
	size_t a = 0;
	int rc;

	for (size_t j = 1; j < p->n_kids; j++)
		if (ns_post_tf(&n->kids[j]->post) < ns_post_tf(&n->kids[a]->post))
			a = j;
	rc = ns_post_positions(&n->kids[a]->post, &first, &n_first);
	n->n_spans = 0;
	if (rc == NS_OK)
		rc = norms_of(m, n->kids[a]->post.docid);
	for (uint32_t i = 0; i < n_first && rc == NS_OK; i++) {
		uint32_t start = first[i] - p->offsets[a];
		int ok = first[i] >= p->offsets[a] && start <= UINT32_MAX - last_off;
		for (size_t o = 0; o < n->n_order && ok && rc == NS_OK; o++) {
			const struct mnode *kid = n->order[o];
			size_t j = 0;
			if (kid == n->kids[a])
				continue;
			while (n->kids[j] != kid)
				j++;
			rc = ns_post_positions((struct ns_post *)&kid->post, &pos, &k);
			ok = rc == NS_OK && contains(pos, k, start + p->offsets[j]);
		}
		if (ok && rc == NS_OK && span_in_field(m, start, start + last_off, p->field))
			rc = push_span(n, start, start + last_off);
	}
	return rc;
}

/* NEAR/ADJ (match.h): can the operands, in query order, each pick one of
 * their spans so that no two overlap, all lie in one field, ADJ's order
 * holds, and max(start) - min(end) <= dist?  Three exact algorithms, from
 * cheap to general; none is exponential on the common shapes, which a
 * hostile query (16 copies of one word, an impossible ADJ chain) would
 * otherwise make it. */

/* Budget of the general search, per document: beyond it the query is
 * refused (NS_ERR_LIMIT) rather than left to run for hours. */
#define NEAR_SEARCH_BUDGET 1000000

static int field_of(const struct ns_match *m, const struct span *sp)
{
	return sp->end < m->title_len ? 0 : 1;
}

/* ADJ: for each span of the first operand, take for each next operand its
 * earliest span starting after the previous one ends.  Earliest choices
 * minimise the last start, so this decides exactly. */
static int adj_match(const struct ns_match *m, struct mnode **kids, size_t n, uint32_t dist)
{
	const struct mnode *first = kids[0];

	for (size_t s = 0; s < first->n_spans; s++) {
		struct span prev = first->spans[s], last = prev;
		int field = field_of(m, &prev), ok = 1;
		for (size_t i = 1; i < n && ok; i++) {
			const struct mnode *k = kids[i];
			size_t lo = 0, hi = k->n_spans;
			while (lo < hi) {	/* first span with start > prev.end */
				size_t mid = lo + (hi - lo) / 2;
				if (k->spans[mid].start <= prev.end)
					lo = mid + 1;
				else
					hi = mid;
			}
			ok = lo < k->n_spans && field_of(m, &k->spans[lo]) == field &&
			     k->spans[lo].start - first->spans[s].end <= dist;
			if (ok)
				prev = last = k->spans[lo];
		}
		if (ok && last.start - first->spans[s].end <= dist)
			return 1;
	}
	return 0;
}

struct near_occ {
	uint32_t pos;
	uint32_t group;		/* operands with the same spans share one */
};

static int cmp_near_occ(const void *a, const void *b)
{
	const struct near_occ *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->group < y->group ? -1 : x->group > y->group;
}

/* NEAR of one-word operands (words, prefixes).  Operands with the same
 * spans form a group that needs that many distinct positions; different
 * groups never share a position (checked: else *general is set).  Then
 * the operands fit in a window [M - dist, M] exactly when every group has
 * as many positions in it as operands: a sliding window over all positions
 * of one field decides it. */
/* Two words with different positions (the usual NEAR): the closest pair
 * in one field is between neighbours of the merged position lists (a
 * field is a range of positions), so one pass decides, without sorting. */
static int near_two(const struct ns_match *m, const struct mnode *x, const struct mnode *y,
		    uint32_t dist, int *general)
{
	size_t i = 0, j = 0;

	while (i < x->n_spans && j < y->n_spans) {
		struct span a = x->spans[i], b = y->spans[j];
		if (a.start == b.start) {
			*general = 1;	/* a word shared: not this method */
			return 0;
		}
		if ((a.start < b.start ? b.start - a.start : a.start - b.start) <= dist &&
		    field_of(m, &a) == field_of(m, &b))
			return 1;
		if (a.start < b.start)
			i++;
		else
			j++;
	}
	return 0;
}

static int near_words(struct ns_match *m, struct mnode **kids, size_t n, uint32_t dist,
		      int *general)
{
	uint32_t *group, *need, *have, n_groups = 0;
	struct near_occ *occ = NULL;
	size_t n_occ = 0, total = 0;
	int found = 0;

	*general = 0;
	if (n == 2 && (kids[0]->n_spans != kids[1]->n_spans ||
		       memcmp(kids[0]->spans, kids[1]->spans,
			      kids[0]->n_spans * sizeof(struct span)) != 0))
		return near_two(m, kids[0], kids[1], dist, general);
	group = calloc(n, sizeof(*group));
	if (!group)
		return -1;
	for (size_t i = 0; i < n; i++) {
		group[i] = n_groups;
		for (size_t j = 0; j < i; j++)
			if (kids[j]->n_spans == kids[i]->n_spans &&
			    memcmp(kids[j]->spans, kids[i]->spans,
				   kids[i]->n_spans * sizeof(struct span)) == 0) {
				group[i] = group[j];
				break;
			}
		if (group[i] == n_groups) {
			n_groups++;
			total += kids[i]->n_spans;
		}
	}
	need = calloc(n_groups, sizeof(*need));
	have = calloc(n_groups, sizeof(*have));
	occ = malloc((total + 1) * sizeof(*occ));
	if (!need || !have || !occ) {
		found = -1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (need[group[i]]++ > 0)
			continue;	/* the group's positions are in already */
		for (size_t s = 0; s < kids[i]->n_spans; s++) {
			occ[n_occ].pos = kids[i]->spans[s].start;
			occ[n_occ].group = group[i];
			n_occ++;
		}
	}
	qsort(occ, n_occ, sizeof(*occ), cmp_near_occ);
	for (size_t i = 1; i < n_occ; i++)
		if (occ[i].pos == occ[i - 1].pos) {
			*general = 1;	/* two groups share a word: not this method */
			goto out;
		}
	/* Two pointers: window (lo, hi] holds positions within dist of hi's,
	 * in hi's field; lacking counts the groups still short of positions. */
	for (size_t lo = 0, hi = 0, lacking = n_groups; hi < n_occ && !found; hi++) {
		struct span at = { occ[hi].pos, occ[hi].pos };
		int field = field_of(m, &at);
		if (++have[occ[hi].group] == need[occ[hi].group])
			lacking--;
		while (lo <= hi) {
			struct span l = { occ[lo].pos, occ[lo].pos };
			if (occ[hi].pos - occ[lo].pos <= dist && field_of(m, &l) == field)
				break;
			if (have[occ[lo].group]-- == need[occ[lo].group])
				lacking++;
			lo++;
		}
		found = lacking == 0;
	}
out:
	free(group);
	free(need);
	free(have);
	free(occ);
	return found;
}

/* The general case (phrase operands, or operands sharing words):
 * depth-first over operands; adding a span can only widen the window, so a
 * too-wide partial choice is pruned, and an operand's spans (sorted by
 * start) are cut off once their start alone is out of reach.  *budget
 * bounds the steps. */
static int near_search(const struct ns_match *m, struct mnode **kids, size_t n, size_t i,
		       const struct pnode *p, struct span *chosen, int64_t min_end,
		       int64_t max_start, int in_title, long *budget)
{
	const struct mnode *k;

	if (i == n)
		return 1;
	k = kids[i];	/* only now: kids[n] is past the array */
	for (size_t s = 0; s < k->n_spans; s++) {
		struct span sp = k->spans[s];
		int64_t lo = min_end, hi = max_start;
		int title = sp.end < m->title_len, clash = 0, r;

		if (--*budget < 0)
			return -1;
		if (i > 0) {
			if ((int64_t)sp.start > min_end + (int64_t)p->dist)
				break;
			if (title != in_title)
				continue;
			for (size_t j = 0; j < i && !clash; j++)
				clash = !(sp.end < chosen[j].start || sp.start > chosen[j].end);
			if (clash)
				continue;
		} else {
			lo = sp.end;
			hi = sp.start;
		}
		if ((int64_t)sp.end < lo)
			lo = sp.end;
		if ((int64_t)sp.start > hi)
			hi = sp.start;
		if (hi - lo > (int64_t)p->dist)
			continue;
		chosen[i] = sp;
		r = near_search(m, kids, n, i + 1, p, chosen, lo, hi, i == 0 ? title : in_title,
				budget);
		if (r != 0)
			return r;
	}
	return 0;
}

/* 1 when the NEAR/ADJ node's kids (spans computed) match, 0 when not,
 * NS_ERR_NOMEM, or NS_ERR_LIMIT past the search budget. */
static int near_match(struct ns_match *m, struct mnode *n, struct span *chosen)
{
	struct mnode **kids = n->kids;
	size_t k = n->p->n_kids;
	int words = 1, general = 0, r;
	long budget = NEAR_SEARCH_BUDGET;

	if (n->p->ordered)
		return adj_match(m, kids, k, n->p->dist);
	for (size_t i = 0; i < k && words; i++)
		words = kids[i]->p->kind != P_PHRASE;
	if (words) {
		r = near_words(m, kids, k, n->p->dist, &general);
		if (r < 0)
			return NS_ERR_NOMEM;
		if (!general)
			return r;
	}
	r = near_search(m, kids, k, 0, n->p, chosen, 0, 0, 0, &budget);
	if (r < 0) {
		ns_msgf(m->msg, m->msglen,
			"NEAR with phrase operands too costly to check (over %d steps in one article)",
			NEAR_SEARCH_BUDGET);
		return NS_ERR_LIMIT;
	}
	return r;
}

static int advance(struct ns_match *m, struct mnode *n, uint32_t target);

/* Moves all of n's kids (rarest first) to one document >= target. */
static int leapfrog(struct ns_match *m, struct mnode *n, uint32_t target, uint32_t *doc)
{
	size_t nk = n->n_order;
	int rc;

again:
	for (size_t i = 0; i < nk; i++) {
		rc = advance(m, n->order[i], target);
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

static int advance_term(struct ns_match *m, struct mnode *n, uint32_t target)
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
		rc = term_spans(m, n);
		if (rc != NS_OK)
			return rc;
		if (n->n_spans > 0) {
			n->docid = n->post.docid;
			return NS_OK;
		}
		target = n->post.docid + 1;
	}
}

static int advance_and(struct ns_match *m, struct mnode *n, uint32_t target)
{
	uint32_t d;
	int rc;

	for (;;) {
		rc = leapfrog(m, n, target, &d);
		if (rc != NS_OK || d == NS_POST_END) {
			n->docid = NS_POST_END;
			return rc;
		}
		int excluded = 0;
		for (size_t i = 0; i < n->p->n_kids && !excluded; i++) {
			int in;
			if (!n->p->kids[i]->verify)
				continue;
			rc = date_in(m, &n->p->kids[i]->range, d, &in);
			if (rc != NS_OK)
				return rc;
			excluded = !in;
		}
		for (size_t i = 0; i < n->p->n_negs && !excluded; i++) {
			if (n->p->negs[i]->verify) {
				rc = date_in(m, &n->p->negs[i]->range, d, &excluded);
				if (rc != NS_OK)
					return rc;
				continue;
			}
			rc = advance(m, n->negs[i], d);
			if (rc != NS_OK)
				return rc;
			excluded = n->negs[i]->docid == d;
		}
		if (!excluded) {
			n->docid = d;
			return NS_OK;
		}
		target = d + 1;
	}
}

static int advance_or(struct ns_match *m, struct mnode *n, uint32_t target)
{
	uint32_t min = NS_POST_END;

	for (size_t i = 0; i < n->p->n_kids; i++) {
		int rc = advance(m, n->kids[i], target);
		if (rc != NS_OK)
			return rc;
		if (n->kids[i]->docid < min)
			min = n->kids[i]->docid;
	}
	n->docid = min;
	return NS_OK;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* Spans at document d of a NEAR operand: a word's positions in its field,
 * or for a prefix those of all its terms present in d, by start. */
static int operand_spans(struct ns_match *m, struct mnode *n, uint32_t d)
{
	int rc = NS_OK;

	if (n->p->kind == P_TERM) {
		if (n->p->field == NS_QF_ANY)
			rc = term_spans(m, n);
		return rc;
	}
	if (n->p->kind != P_OR)
		return NS_OK;	/* a phrase found its spans when it matched */
	n->n_spans = 0;
	for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++) {
		struct mnode *k = n->kids[i];
		if (k->docid != d)
			continue;
		if (k->p->field == NS_QF_ANY)
			rc = term_spans(m, k);
		for (size_t j = 0; j < k->n_spans && rc == NS_OK; j++)
			rc = push_span(n, k->spans[j].start, k->spans[j].end);
	}
	if (rc == NS_OK && n->n_spans > 1)
		qsort(n->spans, n->n_spans, sizeof(*n->spans), cmp_span);
	return rc;
}

static int advance_positional(struct ns_match *m, struct mnode *n, uint32_t target)
{
	struct span chosen_buf[16], *chosen = chosen_buf;
	uint32_t d;
	int rc, ok = 0;

	if (n->p->kind == P_NEAR && n->p->n_kids > 16) {
		chosen = malloc(n->p->n_kids * sizeof(*chosen));
		if (!chosen)
			return NS_ERR_NOMEM;
	}
	for (;;) {
		rc = leapfrog(m, n, target, &d);
		if (rc != NS_OK || d == NS_POST_END) {
			n->docid = NS_POST_END;
			break;
		}
		m->st.n_position_checks++;
		if (n->p->kind == P_PHRASE) {
			rc = phrase_spans(m, n);
			ok = n->n_spans > 0;
		} else {
			rc = norms_of(m, d);
			for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++)
				rc = operand_spans(m, n->kids[i], d);
			if (rc == NS_OK) {
				ok = near_match(m, n, chosen);
				if (ok < 0)
					rc = ok;
			}
		}
		if (rc != NS_OK)
			break;
		if (ok) {
			n->docid = d;
			break;
		}
		target = d + 1;
	}
	if (chosen != chosen_buf)
		free(chosen);
	return rc;
}

/* Moves n to its first match >= target (docid NS_POST_END when none). */
static int advance(struct ns_match *m, struct mnode *n, uint32_t target)
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
		int rc = advance(m, n->kids[0], target);
		n->docid = n->kids[0]->docid;
		return rc;
	}
	}
	return NS_ERR_USAGE;
}

/* Whether cursor n sits on document d.  A cursor never advanced (an
 * operand after one that ran out, in a leapfrog that stopped early) has
 * docid 0 but is on no document. */
static int on_doc(const struct mnode *n, uint32_t d)
{
	return n->started && n->docid == d;
}

/* Occurrences of term leaf n in the title of its current document: from
 * the postings (format.h, tf_title), no positions decoded. */
static int title_tf(struct ns_match *m, const struct mnode *n, uint32_t *tf_title)
{
	(void)m;
	*tf_title = ns_post_title_tf(&n->post);
	return NS_OK;
}

/* rank.h's w(t,d) of term leaf n on the current document. */
static int term_weight(struct ns_match *m, const struct mnode *n, uint32_t *tf_title, double *w)
{
	int rc = title_tf(m, n, tf_title);

	*w = 0;
	if (rc == NS_OK)
		*w = n->p->boost * ns_bm25f_weight(&m->bm25, m->terms[n->p->term].idf, *tf_title,
						   ns_post_tf(&n->post), m->title_len, m->doc_len);
	return rc;
}

/* Adds to *s the score of the terms of n matching document d. */
static int score(struct ns_match *m, struct mnode *n, uint32_t d, double *s)
{
	uint32_t tt;
	double w;
	int rc = NS_OK;

	if (!on_doc(n, d) || n->p->verify)
		return NS_OK;
	switch (n->p->kind) {
	case P_TERM:
		if (n->p->filter)
			return NS_OK;
		rc = term_weight(m, n, &tt, &w);
		*s += w;
		return rc;
	case P_AND:
	case P_OR:
	case P_NEAR:
		for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++)
			rc = score(m, n->kids[i], d, s);
		return rc;
	case P_PHRASE:
		/* Kids are term cursors that sit on d but carry no docid of
		 * their own verification; score them directly. */
		for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++) {
			if (n->kids[i]->p->filter)
				continue;
			rc = term_weight(m, n->kids[i], &tt, &w);
			*s += w;
		}
		return rc;
	case P_BOOST:
		rc = score(m, n->kids[0], d, s);
		/* Expansion terms only score: bring each to d if it has d. */
		for (size_t i = 1; i < n->p->n_kids && rc == NS_OK; i++) {
			rc = advance(m, n->kids[i], d);
			if (rc == NS_OK)
				rc = score(m, n->kids[i], d, s);
		}
		return rc;
	case P_EMPTY:
		break;
	}
	return NS_OK;
}

/* Adds the positions of term leaf n (on the current document) to m->occ,
 * unless its distinct term is there already. */
static int gather_leaf(struct ns_match *m, struct mnode *n, size_t *n_occ)
{
	const struct qterm *t = &m->terms[n->p->term];
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
static int gather_occ(struct ns_match *m, struct mnode *n, uint32_t d, size_t *n_occ)
{
	const struct pnode *p = n->p;
	int rc = NS_OK;

	if (p->kind == P_TERM) {
		const struct qterm *t = &m->terms[p->term];
		if (p->filter || t->expansion || !n->has_post || !on_doc(n, d))
			return NS_OK;
		return gather_leaf(m, n, n_occ);
	}
	if (!on_doc(n, d))
		return NS_OK;
	for (size_t i = 0; i < p->n_kids && rc == NS_OK; i++)
		rc = gather_occ(m, n->kids[i], d, n_occ);
	return rc;
}

/* The proximity score of document d (rank.h). */
static int proximity(struct ns_match *m, struct mnode *root, uint32_t d, double *s)
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
static void prox_present(struct ns_match *m, const struct mnode *n, uint32_t d, size_t *count,
			 double *bound)
{
	const struct pnode *p = n->p;

	if (p->kind == P_TERM) {
		const struct qterm *t = &m->terms[p->term];
		if (p->filter || t->expansion || !n->has_post || !on_doc(n, d) ||
		    m->prox_seen[t->distinct])
			return;
		m->prox_seen[t->distinct] = 1;
		(*count)++;
		*bound += m->prox_part[t->distinct];
		return;
	}
	if (!on_doc(n, d))
		return;
	for (size_t i = 0; i < p->n_kids; i++)
		prox_present(m, n->kids[i], d, count, bound);
}

/* Offers document d of segment s to top, keyed by the sort order. */
static int push_hit(struct ns_match *m, struct ns_topk *top, struct mnode *root, uint32_t s,
		    uint32_t d)
{
	double sc = 0, prox = 0, key, bound = 0;
	size_t present = 0;
	int64_t t;
	int rc = score(m, root, d, &sc);

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
		rc = proximity(m, root, d, &prox);
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

/* ---------------------------------------------------------------------- */
/* Top k without scoring every match                                       */
/* ---------------------------------------------------------------------- */

/* MaxScore (Turtle & Flood, "Query evaluation: strategies and
 * optimizations", 1995) with block bounds (as block-max MaxScore: Chang &
 * Moffat; Ding & Suel, 2011), for queries whose score is a sum over term
 * leaves that match by themselves: a term, an OR of terms, either one
 * ANDed with date ranges checked per candidate and with negations.  Each
 * leaf has an upper bound of its score in the segment (BM25F from the skip
 * entries' bounds, format.h, plus its share of the proximity bound).
 * Sorted by bound, the leaves whose bounds add up to at most the k-th best
 * score so far (the threshold) are "non-essential": a document having only
 * them cannot enter the top k, so candidates come from the others, and a
 * non-essential list is advanced only while a candidate can still make it.
 * Blocks whose bounds add up to at most the threshold are skipped
 * undecoded.  Every document that can enter the top k is scored exactly as
 * the plain walk scores it (same sum, same order), so the top k is the
 * same, ties included; only --sort score without an exact count uses it. */

struct ms_leaf {
	struct mnode *n;	/* P_TERM cursor */
	size_t plan;		/* index in plan order */
	size_t orig;		/* index among all the leaves (ms_collect) */
	double prox;		/* its share of the proximity bound */
	double wmax;		/* boost idf (k1 + 1): the weight's bound */
	double ag;		/* the weight's bound on block b is wmax / (1 +
				 * ag impact(b)), see leaf_block_ub() */
	double ak, bk;		/* A and 1 + B for ms_doc_ub() */
	double tw1;		/* title weight - 1 */
	double tf_ub[16];	/* ms_doc_ub() for tf' 0..15 */
	uint32_t ub_blk;	/* block whose bound is in ub_val */
	double ub_val;		/* its bound, prox included */
	double ub;		/* bound of weight + prox in the segment */
	double w;		/* weight on the candidate */
	int on;			/* on the candidate */
};

/* Bounds are computed with some slack: a bound may come out of floating
 * point a hair below the exact score it bounds. */
#define MS_SLACK (1.0 + 1e-9)

/* Whether term leaf p can be a MaxScore leaf: scored, in any field, no
 * date check. */
static int ms_leaf_ok(const struct pnode *p)
{
	return p->kind == P_TERM && !p->filter && !p->date_check && !p->verify &&
	       p->field == NS_QF_ANY;
}

/* advance() for a leaf ms_leaf_ok() accepts, with the common case
 * inline: the target in the block decoded, nothing deleted. */
static inline int leaf_advance(struct ns_match *m, struct mnode *n, uint32_t target)
{
	struct ns_post *p = &n->post;

	if (n->started && n->docid >= target)
		return NS_OK;
	if (n->started && n->has_post && !p->del && p->blk < p->n_blocks &&
	    p->docs[p->blk_n - 1] >= target) {
		uint32_t i = p->i;
		while (p->docs[i] < target)
			i++;
		p->i = i;
		p->docid = n->docid = p->docs[i];
		return NS_OK;
	}
	return advance(m, n, target);
}

/* Whether p is a term or an OR of terms (nested ORs too) MaxScore can
 * take. */
static int ms_or_ok(const struct pnode *p)
{
	if (p->kind == P_TERM)
		return ms_leaf_ok(p);
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
static const struct pnode *ms_shape(const struct pnode *root)
{
	const struct pnode *pos = NULL;

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
static int ms_collect(struct mnode *n, struct ms_leaf **v, size_t *cnt, size_t *cap)
{
	if (n->p->kind == P_EMPTY)
		return NS_OK;
	if (n->p->kind == P_TERM) {
		if (*cnt == *cap) {
			size_t c = *cap ? 2 * *cap : 8;
			struct ms_leaf *nv = realloc(*v, c * sizeof(*nv));
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

/* The constants of leaf l's block bounds.  BM25F is idf (k1 + 1) / (1 +
 * A g), g = (1 + c dl') / tf', A = k1 (1 - b), c = b / ((1 - b) avgdl):
 * a block's impact (format.h) bounds g from below at c0, and g(c) >=
 * min(1, c / c0) g(c0) for any c (both terms of g are positive), so the
 * bound holds whatever the index's avgdl is now. */
static void leaf_bound_init(const struct ns_match *m, struct ms_leaf *l)
{
	const struct ns_bm25 *p = &m->bm25;

	l->wmax = l->n->p->boost * m->terms[l->n->p->term].idf * (p->k1 + 1.0) * MS_SLACK;
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

/* Bound of leaf l's score (weight + proximity share) on the documents of
 * its block b. */
static double leaf_block_ub(struct ms_leaf *l, uint32_t b)
{
	if (b != l->ub_blk) {
		l->ub_blk = b;
		l->ub_val = l->wmax / (1.0 + l->ag * ns_post_block_impact(&l->n->post, b)) + l->prox;
	}
	return l->ub_val;
}

/* Bound of leaf l's score on its current document from its tf alone (no
 * norms): dl' >= tf', so K >= A + B tf' and tf' / (tf' + K) <= tf' / (tf'
 * (1 + B) + A).  Most documents of a frequent term have it once: this
 * bound keeps them from being scored at all. */
static double ms_doc_ub(const struct ms_leaf *l)
{
	const struct ns_post *p = &l->n->post;
	double tfw = (double)ns_post_tf(p) + l->tw1 * (double)ns_post_title_tf(p);

	if (tfw < 16 && tfw == (double)(int)tfw)
		return l->tf_ub[(int)tfw];
	return l->wmax * tfw / (tfw * l->bk + l->ak) + l->prox;
}

/* The tf' a document of leaf l needs for ms_doc_ub() to exceed t (others:
 * what the other leaves may add): ms_doc_ub() > t + ... <=> tf' > this
 * (HUGE_VAL: never), so the loop compares instead of dividing. */
static double ms_tf_need(const struct ms_leaf *l, double t)
{
	double x = t - l->prox, den = l->wmax - x * l->bk;

	if (x < 0)
		return -1;	/* any tf' */
	return den > 0 ? x * l->ak / den : HUGE_VAL;
}

static double ms_tfw(const struct ms_leaf *l)
{
	const struct ns_post *p = &l->n->post;

	return (double)ns_post_tf(p) + l->tw1 * (double)ns_post_title_tf(p);
}

/* The leaf's bound over the rest of the segment: the largest of its
 * remaining blocks'. */
static double leaf_ub(struct ms_leaf *l)
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

static int cmp_ms_ub(const void *a, const void *b)
{
	const struct ms_leaf *x = a, *y = b;

	if (x->ub != y->ub)
		return x->ub < y->ub ? -1 : 1;
	return x->plan < y->plan ? -1 : x->plan > y->plan;
}

/* Whether candidate d is excluded by the root AND's negations or date
 * ranges (the positive part matched it). */
static int ms_excluded(struct ns_match *m, struct mnode *root, uint32_t d, int *out)
{
	int rc;

	*out = 0;
	if (root->p->kind != P_AND)
		return NS_OK;
	for (size_t i = 0; i < root->p->n_kids && !*out; i++) {
		int in;
		if (!root->p->kids[i]->verify)
			continue;
		rc = date_in(m, &root->p->kids[i]->range, d, &in);
		if (rc != NS_OK)
			return rc;
		*out = !in;
	}
	for (size_t i = 0; i < root->p->n_negs && !*out; i++) {
		if (root->p->negs[i]->verify) {
			rc = date_in(m, &root->p->negs[i]->range, d, out);
			if (rc != NS_OK)
				return rc;
			continue;
		}
		rc = advance(m, root->negs[i], d);
		if (rc != NS_OK)
			return rc;
		*out = root->negs[i]->docid == d;
	}
	return NS_OK;
}

/* Scores candidate d exactly as push_hit() would (the leaves' weights
 * summed in plan order, then proximity), and offers it to top.  pl: the
 * n leaves in plan order; prox_ub: the proximity shares of those on d. */
static int ms_push(struct ns_match *m, struct ns_topk *top, struct ms_leaf *const *pl, size_t n,
		   uint32_t s, uint32_t d, double prox_ub, double theta)
{
	double sc = 0, prox = 0;
	size_t present = 0, n_occ = 0;
	int rc = NS_OK;

	for (size_t i = 0; i < n; i++)
		if (pl[i]->on)
			sc += pl[i]->w;
	if (m->prox_bound > 0 && sc + prox_ub > theta) {
		memset(m->prox_seen, 0, m->n_prox);
		for (size_t i = 0; i < n; i++) {
			const struct qterm *t = &m->terms[pl[i]->n->p->term];
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
					rc = gather_leaf(m, pl[i]->n, &n_occ);
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

/* The exact weight of leaf l on the current document (norms cached). */
static void ms_weigh(struct ns_match *m, struct ms_leaf *l)
{
	const struct ns_post *p = &l->n->post;

	l->w = l->n->p->boost * ns_bm25f_weight(&m->bm25, m->terms[l->n->p->term].idf,
						ns_post_title_tf(p), ns_post_tf(p), m->title_len,
						m->doc_len);
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
static struct mnode *ms_pos_node(struct mnode *root, const struct pnode *pos_plan)
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
static void ms_set_prox(struct ns_match *m, struct ms_leaf *lv, size_t n)
{
	size_t distinct = 0;

	if (m->prox_bound > 0) {
		memset(m->prox_seen, 0, m->n_prox);
		for (size_t i = 0; i < n; i++) {
			const struct qterm *t = &m->terms[lv[i].n->p->term];
			if (lv[i].ub >= 0 && !t->expansion && !m->prox_seen[t->distinct]) {
				m->prox_seen[t->distinct] = 1;
				distinct++;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct qterm *t = &m->terms[lv[i].n->p->term];
		lv[i].prox = distinct >= 2 && !t->expansion ? m->prox_part[t->distinct] * MS_SLACK : 0;
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
static int ms_prime(struct ns_match *m, struct ns_topk *top, const struct pnode *pos_plan,
		    uint32_t s, const struct ms_leaf *lv, size_t n, struct ms_primed *pr)
{
	struct mnode *root2 = NULL, *lead;
	struct ms_leaf *lv2 = NULL, **pl2 = NULL;
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
	rc = instantiate(m, m->root, &root2);
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
		leaf_bound_init(m, &lv2[i]);
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
		rc = advance(m, lead, lo);
		need = n2 == 1 ? ms_tf_need(&lv2[0], ns_topk_threshold(top)) : -1;
		while (rc == NS_OK && lead->docid <= hi) {
			uint32_t d = lead->docid;
			double sp = 0;
			int excluded = 0;
			/* with one leaf its tf may tell it cannot make the top k */
			if (ms_tfw(&lv2[0]) <= need) {
				if (d >= NS_POST_END - 1)
					break;
				rc = leaf_advance(m, lead, d + 1);
				continue;
			}
			for (size_t i = 0; i < n2 && rc == NS_OK; i++) {
				rc = leaf_advance(m, lv2[i].n, d);
				lv2[i].on = rc == NS_OK && lv2[i].n->docid == d;
			}
			if (rc == NS_OK)
				rc = ms_excluded(m, root2, d, &excluded);
			if (rc == NS_OK && !excluded)
				rc = norms_of(m, d);
			if (rc == NS_OK && !excluded) {
				m->st.n_candidates++;
				for (size_t i = 0; i < n2; i++) {
					const struct qterm *t = &m->terms[lv2[i].n->p->term];
					if (!lv2[i].on)
						continue;
					ms_weigh(m, &lv2[i]);
					if (m->prox_bound > 0 && !t->expansion)
						sp += m->prox_part[t->distinct] * MS_SLACK;
				}
				rc = ms_push(m, top, pl2, n2, s, d, sp, ns_topk_threshold(top));
				if (n2 == 1)
					need = ms_tf_need(&lv2[0], ns_topk_threshold(top));
			}
			if (rc != NS_OK || d >= NS_POST_END - 1)
				break;
			rc = leaf_advance(m, lead, d + 1);
		}
	}
	if (rc == NS_OK && pr->n)
		pr->leaf = lv[best_leaf].orig;
out:
	free_mnode(root2);
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
static int ms_was_primed(struct ns_match *m, struct ms_primed *pr, struct mnode *l, uint32_t d,
			 int *rc)
{
	*rc = NS_OK;
	while (pr->at < pr->n && pr->hi[pr->at] < d)
		pr->at++;
	if (pr->at == pr->n || d < pr->lo[pr->at])
		return 0;
	*rc = leaf_advance(m, l, d);
	return *rc == NS_OK && l->docid == d;
}

static int maxscore_segment(struct ns_match *m, struct ns_topk *top, struct mnode *root,
			    const struct pnode *pos_plan, uint32_t s, uint64_t *count)
{
	struct mnode *pos = root;
	struct ms_leaf *lv = NULL;
	size_t n = 0, cap = 0, ne;
	struct ms_leaf **pl = NULL, *primed = NULL;
	struct ms_primed pr;
	double *cum = NULL, theta;
	int rc;

	pos = ms_pos_node(root, pos_plan);
	rc = ms_collect(pos, &lv, &n, &cap);
	/* Start every list; drop those absent from the segment or empty. */
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		rc = advance(m, lv[i].n, 0);
		lv[i].ub = rc == NS_OK && lv[i].n->docid != NS_POST_END ? 0 : -1;	/* -1: gone */
	}
	if (rc != NS_OK)
		goto out;
	ms_set_prox(m, lv, n);
	for (size_t i = 0; i < n; i++)
		if (lv[i].ub >= 0) {
			leaf_bound_init(m, &lv[i]);
			lv[i].ub = leaf_ub(&lv[i]);
		}
	{
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (lv[i].ub >= 0)
				lv[k++] = lv[i];
		n = k;
	}
	cum = malloc((n + 1) * sizeof(*cum));
	pl = malloc((n + 1) * sizeof(*pl));
	if (!cum || !pl) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		lv[i].plan = i;	/* plan order among the leaves kept */
	rc = ms_prime(m, top, pos_plan, s, lv, n, &pr);
	if (rc != NS_OK)
		goto out;
	qsort(lv, n, sizeof(*lv), cmp_ms_ub);
	for (size_t i = 0; pr.leaf != SIZE_MAX && i < n; i++)
		if (lv[i].orig == pr.leaf)
			primed = &lv[i];
	for (size_t i = 0; i < n; i++) {
		cum[i] = (i ? cum[i - 1] : 0) + lv[i].ub;
		pl[lv[i].plan] = &lv[i];
	}
	theta = ms_threshold(top, primed != NULL);
	ne = count ? 0 : ms_non_essential(cum, n, theta);
	while (ne < n) {
		uint32_t d = NS_POST_END, t;
		double here, sb = 0, sp = 0;
		int pruned = 0, excluded = 0;

		for (size_t i = ne; i < n; i++)
			if (lv[i].n->docid < d)
				d = lv[i].n->docid;
		if (d == NS_POST_END)
			break;
		/* Skip, without decoding, the runs of blocks whose bounds add up
		 * to at most the threshold: from t on, a document of an
		 * essential list lies in the block find_block(t) names, so every
		 * document up to the first of those blocks' ends scores at most
		 * region. */
		for (t = d; !count;) {
			double region = ne ? cum[ne - 1] : 0;
			uint32_t last = NS_POST_END - 1;
			for (size_t i = ne; i < n; i++) {
				struct mnode *l = lv[i].n;
				uint32_t b;
				if (l->docid == NS_POST_END)
					continue;
				b = l->docid >= t ? l->post.blk : ns_post_find_block(&l->post, t);
				if (b >= l->post.n_blocks)
					continue;
				/* a primed block's documents of this leaf are scored */
				if (&lv[i] != primed || !ms_block_primed(&pr, &l->post, b))
					region += leaf_block_ub(&lv[i], b);
				if (ns_post_block_last(&l->post, b) < last)
					last = ns_post_block_last(&l->post, b);
			}
			if (region > theta || last >= NS_POST_END - 1)
				break;
			t = last + 1;
		}
		if (t > d) {
			for (size_t i = ne; i < n && rc == NS_OK; i++)
				rc = leaf_advance(m, lv[i].n, t);
			if (rc != NS_OK)
				break;
			continue;
		}
		if (count) {
			rc = ms_excluded(m, root, d, &excluded);
			if (rc != NS_OK)
				break;
			*count += !excluded;
		}
		/* Scored already (ms_prime)? */
		if (primed) {
			int was = ms_was_primed(m, &pr, primed->n, d, &rc);
			if (rc != NS_OK)
				break;
			if (was) {
				for (size_t i = 0; i < n && rc == NS_OK; i++)
					if (lv[i].n->docid == d)
						rc = leaf_advance(m, lv[i].n, d + 1);
				if (rc != NS_OK)
					break;
				continue;
			}
		}
		/* The bound of d itself: of the lists on it, by their blocks and
		 * their tf. */
		here = ne ? cum[ne - 1] : 0;
		for (size_t i = ne; i < n; i++)
			if (lv[i].n->docid == d) {
				double u = leaf_block_ub(&lv[i], lv[i].n->post.blk), v = ms_doc_ub(&lv[i]);
				here += u < v ? u : v;
			}
		if (here > theta && !(count && excluded)) {
			rc = norms_of(m, d);
			if (rc != NS_OK)
				break;
			m->st.n_candidates++;
			for (size_t i = ne; i < n; i++) {
				lv[i].on = lv[i].n->docid == d;
				if (!lv[i].on)
					continue;
				ms_weigh(m, &lv[i]);
				sb += lv[i].w;
				sp += lv[i].prox;
			}
			/* the non-essential lists, best bound first, while the
			 * candidate can still make it */
			for (size_t i = ne; i-- > 0 && rc == NS_OK;) {
				struct mnode *l = lv[i].n;
				if (sb + sp + cum[i] <= theta) {
					pruned = 1;
					break;
				}
				rc = leaf_advance(m, l, d);
				lv[i].on = rc == NS_OK && l->docid == d;
				if (!lv[i].on)
					continue;
				ms_weigh(m, &lv[i]);
				sb += lv[i].w;
				sp += lv[i].prox;
			}
			if (rc != NS_OK)
				break;
			if (!pruned && sb + sp > theta) {
				if (!count)
					rc = ms_excluded(m, root, d, &excluded);
				if (rc == NS_OK && !excluded)
					rc = ms_push(m, top, pl, n, s, d, sp, theta);
				if (rc != NS_OK)
					break;
				if (ms_threshold(top, primed != NULL) > theta) {
					theta = ms_threshold(top, primed != NULL);
					ne = count ? 0 : ms_non_essential(cum, n, theta);
				}
			}
			for (size_t i = 0; i < n; i++)
				lv[i].on = 0;
		}
		if (d == NS_POST_END - 1)
			break;
		for (size_t i = 0; i < n && rc == NS_OK; i++)
			if (lv[i].n->docid == d)
				rc = leaf_advance(m, lv[i].n, d + 1);
		if (rc != NS_OK)
			break;
	}
out:
	free(lv);
	free(cum);
	free(pl);
	return rc;
}

/* The same for a conjunction: an AND of terms (with negations and date
 * ranges checked per candidate) or a phrase.  Every leaf is on every
 * match, so a document scores at most the sum of its leaves' block
 * bounds: runs of blocks where that sum is at most the threshold are
 * skipped undecoded (block-max AND), and a candidate below it is neither
 * scored nor, for a phrase, checked for positions. */

/* Whether p is a conjunction conj_segment() can take: the node whose kids
 * are the leaves, or NULL. */
static const struct pnode *conj_shape(const struct pnode *root)
{
	size_t n = 0;

	if (root->kind == P_PHRASE || root->kind == P_NEAR) {
		for (size_t i = 0; i < root->n_kids; i++)
			if (!ms_leaf_ok(root->kids[i]))
				return NULL;
		return root;
	}
	if (root->kind != P_AND)
		return NULL;
	for (size_t i = 0; i < root->n_kids; i++) {
		if (root->kids[i]->verify)
			continue;
		if (!ms_leaf_ok(root->kids[i]))
			return NULL;
		n++;
	}
	return n >= 2 ? root : NULL;
}

static int cmp_leaf_cost(const void *a, const void *b)
{
	const struct ms_leaf *x = *(struct ms_leaf *const *)a, *y = *(struct ms_leaf *const *)b;

	if (x->n->p->cost != y->n->p->cost)
		return x->n->p->cost < y->n->p->cost ? -1 : 1;
	return x->plan < y->plan ? -1 : x->plan > y->plan;
}

/* Whether the leaves (all on d) are in the positions a phrase or NEAR
 * root asks for. */
static int conj_positions(struct ns_match *m, struct mnode *root, uint32_t d, int *ok)
{
	struct span chosen_buf[16], *chosen = chosen_buf;
	int rc = NS_OK;

	m->st.n_position_checks++;
	if (root->p->kind == P_PHRASE) {
		rc = phrase_spans(m, root);
		*ok = rc == NS_OK && root->n_spans > 0;
		return rc;
	}
	if (root->p->n_kids > 16) {
		chosen = malloc(root->p->n_kids * sizeof(*chosen));
		if (!chosen)
			return NS_ERR_NOMEM;
	}
	for (size_t i = 0; i < root->p->n_kids && rc == NS_OK; i++)
		rc = operand_spans(m, root->kids[i], d);
	if (rc == NS_OK) {
		*ok = near_match(m, root, chosen);
		if (*ok < 0)
			rc = *ok;
	}
	if (chosen != chosen_buf)
		free(chosen);
	return rc;
}

static int conj_segment(struct ns_match *m, struct ns_topk *top, struct mnode *root, uint32_t s)
{
	int positional = root->p->kind == P_PHRASE || root->p->kind == P_NEAR;
	size_t n = 0;
	struct ms_leaf *lv = calloc(root->p->n_kids + 1, sizeof(*lv));
	struct ms_leaf **pl = calloc(root->p->n_kids + 1, sizeof(*pl));
	struct ms_leaf **order = calloc(root->p->n_kids + 1, sizeof(*order));
	double theta = ns_topk_threshold(top);
	uint32_t t = 0;
	int rc = NS_OK;

	if (!lv || !pl || !order) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < root->p->n_kids; i++) {
		struct mnode *k = root->kids[i];
		const struct qterm *q;
		if (k->p->verify)
			continue;
		if (!k->has_post)
			goto out;	/* a term absent from the segment: no match */
		q = &m->terms[k->p->term];
		lv[n].n = k;
		lv[n].plan = n;
		lv[n].prox = m->prox_bound > 0 && !q->expansion ? m->prox_part[q->distinct] * MS_SLACK
								: 0;
		leaf_bound_init(m, &lv[n]);
		pl[n] = order[n] = &lv[n];
		n++;
	}
	qsort(order, n, sizeof(*order), cmp_leaf_cost);
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
				region += leaf_block_ub(&lv[i], b);
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
			for (size_t i = 0; i < n; i++) {
				rc = leaf_advance(m, order[i]->n, t);
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
			double u = leaf_block_ub(&lv[i], lv[i].n->post.blk), v = ms_doc_ub(&lv[i]);
			region += u < v ? u : v;
		}
		if (region > theta) {
			double sc = 0;
			int ok = 1;
			/* The score is known before the positions are looked at:
			 * only a document that can enter the top k is checked. */
			m->st.n_candidates++;
			rc = norms_of(m, d);
			if (rc != NS_OK)
				break;
			for (size_t i = 0; i < n; i++) {
				lv[i].on = 1;
				ms_weigh(m, &lv[i]);
				sc += lv[i].w;
				sp += lv[i].prox;
			}
			if (sc + sp <= theta)
				ok = 0;
			else if (positional)
				rc = conj_positions(m, root, d, &ok);
			else
				rc = ms_excluded(m, root, d, &ok), ok = !ok;
			if (rc == NS_OK && ok)
				rc = ms_push(m, top, pl, n, s, d, sp, theta);
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

/* Walks one segment's matches with the plain document-at-a-time cursors:
 * counts them into *count and, when top is given, scores each. */
static int walk_segment(struct ns_match *m, struct ns_topk *top, struct mnode *root, uint32_t s,
			uint64_t *count)
{
	uint32_t d = 0;
	int rc;

	for (;;) {
		rc = advance(m, root, d);
		if (rc != NS_OK || root->docid == NS_POST_END)
			return rc;
		d = root->docid;
		(*count)++;
		if (top) {
			rc = norms_of(m, d);
			if (rc == NS_OK)
				rc = push_hit(m, top, root, s, d);
			if (rc != NS_OK)
				return rc;
		}
		if (d == NS_POST_END - 1)
			return NS_OK;
		d++;
	}
}

/* The number of matches in the segment without walking a term's postings,
 * when nothing is deleted: a term query's is its df; "a NOT b"'s is a's df
 * less the documents of b that a has, found by leapfrogging from b's side
 * when b is the rarer.  Returns 1 when it counted (root's cursors are then
 * spent), 0 when the shape does not fit. */
static int count_shortcut(struct ns_match *m, struct mnode *root, uint64_t *count, int *rc)
{
	struct mnode *a;
	uint64_t neg_cost = 0, both = 0;
	uint32_t d = 0;

	*rc = NS_OK;
	if (ns_segr_n_deleted(m->seg) != 0)
		return 0;
	if (root->p->kind == P_TERM && ms_leaf_ok(root->p)) {
		if (root->has_post)
			*count += root->post.ti.df;
		return 1;
	}
	if (root->p->kind != P_AND || root->p->n_kids != 1 || !ms_leaf_ok(root->p->kids[0]))
		return 0;
	a = root->kids[0];
	for (size_t i = 0; i < root->p->n_negs; i++) {
		if (root->p->negs[i]->verify)
			return 0;
		neg_cost += root->p->negs[i]->cost;
	}
	if (!a->has_post)
		return 1;	/* no match at all */
	if (neg_cost >= a->post.ti.df)
		return 0;	/* walking a is cheaper */
	for (;;) {
		uint32_t nd = NS_POST_END;
		for (size_t i = 0; i < root->p->n_negs && *rc == NS_OK; i++) {
			*rc = advance(m, root->negs[i], d);
			if (root->negs[i]->docid < nd)
				nd = root->negs[i]->docid;
		}
		if (*rc == NS_OK && nd != NS_POST_END)
			*rc = advance(m, a, nd);
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

int ns_match_run(struct ns_match *m, struct ns_topk *top, uint64_t *n_matches)
{
	int pruning = top && top->k > 0 && m->sort == NS_SORT_SCORE;
	const struct pnode *ms = pruning ? ms_shape(m->root) : NULL;
	/* Counting visits every match: the plain walk scores a conjunction's
	 * as it goes, which is as cheap. */
	const struct pnode *conj = pruning && !ms && !n_matches ? conj_shape(m->root) : NULL;
	uint64_t count = 0;
	int rc = NS_OK;

	memset(&m->st, 0, sizeof(m->st));
	if (!top && !n_matches)
		return NS_OK;
	for (uint32_t s = 0; s < m->idx->m.n_segs && rc == NS_OK; s++) {
		struct mnode *root;

		m->seg = m->idx->segs[s];
		m->norm_doc = NS_POST_END;
		rc = instantiate(m, m->root, &root);
		if (rc != NS_OK)
			break;
		if (!ms && !conj) {
			rc = walk_segment(m, top, root, s, &count);
			free_mnode(root);
			continue;
		}
		/* An exact count: a term's df (less a rarer negation's), or
		 * MaxScore counting as it goes (the plain walk counts a
		 * conjunction's, scoring each match). */
		if (ms && n_matches && count_shortcut(m, root, &count, &rc)) {
			free_mnode(root);
			root = NULL;
			if (rc == NS_OK)
				rc = instantiate(m, m->root, &root);
			if (rc == NS_OK)
				rc = maxscore_segment(m, top, root, ms, s, NULL);
		} else if (ms)
			rc = maxscore_segment(m, top, root, ms, s, n_matches ? &count : NULL);
		else
			rc = conj_segment(m, top, root, s);
		free_mnode(root);
	}
	if (!ms && !conj) {
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

/* ---------------------------------------------------------------------- */
/* Explaining a score                                                      */
/* ---------------------------------------------------------------------- */

/* The term as a person would write it: title:iran, source:reuters,
 * date:2026-02. */
static char *readable_term(const struct qterm *t, enum ns_qfield field)
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
static int explain_range(const struct pnode *p, struct ns_explain *ex)
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

static int explain_term(struct ns_match *m, const struct mnode *n, struct ns_explain *ex)
{
	const struct qterm *t = &m->terms[n->p->term];
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
	if (!e->filter) {
		int rc = term_weight(m, n, &e->tf_title, &e->weight);
		if (rc != NS_OK)
			return rc;
	}
	ex->score += e->weight;
	return NS_OK;
}

/* Mirrors score(): the terms that count for document d. */
static int explain_walk(struct ns_match *m, const struct mnode *n, uint32_t d,
			struct ns_explain *ex)
{
	int rc = NS_OK;

	if (!on_doc(n, d))
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
			rc = advance(m, n->kids[i], d);
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
	struct mnode *root;
	uint32_t s, d;
	int rc;

	memset(ex, 0, sizeof(*ex));
	if (docid >= m->idx->n_docids)
		return NS_ERR_USAGE;
	ns_index_locate(m->idx, docid, &s, &d);
	m->seg = m->idx->segs[s];
	m->norm_doc = NS_POST_END;
	rc = instantiate(m, m->root, &root);
	if (rc != NS_OK)
		return rc;
	rc = advance(m, root, d);
	if (rc == NS_OK && root->docid != d)
		rc = NS_DONE;
	if (rc == NS_OK)
		rc = norms_of(m, d);
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
			rc = proximity(m, root, d, &ex->proximity);
		ex->score += ex->proximity;
	}
	free_mnode(root);
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
