/* SPDX-License-Identifier: MIT */
/* t_fieldterm.c -- source and date terms, and the civil calendar. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "fieldterm.h"
#include "unit.h"

NS_SUITE(fieldterm)
{
	char t[NS_FT_MAX_LEN];
	int y, m, d;
	int64_t key;

	CHECK_INT_EQ(ns_ft_source(t, "reuters", 7), 9);
	CHECK(memcmp(t, "\x01sreuters", 9) == 0);
	CHECK_INT_EQ(ns_ft_year(t, 2026), 6);
	CHECK_STR_EQ(t + 1, "y2026");
	CHECK_INT_EQ(ns_ft_month(t, 2026, 2), 9);
	CHECK_STR_EQ(t + 1, "m2026-02");
	CHECK_INT_EQ(ns_ft_day(t, 987, 12, 31), 12);
	CHECK_STR_EQ(t + 1, "d0987-12-31");
	CHECK(ns_ft_is_field(t, 12));
	CHECK(!ns_ft_is_field("iran", 4));

	/* The calendar agrees with the date parser on edges. */
	const char *days[] = { "1970-01-01", "1969-12-31", "2000-02-29", "2026-02-16",
			       "1900-03-01", "0001-01-01", "9999-12-31" };
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		char back[16];
		CHECK_INT_EQ(ns_date_parse(days[i], strlen(days[i]), &key), 0);
		ns_ft_civil(key, &y, &m, &d);
		snprintf(back, sizeof(back), "%04d-%02d-%02d", y, m, d);
		CHECK_STR_EQ(back, days[i]);
	}
	/* Late in a day is still that day, before 1970 too. */
	ns_ft_civil(-1, &y, &m, &d);
	CHECK_INT_EQ(d, 31);
	ns_ft_civil(86399, &y, &m, &d);
	CHECK_INT_EQ(d, 1);
}
