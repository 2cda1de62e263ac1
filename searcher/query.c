/* SPDX-License-Identifier: MIT */
/* query.c -- parse query text into a small tree (grammar in query.h).
 *
 * A lexer that produces one token of look-ahead feeds a recursive-descent
 * parser with one function per grammar rule.  The recursion only goes deeper
 * at '(' and stops at NS_QUERY_MAX_DEPTH, so hostile input cannot exhaust the
 * stack; every node counts against NS_QUERY_MAX_NODES, so a huge query stops
 * early with NS_ERR_LIMIT; the lexer touches each byte once, so parsing is
 * linear in the length of the text.
 *
 * Lexical choices the header leaves open:
 *   - whitespace is ASCII space, \t, \n, \r, \v, \f; a word is a run of any
 *     other bytes up to whitespace, '(', ')' or '"';
 *   - '-' at the start of a word (at the query start or after whitespace or
 *     '(') negates what is glued to it: "-5" is NOT 5 and "--x" is NOT "-x"
 *     (quote it, "-5", to search for the text); a '-' glued to nothing
 *     ("a - b", "a -", "(- a)") is a separator and is ignored;
 *   - after '-', operator words are plain words ("-AND" is NOT "AND");
 *   - a field prefix must touch its operand ("title: iran" is an error), and
 *     what follows it is taken literally: "title:AND" is the word AND,
 *     "date:2026-01-01..2026-01-31" one word; "title:-x" is an error
 *     (write -title:x);
 *   - a word ending in '*' is a prefix without all its trailing '*'s;
 *   - a word ending in "~", "~1" or "~2" is a fuzzy word (1, 1 or 2 edits);
 *     "~0" and "~3".. are errors; a lone "~" is a plain word;
 *   - inside title:( ... ) an inner field wins: "title:(a body:b)" puts a in
 *     the title and b in the body;
 *   - "NOT a b" is b AND NOT a (NOT may open an AND group that also has a
 *     positive operand); "a NOT -b" is an error (double negation);
 *   - "-a NEAR b" negates the whole chain (unary := "-" near_expr);
 *   - with default_or, a negated operand joined by juxtaposition on both
 *     sides excludes from the whole OR group, as in Lucene:
 *     "a b -c" is (AND (OR a b) (NOT c)); "a OR -c" is still an error;
 *   - columns count UTF-8 lead bytes (every byte not 10xxxxxx).
 */
#include "query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"

#define NEAR_DEFAULT_DIST 10
#define MSG_TEXT_MAX 32		/* bytes of offending text quoted in a message */

enum tok_kind {
	TOK_EOF,
	TOK_WORD,	/* span: the word */
	TOK_PREFIX,	/* span: the word without its trailing '*'s */
	TOK_FUZZY,	/* span: the word without "~" / "~N"; dist: N */
	TOK_PHRASE,	/* span: the bytes between the quotes */
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_MINUS,	/* '-' glued to the operand it negates */
	TOK_FIELD,	/* "title:" and so on, glued to its operand */
	TOK_AND,
	TOK_OR,
	TOK_NOT,
	TOK_NEAR,	/* dist */
	TOK_ADJ,	/* dist */
	TOK_SENTENCE,
	TOK_PARAGRAPH,
	TOK_ERR,	/* the lexer failed; parser->rc is set */
};

struct tok {
	enum tok_kind kind;
	size_t start, end;	/* byte span in the text (see the kinds) */
	size_t col;		/* 1-based column of the token's first character */
	int glued;		/* no whitespace between it and the previous token */
	uint32_t dist;		/* TOK_NEAR, TOK_ADJ */
	enum ns_qfield field;	/* TOK_FIELD */
};

struct parser {
	const char *s;		/* the query text, borrowed */
	size_t len;		/* its length in bytes */
	size_t pos;		/* next byte to lex */
	size_t n_chars;		/* characters in s[0, pos) */
	struct tok tok;		/* the look-ahead token */
	int default_or;		/* juxtaposition means OR */
	size_t n_nodes;		/* nodes allocated so far */
	int rc;			/* first error, sticky */
	char *msg;		/* caller's message buffer or NULL */
	size_t msglen;
};

struct nvec {
	struct ns_qnode **v;
	size_t n, cap;
};

static const struct {
	const char *name;
	enum ns_qfield field;
} fields[] = {
	{ "title", NS_QF_TITLE },
	{ "body", NS_QF_BODY },
	{ "source", NS_QF_SOURCE },
	{ "date", NS_QF_DATE },
};

__attribute__((format(printf, 4, 5)))
static void fail(struct parser *p, int rc, size_t col, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	if (p->rc != NS_OK)
		return;
	p->rc = rc;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	ns_msgf(p->msg, p->msglen, "column %zu: %s", col, what);
}

static void fail_nomem(struct parser *p)
{
	if (p->rc != NS_OK)
		return;
	p->rc = NS_ERR_NOMEM;
	ns_msgf(p->msg, p->msglen, "out of memory");
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int ends_word(unsigned char c)
{
	return is_space(c) || c == '(' || c == ')' || c == '"';
}

static void skip_to(struct parser *p, size_t pos)
{
	for (; p->pos < pos; p->pos++)
		if (((unsigned char)p->s[p->pos] & 0xC0) != 0x80)
			p->n_chars++;
}

/* Where a '-' may negate: not inside a word, so "mid-air" stays one word. */
static int at_word_start(const struct parser *p)
{
	unsigned char c;

	if (p->pos == 0)
		return 1;
	c = (unsigned char)p->s[p->pos - 1];
	return is_space(c) || c == '(';
}

static int span_is(const struct parser *p, size_t start, size_t end, const char *w)
{
	size_t n = strlen(w);
	return end - start == n && memcmp(p->s + start, w, n) == 0;
}

static int span_starts(const struct parser *p, size_t start, size_t end, const char *w)
{
	size_t n = strlen(w);
	return end - start >= n && memcmp(p->s + start, w, n) == 0;
}

/* Digits only, 1..NS_QUERY_MAX_DIST; returns 0 for anything else. */
static uint32_t parse_dist(const struct parser *p, size_t start, size_t end)
{
	uint32_t v = 0;

	if (start == end)
		return 0;
	for (size_t i = start; i < end; i++) {
		unsigned char c = (unsigned char)p->s[i];
		if (c < '0' || c > '9')
			return 0;
		v = v * 10 + (uint32_t)(c - '0');
		if (v > NS_QUERY_MAX_DIST)
			return 0;
	}
	return v;
}

/* word~ and word~N (query.h): sets t and returns 1, else 0. */
static int lex_fuzzy(struct parser *p, struct tok *t, size_t start, size_t end)
{
	size_t tilde = end;

	if (end - start >= 2 && p->s[end - 1] == '~')
		tilde = end - 1;
	else if (end - start >= 3 && p->s[end - 2] == '~' && p->s[end - 1] >= '0' &&
		 p->s[end - 1] <= '9')
		tilde = end - 2;
	if (tilde == end || p->s[tilde - 1] == '~')
		return 0;
	t->dist = tilde + 1 < end ? (uint32_t)(p->s[end - 1] - '0') : 1;
	if (t->dist < 1 || t->dist > NS_QUERY_MAX_EDITS) {
		fail(p, NS_ERR_QUERY, t->col, "'%.*s': a fuzzy word takes ~1 or ~2 (edits)",
		     (int)(end - start > MSG_TEXT_MAX ? MSG_TEXT_MAX : end - start), p->s + start);
		t->kind = TOK_ERR;
		return 1;
	}
	t->kind = TOK_FUZZY;
	t->end = tilde;
	return 1;
}

/* Classifies the word s[start, end) into t; prev is the kind of the token
 * before it and glued whether it touches it. */
static void lex_word(struct parser *p, struct tok *t, size_t end, enum tok_kind prev)
{
	size_t start = p->pos;
	int after_field = prev == TOK_FIELD && t->glued;
	int ops = !after_field && prev != TOK_MINUS;

	t->start = start;
	t->end = end;
	if (!after_field && p->s[start] == '-' && at_word_start(p)) {
		/* The caller dropped a lone '-', so something is glued to it. */
		t->kind = TOK_MINUS;
		t->end = start + 1;
		return;
	}
	if (!after_field) {
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			size_t n = strlen(fields[i].name);
			if (end - start > n && span_starts(p, start, end, fields[i].name) &&
			    p->s[start + n] == ':') {
				t->kind = TOK_FIELD;
				t->field = fields[i].field;
				t->end = start + n + 1;
				return;
			}
		}
	}
	if (ops) {
		if (span_is(p, start, end, "AND")) {
			t->kind = TOK_AND;
			return;
		}
		if (span_is(p, start, end, "OR")) {
			t->kind = TOK_OR;
			return;
		}
		if (span_is(p, start, end, "NOT")) {
			t->kind = TOK_NOT;
			return;
		}
		if (span_is(p, start, end, "SENTENCE") || span_is(p, start, end, "PARAGRAPH")) {
			t->kind = p->s[start] == 'S' ? TOK_SENTENCE : TOK_PARAGRAPH;
			return;
		}
		if (span_is(p, start, end, "NEAR") || span_is(p, start, end, "ADJ")) {
			t->kind = p->s[start] == 'N' ? TOK_NEAR : TOK_ADJ;
			t->dist = NEAR_DEFAULT_DIST;
			return;
		}
		if (span_starts(p, start, end, "NEAR/") || span_starts(p, start, end, "ADJ/")) {
			size_t skip = p->s[start] == 'N' ? 5 : 4;
			t->kind = p->s[start] == 'N' ? TOK_NEAR : TOK_ADJ;
			t->dist = parse_dist(p, start + skip, end);
			if (t->dist == 0) {
				size_t n = end - start;
				fail(p, NS_ERR_QUERY, t->col,
				     "'%.*s%s': the distance must be a whole number from 1 to %d",
				     (int)(n > MSG_TEXT_MAX ? MSG_TEXT_MAX : n), p->s + start,
				     n > MSG_TEXT_MAX ? "..." : "", NS_QUERY_MAX_DIST);
				t->kind = TOK_ERR;
			}
			return;
		}
	}
	if (p->s[end - 1] == '*') {
		size_t e = end;
		while (e > start && p->s[e - 1] == '*')
			e--;
		if (e == start) {
			fail(p, NS_ERR_QUERY, t->col, "'*' must end a word (as in negotiat*)");
			t->kind = TOK_ERR;
			return;
		}
		t->kind = TOK_PREFIX;
		t->end = e;
		return;
	}
	if (lex_fuzzy(p, t, start, end))
		return;
	t->kind = TOK_WORD;
}

/* Replaces p->tok with the next token. */
static void advance(struct parser *p)
{
	struct tok *t = &p->tok;
	enum tok_kind prev = t->kind;
	size_t end;
	unsigned char c;

	if (prev == TOK_ERR)
		return;
	t->glued = 1;
	for (;;) {
		while (p->pos < p->len && is_space((unsigned char)p->s[p->pos])) {
			skip_to(p, p->pos + 1);
			t->glued = 0;
		}
		/* A '-' with nothing glued to it is a separator, not an error. */
		if (p->pos < p->len && p->s[p->pos] == '-' && at_word_start(p) &&
		    (p->pos + 1 == p->len || is_space((unsigned char)p->s[p->pos + 1]) ||
		     p->s[p->pos + 1] == ')')) {
			skip_to(p, p->pos + 1);
			t->glued = 0;
			continue;
		}
		break;
	}
	t->col = p->n_chars + 1;
	t->start = t->end = p->pos;
	if (p->pos >= p->len) {
		t->kind = TOK_EOF;
		return;
	}
	c = (unsigned char)p->s[p->pos];
	if (c == '(' || c == ')') {
		t->kind = c == '(' ? TOK_LPAREN : TOK_RPAREN;
		t->end = p->pos + 1;
		skip_to(p, t->end);
		return;
	}
	if (c == '"') {
		const char *q = memchr(p->s + p->pos + 1, '"', p->len - p->pos - 1);
		t->kind = TOK_PHRASE;
		t->start = p->pos + 1;
		t->end = q ? (size_t)(q - p->s) : p->len;
		skip_to(p, q ? t->end + 1 : p->len);
		return;
	}
	for (end = p->pos; end < p->len && !ends_word((unsigned char)p->s[end]); end++)
		;
	lex_word(p, t, end, prev);
	if (t->kind == TOK_ERR)
		return;
	skip_to(p, t->kind == TOK_PREFIX || t->kind == TOK_FUZZY ? end : t->end);
}

static const char *tok_name(enum tok_kind k)
{
	switch (k) {
	case TOK_AND: return "AND";
	case TOK_OR: return "OR";
	case TOK_NOT: return "NOT";
	case TOK_NEAR: return "NEAR";
	case TOK_ADJ: return "ADJ";
	case TOK_SENTENCE: return "SENTENCE";
	case TOK_PARAGRAPH: return "PARAGRAPH";
	default: return "operator";
	}
}

static int is_operand(enum tok_kind k)
{
	return k == TOK_WORD || k == TOK_PREFIX || k == TOK_FUZZY || k == TOK_PHRASE || k == TOK_LPAREN ||
	       k == TOK_MINUS || k == TOK_FIELD;
}

static int is_leaf(const struct ns_qnode *q)
{
	return q->kind == NS_Q_WORD || q->kind == NS_Q_PREFIX || q->kind == NS_Q_FUZZY ||
	       q->kind == NS_Q_PHRASE;
}

/* Reports that p->tok cannot start an operand; op is the operator that
 * wanted one, or NULL at the start of a group. */
static void need_operand(struct parser *p, const struct tok *op)
{
	const struct tok *t = &p->tok;

	if (p->rc != NS_OK)
		return;
	if (op) {
		fail(p, NS_ERR_QUERY, op->col, "%s needs an operand after it", tok_name(op->kind));
		return;
	}
	switch (t->kind) {
	case TOK_EOF:
		fail(p, NS_ERR_QUERY, t->col, "empty query");
		break;
	case TOK_RPAREN:
		fail(p, NS_ERR_QUERY, t->col, "unbalanced ')'");
		break;
	default:
		fail(p, NS_ERR_QUERY, t->col, "%s needs an operand before it", tok_name(t->kind));
		break;
	}
}

static struct ns_qnode *new_node(struct parser *p, enum ns_qkind kind, size_t col)
{
	struct ns_qnode *q;

	if (p->n_nodes >= NS_QUERY_MAX_NODES) {
		fail(p, NS_ERR_LIMIT, col, "query too large (more than %d terms and operators)",
		     NS_QUERY_MAX_NODES);
		return NULL;
	}
	q = calloc(1, sizeof(*q));
	if (!q) {
		fail_nomem(p);
		return NULL;
	}
	p->n_nodes++;
	q->kind = kind;
	q->col = col;
	return q;
}

static struct ns_qnode *new_leaf(struct parser *p, enum ns_qkind kind, const struct tok *t)
{
	struct ns_qnode *q = new_node(p, kind, t->col);
	size_t n = t->end - t->start;

	if (!q)
		return NULL;
	q->text = malloc(n + 1);
	if (!q->text) {
		free(q);
		fail_nomem(p);
		return NULL;
	}
	memcpy(q->text, p->s + t->start, n);
	q->text[n] = '\0';
	return q;
}

static int nvec_push(struct parser *p, struct nvec *v, struct ns_qnode *q)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 4;
		struct ns_qnode **nv = realloc(v->v, cap * sizeof(*nv));
		if (!nv) {
			fail_nomem(p);
			return -1;
		}
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = q;
	return 0;
}

static void nvec_free(struct nvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		ns_query_free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}

/* Makes a node of kind owning the contents of kids (and negs), or NULL. */
static struct ns_qnode *new_group(struct parser *p, enum ns_qkind kind, size_t col,
				  struct nvec *kids, struct nvec *negs)
{
	struct ns_qnode *q = new_node(p, kind, col);

	if (!q)
		return NULL;
	q->kids = kids->v;
	q->n_kids = kids->n;
	memset(kids, 0, sizeof(*kids));
	if (negs) {
		q->negs = negs->v;
		q->n_negs = negs->n;
		memset(negs, 0, sizeof(*negs));
	}
	return q;
}

static void set_field(struct ns_qnode *q, enum ns_qfield field)
{
	if (q->field == NS_QF_ANY)
		q->field = field;
	for (size_t i = 0; i < q->n_kids; i++)
		set_field(q->kids[i], field);
	for (size_t i = 0; i < q->n_negs; i++)
		set_field(q->negs[i], field);
}

static struct ns_qnode *parse_or(struct parser *p, int depth);

/* primary := [field ":"] ( WORD | WORD"*" | "\"" words "\"" | "(" or_expr ")" ) */
static struct ns_qnode *parse_primary(struct parser *p, int depth)
{
	enum ns_qfield field = NS_QF_ANY;
	size_t col = p->tok.col;
	struct ns_qnode *q;
	struct tok lp;

	if (p->tok.kind == TOK_FIELD) {
		struct tok ft = p->tok;
		field = ft.field;
		advance(p);
		if (p->rc != NS_OK)
			return NULL;
		if (!p->tok.glued || (p->tok.kind != TOK_WORD && p->tok.kind != TOK_PREFIX &&
				      p->tok.kind != TOK_FUZZY &&
				      p->tok.kind != TOK_PHRASE && p->tok.kind != TOK_LPAREN)) {
			fail(p, NS_ERR_QUERY, ft.col,
			     "'%.*s' needs a word, phrase or group right after it",
			     (int)(ft.end - ft.start), p->s + ft.start);
			return NULL;
		}
		if (p->tok.kind != TOK_PHRASE && p->tok.kind != TOK_LPAREN &&
		    p->s[p->tok.start] == '-') {
			fail(p, NS_ERR_QUERY, ft.col,
			     "a field term cannot start with '-' (to exclude it, write -%.*s...)",
			     (int)(ft.end - ft.start), p->s + ft.start);
			return NULL;
		}
	}
	switch (p->tok.kind) {
	case TOK_WORD:
	case TOK_PREFIX:
	case TOK_FUZZY:
	case TOK_PHRASE:
		q = new_leaf(p, p->tok.kind == TOK_WORD ? NS_Q_WORD :
				p->tok.kind == TOK_PREFIX ? NS_Q_PREFIX :
				p->tok.kind == TOK_FUZZY ? NS_Q_FUZZY : NS_Q_PHRASE, &p->tok);
		if (!q)
			return NULL;
		if (p->tok.kind == TOK_FUZZY)
			q->dist = p->tok.dist;
		q->field = field;
		q->col = col;
		advance(p);
		if (p->rc != NS_OK) {
			ns_query_free(q);
			return NULL;
		}
		return q;
	case TOK_LPAREN:
		lp = p->tok;
		if (depth >= NS_QUERY_MAX_DEPTH) {
			fail(p, NS_ERR_LIMIT, lp.col, "parentheses nested deeper than %d",
			     NS_QUERY_MAX_DEPTH);
			return NULL;
		}
		advance(p);
		if (p->rc != NS_OK)
			return NULL;
		if (p->tok.kind == TOK_RPAREN) {
			fail(p, NS_ERR_QUERY, lp.col, "empty parentheses");
			return NULL;
		}
		if (p->tok.kind == TOK_EOF) {
			fail(p, NS_ERR_QUERY, lp.col, "missing ')'");
			return NULL;
		}
		q = parse_or(p, depth + 1);
		if (!q)
			return NULL;
		if (p->tok.kind != TOK_RPAREN) {
			ns_query_free(q);
			fail(p, NS_ERR_QUERY, lp.col, "missing ')'");
			return NULL;
		}
		advance(p);
		if (p->rc != NS_OK) {
			ns_query_free(q);
			return NULL;
		}
		if (field != NS_QF_ANY)
			set_field(q, field);
		/* A group starts at its '(' (or field); a lone term keeps its own column. */
		if (!is_leaf(q))
			q->col = col;
		return q;
	default:
		need_operand(p, NULL);
		return NULL;
	}
}

/* Whether q can be measured by NEAR/ADJ/SENTENCE/PARAGRAPH: a word, a
 * prefix, a phrase, or an OR group of them (nested ones too). */
static int near_operand_ok(const struct ns_qnode *q)
{
	if (is_leaf(q))
		return 1;
	if (q->kind != NS_Q_OR)
		return 0;
	for (size_t i = 0; i < q->n_kids; i++)
		if (!near_operand_ok(q->kids[i]))
			return 0;
	return 1;
}

static int check_near_operand(struct parser *p, const struct ns_qnode *q, enum tok_kind op)
{
	if (near_operand_ok(q))
		return 0;
	fail(p, NS_ERR_QUERY, q->col,
	     "%s operands must be words, phrases, prefixes or OR groups of them "
	     "(not AND, NOT or NEAR groups)",
	     tok_name(op));
	return -1;
}

static int is_chain_op(enum tok_kind k)
{
	return k == TOK_NEAR || k == TOK_ADJ || k == TOK_SENTENCE || k == TOK_PARAGRAPH;
}

static enum ns_qkind chain_kind(enum tok_kind k)
{
	switch (k) {
	case TOK_ADJ: return NS_Q_ADJ;
	case TOK_SENTENCE: return NS_Q_SENTENCE;
	case TOK_PARAGRAPH: return NS_Q_PARAGRAPH;
	default: return NS_Q_NEAR;
	}
}

/* near_expr := primary ( near_op primary )*  (see query.h) */
static struct ns_qnode *parse_near(struct parser *p, int depth)
{
	struct nvec kids = { 0 };
	struct ns_qnode *q;
	enum tok_kind kind;
	uint32_t dist = 0;
	size_t col;

	q = parse_primary(p, depth);
	if (!q || !is_chain_op(p->tok.kind))
		return q;
	kind = p->tok.kind;
	col = q->col;
	if (check_near_operand(p, q, kind) < 0 || nvec_push(p, &kids, q) < 0) {
		ns_query_free(q);
		return NULL;
	}
	while (is_chain_op(p->tok.kind)) {
		struct tok op = p->tok;
		if (op.kind != kind) {
			fail(p, NS_ERR_QUERY, op.col, "%s and %s cannot be mixed in one chain",
			     tok_name(kind), tok_name(op.kind));
			goto fail;
		}
		if (op.dist > dist)
			dist = op.dist;
		advance(p);
		if (p->rc != NS_OK)
			goto fail;
		if (p->tok.kind == TOK_MINUS || p->tok.kind == TOK_NOT) {
			fail(p, NS_ERR_QUERY, p->tok.col, "%s operands cannot be negated",
			     tok_name(kind));
			goto fail;
		}
		if (!is_operand(p->tok.kind)) {
			need_operand(p, &op);
			goto fail;
		}
		q = parse_primary(p, depth);
		if (!q)
			goto fail;
		if (check_near_operand(p, q, kind) < 0 || nvec_push(p, &kids, q) < 0) {
			ns_query_free(q);
			goto fail;
		}
	}
	q = new_group(p, chain_kind(kind), col, &kids, NULL);
	if (!q)
		goto fail;
	q->dist = dist;
	return q;
fail:
	nvec_free(&kids);
	return NULL;
}

/* unary := "-" near_expr | near_expr; *neg says which. */
static struct ns_qnode *parse_unary(struct parser *p, int depth, int *neg)
{
	*neg = 0;
	if (p->tok.kind == TOK_MINUS) {
		*neg = 1;
		advance(p);
		if (p->rc != NS_OK)
			return NULL;
	}
	return parse_near(p, depth);
}

/* and_expr := unary ( ("AND" | "NOT" | juxtaposition) unary )*
 * Returns the single operand itself, or an AND node; an AND node with no
 * kids (only negs) is left for parse_or to reject or lift. */
static struct ns_qnode *parse_and(struct parser *p, int depth)
{
	struct nvec kids = { 0 }, negs = { 0 };
	struct ns_qnode *q;
	size_t col = p->tok.col;

	for (int first = 1;; first = 0) {
		struct tok op = p->tok;
		int has_op = 0, neg = 0, uneg;

		if (!first && p->tok.kind == TOK_AND) {
			has_op = 1;
			advance(p);
			if (p->rc == NS_OK && p->tok.kind == TOK_NOT) {
				op = p->tok;
				neg = 1;
				advance(p);
			}
		} else if (p->tok.kind == TOK_NOT) {
			has_op = neg = 1;
			advance(p);
		} else if (!first && (p->default_or || !is_operand(p->tok.kind))) {
			break;
		}
		if (p->rc != NS_OK)
			goto fail;
		if (!is_operand(p->tok.kind)) {
			need_operand(p, has_op ? &op : NULL);
			goto fail;
		}
		q = parse_unary(p, depth, &uneg);
		if (!q)
			goto fail;
		if (neg && uneg) {
			fail(p, NS_ERR_QUERY, op.col, "NOT cannot apply to a term already negated by '-'");
			ns_query_free(q);
			goto fail;
		}
		if (nvec_push(p, neg || uneg ? &negs : &kids, q) < 0) {
			ns_query_free(q);
			goto fail;
		}
	}
	if (kids.n == 1 && negs.n == 0) {
		q = kids.v[0];
		free(kids.v);
		return q;
	}
	q = new_group(p, NS_Q_AND, col, &kids, &negs);
	if (q)
		return q;
fail:
	nvec_free(&kids);
	nvec_free(&negs);
	return NULL;
}

static int only_negs(const struct ns_qnode *q)
{
	return q->kind == NS_Q_AND && q->n_kids == 0;
}

/* or_expr := and_expr ( ("OR" | juxtaposition if default_or) and_expr )* */
static struct ns_qnode *parse_or(struct parser *p, int depth)
{
	struct nvec items = { 0 }, lifted = { 0 };
	struct ns_qnode *q, *core;
	size_t col = p->tok.col;
	int after_or = 0;

	for (;;) {
		int before_or;

		q = parse_and(p, depth);
		if (!q)
			goto fail;
		before_or = p->tok.kind == TOK_OR;
		if (only_negs(q)) {
			if (!p->default_or || after_or || before_or) {
				if (after_or || before_or)
					fail(p, NS_ERR_QUERY, q->col,
					     "an OR operand needs at least one positive term "
					     "(NOT/- alone would match nearly everything)");
				else
					fail(p, NS_ERR_QUERY, q->col,
					     "a query needs at least one positive term "
					     "(NOT/- alone excludes everything)");
				ns_query_free(q);
				goto fail;
			}
			/* default_or: "a b -c" excludes c from the whole group. */
			for (size_t i = 0; i < q->n_negs; i++) {
				if (nvec_push(p, &lifted, q->negs[i]) < 0) {
					ns_query_free(q);
					goto fail;
				}
				q->negs[i] = NULL;
			}
			q->n_negs = 0;
			ns_query_free(q);
		} else if (nvec_push(p, &items, q) < 0) {
			ns_query_free(q);
			goto fail;
		}
		if (p->tok.kind == TOK_OR) {
			struct tok op = p->tok;
			advance(p);
			if (p->rc != NS_OK)
				goto fail;
			if (!is_operand(p->tok.kind) && p->tok.kind != TOK_NOT) {
				need_operand(p, &op);
				goto fail;
			}
			after_or = 1;
		} else if (p->default_or && is_operand(p->tok.kind)) {
			after_or = 0;
		} else {
			break;
		}
	}
	if (items.n == 0) {
		fail(p, NS_ERR_QUERY, col,
		     "a query needs at least one positive term (NOT/- alone excludes everything)");
		goto fail;
	}
	if (items.n == 1) {
		core = items.v[0];
		free(items.v);
		memset(&items, 0, sizeof(items));
	} else {
		core = new_group(p, NS_Q_OR, col, &items, NULL);
		if (!core)
			goto fail;
	}
	if (lifted.n == 0)
		return core;
	if (core->kind == NS_Q_AND && core->field == NS_QF_ANY) {
		for (size_t i = 0; i < lifted.n; i++) {
			struct ns_qnode **nv = realloc(core->negs, (core->n_negs + 1) * sizeof(*nv));
			if (!nv) {
				fail_nomem(p);
				ns_query_free(core);
				goto fail;
			}
			core->negs = nv;
			core->negs[core->n_negs++] = lifted.v[i];
			lifted.v[i] = NULL;
		}
		free(lifted.v);
		return core;
	}
	if (nvec_push(p, &items, core) < 0) {
		ns_query_free(core);
		goto fail;
	}
	q = new_group(p, NS_Q_AND, col, &items, &lifted);
	if (q)
		return q;
fail:
	nvec_free(&items);
	nvec_free(&lifted);
	return NULL;
}

int ns_query_parse(const char *text, int default_or, struct ns_qnode **out, char *msg,
		   size_t msglen)
{
	struct parser p;
	struct ns_qnode *q;

	if (msg && msglen)
		msg[0] = '\0';
	if (!out)
		return NS_ERR_USAGE;
	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.s = text ? text : "";
	p.len = strlen(p.s);
	p.default_or = default_or;
	p.msg = msg;
	p.msglen = msglen;
	p.tok.kind = TOK_EOF;
	advance(&p);
	if (p.rc != NS_OK)
		return p.rc;
	if (p.tok.kind == TOK_EOF) {
		fail(&p, NS_ERR_QUERY, 1, "empty query");
		return p.rc;
	}
	if (!is_operand(p.tok.kind) && p.tok.kind != TOK_NOT) {
		need_operand(&p, NULL);
		return p.rc;
	}
	q = parse_or(&p, 0);
	if (!q)
		return p.rc;
	if (p.tok.kind != TOK_EOF) {
		/* parse_or stops only at the end or at a ')' it cannot match. */
		fail(&p, NS_ERR_QUERY, p.tok.col, "unbalanced ')'");
		ns_query_free(q);
		return p.rc;
	}
	*out = q;
	return NS_OK;
}

void ns_query_free(struct ns_qnode *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n_kids; i++)
		ns_query_free(q->kids[i]);
	for (size_t i = 0; i < q->n_negs; i++)
		ns_query_free(q->negs[i]);
	free(q->kids);
	free(q->negs);
	free(q->text);
	free(q);
}

/* Canonical form:
 *   WORD    [field:]text            trump, title:iran
 *   PREFIX  [field:]text*           negotiat*
 *   FUZZY   [field:]text~dist       goverment~1
 *   PHRASE  [field:]"text"          "saudi arabia", title:"missile sites", ""
 *   AND     (AND kid... (NOT neg)...)   kids first, then negs, in query order
 *   OR      (OR kid...)
 *   NEAR    (NEAR/dist kid...)      dist always written: (NEAR/10 a b)
 *   ADJ     (ADJ/dist kid...)
 *   SENTENCE (SENTENCE kid...), PARAGRAPH (PARAGRAPH kid...)
 * with one space between items.  The field is written on leaves only (group
 * nodes carry it too, but their leaves always show it).  Text is written as
 * typed without escaping: the lexer never puts whitespace, parentheses or '"'
 * in a word, nor '"' in a phrase. */
static void render(struct ns_buf *b, const struct ns_qnode *q)
{
	static const char *const field_prefix[] = {
		[NS_QF_ANY] = "", [NS_QF_TITLE] = "title:", [NS_QF_BODY] = "body:",
		[NS_QF_SOURCE] = "source:", [NS_QF_DATE] = "date:",
	};
	char head[32];

	switch (q->kind) {
	case NS_Q_WORD:
	case NS_Q_PREFIX:
	case NS_Q_FUZZY:
	case NS_Q_PHRASE:
		if ((unsigned)q->field < sizeof(field_prefix) / sizeof(field_prefix[0]))
			ns_buf_puts(b, field_prefix[q->field]);
		if (q->kind == NS_Q_PHRASE)
			ns_buf_putc(b, '"');
		ns_buf_puts(b, q->text ? q->text : "");
		if (q->kind == NS_Q_PHRASE)
			ns_buf_putc(b, '"');
		else if (q->kind == NS_Q_PREFIX)
			ns_buf_putc(b, '*');
		if (q->kind == NS_Q_FUZZY) {
			snprintf(head, sizeof(head), "~%u", (unsigned)q->dist);
			ns_buf_puts(b, head);
		}
		return;
	case NS_Q_AND:
		ns_buf_puts(b, "(AND");
		break;
	case NS_Q_OR:
		ns_buf_puts(b, "(OR");
		break;
	case NS_Q_NEAR:
	case NS_Q_ADJ:
		snprintf(head, sizeof(head), "(%s/%u", q->kind == NS_Q_NEAR ? "NEAR" : "ADJ",
			 (unsigned)q->dist);
		ns_buf_puts(b, head);
		break;
	case NS_Q_SENTENCE:
		ns_buf_puts(b, "(SENTENCE");
		break;
	case NS_Q_PARAGRAPH:
		ns_buf_puts(b, "(PARAGRAPH");
		break;
	}
	for (size_t i = 0; i < q->n_kids; i++) {
		ns_buf_putc(b, ' ');
		render(b, q->kids[i]);
	}
	for (size_t i = 0; i < q->n_negs; i++) {
		ns_buf_puts(b, " (NOT ");
		render(b, q->negs[i]);
		ns_buf_putc(b, ')');
	}
	ns_buf_putc(b, ')');
}

char *ns_query_to_string(const struct ns_qnode *q)
{
	struct ns_buf b = NS_BUF_INIT;

	if (q)
		render(&b, q);
	if (!ns_buf_cstr(&b)) {
		ns_buf_release(&b);
		return NULL;
	}
	return (char *)ns_buf_detach(&b, NULL);
}
