/* SPDX-License-Identifier: MIT */
/* segreader.h -- read one segment: dictionary, postings cursors, norms,
 * documents.
 *
 * The segment files are mapped read-only; everything handed out points into
 * the maps and stays valid until ns_segr_close().  Every byte is checked
 * before it is trusted: CRCs per dictionary block, per postings block (or
 * list of one block), per norms/doc-table chunk and per document record,
 * plus structural bounds, so a damaged segment gives NS_ERR_CORRUPT, never a
 * crash.
 */
#ifndef NS_SEGREADER_H
#define NS_SEGREADER_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "manifest.h"

struct ns_segr;

/* Where one term's postings are, from the dictionary. */
struct ns_term_info {
	uint32_t df;		/* documents containing the term */
	uint64_t cf;		/* occurrences in all documents */
	const uint8_t *pos_part;	/* positions, pos_len bytes */
	uint64_t pos_len;
	const uint8_t *doc_part;	/* skip table + doc blocks */
	uint64_t doc_len;
	uint32_t dblock;	/* its dictionary block */
};

/* Opens segment info->id in dir and checks headers, trailers and the term
 * index.  On failure names the file and the problem in msg. */
int ns_segr_open(const char *dir, const struct ns_seginfo *info, struct ns_segr **out,
		 char *msg, size_t msglen);
void ns_segr_close(struct ns_segr *s);

/* Documents, deleted ones included (docids are 0..n_docs-1). */
uint32_t ns_segr_n_docs(const struct ns_segr *s);
uint32_t ns_segr_n_terms(const struct ns_segr *s);
/* Sum of the documents' lengths (deleted ones included). */
uint64_t ns_segr_n_tokens(const struct ns_segr *s);

/* ---- deletions (format.h, I7) ----
 * A segment opened with a deletion file (info->del_gen != 0) hides the
 * documents it marks from postings cursors opened with ns_post_open(). */
uint32_t ns_segr_n_deleted(const struct ns_segr *s);
/* The bitmap (deletes.h), NULL when nothing is deleted. */
const uint8_t *ns_segr_deleted(const struct ns_segr *s);
int ns_segr_is_deleted(const struct ns_segr *s, uint32_t docid);
/* Replaces the bitmap cursors use by bits (borrowed: it must outlive the
 * segment's use, NULL = none); the indexer does so to merge a segment with
 * the deletions of an update not yet published. */
void ns_segr_set_deleted(struct ns_segr *s, const uint8_t *bits);
/* Bytes of the two files, for statistics. */
void ns_segr_sizes(const struct ns_segr *s, uint64_t *nsp_bytes, uint64_t *nsd_bytes,
		   uint64_t *postings_bytes, uint64_t *dict_bytes);

/* Finds term.  NS_OK and *ti; NS_DONE when absent; NS_ERR_CORRUPT. */
int ns_segr_lookup(struct ns_segr *s, const char *term, size_t len, struct ns_term_info *ti);

/* Calls fn for each term >= from (byte order) until fn returns non-zero
 * (that value is returned) or the terms run out (NS_OK).  term is borrowed
 * for the call. */
typedef int (*ns_term_fn)(void *ctx, const char *term, size_t len, const struct ns_term_info *ti);
int ns_segr_scan(struct ns_segr *s, const char *from, size_t from_len, ns_term_fn fn, void *ctx);

/* Walks the dictionary in term order: ns_term_iter_next() gives each term
 * (borrowed until the next call) and its entry; NS_DONE at the end,
 * NS_ERR_CORRUPT.  For merges and checks. */
struct ns_term_iter;
int ns_term_iter_new(struct ns_segr *s, struct ns_term_iter **out);
int ns_term_iter_next(struct ns_term_iter *it, const char **term, size_t *len,
		      struct ns_term_info *ti);
/* The dictionary block of the term last returned. */
uint32_t ns_term_iter_block(const struct ns_term_iter *it);
void ns_term_iter_free(struct ns_term_iter *it);

/* Dictionary blocks and the first term of block b as the term index holds
 * it (for checks). */
uint32_t ns_segr_n_blocks(const struct ns_segr *s);
int ns_segr_block_first(struct ns_segr *s, uint32_t b, const char **term, size_t *len);

/* Word counts of a document: in the title, and in title + body. */
int ns_segr_norms(struct ns_segr *s, uint32_t docid, uint32_t *title_len, uint32_t *doc_len);

/* Date of a document (seconds since epoch) or NS_DATE_NONE. */
int ns_segr_date(struct ns_segr *s, uint32_t docid, int64_t *date_key);

/* A string inside the mapped files: not NUL-terminated. */
struct ns_str {
	const char *p;
	size_t len;
};

struct ns_doc {
	struct ns_str id, title, date, source, url, path;
	int64_t date_key;	/* NS_DATE_NONE when unknown */
	uint64_t text_len;	/* bytes of the body */
	struct ns_segr *seg;	/* for ns_doc_text(): */
	const uint8_t *group;	/* the body's text group (format.h) */
	uint64_t text_off;	/* where it starts in the group's bytes */
};

/* Reads document docid's record (CRC-checked; its text group is checked
 * by ns_doc_text()). */
int ns_segr_doc(struct ns_segr *s, uint32_t docid, struct ns_doc *d);

/* Id index: calls fn(ctx, docid) for each document whose id is id[0..len)
 * (deleted ones included, in docid order) until fn returns non-zero (that
 * value is returned); NS_OK; NS_ERR_CORRUPT. */
typedef int (*ns_id_fn)(void *ctx, uint32_t docid);
int ns_segr_find_id(struct ns_segr *s, const char *id, size_t len, ns_id_fn fn, void *ctx);

/* Entry i (0..n_docs-1) of the id index, for checks. */
int ns_segr_id_entry(struct ns_segr *s, uint32_t i, uint64_t *hash, uint32_t *docid);

/* Inflates a document's body into a malloc'd NUL-terminated buffer.  The
 * segment keeps the group last inflated (and where its inflation stopped),
 * so reading the texts of one group's documents inflates it once. */
int ns_doc_text(const struct ns_doc *d, char **text, size_t *len);

/* ---- postings cursor ---- */

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

/* Moves to the first document >= target (never backwards), skipping whole
 * blocks by their last docid.  Same returns as ns_post_next(). */
int ns_post_advance(struct ns_post *p, uint32_t target);

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

#endif /* NS_SEGREADER_H */
