/* SPDX-License-Identifier: MIT */
/* facet.h -- how many matches per source, year or month.
 *
 * Every match is counted.  Years and months come, per segment, from the
 * doc table's dates or from the year and month terms' postings,
 * whichever costs less (termcount.h); sources from the source field terms (fieldterm.h): a match's
 * source is the set of its source words with their positions, gathered by
 * walking each source term's postings against the matches (skipping
 * ahead by blocks when the matches are few), never by reading the
 * matches' records.  A source's name is then read from the record of one
 * of its matches (so it is shown as written; sources that fold to the same
 * words are one value).  Matches without a source count as "(none)",
 * undated ones as "undated".
 *
 * Output: rows most frequent first (ties in name order), at most max_rows;
 * "value<TAB>count" in a pipe, aligned columns on a terminal.
 */
#ifndef NS_FACET_H
#define NS_FACET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "index.h"
#include "match.h"

enum ns_facet_field { NS_FACET_SOURCE, NS_FACET_YEAR, NS_FACET_MONTH };

struct ns_facet_row {
	char *value;		/* malloc'd */
	uint64_t count;
};

/* The rows, sorted as printed. */
struct ns_facet {
	struct ns_facet_row *row;
	size_t n;
	uint64_t total;		/* matches */
};

/* Parses "source", "year" or "month": 0, or -1. */
int ns_facet_field(const char *s, enum ns_facet_field *f);

/* Counts every match of m (compiled for idx) by field.  Release with
 * ns_facet_release().  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_facet_count(struct ns_index *idx, struct ns_match *m, enum ns_facet_field field,
		   struct ns_facet *f);
void ns_facet_release(struct ns_facet *f);

/* Prints at most max_rows rows.  NS_OK or NS_ERR_IO (errno). */
int ns_facet_print(FILE *out, const struct ns_facet *f, size_t max_rows, int tty);

/* Both, for nsearch --facet FIELD; *n_matches gets the number of matches.
 * NS_ERR_USAGE (msg) for an unknown field. */
int ns_facet_run(struct ns_index *idx, struct ns_match *m, const char *field, size_t max_rows,
		 FILE *out, int tty, uint64_t *n_matches, char *msg, size_t msglen);

#endif /* NS_FACET_H */
