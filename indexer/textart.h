/* SPDX-License-Identifier: MIT */
/* textart.h -- the fields of a plain-text article: title, body, date.
 *
 * The text is cleaned first: a leading BOM dropped, CR LF -> LF, invalid
 * UTF-8 -> U+FFFD, NUL -> space (ns_utf8_append_clean).
 *
 * Title rule (on the cleaned text).  Take the first line that is not blank
 * (blank = only spaces, tabs, CR, FF, VT) and trim its surrounding blanks.  It is the title when all of these hold:
 *   1. it is at most TITLE_MAX_BYTES (200) bytes long;
 *   2. it has at most TITLE_MAX_WORDS (30) words (runs of non-blanks);
 *   3. some non-blank text follows it (a lone line is body, not title);
 *   4. the next line is blank, or the line does not end in one of the
 *      sentence punctuation marks '.' ':' ';' ','.
 * Then the body is the text after the title line with its leading blank
 * lines dropped.  Otherwise the title is empty and the whole text is body.
 * A paragraph that opens the text ("February 16th, 2026: U.S. President
 * ... war." 472 bytes) thus fails 1-2, while a headline ending in '?' or
 * '.' followed by a blank line passes.
 *
 * The date of a plain-text article is the first date ns_date_find() sees in
 * the first DATE_SCAN_BYTES bytes of the cleaned text (title included);
 * the article's date string is the text as found ("February 16th, 2026").
 * A text file with no non-blank text gives no article (and no problem).
 */
#ifndef NS_TEXTART_H
#define NS_TEXTART_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The parsed article; reuse it for every file (buffers keep their
 * allocations). */
struct ns_textart {
	struct ns_buf text;	/* the cleaned text; the body is its tail */
	struct ns_buf title;	/* NUL-terminated */
	struct ns_buf date;	/* NUL-terminated date as found, or "" */
	size_t body_off;	/* where the body starts in text */
	int64_t date_key;	/* seconds since 1970 UTC, or NS_DATE_NONE */
};

void ns_textart_init(struct ns_textart *t);
void ns_textart_release(struct ns_textart *t);

/* Parses raw[0..n) (raw may be NULL when n is 0).  Returns NS_OK, NS_DONE
 * when the text holds nothing but blanks and line feeds (no article), or
 * NS_ERR_NOMEM. */
int ns_textart_parse(struct ns_textart *t, const char *raw, size_t n);

/* After NS_OK: the title ("" when none), the body and its length, the date
 * string ("" when none) with its key in *key.  Valid until the next parse. */
const char *ns_textart_title(const struct ns_textart *t);
const char *ns_textart_body(const struct ns_textart *t, size_t *len);
const char *ns_textart_date(const struct ns_textart *t, int64_t *key);

/* 1 for the blanks of the title rule: space, TAB, CR, FF, VT (not LF). */
int ns_textart_is_blank(int c);

#endif /* NS_TEXTART_H */
