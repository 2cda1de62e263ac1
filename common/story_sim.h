/* SPDX-License-Identifier: MIT */
/* story_sim.h -- how similar an article is to a story: sketches,
 * centroids, the threshold (indexer/story.h explains the method).
 *
 * Shared by nindex, which assigns stories, and nsearch, which explains
 * them (--explain), so both compute the same numbers.
 */
#ifndef NS_STORY_SIM_H
#define NS_STORY_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "story_file.h"

#define NS_STORY_SKETCH 24	/* terms of an article's sketch */
#define NS_STORY_PROBES 8	/* of them, looked up for candidates */
#define NS_STORY_DF_CAP_MIN 300	/* a probe's df is at most 5% of the */
#define NS_STORY_DF_CAP_MAX 1000	/* index, within these bounds: the
					 * lower bound high enough that the
					 * first, small runs of an index probe
					 * a story's words as a build of
					 * everything at once does */
#define NS_STORY_DAYS 3		/* date window around a story's days */
#define NS_STORY_T_LONG 0.50	/* threshold for 20+ distinct terms */
#define NS_STORY_T_SHORT 0.15	/* threshold for 8 and fewer */
#define NS_STORY_MIN_SHARED 2	/* sketch terms shared with the centroid */
#define NS_STORY_T_MERGE 0.50	/* centroid cosine for two stories to merge */
#define NS_STORY_SMALL_N 1000	/* an index smaller than this ... */
#define NS_STORY_T_SMALL_DROP 0.06	/* ... lowers T_LONG by up to this */
#define NS_STORY_IDF_PRIOR 1000.0	/* documents added to N in the idf:
					 * tiny indexes get tame weights */

struct ns_story_term {
	uint32_t hash;		/* ns_story_term_hash() */
	float w;
};

/* Whether an indexed term is a function word, never in a sketch. */
int ns_story_is_stopword(const char *term, size_t len);

/* Weight of a term in an article: tf of it, tf_title of those in the
 * title, df over n_docs documents. */
double ns_story_weight(uint32_t tf, uint32_t tf_title, uint64_t df, uint64_t n_docs);

/* Sorts t heaviest first (ties: smaller hash first), keeps at most
 * NS_STORY_SKETCH and scales them to unit length.  Returns how many. */
size_t ns_story_sketch_finish(struct ns_story_term *t, size_t n);

/* Similarity of a finished sketch of an article of n_distinct terms to a
 * story: for headlines (8 and fewer terms) the cosine with the story's
 * centroid (a headline shares few words with any one member but many with
 * the story as a whole); for articles of 20 and more terms the mean cosine
 * with its members (average link: x . C / n_seen, C the sum of their
 * sketches), which a story's core decides, so one article close to a single
 * member cannot chain the story into a topic; in between, a blend.  0 when
 * fewer than NS_STORY_MIN_SHARED terms are shared. */
double ns_story_similarity(const struct ns_story_term *t, size_t n, size_t n_distinct,
			   const struct ns_story *s);

/* A finished sketch made quick to look terms up in, for comparing one
 * article with many stories. */
struct ns_story_lookup {
	uint32_t hash[2 * NS_STORY_SKETCH + 16];	/* open addressing, 0 = empty */
	float w[2 * NS_STORY_SKETCH + 16];
	size_t n_distinct;
};

void ns_story_lookup_init(struct ns_story_lookup *lk, const struct ns_story_term *t, size_t n,
			  size_t n_distinct);

/* ns_story_similarity() through a lookup. */
double ns_story_similarity_lk(const struct ns_story_lookup *lk, const struct ns_story *s);

/* The similarity a sketch of n_distinct terms (before the cut to
 * NS_STORY_SKETCH) needs to join a story in an index of n_docs documents.
 * Below NS_STORY_SMALL_N documents the idf cannot tell a story's event
 * words from its topic's, which lowers the similarity of retellings, so
 * the threshold for articles falls (log-linearly) by up to
 * NS_STORY_T_SMALL_DROP. */
double ns_story_threshold(size_t n_distinct, uint64_t n_docs);

/* Day (since the epoch, UTC) of a date key, NS_STORY_NO_DAY for none. */
int32_t ns_story_day(int64_t date_key);

/* Whether an article of day day may join s (date window). */
int ns_story_days_ok(const struct ns_story *s, int32_t day);

/* Adds a finished sketch to s's centroid (keeping the NS_STORY_TERMS
 * heaviest terms) and day to its days.  The first member sets both. */
void ns_story_absorb(struct ns_story *s, const struct ns_story_term *t, size_t n, int32_t day);

/* Cosine of two stories' centroids. */
double ns_story_centroid_cosine(const struct ns_story *a, const struct ns_story *b);

/* Whether the days of a and b (each widened by NS_STORY_DAYS) overlap;
 * undated stories overlap any. */
int ns_story_days_overlap(const struct ns_story *a, const struct ns_story *b);

/* Adds story src to dst: its centroid, days and counts (a merge). */
void ns_story_merge(struct ns_story *dst, const struct ns_story *src);

#endif /* NS_STORY_SIM_H */
