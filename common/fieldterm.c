/* SPDX-License-Identifier: MIT */
/* fieldterm.c -- source and date terms (see fieldterm.h). */
#include "fieldterm.h"

#include <stdio.h>
#include <string.h>

size_t ns_ft_source(char *out, const char *word, size_t len)
{
	if (len > NS_FT_MAX_LEN - 3)
		len = NS_FT_MAX_LEN - 3;
	out[0] = NS_FT_MARK;
	out[1] = NS_FT_SOURCE;
	memcpy(out + 2, word, len);
	out[2 + len] = 0;
	return 2 + len;
}

size_t ns_ft_year(char *out, int year)
{
	return (size_t)snprintf(out, NS_FT_MAX_LEN, "%c%c%04d", NS_FT_MARK, NS_FT_YEAR, year);
}

size_t ns_ft_month(char *out, int year, int month)
{
	return (size_t)snprintf(out, NS_FT_MAX_LEN, "%c%c%04d-%02d", NS_FT_MARK, NS_FT_MONTH, year,
				month);
}

size_t ns_ft_day(char *out, int year, int month, int day)
{
	return (size_t)snprintf(out, NS_FT_MAX_LEN, "%c%c%04d-%02d-%02d", NS_FT_MARK, NS_FT_DAY,
				year, month, day);
}

void ns_ft_civil(int64_t t, int *year, int *month, int *day)
{
	/* Howard Hinnant's civil_from_days, on days since 1970-01-01. */
	int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}
