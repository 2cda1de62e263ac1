/* SPDX-License-Identifier: MIT */
/* t_topterms.c -- an article's heaviest terms (topterms.c): one walk keeps
 * the NS_STORY_SKETCH heaviest, ties to the smaller ordinal; two walks over
 * two shares of the terms, merged either way round, keep the same set, on
 * weights with many ties (the tie at the sketch's edge is what a merge by
 * weight alone gets wrong). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "topterms.h"
#include "unit.h"

#define N_TERMS 300

static int by_order(const void *x, const void *y)
{
	const struct ns_topterm *a = x, *b = y;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

/* The sketch's set, sorted, into out (n of them). */
static void sorted(const struct ns_topterm *sk, uint8_t n, struct ns_topterm *out)
{
	memcpy(out, sk, n * sizeof(*sk));
	qsort(out, n, sizeof(*out), by_order);
}

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

NS_SUITE(topterms)
{
	uint32_t seed = 7;

	for (int round = 0; round < 200; round++) {
		struct ns_topterm all[N_TERMS], one[NS_STORY_SKETCH], part[2][NS_STORY_SKETCH];
		struct ns_topterm want[NS_STORY_SKETCH], got[NS_STORY_SKETCH];
		uint8_t n_one = 0, n_part[2] = { 0, 0 };
		float min_one = 0, min_part[2] = { 0, 0 };
		/* few terms in some rounds: sketches that never fill */
		uint32_t n_terms = round % 5 == 0 ? 1 + rnd(&seed) % 40 : N_TERMS;
		unsigned levels = 2 + rnd(&seed) % 6;	/* few weights: many ties */
		unsigned block = 1 + rnd(&seed) % 16;	/* the shares' blocks */

		for (uint32_t i = 0; i < n_terms; i++) {
			all[i] = (struct ns_topterm){ i, (float)(rnd(&seed) % levels) };
			ns_topterms_push(one, &n_one, &min_one, i, all[i].w);
			int k = (int)((i / block) & 1);
			ns_topterms_push(part[k], &n_part[k], &min_part[k], i, all[i].w);
		}
		qsort(all, n_terms, sizeof(*all), by_order);
		memcpy(want, all, sizeof(want));
		CHECK_INT_EQ(n_one, n_terms < NS_STORY_SKETCH ? n_terms : NS_STORY_SKETCH);
		sorted(one, n_one, got);
		CHECK_MEM_EQ(got, want, n_one * sizeof(*got));
		/* merged either way round */
		for (int into = 0; into < 2; into++) {
			struct ns_topterm m[NS_STORY_SKETCH];
			uint8_t n_m = n_part[into];
			float min_m = min_part[into];
			memcpy(m, part[into], sizeof(m));
			ns_topterms_merge(m, &n_m, &min_m, part[!into], n_part[!into]);
			CHECK_INT_EQ(n_m, n_one);
			sorted(m, n_m, got);
			CHECK_MEM_EQ(got, want, n_m * sizeof(*got));
			if (n_m == NS_STORY_SKETCH)
				CHECK(min_m == want[NS_STORY_SKETCH - 1].w);
		}
	}
}
