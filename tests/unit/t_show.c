/* SPDX-License-Identifier: MIT */
/* t_show.c -- snippets (passages, highlights) and JSON strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "error.h"
#include "output.h"
#include "show.h"
#include "unit.h"

static char *json_of(const char *s, size_t len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f)
		return NULL;
	ns_output_json_string(f, s, len);
	fclose(f);
	return buf;
}

static const struct {
	const char *in;
	size_t len;	/* 0: strlen */
	const char *want;
} json_cases[] = {
	{ "plain", 0, "\"plain\"" },
	{ "", 0, "\"\"" },
	{ "a\"b\\c/d", 0, "\"a\\\"b\\\\c/d\"" },
	{ "tab\there\nnl\rcr\bbs\fff", 0, "\"tab\\there\\nnl\\rcr\\bbs\\fff\"" },
	{ "\x01\x1f\x7f", 0, "\"\\u0001\\u001f\x7f\"" },
	{ "nul\0x", 5, "\"nul\\u0000x\"" },
	{ "caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x98\x80", 0, "\"caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x98\x80\"" },
	{ "ls\xe2\x80\xa8ps\xe2\x80\xa9", 0, "\"ls\\u2028ps\\u2029\"" },
	/* not UTF-8: a lone continuation, a truncated sequence, an overlong
	 * '/', a surrogate, beyond U+10FFFF, 0xFF */
	{ "a\x80z", 0, "\"a\\ufffdz\"" },
	{ "a\xe2\x80", 0, "\"a\\ufffd\\ufffd\"" },
	{ "\xc0\xaf", 0, "\"\\ufffd\\ufffd\"" },
	{ "\xed\xa0\x80", 0, "\"\\ufffd\\ufffd\\ufffd\"" },
	{ "\xf4\x90\x80\x80", 0, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
	{ "\xff", 0, "\"\\ufffd\"" },
};

NS_SUITE(show_json)
{
	for (size_t i = 0; i < sizeof(json_cases) / sizeof(json_cases[0]); i++) {
		size_t len = json_cases[i].len ? json_cases[i].len : strlen(json_cases[i].in);
		char *got = json_of(json_cases[i].in, len);
		CHECK_STR_EQ(got, json_cases[i].want);
		free(got);
	}
}

/* Stems of the words, sorted (as ns_match_terms gives them). */
struct terms {
	char *v[8];
	size_t n;
};

static void stems(struct ns_analyzer *an, struct terms *t, const char *words)
{
	struct ns_tokenizer tok;
	struct ns_token k;
	const char *term;
	size_t len;

	t->n = 0;
	ns_tok_init(&tok, words, strlen(words), 0);
	while (t->n < 8 && ns_analyzer_next(an, &tok, &k, &term, &len))
		t->v[t->n++] = strndup(term, len);
	for (size_t i = 1; i < t->n; i++)
		for (size_t j = i; j > 0 && strcmp(t->v[j - 1], t->v[j]) > 0; j--) {
			char *x = t->v[j];
			t->v[j] = t->v[j - 1];
			t->v[j - 1] = x;
		}
}

static void free_terms(struct terms *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	t->n = 0;
}

/* The highlighted words of a snippet, joined by '|'. */
static void marked(const struct ns_snip *s, char *out, size_t cap)
{
	size_t at = 0;

	out[0] = 0;
	for (size_t i = 0; i < s->n_hl && at + 1 < cap; i++) {
		size_t n = s->hl[i][1] - s->hl[i][0];
		if (at + n + 2 >= cap)
			break;
		if (i)
			out[at++] = '|';
		memcpy(out + at, s->text + s->hl[i][0], n);
		at += n;
		out[at] = 0;
	}
}

static void snip(struct ns_analyzer *an, const char *text, const char *words, size_t max,
		 struct ns_snip *s)
{
	struct terms t;

	stems(an, &t, words);
	if (ns_snippet_build(an, text, strlen(text), (const char *const *)t.v, t.n, max, s) != NS_OK)
		memset(s, 0, sizeof(*s));
	free_terms(&t);
}

NS_SUITE(show_snippet)
{
	struct ns_analyzer *an;
	struct ns_snip s;
	char m[512], *text;

	if (ns_analyzer_new("english", &an) != NS_OK) {
		NS_UNIT_FAIL("no analyzer");
		return;
	}
	/* Short text: all of it, matches highlighted by their offsets. */
	snip(an, "The Strikes began.\n\nTalks  failed.", "strike talk", 200, &s);
	CHECK_STR_EQ(s.text, "The Strikes began. Talks failed.");
	marked(&s, m, sizeof(m));
	CHECK_STR_EQ(m, "Strikes|Talks");
	ns_snip_release(&s);

	/* No terms: the start of the text, cut at a word, with "…". */
	snip(an, "alpha beta gamma delta epsilon zeta eta theta", "", 20, &s);
	CHECK_STR_EQ(s.text, "alpha beta gamma delta\xe2\x80\xa6");
	CHECK_INT_EQ(s.n_hl, 0);
	ns_snip_release(&s);

	/* The passage starts at the sentence holding the match. */
	snip(an,
	     "Nothing here at all. Still nothing to see in this line. The mayor opened the "
	     "bridge today. More words follow after that for a while, and then some more.",
	     "mayor", 60, &s);
	CHECK(strncmp(s.text, "\xe2\x80\xa6The mayor opened", 18) == 0);
	marked(&s, m, sizeof(m));
	CHECK_STR_EQ(m, "mayor");
	ns_snip_release(&s);

	/* Acronyms and initials do not end sentences. */
	snip(an, "Officials said the U.S. team met J. Smith and the mayor at noon today.", "mayor",
	     30, &s);
	CHECK(strstr(s.text, "team met") == NULL || strstr(s.text, "U.S. team") != NULL);
	ns_snip_release(&s);

	/* Two terms far apart: two passages joined by " … ", both shown. */
	text = malloc(4000);
	strcpy(text, "Kiwi growers met on Monday. ");
	for (int i = 0; i < 40; i++)
		strcat(text, "Filler words fill this sentence. ");
	strcat(text, "The harvest of mango fruit was late. ");
	for (int i = 0; i < 20; i++)
		strcat(text, "More filler here. ");
	snip(an, text, "kiwi mango", 200, &s);
	marked(&s, m, sizeof(m));
	CHECK_STR_EQ(m, "Kiwi|mango");
	CHECK(strstr(s.text, " \xe2\x80\xa6 ") != NULL);
	CHECK(strlen(s.text) < 320);
	for (size_t i = 0; i < s.n_hl; i++)
		CHECK(s.hl[i][1] <= s.len && s.hl[i][0] < s.hl[i][1]);
	ns_snip_release(&s);

	/* One passage when one window holds every term. */
	snip(an, text, "harvest mango", 200, &s);
	CHECK(strstr(s.text, " \xe2\x80\xa6 ") == NULL);
	marked(&s, m, sizeof(m));
	CHECK_STR_EQ(m, "harvest|mango");
	ns_snip_release(&s);

	/* The wrapper puts markers around the same words. */
	{
		struct terms t;
		char *w;
		stems(an, &t, "mango");
		w = ns_snippet(an, text, strlen(text), (const char *const *)t.v, t.n, 200, "[", "]");
		CHECK(w && strstr(w, "[mango]") != NULL);
		free(w);
		free_terms(&t);
	}
	free(text);

	/* A huge "word" is cut, never inside a UTF-8 character. */
	text = malloc(3000);
	text[0] = 0;
	strcat(text, "kiwi ");
	for (int i = 0; i < 900; i++)
		strcat(text, "\xc3\xa9");
	snip(an, text, "kiwi", 50, &s);
	CHECK(s.len < 200);
	CHECK(s.text && (s.text[s.len - 3] & 0xC0) != 0x80);
	ns_snip_release(&s);
	free(text);

	ns_analyzer_free(an);
}
