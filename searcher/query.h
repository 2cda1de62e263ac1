/* SPDX-License-Identifier: MIT */
/* query.h -- parse query text into a small tree.
 *
 * Grammar (operators are case-sensitive capitals; lower-case and/or/not/near
 * are plain words):
 *
 *   query    := or_expr
 *   or_expr  := and_expr ( ("OR" | <juxtaposition if default_or>) and_expr )*
 *   and_expr := unary ( ("AND" | "NOT" | <juxtaposition unless default_or>) unary )*
 *   unary    := "-" near_expr | near_expr          ("-x" = NOT x)
 *   near_expr:= primary ( near_op primary )*
 *   near_op  := "NEAR" | "NEAR/" n | "ADJ" | "ADJ/" n | "SENTENCE" | "PARAGRAPH"
 *   primary  := [field ":"] ( WORD | WORD"*" | WORD"~"[1|2] | "\"" words "\"" | "(" or_expr ")" )
 *   field    := "title" | "body" | "source" | "date"
 *
 * - "a NOT b" is a AND NOT b; "-b" anywhere in an AND group negates b.  An
 *   AND group (or a whole query) with only negated operands is an error.
 * - NEAR alone is NEAR/10, ADJ alone is ADJ/10; n is 1..NS_QUERY_MAX_DIST.
 *   a NEAR/n b: positions at most n apart, either order; a ADJ/n b: the same
 *   with a first.  A chain "a NEAR/i b NEAR/j c" is one NEAR node with
 *   dist = max(i, j).
 * - a SENTENCE b: both in one sentence; a PARAGRAPH b: both in one
 *   paragraph (format.h, I10); "a SENTENCE b SENTENCE c": all three in one.
 *   They bind like NEAR: tighter than AND and OR ("x a SENTENCE b" is x AND
 *   (a SENTENCE b)).  NEAR, ADJ, SENTENCE and PARAGRAPH cannot be mixed in
 *   one chain.
 * - Operands of the four are words, prefixes, phrases, or OR groups of them
 *   ("(a OR b) NEAR/5 c", "title:(a OR "b c") SENTENCE d"); an AND, NOT or
 *   NEAR group there is an error.
 * - word~ (= word~1) and word~2: the index's words within 1 or 2 edits of
 *   word (Damerau-Levenshtein, OSA; fuzzy.h); inside a phrase too
 *   ("new yrok~"), where the searcher reads the marks.
 * - An unterminated quote closes at the end of the query.  An empty phrase
 *   ("") matches nothing (it is a phrase with empty text).
 * - "foo:bar" where foo is not a known field is the plain word "foo:bar".
 * - Errors name the 1-based column (in characters) where they were found.
 *
 * The parser does not tokenize or stem: WORD and PHRASE nodes carry the raw
 * text as typed; the searcher analyzes it (analyze.h).
 */
#ifndef NS_QUERY_H
#define NS_QUERY_H

#include <stddef.h>
#include <stdint.h>

#define NS_QUERY_MAX_DIST 1000000	/* largest NEAR/ADJ distance */
#define NS_QUERY_MAX_DEPTH 100		/* deepest nesting of parentheses */
#define NS_QUERY_MAX_NODES 10000	/* most nodes in one query */
#define NS_QUERY_MAX_EDITS 2		/* most edits of a fuzzy word (word~2) */

enum ns_qkind {
	NS_Q_WORD,	/* text: one word as typed (may analyze to several) */
	NS_Q_PREFIX,	/* text: the word before '*' */
	NS_Q_FUZZY,	/* text: the word before '~'; dist: edits (1..2) */
	NS_Q_PHRASE,	/* text: the words between the quotes */
	NS_Q_AND,	/* kids: positive operands; negs: NOT operands */
	NS_Q_OR,	/* kids: operands */
	NS_Q_NEAR,	/* kids: operands in any order within dist */
	NS_Q_ADJ,	/* kids: operands in this order within dist */
	NS_Q_SENTENCE,	/* kids: operands in one sentence */
	NS_Q_PARAGRAPH,	/* kids: operands in one paragraph */
};

enum ns_qfield {
	NS_QF_ANY = 0,	/* title and body */
	NS_QF_TITLE,
	NS_QF_BODY,
	NS_QF_SOURCE,
	NS_QF_DATE,
};

struct ns_qnode {
	enum ns_qkind kind;
	enum ns_qfield field;	/* restriction given with field: (inherited
				 * by the kids of a group, set on each kid) */
	char *text;		/* WORD, PREFIX, PHRASE: NUL-terminated */
	uint32_t dist;		/* NEAR, ADJ: the largest n in the chain;
				 * FUZZY: edits */
	struct ns_qnode **kids;	/* operands */
	size_t n_kids;
	struct ns_qnode **negs;	/* AND only: operands under NOT */
	size_t n_negs;
	size_t col;		/* 1-based column where the node starts */
};

/* Parses text (NUL-terminated UTF-8).  default_or != 0 makes juxtaposition
 * mean OR, else AND.  On success returns NS_OK and *out (free it with
 * ns_query_free()).  On a syntax error returns NS_ERR_QUERY and writes a
 * message such as "column 7: missing ')'" into msg[msglen] (when msg is not
 * NULL); NS_ERR_LIMIT for queries over the limits above; NS_ERR_NOMEM. */
int ns_query_parse(const char *text, int default_or, struct ns_qnode **out, char *msg,
		   size_t msglen);

/* Frees a tree; NULL is fine. */
void ns_query_free(struct ns_qnode *q);

/* Canonical fully bracketed rendering, e.g. (AND trump (OR putin geneva)
 * (NOT lago)) or (NEAR/10 airspace "saudi arabia"); for tests and --explain.
 * Returns a malloc'd string or NULL when out of memory. */
char *ns_query_to_string(const struct ns_qnode *q);

#endif /* NS_QUERY_H */
