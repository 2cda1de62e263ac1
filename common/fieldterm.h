/* SPDX-License-Identifier: MIT */
/* fieldterm.h -- the terms that index an article's source and date.
 *
 * Besides the words of title and body (analyze.h), every article gets terms
 * in a reserved namespace: they start with the byte NS_FT_MARK (0x01),
 * which the tokenizer never produces, so they can never collide with a word:
 *
 *   0x01 's' word        each word of the source (folded, not stemmed),
 *                        positions 0, 1, ... within the source
 *   0x01 'y' YYYY        the year of the article's date
 *   0x01 'm' YYYY-MM     its month
 *   0x01 'd' YYYY-MM-DD  its day                          (UTC, position 0)
 *   0x01 'S'             sentence starts: the positions of the first word
 *                        of every sentence of title and body (sentence.h)
 *   0x01 'P'             paragraph starts: likewise for paragraphs
 *
 * A date range then reads a bounded number of postings lists: whole years,
 * whole months, then single days (like Lucene's numeric trie terms), never
 * one list per article.  The sentence and paragraph terms mark structure
 * in the word positions (format.h, I10): "a SENTENCE b" reads them.
 * Field terms do not count in document lengths.
 */
#ifndef NS_FIELDTERM_H
#define NS_FIELDTERM_H

#include <stddef.h>
#include <stdint.h>

#define NS_FT_MARK '\x01'
#define NS_FT_SOURCE 's'
#define NS_FT_YEAR 'y'
#define NS_FT_MONTH 'm'
#define NS_FT_DAY 'd'
#define NS_FT_SENTENCE 'S'
#define NS_FT_PARAGRAPH 'P'
#define NS_FT_SENTENCE_TERM "\x01S"	/* the whole term, 2 bytes */
#define NS_FT_PARAGRAPH_TERM "\x01P"
#define NS_FT_MAX_LEN 80	/* longest field term, with its NUL */

/* Writes the source term of one folded word into out[NS_FT_MAX_LEN];
 * returns its length (the word is cut to fit). */
size_t ns_ft_source(char *out, const char *word, size_t len);

/* Date terms; year 1..9999, month 1..12, day 1..31.  Return the length. */
size_t ns_ft_year(char *out, int year);
size_t ns_ft_month(char *out, int year, int month);
size_t ns_ft_day(char *out, int year, int month, int day);

/* Whether a term is in the reserved namespace (not a word). */
static inline int ns_ft_is_field(const char *term, size_t len)
{
	return len > 0 && term[0] == NS_FT_MARK;
}

#endif /* NS_FIELDTERM_H */
