/* SPDX-License-Identifier: MIT */
/* textdate.h -- a publication date written in a page's visible text.
 *
 * Web pages write dates for people, in their language: "23.01.2022",
 * "1. Februar 2022", "10 décembre 2019", "3 de mayo de 2022", "May 3,
 * 2022", "2020-02-19", "2020年02月19日".  ns_textdate_find() finds the first
 * such date in a text (month names in English, German, French, Spanish,
 * Italian, Portuguese, Dutch, Russian, Ukrainian and Polish; numeric forms day.month.year,
 * year-month-day, and day/month/year when the day is above 12).  Years
 * 1990..2100 only; the day must exist in its month.
 */
#ifndef NS_TEXTDATE_H
#define NS_TEXTDATE_H

#include <stddef.h>
#include <stdint.h>

/* Returns 0 and sets *t (00:00 UTC of that day) when s[0..n) holds a
 * date; -1 otherwise. */
int ns_textdate_find(const char *s, size_t n, int64_t *t);

#endif /* NS_TEXTDATE_H */
