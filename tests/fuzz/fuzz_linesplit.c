/* SPDX-License-Identifier: MIT */
/* fuzz_linesplit.c -- the JSON Lines splitter (linesplit.h) on arbitrary
 * bytes, fed in arbitrary pieces.
 *
 * Input: byte 0 sets the piece size (1..64), byte 1 the line cap (0..63),
 * byte 2 bit 0 whether an unterminated last line is dropped; the rest is
 * the content.  Oracle: the events equal those of a naive split of the
 * whole content at each LF (a line over the cap is LONG, never LINE, with
 * the same number; the last line without LF is a LINE with terminated = 0
 * unless dropped); the done offset and lines are those after the last LF;
 * the caller's buffer never holds more than the cap plus one piece.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "linesplit.h"

/* Checks the next event against the naive split of c[0..n) from *pos. */
static void expect(const uint8_t *c, size_t n, size_t *pos, uint64_t *lineno, uint64_t cap,
		   enum ns_lines_event ev, const struct ns_line *ln, const uint8_t *buf)
{
	const uint8_t *nl;
	size_t e;

	FUZZ_CHECK(*pos < n);
	nl = memchr(c + *pos, '\n', n - *pos);
	e = nl ? (size_t)(nl - c) : n;
	++*lineno;
	FUZZ_CHECK(ln->lineno == *lineno);
	if (e - *pos > cap) {
		FUZZ_CHECK(ev == NS_LINES_LONG);
	} else {
		FUZZ_CHECK(ev == NS_LINES_LINE);
		FUZZ_CHECK(ln->len == e - *pos);
		FUZZ_CHECK(memcmp(buf + ln->start, c + *pos, ln->len) == 0);
		FUZZ_CHECK(ln->terminated == (nl != NULL));
	}
	*pos = e + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t step, n, fed = 0, len = 0, pos = 0, k, last_lf = 0;
	uint64_t cap, lineno = 0, n_lf = 0;
	int drop;
	const uint8_t *c;
	uint8_t *buf;
	struct ns_lines s;
	struct ns_line ln;
	enum ns_lines_event ev;

	if (size < 3)
		return 0;
	step = (size_t)(data[0] % 64) + 1;
	cap = data[1] % 64;
	drop = data[2] & 1;
	c = data + 3;
	n = size - 3;
	for (size_t i = 0; i < n; i++)
		if (c[i] == '\n') {
			n_lf++;
			last_lf = i + 1;
		}
	buf = malloc(n + 1);
	FUZZ_CHECK(buf != NULL);
	ns_lines_init(&s, cap, 0, 0);
	while (fed < n) {
		k = n - fed < step ? n - fed : step;
		memcpy(buf + len, c + fed, k);
		len += k;
		fed += k;
		FUZZ_CHECK(len <= cap + step);
		while ((ev = ns_lines_next(&s, buf, len, &ln)) != NS_LINES_NEED) {
			if (ev == NS_LINES_LONG && !memchr(c + pos, '\n', fed - pos)) {
				/* reported before its LF arrived: check it now,
				 * skip it in the naive split when it ends */
				const uint8_t *nl = memchr(c + pos, '\n', n - pos);
				FUZZ_CHECK(ln.lineno == lineno + 1);
				FUZZ_CHECK(fed - pos > cap);
				lineno++;
				pos = nl ? (size_t)(nl - c) + 1 : n;
				continue;
			}
			expect(c, n, &pos, &lineno, cap, ev, &ln, buf);
		}
		k = ns_lines_drop(&s, len);
		FUZZ_CHECK(k <= len);
		memmove(buf, buf + k, len - k);
		len -= k;
	}
	while ((ev = ns_lines_finish(&s, buf, len, drop, &ln)) != NS_LINES_NEED)
		expect(c, n, &pos, &lineno, cap, ev, &ln, buf);
	/* every line was seen: all of them, or all but a dropped last one */
	if (pos < n)
		FUZZ_CHECK(drop && !memchr(c + pos, '\n', n - pos));
	FUZZ_CHECK(s.done_off == last_lf);
	FUZZ_CHECK(s.done_lines == n_lf);
	free(buf);
	return 0;
}
