/* SPDX-License-Identifier: MIT */
/* story.h -- give every article of an update a story (story_file.h).
 *
 * An article joins the story of an earlier article it copies (the same
 * exact fingerprint, or near signatures within NS_STORY_NEAR_BITS bits),
 * else the story whose centroid it is most similar to, if similar enough,
 * else it starts a story of its own:
 *
 * - Its sketch: its NS_STORY_SKETCH heaviest indexed terms, weighted
 *   (1 + ln tf') * ln((N + 100) / (df + 0.5)), tf' counting title words
 *   twice, df and N over the index after the update; taken from the new
 *   segment's postings once the update's articles are inverted, so no text
 *   is analysed twice.
 * - Candidates: the articles that share one of its NS_STORY_PROBES
 *   heaviest terms of moderate document frequency, found in the postings
 *   of the index (old segments and the new one, earlier articles only):
 *   never all pairs.
 * - Similarity: cosine of the sketch and the candidate story's centroid
 *   (the sum of its members' sketches, NS_STORY_TERMS heaviest terms), at
 *   least a threshold that falls from NS_STORY_T_LONG for articles of
 *   20 and more distinct terms to NS_STORY_T_SHORT for headlines of 8 and
 *   fewer; and, when both are dated, within NS_STORY_DAYS of the story's
 *   first and last day.  Comparing with the centroid, not with single
 *   members, keeps a story from chaining into a topic.
 *
 * - Merge: after the run's articles are assigned, the story of each
 *   article of the run merges with the story it came closest to without
 *   joining it (the best candidate below the threshold, or the second best
 *   of one that joined), when the cosine of the two centroids reaches
 *   NS_STORY_T_MERGE and their days overlap.  Either may be from an earlier
 *   run (a later article bridges them as one run over everything would);
 *   into the one of lower index, so an earlier run's story keeps its id.
 *
 * A story of one article stores no centroid (format.h): when a later run
 * compares an article with it, joins one to it or merges a story into it,
 * its article's sketch is made again from the stored text (story_text.h).
 *
 * Articles are taken in docid order, so the same runs give the same
 * stories.  A story's centroid and days only grow: deleting members
 * lowers n_live, and a story with none left disappears.
 */
#ifndef NS_STORY_H
#define NS_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "segreader.h"
#include "story_file.h"
#include "story_sim.h"

struct ns_story_build;

/* A segment of the index before the update's merges, as the story code
 * sees it.  The borrowed pointers live until ns_story_build_publish(). */
struct ns_story_seg {
	struct ns_segr *r;	/* open reader */
	const struct ns_seginfo *info;	/* to open more readers (the story
					 * gathering's thread), or NULL */
	uint32_t id;		/* segment id */
	uint32_t n_docs;
	int is_new;		/* the update's own new segment */
	uint64_t old_base;	/* old segments: first docid in the old map */
	const uint8_t *del;	/* deleted documents now (bitmap), or NULL */
	uint32_t dest_id;	/* after merges: the segment its documents are in */
	const uint32_t *remap;	/* ... at remap[d] (UINT32_MAX: dropped), or
				 * NULL when they kept their docids */
};

/* Starts the story work of an update of dir.  old_gen: the generation of
 * the index before it (0: none), whose story map is read.  With rebuild
 * set (--full) a missing or damaged map is no error: the articles still
 * live from before each start a story of their own, their signatures
 * taken from their stored text.  NS_OK; NS_ERR_CORRUPT / VERSION / IO /
 * NOMEM with a message in msg. */
int ns_story_build_new(const char *dir, uint64_t old_gen, uint64_t old_n_docs, int rebuild,
		       struct ns_story_build **out, char *msg, size_t msglen);
void ns_story_build_free(struct ns_story_build *sb);

/* Records the signatures and day of the update's new document docid
 * (each of 0, 1, ... once, in any order), in a file (DIR/stories-sig.tmp,
 * 20 bytes an article) rather than in memory: a million articles index in
 * a small --memory.  id is not used: a story's id comes from the text of
 * the article that starts it.  NS_OK, NS_ERR_IO. */
int ns_story_build_add(struct ns_story_build *sb, uint32_t docid, const char *id, const char *title,
		       size_t title_len, const char *body, size_t body_len, int64_t date_key);
/* The same with the signatures made already (by an inverter lane). */
struct ns_story_sig;
int ns_story_build_put(struct ns_story_build *sb, uint32_t docid,
		       const struct ns_story_sig *sig, int64_t date_key);

/* Assigns a story to every live new document.  segs: the index's segments
 * with the new one (its reader open).  mem_bytes bounds the sketches held
 * at once.  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_story_build_assign(struct ns_story_build *sb, const struct ns_story_seg *segs,
			  size_t n_segs, uint64_t mem_bytes);

/* Writes the story map of generation gen: one entry per document of the
 * segments the new MANIFEST names (ids seg_ids, n_docs each), in that
 * order.  segs: as for assign, with del, dest_id and remap set after the
 * merges.  NS_OK, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_story_build_publish(struct ns_story_build *sb, const char *dir, uint64_t gen,
			   const struct ns_story_seg *segs, size_t n_segs, const uint32_t *seg_ids,
			   const uint32_t *seg_n_docs, size_t n_final);

/* The same two steps for the segments of an update (segset.h): those of
 * the index before its merges, then its new segment, described to the
 * calls above from the set; publish takes the segments the MANIFEST
 * names.  Same returns. */
struct ns_segset;
struct ns_seginfo;
int ns_story_build_assign_set(struct ns_story_build *sb, struct ns_segset *set,
			      uint64_t mem_bytes);
int ns_story_build_publish_set(struct ns_story_build *sb, const char *dir, uint64_t gen,
			       struct ns_segset *set, const struct ns_seginfo *segs,
			       uint32_t n_segs);

/* The index's analyzer (borrowed; it must outlive assign): a story of
 * one article from an earlier run keeps no centroid (format.h), its
 * article is sketched again from its text (story_text.h) when an article
 * is compared with it.  Without one such stories are matched by copies
 * only. */
struct ns_analyzer;
void ns_story_build_set_analyzer(struct ns_story_build *sb, struct ns_analyzer *an);

/* Statistics of the run: stories joined / started by new documents. */
void ns_story_build_counts(const struct ns_story_build *sb, uint64_t *n_joined,
			   uint64_t *n_started);

#endif /* NS_STORY_H */
