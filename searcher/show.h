/* SPDX-License-Identifier: MIT */
/* show.h -- print hits for people (text) and for pipes (tsv), with snippets.
 *
 * text:  one block per hit: rank and title; id and date; a snippet of the
 *        body around the densest cluster of query terms (matched words in
 *        bold when color is on).
 * tsv:   one line per hit: rank, score, id, date, title, url-or-path;
 *        tabs, newlines and other control characters inside fields become
 *        spaces, so every line has exactly six fields.
 */
#ifndef NS_SHOW_H
#define NS_SHOW_H

#include <stdio.h>

#include "index.h"
#include "rank.h"

enum ns_show_format {
	NS_SHOW_TEXT,
	NS_SHOW_TSV,
};

struct ns_show_opts {
	enum ns_show_format format;
	int color;			/* highlight matches with ANSI bold */
	size_t snippet_len;		/* about this many bytes of snippet */
	const char *const *terms;	/* query terms (stemmed), sorted */
	size_t n_terms;
};

/* Prints hit number `rank` (1-based).  Returns NS_OK, NS_ERR_CORRUPT (the
 * document record failed its check), NS_ERR_NOMEM, or NS_ERR_IO when the
 * output failed (errno set, e.g. EPIPE). */
int ns_show_hit(FILE *out, struct ns_index *idx, const struct ns_show_opts *o, size_t rank,
		const struct ns_hit *hit);

/* Builds the snippet of text for the sorted query terms: whole words, about
 * max_len bytes, around the densest cluster of matches, newlines folded to
 * spaces, "…" where text was cut; matched words are wrapped in hl_on/hl_off
 * (may be ""). Returns a malloc'd string or NULL when out of memory. */
char *ns_snippet(struct ns_analyzer *an, const char *text, size_t len, const char *const *terms,
		 size_t n_terms, size_t max_len, const char *hl_on, const char *hl_off);

#endif /* NS_SHOW_H */
