/* SPDX-License-Identifier: MIT */
/* t_daterange.c -- date restrictions: parsing ranges, and their
 * decomposition into year/month/day field terms. */
#include <string.h>

#include "date.h"
#include "daterange.h"
#include "fieldterm.h"
#include "unit.h"

#define D 86400LL

static const struct {
	const char *s;
	const char *lo, *hi;	/* the range's first and last day, "" = open */
} good[] = {
	{ "2026", "2026-01-01", "2026-12-31" },
	{ "2026-02", "2026-02-01", "2026-02-28" },
	{ "2024-02", "2024-02-01", "2024-02-29" },
	{ "2026-02-16", "2026-02-16", "2026-02-16" },
	{ "2026-02-01..2026-02-28", "2026-02-01", "2026-02-28" },
	{ "2026-02..", "2026-02-01", "" },
	{ "..2025-12-31", "", "2025-12-31" },
	{ "..2025", "", "2025-12-31" },
	{ "2025..2026", "2025-01-01", "2026-12-31" },
	{ "2025-12..2026-01", "2025-12-01", "2026-01-31" },
	{ "..", "", "" },
	{ "Feb 16, 2026..2026-03", "2026-02-16", "2026-03-31" },
};

static const char *const bad[] = {
	"", "x", "2026-13", "2026-02-30", "2026..x", "x..2026", "2026-03..2026-02",
	"2026..2027..2028", "...", "2026...2027",
};

static void day(int64_t t, char out[11])
{
	if (t == NS_DR_MIN || t == NS_DR_MAX)
		out[0] = 0;
	else
		ns_date_format_day(t, out);
}

NS_SUITE(daterange)
{
	struct ns_daterange r;
	char msg[256], lo[11], hi[11];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK_INT_EQ(ns_daterange_parse(good[i].s, &r, msg, sizeof(msg)), 0);
		day(r.lo, lo);
		day(r.hi, hi);
		CHECK_STR_EQ(lo, good[i].lo);
		CHECK_STR_EQ(hi, good[i].hi);
		/* A closed end is the last second of its day. */
		if (r.hi != NS_DR_MAX)
			CHECK_INT_EQ((r.hi + 1) % D, 0);
		if (r.lo != NS_DR_MIN)
			CHECK_INT_EQ(r.lo % D, 0);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		msg[0] = 0;
		CHECK_INT_EQ(ns_daterange_parse(bad[i], &r, msg, sizeof(msg)), -1);
		CHECK(msg[0] != 0);
	}
	CHECK_INT_EQ(ns_daterange_parse("2026-03..2026-02", &r, msg, sizeof(msg)), -1);
	CHECK(strstr(msg, "ends before it starts") != NULL);
	CHECK_INT_EQ(ns_daterange_parse("2026-02-30", &r, msg, sizeof(msg)), -1);
	CHECK(strstr(msg, "'2026-02-30' is not a date") != NULL);
}

/* The terms of a decomposition as one string: "y2026 m2027-01 d2027-02-01*"
 * (the mark byte left out, '*' after a partial day). */
struct collect {
	char s[8192];
	int n;
};

static int on_term(void *ctx, const char *term, size_t len, int partial)
{
	struct collect *c = ctx;
	size_t at = strlen(c->s);

	if (len < 2 || term[0] != NS_FT_MARK || at + len + 3 >= sizeof(c->s))
		return -1;
	if (at)
		c->s[at++] = ' ';
	memcpy(c->s + at, term + 1, len - 1);
	at += len - 1;
	if (partial)
		c->s[at++] = '*';
	c->s[at] = 0;
	c->n++;
	return 0;
}

static const char *terms_of(const char *range, int y_min, int y_max, struct collect *c)
{
	struct ns_daterange r;

	memset(c, 0, sizeof(*c));
	if (ns_daterange_parse(range, &r, NULL, 0) != 0)
		return "(bad range)";
	if (ns_daterange_terms(&r, y_min, y_max, on_term, c) != 0)
		return "(walk failed)";
	return c->s;
}

NS_SUITE(daterange_terms)
{
	struct collect c;
	struct ns_daterange r;

	/* Whole units use one term. */
	CHECK_STR_EQ(terms_of("2026", 2000, 2030, &c), "y2026");
	CHECK_STR_EQ(terms_of("2026-02", 2000, 2030, &c), "m2026-02");
	CHECK_STR_EQ(terms_of("2026-02-16", 2000, 2030, &c), "d2026-02-16");
	CHECK_STR_EQ(terms_of("2025..2026", 2000, 2030, &c), "y2025 y2026");
	/* Years, then months, then days at the edges. */
	CHECK_STR_EQ(terms_of("2025-11-29..2027-01-02", 2000, 2030, &c),
		     "d2025-11-29 d2025-11-30 m2025-12 y2026 d2027-01-01 d2027-01-02");
	CHECK_STR_EQ(terms_of("2026-01-30..2026-03-01", 2000, 2030, &c),
		     "d2026-01-30 d2026-01-31 m2026-02 d2026-03-01");
	CHECK_STR_EQ(terms_of("2024-02-28..2024-02", 2000, 2030, &c), "d2024-02-28 d2024-02-29");
	/* Open ends stop at the years the index holds. */
	CHECK_STR_EQ(terms_of("..2025-12-31", 2023, 2026, &c), "y2023 y2024 y2025");
	CHECK_STR_EQ(terms_of("2026-02..", 2023, 2026, &c),
		     "m2026-02 m2026-03 m2026-04 m2026-05 m2026-06 m2026-07 m2026-08 m2026-09 "
		     "m2026-10 m2026-11 m2026-12");
	CHECK_STR_EQ(terms_of("..", 2025, 2026, &c), "y2025 y2026");
	CHECK_STR_EQ(terms_of("2030", 2023, 2026, &c), "");
	CHECK_STR_EQ(terms_of("1990..1999", 2023, 2026, &c), "");
	/* The worst case is bounded: 2 * 30 days + 2 * 11 months + the years. */
	terms_of("2001-01-02..2010-12-30", 1, 9999, &c);
	CHECK_INT_EQ(c.n, 30 + 11 + 8 + 11 + 30);
	/* A range inside a day: that day, partial; so are edge days. */
	r.lo = ns_date_from_civil(2026, 2, 16) + 12 * 3600;
	r.hi = ns_date_from_civil(2026, 2, 17) + 6 * 3600;
	memset(&c, 0, sizeof(c));
	CHECK_INT_EQ(ns_daterange_terms(&r, 2026, 2026, on_term, &c), 0);
	CHECK_STR_EQ(c.s, "d2026-02-16* d2026-02-17*");
	r.hi = ns_date_from_civil(2026, 3, 31) + D - 1;
	memset(&c, 0, sizeof(c));
	CHECK_INT_EQ(ns_daterange_terms(&r, 2026, 2026, on_term, &c), 0);
	CHECK(strncmp(c.s, "d2026-02-16* d2026-02-17 ", 25) == 0);
	CHECK(strstr(c.s, " m2026-03") != NULL);
	/* Extreme years stay in 1..9999. */
	CHECK_STR_EQ(terms_of("..", -5, 1, &c), "y0001");
	CHECK_STR_EQ(terms_of("9999", 9999, 20000, &c), "y9999");
	/* Intersection. */
	{
		struct ns_daterange a = { 10, 20 }, b = { 15, 30 }, o;
		CHECK_INT_EQ(ns_daterange_intersect(&a, &b, &o), 0);
		CHECK_INT_EQ(o.lo, 15);
		CHECK_INT_EQ(o.hi, 20);
		b.lo = 21;
		CHECK_INT_EQ(ns_daterange_intersect(&a, &b, &o), -1);
	}
}
