/* SPDX-License-Identifier: MIT */
/* t_date.c -- tests of common/date.c. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "unit.h"

#define D 86400LL
#define T_2026_02_16 1771200000LL

static const struct {
	const char *s;
	int64_t start, end;
} good[] = {
	/* ISO 8601, full and partial */
	{ "2026", 1767225600LL, 1798761600LL - 1 },
	{ "2026-02", 1769904000LL, 1772323200LL - 1 },
	{ "2024-02", 1706745600LL, 1709251200LL - 1 },	/* leap February */
	{ "2026-02-16", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "  2026-02-16 \n", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "2026-02-16T15:01:01Z", 1771254061LL, 1771254061LL },
	{ "2026-02-16t15:01:01z", 1771254061LL, 1771254061LL },
	{ "2026-02-16T15:01:01", 1771254061LL, 1771254061LL },
	{ "2026-02-16 15:01:01", 1771254061LL, 1771254061LL },
	{ "2026-02-16T15:01:01.123456Z", 1771254061LL, 1771254061LL },
	{ "2026-02-16T15:01:01,5Z", 1771254061LL, 1771254061LL },
	/* a zone is read, not applied: the wall clock as written (date.h) */
	{ "2026-02-16T15:01:01+01:00", 1771254061LL, 1771254061LL },
	{ "2026-02-16T15:01:01+0100", 1771254061LL, 1771254061LL },
	{ "2026-02-16T15:01:01+01", 1771254061LL, 1771254061LL },
	{ "2026-02-16T15:01:01-05:30", 1771254061LL, 1771254061LL },
	{ "2022-05-03T22:46-03:00", 1651617960LL, 1651617960LL + 59 },	/* May 3, not May 4 */
	{ "2026-02-16T00:30:00+05:00", T_2026_02_16 + 1800, T_2026_02_16 + 1800 },
	{ "2026-02-16 15:01:01 +0000", 1771254061LL, 1771254061LL },
	{ "2026-02-16T15:01", 1771254060LL, 1771254060LL + 59 },
	{ "2026-02-16T23:59:60Z", T_2026_02_16 + D - 1, T_2026_02_16 + D - 1 },
	{ "2024-02-29", 1709164800LL, 1709164800LL + D - 1 },
	{ "2000-02-29", 951782400LL, 951782400LL + D - 1 },
	{ "1970-01-01", 0, D - 1 },
	{ "1969-12-31T23:59:59Z", -1, -1 },
	{ "0001-01-01", -62135596800LL, -62135596800LL + D - 1 },
	{ "9999-12-31T23:59:59Z", 253402300799LL, 253402300799LL },
	{ "9999", 253402300799LL - 365 * D + 1, 253402300799LL },
	{ "1900-03-01", -2203891200LL, -2203891200LL + D - 1 },
	/* RFC 2822 */
	{ "Mon, 16 Feb 2026 15:01:01 +0000", 1771254061LL, 1771254061LL },
	{ "Mon, 16 Feb 2026 15:01:01 GMT", 1771254061LL, 1771254061LL },
	{ "Mon, 16 Feb 2026 15:01:01 -0500", 1771254061LL, 1771254061LL },
	{ "Mon, 16 Feb 2026 23:30:00 +0200", T_2026_02_16 + 84600, T_2026_02_16 + 84600 },
	{ "Mon, 16 Feb 2026 15:01:01 EST", 1771254061LL, 1771254061LL },
	{ "Mon, 16 Feb 2026 15:01:01 +0000 (UTC)", 1771254061LL, 1771254061LL },
	{ "16 Feb 2026 15:01 +0000", 1771254060LL, 1771254060LL + 59 },
	{ "Tue, 16 Feb 2026 15:01:01 +0000", 1771254061LL, 1771254061LL }, /* weekday unchecked */
	/* English text */
	{ "February 16th, 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "February 16, 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "february 16 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "FEB 16, 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "Feb. 16, 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "16 February 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "16th of February, 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "Monday, February 16, 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "Mon. Feb 16 2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "February\xC2\xA0" "16,\xC2\xA0" "2026", T_2026_02_16, T_2026_02_16 + D - 1 },
	{ "Sept 1, 2025", 1756684800LL, 1756684800LL + D - 1 },
	{ "1st September 2025", 1756684800LL, 1756684800LL + D - 1 },
	{ "February 2026", 1769904000LL, 1772323200LL - 1 },
	{ "February 16, 2026 at 3:05 pm", 1771254300LL, 1771254300LL + 59 },
	{ "February 16, 2026, 3:05 p.m.", 1771254300LL, 1771254300LL + 59 },
	{ "February 16, 2026 12:00 am", T_2026_02_16, T_2026_02_16 + 59 },
	{ "February 16, 2026 15:01:01 UTC", 1771254061LL, 1771254061LL },
	{ "February 29, 2024", 1709164800LL, 1709164800LL + D - 1 },
};

static const char *const bad[] = {
	"",
	"   ",
	"2026-02-30",
	"2026-02-29",
	"2023-02-29",
	"1900-02-29",
	"2026-04-31",
	"2026-13-01",
	"2026-00-10",
	"2026-02-00",
	"0000-01-01",
	"0000",
	"10000-01-01",
	"26-02-16",
	"2026-2-16",
	"2026-02-1",
	"20260216",
	"2026/02/16",
	"2026-02-16T",
	"2026-02-16x",
	"2026-02-16T24:00:00",
	"2026-02-16T15:60",
	"2026-02-16T15:01:61",
	"2026-02-16T15",
	"2026-02-16T15:01:01+24:00",
	"2026-02-16T15:01:01+1",
	"2026-02-16T15:01:01Z junk",
	"February 30, 2026",
	"February 29, 2026",
	"Feb 16",
	"16 Feb 26",
	"Foo 16, 2026",
	"Febru 16, 2026",
	"February 32, 2026",
	"February 16st",
	"February 16xx, 2026",
	"February 16, 2026 and more",
	"February 16, 2026 13:00 pm",
	"yesterday",
	"Monday",
	"12:00",
	"-2026",
};

NS_SUITE(date)
{
	int64_t t, s, e;
	char day[11];
	size_t off, len;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *in = good[i].s;
		s = e = 42;
		int rc = ns_date_parse_range(in, strlen(in), &s, &e);
		if (rc != 0 || s != good[i].start || e != good[i].end)
			NS_UNIT_FAIL("date \"%s\": rc %d start %lld end %lld, want %lld %lld", in, rc,
				     (long long)s, (long long)e, (long long)good[i].start,
				     (long long)good[i].end);
		else
			ns_unit_passed++;
		CHECK_INT_EQ(ns_date_parse(in, strlen(in), &t), 0);
		CHECK_INT_EQ(t, good[i].start);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = ns_date_parse(bad[i], strlen(bad[i]), &t);
		if (rc != -1)
			NS_UNIT_FAIL("date \"%s\" should be rejected, got %lld", bad[i], (long long)t);
		else
			ns_unit_passed++;
	}
	/* length is honoured: no NUL needed, bytes after len ignored */
	CHECK_INT_EQ(ns_date_parse("2026-02-16T15:01:01Z", 10, &t), 0);
	CHECK_INT_EQ(t, T_2026_02_16);
	CHECK_INT_EQ(ns_date_parse("2026-02-16", 7, &t), 0);
	CHECK_INT_EQ(t, 1769904000LL);
	CHECK_INT_EQ(ns_date_parse(NULL, 0, &t), -1);

	/* leap-year rule over many years against a simple count of days */
	{
		int64_t days = 0;
		int ok = 1;
		for (int y = 1970; y < 2500 && ok; y++) {
			char buf[32];
			int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
			snprintf(buf, sizeof(buf), "%04d-02-29", y);
			if ((ns_date_parse(buf, 10, &t) == 0) != leap)
				ok = 0;
			snprintf(buf, sizeof(buf), "%04d", y);
			if (ns_date_parse_range(buf, 4, &s, &e) != 0 || s != days * D ||
			    e != (days + (leap ? 366 : 365)) * D - 1)
				ok = 0;
			days += leap ? 366 : 365;
		}
		CHECK(ok);
	}

	/* format */
	ns_date_format_day(0, day);
	CHECK_STR_EQ(day, "1970-01-01");
	ns_date_format_day(-1, day);
	CHECK_STR_EQ(day, "1969-12-31");
	ns_date_format_day(1771254061LL, day);
	CHECK_STR_EQ(day, "2026-02-16");
	ns_date_format_day(253402300799LL, day);
	CHECK_STR_EQ(day, "9999-12-31");
	ns_date_format_day(-62135596800LL, day);
	CHECK_STR_EQ(day, "0001-01-01");
	ns_date_format_day(1709164800LL + 5, day);
	CHECK_STR_EQ(day, "2024-02-29");
	ns_date_format_day(NS_DATE_NONE, day);
	CHECK_STR_EQ(day, "");
	/* round trip of every day across a few leap cycles */
	{
		int ok = 1;
		for (int64_t d = -800; d < 800 && ok; d++) {
			int64_t back;
			ns_date_format_day(1709164800LL + d * D + 3600, day);
			if (ns_date_parse(day, 10, &back) != 0 || back != 1709164800LL + d * D)
				ok = 0;
		}
		CHECK(ok);
	}

	/* civil date of a time: floor to the day, before the epoch too */
	{
		int64_t y;
		int m, dd;
		ns_date_civil(-1, &y, &m, &dd);
		CHECK(y == 1969 && m == 12 && dd == 31);
		ns_date_civil(-86400, &y, &m, &dd);
		CHECK(y == 1969 && m == 12 && dd == 31);
		ns_date_civil(-86401, &y, &m, &dd);
		CHECK(y == 1969 && m == 12 && dd == 30);
		ns_date_civil(1709164800LL + 86399, &y, &m, &dd);
		CHECK(y == 2024 && m == 2 && dd == 29);
		ns_date_civil(-62135596800LL, &y, &m, &dd);
		CHECK(y == 1 && m == 1 && dd == 1);
		/* the calendar agrees with the date parser on edges */
		const char *edges[] = { "1970-01-01", "1969-12-31", "2000-02-29", "2026-02-16",
					"1900-03-01", "0001-01-01", "9999-12-31" };
		for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
			char back[32];
			CHECK_INT_EQ(ns_date_parse(edges[i], strlen(edges[i]), &t), 0);
			ns_date_civil(t, &y, &m, &dd);
			snprintf(back, sizeof(back), "%04lld-%02d-%02d", (long long)y, m, dd);
			CHECK_STR_EQ(back, edges[i]);
		}
	}

	/* find */
	{
		const char *txt = "February 16th, 2026: U.S. President Donald Trump";
		CHECK_INT_EQ(ns_date_find(txt, strlen(txt), 1000, &t, &off, &len), 0);
		CHECK_INT_EQ(t, T_2026_02_16);
		CHECK_INT_EQ(off, 0);
		CHECK_INT_EQ(len, strlen("February 16th, 2026"));
	}
	{
		const char *txt = "By Staff\nPublished 2026-02-16T08:00:00Z\nText";
		CHECK_INT_EQ(ns_date_find(txt, strlen(txt), 1000, &t, &off, &len), 0);
		CHECK_INT_EQ(t, 1771228800LL);
		CHECK_INT_EQ(off, 19);
		CHECK_INT_EQ(len, 20);
	}
	{
		const char *txt = "Updated: Mon, 16 Feb 2026 15:01:01 +0000 by staff";
		CHECK_INT_EQ(ns_date_find(txt, strlen(txt), 1000, &t, &off, &len), 0);
		CHECK_INT_EQ(t, 1771254061LL);
		CHECK_INT_EQ(off, 9);
		CHECK_INT_EQ(len, strlen("Mon, 16 Feb 2026 15:01:01 +0000"));
	}
	{
		const char *txt = "Posted on 5 March 2025, 10:30 GMT. More text.";
		CHECK_INT_EQ(ns_date_find(txt, strlen(txt), 1000, &t, &off, &len), 0);
		CHECK_INT_EQ(t, 1741170600LL);
		CHECK_INT_EQ(off, 10);
	}
	{
		/* "May" is a word too; a month without a day is not a date here */
		const char *txt = "It may rain. In May 2026 it was warm; 12026-02-16 is no date.";
		CHECK_INT_EQ(ns_date_find(txt, strlen(txt), 1000, &t, &off, &len), -1);
	}
	{
		const char *txt = "On February 30, 2026 nothing; x2026-02-16 neither; 2026-02-16";
		CHECK_INT_EQ(ns_date_find(txt, strlen(txt), 1000, &t, &off, &len), 0);
		CHECK_INT_EQ(off, strlen(txt) - 10);
		/* outside the first max_bytes */
		CHECK_INT_EQ(ns_date_find(txt, strlen(txt), 20, &t, &off, &len), -1);
	}
	{
		/* starts inside the window; the text is not NUL-terminated */
		char txt[12];
		memcpy(txt, "x 2026-02-16", 12);
		CHECK_INT_EQ(ns_date_find(txt, sizeof(txt), 3, &t, &off, &len), 0);
		CHECK_INT_EQ(off, 2);
		CHECK_INT_EQ(len, 10);
		CHECK_INT_EQ(ns_date_find(txt, 11, 1000, &t, &off, &len), -1);
	}
	CHECK_INT_EQ(ns_date_find("", 0, 1000, &t, &off, &len), -1);
}
