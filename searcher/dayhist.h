/* SPDX-License-Identifier: MIT */
/* dayhist.h -- counts by day over a window of days that grows to fit
 * (timeline.h, facet.h: matches counted by day first, then a civil date
 * computed once per day that has some, not once per match).
 */
#ifndef NS_DAYHIST_H
#define NS_DAYHIST_H

#include <stddef.h>
#include <stdint.h>

struct ns_dayhist {
	int64_t base;		/* day (since the epoch) of c[0] */
	uint64_t *c;		/* n counters (malloc'd), NULL while empty */
	size_t n;
};

/* Adds count to day.  NS_OK or NS_ERR_NOMEM (h unchanged).  A day inside
 * the window is counted inline (once per match); the window grows in
 * ns_dayhist_grow_add(). */
int ns_dayhist_grow_add(struct ns_dayhist *h, int64_t day, uint64_t count);

static inline int ns_dayhist_add(struct ns_dayhist *h, int64_t day, uint64_t count)
{
	if (day >= h->base && day - h->base < (int64_t)h->n) {
		h->c[day - h->base] += count;
		return 0;
	}
	return ns_dayhist_grow_add(h, day, count);
}

/* Calls fn(ctx, month, count) for each month (year * 12 + month - 1)
 * holding counted days, in order, with the sum of their counts: one civil
 * date per month, not per day.  A non-zero return stops the walk and is
 * returned; else 0. */
typedef int (*ns_dayhist_month_fn)(void *ctx, int64_t month, uint64_t count);
int ns_dayhist_months(const struct ns_dayhist *h, ns_dayhist_month_fn fn, void *ctx);

/* Frees the counters; h is empty again. */
void ns_dayhist_release(struct ns_dayhist *h);

#endif /* NS_DAYHIST_H */
