/* SPDX-License-Identifier: MIT */
/* storycmd.h -- nsearch's story output over the public API (nsearch.h),
 * printed by output.c: a collapsed hit's other versions and why it is in
 * its story, a story's timeline (--story), matching stories (--stories).
 * The program's side, not the library's.
 */
#ifndef NS_STORYCMD_H
#define NS_STORYCMD_H

#include <stddef.h>
#include <stdio.h>

#include "nsearch.h"
#include "output.h"

#define NS_STORYCMD_VERSIONS 10	/* versions named after a collapsed hit */

/* Parses --collapse's value: "story", "dups" or "none".  0 or -1. */
int ns_storycmd_parse_collapse(const char *s, enum ns_collapse *how);

/* Hit i of r with what text adds after it: with explain, why it is in
 * its story; the other versions folded into it.  Everything is read
 * before a byte of the hit is printed, so damage ends the list cleanly.
 * ex: its score's explanation or NULL.  NS_OK, NS_ERR_IO (errno), or the
 * library's error (message: ns_index_errmsg). */
int ns_storycmd_hit(FILE *out, ns_results *r, size_t i, const struct ns_output_opts *o,
		    const ns_explanation *ex, int explain_story);

/* The hits of ns_stories() as stories.  NS_OK, NS_ERR_IO, errors. */
int ns_storycmd_rank(FILE *out, ns_results *r, const struct ns_output_opts *o);

/* Prints the timeline of the story id names (a story id or an article's
 * id; header: the tsv header first).  NS_OK, NS_ERR_IO, NS_ERR_NOTFOUND,
 * errors (message: ns_index_errmsg). */
int ns_storycmd_timeline(FILE *out, ns_index *idx, const char *id,
			 const struct ns_output_opts *o, int header);

#endif /* NS_STORYCMD_H */
