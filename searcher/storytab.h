/* SPDX-License-Identifier: MIT */
/* storytab.h -- one zeroed word per story for a walk over matches
 * (colcount.h), and a bit per story saying which words were set.
 *
 * A count by story touches the words of the stories it meets in no order:
 * for a common word, most of the table.  Two costs that callgrind does not
 * see dominated that walk: a page fault per 4 KB page first touched, and a
 * list of the stories met, in the order met, read back at random.  So the
 * table asks for huge pages (a few faults instead of a thousand; a hint
 * only, where the kernel has them), and its bit set (an eighth of a byte
 * per story) gives the stories met back in story order, never the
 * untouched rest.
 */
#ifndef NS_STORYTAB_H
#define NS_STORYTAB_H

#include <stddef.h>
#include <stdint.h>

struct ns_storytab {
	uint32_t *w;		/* n words, zeroed at first; whether story s
				 * was met is its bit in set, not w[s] != 0 */
	uint32_t n;
	uint64_t *set;		/* bit s % 64 of set[s / 64]: story s met */
	size_t n_set;		/* words of set: n / 64 + 1 */
	void *mem;		/* what to free */
	size_t map_len;		/* or, when not 0, to unmap */
};

/* A table of n zeroed words.  NS_OK or NS_ERR_NOMEM. */
int ns_storytab_init(struct ns_storytab *t, uint32_t n);
void ns_storytab_release(struct ns_storytab *t);

/* Sets the word of story s (< n) from 0 to v (!= 0). */
static inline void ns_storytab_first(struct ns_storytab *t, uint32_t s, uint32_t v)
{
	t->w[s] = v;
	t->set[s / 64] |= 1ull << (s % 64);
}

/* The stories met, in increasing order:
 *   for (size_t i = 0; i < t->n_set; i++)
 *           for (uint64_t b = t->set[i]; b; b &= b - 1)
 *                   story i * 64 + __builtin_ctzll(b) ...
 */

#endif /* NS_STORYTAB_H */
