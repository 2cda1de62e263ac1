/* SPDX-License-Identifier: MIT */
/* storytab.c -- a word per story and a bit per set word (storytab.h). */
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
	uintptr_t at;

	memset(t, 0, sizeof(*t));
	t->n_set = (size_t)n / 64 + 1;
	t->set = calloc(t->n_set, sizeof(*t->set));
	/* calloc of a large block maps fresh zeroed pages, touching none;
	 * the table starts at a huge page boundary inside it, and its huge
	 * pages, rounded up, lie inside it too */
	t->mem = len >= HUGE_LEN ? calloc(1, len + 2 * HUGE_LEN) : calloc(1, len);
	if (!t->set || !t->mem) {
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
	free(t->set);
	memset(t, 0, sizeof(*t));
}
