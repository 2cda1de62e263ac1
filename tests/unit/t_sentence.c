/* SPDX-License-Identifier: MIT */
/* t_sentence.c -- sentence and paragraph starts (sentence.h): edge cases in
 * a table, and every boundary of the four seed articles in corpus/, listed
 * by hand in tests/data/sentences/ (one sentence a line, a blank line
 * between paragraphs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentence.h"
#include "unit.h"

/* text with "<S>" inserted at each sentence start and "<P>" at each
 * paragraph start; out[outlen]. */
static void mark(const char *text, char *out, size_t outlen)
{
	struct ns_sentences s;
	size_t len = strlen(text), prev = 0, off, n = 0, last = 0;
	int para, ok = 1;

	ns_sent_init(&s, text, len);
	out[0] = 0;
	while (ns_sent_next(&s, &off, &para)) {
		ok &= off > last && off < len && text[off] != ' ' && text[off] != '\n';
		last = off;
		n += (size_t)snprintf(out + n, outlen - n, "%.*s%s", (int)(off - prev), text + prev,
				      para ? "<P>" : "<S>");
		prev = off;
		if (n >= outlen)
			return;
	}
	snprintf(out + n, outlen - n, "%s%s", text + prev, ok ? "" : " (BAD OFFSET)");
}

static const char *const cases[] = {
	/* abbreviations, decimals, dates */
	"The U.S. economy grew 3.5% in Feb. 2026. <S>Mr. Smith said so.",
	"Gen. Mark Milley and Sen. Warren met Dr. Jones on Jan. 5 at 3 p.m. yesterday.",
	"They moved to the U.S. <S>The rest stayed in the U.K. for a year.",
	"The U.S. Army said the U.N. Security Council would meet.",
	"Apple Inc. <S>The company said it would. <S>Apple Inc. said so too.",
	"Prices rose 2.5 percent. <S>3 firms failed. <S>1,000 jobs went.",
	"See Business-News-Today.com and U.S.-Iran talks, Fig. 3 and No. 5.",
	"Smith et al. said so, etc. <S>It went on.",
	/* initials */
	"J. R. R. Tolkien wrote it. <S>It sold. <S>George W. Bush read it.",
	/* quotations */
	"He said \"no.\" <S>Then he left.",
	"\"Is it over?\" <S>Nobody knew. <S>\"Really?\" he asked.",
	"He said \xe2\x80\x9cno.\xe2\x80\x9d <S>Then (see below.) <S>Next!",
	"Yahoo! said it would. <S>Wow!! <S>Really?!",
	/* ellipses */
	"Wait... <S>Then it came. <S>Wait... and then it went.",
	"Wait\xe2\x80\xa6 <S>Then it came.",
	/* paragraphs */
	"One.\n\n<P>Two.\n  \n<P>Three has no end\n\n<P>Four",
	"Line one.\n<S>Line two.\r\n\r\n<P>Para two.",
	"End.\xc2\xa0<S>Next starts after a no-break space.",
	"Done.   ",
	"\n\n<P>Leading blank lines.",
	/* headlines and labels */
	"Markets Rally On Rate Hopes\n<S>Stocks rose on Monday.",
	"Stocks rose\n<S>Markets Rally On Rate Hopes\n<S>Bonds fell.",
	"Editor's\nDesk\n\n<P>Text.",
	"CATEGORIES\n<S>TAGS\n<S>Share This",
	"Striking a Balance between Diplomacy And Deterrence\n<S>The attitude held.",
	/* hard-wrapped prose is no headline */
	"The minister said the\nplan would work. <S>Others disagreed.",
	"meeting with President Barack Obama and\nSecretary Kerry on Tuesday.",
	"The Big Company\nsaid on Monday it would grow.",
	/* bullets */
	"Key points:\n<S>\xe2\x80\xa2 First point\n<S>\xe2\x80\xa2 Second point",
	"Lists:\n<S>- one\n<S>- two\n<S>1. three\n<S>2) four\n<S>* five",
	"Not a list:\n-5 degrees and\n2025 was warm.",
	/* nothing at all */
	"",
	"   \n\n  ",
	"no punctuation at all",
};

NS_SUITE(sentence)
{
	char out[4096], in[4096];

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		/* the input is the case without its marks */
		size_t n = 0;
		for (const char *p = cases[c]; *p && n < sizeof(in) - 1;) {
			if (strncmp(p, "<S>", 3) == 0 || strncmp(p, "<P>", 3) == 0)
				p += 3;
			else
				in[n++] = *p++;
		}
		in[n] = 0;
		mark(in, out, sizeof(out));
		CHECK_STR_EQ(out, cases[c]);
	}
}

/* The splitter's view of a file: sentences one a line (spaces and
 * newlines inside one collapsed), a blank line after each paragraph. */
static char *render_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text, *out;
	size_t len, n = 0, prev = 0, off;
	struct ns_sentences s;
	int para = 0, more = 1;

	if (!f)
		return NULL;
	text = malloc(1 << 20);
	out = malloc(1 << 20);
	len = text ? fread(text, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (!text || !out) {
		free(text);
		free(out);
		return NULL;
	}
	ns_sent_init(&s, text, len);
	while (more) {
		int sp = 0, any = 0, p = para;
		more = ns_sent_next(&s, &off, &para);
		if (!more)
			off = len;
		for (size_t i = prev; i < off; i++) {
			char c = text[i];
			if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
				sp = 1;
				continue;
			}
			if (sp && any)
				out[n++] = ' ';
			sp = 0;
			any = 1;
			out[n++] = c;
		}
		out[n++] = '\n';
		if (more && para)
			out[n++] = '\n';
		(void)p;
		prev = off;
	}
	out[n] = 0;
	free(text);
	return out;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *t = malloc(1 << 20);
	size_t n;

	if (!f || !t) {
		if (f)
			fclose(f);
		free(t);
		return NULL;
	}
	n = fread(t, 1, (1 << 20) - 1, f);
	t[n] = 0;
	fclose(f);
	return t;
}

NS_SUITE(sentence_seeds)
{
	static const char *const seeds[] = {
		"000_cb9e7fc10d88d411.txt", "001_b25f0445ea50a163.txt",
		"002_787faffb991260da.txt", "003_814b0d2deb047309.txt",
	};

	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		char a[256], b[256];
		snprintf(a, sizeof(a), "corpus/%s", seeds[i]);
		snprintf(b, sizeof(b), "tests/data/sentences/%s", seeds[i]);
		char *got = render_file(a), *want = read_all(b);
		CHECK(got && want);
		if (got && want && strcmp(got, want) != 0) {
			/* the first line that differs */
			const char *g = got, *w = want;
			while (*g && *g == *w)
				g++, w++;
			while (g > got && g[-1] != '\n')
				g--, w--;
			NS_UNIT_FAIL("%s: got \"%.80s\", want \"%.80s\"", seeds[i], g, w);
		} else {
			CHECK(got && want);
		}
		free(got);
		free(want);
	}
}
