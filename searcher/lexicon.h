/* SPDX-License-Identifier: MIT */
/* lexicon.h -- walks over the dictionaries of all segments of an index:
 * the terms a prefix (word*) stands for, the years the index holds, and
 * totals for --stats.  Everything goes through ns_segr_scan(), in term
 * order, reading only the dictionary blocks the walk needs.
 */
#ifndef NS_LEXICON_H
#define NS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"

#define NS_PREFIX_MAX_TERMS 1000	/* most terms one prefix may stand for */
#define NS_PREFIX_MIN_CHARS 2		/* shortest prefix, in characters */

/* A sorted set of distinct terms (byte order), each NUL-terminated. */
struct ns_termset {
	char **terms;
	size_t n;
	size_t cap;
};

void ns_termset_release(struct ns_termset *s);

/* Inserts a copy of term[0..len) at position at (<= s->n; s->n appends),
 * keeping no order itself.  NS_OK or NS_ERR_NOMEM (s unchanged). */
int ns_termset_insert(struct ns_termset *s, size_t at, const char *term, size_t len);

/* The indexed terms the prefix text stands for (text as typed, without the
 * '*'), into *out (initialized here; release it even on error):
 *
 *   - source != 0: the source words (fieldterm.h) that start with the
 *     folded prefix; no stemming, as source words are not stemmed;
 *   - otherwise the word terms (stems) that start with the folded prefix
 *     ("sanction*": sanction, sanctions' stem sanction, ...), plus those
 *     the analyzer makes of the prefix: the stem of the prefix itself
 *     ("ferry*": ferri) and, for English, the stem of the prefix with a
 *     common ending (e, es, ed, ing, ion, ...) when that stem is a proper
 *     prefix of it.  "negotiat*" thus finds negoti, the stem of negotiate,
 *     negotiations and negotiating, though no stem starts with negotiat.
 *
 * Field terms are never produced for a word prefix.  Returns NS_OK (the
 * set may be empty); NS_ERR_QUERY with a reason in msg when the prefix is
 * not one word, is shorter than NS_PREFIX_MIN_CHARS characters after
 * folding, or stands for more than max_terms terms; NS_ERR_CORRUPT;
 * NS_ERR_NOMEM. */
int ns_lexicon_prefix(struct ns_index *idx, const char *text, int source, size_t max_terms,
		      struct ns_termset *out, char *msg, size_t msglen);

/* The first and last year that dated articles of the index fall in (from
 * the year terms).  NS_OK; NS_DONE when no article has a date;
 * NS_ERR_CORRUPT. */
int ns_lexicon_years(struct ns_index *idx, int *first, int *last);

/* Totals over every dictionary entry of every segment (a term present in
 * two segments counts twice in n_*_terms). */
struct ns_lexicon_stats {
	uint64_t n_word_terms;		/* dictionary entries of words */
	uint64_t n_field_terms;		/* ... of source/date field terms */
	uint64_t n_postings;		/* (term, document) pairs of words */
	uint64_t n_positions;		/* word occurrences (sum of cf) */
	uint64_t n_field_postings;	/* (field term, document) pairs */
	uint64_t n_dated_docs;		/* documents with a date */
	char first_day[11];		/* earliest day of a dated article, or "" */
	char last_day[11];		/* latest, or "" */
};

int ns_lexicon_stats(struct ns_index *idx, struct ns_lexicon_stats *st);

#endif /* NS_LEXICON_H */
