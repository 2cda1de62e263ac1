/* SPDX-License-Identifier: MIT */
/* story_text.h -- an article's sketch made from its text (story_sim.h).
 *
 * nindex sketches the articles of an update from their postings; a story
 * of one article stores no centroid (format.h), so when a later update
 * compares an article with it, the sketch of its one article is made again
 * here, from the stored text, with the index's document frequencies of
 * now.  The same terms as indexing: the index's analyzer, title words
 * counted twice, function words left out.  nsearch --explain makes its
 * sketches here too, so both show the same numbers.
 */
#ifndef NS_STORY_TEXT_H
#define NS_STORY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "story_sim.h"

/* Document frequency of an indexed term over the index: NS_OK or an
 * error code (passed on). */
typedef int (*ns_story_df_fn)(void *ctx, const char *term, size_t len, uint64_t *df);

/* The finished sketch (ns_story_sketch_finish) of an article of n_docs
 * documents' index into out (NS_STORY_SKETCH entries), *n its length,
 * *n_distinct its distinct terms.  NS_OK, NS_ERR_NOMEM or df's error. */
int ns_story_text_sketch(struct ns_analyzer *an, const char *title, size_t title_len,
			 const char *body, size_t body_len, ns_story_df_fn df, void *df_ctx,
			 uint64_t n_docs, struct ns_story_term *out, size_t *n,
			 size_t *n_distinct);

/* The same, and the name of each sketch term: names[i] (NS_STORY_SKETCH
 * entries, NULL: not wanted) is out[i]'s indexed term, malloc'd (the
 * caller frees the first *n; none are left on an error).  For --explain,
 * which shows the terms an article shares with its story. */
int ns_story_text_sketch_named(struct ns_analyzer *an, const char *title, size_t title_len,
			       const char *body, size_t body_len, ns_story_df_fn df,
			       void *df_ctx, uint64_t n_docs, struct ns_story_term *out,
			       char **names, size_t *n, size_t *n_distinct);

#endif /* NS_STORY_TEXT_H */
