/* SPDX-License-Identifier: MIT */
/* conj.h -- top k of a conjunction without scoring every match (block-max
 * AND); private to the match files.
 *
 * Like MaxScore (maxscore.h), for a conjunction: an AND of terms (with
 * negations and date ranges checked per candidate) or a phrase.  Every
 * leaf is on every match, so a document scores at most the sum of its
 * leaves' block bounds: runs of blocks where that sum is at most the
 * threshold are skipped undecoded (block-max AND), and a candidate below
 * it is neither scored nor, for a phrase, checked for positions.
 */
#ifndef NS_CONJ_H
#define NS_CONJ_H

#include <stdint.h>

#include "match_int.h"

/* Whether p is a conjunction ns_conj_segment() can take: the node whose
 * kids are the leaves, or NULL. */
const struct ns_pnode *ns_conj_shape(const struct ns_pnode *root);

/* Walks segment s (m->seg) with root, a cursor tree of m->root, whose plan
 * ns_conj_shape() accepted, offering to top every document that can enter
 * its k best.  With count, every match is counted into *count as well (no
 * block is skipped then; a match that cannot enter the top k is counted,
 * not weighed); top NULL: a count alone, nothing weighed, each match
 * also handed to m->visit when there is one (ns_match_visit()).  NS_OK or
 * an error. */
int ns_conj_segment(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root, uint32_t s,
		    uint64_t *count);

#endif /* NS_CONJ_H */
