/* SPDX-License-Identifier: MIT */
/* linesplit.h -- find the lines of JSON Lines content as it arrives.
 *
 * A pure state machine: no I/O, no allocation.  The caller owns one buffer
 * that holds the content not yet consumed; it appends bytes as it reads
 * them, asks for the lines now complete (ns_lines_next), and then drops
 * from the front of the buffer what the splitter no longer needs
 * (ns_lines_drop).  At the end of the content, ns_lines_finish hands out
 * what remains, a last line without its LF included.
 *
 * A line is the bytes before a LF (the LF not included; a CR before it is
 * the parser's whitespace).  Lines are numbered from start_line + 1.  A
 * line longer than cap bytes is never handed out: it comes as
 * NS_LINES_LONG instead, as soon as the bytes seen of it pass cap (before
 * its LF arrives), and its bytes are dropped as they come, so the buffer
 * never holds more than cap bytes of one line plus one read.
 *
 * "Done" is the content offset just after the last LF consumed and the
 * number of lines before it: where a later run resumes reading a file
 * that grows (an over-long line counts as done once its LF is seen; a
 * last line without LF never is).
 */
#ifndef NS_LINESPLIT_H
#define NS_LINESPLIT_H

#include <stddef.h>
#include <stdint.h>

struct ns_lines {
	uint64_t cap;		/* longest line handed out, in bytes */
	uint64_t off;		/* content offset of the buffer's first byte */
	uint64_t lineno;	/* lines started before the current one */
	size_t start;		/* buffer offset where the current line starts */
	size_t scan;		/* buffer bytes before this hold no LF after start */
	int skipping;		/* dropping an over-long line up to its LF */
	uint64_t done_off;	/* content offset after the last LF consumed */
	uint64_t done_lines;	/* lines before done_off */
};

/* What ns_lines_next / ns_lines_finish found. */
enum ns_lines_event {
	NS_LINES_NEED = 0,	/* no complete line left: drop, append, call again */
	NS_LINES_LINE = 1,	/* a line: buf[start .. start + len) */
	NS_LINES_LONG = 2,	/* line `lineno` is longer than cap: skipped */
};

struct ns_line {
	size_t start;		/* buffer offset of the line's first byte */
	size_t len;		/* its length in bytes, LF not included */
	uint64_t lineno;	/* its 1-based number in the content */
	int terminated;		/* it ended with a LF (0 only from finish) */
};

/* Starts at content offset start_off, after start_line lines (0, 0 for
 * the whole content); start_off must be a line start. */
void ns_lines_init(struct ns_lines *s, uint64_t cap, uint64_t start_off, uint64_t start_line);

/* The next event in buf[0..len), which holds the bytes of the buffer as
 * the last ns_lines_drop left them plus those appended since.  Call until
 * it returns NS_LINES_NEED; *ln is set for LINE and LONG (only lineno for
 * LONG). */
enum ns_lines_event ns_lines_next(struct ns_lines *s, const uint8_t *buf, size_t len,
				  struct ns_line *ln);

/* After NS_LINES_NEED: the number of bytes at the front of buf[0..len)
 * the caller must now remove (moving the rest to the front) before it
 * appends more. */
size_t ns_lines_drop(struct ns_lines *s, size_t len);

/* At the end of the content: like ns_lines_next, but a last line without
 * LF is handed out too (terminated = 0) unless drop_unterminated (its
 * bytes are likely cut short by a read error).  Call until NS_LINES_NEED. */
enum ns_lines_event ns_lines_finish(struct ns_lines *s, const uint8_t *buf, size_t len,
				    int drop_unterminated, struct ns_line *ln);

#endif /* NS_LINESPLIT_H */
