/* SPDX-License-Identifier: MIT */
/* t_storytab.c -- the per-story table of story counts (storytab.h): zeroed
 * words, and the stories set found again, each once, in order, whatever
 * the table's size (one mapped whole at once, one that asks for huge
 * pages too). */
#include <stdlib.h>

#include "error.h"
#include "storytab.h"
#include "unit.h"

/* Sets the words of set[0..n) (value i + 1), then checks that walking the
 * bit set finds exactly those stories, each once, in increasing order,
 * their words as set. */
static void set_and_walk(uint32_t n_stories, const uint32_t *set, size_t n)
{
	struct ns_storytab t;
	size_t found = 0;
	uint64_t sum = 0, want = 0;
	uint32_t last = 0;
	int order_ok = 1, word_ok = 1;

	if (ns_storytab_init(&t, n_stories) != NS_OK) {
		NS_UNIT_FAIL("ns_storytab_init(%u)", n_stories);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		ns_storytab_first(&t, set[i], set[i] + 1);
		want += set[i];
	}
	for (size_t i = 0; i < t.n_set; i++)
		for (uint64_t b = t.set[i]; b; b &= b - 1) {
			uint32_t s = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(b));
			if ((found && s <= last) || s >= t.n)
				order_ok = 0;
			if (s < t.n && t.w[s] != s + 1)
				word_ok = 0;
			last = s;
			sum += s;
			found++;
		}
	CHECK_INT_EQ(found, n);
	CHECK_INT_EQ(sum, want);
	CHECK(order_ok);
	CHECK(word_ok);
	ns_storytab_release(&t);
}

NS_SUITE(storytab)
{
	/* bit set word bounds (64 stories), the last story of a table
	 * whose size is no multiple of 64 */
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
		for (size_t i = 0; i < t.n_set; i++)
			zero &= t.set[i] == 0;
		CHECK(zero);
		ns_storytab_release(&t);
	}
	/* between the heap and a huge page (mapped whole at once): 100,000
	 * stories, 400 KB, zeroed and written to its last word */
	set_and_walk(100000, (const uint32_t[]){ 0, 65535, 99999 }, 3);
	if (ns_storytab_init(&t, 100000) == NS_OK) {
		int zero = 1;
		for (uint32_t s = 0; s < t.n; s += 13)
			zero &= t.w[s] == 0;
		CHECK(zero);
		t.w[t.n - 1] = 7;
		CHECK_INT_EQ(t.w[t.n - 1], 7);
		ns_storytab_release(&t);
	}
}
