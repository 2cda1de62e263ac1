/* SPDX-License-Identifier: MIT */
/* maxscore.h -- top k of a disjunction without scoring every match;
 * private to the match files.
 *
 * MaxScore (Turtle & Flood, "Query evaluation: strategies and
 * optimizations", 1995) with block bounds (as block-max MaxScore: Chang &
 * Moffat; Ding & Suel, 2011), for queries whose score is a sum over term
 * leaves that match by themselves: a term, an OR of terms, either one
 * ANDed with date ranges checked per candidate and with negations.  Each
 * leaf has an upper bound of its score in the segment (BM25F from the skip
 * entries' bounds, format.h, plus its share of the proximity bound).
 * Sorted by bound, the leaves whose bounds add up to at most the k-th best
 * score so far (the threshold) are "non-essential": a document having only
 * them cannot enter the top k, so candidates come from the others, and a
 * non-essential list is advanced only while a candidate can still make it.
 * Blocks whose bounds add up to at most the threshold are skipped
 * undecoded.  Every document that can enter the top k is scored exactly as
 * the plain walk scores it (same sum, same order), so the top k is the
 * same, ties included; only --sort score without an exact count uses it.
 */
#ifndef NS_MAXSCORE_H
#define NS_MAXSCORE_H

#include <stdint.h>

#include "match_int.h"

/* The query's positive part for MaxScore, or NULL when the query has
 * another shape: the root itself, or the one operand of a root AND that is
 * not a date range checked per candidate (the AND's negations and ranges
 * then filter candidates). */
const struct ns_pnode *ns_maxscore_shape(const struct ns_pnode *root);

/* Walks segment s (m->seg) with root, a cursor tree of m->root whose
 * positive part is pos_plan (ns_maxscore_shape()), offering to top every
 * document that can enter its k best.  With count, every match is counted
 * into *count as well (and fewer are skipped).  NS_OK or an error. */
int ns_maxscore_segment(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root,
			const struct ns_pnode *pos_plan, uint32_t s, uint64_t *count);

#endif /* NS_MAXSCORE_H */
