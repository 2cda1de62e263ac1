/* SPDX-License-Identifier: MIT */
/* segr_int.h -- private to the segment reader's parts (segreader.c,
 * segdict_read.c, segdocs_read.c, segpost_read.c, segspan.c): the open
 * segment's state and the helpers they share.  No other module includes it.
 */
#ifndef NS_SEGR_INT_H
#define NS_SEGR_INT_H

#include <stddef.h>
#include <stdint.h>
#include <zstd.h>

#include "fileio.h"
#include "format.h"
#include "segreader.h"

struct ns_segr {
	struct ns_map nsp;
	struct ns_map nsd;
	uint32_t n_docs;
	uint32_t n_terms;
	uint64_t n_tokens;

	const uint8_t *postings;	/* postings section */
	uint64_t postings_len;
	const uint8_t *terms;		/* terms section */
	uint64_t terms_len;
	uint32_t n_tblocks;
	const uint8_t *tindex;		/* n_tblocks records of 16 bytes */
	const uint8_t *tstrings;
	uint64_t tstrings_len;
	uint8_t *tblock_ok;		/* per dictionary block: TB_* flags */

	const uint8_t *norms;		/* norms section */
	uint64_t norms_len;
	uint8_t *norm_ok;		/* norms chunk CRC verified */

	const uint8_t *records;		/* document records */
	uint64_t records_len;
	const uint8_t *doctab;		/* doc table section */
	uint64_t doctab_len;		/* its doc entries (the id index follows) */
	uint8_t *doc_ok;		/* doc-table chunk CRC verified */
	const uint8_t *ids;		/* id index */
	uint8_t *id_ok;			/* id-index chunk CRC verified */
	const uint8_t *cols[2];		/* day and source columns (segcols.h) */
	uint8_t *col_ok[2];		/* their chunk CRCs verified */
	const uint8_t *srctab;		/* the source table: n_src:u32 crc:u32 ... */
	uint64_t srctab_len;		/* its bytes, to the section's end */
	int srctab_ok;			/* 1: its CRC and offsets verified */

	/* stored text (ns_doc_text): the dictionary, read at the first text */
	int tdict_read;			/* 1 once read: tdict NULL = none */
	ZSTD_DDict *tdict;
	ZSTD_DCtx *tz;
	/* the text group last decompressed */
	const uint8_t *tg;		/* its header, or NULL */
	uint8_t *traw;			/* its bytes */
	size_t traw_cap;

	struct ns_map del;		/* deletion file, if any */
	const uint8_t *del_bits;	/* its bitmap, or an override; NULL = none */
	uint32_t n_deleted;

	/* spans of a multi-block term's postings already verified (skip
	 * tables, doc blocks, position blocks): see span_ok() */
	uint64_t *seen;			/* open addressing; 0 = empty slot */
	uint32_t seen_mask;		/* slots - 1 */
	uint32_t seen_n;

	int twin;			/* the maps are another reader's
					 * (ns_segr_twin): never unmapped here */
};

/* tblock_ok flags of a dictionary block */
#define NS_TBLOCK_CHECKED 1	/* the block's CRC verified */
#define NS_TBLOCK_POSTINGS 2	/* its one-block postings verified (post_crc) */

/* Term index record of dictionary block b (format.h). */
static inline const uint8_t *ns_segr_tindex_rec(const struct ns_segr *s, uint32_t b)
{
	return s->tindex + NS_FMT_TINDEX_REC_LEN * (size_t)b;
}

/* Walks the entries of one dictionary block (segdict_read.c). */
struct ns_dict_walk {
	struct ns_segr *s;
	const uint8_t *p, *end;
	uint64_t postings_off;	/* file offset of the next entry's postings */
	char term[NS_FMT_MAX_TERM_LEN + 1];
	size_t len;
	struct ns_term_info ti;
};

/* Starts at block b, CRC-checked on first use: NS_OK or NS_ERR_CORRUPT. */
int ns_dict_walk_start(struct ns_dict_walk *w, struct ns_segr *s, uint32_t b);
/* NS_OK with the next entry in w, NS_DONE at the block's end. */
int ns_dict_walk_next(struct ns_dict_walk *w);

/* Whether the len bytes at `at` of the postings file have the CRC want:
 * checked once, then remembered in the segment (segspan.c). */
int ns_segr_span_ok(struct ns_segr *s, const uint8_t *at, size_t len, uint32_t want);
/* Frees the remembered spans. */
void ns_segr_span_release(struct ns_segr *s);

#endif /* NS_SEGR_INT_H */
