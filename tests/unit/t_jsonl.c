/* SPDX-License-Identifier: MIT */
/* t_jsonl.c -- tests of indexer/jsonl.c, the JSON Lines line parser. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "error.h"
#include "jsonl.h"
#include "unit.h"

/* Good lines: the fields expected (NULL = absent). */
static const struct {
	const char *line;
	const char *id, *title, *body, *date, *source, *url;
} good[] = {
	{ "{\"id\":\"a1\",\"title\":\"T\",\"body\":\"B\",\"date\":\"2026-02-16\",\"source\":\"S\",\"url\":\"U\"}",
	  "a1", "T", "B", "2026-02-16", "S", "U" },
	{ " \t{ \"id\" : \"x\" , \"body\" : \"y\" } \r", "x", NULL, "y", NULL, NULL, NULL },
	{ "{}", NULL, NULL, NULL, NULL, NULL, NULL },
	{ "\xEF\xBB\xBF{\"id\":\"bom\"}", "bom", NULL, NULL, NULL, NULL, NULL },
	/* escapes */
	{ "{\"body\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t.\"}", NULL, NULL, "q\" b\\ s/ \b\f\n\r\t.",
	  NULL, NULL, NULL },
	{ "{\"body\":\"caf\\u00e9 \\u20AC \\u4e2d\"}", NULL, NULL, "caf\xC3\xA9 \xE2\x82\xAC \xE4\xB8\xAD",
	  NULL, NULL, NULL },
	/* surrogates: a pair, a lone high, a lone low, high then non-low */
	{ "{\"body\":\"\\ud83d\\ude00|\\ud83d|\\ude00|\\ud83d\\u0041\"}", NULL, NULL,
	  "\xF0\x9F\x98\x80|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD" "A", NULL, NULL, NULL },
	{ "{\"body\":\"\\uD83D\"}", NULL, NULL, "\xEF\xBF\xBD", NULL, NULL, NULL },
	{ "{\"body\":\"a\\u0000b\"}", NULL, NULL, "a b", NULL, NULL, NULL },
	{ "{\"body\":\"l1\\r\\nl2\\u000d\\u000al3\\rl4\"}", NULL, NULL, "l1\nl2\nl3\rl4", NULL, NULL,
	  NULL },
	/* raw UTF-8 kept, raw invalid bytes replaced, raw tab accepted */
	{ "{\"body\":\"\xC3\xA9t\xC3\xA9 \xFF x\xC3 \xED\xA0\x80 \xF0\x9F\x98\x80\tz\"}", NULL, NULL,
	  "\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD x\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
	  "\xF0\x9F\x98\x80\tz",
	  NULL, NULL, NULL },
	/* escaped key */
	{ "{\"b\\u006fdy\":\"esc key\",\"t\\u0069tle\":\"tt\"}", NULL, "tt", "esc key", NULL, NULL, NULL },
	/* body preference: body > text > content, whatever the order */
	{ "{\"content\":\"C\",\"text\":\"X\",\"body\":\"B\"}", NULL, NULL, "B", NULL, NULL, NULL },
	{ "{\"content\":\"C\",\"text\":\"X\"}", NULL, NULL, "X", NULL, NULL, NULL },
	{ "{\"content\":\"C\"}", NULL, NULL, "C", NULL, NULL, NULL },
	{ "{\"text\":\"X\",\"body\":null}", NULL, NULL, "X", NULL, NULL, NULL },
	{ "{\"text\":\"X\",\"body\":\"B\",\"body\":null}", NULL, NULL, "X", NULL, NULL, NULL },
	/* duplicates: last wins */
	{ "{\"title\":\"one\",\"title\":\"two\"}", NULL, "two", NULL, NULL, NULL, NULL },
	{ "{\"title\":\"one\",\"title\":null}", NULL, NULL, NULL, NULL, NULL, NULL },
	/* non-string values ignored; they do not clear an earlier string */
	{ "{\"title\":\"keep\",\"title\":5,\"title\":[1,2],\"title\":{\"a\":1},\"title\":true}", NULL,
	  "keep", NULL, NULL, NULL, NULL },
	{ "{\"date\":1771254061,\"source\":false,\"url\":{\"href\":\"x\"},\"body\":[\"not\",\"it\"]}",
	  NULL, NULL, NULL, NULL, NULL, NULL },
	/* numeric ids */
	{ "{\"id\":17,\"body\":\"n\"}", "17", NULL, "n", NULL, NULL, NULL },
	{ "{\"id\":-3.5e+2}", "-3.5e+2", NULL, NULL, NULL, NULL, NULL },
	{ "{\"id\":0}", "0", NULL, NULL, NULL, NULL, NULL },
	{ "{\"id\":null,\"title\":\"t\"}", NULL, "t", NULL, NULL, NULL, NULL },
	{ "{\"id\":true}", NULL, NULL, NULL, NULL, NULL, NULL },
	/* nested structures in unknown fields, with look-alike keys inside */
	{ "{\"meta\":{\"id\":\"inner\",\"body\":\"no\",\"x\":[{\"y\":[[],{}]},\"}\",\"]\",null,-0.5e3]},"
	  "\"tags\":[],\"o\":{},\"id\":\"outer\",\"body\":\"yes\"}",
	  "outer", NULL, "yes", NULL, NULL, NULL },
	{ "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],\"id\":\"deep\"}",
	  "deep", NULL, NULL, NULL, NULL, NULL },
	{ "{\"s\":\"with \\\"quotes\\\" and \\\\\",\"id\":\"q\"}", "q", NULL, NULL, NULL, NULL, NULL },
	{ "{\"title\":\"\"}", NULL, "", NULL, NULL, NULL, NULL },
};

/* Bad lines: 1-based column and reason. */
static const struct {
	const char *line;
	size_t col;
	const char *what;
} badl[] = {
	{ "[1,2]", 1, "expected '{'" },
	{ "  \"str\"", 3, "expected '{'" },
	{ "{\"id\" \"x\"}", 7, "expected ':'" },
	{ "{\"id\":\"x\" \"y\":1}", 11, "expected ',' or '}'" },
	{ "{\"id\":\"x\"} x", 12, "trailing characters after object" },
	{ "{\"id\":\"x\"}{}", 11, "trailing characters after object" },
	{ "{\"id\":\"abc", 7, "unterminated string" },
	{ "{\"id\":\"abc\\", 7, "unterminated string" },
	{ "{\"ab", 2, "unterminated string" },
	{ "{\"id\":\"a\\x\"}", 9, "invalid escape" },
	{ "{\"id\":\"a\\u12G4\"}", 9, "invalid \\u escape" },
	{ "{\"id\":\"a\\u12\"}", 9, "invalid \\u escape" },
	{ "{id:1}", 2, "expected a string key" },
	{ "{\"a\":1,}", 8, "expected a string key" },
	{ "{\"a\":}", 6, "expected a value" },
	{ "{\"a\":tru}", 6, "expected a value" },
	{ "{\"a\":NaN}", 6, "expected a value" },
	{ "{\"a\":01}", 7, "expected ',' or '}'" },
	{ "{\"a\":1.}", 6, "invalid number" },
	{ "{\"id\":-}", 7, "invalid number" },
	{ "{\"a\":[1 2]}", 9, "expected ',' or ']'" },
	{ "{\"a\":[1,]}", 9, "expected a value" },
	{ "{\"a\":{\"b\" 1}}", 11, "expected ':'" },
	{ "{\"a\":{\"b\":1,}}", 13, "expected a string key" },
	{ "{\"a\":{\"b\":1]}", 12, "expected ',' or '}'" },
	{ "{\"a\":[[1]", 10, "unexpected end of line" },
	{ "{\"a\":1", 7, "unexpected end of line" },
	{ "{", 2, "unexpected end of line" },
	{ "{\"a\":\"x\\ud800\\u12\"}", 14, "invalid \\u escape" },
};

static void check_field(struct ns_jsonl *j, enum ns_jsonl_field f, const char *want,
			const char *line)
{
	size_t len = 99;
	const char *got = ns_jsonl_get(j, f, &len);

	if (!want) {
		if (ns_jsonl_has(j, f) || strcmp(got, "") != 0 || len != 0)
			NS_UNIT_FAIL("jsonl %s: field %d should be absent, got \"%s\"", line, (int)f,
				     got);
		else
			ns_unit_passed++;
		return;
	}
	if (!ns_jsonl_has(j, f) || strcmp(got, want) != 0 || len != strlen(want))
		NS_UNIT_FAIL("jsonl %s: field %d \"%s\", want \"%s\"", line, (int)f, got, want);
	else
		ns_unit_passed++;
}

NS_SUITE(jsonl)
{
	struct ns_jsonl j;
	size_t len;

	ns_jsonl_init(&j);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *l = good[i].line;
		int rc = ns_jsonl_parse(&j, l, strlen(l));
		if (rc != NS_OK) {
			NS_UNIT_FAIL("jsonl %s: rc %d at %zu: %s", l, rc, j.err_col,
				     j.err_what ? j.err_what : "");
			continue;
		}
		ns_unit_passed++;
		check_field(&j, NS_JF_ID, good[i].id, l);
		check_field(&j, NS_JF_TITLE, good[i].title, l);
		check_field(&j, NS_JF_DATE, good[i].date, l);
		check_field(&j, NS_JF_SOURCE, good[i].source, l);
		check_field(&j, NS_JF_URL, good[i].url, l);
		const char *body = ns_jsonl_body(&j, &len);
		const char *want = good[i].body ? good[i].body : "";
		if (strcmp(body, want) != 0 || len != strlen(want))
			NS_UNIT_FAIL("jsonl %s: body \"%s\", want \"%s\"", l, body, want);
		else
			ns_unit_passed++;
	}
	for (size_t i = 0; i < sizeof(badl) / sizeof(badl[0]); i++) {
		const char *l = badl[i].line;
		int rc = ns_jsonl_parse(&j, l, strlen(l));
		if (rc != NS_ERR_INPUT || j.err_col != badl[i].col || !j.err_what ||
		    strcmp(j.err_what, badl[i].what) != 0)
			NS_UNIT_FAIL("jsonl %s: rc %d col %zu \"%s\", want col %zu \"%s\"", l, rc,
				     j.err_col, j.err_what ? j.err_what : "", badl[i].col,
				     badl[i].what);
		else
			ns_unit_passed++;
	}
	/* blank lines */
	CHECK_INT_EQ(ns_jsonl_parse(&j, "", 0), NS_DONE);
	CHECK_INT_EQ(ns_jsonl_parse(&j, " \t\r", 3), NS_DONE);
	CHECK_INT_EQ(ns_jsonl_parse(&j, "\xEF\xBB\xBF", 3), NS_DONE);
	/* length honoured, no NUL needed; an embedded raw NUL reads as a space */
	{
		static const char l[] = "{\"body\":\"a\0b\"}XYZ";
		CHECK_INT_EQ(ns_jsonl_parse(&j, l, sizeof(l) - 1 - 3), NS_OK);
		CHECK_STR_EQ(ns_jsonl_body(&j, &len), "a b");
		CHECK_INT_EQ(len, 3);
	}
	/* the parser is reusable after an error */
	CHECK_INT_EQ(ns_jsonl_parse(&j, "{\"id\":", 6), NS_ERR_INPUT);
	CHECK_INT_EQ(ns_jsonl_parse(&j, "{\"id\":\"ok\"}", 11), NS_OK);
	CHECK_STR_EQ(ns_jsonl_get(&j, NS_JF_ID, NULL), "ok");
	CHECK_STR_EQ(ns_jsonl_get(&j, NS_JF_TITLE, NULL), "");

	/* deep nesting: no recursion, no stack overflow */
	{
		size_t depth = 1000000, n = 0;
		char *l = malloc(2 * depth + 64);
		CHECK(l != NULL);
		if (l) {
			n += (size_t)sprintf(l, "{\"x\":");
			memset(l + n, '[', depth);
			n += depth;
			memset(l + n, ']', depth);
			n += depth;
			n += (size_t)sprintf(l + n, ",\"id\":\"d\"}");
			CHECK_INT_EQ(ns_jsonl_parse(&j, l, n), NS_OK);
			CHECK_STR_EQ(ns_jsonl_get(&j, NS_JF_ID, NULL), "d");
			/* unbalanced: reported at the end of the line */
			CHECK_INT_EQ(ns_jsonl_parse(&j, l, 5 + depth + 10), NS_ERR_INPUT);
			CHECK_STR_EQ(j.err_what, "unexpected end of line");
			free(l);
		}
	}

	/* a 30 MB line, escapes and skipped strings included, in linear time */
	{
		size_t reps = 3000000, n = 0;
		char *l = malloc(reps * 11 + reps / 4 * 10 + 200);
		CHECK(l != NULL);
		if (l) {
			clock_t c0 = clock();
			n += (size_t)sprintf(l, "{\"skip\":\"");
			for (size_t r = 0; r < reps / 4; r++) {
				memcpy(l + n, "ab\\\"cd\\n  ", 10);
				n += 10;
			}
			n += (size_t)sprintf(l + n, "\",\"body\":\"");
			for (size_t r = 0; r < reps; r++) {
				memcpy(l + n, "w\\u00e9rd\\t", 11);
				n += 11;
			}
			n += (size_t)sprintf(l + n, "\"}");
			CHECK_INT_EQ(ns_jsonl_parse(&j, l, n), NS_OK);
			ns_jsonl_body(&j, &len);
			CHECK_INT_EQ(len, reps * 6);
			CHECK((double)(clock() - c0) / CLOCKS_PER_SEC < 20.0);
			free(l);
		}
	}

	/* the UTF-8 helpers */
	{
		size_t bad = 0;
		CHECK_INT_EQ(ns_utf8_seq((const unsigned char *)"\xC3\xA9", 2, &bad), 2);
		CHECK_INT_EQ(ns_utf8_seq((const unsigned char *)"\xC0\xAF", 2, &bad), 0);
		CHECK_INT_EQ(bad, 1);
		CHECK_INT_EQ(ns_utf8_seq((const unsigned char *)"\xE2\x82", 2, &bad), 0);
		CHECK_INT_EQ(bad, 2);
		CHECK_INT_EQ(ns_utf8_seq((const unsigned char *)"\xF4\x90\x80\x80", 4, &bad), 0);
		CHECK_INT_EQ(bad, 1);
		CHECK_INT_EQ(ns_utf8_seq((const unsigned char *)"\xF4\x8F\xBF\xBF", 4, &bad), 4);
		CHECK_INT_EQ(ns_utf8_seq((const unsigned char *)"\xE0\x80\x80", 3, &bad), 0);

		struct ns_buf b = NS_BUF_INIT;
		CHECK_INT_EQ(ns_utf8_append_clean(&b, "a\r", 2), 0);
		CHECK_INT_EQ(ns_utf8_append_clean(&b, "\nb\xE2\x82z\r\n\x80\x80", 9), 3);
		CHECK(ns_buf_cstr(&b) != NULL);
		CHECK_STR_EQ((const char *)b.data,
			     "a\nb\xEF\xBF\xBDz\n\xEF\xBF\xBD\xEF\xBF\xBD");
		ns_buf_release(&b);
	}
	ns_jsonl_release(&j);
}
