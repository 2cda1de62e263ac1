/* SPDX-License-Identifier: MIT */
/* show.h -- snippets: the passages of an article's text shown with a hit,
 * and where the matched words are in them.  (Printing hits is the
 * programs' business: searcher/output.c for nsearch, over nsearch.h.)
 */
#ifndef NS_SHOW_H
#define NS_SHOW_H

#include <stddef.h>

#include "analyze.h"

/* A snippet: plain text and where the matched words are in it. */
struct ns_snip {
	char *text;		/* NUL-terminated UTF-8 (malloc'd) */
	size_t len;
	size_t (*hl)[2];	/* [start, end) byte offsets of matched words */
	size_t n_hl;
};

/* Builds the snippet of text for the sorted query terms: about max_len
 * bytes of whole words in one passage around the densest cluster of
 * matches, or, when that passage misses query terms found elsewhere, two
 * passages of half that size joined by " … "; a passage starts at the
 * start of its sentence and ends at the end of one where it can; newlines
 * folded to spaces; "…" where text was cut.  Without matches, the start of
 * the text.  NS_OK or NS_ERR_NOMEM; release with ns_snip_release(). */
int ns_snippet_build(struct ns_analyzer *an, const char *text, size_t len,
		     const char *const *terms, size_t n_terms, size_t max_len, struct ns_snip *out);
void ns_snip_release(struct ns_snip *s);

/* The snippet with matched words wrapped in hl_on/hl_off (may be "").
 * Returns a malloc'd string or NULL when out of memory. */
char *ns_snippet(struct ns_analyzer *an, const char *text, size_t len, const char *const *terms,
		 size_t n_terms, size_t max_len, const char *hl_on, const char *hl_off);

#endif /* NS_SHOW_H */
