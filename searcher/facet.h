/* SPDX-License-Identifier: MIT */
/* facet.h -- how many matches per source, year or month.
 *
 * Every match is counted, from its segment's day or source column
 * (colcount.h), one read per match, never from its record.  Sources whose
 * folded words are the same are one value, shown as the first of them met
 * (as written); matches without a source count as "(none)", undated ones
 * as "undated".  With a story map, stories are counted: by year or month
 * once, in the period of the story's earliest matching article; by source
 * once per source among its matching articles.
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
#include "stories.h"

enum ns_facet_field { NS_FACET_SOURCE, NS_FACET_YEAR, NS_FACET_MONTH };

struct ns_facet_row {
	char *value;		/* malloc'd */
	uint64_t count;
};

/* The rows, sorted as printed. */
struct ns_facet {
	struct ns_facet_row *row;
	size_t n;
	uint64_t total;		/* matching articles */
};

/* Parses "source", "year" or "month": 0, or -1. */
int ns_facet_field(const char *s, enum ns_facet_field *f);

/* Counts every match of m (compiled for idx) by field, or every story
 * with st (NULL: none).  Release with ns_facet_release().  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_facet_count(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		   enum ns_facet_field field, struct ns_facet *f);
void ns_facet_release(struct ns_facet *f);

/* Prints at most max_rows rows.  NS_OK or NS_ERR_IO (errno). */
int ns_facet_print(FILE *out, const struct ns_facet *f, size_t max_rows, int tty);

/* Both, for nsearch --facet FIELD; *n_matches gets the number of matches.
 * NS_ERR_USAGE (msg) for an unknown field. */
int ns_facet_run(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		 const char *field, size_t max_rows, FILE *out, int tty, uint64_t *n_matches,
		 char *msg, size_t msglen);

#endif /* NS_FACET_H */
