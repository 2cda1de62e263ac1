/* SPDX-License-Identifier: MIT */
/* storytab.h -- one zeroed word per story for a walk over matches
 * (colcount.h), and which of them were set.
 *
 * A count by story touches the words of the stories it meets in no order:
 * for a common word, most of the table.  Two costs that callgrind does not
 * see dominated that walk: a page fault per 4 KB page first touched, and a
 * list of the stories met, in the order met, read back at random.  So the
 * table asks for huge pages (a few faults instead of a thousand; a hint
 * only, where the kernel has them), and remembers which blocks of
 * NS_STORYTAB_BLOCK stories hold a set word (one bit each): the stories
 * met are read back in story order, block by block, never the untouched
 * rest.
 */
#ifndef NS_STORYTAB_H
#define NS_STORYTAB_H

#include <stddef.h>
#include <stdint.h>

#define NS_STORYTAB_BLOCK 64	/* stories per bit of the block map */

struct ns_storytab {
	uint32_t *w;		/* n words, zeroed; 0 = story not met */
	uint32_t n;
	uint64_t *blocks;	/* a bit per block with a set word */
	void *mem;		/* what to free */
};

/* A table of n zeroed words.  NS_OK or NS_ERR_NOMEM. */
int ns_storytab_init(struct ns_storytab *t, uint32_t n);
void ns_storytab_release(struct ns_storytab *t);

/* Sets the word of story s (< n) from 0 to v (!= 0). */
static inline void ns_storytab_first(struct ns_storytab *t, uint32_t s, uint32_t v)
{
	t->w[s] = v;
	t->blocks[s / NS_STORYTAB_BLOCK / 64] |= 1ull << (s / NS_STORYTAB_BLOCK % 64);
}

/* The first block at or after block b holding a set word, or SIZE_MAX:
 * its stories are b * NS_STORYTAB_BLOCK on (up to n). */
size_t ns_storytab_next_block(const struct ns_storytab *t, size_t b);

#endif /* NS_STORYTAB_H */
