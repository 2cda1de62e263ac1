/* SPDX-License-Identifier: MIT */
/* segdict_write.c -- the dictionary of a segment being written (segw_int.h):
 * front-coded entries gathered in blocks of NS_FMT_TERMS_PER_BLOCK, each
 * block's first term in the term index (format.h, terms and term index
 * sections).  Read back by segdict_read.c.
 */
#include <string.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "segw_int.h"

/* Closes the open dictionary block: its term index record, its first
 * term, its head and entries. */
static void close_dict_block(struct ns_segw *w)
{
	uint8_t rec[NS_FMT_TINDEX_REC_LEN], crc_in[4];

	if (w->block_n == 0)
		return;
	/* The block's entries are complete only if every append went
	 * through; ns_buf_reset() below would forget that one did not. */
	if (w->block.err) {
		ns_segw_fail(w, NS_ERR_NOMEM);
		return;
	}
	if (w->terms.len > UINT32_MAX || w->tstrings.len > UINT32_MAX) {
		ns_segw_fail(w, NS_ERR_LIMIT);
		return;
	}
	ns_put_u32(rec + NS_FMT_TINDEX_BLOCK_OFF, (uint32_t)w->terms.len);
	ns_put_u32(rec + NS_FMT_TINDEX_FIRST_OFF, (uint32_t)w->tstrings.len);
	ns_put_u64(rec + NS_FMT_TINDEX_POSTINGS_OFF, w->block_postings_off);
	ns_buf_append(&w->tindex, rec, sizeof(rec));
	ns_buf_putc(&w->tstrings, (uint8_t)w->block_first_len);
	ns_buf_append(&w->tstrings, w->block_first, w->block_first_len);

	/* term_block head: crc, len, post_crc (format.h) */
	ns_put_u32(crc_in, w->block_post_crc);
	ns_buf_put_u32(&w->terms,
		       ns_crc32_update(ns_crc32(crc_in, 4), w->block.data, w->block.len));
	ns_buf_put_u32(&w->terms, (uint32_t)w->block.len);
	ns_buf_put_u32(&w->terms, w->block_post_crc);
	ns_buf_append(&w->terms, w->block.data, w->block.len);
	ns_buf_reset(&w->block);
	w->block_n = 0;
	w->block_post_crc = 0;
	w->n_tblocks++;
}

void ns_segw_dict_add(struct ns_segw *w, uint64_t pos_len, uint64_t doc_len)
{
	size_t prefix = 0;

	if (w->block_n == 0) {
		w->block_postings_off = w->term_off;
		memcpy(w->block_first, w->term, w->term_len);
		w->block_first_len = w->term_len;
	} else {
		while (prefix < w->term_len && prefix < w->prev_len &&
		       w->term[prefix] == w->prev_term[prefix])
			prefix++;
	}
	ns_buf_put_varint(&w->block, prefix);
	ns_buf_put_varint(&w->block, w->term_len - prefix);
	ns_buf_append(&w->block, w->term + prefix, w->term_len - prefix);
	ns_buf_put_varint(&w->block, w->df);
	ns_buf_put_varint(&w->block, w->cf);
	ns_buf_put_varint(&w->block, pos_len);
	ns_buf_put_varint(&w->block, doc_len);
	w->block_n++;
	if (w->block_n == NS_FMT_TERMS_PER_BLOCK)
		close_dict_block(w);
}

void ns_segw_dict_write(struct ns_segw *w, uint64_t *terms_off, uint64_t *tindex_off,
			uint64_t *tindex_len, uint32_t *tindex_crc)
{
	uint8_t cnt[4];

	close_dict_block(w);
	if (w->err)
		return;
	*terms_off = w->nsp.off;
	ns_wfile_write(&w->nsp, w->terms.data, w->terms.len);

	*tindex_off = w->nsp.off;
	ns_put_u32(cnt, w->n_tblocks);
	*tindex_crc = ns_crc32(cnt, 4);
	*tindex_crc = ns_crc32_update(*tindex_crc, w->tindex.data, w->tindex.len);
	*tindex_crc = ns_crc32_update(*tindex_crc, w->tstrings.data, w->tstrings.len);
	ns_wfile_write(&w->nsp, cnt, 4);
	ns_wfile_write(&w->nsp, w->tindex.data, w->tindex.len);
	ns_wfile_write(&w->nsp, w->tstrings.data, w->tstrings.len);
	*tindex_len = w->nsp.off - *tindex_off;
	if (w->terms.err || w->tindex.err || w->tstrings.err)
		ns_segw_fail(w, NS_ERR_NOMEM);
}
