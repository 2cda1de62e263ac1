/* SPDX-License-Identifier: MIT */
/* timeline.h -- how many matches (or stories) per day, week, month or year.
 *
 * Every match is counted, never from its record: from the day column of
 * its segment (colcount.h), one read per match.  With a story map, stories
 * are counted, each once, in the period of its earliest matching article
 * (colcount.h).  Periods are UTC and ISO: 2026, 2026-02, 2026-W07 (ISO 8601
 * weeks, Monday first, the year of their Thursday), 2026-02-16.  Every
 * period from the first match's to the last one's is shown, empty ones
 * included; undated matches are counted apart.
 *
 * Output: in a pipe, "period<TAB>count" lines, then "undated<TAB>count"
 * when some are; on a terminal, one line per period: its label, a bar of
 * Unicode block characters (eighths of a cell) scaled so the largest count
 * fills the width left, and the count.
 */
#ifndef NS_TIMELINE_H
#define NS_TIMELINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "match.h"
#include "stories.h"

enum ns_tl_unit { NS_TL_AUTO = 0, NS_TL_DAY, NS_TL_WEEK, NS_TL_MONTH, NS_TL_YEAR };

/* The counts: count[i] matches in the i-th period from first. */
struct ns_timeline {
	enum ns_tl_unit unit;
	int64_t first;		/* the first period: days since the epoch of
				 * its first day (Monday of a week, 1st of a
				 * month, January 1st of a year) */
	uint64_t *count;	/* n periods (malloc'd) */
	size_t n;
	uint64_t undated;	/* counted without a date */
	uint64_t total;		/* counted in all: matches, or stories */
	uint64_t matches;	/* matching articles */
};

/* Parses "day", "week", "month", "year", or "" (automatic: the finest
 * unit giving 10 to 60 periods, else the nearest to that).  0, or -1 for
 * another word. */
int ns_timeline_unit(const char *s, enum ns_tl_unit *unit);

/* Counts every match of m by period, or every story with st (NULL: none).
 * Release t with ns_timeline_release().  NS_OK or an error of the walk. */
int ns_timeline_count(struct ns_match *m, struct ns_stories *st, enum ns_tl_unit unit,
		      struct ns_timeline *t);
void ns_timeline_release(struct ns_timeline *t);

/* Writes the label of period i of t into out[32]. */
void ns_timeline_label(const struct ns_timeline *t, size_t i, char out[32]);

/* Prints t, as TSV or (tty) as bars fitting width columns.  NS_OK or
 * NS_ERR_IO (errno). */
int ns_timeline_print(FILE *out, const struct ns_timeline *t, int tty, int width);

/* Counts and prints in one go, for nsearch --timeline[=unit]: *n_matches
 * gets the number of matches.  NS_OK, NS_ERR_USAGE (msg) for a bad unit,
 * NS_ERR_IO or an error of the walk. */
int ns_timeline_run(struct ns_match *m, struct ns_stories *st, const char *unit, FILE *out,
		    int tty, int width, uint64_t *n_matches, char *msg, size_t msglen);

#endif /* NS_TIMELINE_H */
