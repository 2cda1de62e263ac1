/* SPDX-License-Identifier: MIT */
/* idmap.h -- the ids indexed by this run, for "the newest copy wins".
 *
 * A hash set of new-segment docids: the newest document with each id,
 * keyed by the id's 64-bit hash, which the segment writer keeps for every
 * document anyway (ns_segw_id_hash), so a slot is 4 bytes: a million
 * articles must index in a small --memory.  The slots are in a scratch file
 * (diskarr.h): ten million articles need 64 MB of them.  64-bit hashes
 * stand for the
 * ids: a false match needs a collision, about 1 in 10^7 among a million
 * articles.
 */
#ifndef NS_IDMAP_H
#define NS_IDMAP_H

#include <stddef.h>
#include <stdint.h>

#include "diskarr.h"
#include "segwriter.h"

/* Empty after ns_idmap_init(). */
struct ns_idmap {
	struct ns_diskarr tab;	/* the slots (u32) */
	uint32_t *slot;		/* docid + 1; 0 = empty (in tab) */
	size_t n;		/* slots in use (the caller counts) */
	size_t cap;		/* power of two */
	uint64_t n_replaced;	/* ids that replaced an article live before (the
				 * caller counts) */
};

/* An empty set whose slots will be kept in a scratch file in dir
 * (borrowed: it must outlive m). */
void ns_idmap_init(struct ns_idmap *m, const char *dir);

/* The key of an id hash (never 0). */
uint64_t ns_idmap_key(uint64_t id_hash);

/* *slot: the slot for key, the one holding a document whose id hash (in
 * w) has that key, or an empty one (0) for the caller to fill with docid +
 * 1 and count in n.  Grows the set first when it would be over 3/4 full
 * (probes stay short).  NS_OK, or NS_ERR_NOMEM / NS_ERR_IO (errno set)
 * when the slots cannot grow.  The pointer is valid until the next call. */
int ns_idmap_slot(struct ns_idmap *m, const struct ns_segw *w, uint64_t key, uint32_t **slot);

void ns_idmap_release(struct ns_idmap *m);

#endif /* NS_IDMAP_H */
