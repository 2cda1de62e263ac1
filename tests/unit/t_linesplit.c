/* SPDX-License-Identifier: MIT */
/* t_linesplit.c -- tests of indexer/linesplit.c, the JSON Lines splitter. */
#include <stdlib.h>
#include <string.h>

#include "linesplit.h"
#include "unit.h"

/* Feeds content to a splitter in pieces of `step` bytes, as corpus.c does
 * (append, take events until NEED, drop), then finishes; writes the events
 * as text: "L<n>:<line>" or "X<n>" (too long), separated by '|', and the
 * done offset and lines as "@off/lines". */
static void split(const char *content, size_t step, uint64_t cap, int drop_unterminated,
		  char *out, size_t out_cap, size_t *max_held)
{
	size_t n = strlen(content), fed = 0, len = 0, o = 0;
	uint8_t *buf = malloc(n + 1);
	struct ns_lines s;
	struct ns_line ln;
	enum ns_lines_event ev;

	ns_lines_init(&s, cap, 0, 0);
	out[0] = 0;
	*max_held = 0;
	for (;;) {
		size_t k = n - fed < step ? n - fed : step;
		memcpy(buf + len, content + fed, k);
		len += k;
		fed += k;
		if (len > *max_held)
			*max_held = len;
		while ((ev = ns_lines_next(&s, buf, len, &ln)) != NS_LINES_NEED)
			o += (size_t)snprintf(out + o, out_cap - o, ev == NS_LINES_LINE ? "L%llu:%.*s|" : "X%llu|",
					      (unsigned long long)ln.lineno, (int)ln.len,
					      (const char *)buf + ln.start);
		k = ns_lines_drop(&s, len);
		memmove(buf, buf + k, len - k);
		len -= k;
		if (fed == n)
			break;
	}
	while ((ev = ns_lines_finish(&s, buf, len, drop_unterminated, &ln)) != NS_LINES_NEED)
		o += (size_t)snprintf(out + o, out_cap - o, ev == NS_LINES_LINE ? "L%llu:%.*s%s|" : "X%llu|",
				      (unsigned long long)ln.lineno, (int)ln.len,
				      (const char *)buf + ln.start, ln.terminated ? "" : "$");
	snprintf(out + o, out_cap - o, "@%llu/%llu", (unsigned long long)s.done_off,
		 (unsigned long long)s.done_lines);
	free(buf);
}

static const struct {
	const char *in;
	uint64_t cap;
	int drop;		/* drop an unterminated last line */
	const char *want;	/* the same for every piece size */
} cases[] = {
	{ "", 100, 0, "@0/0" },
	{ "a\n", 100, 0, "L1:a|@2/1" },
	{ "a\nbc\n\nd", 100, 0, "L1:a|L2:bc|L3:|L4:d$|@6/3" },
	{ "a\nbc\n\nd", 100, 1, "L1:a|L2:bc|L3:|@6/3" },
	{ "\n\n", 100, 0, "L1:|L2:|@2/2" },
	/* a line over cap is reported, never handed out, and counts as done
	 * once its LF is seen */
	{ "ab\n0123456789\ncd\n", 5, 0, "L1:ab|X2|L3:cd|@17/3" },
	{ "0123456789", 5, 0, "X1|@0/0" },
	{ "ab\n0123456789", 5, 0, "L1:ab|X2|@3/1" },
	{ "0123456789\n", 5, 0, "X1|@11/1" },
	{ "12345\n123456\n", 5, 0, "L1:12345|X2|@13/2" },
	{ "a\r\n", 100, 0, "L1:a\r|@3/1" },
};

NS_SUITE(linesplit_table)
{
	char got[512];
	size_t held;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (size_t step = 1; step <= 20; step++) {
			split(cases[i].in, step, cases[i].cap, cases[i].drop, got, sizeof(got), &held);
			if (strcmp(got, cases[i].want) != 0) {
				NS_UNIT_FAIL("case %zu step %zu: got \"%s\", want \"%s\"", i, step,
					     got, cases[i].want);
				break;
			}
			ns_unit_passed++;
		}
	}
}

/* The buffer holds at most cap bytes of a line plus one piece, however
 * long the line: an over-long line is dropped as it comes. */
NS_SUITE(linesplit_bounded_memory)
{
	size_t n = 100000, held;
	char *big = malloc(n + 8), got[256];

	memset(big, 'x', n);
	memcpy(big + n, "\nok\n", 5);
	split(big, 7, 50, 0, got, sizeof(got), &held);
	CHECK_STR_EQ(got, "X1|L2:ok|@100004/2");
	CHECK(held <= 50 + 7 + 7);
	free(big);
}

/* Resuming at an offset numbers lines from there and reports done offsets
 * in content terms. */
NS_SUITE(linesplit_resume)
{
	const uint8_t buf[] = "x\ny";
	struct ns_lines s;
	struct ns_line ln;

	ns_lines_init(&s, 100, 1000, 40);
	CHECK_INT_EQ(ns_lines_next(&s, buf, 3, &ln), NS_LINES_LINE);
	CHECK_INT_EQ(ln.lineno, 41);
	CHECK_INT_EQ(ln.start, 0);
	CHECK_INT_EQ(ln.len, 1);
	CHECK_INT_EQ(s.done_off, 1002);
	CHECK_INT_EQ(ns_lines_next(&s, buf, 3, &ln), NS_LINES_NEED);
	CHECK_INT_EQ(ns_lines_drop(&s, 3), 2);
	CHECK_INT_EQ(ns_lines_finish(&s, buf + 2, 1, 0, &ln), NS_LINES_LINE);
	CHECK_INT_EQ(ln.lineno, 42);
	CHECK_INT_EQ(ln.terminated, 0);
	CHECK_INT_EQ(s.done_off, 1002);
	CHECK_INT_EQ(s.done_lines, 41);
	CHECK_INT_EQ(ns_lines_finish(&s, buf + 2, 1, 0, &ln), NS_LINES_NEED);
}
