/* SPDX-License-Identifier: MIT */
/* daterange.c -- date ranges and their field terms (see daterange.h). */
#include "daterange.h"

#include <string.h>

#include "date.h"
#include "error.h"
#include "fieldterm.h"

#define DAY_SECS 86400
#define MSG_TEXT_MAX 40

static void bad_date(char *msg, size_t msglen, const char *s, size_t n)
{
	ns_msgf(msg, msglen,
		"'%.*s%s' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, or a range A..B, A.., ..B)",
		(int)(n > MSG_TEXT_MAX ? MSG_TEXT_MAX : n), s, n > MSG_TEXT_MAX ? "..." : "");
}

int ns_daterange_parse(const char *s, struct ns_daterange *r, char *msg, size_t msglen)
{
	const char *dots = strstr(s, "..");
	size_t n = strlen(s);
	int64_t start, end;

	r->lo = NS_DR_MIN;
	r->hi = NS_DR_MAX;
	if (!dots) {
		if (ns_date_parse_range(s, n, &r->lo, &r->hi) != 0) {
			bad_date(msg, msglen, s, n);
			return -1;
		}
		return 0;
	}
	if (strstr(dots + 2, "..")) {
		bad_date(msg, msglen, s, n);
		return -1;
	}
	if (dots > s) {
		if (ns_date_parse_range(s, (size_t)(dots - s), &start, &end) != 0) {
			bad_date(msg, msglen, s, (size_t)(dots - s));
			return -1;
		}
		r->lo = start;
	}
	if (dots[2]) {
		if (ns_date_parse_range(dots + 2, strlen(dots + 2), &start, &end) != 0) {
			bad_date(msg, msglen, dots + 2, strlen(dots + 2));
			return -1;
		}
		r->hi = end;
	}
	if (r->lo > r->hi) {
		ns_msgf(msg, msglen, "'%.*s%s': the range ends before it starts",
			(int)(n > MSG_TEXT_MAX ? MSG_TEXT_MAX : n), s, n > MSG_TEXT_MAX ? "..." : "");
		return -1;
	}
	return 0;
}

int ns_daterange_intersect(const struct ns_daterange *a, const struct ns_daterange *b,
			   struct ns_daterange *out)
{
	out->lo = a->lo > b->lo ? a->lo : b->lo;
	out->hi = a->hi < b->hi ? a->hi : b->hi;
	return out->lo <= out->hi ? 0 : -1;
}

/* Whether r covers the whole of the days [first, last] (day starts). */
static int covers(const struct ns_daterange *r, int64_t first, int64_t last)
{
	return r->lo <= first && r->hi >= last + DAY_SECS - 1;
}

static int overlaps(const struct ns_daterange *r, int64_t first, int64_t last)
{
	return r->lo <= last + DAY_SECS - 1 && r->hi >= first;
}

int ns_daterange_terms(const struct ns_daterange *r, int y_min, int y_max, ns_dr_term_fn fn,
		       void *ctx)
{
	char term[NS_FT_MAX_LEN];
	size_t len;
	int rc;

	if (y_min < NS_DR_YEAR_MIN)
		y_min = NS_DR_YEAR_MIN;
	if (y_max > NS_DR_YEAR_MAX)
		y_max = NS_DR_YEAR_MAX;
	for (int y = y_min; y <= y_max; y++) {
		int64_t ys = ns_date_from_civil(y, 1, 1), ye = ns_date_from_civil(y, 12, 31);

		/* Years wholly after the range end the walk; before it, skip. */
		if (ye + DAY_SECS - 1 < r->lo)
			continue;
		if (ys > r->hi)
			break;
		if (covers(r, ys, ye)) {
			len = ns_ft_year(term, y);
			if ((rc = fn(ctx, term, len, 0)) != 0)
				return rc;
			continue;
		}
		for (int m = 1; m <= 12; m++) {
			int dim = ns_date_days_in_month(y, m);
			int64_t ms = ns_date_from_civil(y, m, 1), me = ns_date_from_civil(y, m, dim);

			if (!overlaps(r, ms, me))
				continue;
			if (covers(r, ms, me)) {
				len = ns_ft_month(term, y, m);
				if ((rc = fn(ctx, term, len, 0)) != 0)
					return rc;
				continue;
			}
			for (int d = 1; d <= dim; d++) {
				int64_t ds = ms + (int64_t)(d - 1) * DAY_SECS;
				if (!overlaps(r, ds, ds))
					continue;
				len = ns_ft_day(term, y, m, d);
				if ((rc = fn(ctx, term, len, !covers(r, ds, ds))) != 0)
					return rc;
			}
		}
	}
	return 0;
}
