/* SPDX-License-Identifier: MIT */
/* t_query.c -- query parser: canonical trees, error columns, hostile input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "query.h"
#include "unit.h"

/* want: the canonical string when rc is NS_OK, else a substring of the
 * message (always with its column). */
static const struct {
	const char *q;
	int default_or;
	int rc;
	const char *want;
} cases[] = {
	/* the canonical forms documented in query.c */
	{ "trump", 0, NS_OK, "trump" },
	{ "geneva -lago", 0, NS_OK, "(AND geneva (NOT lago))" },
	{ "putin OR geneva", 0, NS_OK, "(OR putin geneva)" },
	{ "\"saudi arabia\"", 0, NS_OK, "\"saudi arabia\"" },
	{ "airspace NEAR \"saudi arabia\"", 0, NS_OK, "(NEAR/10 airspace \"saudi arabia\")" },
	{ "a ADJ/3 b", 0, NS_OK, "(ADJ/3 a b)" },
	{ "title:iran", 0, NS_OK, "title:iran" },
	{ "title:\"missile sites\"", 0, NS_OK, "title:\"missile sites\"" },
	{ "negotiat*", 0, NS_OK, "negotiat*" },
	{ "a b -c -d", 0, NS_OK, "(AND a b (NOT c) (NOT d))" },

	/* the acceptance list */
	{ "airspace NEAR/6 saudi", 0, NS_OK, "(NEAR/6 airspace saudi)" },
	{ "saudi NEAR/9 airspace", 0, NS_OK, "(NEAR/9 saudi airspace)" },
	{ "\"saudi arabia\" NEAR/10 airspace", 0, NS_OK, "(NEAR/10 \"saudi arabia\" airspace)" },
	{ "(putin OR geneva) AND trump NOT lago", 0, NS_OK,
	  "(AND (OR putin geneva) trump (NOT lago))" },
	{ "geneva NOT lago", 0, NS_OK, "(AND geneva (NOT lago))" },
	{ "ROCKETS AND trump", 0, NS_OK, "(AND ROCKETS trump)" },
	{ "rockets OR \"nuclear negotiations\"", 0, NS_OK, "(OR rockets \"nuclear negotiations\")" },
	{ "Netanyahu's", 0, NS_OK, "Netanyahu's" },
	{ "\xe2\x80\x94", 0, NS_OK, "\xe2\x80\x94" },
	{ "NOT trump", 0, NS_ERR_QUERY, "column 1: a query needs at least one positive term" },
	{ "\"unterminated", 0, NS_OK, "\"unterminated\"" },
	{ "saudi NEAR/1 arabia", 0, NS_OK, "(NEAR/1 saudi arabia)" },
	{ "mar-a-lago", 0, NS_OK, "mar-a-lago" },
	{ "\"missile sites\" AND title:iran", 0, NS_OK, "(AND \"missile sites\" title:iran)" },
	{ "putin geneva", 1, NS_OK, "(OR putin geneva)" },

	/* operators and precedence */
	{ "a AND b", 0, NS_OK, "(AND a b)" },
	{ "a b", 0, NS_OK, "(AND a b)" },
	{ "a NOT b", 0, NS_OK, "(AND a (NOT b))" },
	{ "a AND NOT b", 0, NS_OK, "(AND a (NOT b))" },
	{ "NOT a b", 0, NS_OK, "(AND b (NOT a))" },
	{ "a OR b c", 0, NS_OK, "(OR a (AND b c))" },
	{ "a b OR c", 0, NS_OK, "(OR (AND a b) c)" },
	{ "a OR b AND c", 0, NS_OK, "(OR a (AND b c))" },
	{ "a OR b OR c", 0, NS_OK, "(OR a b c)" },
	{ "a NEAR b OR c", 0, NS_OK, "(OR (NEAR/10 a b) c)" },
	{ "a NEAR b c", 0, NS_OK, "(AND (NEAR/10 a b) c)" },
	{ "a AND (b AND c)", 0, NS_OK, "(AND a (AND b c))" },
	{ "(a OR b) NOT (c OR d)", 0, NS_OK, "(AND (OR a b) (NOT (OR c d)))" },
	{ "a and b", 0, NS_OK, "(AND a and b)" },
	{ "or", 0, NS_OK, "or" },
	{ "not", 0, NS_OK, "not" },
	{ "a near b", 0, NS_OK, "(AND a near b)" },
	{ "And Or Not Near Adj", 0, NS_OK, "(AND And Or Not Near Adj)" },
	{ "AND-ed NEARBY ORe", 0, NS_OK, "(AND AND-ed NEARBY ORe)" },
	{ "a\tb\nc\r\vd\fe", 0, NS_OK, "(AND a b c d e)" },
	{ "\xc3\xa9 OR \xc3\xbc", 0, NS_OK, "(OR \xc3\xa9 \xc3\xbc)" },

	/* NEAR and ADJ */
	{ "a NEAR b", 0, NS_OK, "(NEAR/10 a b)" },
	{ "a ADJ b", 0, NS_OK, "(ADJ/10 a b)" },
	{ "a NEAR/3 b NEAR/5 c", 0, NS_OK, "(NEAR/5 a b c)" },
	{ "a NEAR/5 b NEAR/3 c", 0, NS_OK, "(NEAR/5 a b c)" },
	{ "a ADJ/2 b ADJ c", 0, NS_OK, "(ADJ/10 a b c)" },
	{ "a NEAR/1000000 b", 0, NS_OK, "(NEAR/1000000 a b)" },
	{ "a NEAR/007 b", 0, NS_OK, "(NEAR/7 a b)" },
	{ "a NEAR b*", 0, NS_OK, "(NEAR/10 a b*)" },
	{ "title:a NEAR body:\"b c\"", 0, NS_OK, "(NEAR/10 title:a body:\"b c\")" },
	{ "(a) NEAR b", 0, NS_OK, "(NEAR/10 a b)" },
	{ "(a NEAR b)", 0, NS_OK, "(NEAR/10 a b)" },
	{ "-a NEAR b c", 0, NS_OK, "(AND c (NOT (NEAR/10 a b)))" },
	{ "a NEAR/0 b", 0, NS_ERR_QUERY, "column 3: 'NEAR/0': the distance must be" },
	{ "a NEAR/abc b", 0, NS_ERR_QUERY, "column 3: 'NEAR/abc': the distance" },
	{ "a NEAR/99999999 b", 0, NS_ERR_QUERY, "column 3: 'NEAR/99999999': the distance" },
	{ "a NEAR/1000001 b", 0, NS_ERR_QUERY, "column 3: 'NEAR/1000001'" },
	{ "a NEAR/ b", 0, NS_ERR_QUERY, "column 3: 'NEAR/'" },
	{ "a NEAR/-1 b", 0, NS_ERR_QUERY, "column 3: 'NEAR/-1'" },
	{ "a NEAR/3x b", 0, NS_ERR_QUERY, "column 3: 'NEAR/3x'" },
	{ "a ADJ/0 b", 0, NS_ERR_QUERY, "column 3: 'ADJ/0'" },
	{ "NEAR/0", 0, NS_ERR_QUERY, "column 1: 'NEAR/0'" },
	{ "a NEAR/1234567890123456789012345678901234567890 b", 0, NS_ERR_QUERY,
	  "column 3: 'NEAR/123456789012345678901234567...'" },
	{ "a NEAR b ADJ c", 0, NS_ERR_QUERY, "column 10: NEAR and ADJ cannot be mixed" },
	{ "a ADJ b NEAR/2 c", 0, NS_ERR_QUERY, "column 9: ADJ and NEAR cannot be mixed" },
	{ "a NEAR (b c)", 0, NS_ERR_QUERY,
	  "column 8: NEAR operands must be words, phrases, prefixes or OR groups of them" },
	{ "a ADJ (b NEAR c)", 0, NS_ERR_QUERY, "column 7: ADJ operands must be words" },
	{ "a NEAR -b", 0, NS_ERR_QUERY, "column 8: NEAR operands cannot be negated" },
	{ "a NEAR NOT b", 0, NS_ERR_QUERY, "column 8: NEAR operands cannot be negated" },
	{ "a NEAR", 0, NS_ERR_QUERY, "column 3: NEAR needs an operand after it" },
	{ "a NEAR/4 OR b", 0, NS_ERR_QUERY, "column 3: NEAR needs an operand after it" },
	{ "NEAR a", 0, NS_ERR_QUERY, "column 1: NEAR needs an operand before it" },

	/* NEAR over OR groups */
	{ "(a OR b) NEAR c", 0, NS_OK, "(NEAR/10 (OR a b) c)" },
	{ "(a b) NEAR c", 1, NS_OK, "(NEAR/10 (OR a b) c)" },
	{ "title:(a OR b) NEAR/3 c", 0, NS_OK, "(NEAR/3 (OR title:a title:b) c)" },
	{ "\"a b\" NEAR/5 (c OR d*)", 0, NS_OK, "(NEAR/5 \"a b\" (OR c d*))" },
	{ "(a OR (b OR \"c d\")) ADJ/2 e", 0, NS_OK, "(ADJ/2 (OR a (OR b \"c d\")) e)" },
	{ "(a OR (b -c)) NEAR d", 0, NS_ERR_QUERY, "column 1: NEAR operands must be words, phrases" },
	{ "(a OR b NEAR c) NEAR d", 0, NS_ERR_QUERY, "column 1: NEAR operands must be" },
	{ "a NEAR (b NOT c)", 0, NS_ERR_QUERY, "column 8: NEAR operands must be" },

	/* SENTENCE and PARAGRAPH */
	{ "a SENTENCE b", 0, NS_OK, "(SENTENCE a b)" },
	{ "a PARAGRAPH b PARAGRAPH \"c d\"", 0, NS_OK, "(PARAGRAPH a b \"c d\")" },
	{ "x a SENTENCE b", 0, NS_OK, "(AND x (SENTENCE a b))" },
	{ "a SENTENCE b OR c", 0, NS_OK, "(OR (SENTENCE a b) c)" },
	{ "(a OR b*) SENTENCE title:c", 0, NS_OK, "(SENTENCE (OR a b*) title:c)" },
	{ "title:(a SENTENCE b)", 0, NS_OK, "(SENTENCE title:a title:b)" },
	{ "-a SENTENCE b c", 0, NS_OK, "(AND c (NOT (SENTENCE a b)))" },
	{ "a sentence b Paragraph c", 0, NS_OK, "(AND a sentence b Paragraph c)" },
	{ "title:SENTENCE", 0, NS_OK, "title:SENTENCE" },
	{ "a SENTENCE b PARAGRAPH c", 0, NS_ERR_QUERY,
	  "column 14: SENTENCE and PARAGRAPH cannot be mixed in one chain" },
	{ "a SENTENCE b NEAR c", 0, NS_ERR_QUERY, "column 14: SENTENCE and NEAR cannot be mixed" },
	{ "a NEAR b SENTENCE c", 0, NS_ERR_QUERY, "column 10: NEAR and SENTENCE cannot be mixed" },
	{ "a SENTENCE", 0, NS_ERR_QUERY, "column 3: SENTENCE needs an operand after it" },
	{ "PARAGRAPH a", 0, NS_ERR_QUERY, "column 1: PARAGRAPH needs an operand before it" },
	{ "a SENTENCE -b", 0, NS_ERR_QUERY, "column 12: SENTENCE operands cannot be negated" },
	{ "(a b) SENTENCE c", 0, NS_ERR_QUERY,
	  "column 1: SENTENCE operands must be words, phrases, prefixes or OR groups" },
	{ "a PARAGRAPH (b NEAR c)", 0, NS_ERR_QUERY, "column 13: PARAGRAPH operands must be" },
	{ "(a SENTENCE b) SENTENCE c", 0, NS_ERR_QUERY, "column 1: SENTENCE operands must be" },

	/* '-' */
	{ "a -\"b c\"", 0, NS_OK, "(AND a (NOT \"b c\"))" },
	{ "a -(b OR c)", 0, NS_OK, "(AND a (NOT (OR b c)))" },
	{ "a AND -b", 0, NS_OK, "(AND a (NOT b))" },
	{ "a - b", 0, NS_OK, "(AND a b)" },
	{ "- a", 0, NS_OK, "a" },
	{ "a -", 0, NS_OK, "a" },
	{ "(- a -)", 0, NS_OK, "a" },
	{ "a -5", 0, NS_OK, "(AND a (NOT 5))" },
	{ "a \"-5\"", 0, NS_OK, "(AND a \"-5\")" },
	{ "mid-air", 0, NS_OK, "mid-air" },
	{ "a --b", 0, NS_OK, "(AND a (NOT -b))" },
	{ "a -AND", 0, NS_OK, "(AND a (NOT AND))" },
	{ "a -title:b", 0, NS_OK, "(AND a (NOT title:b))" },
	{ "a -negotiat*", 0, NS_OK, "(AND a (NOT negotiat*))" },
	{ "(a -b)", 0, NS_OK, "(AND a (NOT b))" },
	{ "a)-b", 0, NS_ERR_QUERY, "column 2: unbalanced ')'" },
	{ "-", 0, NS_ERR_QUERY, "column 1: empty query" },
	{ "- - -", 0, NS_ERR_QUERY, "column 1: empty query" },
	{ "-a -b", 0, NS_ERR_QUERY, "column 1: a query needs at least one positive term" },
	{ "-5", 0, NS_ERR_QUERY, "column 1: a query needs at least one positive term" },
	{ "(NOT a)", 0, NS_ERR_QUERY, "column 2: a query needs at least one positive term" },
	{ "a (NOT b)", 0, NS_ERR_QUERY, "column 4: a query needs at least one positive term" },
	{ "a OR -b", 0, NS_ERR_QUERY, "column 6: an OR operand needs at least one positive term" },
	{ "a OR NOT b", 0, NS_ERR_QUERY, "column 6: an OR operand needs at least one positive" },
	{ "-a OR b", 0, NS_ERR_QUERY, "column 1: an OR operand needs at least one positive" },
	{ "a NOT -b", 0, NS_ERR_QUERY, "column 3: NOT cannot apply to a term already negated" },
	{ "a NOT NOT b", 0, NS_ERR_QUERY, "column 3: NOT needs an operand after it" },
	{ "-*", 0, NS_ERR_QUERY, "column 2: '*' must end a word" },

	/* fields */
	{ "title:(a OR b)", 0, NS_OK, "(OR title:a title:b)" },
	{ "title:(a body:b)", 0, NS_OK, "(AND title:a body:b)" },
	{ "title:(a (b OR c))", 0, NS_OK, "(AND title:a (OR title:b title:c))" },
	{ "source:reuters", 0, NS_OK, "source:reuters" },
	{ "body:x", 0, NS_OK, "body:x" },
	{ "date:2026-02", 0, NS_OK, "date:2026-02" },
	{ "date:2026-02-01..2026-02-28", 0, NS_OK, "date:2026-02-01..2026-02-28" },
	{ "date:..2025-12-31 iran", 0, NS_OK, "(AND date:..2025-12-31 iran)" },
	{ "foo:bar", 0, NS_OK, "foo:bar" },
	{ "Title:x", 0, NS_OK, "Title:x" },
	{ "http://x.org/a", 0, NS_OK, "http://x.org/a" },
	{ "title:AND", 0, NS_OK, "title:AND" },
	{ "title:source:x", 0, NS_OK, "title:source:x" },
	{ "title:negotiat*", 0, NS_OK, "title:negotiat*" },
	{ "title:\"\"", 0, NS_OK, "title:\"\"" },
	{ "title:", 0, NS_ERR_QUERY, "column 1: 'title:' needs a word, phrase or group" },
	{ "a title: b", 0, NS_ERR_QUERY, "column 3: 'title:' needs a word, phrase or group" },
	{ "(date:)", 0, NS_ERR_QUERY, "column 2: 'date:' needs a word" },
	{ "title:-x", 0, NS_ERR_QUERY, "column 1: a field term cannot start with '-'" },
	{ "title:*", 0, NS_ERR_QUERY, "column 7: '*' must end a word" },

	/* prefixes and quotes */
	{ "negotiat**", 0, NS_OK, "negotiat*" },
	{ "*foo", 0, NS_OK, "*foo" },
	{ "a*b", 0, NS_OK, "a*b" },
	{ "*", 0, NS_ERR_QUERY, "column 1: '*' must end a word" },
	{ "a **", 0, NS_ERR_QUERY, "column 3: '*' must end a word" },
	{ "\"\"", 0, NS_OK, "\"\"" },
	{ "a \"\"", 0, NS_OK, "(AND a \"\")" },
	{ "foo\"bar\"", 0, NS_OK, "(AND foo \"bar\")" },
	{ "foo\"bar\"baz", 0, NS_OK, "(AND foo \"bar\" baz)" },
	{ "\"a b", 0, NS_OK, "\"a b\"" },
	{ "\"", 0, NS_OK, "\"\"" },
	{ "\"a AND (b\"", 0, NS_OK, "\"a AND (b\"" },
	{ "\"negotiat*\"", 0, NS_OK, "\"negotiat*\"" },

	/* groups */
	{ "trump (a)", 0, NS_OK, "(AND trump a)" },
	{ "((a))", 0, NS_OK, "a" },
	{ "a )", 0, NS_ERR_QUERY, "column 3: unbalanced ')'" },
	{ ")", 0, NS_ERR_QUERY, "column 1: unbalanced ')'" },
	{ "(a))", 0, NS_ERR_QUERY, "column 4: unbalanced ')'" },
	{ "(a", 0, NS_ERR_QUERY, "column 1: missing ')'" },
	{ "a (b (c)", 0, NS_ERR_QUERY, "column 3: missing ')'" },
	{ "(", 0, NS_ERR_QUERY, "column 1: missing ')'" },
	{ "()", 0, NS_ERR_QUERY, "column 1: empty parentheses" },
	{ "a ( )", 0, NS_ERR_QUERY, "column 3: empty parentheses" },

	/* missing operands, empty queries */
	{ "", 0, NS_ERR_QUERY, "column 1: empty query" },
	{ " \t\n ", 0, NS_ERR_QUERY, "column 1: empty query" },
	{ "trump AND", 0, NS_ERR_QUERY, "column 7: AND needs an operand after it" },
	{ "OR trump", 0, NS_ERR_QUERY, "column 1: OR needs an operand before it" },
	{ "AND", 0, NS_ERR_QUERY, "column 1: AND needs an operand before it" },
	{ "a OR", 0, NS_ERR_QUERY, "column 3: OR needs an operand after it" },
	{ "a AND OR b", 0, NS_ERR_QUERY, "column 3: AND needs an operand after it" },
	{ "a NOT", 0, NS_ERR_QUERY, "column 3: NOT needs an operand after it" },
	{ "a AND NOT", 0, NS_ERR_QUERY, "column 7: NOT needs an operand after it" },
	{ "NOT", 0, NS_ERR_QUERY, "column 1: NOT needs an operand after it" },
	{ "a AND )", 0, NS_ERR_QUERY, "column 3: AND needs an operand after it" },
	{ "(AND a)", 0, NS_ERR_QUERY, "column 2: AND needs an operand before it" },
	{ "(a OR)", 0, NS_ERR_QUERY, "column 4: OR needs an operand after it" },

	/* columns count characters, not bytes */
	{ "\xc3\xa9\xc3\xa9 \xc3\xbc NEAR/0 b", 0, NS_ERR_QUERY, "column 6: 'NEAR/0'" },
	{ "\xe2\x80\x94\xe2\x80\x94 AND", 0, NS_ERR_QUERY, "column 4: AND needs an operand after" },
	{ "\xf0\x9f\x98\x80 (a", 0, NS_ERR_QUERY, "column 3: missing ')'" },

	/* default_or */
	{ "putin geneva -trump", 1, NS_OK, "(AND (OR putin geneva) (NOT trump))" },
	{ "-trump putin", 1, NS_OK, "(AND putin (NOT trump))" },
	{ "a AND b c", 1, NS_OK, "(OR (AND a b) c)" },
	{ "a b AND c -d", 1, NS_OK, "(AND (OR a (AND b c)) (NOT d))" },
	{ "a AND b -c", 1, NS_OK, "(AND a b (NOT c))" },
	{ "a AND -d", 1, NS_OK, "(AND a (NOT d))" },
	{ "a NOT b", 1, NS_OK, "(AND a (NOT b))" },
	{ "a NOT b c", 1, NS_OK, "(OR (AND a (NOT b)) c)" },
	{ "(a b) -c", 1, NS_OK, "(AND (OR a b) (NOT c))" },
	{ "a (b -c)", 1, NS_OK, "(OR a (AND b (NOT c)))" },
	{ "title:(a b) -c", 1, NS_OK, "(AND (OR title:a title:b) (NOT c))" },
	{ "a NEAR b c", 1, NS_OK, "(OR (NEAR/10 a b) c)" },
	{ "a OR b c", 1, NS_OK, "(OR a b c)" },
	{ "a OR -b", 1, NS_ERR_QUERY, "column 6: an OR operand needs at least one positive" },
	{ "-a OR b", 1, NS_ERR_QUERY, "column 1: an OR operand needs at least one positive" },
	{ "-a -b", 1, NS_ERR_QUERY, "column 1: a query needs at least one positive term" },
	{ "NOT a", 1, NS_ERR_QUERY, "column 1: a query needs at least one positive term" },
	{ "a (-b)", 1, NS_ERR_QUERY, "column 4: a query needs at least one positive term" },
};

static void check_case(size_t i)
{
	struct ns_qnode *q = NULL;
	char msg[256];
	int rc = ns_query_parse(cases[i].q, cases[i].default_or, &q, msg, sizeof(msg));

	if (rc != cases[i].rc) {
		NS_UNIT_FAIL("case %zu '%s': rc %d, want %d (%s)", i, cases[i].q, rc, cases[i].rc,
			     rc ? msg : "");
		ns_query_free(q);
		return;
	}
	if (rc == NS_OK) {
		char *s = ns_query_to_string(q);
		if (s && strcmp(s, cases[i].want) == 0)
			ns_unit_passed++;
		else
			NS_UNIT_FAIL("case %zu '%s': got %s, want %s", i, cases[i].q,
				     s ? s : "(null)", cases[i].want);
		free(s);
		ns_query_free(q);
		return;
	}
	CHECK(q == NULL);
	if (strstr(msg, cases[i].want))
		ns_unit_passed++;
	else
		NS_UNIT_FAIL("case %zu '%s': message '%s', want '%s'", i, cases[i].q, msg,
			     cases[i].want);
}

static void check_tree_fields(void)
{
	struct ns_qnode *q;
	char msg[128];

	CHECK_INT_EQ(ns_query_parse("trump", 0, &q, msg, sizeof(msg)), NS_OK);
	CHECK_INT_EQ(q->kind, NS_Q_WORD);
	CHECK_INT_EQ(q->field, NS_QF_ANY);
	CHECK_INT_EQ(q->n_kids, 0);
	CHECK_INT_EQ(q->col, 1);
	CHECK_STR_EQ(q->text, "trump");
	ns_query_free(q);

	CHECK_INT_EQ(ns_query_parse("a NEAR/3 b NEAR/5 \"c d\"", 0, &q, msg, sizeof(msg)), NS_OK);
	CHECK_INT_EQ(q->kind, NS_Q_NEAR);
	CHECK_INT_EQ(q->dist, 5);
	CHECK_INT_EQ(q->n_kids, 3);
	CHECK_INT_EQ(q->kids[2]->kind, NS_Q_PHRASE);
	CHECK_STR_EQ(q->kids[2]->text, "c d");
	CHECK_INT_EQ(q->kids[2]->col, 19);
	ns_query_free(q);

	CHECK_INT_EQ(ns_query_parse("title:(a OR b*)", 0, &q, msg, sizeof(msg)), NS_OK);
	CHECK_INT_EQ(q->kind, NS_Q_OR);
	CHECK_INT_EQ(q->field, NS_QF_TITLE);
	CHECK_INT_EQ(q->kids[0]->field, NS_QF_TITLE);
	CHECK_INT_EQ(q->kids[1]->field, NS_QF_TITLE);
	CHECK_INT_EQ(q->kids[1]->kind, NS_Q_PREFIX);
	CHECK_STR_EQ(q->kids[1]->text, "b");
	ns_query_free(q);

	CHECK_INT_EQ(ns_query_parse("date:2026-01-01..2026-01-31", 0, &q, msg, sizeof(msg)), NS_OK);
	CHECK_INT_EQ(q->kind, NS_Q_WORD);
	CHECK_INT_EQ(q->field, NS_QF_DATE);
	CHECK_STR_EQ(q->text, "2026-01-01..2026-01-31");
	ns_query_free(q);

	CHECK_INT_EQ(ns_query_parse("  \xc3\xa9 -b", 0, &q, msg, sizeof(msg)), NS_OK);
	CHECK_INT_EQ(q->kind, NS_Q_AND);
	CHECK_INT_EQ(q->n_kids, 1);
	CHECK_INT_EQ(q->n_negs, 1);
	CHECK_INT_EQ(q->kids[0]->col, 3);
	CHECK_INT_EQ(q->negs[0]->col, 6);
	ns_query_free(q);

	CHECK_INT_EQ(ns_query_parse("\"\"", 0, &q, msg, sizeof(msg)), NS_OK);
	CHECK_INT_EQ(q->kind, NS_Q_PHRASE);
	CHECK_STR_EQ(q->text, "");
	ns_query_free(q);
}

static void check_api_edges(void)
{
	struct ns_qnode *q = (struct ns_qnode *)&q;	/* must be reset */
	char small[12];
	char *s;

	CHECK_INT_EQ(ns_query_parse("a AND", 0, &q, NULL, 0), NS_ERR_QUERY);
	CHECK(q == NULL);
	CHECK_INT_EQ(ns_query_parse("a AND", 0, &q, small, sizeof(small)), NS_ERR_QUERY);
	CHECK_INT_EQ(strlen(small), sizeof(small) - 1);
	CHECK_STR_EQ(small, "column 3: A");
	CHECK_INT_EQ(ns_query_parse("a", 0, NULL, NULL, 0), NS_ERR_USAGE);
	CHECK_INT_EQ(ns_query_parse(NULL, 0, &q, NULL, 0), NS_ERR_QUERY);
	ns_query_free(NULL);
	s = ns_query_to_string(NULL);
	CHECK_STR_EQ(s, "");
	free(s);
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(ul * times + tl + 1);

	if (!s)
		return NULL;
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * ul, unit, ul);
	memcpy(s + ul * times, tail, tl + 1);
	return s;
}

/* Parses text and expects rc with want in the message (or anywhere when
 * want is NULL). */
static void expect(const char *text, int default_or, int rc, const char *want)
{
	struct ns_qnode *q = NULL;
	char msg[256] = "";
	int got;

	if (!text) {
		NS_UNIT_FAIL("out of memory building a test query");
		return;
	}
	got = ns_query_parse(text, default_or, &q, msg, sizeof(msg));
	CHECK_INT_EQ(got, rc);
	if (want && !strstr(msg, want))
		NS_UNIT_FAIL("message '%s', want '%s'", msg, want);
	ns_query_free(q);
}

static void check_limits(void)
{
	char *s;
	struct ns_qnode *q;

	/* NS_QUERY_MAX_DEPTH parentheses parse, one more does not. */
	s = repeat("(", NS_QUERY_MAX_DEPTH, "a");
	expect(s, 0, NS_ERR_QUERY, "column 100: missing ')'");
	free(s);
	s = malloc(2 * NS_QUERY_MAX_DEPTH + 2);
	if (s) {
		memset(s, '(', NS_QUERY_MAX_DEPTH);
		s[NS_QUERY_MAX_DEPTH] = 'a';
		memset(s + NS_QUERY_MAX_DEPTH + 1, ')', NS_QUERY_MAX_DEPTH);
		s[2 * NS_QUERY_MAX_DEPTH + 1] = '\0';
	}
	expect(s, 0, NS_OK, NULL);
	free(s);
	s = repeat("(", NS_QUERY_MAX_DEPTH + 1, "a");
	expect(s, 0, NS_ERR_LIMIT, "column 101: parentheses nested deeper than 100");
	free(s);

	/* Hostile nesting never recurses past the limit. */
	s = repeat("(", 100000, "");
	expect(s, 0, NS_ERR_LIMIT, "nested deeper");
	free(s);
	s = repeat("-(", 100000, "a");
	expect(s, 0, NS_ERR_LIMIT, "nested deeper");
	free(s);
	s = repeat("title:(", 100000, "a");
	expect(s, 1, NS_ERR_LIMIT, "nested deeper");
	free(s);
	s = repeat(")", 100000, "");
	expect(s, 0, NS_ERR_QUERY, "column 1: unbalanced ')'");
	free(s);

	/* Node limit: 9999 words and their AND fit, one more word does not. */
	s = repeat("w ", NS_QUERY_MAX_NODES - 1, "");
	CHECK_INT_EQ(ns_query_parse(s, 0, &q, NULL, 0), NS_OK);
	if (q) {
		CHECK_INT_EQ(q->n_kids, NS_QUERY_MAX_NODES - 1);
		ns_query_free(q);
	}
	free(s);
	s = repeat("w ", NS_QUERY_MAX_NODES, "");
	expect(s, 0, NS_ERR_LIMIT, "query too large (more than 10000");
	free(s);

	/* About 1 MB each: they must finish quickly (linear) and cleanly. */
	s = repeat("trump ", (1 << 20) / 6, "");
	expect(s, 0, NS_ERR_LIMIT, "query too large");
	free(s);
	s = repeat("putin OR ", (1 << 20) / 9, "x");
	expect(s, 1, NS_ERR_LIMIT, "query too large");
	free(s);
	s = repeat("a NEAR/3 ", (1 << 20) / 9, "x");
	expect(s, 0, NS_ERR_LIMIT, "query too large");
	free(s);
	s = repeat("\"\"", 1 << 19, "");
	expect(s, 0, NS_ERR_LIMIT, "query too large");
	free(s);
	s = repeat(" ", 1 << 20, "");
	expect(s, 0, NS_ERR_QUERY, "column 1: empty query");
	free(s);
	s = repeat(" -", 1 << 19, " last");
	expect(s, 0, NS_OK, NULL);
	free(s);
	s = repeat("x", 1 << 20, "*");
	expect(s, 0, NS_OK, NULL);
	free(s);
	s = repeat("-", 1 << 20, "");
	expect(s, 0, NS_ERR_QUERY, "column 1: a query needs at least one positive term");
	free(s);
	s = repeat("NOT ", 1 << 18, "");
	expect(s, 0, NS_ERR_QUERY, "column 1: NOT needs an operand after it");
	free(s);
}

/* xorshift64*: a fixed seed keeps failures reproducible. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32);
}

static void check_random(void)
{
	static const char *const pieces[] = {
		"a", "trump", " ", " ", "  ", "\t", "(", ")", "\"", "-", "*", ":",
		"AND", "OR", "NOT", "NEAR", "ADJ", "NEAR/3", "ADJ/0", "NEAR/x", "NEAR/",
		"title:", "date:", "source:", "body:", "foo:", "..", "\xc3\xa9",
		"\xe2\x80\x94", "\xff", "\x80", "\xf0\x9f", "and", "'",
	};
	size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
	char text[512];
	long ok = 0, bad = 0;

	for (int iter = 0; iter < 30000; iter++) {
		size_t len = 0, want = rng() % 200;
		struct ns_qnode *q = NULL;
		char msg[256];
		int rc;

		while (len < want) {
			if (iter % 3 == 0) {
				/* raw bytes, any value but NUL */
				text[len++] = (char)(rng() % 255 + 1);
			} else {
				const char *pc = pieces[rng() % n_pieces];
				size_t pl = strlen(pc);
				if (len + pl >= sizeof(text) - 1)
					break;
				memcpy(text + len, pc, pl);
				len += pl;
			}
		}
		text[len] = '\0';
		msg[0] = '\0';
		rc = ns_query_parse(text, (int)(rng() & 1), &q, msg, sizeof(msg));
		if (rc == NS_OK) {
			char *s = ns_query_to_string(q);
			if (!q || !s || !*s)
				NS_UNIT_FAIL("random '%s': NS_OK but no tree", text);
			free(s);
			ns_query_free(q);
			ok++;
		} else {
			if (q || (rc != NS_ERR_QUERY && rc != NS_ERR_LIMIT) ||
			    strncmp(msg, "column ", 7) != 0)
				NS_UNIT_FAIL("random '%s': rc %d, message '%s'", text, rc, msg);
			bad++;
		}
	}
	/* Both outcomes must be common, or the generator tests little. */
	CHECK(ok > 1000);
	CHECK(bad > 1000);
}

NS_SUITE(query)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(i);
	check_tree_fields();
	check_api_edges();
	check_limits();
	check_random();
}
