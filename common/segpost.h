/* SPDX-License-Identifier: MIT */
/* segpost.h -- a postings cursor over one term of one segment
 * (segpost_read.c; written by segpost_write.c): documents in docid order,
 * term frequencies, positions, and the skip entries' block bounds for top-k
 * pruning.
 */
#ifndef NS_SEGPOST_H
#define NS_SEGPOST_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "format.h"
#include "segdict.h"	/* struct ns_term_info */

struct ns_segr;

#define NS_POST_END UINT32_MAX	/* docid after the last document */

/* Walks one term's postings in one segment; lives on the caller's stack or
 * in a query node; borrows the segment. */
struct ns_post {
	struct ns_segr *seg;
	struct ns_term_info ti;
	const uint8_t *skips;	/* skip table, or NULL for one block */
	const uint8_t *blocks;	/* first doc block */
	const uint8_t *blocks_end;
	uint32_t n_blocks;
	uint32_t blk;		/* current block */
	uint32_t blk_n;		/* documents in it */
	uint32_t i;		/* index of the current document in it */
	const uint8_t *next_blk;	/* bytes after the current block */
	uint32_t docid;		/* current document, NS_POST_END at the end */
	const uint8_t *del;	/* deletion bitmap to skip, or NULL */
	/* positions, decoded lazily: of block pos_blk's run (checked whole),
	 * only the codec packings and the documents asked for */
	uint32_t pos_blk;	/* block whose run is set up, or UINT32_MAX */
	const uint8_t *pos_at;	/* its run */
	const uint8_t *pos_end;
	uint32_t *pos;		/* values (gaps, then positions per document) */
	size_t pos_cap;
	uint32_t *pk_off;	/* byte offset of each packing in the run */
	uint8_t *pk_done;	/* packing decoded */
	size_t pk_cap;
	uint32_t pk_known;	/* packings whose offset is known */
	uint32_t n_pk;		/* packings in the run */
	uint8_t doc_done[NS_FMT_BLOCK / 8];	/* document's positions made */
	uint32_t pos_start[NS_FMT_BLOCK + 1];	/* offset of each doc's positions */
	uint32_t docs[NS_FMT_BLOCK];
	uint32_t tfs[NS_FMT_BLOCK];
	uint32_t tts[NS_FMT_BLOCK];	/* tf_title */
};

/* Starts a cursor before the first document (call ns_post_next()); checks
 * the CRC of the doc part (one block) or of the skip table (several: each
 * block's own CRC is checked when it is decoded).  NS_OK or NS_ERR_CORRUPT.
 * The cursor never stops on a deleted document. */
int ns_post_open(struct ns_post *p, struct ns_segr *s, const struct ns_term_info *ti);
/* The same, deleted documents included (statistics, checks). */
int ns_post_open_all(struct ns_post *p, struct ns_segr *s, const struct ns_term_info *ti);
/* Frees the positions buffer. */
void ns_post_release(struct ns_post *p);

/* Moves to the next (live) document: NS_OK, NS_DONE (docid = NS_POST_END),
 * or NS_ERR_CORRUPT. */
int ns_post_next(struct ns_post *p);

/* For reading a term's documents alone (story probes, indexer/story.c): moves
 * to the next block and sets *docs to its n docids (valid until the
 * cursor moves), decoding nothing else.  Deleted documents are included
 * whatever the open.  NS_OK, NS_DONE (no block left), NS_ERR_CORRUPT.
 * Not to be mixed with the other moves on one cursor. */
int ns_post_next_docs(struct ns_post *p, const uint32_t **docs, uint32_t *n);
/* The same for the first block whose last docid is >= target, the blocks
 * before it skipped by the skip table without being decoded (a probe
 * wants only the latest postings before an article).  Only at or after
 * the current block; same returns. */
int ns_post_seek_docs(struct ns_post *p, uint32_t target, const uint32_t **docs, uint32_t *n);

/* ns_post_advance() (below) moves to the first document >= target (never
 * backwards), skipping whole blocks by their last docid.  Same returns as
 * ns_post_next().  ns_post_advance_far(): the same, its path beyond the
 * current block or with deletions. */
int ns_post_advance_far(struct ns_post *p, uint32_t target);

/* The first index from i on of docs[0..n) whose docid is >= target; one
 * must be (the block's last docid is).  Strides of 8 first, then one by
 * one: a frequent term's cursor moves tens of documents at a time inside a
 * block, and this passes most of them with one test per 8. */
static inline uint32_t ns_post_scan(const uint32_t *docs, uint32_t n, uint32_t i,
				    uint32_t target)
{
	while (i + 8 < n && docs[i + 8] < target)
		i += 8;
	while (docs[i] < target)
		i++;
	return i;
}

/* The common case inline: the target is in the current block (the
 * cursor of a frequent term in an AND moves a few documents at a time)
 * and the segment has no deletions, so no call and no decoding. */
static inline int ns_post_advance(struct ns_post *p, uint32_t target)
{
	if (!p->del && p->blk < p->n_blocks && p->docs[p->blk_n - 1] >= target) {
		if (p->docid < target) {
			p->i = ns_post_scan(p->docs, p->blk_n, p->i, target);
			p->docid = p->docs[p->i];
		}
		return NS_OK;
	}
	return ns_post_advance_far(p, target);
}

/* Term frequency in the current document. */
static inline uint32_t ns_post_tf(const struct ns_post *p)
{
	return p->tfs[p->i];
}

/* Occurrences of the term in the title of the current document (of
 * ns_post_tf(); 0 for field terms). */
static inline uint32_t ns_post_title_tf(const struct ns_post *p)
{
	return p->tts[p->i];
}

/* ---- block bounds, for top-k pruning (format.h, skip entries) ----
 * Blocks are numbered 0..n_blocks-1; the current one is p->blk once the
 * cursor has moved (UINT32_MAX before). */

/* The last docid of block b (b < n_blocks); for a list of one block only
 * once it is decoded (else NS_POST_END - 1). */
uint32_t ns_post_block_last(const struct ns_post *p, uint32_t b);

/* The first block, from the current one on, whose last docid is >= target
 * (n_blocks when none): where ns_post_advance(target) would land, without
 * decoding anything. */
uint32_t ns_post_find_block(const struct ns_post *p, uint32_t target);

/* The impact of block b (format.h, skip entries): every document of it
 * has (1 + c0 dl') / tf' >= the value returned, c0 = ns_segr_bound_c0()
 * (tf' and dl' weigh the title NS_FMT_BOUND_TW + 1 times).  For a list of
 * one block, from the block once decoded: 1 / (largest tf') + c0, as dl'
 * >= tf'; 0 (no bound) before. */
double ns_post_block_impact(const struct ns_post *p, uint32_t b);

/* c0 of the segment's impacts (format.h). */
double ns_segr_bound_c0(const struct ns_segr *s);

/* Positions of the term in the current document, increasing: *pos points to
 * tf values, valid until the cursor moves.  NS_OK or NS_ERR_CORRUPT. */
int ns_post_positions(struct ns_post *p, const uint32_t **pos, uint32_t *n);

#endif /* NS_SEGPOST_H */
