/* SPDX-License-Identifier: MIT */
/* topterms.c -- an article's heaviest terms (see topterms.h). */
#include "topterms.h"

/* Whether slot x is worse than y: lighter, or as heavy and later in
 * dictionary order (on a tie the earlier term stays). */
static int worse(const struct ns_topterm *x, const struct ns_topterm *y)
{
	return x->w < y->w || (x->w == y->w && x->ord > y->ord);
}

static void sift_down(struct ns_topterm *h, unsigned i, unsigned n)
{
	for (;;) {
		unsigned l = 2 * i + 1, r = l + 1, m = i;
		struct ns_topterm t;
		if (l < n && worse(&h[l], &h[m]))
			m = l;
		if (r < n && worse(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* ns_topterms_push() without its quick refusal. */
int ns_topterms_add(struct ns_topterm *sk, uint8_t *n, float *min_w, uint32_t ord, float w)
{
	if (*n < NS_STORY_SKETCH) {
		sk[(*n)++] = (struct ns_topterm){ ord, w };
		if (*n == NS_STORY_SKETCH) {
			for (unsigned i = NS_STORY_SKETCH / 2; i-- > 0;)
				sift_down(sk, i, NS_STORY_SKETCH);
			*min_w = sk[0].w;
		}
		return 1;
	}
	if (!(w > *min_w) && !(w == *min_w && ord < sk[0].ord))
		return 0;
	sk[0] = (struct ns_topterm){ ord, w };
	sift_down(sk, 0, NS_STORY_SKETCH);
	*min_w = sk[0].w;
	return 1;
}

void ns_topterms_merge(struct ns_topterm *sk, uint8_t *n, float *min_w,
		       const struct ns_topterm *src, uint8_t n_src)
{
	for (uint8_t i = 0; i < n_src; i++)
		ns_topterms_push(sk, n, min_w, src[i].ord, src[i].w);
}
