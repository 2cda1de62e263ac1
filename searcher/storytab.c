/* SPDX-License-Identifier: MIT */
/* storytab.c -- a word per story, set words found by block (storytab.h). */
#include "storytab.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "error.h"

/* Huge pages are this size and alignment on x86-64 and arm64 (4 KB
 * pages); elsewhere the hint is lost, nothing else. */
#define HUGE_LEN ((size_t)2 << 20)

int ns_storytab_init(struct ns_storytab *t, uint32_t n)
{
	size_t len = ((size_t)n + 1) * sizeof(*t->w);
	size_t n_blocks = (size_t)n / NS_STORYTAB_BLOCK + 1;
	uintptr_t at;

	memset(t, 0, sizeof(*t));
	t->blocks = calloc(n_blocks / 64 + 1, sizeof(*t->blocks));
	/* calloc of a large block maps fresh zeroed pages, touching none;
	 * the table starts at a huge page boundary inside it, and its huge
	 * pages, rounded up, lie inside it too */
	t->mem = len >= HUGE_LEN ? calloc(1, len + 2 * HUGE_LEN) : calloc(1, len);
	if (!t->blocks || !t->mem) {
		ns_storytab_release(t);
		return NS_ERR_NOMEM;
	}
	at = (uintptr_t)t->mem;
	if (len >= HUGE_LEN) {
		at = (at + HUGE_LEN - 1) & ~(uintptr_t)(HUGE_LEN - 1);
#ifdef MADV_HUGEPAGE
		/* a hint: the table works the same without it */
		(void)madvise((void *)at, (len + HUGE_LEN - 1) & ~(HUGE_LEN - 1), MADV_HUGEPAGE);
#endif
	}
	t->w = (uint32_t *)at;
	t->n = n;
	return NS_OK;
}

void ns_storytab_release(struct ns_storytab *t)
{
	free(t->mem);
	free(t->blocks);
	memset(t, 0, sizeof(*t));
}

size_t ns_storytab_next_block(const struct ns_storytab *t, size_t b)
{
	size_t n_blocks = (size_t)t->n / NS_STORYTAB_BLOCK + 1;
	size_t i = b / 64;
	uint64_t bits;

	if (b >= n_blocks)
		return SIZE_MAX;
	bits = t->blocks[i] & (~0ull << (b % 64));
	while (!bits) {
		if (++i > n_blocks / 64)
			return SIZE_MAX;
		bits = t->blocks[i];
	}
	return i * 64 + (size_t)__builtin_ctzll(bits);
}
