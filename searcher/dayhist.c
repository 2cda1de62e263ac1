/* SPDX-License-Identifier: MIT */
/* dayhist.c -- counts by day (dayhist.h). */
#include "dayhist.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"

int ns_dayhist_grow_add(struct ns_dayhist *h, int64_t day, uint64_t count)
{
	if (h->n == 0) {
		h->c = calloc(64, sizeof(*h->c));
		if (!h->c)
			return NS_ERR_NOMEM;
		h->base = day - 32;
		h->n = 64;
	}
	if (day < h->base || day >= h->base + (int64_t)h->n) {
		/* at least double, so a walk across the years grows it
		 * a logarithmic number of times */
		int64_t lo = day < h->base ? day - (int64_t)h->n : h->base;
		int64_t hi = day >= h->base + (int64_t)h->n ? day + (int64_t)h->n
							    : h->base + (int64_t)h->n;
		size_t n = (size_t)(hi - lo);
		uint64_t *c = calloc(n, sizeof(*c));
		if (!c)
			return NS_ERR_NOMEM;
		memcpy(c + (h->base - lo), h->c, h->n * sizeof(*c));
		free(h->c);
		h->c = c;
		h->base = lo;
		h->n = n;
	}
	h->c[day - h->base] += count;
	return NS_OK;
}

void ns_dayhist_release(struct ns_dayhist *h)
{
	free(h->c);
	memset(h, 0, sizeof(*h));
}

int ns_dayhist_months(const struct ns_dayhist *h, ns_dayhist_month_fn fn, void *ctx)
{
	int64_t month = 0, month_end = INT64_MIN;	/* days [.., month_end) */
	uint64_t sum = 0;
	int rc;

	for (size_t i = 0; i < h->n; i++) {
		int64_t day = h->base + (int64_t)i, y;
		int m, d;
		if (!h->c[i])
			continue;
		if (day >= month_end) {
			if (sum && (rc = fn(ctx, month, sum)) != 0)
				return rc;
			ns_date_civil(day * 86400, &y, &m, &d);
			month = y * 12 + m - 1;
			month_end = day - d + 1 + ns_date_days_in_month((int)y, m);
			sum = 0;
		}
		sum += h->c[i];
	}
	return sum ? fn(ctx, month, sum) : 0;
}
