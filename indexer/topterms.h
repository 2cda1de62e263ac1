/* SPDX-License-Identifier: MIT */
/* topterms.h -- an article's heaviest terms, kept while its terms go by.
 *
 * A sketch (story.h) is the NS_STORY_SKETCH heaviest terms of an article,
 * ties broken by the earlier term in dictionary order (smaller ordinal).
 * The terms arrive one dictionary walk at a time; while fewer than that
 * many came the slots fill in arrival order, then they are a min-heap with
 * the worst term first, so a heavier one replaces it in a few steps.
 *
 * What is kept is a set fixed by the order alone, whatever order the terms
 * come in: two walks over different terms (two threads, each a share of
 * the dictionary) give two sketches, and merging one into the other gives
 * the sketch of one walk over all of them.  The slots' order is not fixed
 * (it depends on arrival): a caller sorts them before use.
 */
#ifndef NS_TOPTERMS_H
#define NS_TOPTERMS_H

#include <stdint.h>

#include "story_sim.h"

struct ns_topterm {
	uint32_t ord;	/* the term's ordinal in the dictionary */
	float w;	/* its weight in the article */
};

/* Adds term ord of weight w to sketch sk of *n slots (at most
 * NS_STORY_SKETCH); *min_w: the weight of its worst slot once full.
 * Whether it went in.  Inline: most terms weigh less than the worst slot
 * and cost one comparison (on equal weight the earlier term wins, which
 * in one walk, ordinals rising, is the one in the sketch). */
int ns_topterms_add(struct ns_topterm *sk, uint8_t *n, float *min_w, uint32_t ord, float w);

static inline int ns_topterms_push(struct ns_topterm *sk, uint8_t *n, float *min_w,
				   uint32_t ord, float w)
{
	if (*n == NS_STORY_SKETCH && !(w > *min_w) && !(w == *min_w && ord < sk[0].ord))
		return 0;
	return ns_topterms_add(sk, n, min_w, ord, w);
}

/* Merges sketch src (n_src slots, made over terms the other did not see)
 * into sk: sk is then the sketch of both walks' terms. */
void ns_topterms_merge(struct ns_topterm *sk, uint8_t *n, float *min_w,
		       const struct ns_topterm *src, uint8_t n_src);

#endif /* NS_TOPTERMS_H */
