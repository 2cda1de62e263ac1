/* SPDX-License-Identifier: MIT */
/* collapse.h -- one hit per story (or per group of copies) in a ranked
 * list, and the other versions of a hit.
 *
 * The best-ranked hit of a story stands for it; the story's other
 * articles are its "versions".  With NS_COLLAPSE_COPIES only copies (exact
 * or near, stories.h) are folded: retellings in other words stay separate.
 * The modes are the public enum ns_collapse (nsearch.h).
 */
#ifndef NS_COLLAPSE_H
#define NS_COLLAPSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "index.h"
#include "rank.h"
#include "stories.h"

/* Compacts hits[0..*n) (ranked) in place to the first hit of each group,
 * keeping their order.  NS_OK or NS_ERR_NOMEM. */
int ns_collapse_hits(struct ns_stories *st, enum ns_collapse mode,
		     struct ns_hit *hits, size_t *n);

/* The other versions of lead: the live members of its story (NS_COLLAPSE_STORIES)
 * or those that are copies of it (NS_COLLAPSE_COPIES), oldest first (undated last,
 * then docid).  *out is malloc'd (free it), *n_out its length.  NS_OK,
 * NS_ERR_NOMEM, NS_ERR_CORRUPT. */
int ns_collapse_versions(struct ns_index *idx, struct ns_stories *st,
			 enum ns_collapse mode, uint64_t lead, uint64_t **out, size_t *n_out);

/* Sorts global docids oldest first (undated last, then docid). */
int ns_collapse_sort_by_date(struct ns_index *idx, uint64_t *docids, size_t n);

#endif /* NS_COLLAPSE_H */
