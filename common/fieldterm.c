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

