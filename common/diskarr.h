/* SPDX-License-Identifier: MIT */
/* diskarr.h -- a growable array of fixed-size entries kept in a scratch
 * file and mapped shared.
 *
 * The indexer's per-document tables (lengths, dates, id hashes, record
 * offsets, the id set) grow with the number of articles: 30-60 bytes each,
 * 600 MB for 10 million, whatever --memory says.  Kept here, their pages
 * belong to the page cache, not to the process's anonymous memory: the
 * kernel writes them back and drops them when memory is short, so the
 * budget bounds what the indexer holds of its own at any corpus size (the
 * copy signatures of story.c are kept the same way).
 *
 * Up to 64 KB a table stays on the heap; past that its file is made, in a
 * given directory, and unlinked at once, so
 * nothing is left behind by a crash.  Its blocks are allocated as the
 * array grows (posix_fallocate): a full disk is an NS_ERR_IO there, never
 * a SIGBUS when a page is first written.  New entries read as zeros.
 */
#ifndef NS_DISKARR_H
#define NS_DISKARR_H

#include <stddef.h>
#include <stdint.h>

struct ns_diskarr {
	uint8_t *base;		/* the mapping; NULL before the first reserve */
	size_t entry_len;	/* bytes per entry */
	uint64_t cap;		/* entries the mapping holds */
	int fd;			/* the unlinked scratch file, -1: none yet */
	int mapped;		/* base is the file's mapping, not the heap */
	const char *dir;	/* borrowed: where the file is made */
};

/* Starts an empty array of entry_len-byte entries whose file will be made
 * in dir (borrowed; it must outlive a).  Takes no resources yet. */
void ns_diskarr_init(struct ns_diskarr *a, const char *dir, size_t entry_len);

/* Makes room for n entries (the mapping may move: pointers into it are
 * stale afterwards).  NS_OK, NS_ERR_IO (errno set: no room on the disk, no
 * file can be made in dir), NS_ERR_NOMEM (no address space). */
int ns_diskarr_reserve(struct ns_diskarr *a, uint64_t n);

/* Entry i (i < cap). */
static inline void *ns_diskarr_at(const struct ns_diskarr *a, uint64_t i)
{
	return a->base + i * a->entry_len;
}

/* Unmaps and closes (the file goes with its last descriptor); the array
 * is empty again.  Safe on an array never reserved. */
void ns_diskarr_release(struct ns_diskarr *a);

#endif /* NS_DISKARR_H */
