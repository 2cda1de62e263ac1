/* SPDX-License-Identifier: MIT */
/* timeline.c -- matches per period (timeline.h). */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "colcount.h"
#include "date.h"
#include "dayhist.h"
#include "error.h"
#include "match_int.h"

/* The civil date of t (UTC) with an int year (years of dates are 1..9999). */
static void civil(int64_t t, int *year, int *month, int *day)
{
	int64_t y;

	ns_date_civil(t, &y, month, day);
	*year = (int)y;
}

#define AUTO_MIN_BARS 10
#define AUTO_MAX_BARS 60

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int ns_timeline_unit(const char *s, enum ns_tl_unit *unit)
{
	static const char *const names[] = { "", "day", "week", "month", "year" };

	for (int i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0) {
			*unit = (enum ns_tl_unit)i;
			return 0;
		}
	return -1;
}

/* The ordinal of the period holding day (timeline.h: first). */
static int64_t period_of(enum ns_tl_unit u, int64_t day)
{
	int y, m, d;

	switch (u) {
	case NS_TL_WEEK:
		return day - (day + 3 - floor_div(day + 3, 7) * 7);	/* its Monday:
						 * day 0, 1970-01-01, was a Thursday */
	case NS_TL_MONTH:
		civil(day * 86400, &y, &m, &d);
		return (int64_t)y * 12 + m - 1;
	case NS_TL_YEAR:
		civil(day * 86400, &y, &m, &d);
		return y;
	default:
		return day;
	}
}

/* The index of the period holding day, from the first period's ordinal. */
static size_t period_index(enum ns_tl_unit u, int64_t first, int64_t day)
{
	int64_t p = period_of(u, day);
	return (size_t)(u == NS_TL_WEEK ? (p - first) / 7 : p - first);
}

/* The unit of --timeline without one: the finest giving AUTO_MIN_BARS to
 * AUTO_MAX_BARS periods over days lo..hi; when none does (a span of 61 to
 * 119 months: 61+ months or 6-9 years), the one nearest to that range, as
 * a ratio (61 months rather than 6 years); for a span of fewer than 10
 * days, days. */
static enum ns_tl_unit auto_unit(int64_t lo, int64_t hi)
{
	enum ns_tl_unit best = NS_TL_DAY;
	double best_off = 0;

	for (enum ns_tl_unit u = NS_TL_DAY; u <= NS_TL_YEAR; u++) {
		double n = (double)(period_index(u, period_of(u, lo), hi) + 1);
		double off = n > AUTO_MAX_BARS ? n / AUTO_MAX_BARS
			     : n < AUTO_MIN_BARS ? AUTO_MIN_BARS / n : 1.0;
		if (off == 1.0)
			return u;
		if (u == NS_TL_DAY || off < best_off) {
			best = u;
			best_off = off;
		}
	}
	return best;
}

/* A month's matches into its period of t (unit month or year). */
static int add_month(void *ctx, int64_t month, uint64_t count)
{
	struct ns_timeline *t = ctx;

	t->count[(t->unit == NS_TL_YEAR ? floor_div(month, 12) : month) - t->first] += count;
	return 0;
}

int ns_timeline_count(struct ns_match *m, struct ns_stories *st, enum ns_tl_unit unit,
		      struct ns_timeline *t)
{
	struct ns_colcount_days h;
	int64_t lo = 0, hi = -1;
	int rc;

	memset(t, 0, sizeof(*t));
	rc = ns_colcount_days(m->idx, m, st, &h);
	if (rc != NS_OK)
		return rc;
	t->undated = h.undated;
	t->total = h.total;
	t->matches = h.matches;
	for (size_t i = 0; i < h.d.n; i++)
		if (h.d.c[i]) {
			if (hi < lo)
				lo = h.d.base + (int64_t)i;
			hi = h.d.base + (int64_t)i;
		}
	if (unit == NS_TL_AUTO)
		unit = hi >= lo ? auto_unit(lo, hi) : NS_TL_DAY;
	t->unit = unit;
	if (hi < lo)
		goto out;	/* no dated match */
	t->first = period_of(unit, lo);
	t->n = period_index(unit, t->first, hi) + 1;
	t->count = calloc(t->n, sizeof(*t->count));
	if (!t->count) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	if (unit == NS_TL_MONTH || unit == NS_TL_YEAR)
		ns_dayhist_months(&h.d, add_month, t);	/* one civil date a month */
	else
		for (int64_t day = lo; day <= hi; day++)
			if (h.d.c[day - h.d.base])
				t->count[period_index(unit, t->first, day)] += h.d.c[day - h.d.base];
out:
	ns_colcount_days_release(&h);
	if (rc != NS_OK)
		ns_timeline_release(t);
	return rc;
}

void ns_timeline_release(struct ns_timeline *t)
{
	free(t->count);
	memset(t, 0, sizeof(*t));
}

void ns_timeline_label(const struct ns_timeline *t, size_t i, char out[32])
{
	int64_t p = t->first + (int64_t)i * (t->unit == NS_TL_WEEK ? 7 : 1);
	int y, m, d;

	switch (t->unit) {
	case NS_TL_YEAR:
		snprintf(out, 32, "%04d", (int)p);
		break;
	case NS_TL_MONTH:
		snprintf(out, 32, "%04d-%02d", (int)floor_div(p, 12), (int)(p - floor_div(p, 12) * 12) + 1);
		break;
	case NS_TL_WEEK: {
		/* ISO 8601: a week is of the year of its Thursday, and the
		 * year's first week is the one with its first Thursday */
		int yday = 0;
		civil((p + 3) * 86400, &y, &m, &d);
		for (int k = 1; k < m; k++)
			yday += ns_date_days_in_month(y, k);
		yday += d - 1;
		snprintf(out, 32, "%04d-W%02d", y, yday / 7 + 1);
		break;
	}
	default:
		civil(p * 86400, &y, &m, &d);
		snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
	}
}

/* Writes a bar of eighths/8 cells, padded with spaces to cells. */
static void put_bar(FILE *out, uint64_t eighths, int cells)
{
	static const char *const part[8] = { "", "\u258f", "\u258e", "\u258d",
					     "\u258c", "\u258b", "\u258a", "\u2589" };
	uint64_t full = eighths / 8;
	int used = 0;

	for (uint64_t i = 0; i < full; i++, used++)
		fputs("\u2588", out);
	if (eighths % 8) {
		fputs(part[eighths % 8], out);
		used++;
	}
	for (; used < cells; used++)
		putc(' ', out);
}

static void bar_line(FILE *out, const char *label, int label_w, uint64_t count, uint64_t max,
		     int cells, int count_w)
{
	uint64_t e = max ? (count * (uint64_t)cells * 8 + max / 2) / max : 0;

	if (count > 0 && e == 0)
		e = 1;	/* a match is never invisible */
	fprintf(out, "%-*s ", label_w, label);
	put_bar(out, e, cells);
	fprintf(out, " %*llu\n", count_w, (unsigned long long)count);
}

int ns_timeline_print(FILE *out, const struct ns_timeline *t, int tty, int width)
{
	char label[32];
	uint64_t max = t->undated;
	int label_w = 7, count_w = 1, cells;

	if (!tty) {
		for (size_t i = 0; i < t->n; i++) {
			ns_timeline_label(t, i, label);
			fprintf(out, "%s\t%llu\n", label, (unsigned long long)t->count[i]);
		}
		if (t->undated)
			fprintf(out, "undated\t%llu\n", (unsigned long long)t->undated);
		return ferror(out) ? NS_ERR_IO : NS_OK;
	}
	for (size_t i = 0; i < t->n; i++)
		if (t->count[i] > max)
			max = t->count[i];
	if (t->n) {
		ns_timeline_label(t, 0, label);
		if ((int)strlen(label) > label_w)
			label_w = (int)strlen(label);
	}
	for (uint64_t v = max; v >= 10; v /= 10)
		count_w++;
	cells = width - label_w - count_w - 2;
	if (cells < 10)
		cells = 10;
	for (size_t i = 0; i < t->n; i++) {
		ns_timeline_label(t, i, label);
		bar_line(out, label, label_w, t->count[i], max, cells, count_w);
	}
	if (t->undated)
		bar_line(out, "undated", label_w, t->undated, max, cells, count_w);
	return ferror(out) ? NS_ERR_IO : NS_OK;
}

int ns_timeline_run(struct ns_match *m, struct ns_stories *st, const char *unit, FILE *out,
		    int tty, int width, uint64_t *n_matches, char *msg, size_t msglen)
{
	struct ns_timeline t;
	enum ns_tl_unit u;
	int rc;

	*n_matches = 0;
	if (ns_timeline_unit(unit, &u) != 0) {
		ns_msgf(msg, msglen, "--timeline: '%s' is not day, week, month or year", unit);
		return NS_ERR_USAGE;
	}
	rc = ns_timeline_count(m, st, u, &t);
	if (rc != NS_OK)
		return rc;
	*n_matches = t.matches;
	rc = ns_timeline_print(out, &t, tty, width);
	ns_timeline_release(&t);
	return rc;
}
