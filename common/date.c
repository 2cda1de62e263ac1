/* SPDX-License-Identifier: MIT */
/* date.c -- dates as seconds since the epoch (see date.h).
 *
 * Calendar arithmetic is our own (proleptic Gregorian, days from civil after
 * H. Hinnant), so nothing depends on the C library's time zone or locale.
 *
 * Forms read (case-insensitive for names and for 'T'/'Z'):
 *   ISO 8601   YYYY | YYYY-MM | YYYY-MM-DD [('T'|'t'|' ') hh:mm[:ss[(.|,)f+]]]
 *              [ZONE]; exactly 4-digit years and 2-digit fields.
 *   text       [Weekday[.][,]] Month[.] D[st|nd|rd|th][,] YYYY   [TIME]
 *              [Weekday[.][,]] D[st|nd|rd|th] [of] Month[.][,] YYYY [TIME]
 *              Month[.][,] YYYY (a month; ns_date_parse only, never found
 *              in free text)
 *              RFC 2822 is the second form: "Mon, 16 Feb 2026 15:01:01 +0000"
 *              (an optional trailing comment such as "(UTC)" is allowed).
 *   TIME       [,|" at"] hh:mm[:ss[.f+]] [am|pm|a.m.|p.m.] [ZONE]
 *   ZONE       Z | +hh | +hhmm | +hh:mm (or '-') | UT | UTC | GMT |
 *              EST EDT CST CDT MST MDT PST PDT; spaces may precede it.
 * Month names are full or abbreviated (Jan, Feb, ..., "Sept"); weekdays
 * likewise (Mon, Tue, Tues, ...), and a weekday is not checked against the
 * date (feeds often get it wrong).  Separators between words are spaces,
 * tabs or no-break spaces (U+00A0).  Two-digit years are not accepted.
 * Years 1..9999; days are checked against the month (2026-02-30 is
 * rejected, 2024-02-29 is fine); hours 0..23, minutes 0..59, seconds 0..60
 * (a leap second 60 reads as 59 so the date stays on its day).
 */
#include "date.h"

#include <string.h>

#define DAY_SECS 86400

enum prec { P_YEAR, P_MONTH, P_DAY, P_MINUTE, P_SECOND };

struct dt {
	int y, mo, d, h, mi, s;
	int off;	/* zone offset east of UTC, in minutes */
	enum prec prec;
};

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* ---- small scanners; each returns the new position or NOPE ---- */

#define NOPE ((size_t)-1)

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(int c)
{
	return is_digit(c) || is_alpha(c);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int at(const char *s, size_t n, size_t i)
{
	return i < n ? (unsigned char)s[i] : -1;
}

/* Exactly k digits, not followed by another digit. */
static size_t digits_exact(const char *s, size_t n, size_t i, int k, int *v)
{
	int x = 0;

	for (int j = 0; j < k; j++, i++) {
		if (!is_digit(at(s, n, i)))
			return NOPE;
		x = x * 10 + (s[i] - '0');
	}
	if (is_digit(at(s, n, i)))
		return NOPE;
	*v = x;
	return i;
}

/* One or two digits, not followed by another digit. */
static size_t digits_12(const char *s, size_t n, size_t i, int *v)
{
	if (!is_digit(at(s, n, i)))
		return NOPE;
	if (is_digit(at(s, n, i + 1)))
		return digits_exact(s, n, i, 2, v);
	return digits_exact(s, n, i, 1, v);
}

/* Blanks between words: space, tab, U+00A0.  Returns i unchanged if none. */
static size_t blanks(const char *s, size_t n, size_t i)
{
	for (;;) {
		int c = at(s, n, i);
		if (c == ' ' || c == '\t')
			i++;
		else if (c == 0xC2 && at(s, n, i + 1) == 0xA0)
			i += 2;
		else
			return i;
	}
}

/* At least one blank. */
static size_t blanks1(const char *s, size_t n, size_t i)
{
	size_t j = blanks(s, n, i);
	return j == i ? NOPE : j;
}

/* A word of ASCII letters at i: its end, or i if none. */
static size_t word_end(const char *s, size_t n, size_t i)
{
	while (is_alpha(at(s, n, i)))
		i++;
	return i;
}

/* Case-insensitive comparison of s[i..e) with the lower-case name w. */
static int word_is(const char *s, size_t i, size_t e, const char *w)
{
	size_t k = strlen(w);

	if (e - i != k)
		return 0;
	for (size_t j = 0; j < k; j++)
		if (lower((unsigned char)s[i + j]) != w[j])
			return 0;
	return 1;
}

static const char *const month_names[12] = { "january", "february", "march",	 "april",
					     "may",	"june",	    "july",	 "august",
					     "september", "october", "november", "december" };

/* Month name (full, 3-letter, or "sept"), optional '.'.  Sets *m 1..12. */
static size_t month_word(const char *s, size_t n, size_t i, int *m)
{
	size_t e = word_end(s, n, i);

	if (e == i)
		return NOPE;
	for (int k = 0; k < 12; k++) {
		char ab[4];
		memcpy(ab, month_names[k], 3);
		ab[3] = 0;
		if (word_is(s, i, e, month_names[k]) || word_is(s, i, e, ab) ||
		    (k == 8 && word_is(s, i, e, "sept"))) {
			*m = k + 1;
			if (at(s, n, e) == '.' && e - i < strlen(month_names[k]))
				e++;
			return e;
		}
	}
	return NOPE;
}

/* Weekday name with optional '.' and ',', then blanks. */
static size_t weekday_word(const char *s, size_t n, size_t i)
{
	static const char *const names[] = { "monday", "tuesday",  "wednesday", "thursday",
					      "friday", "saturday", "sunday",	 "mon",
					      "tue",	"tues",	    "wed",	 "thu",
					      "thur",	"thurs",    "fri",	 "sat",
					      "sun" };
	size_t e = word_end(s, n, i);
	int ok = 0;

	if (e == i)
		return NOPE;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (word_is(s, i, e, names[k]))
			ok = 1;
	if (!ok)
		return NOPE;
	if (at(s, n, e) == '.')
		e++;
	if (at(s, n, e) == ',')
		e++;
	return blanks1(s, n, e);
}

/* Day of month with an optional ordinal suffix. */
static size_t day_num(const char *s, size_t n, size_t i, int *d)
{
	size_t e = digits_12(s, n, i, d);

	if (e == NOPE || *d < 1 || *d > 31)
		return NOPE;
	if (is_alpha(at(s, n, e))) {
		size_t w = word_end(s, n, e);
		if (!(word_is(s, e, w, "st") || word_is(s, e, w, "nd") || word_is(s, e, w, "rd") ||
		      word_is(s, e, w, "th")))
			return NOPE;
		e = w;
	}
	return e;
}

static size_t year_num(const char *s, size_t n, size_t i, int *y)
{
	size_t e = digits_exact(s, n, i, 4, y);

	if (e == NOPE || *y < 1)
		return NOPE;
	return e;
}

/* ZONE, possibly after blanks; NOPE if there is none. */
static size_t zone(const char *s, size_t n, size_t i, int *off)
{
	static const struct {
		const char *name;
		int off;
	} names[] = { { "ut", 0 },	   { "utc", 0 },       { "gmt", 0 },	   { "est", -5 * 60 },
		      { "edt", -4 * 60 }, { "cst", -6 * 60 }, { "cdt", -5 * 60 }, { "mst", -7 * 60 },
		      { "mdt", -6 * 60 }, { "pst", -8 * 60 }, { "pdt", -7 * 60 }, { "z", 0 } };
	size_t j = blanks(s, n, i), e;
	int c = at(s, n, j), hh, mm = 0;

	if (c == '+' || c == '-') {
		e = digits_exact(s, n, j + 1, 2, &hh);
		if (e == NOPE) {
			e = digits_exact(s, n, j + 1, 4, &hh);
			if (e == NOPE)
				return NOPE;
			mm = hh % 100;
			hh /= 100;
		} else if (at(s, n, e) == ':') {
			e = digits_exact(s, n, e + 1, 2, &mm);
			if (e == NOPE)
				return NOPE;
		}
		if (hh > 23 || mm > 59)
			return NOPE;
		*off = (c == '-' ? -1 : 1) * (hh * 60 + mm);
		return e;
	}
	e = word_end(s, n, j);
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (word_is(s, j, e, names[k].name)) {
			*off = names[k].off;
			return e;
		}
	return NOPE;
}

/* hh:mm[:ss[.f+]] at i; sets the time fields and precision. */
static size_t clock_time(const char *s, size_t n, size_t i, struct dt *t)
{
	int h, mi, sec = 0;
	size_t e = digits_12(s, n, i, &h);

	if (e == NOPE || at(s, n, e) != ':')
		return NOPE;
	e = digits_exact(s, n, e + 1, 2, &mi);
	if (e == NOPE || h > 23 || mi > 59)
		return NOPE;
	t->prec = P_MINUTE;
	if (at(s, n, e) == ':' && is_digit(at(s, n, e + 1))) {
		e = digits_exact(s, n, e + 1, 2, &sec);
		if (e == NOPE || sec > 60)
			return NOPE;
		if (sec == 60)
			sec = 59;
		t->prec = P_SECOND;
		if ((at(s, n, e) == '.' || at(s, n, e) == ',') && is_digit(at(s, n, e + 1))) {
			e++;
			while (is_digit(at(s, n, e)))
				e++;
		}
	}
	t->h = h;
	t->mi = mi;
	t->s = sec;
	return e;
}

/* am/pm marker after a time; adjusts t->h.  NOPE if none or h is not 1..12. */
static size_t ampm(const char *s, size_t n, size_t i, struct dt *t)
{
	size_t j = blanks(s, n, i), e;
	int c = lower(at(s, n, j)), pm;

	if (c != 'a' && c != 'p')
		return NOPE;
	pm = c == 'p';
	if (lower(at(s, n, j + 1)) == 'm' && !is_alpha(at(s, n, j + 2)))
		e = j + 2;
	else if (at(s, n, j + 1) == '.' && lower(at(s, n, j + 2)) == 'm' && at(s, n, j + 3) == '.')
		e = j + 4;
	else
		return NOPE;
	if (t->h < 1 || t->h > 12)
		return NOPE;
	t->h = t->h % 12 + (pm ? 12 : 0);
	return e;
}

/* ISO 8601 at i.  partial: "YYYY" and "YYYY-MM" are accepted. */
static size_t iso(const char *s, size_t n, size_t i, struct dt *t, int partial)
{
	size_t e = year_num(s, n, i, &t->y), k;
	int c;

	if (e == NOPE)
		return NOPE;
	t->prec = P_YEAR;
	if (at(s, n, e) != '-')
		return partial ? e : NOPE;
	k = digits_exact(s, n, e + 1, 2, &t->mo);
	if (k == NOPE || t->mo < 1 || t->mo > 12)
		return NOPE;
	e = k;
	t->prec = P_MONTH;
	if (at(s, n, e) != '-')
		return partial ? e : NOPE;
	k = digits_exact(s, n, e + 1, 2, &t->d);
	if (k == NOPE || t->d < 1 || t->d > days_in_month(t->y, t->mo))
		return NOPE;
	e = k;
	t->prec = P_DAY;
	c = at(s, n, e);
	if (c == 'T' || c == 't' || c == ' ') {
		struct dt u = *t;
		k = clock_time(s, n, e + 1, &u);
		if (k != NOPE) {
			size_t z = zone(s, n, k, &u.off);
			*t = u;
			e = z != NOPE ? z : k;
		}
	}
	return e;
}

/* Optional TIME after a text date ending at e; returns the new end. */
static size_t text_time(const char *s, size_t n, size_t e, struct dt *t)
{
	size_t j = e, k, z;
	struct dt u = *t;

	if (at(s, n, j) == ',')
		j++;
	j = blanks(s, n, j);
	if (j == e)
		return e;
	k = word_end(s, n, j);
	if (word_is(s, j, k, "at")) {
		k = blanks1(s, n, k);
		if (k == NOPE)
			return e;
		j = k;
	}
	k = clock_time(s, n, j, &u);
	if (k == NOPE)
		return e;
	z = ampm(s, n, k, &u);
	if (z != NOPE)
		k = z;
	z = zone(s, n, k, &u.off);
	if (z != NOPE)
		k = z;
	*t = u;
	return k;
}

/* English or RFC 2822 date at i.  partial: "Month YYYY" is accepted. */
static size_t text_date(const char *s, size_t n, size_t i, struct dt *t, int partial)
{
	size_t e, k;

	k = weekday_word(s, n, i);
	if (k != NOPE)
		i = k;
	t->prec = P_DAY;
	if (is_digit(at(s, n, i))) {
		/* D[th] [of] Month[.][,] YYYY */
		e = day_num(s, n, i, &t->d);
		if (e == NOPE || (e = blanks1(s, n, e)) == NOPE)
			return NOPE;
		k = word_end(s, n, e);
		if (word_is(s, e, k, "of")) {
			e = blanks1(s, n, k);
			if (e == NOPE)
				return NOPE;
		}
		e = month_word(s, n, e, &t->mo);
		if (e == NOPE)
			return NOPE;
		if (at(s, n, e) == ',')
			e++;
		e = blanks1(s, n, e);
		if (e == NOPE || (e = year_num(s, n, e, &t->y)) == NOPE)
			return NOPE;
	} else {
		/* Month[.] D[th][,] YYYY, or Month[,] YYYY */
		e = month_word(s, n, i, &t->mo);
		if (e == NOPE)
			return NOPE;
		k = e;
		if (at(s, n, k) == ',')
			k++;
		k = blanks1(s, n, k);
		if (k == NOPE)
			return NOPE;
		if (partial && year_num(s, n, k, &t->y) != NOPE) {
			t->prec = P_MONTH;
			t->d = 1;
			return k + 4;
		}
		e = day_num(s, n, k, &t->d);
		if (e == NOPE)
			return NOPE;
		if (at(s, n, e) == ',')
			e++;
		e = blanks1(s, n, e);
		if (e == NOPE || (e = year_num(s, n, e, &t->y)) == NOPE)
			return NOPE;
	}
	if (t->d > days_in_month(t->y, t->mo))
		return NOPE;
	if (is_alnum(at(s, n, e)))
		return NOPE;
	return text_time(s, n, e, t);
}

static void to_range(const struct dt *t, int64_t *start, int64_t *end)
{
	int mo = t->prec >= P_MONTH ? t->mo : 1;
	int d = t->prec >= P_DAY ? t->d : 1;
	int64_t st = days_from_civil(t->y, mo, d) * DAY_SECS, span;

	if (t->prec >= P_MINUTE)
		st += t->h * 3600 + t->mi * 60 + (t->prec == P_SECOND ? t->s : 0);
	/* t->off is read, not applied: a date is the publisher's wall clock
	 * (date.h) */
	switch (t->prec) {
	case P_YEAR: span = (is_leap(t->y) ? 366 : 365) * (int64_t)DAY_SECS; break;
	case P_MONTH: span = days_in_month(t->y, t->mo) * (int64_t)DAY_SECS; break;
	case P_DAY: span = DAY_SECS; break;
	case P_MINUTE: span = 60; break;
	default: span = 1; break;
	}
	*start = st;
	if (end)
		*end = st + span - 1;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int ns_date_parse_range(const char *s, size_t len, int64_t *start, int64_t *end)
{
	size_t i = 0, n = len, e;
	struct dt t;

	if (!s)
		return -1;
	while (i < n && is_space((unsigned char)s[i]))
		i++;
	while (n > i && is_space((unsigned char)s[n - 1]))
		n--;
	if (i == n)
		return -1;
	memset(&t, 0, sizeof(t));
	e = iso(s, n, i, &t, 1);
	if (e != n) {
		memset(&t, 0, sizeof(t));
		e = text_date(s, n, i, &t, 1);
		if (e != NOPE && e != n) {
			/* RFC 2822 allows a trailing comment: "(UTC)". */
			size_t j = blanks(s, n, e);
			if (at(s, n, j) == '(' && s[n - 1] == ')' && memchr(s + j + 1, '(', n - j - 1) == NULL)
				e = n;
		}
		if (e != n)
			return -1;
	}
	to_range(&t, start, end);
	return 0;
}

int ns_date_parse(const char *s, size_t len, int64_t *t)
{
	int64_t end;
	return ns_date_parse_range(s, len, t, &end);
}

int64_t ns_date_from_civil(int y, int m, int d)
{
	return days_from_civil(y, m, d) * DAY_SECS;
}

int ns_date_days_in_month(int y, int m)
{
	return m >= 1 && m <= 12 ? days_in_month(y, m) : 0;
}

void ns_date_civil(int64_t t, int64_t *year, int *month, int *day)
{
	int64_t days = t / DAY_SECS;

	if (t % DAY_SECS < 0)
		days--;
	civil_from_days(days, year, month, day);
}

void ns_date_format_day(int64_t t, char out[11])
{
	int64_t y;
	int m, d;

	if (t == NS_DATE_NONE) {
		out[0] = 0;
		return;
	}
	ns_date_civil(t, &y, &m, &d);
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = 0;
}

/* A date is looked for only at the start of a word (the byte before it is
 * not an ASCII letter or digit) and must end at the end of a word; it must
 * start within the first max_bytes bytes but may run past them.  Only full
 * dates (with a day) are found: an ISO date (with its time and zone if
 * present) or a text date (with a weekday and time if present). */
int ns_date_find(const char *text, size_t text_len, size_t max_bytes, int64_t *t, size_t *off,
		 size_t *len)
{
	size_t lim = text_len < max_bytes ? text_len : max_bytes;

	if (!text)
		return -1;
	for (size_t i = 0; i < lim; i++) {
		int c = (unsigned char)text[i];
		struct dt d;
		size_t e;

		if (!is_alnum(c) || (i > 0 && is_alnum((unsigned char)text[i - 1])))
			continue;
		memset(&d, 0, sizeof(d));
		if (is_digit(c))
			e = iso(text, text_len, i, &d, 0);
		else
			e = NOPE;
		if (e == NOPE) {
			memset(&d, 0, sizeof(d));
			e = text_date(text, text_len, i, &d, 0);
		}
		if (e == NOPE || is_alnum(at(text, text_len, e)))
			continue;
		to_range(&d, t, NULL);
		*off = i;
		*len = e - i;
		return 0;
	}
	return -1;
}
