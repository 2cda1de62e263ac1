/* SPDX-License-Identifier: MIT */
/* segw_int.h -- private to the segment writer's parts (segwriter.c,
 * segdict_write.c, segdocs_write.c, segpost_write.c): the segment being
 * written and the steps they hand each other.  No other module includes it.
 */
#ifndef NS_SEGW_INT_H
#define NS_SEGW_INT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diskarr.h"
#include "fileio.h"
#include "format.h"
#include "recwriter.h"
#include "segwriter.h"

/* zstd level for stored text (recwriter.h: groups of ~32 KB with a
 * dictionary per segment).  Level 3 with the dictionary is smaller than
 * libdeflate's level 6 was and compresses about 1.8 times as fast; level 5
 * is 1-2% smaller again at half the speed. */
#define STORE_ZLEVEL 3

struct doc_entry {
	int64_t date_key;
};

/* The distinct sources of the segment (format.h, source table). */
struct segw_sources {
	struct ns_buf bytes;	/* the sources one after the other */
	uint32_t *off;		/* n + 1 offsets into bytes (off_cap of them) */
	uint32_t n, off_cap;
	uint32_t *slot;		/* hash table: 1 + source number, 0 = empty */
	uint32_t mask;		/* its slots - 1 */
	/* the documents' source numbers as runs (an archive is mostly long
	 * runs of one source: no 4 bytes per document held) */
	uint32_t *run_src;	/* the source of run r */
	uint32_t *run_end;	/* 1 + the last docid of run r */
	size_t n_runs, runs_cap;
};

struct id_entry {
	uint64_t hash;		/* ns_fmt_id_hash of the id */
	uint32_t docid;
};

struct ns_segw {
	struct ns_wfile nsp;		/* postings file */
	struct ns_wfile nsd;		/* documents file */
	char *dir;
	int err;			/* first error (sticky) */

	/* documents */
	uint32_t n_docs;
	uint64_t n_tokens;
	uint64_t n_title_tokens;
	/* The per-document tables live in scratch files (diskarr.h): 32
	 * bytes per document with the record offsets, which no --memory
	 * could hold for ten million articles.  norms and docs point into
	 * their tables (again after each growth). */
	uint32_t *norms;		/* 2 per document: title_len, doc_len */
	struct doc_entry *docs;
	struct ns_diskarr norms_tab;
	struct ns_diskarr docs_tab;
	struct ns_diskarr ids_tab;	/* struct id_entry per document: in
					 * docid order, sorted by hash at the
					 * finish (the id index) */
	struct ns_recw *recw;		/* the .nsd's records section */
	struct ns_buf rec;		/* one record's head being built */
	struct ns_buf group_head;	/* source then path of the text group's
					 * first record (shared fields) */
	size_t group_src_len;
	struct segw_sources srcs;	/* the source table */

	/* the term being written */
	int in_term;
	int terms_begun;		/* no more documents then */
	char term[NS_FMT_MAX_TERM_LEN + 1];
	size_t term_len;
	uint32_t df;
	uint64_t cf;
	uint64_t term_off;		/* file offset of its pos_part */
	uint64_t pos_len;		/* bytes of pos_part so far */
	int field;			/* a field term (I5): no title words */
	uint32_t prev_plus1;		/* last docid + 1 (0 before the first) */
	uint32_t blk_docs[NS_FMT_BLOCK];
	uint32_t blk_tfs[NS_FMT_BLOCK];
	uint32_t blk_tts[NS_FMT_BLOCK];	/* tf_title */
	uint32_t blk_n;
	uint32_t blk_prev_plus1;	/* prev_plus1 at the start of the block */
	uint32_t *blk_pos;		/* position values of the block */
	size_t blk_pos_n;
	size_t blk_pos_cap;
	struct ns_buf doc_blocks;	/* encoded doc blocks of the term */
	struct ns_buf skips;		/* skip entries of the term */
	uint32_t n_blocks;
	struct ns_buf enc;		/* scratch for the codec */

	/* dictionary */
	char prev_term[NS_FMT_MAX_TERM_LEN + 1];	/* last term ended */
	size_t prev_len;
	uint32_t n_terms;
	struct ns_buf terms;		/* terms section */
	struct ns_buf block;		/* entries of the open dictionary block */
	uint32_t block_n;
	uint64_t block_postings_off;
	char block_first[NS_FMT_MAX_TERM_LEN + 1];
	size_t block_first_len;
	struct ns_buf tindex;		/* term index records */
	struct ns_buf tstrings;		/* first terms of the blocks */
	uint32_t n_tblocks;
	uint32_t block_post_crc;	/* the open block's one-block postings */
};

/* Records rc as the writer's first error (sticky) and returns that one. */
static inline int ns_segw_fail(struct ns_segw *w, int rc)
{
	if (!w->err)
		w->err = rc;
	return w->err;
}

/* ---- dictionary (segdict_write.c) ---- */
/* Adds the term just ended (w->term, w->df, w->cf, at w->term_off) with
 * the lengths of its two postings parts to the open dictionary block. */
void ns_segw_dict_add(struct ns_segw *w, uint64_t pos_len, uint64_t doc_len);
/* Writes the terms section and the term index to the .nsp, closing the
 * open block first; their offsets, the index's length and CRC for the
 * trailer.  Errors are left in w->err. */
void ns_segw_dict_write(struct ns_segw *w, uint64_t *terms_off, uint64_t *tindex_off,
			uint64_t *tindex_len, uint32_t *tindex_crc);

/* ---- documents (segdocs_write.c) ---- */
/* Writes the norms section to the .nsp and frees the lengths. */
int ns_segw_write_norms(struct ns_segw *w);
/* Ends the records, writes the doc table, id index, columns and trailer
 * of the .nsd. */
int ns_segw_finish_docs(struct ns_segw *w);
/* Writes n fixed-size entries in CRC-protected chunks (format.h), each
 * filled by fill(ctx, i, entry) one chunk at a time.  NS_OK or
 * NS_ERR_NOMEM; write errors stay in f. */
typedef void (*ns_segw_entry_fn)(const void *ctx, uint32_t i, uint8_t *entry);
int ns_segw_write_chunked(struct ns_wfile *f, uint32_t n, size_t entry_len, uint32_t per_chunk,
			  ns_segw_entry_fn fill, const void *ctx);

/* ---- columns (segcols_write.c) ---- */
/* Records s[0..len) as the source of the next document (docid
 * w->n_docs), adding it to the segment's source table when new.  NS_OK,
 * NS_ERR_NOMEM, NS_ERR_LIMIT (4 GiB of sources). */
int ns_segw_add_source(struct ns_segw *w, const char *s, size_t len);
/* Writes the day and source columns and the source table to the .nsd
 * (w->docs still held).  Errors are left in w->err. */
/* Bytes the source table holds. */
uint64_t ns_segw_sources_mem(const struct ns_segw *w);
void ns_segw_write_columns(struct ns_segw *w);
/* Frees the source table. */
void ns_segw_sources_release(struct ns_segw *w);

#endif /* NS_SEGW_INT_H */
