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

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "tokenize.h"

enum pkind {
	P_EMPTY,	/* matches nothing */
	P_TERM,		/* one term, optionally restricted to a field */
	P_PHRASE,	/* kids are P_TERM at offsets */
	P_AND,		/* kids, minus negs */
	P_OR,		/* kids */
	P_NEAR,		/* kids (P_TERM or P_PHRASE) within dist */
};

struct pnode {
	enum pkind kind;
	enum ns_qfield field;	/* P_TERM, P_PHRASE: ANY, TITLE or BODY */
	uint32_t term;		/* P_TERM: index into ns_match.terms */
	struct pnode **kids;
	size_t n_kids;
	struct pnode **negs;	/* P_AND */
	size_t n_negs;
	uint32_t *offsets;	/* P_PHRASE: position of each kid from the first */
	uint32_t dist;		/* P_NEAR */
	int ordered;		/* P_NEAR from ADJ */
	uint64_t cost;		/* estimated matches: orders AND operands */
};

struct qterm {
	char *text;		/* stemmed term */
	size_t len;
	uint64_t df;		/* over all segments */
	double idf;
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
	struct mnode **order;	/* kids, rarest first (AND, PHRASE, NEAR) */
	struct mnode **negs;
	struct span *spans;	/* P_PHRASE, P_TERM in NEAR: spans at docid */
	size_t n_spans;
	size_t spans_cap;
};

struct ns_match {
	struct ns_index *idx;
	struct pnode *root;
	struct qterm *terms;
	size_t n_terms;
	size_t terms_cap;
	const char **distinct;	/* distinct term texts, for highlighting */
	size_t n_distinct;
	struct ns_bm25 bm25;
	struct ns_match_stats st;
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

	if (p)
		p->kind = kind;
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

static int add_term(struct ns_match *m, const char *text, size_t len, uint32_t *id)
{
	struct qterm *t;
	int rc;

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
	rc = ns_index_df(m->idx, text, len, &t->df);
	if (rc != NS_OK) {
		free(t->text);
		return rc;
	}
	t->idf = ns_bm25_idf(m->idx->n_docs, t->df);
	*id = (uint32_t)m->n_terms++;
	return NS_OK;
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

/* A word or phrase: its text through the analyzer. */
static int compile_text(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	struct pnode *p = NULL, *kid;
	const char *term;
	size_t len;
	uint32_t first = 0;
	int rc = NS_OK;

	*out = NULL;
	ns_tok_init(&t, q->text, strlen(q->text), 0);
	while (ns_analyzer_next(m->idx->an, &t, &tok, &term, &len)) {
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
		kid->field = NS_QF_ANY;
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

static int compile(struct ns_match *m, const struct ns_qnode *q, struct pnode **out);

static int compile_group(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
{
	enum pkind kind = q->kind == NS_Q_AND ? P_AND : q->kind == NS_Q_OR ? P_OR : P_NEAR;
	struct pnode *p = new_pnode(kind), *kid;
	int rc = NS_OK, empty = 0;

	*out = NULL;
	if (!p)
		return NS_ERR_NOMEM;
	p->dist = q->dist;
	p->ordered = q->kind == NS_Q_ADJ;
	for (size_t i = 0; i < q->n_kids && rc == NS_OK; i++) {
		rc = compile(m, q->kids[i], &kid);
		if (rc != NS_OK)
			break;
		if (kind == P_NEAR && kid->kind != P_TERM && kid->kind != P_PHRASE &&
		    kid->kind != P_EMPTY) {
			free_pnode(kid);
			ns_msgf(m->msg, m->msglen, "column %zu: NEAR/ADJ operands must be words or phrases",
				q->kids[i]->col);
			rc = NS_ERR_QUERY;
			break;
		}
		if (kid->kind == P_EMPTY) {
			/* An operand with no word in it ("&", a lone dash) says
			 * nothing: AND and OR drop it; NEAR cannot be measured
			 * without it and matches nothing. */
			if (kind == P_NEAR)
				empty = 1;
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
	if (empty || p->n_kids == 0) {
		free_pnode(p);
		return (*out = new_pnode(P_EMPTY)) ? NS_OK : NS_ERR_NOMEM;
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
	*out = p;
	return NS_OK;
}

static int compile(struct ns_match *m, const struct ns_qnode *q, struct pnode **out)
{
	*out = NULL;
	switch (q->kind) {
	case NS_Q_WORD:
	case NS_Q_PHRASE:
		if (q->field == NS_QF_SOURCE || q->field == NS_QF_DATE) {
			ns_msgf(m->msg, m->msglen,
				"column %zu: the %s: field is not searchable in this version", q->col,
				q->field == NS_QF_SOURCE ? "source" : "date");
			return NS_ERR_QUERY;
		}
		return compile_text(m, q, out);
	case NS_Q_PREFIX:
		ns_msgf(m->msg, m->msglen,
			"column %zu: prefix search (%s*) is not supported in this version", q->col,
			q->text);
		return NS_ERR_QUERY;
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

static int collect_distinct(struct ns_match *m)
{
	size_t n = 0;

	m->distinct = malloc((m->n_terms + 1) * sizeof(*m->distinct));
	if (!m->distinct)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < m->n_terms; i++)
		m->distinct[i] = m->terms[i].text;
	qsort(m->distinct, m->n_terms, sizeof(*m->distinct), cmp_cstr);
	for (size_t i = 0; i < m->n_terms; i++)
		if (n == 0 || strcmp(m->distinct[n - 1], m->distinct[i]) != 0)
			m->distinct[n++] = m->distinct[i];
	m->n_distinct = n;
	return NS_OK;
}

int ns_match_compile(struct ns_index *idx, const struct ns_qnode *q, struct ns_match **out,
		     char *msg, size_t msglen)
{
	struct ns_match *m = calloc(1, sizeof(*m));
	int rc;

	*out = NULL;
	if (!m)
		return NS_ERR_NOMEM;
	m->idx = idx;
	m->msg = msg;
	m->msglen = msglen;
	ns_bm25_init(&m->bm25, idx->avg_doc_len);
	rc = compile(m, q, &m->root);
	if (rc == NS_OK)
		rc = collect_distinct(m);
	if (rc != NS_OK) {
		ns_match_free(m);
		return rc;
	}
	*out = m;
	return NS_OK;
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
	if (p->kind == P_TERM) {
		const struct qterm *t = &m->terms[p->term];
		struct ns_term_info ti;
		rc = ns_segr_lookup(m->seg, t->text, t->len, &ti);
		if (rc == NS_OK) {
			rc = ns_post_open(&n->post, m->seg, &ti);
			n->has_post = rc == NS_OK;
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
		if (rc == NS_OK) {
			memcpy(n->order, n->kids, p->n_kids * sizeof(*n->order));
			qsort(n->order, p->n_kids, sizeof(*n->order), cmp_cost);
		}
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
static int phrase_spans(struct ns_match *m, struct mnode *n)
{
	const struct pnode *p = n->p;
	const uint32_t *first, *pos;
	uint32_t n_first, k, last_off = p->offsets[p->n_kids - 1];
	int rc = ns_post_positions(&n->kids[0]->post, &first, &n_first);

	n->n_spans = 0;
	if (rc == NS_OK)
		rc = norms_of(m, n->kids[0]->post.docid);
	for (uint32_t i = 0; i < n_first && rc == NS_OK; i++) {
		uint32_t start = first[i];
		int ok = start <= UINT32_MAX - last_off;
		for (size_t j = 1; j < p->n_kids && ok && rc == NS_OK; j++) {
			rc = ns_post_positions(&n->kids[j]->post, &pos, &k);
			ok = rc == NS_OK && contains(pos, k, start + p->offsets[j]);
		}
		if (ok && rc == NS_OK && span_in_field(m, start, start + last_off, p->field))
			rc = push_span(n, start, start + last_off);
	}
	return rc;
}

/* Can the operands (in query order) each pick a span so that no two
 * overlap, all lie in one field, ADJ order holds, and
 * max(start) - min(end) <= dist?  Depth-first over operands; adding a
 * span can only widen the window, so a too-wide partial choice is pruned,
 * and an operand's spans (sorted by start) are cut off once their start
 * alone is out of reach. */
static int near_search(const struct ns_match *m, struct mnode **kids, size_t n, size_t i,
		       const struct pnode *p, struct span *chosen, int64_t min_end,
		       int64_t max_start, int in_title)
{
	const struct mnode *k = kids[i];

	if (i == n)
		return 1;
	for (size_t s = 0; s < k->n_spans; s++) {
		struct span sp = k->spans[s];
		int64_t lo = min_end, hi = max_start;
		int title = sp.end < m->title_len, clash = 0;

		if (i > 0) {
			if ((int64_t)sp.start > min_end + (int64_t)p->dist)
				break;
			if (title != in_title)
				continue;
			if (p->ordered && sp.start <= chosen[i - 1].end)
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
		if (near_search(m, kids, n, i + 1, p, chosen, lo, hi, i == 0 ? title : in_title))
			return 1;
	}
	return 0;
}

static int advance(struct ns_match *m, struct mnode *n, uint32_t target);

/* Moves all of n's kids (rarest first) to one document >= target. */
static int leapfrog(struct ns_match *m, struct mnode *n, uint32_t target, uint32_t *doc)
{
	size_t nk = n->p->n_kids;
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

static int advance_term(struct ns_match *m, struct mnode *n, uint32_t target)
{
	for (;;) {
		int rc = ns_post_advance(&n->post, target);
		if (rc < 0)
			return rc;
		if (rc == NS_DONE) {
			n->docid = NS_POST_END;
			return NS_OK;
		}
		if (n->p->field == NS_QF_ANY) {
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
		for (size_t i = 0; i < n->p->n_negs && !excluded; i++) {
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

static int advance_positional(struct ns_match *m, struct mnode *n, uint32_t target)
{
	struct span chosen_buf[16], *chosen = chosen_buf;
	uint32_t d;
	int rc, ok;

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
				if (n->kids[i]->p->kind == P_TERM && n->kids[i]->p->field == NS_QF_ANY)
					rc = term_spans(m, n->kids[i]);
			ok = rc == NS_OK && near_search(m, n->kids, n->p->n_kids, 0, n->p, chosen, 0,
							 0, 0);
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
	}
	return NS_ERR_USAGE;
}

/* BM25 of the document the root matched: the terms matching there. */
static double score(struct ns_match *m, const struct mnode *n, uint32_t d)
{
	double s = 0;

	if (n->docid != d)
		return 0;
	switch (n->p->kind) {
	case P_TERM:
		return ns_bm25_weight(&m->bm25, m->terms[n->p->term].idf, ns_post_tf(&n->post),
				      m->doc_len);
	case P_AND:
	case P_OR:
	case P_NEAR:
		for (size_t i = 0; i < n->p->n_kids; i++)
			s += score(m, n->kids[i], d);
		return s;
	case P_PHRASE:
		/* Kids are term cursors that sit on d but carry no docid of
		 * their own verification; score them directly. */
		for (size_t i = 0; i < n->p->n_kids; i++)
			s += ns_bm25_weight(&m->bm25, m->terms[n->kids[i]->p->term].idf,
					    ns_post_tf(&n->kids[i]->post), m->doc_len);
		return s;
	case P_EMPTY:
		break;
	}
	return 0;
}

int ns_match_run(struct ns_match *m, struct ns_topk *top, uint64_t *n_matches)
{
	uint64_t count = 0;
	int rc = NS_OK;

	memset(&m->st, 0, sizeof(m->st));
	if (!top && !n_matches)
		return NS_OK;
	for (uint32_t s = 0; s < m->idx->m.n_segs && rc == NS_OK; s++) {
		struct mnode *root;
		uint32_t d = 0;

		m->seg = m->idx->segs[s];
		m->norm_doc = NS_POST_END;
		rc = instantiate(m, m->root, &root);
		if (rc != NS_OK)
			break;
		for (;;) {
			rc = advance(m, root, d);
			if (rc != NS_OK || root->docid == NS_POST_END)
				break;
			d = root->docid;
			count++;
			if (top) {
				rc = norms_of(m, d);
				if (rc != NS_OK)
					break;
				ns_topk_push(top, score(m, root, d), m->idx->base[s] + d);
			}
			if (d == NS_POST_END - 1)
				break;
			d++;
		}
		free_mnode(root);
	}
	m->st.n_matches = count;
	m->st.n_candidates = count;
	if (n_matches)
		*n_matches = count;
	return rc;
}
