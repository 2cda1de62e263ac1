/* SPDX-License-Identifier: MIT */
/* merge.h -- merge segments into one, and the policy that says when.
 *
 * Every update adds a segment (the new and changed articles) and deletion
 * marks on older ones; merging keeps the number of segments logarithmic in
 * the number of documents and drops deleted documents for good.
 *
 * Policy (tiered, in the manner of LSM trees and Lucene's log merge
 * policy): a segment's tier is floor(log_F(live documents)) with
 * F = NS_MERGE_FACTOR.  Whenever a tier holds F segments or more, all of
 * them are merged into one (which lands in a higher tier, where the rule
 * applies again).  So at most F - 1 segments share a tier and an index of
 * N live documents has at most (F - 1) * (log_F(N) + 1) segments; each
 * document is rewritten about once per tier it climbs, log_F(N) times in
 * all.  Besides, a segment with no live document is dropped without
 * reading it, and one with more than 1/NS_MERGE_EXPUNGE of its documents
 * deleted is merged with its tier even when the tier is not full (alone if
 * need be), so deletions cost little space and little time in statistics.
 */
#ifndef NS_MERGE_H
#define NS_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "segreader.h"

#define NS_MERGE_FACTOR 4
#define NS_MERGE_EXPUNGE 3	/* deleted share that forces a rewrite: 1/3 */

/* What the policy knows of a segment. */
struct ns_merge_seg {
	uint32_t n_docs;	/* documents, deleted ones included */
	uint32_t n_deleted;
};

/* Plans merges over segs[0..n) (in index order).  group[i] gets, for each
 * segment: -1 when it stays as it is, -2 when it is dropped (no live
 * documents), or g >= 0: it is merged into group g's new segment (groups
 * numbered from 0 in the order of their first segment; a group may hold a
 * single segment, rewritten without its deleted documents).  all != 0
 * merges everything with a live document into group 0 (--compact; a lone
 * segment without deletions is left alone).  Returns the number of groups. */
size_t ns_merge_plan(const struct ns_merge_seg *segs, size_t n, int all, int *group);

/* Writes segment new_id in dir from the live documents of segs[0..n) (in
 * that order; a cursor of each hides its deleted documents, see
 * ns_segr_set_deleted()), renumbering them 0, 1, ...  remap[i] must hold
 * ns_segr_n_docs(segs[i]) entries and gets each old docid's new one, or
 * UINT32_MAX for a deleted document.  *out describes the new segment.
 * The new files are fsynced and renamed; nothing is published.  NS_OK or
 * the first error (then no new file is left). */
int ns_merge_segments(const char *dir, struct ns_segr *const *segs, size_t n, uint32_t new_id,
		      uint32_t *const *remap, struct ns_seginfo *out);

#endif /* NS_MERGE_H */
