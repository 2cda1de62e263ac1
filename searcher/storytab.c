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
#define POPULATE_LEN ((size_t)64 << 10)	/* below: calloc, from the heap */

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
	t->mem = len >= HUGE_LEN ? calloc(1, len + 2 * HUGE_LEN) : NULL;
#ifdef MAP_POPULATE
	/* below a huge page: the kernel maps every page in one call, not a
	 * fault per page first touched (a table per shared story of 1M
	 * articles is ~55 pages, touched at random) */
	if (len < HUGE_LEN && len >= POPULATE_LEN) {
		void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p != MAP_FAILED) {
			t->mem = p;
			t->map_len = len;
		}
	}
#endif
	if (!t->mem && len < HUGE_LEN)
		t->mem = calloc(1, len);
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
	if (t->map_len)
		munmap(t->mem, t->map_len);
	else
		free(t->mem);
	free(t->set);
	memset(t, 0, sizeof(*t));
}
