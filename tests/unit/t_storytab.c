/* SPDX-License-Identifier: MIT */
/* t_storytab.c -- the per-story table of story counts (storytab.h): zeroed
 * words, and the blocks holding set words found again, each once, in
 * order, whatever the table's size (one that asks for huge pages too). */
#include <stdlib.h>

#include "error.h"
#include "storytab.h"
#include "unit.h"

/* Sets the words of set[0..n) (value i + 1), then checks that walking the
 * blocks finds exactly those words, each once, in story order. */
static void set_and_walk(uint32_t n_stories, const uint32_t *set, size_t n)
{
	struct ns_storytab t;
	size_t found = 0, zero_ok = 1, b, prev = SIZE_MAX;
	uint64_t sum = 0, want = 0;
	uint32_t last = 0;
	int order_ok = 1;

	if (ns_storytab_init(&t, n_stories) != NS_OK) {
		NS_UNIT_FAIL("ns_storytab_init(%u)", n_stories);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (!t.w[set[i]])
			ns_storytab_first(&t, set[i], (uint32_t)i + 1);
		want += set[i];
	}
	for (b = ns_storytab_next_block(&t, 0); b != SIZE_MAX; b = ns_storytab_next_block(&t, b + 1)) {
		size_t s = b * NS_STORYTAB_BLOCK;
		size_t lim = s + NS_STORYTAB_BLOCK < t.n ? s + NS_STORYTAB_BLOCK : t.n;
		int any = 0;
		if (prev != SIZE_MAX && b <= prev)
			order_ok = 0;
		prev = b;
		for (; s < lim; s++) {
			if (!t.w[s])
				continue;
			if (found && s <= last)
				order_ok = 0;
			last = (uint32_t)s;
			sum += s;
			found++;
			any = 1;
		}
		if (!any)
			zero_ok = 0;	/* a block without a set word */
	}
	CHECK_INT_EQ(found, n);
	CHECK_INT_EQ(sum, want);
	CHECK(order_ok);
	CHECK(zero_ok);
	ns_storytab_release(&t);
}

NS_SUITE(storytab)
{
	/* block bounds (64 stories), bitmap word bounds (64 blocks), the
	 * last story of a table whose size is no multiple of either */
	static const uint32_t edges[] = { 0, 63, 64, 4095, 4096, 4097, 9999 };
	uint32_t many[3000];
	struct ns_storytab t;

	set_and_walk(10000, edges, sizeof(edges) / sizeof(edges[0]));
	set_and_walk(1, edges, 1);
	set_and_walk(64 * 64, (const uint32_t[]){ 4095 }, 1);
	set_and_walk(100, NULL, 0);
	/* large enough for the huge page hint: 1.5M stories, 6 MB */
	for (size_t i = 0; i < 3000; i++)
		many[i] = (uint32_t)((i * 2654435761u) % 1500000u);
	{
		/* distinct stories only: the walk finds each once */
		uint8_t *u = calloc(1500000, 1);
		size_t n = 0;
		for (size_t i = 0; u && i < 3000; i++)
			if (!u[many[i]]++)
				many[n++] = many[i];
		free(u);
		set_and_walk(1500000, many, n);
	}
	/* words start zeroed */
	if (ns_storytab_init(&t, 1500000) == NS_OK) {
		int zero = 1;
		for (uint32_t s = 0; s < t.n; s += 997)
			zero &= t.w[s] == 0;
		CHECK(zero);
		CHECK_INT_EQ(ns_storytab_next_block(&t, 0), SIZE_MAX);
		ns_storytab_release(&t);
	}
}
