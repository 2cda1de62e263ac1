/* SPDX-License-Identifier: MIT */
/* linesplit.c -- the JSON Lines line splitter (linesplit.h). */
#include "linesplit.h"

#include <string.h>

void ns_lines_init(struct ns_lines *s, uint64_t cap, uint64_t start_off, uint64_t start_line)
{
	memset(s, 0, sizeof(*s));
	s->cap = cap;
	s->off = start_off;
	s->lineno = start_line;
	s->done_off = start_off;
	s->done_lines = start_line;
}

/* A LF at buffer offset e was consumed: the next line starts after it. */
static void past_lf(struct ns_lines *s, size_t e)
{
	s->start = s->scan = e + 1;
	s->done_off = s->off + s->start;
	s->done_lines = s->lineno;
}

/* The line [start, e) ended (at a LF when terminated): a LINE, or LONG when
 * it is over cap. */
static enum ns_lines_event line_at(struct ns_lines *s, size_t e, int terminated,
				   struct ns_line *ln)
{
	ln->start = s->start;
	ln->len = e - s->start;
	ln->lineno = ++s->lineno;
	ln->terminated = terminated;
	if (terminated)
		past_lf(s, e);
	else
		s->start = s->scan = e + 1;	/* nothing after it: not done */
	return ln->len > s->cap ? NS_LINES_LONG : NS_LINES_LINE;
}

enum ns_lines_event ns_lines_next(struct ns_lines *s, const uint8_t *buf, size_t len,
				  struct ns_line *ln)
{
	const uint8_t *nl;

	if (s->skipping) {
		/* inside an over-long line: its bytes are dropped up to its LF */
		nl = s->scan < len ? memchr(buf + s->scan, '\n', len - s->scan) : NULL;
		if (!nl) {
			s->scan = len;
			return NS_LINES_NEED;
		}
		s->lineno++;
		s->skipping = 0;
		past_lf(s, (size_t)(nl - buf));
	}
	nl = s->scan < len ? memchr(buf + s->scan, '\n', len - s->scan) : NULL;
	if (nl)
		return line_at(s, (size_t)(nl - buf), 1, ln);
	s->scan = len;
	if (len - s->start > s->cap) {
		/* the line being read is already too long: drop it as it
		 * comes instead of holding it */
		s->skipping = 1;
		ln->start = s->start;
		ln->len = len - s->start;
		ln->lineno = s->lineno + 1;
		ln->terminated = 0;
		return NS_LINES_LONG;
	}
	return NS_LINES_NEED;
}

size_t ns_lines_drop(struct ns_lines *s, size_t len)
{
	size_t k = s->skipping ? len : s->start;

	s->off += k;
	s->scan = s->scan > k ? s->scan - k : 0;
	s->start = 0;
	return k;
}

enum ns_lines_event ns_lines_finish(struct ns_lines *s, const uint8_t *buf, size_t len,
				    int drop_unterminated, struct ns_line *ln)
{
	enum ns_lines_event ev;
	const uint8_t *nl;

	if (s->skipping) {
		ev = ns_lines_next(s, buf, len, ln);
		if (s->skipping)
			return NS_LINES_NEED;	/* the content ended inside it */
		if (ev != NS_LINES_NEED)
			return ev;
	}
	if (s->start >= len)
		return NS_LINES_NEED;
	nl = memchr(buf + s->scan, '\n', len - s->scan);
	if (nl)
		return line_at(s, (size_t)(nl - buf), 1, ln);
	if (drop_unterminated)
		return NS_LINES_NEED;
	return line_at(s, len, 0, ln);
}
