/* SPDX-License-Identifier: MIT */
/* t_fieldterm.c -- source and date terms (the calendar: t_date.c). */
#include <string.h>

#include "fieldterm.h"
#include "unit.h"

NS_SUITE(fieldterm)
{
	char t[NS_FT_MAX_LEN];

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
}
