/* SPDX-License-Identifier: MIT */
/* date.h -- dates of articles and of date queries, as seconds since the epoch.
 *
 * Accepted forms: "2026", "2026-02", "2026-02-16", "2026-02-16T15:01:01",
 * with optional fractional seconds and "Z" or "+hh:mm"/"-hh:mm"; a space may
 * replace the 'T'.  RFC 2822 dates ("Mon, 16 Feb 2026 15:01:01 +0000") and
 * English text dates ("February 16th, 2026", "Feb 16, 2026", "16 February
 * 2026") are accepted too.  A partial date stands for its first second;
 * ns_date_parse_range() gives its end too.
 *
 * The one date rule, for every reader and for date queries: a date is the
 * calendar date and time as written, on the writer's own clock.  A zone
 * ("Z", "+02:00", "+0200", "EST") is accepted and NOT applied:
 * "2022-05-03T22:46-03:00" is 2022-05-03 22:46, which is the day its
 * publisher shows and the day a reader searches for.  The seconds are
 * counted as if that wall clock were UTC (days from civil), so they sort
 * and bucket by the written day; they are not an instant.
 */
#ifndef NS_DATE_H
#define NS_DATE_H

#include <stddef.h>
#include <stdint.h>

#define NS_DATE_NONE INT64_MIN	/* "no date" */

/* Parses s[0..len) (leading and trailing spaces allowed).  Returns 0 and sets
 * *t on success, -1 if s is not a date in one of the forms above. */
int ns_date_parse(const char *s, size_t len, int64_t *t);

/* As ns_date_parse, and sets *end to the last second the date covers:
 * "2026-02" covers 2026-02-01T00:00:00 .. 2026-02-28T23:59:59. */
int ns_date_parse_range(const char *s, size_t len, int64_t *start, int64_t *end);

/* Writes t as "YYYY-MM-DD" into out[11]; "" for NS_DATE_NONE. */
void ns_date_format_day(int64_t t, char out[11]);

/* Seconds since the epoch of y-m-d 00:00:00 UTC (proleptic Gregorian; the
 * fields are not checked). */
int64_t ns_date_from_civil(int y, int m, int d);

/* Civil date (UTC, proleptic Gregorian) of t seconds since the epoch. */
void ns_date_civil(int64_t t, int64_t *year, int *month, int *day);

/* Days in month m (1..12) of year y. */
int ns_date_days_in_month(int y, int m);

/* Finds a date near the start of free text (the first max_bytes bytes): an
 * ISO date or an English text date.  Returns 0 and sets *t and the span
 * [*off, *off + *len) of text where it was found; -1 if none. */
int ns_date_find(const char *text, size_t text_len, size_t max_bytes, int64_t *t, size_t *off,
		 size_t *len);

#endif /* NS_DATE_H */
