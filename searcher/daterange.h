/* SPDX-License-Identifier: MIT */
/* daterange.h -- date restrictions ("date:A..B", --since, --until) as a
 * bounded set of the index's date field terms.
 *
 * Every dated article carries three field terms (fieldterm.h): its year,
 * its month and its day, in UTC.  A range of days is then the union of
 * whole years, whole months at the two edges of those years and single
 * days at the two edges of those months, so it costs at most
 *   (years in the range) + 2 * 11 months + 2 * 30 days
 * postings lists however many articles it holds.  A range that starts or
 * ends inside a day (--since 2026-02-16T12:00) marks that edge day
 * "partial": its articles must then be checked against their own date.
 */
#ifndef NS_DATERANGE_H
#define NS_DATERANGE_H

#include <stddef.h>
#include <stdint.h>

#define NS_DR_MIN INT64_MIN	/* open start */
#define NS_DR_MAX INT64_MAX	/* open end */
#define NS_DR_YEAR_MIN 1
#define NS_DR_YEAR_MAX 9999

/* An inclusive range of seconds since the epoch. */
struct ns_daterange {
	int64_t lo;		/* first second, NS_DR_MIN when open */
	int64_t hi;		/* last second, NS_DR_MAX when open */
};

/* Parses the text of a date: operand: "A" (the whole of A: "2026" is the
 * year, "2026-02" the month), "A..B" (from the start of A to the end of B),
 * "A.." and "..B" (open ends), ".." (any date).  A and B take the forms of
 * date.h.  Returns 0, or -1 with the reason in msg[msglen] (may be NULL). */
int ns_daterange_parse(const char *s, struct ns_daterange *r, char *msg, size_t msglen);

/* Whether t lies in r. */
static inline int ns_daterange_has(const struct ns_daterange *r, int64_t t)
{
	return t >= r->lo && t <= r->hi;
}

/* Intersection of a and b into out; 0, or -1 when it is empty. */
int ns_daterange_intersect(const struct ns_daterange *a, const struct ns_daterange *b,
			   struct ns_daterange *out);

/* Called once per term of a decomposition: term[0..len) is a field term
 * (borrowed for the call); partial is 1 for an edge day the range covers
 * only in part.  A non-zero return stops the walk and is returned. */
typedef int (*ns_dr_term_fn)(void *ctx, const char *term, size_t len, int partial);

/* Walks the terms covering r within the years y_min..y_max (the years the
 * index holds; clamped to NS_DR_YEAR_MIN..NS_DR_YEAR_MAX) in date order:
 * whole years, else whole months, else days.  Returns 0 or fn's value. */
int ns_daterange_terms(const struct ns_daterange *r, int y_min, int y_max, ns_dr_term_fn fn,
		       void *ctx);

#endif /* NS_DATERANGE_H */
