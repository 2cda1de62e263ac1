/* SPDX-License-Identifier: MIT */
/* stories.h -- the story map of an open index, for the searcher: the story
 * of a hit, the members of a story, a story by id (story_file.h).
 *
 * The map is read lazily (ns_story_view): a search decodes, and checks the
 * checksums of, only the entries it looks at.  A failed check does not
 * stop the search where it happens: the lookup answers "no story" and the
 * error sticks, for ns_stories_error() after the results are printed.
 */
#ifndef NS_STORIES_H
#define NS_STORIES_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "index.h"
#include "story_file.h"

struct ns_stories {
	struct ns_story_view v;
	int err;		/* the first error met (sticky), or NS_OK */
	uint32_t *members;	/* ns_stories_members()'s answer */
	size_t cap_members;
};

/* Opens the story map of idx's generation.  NS_OK; NS_ERR_NOTFOUND when
 * the file is gone (a publish removed it: open the index again);
 * NS_ERR_CORRUPT, VERSION, IO, NOMEM, with a message in msg. */
int ns_stories_open(const struct ns_index *idx, struct ns_stories **out, char *msg,
		    size_t msglen);
void ns_stories_close(struct ns_stories *st);

/* NS_OK, or the first error a lookup met (NS_ERR_CORRUPT, NOMEM). */
int ns_stories_error(const struct ns_stories *st);

uint32_t ns_stories_count(const struct ns_stories *st);

/* Story index of global docid, NS_STORY_NONE for a deleted document (or
 * after an error). */
uint32_t ns_stories_of(struct ns_stories *st, uint64_t docid);

/* The same for docids met in increasing order (a walk over matches):
 * the map's chunk in use is kept in *run (zeroed before the first call),
 * so a lookup is a few instructions. */
struct ns_stories_run {
	const uint8_t *e;	/* stories (packed, st->v.bits[0] bits) of
				 * documents first.. */
	uint64_t first;
	uint32_t n;		/* 0: none loaded */
};
uint32_t ns_stories_run_load(struct ns_stories *st, struct ns_stories_run *r, uint64_t docid);

static inline uint32_t ns_stories_of_run(struct ns_stories *st, struct ns_stories_run *r,
					 uint64_t docid)
{
	uint32_t s;

	if (docid - r->first >= r->n)
		return ns_stories_run_load(st, r, docid);
	s = ns_get_bits(r->e, docid - r->first, st->v.bits[0]);
	return s < st->v.n_stories ? s : ns_stories_run_load(st, r, docid);
}

/* For counts by story (colcount.h): the number of docid's story among
 * the shared stories (those of >= 2 live documents, numbered
 * 0..ns_stories_n_shared() - 1 in story order), or NS_STORY_NONE when the
 * document is a story of its own (its story has one live document) or
 * deleted (or after an error).  Docids in increasing order, the chunks in
 * use kept in *r (zeroed before the first call): only the doc sharing
 * bits and the sharer list are read (format.h), a bit test for the
 * documents of one-article stories, most of them. */
struct ns_stories_share {
	const uint8_t *bits;	/* doc sharing words of documents first.. */
	uint64_t first;
	uint32_t n;		/* 0: none loaded */
	uint32_t base;		/* sharer entry of the chunk's first set bit */
	uint16_t before[NS_FMT_STORY_CHUNK / 64];	/* set bits in the words
							 * before each */
	const uint8_t *sl;	/* sharer list entries sl_first.. */
	uint32_t sl_first, sl_n;
};
uint32_t ns_stories_n_shared(const struct ns_stories *st);
uint32_t ns_stories_share_load(struct ns_stories *st, struct ns_stories_share *r,
			       uint64_t docid);
uint32_t ns_stories_sharer_load(struct ns_stories *st, struct ns_stories_share *r, uint32_t i);

/* Set bits of w, inline: without -mpopcnt, __builtin_popcountll() is a
 * call into libgcc, once per match of a count by story. */
static inline uint32_t ns_stories_popcount(uint64_t w)
{
	w -= (w >> 1) & 0x5555555555555555ull;
	w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (uint32_t)((w * 0x0101010101010101ull) >> 56);
}

static inline uint32_t ns_stories_shared_of_run(struct ns_stories *st,
						struct ns_stories_share *r, uint64_t docid)
{
	uint64_t i = docid - r->first, w, bit;
	uint32_t k, at;

	if (i >= r->n)
		return ns_stories_share_load(st, r, docid);
	/* the entry the document would have is read either way, and the
	 * answer chosen by a mask: whether the bit is set is a branch no
	 * predictor learns.  For a clear bit the entry is the next sharer's,
	 * in the chunk unless near its end. */
	w = ns_get_u64(r->bits + 8 * (i / 64));
	bit = w >> (i % 64) & 1;
	at = r->base + r->before[i / 64] + ns_stories_popcount(w & ((1ull << (i % 64)) - 1));
	if (at - r->sl_first >= r->sl_n)
		return bit ? ns_stories_sharer_load(st, r, at) : NS_STORY_NONE;
	k = ns_get_bits(r->sl, at - r->sl_first, st->v.bits[1]);
	k |= (uint32_t)bit - 1;	/* NS_STORY_NONE for a clear bit */
	return k < st->v.n_shared || k == NS_STORY_NONE ? k : ns_stories_sharer_load(st, r, at);
}

/* out[j] = ns_stories_shared_of_run(st, r, base + d[j]) for j < n (d
 * increasing): the loop of a count by story, its state in registers. */
void ns_stories_shared_of_docs(struct ns_stories *st, struct ns_stories_share *r, uint64_t base,
			       const uint32_t *d, size_t n, uint32_t *out);

/* Story s (a zeroed story after an error). */
struct ns_story ns_stories_get(struct ns_stories *st, uint32_t s);

/* Document d's entry (signatures); zeroed after an error. */
struct ns_story_doc ns_stories_doc(struct ns_stories *st, uint64_t d);

/* A story id as it is shown: 16 lowercase hex digits; out needs 17 bytes. */
void ns_stories_id_str(uint64_t id, char *out);

/* Parses a story id as shown.  0, or -1 when s is not one. */
int ns_stories_id_parse(const char *s, uint64_t *id);

/* The story index with stable id id, or NS_STORY_NONE. */
uint32_t ns_stories_find(struct ns_stories *st, uint64_t id);

/* The live members of story s in docid order: *docids (borrowed, valid
 * until the next call) and *n.  NS_OK, NS_ERR_NOMEM, NS_ERR_CORRUPT. */
int ns_stories_members(struct ns_stories *st, uint32_t s, const uint32_t **docids, size_t *n);

/* Whether documents a and b are copies of each other (--collapse=dups):
 * the same exact fingerprint or near signatures within
 * NS_STORY_NEAR_BITS. */
int ns_stories_are_copies(struct ns_stories *st, uint64_t a, uint64_t b);

#endif /* NS_STORIES_H */
