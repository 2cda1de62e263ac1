/* SPDX-License-Identifier: MIT */
/* storycmd.h -- nsearch's story commands: a story's timeline (--story)
 * and matching stories ranked (--stories).
 */
#ifndef NS_STORYCMD_H
#define NS_STORYCMD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "index.h"
#include "rank.h"
#include "collapse.h"
#include "show.h"
#include "stories.h"

/* The live article with this id: *docid (global).  NS_OK, NS_ERR_NOTFOUND,
 * NS_ERR_CORRUPT. */
int ns_storycmd_find_article(struct ns_index *idx, const char *id, uint64_t *docid);

/* The story arg names: a story id (digits) or the id of an article in it.
 * NS_OK and *story; NS_ERR_NOTFOUND with a message in msg. */
int ns_storycmd_resolve(struct ns_index *idx, struct ns_stories *st, const char *arg,
			uint32_t *story, char *msg, size_t msglen);

/* Prints every live article of story, oldest first: in text a head line
 * (story id, size, days) then "DATE  SOURCE  ID  TITLE" lines; in other
 * formats one hit line each (score 0).  NS_OK, NS_ERR_IO, index errors. */
int ns_storycmd_timeline(FILE *out, struct ns_index *idx, struct ns_stories *st, uint32_t story,
			 const struct ns_show_opts *o);

/* Prints the stories of ranked hits[0..n) (already collapsed to one per
 * story, best first), numbered from first_rank: the best headline, size,
 * sources, first and last date.  NS_OK, NS_ERR_IO, index errors. */
int ns_storycmd_rank(FILE *out, struct ns_index *idx, struct ns_stories *st,
		     const struct ns_hit *hits, size_t n, size_t first_rank,
		     const struct ns_show_opts *o);

/* Reads the story data showing docid needs (its story; with mode, its
 * other versions; with explain, its story's members), so that damage is
 * met before anything of the hit is printed.  NS_OK or the error
 * (NS_ERR_CORRUPT, NOMEM). */
int ns_storycmd_prefetch(struct ns_index *idx, struct ns_stories *st, uint64_t docid,
			 enum ns_collapse_mode mode, int explain);

/* Prints why article docid is in its story (--explain, text): the only
 * article; a copy of an earlier one (exact, or near with the bits that
 * differ); or its similarity to the story (as it is now: its centroid
 * includes this article) against the threshold, with the shared terms
 * that weigh most.  NS_OK, NS_ERR_IO, NS_ERR_NOMEM, index errors. */
int ns_storycmd_explain(FILE *out, struct ns_index *idx, struct ns_stories *st, uint64_t docid);

#endif /* NS_STORYCMD_H */
