/* SPDX-License-Identifier: MIT */
/* segpost_write.c -- the postings of a segment being written (segwriter.h,
 * segw_int.h): per term, position runs straight to the file block by block,
 * doc blocks and skip entries held until the term ends (format.h, postings
 * section).  Read back by segpost_read.c.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codec.h"
#include "error.h"
#include "fieldterm.h"
#include "fileio.h"
#include "format.h"
#include "segw_int.h"

int ns_segw_term_begin(struct ns_segw *w, const char *term, size_t term_len)
{
	if (w->err)
		return w->err;
	if (w->in_term || term_len == 0 || term_len > NS_FMT_MAX_TERM_LEN)
		return ns_segw_fail(w, NS_ERR_USAGE);
	/* Terms must arrive in strictly increasing byte order: the dictionary
	 * is searched by bisection. */
	if (w->n_terms > 0) {
		size_t m = term_len < w->prev_len ? term_len : w->prev_len;
		int c = memcmp(term, w->prev_term, m);
		if (c < 0 || (c == 0 && term_len <= w->prev_len))
			return ns_segw_fail(w, NS_ERR_USAGE);
	}
	memcpy(w->term, term, term_len);
	w->term[term_len] = 0;
	w->term_len = term_len;
	w->in_term = 1;
	w->terms_begun = 1;
	w->field = ns_ft_is_field(term, term_len);
	w->df = 0;
	w->cf = 0;
	w->term_off = w->nsp.off;
	w->pos_len = 0;
	w->prev_plus1 = 0;
	w->blk_n = 0;
	w->blk_prev_plus1 = 0;
	w->blk_pos_n = 0;
	w->n_blocks = 0;
	ns_buf_reset(&w->doc_blocks);
	ns_buf_reset(&w->skips);
	return NS_OK;
}

/* Encodes v[0..n) as a codec run appended to b. */
static void append_run(struct ns_buf *b, const uint32_t *v, size_t n)
{
	if (ns_buf_reserve(b, ns_codec_bound(n)) != NS_OK)
		return;
	b->len += ns_codec_encode(b->data + b->len, v, n);
}

/* The skip entry's impact (format.h) of the block's documents: the
 * smallest (1 + c0 dl') / tf', which bounds their BM25F weights. */
static uint32_t block_impact(const struct ns_segw *w)
{
	double c0 = ns_fmt_bound_c0(w->n_tokens, w->n_docs), low = NS_FMT_BOUND_MAX;

	for (uint32_t i = 0; i < w->blk_n; i++) {
		const uint32_t *nm = &w->norms[2 * (size_t)w->blk_docs[i]];
		double tfw = (double)w->blk_tfs[i] + NS_FMT_BOUND_TW * (double)w->blk_tts[i];
		double dlw = (double)nm[1] + NS_FMT_BOUND_TW * (double)nm[0];
		double v = (1.0 + c0 * dlw) / tfw * NS_FMT_BOUND_SCALE;
		if (v < low)
			low = v;
	}
	return (uint32_t)low;	/* rounded down: never above the true value */
}

/* Writes the block of w->blk_n documents gathered: its positions run to
 * the file, its doc block and skip entry to memory. */
static void flush_block(struct ns_segw *w)
{
	uint32_t gaps[NS_FMT_BLOCK], tfm1[NS_FMT_BLOCK];
	uint32_t prev_plus1 = w->blk_prev_plus1, n_title = 0, impact;
	uint8_t skip[NS_FMT_SKIP_ENTRY_LEN];
	size_t doc_off = w->doc_blocks.len;

	for (uint32_t i = 0; i < w->blk_n; i++) {
		gaps[i] = w->blk_docs[i] - prev_plus1;
		prev_plus1 = w->blk_docs[i] + 1;
		tfm1[i] = w->blk_tfs[i] - 1;
		n_title += w->blk_tts[i] > 0;
	}
	if (w->doc_blocks.len > UINT32_MAX || w->pos_len > UINT32_MAX) {
		ns_segw_fail(w, NS_ERR_LIMIT);
		return;
	}
	ns_buf_reset(&w->enc);
	append_run(&w->enc, w->blk_pos, w->blk_pos_n);
	if (w->enc.err) {
		ns_segw_fail(w, NS_ERR_NOMEM);
		return;
	}
	ns_wfile_write(&w->nsp, w->enc.data, w->enc.len);

	append_run(&w->doc_blocks, gaps, w->blk_n);
	append_run(&w->doc_blocks, tfm1, w->blk_n);
	ns_buf_put_varint(&w->doc_blocks, n_title);
	if (n_title)
		append_run(&w->doc_blocks, w->blk_tts, w->blk_n);
	if (w->doc_blocks.err) {
		ns_segw_fail(w, NS_ERR_NOMEM);
		return;
	}

	ns_put_u32(skip + NS_FMT_SKIP_LAST_DOCID, w->blk_docs[w->blk_n - 1]);
	ns_put_u32(skip + NS_FMT_SKIP_DOC_OFF, (uint32_t)doc_off);
	ns_put_u32(skip + NS_FMT_SKIP_POS_OFF, (uint32_t)w->pos_len);
	/* A first block short of NS_FMT_BLOCK is the term's only one: no skip
	 * entry (the dictionary block's CRC covers it). */
	if (w->n_blocks > 0 || w->blk_n == NS_FMT_BLOCK) {
		impact = block_impact(w);
		ns_put_u32(skip + NS_FMT_SKIP_DOC_CRC,
			   ns_crc32(w->doc_blocks.data + doc_off, w->doc_blocks.len - doc_off));
		ns_put_u32(skip + NS_FMT_SKIP_POS_CRC, ns_crc32(w->enc.data, w->enc.len));
		skip[NS_FMT_SKIP_IMPACT] = (uint8_t)impact;
		skip[NS_FMT_SKIP_IMPACT + 1] = (uint8_t)(impact >> 8);
		ns_buf_append(&w->skips, skip, sizeof(skip));
	}
	w->pos_len += w->enc.len;
	w->n_blocks++;
	w->blk_prev_plus1 = prev_plus1;
	w->blk_n = 0;
	w->blk_pos_n = 0;
}

int ns_segw_term_doc(struct ns_segw *w, uint32_t docid, const uint32_t *pos, uint32_t tf)
{
	uint32_t *dst, title_len, tt = 0;

	if (w->err)
		return w->err;
	if (!w->in_term || tf == 0 || docid >= w->n_docs || (w->df > 0 && docid < w->prev_plus1))
		return ns_segw_fail(w, NS_ERR_USAGE);
	if (w->blk_pos_cap - w->blk_pos_n < tf) {
		size_t cap = w->blk_pos_cap ? w->blk_pos_cap : 1024;
		uint32_t *p;
		while (cap - w->blk_pos_n < tf)
			cap *= 2;
		p = realloc(w->blk_pos, cap * sizeof(*p));
		if (!p)
			return ns_segw_fail(w, NS_ERR_NOMEM);
		w->blk_pos = p;
		w->blk_pos_cap = cap;
	}
	dst = w->blk_pos + w->blk_pos_n;
	dst[0] = pos[0];
	for (uint32_t i = 1; i < tf; i++) {
		if (pos[i] <= pos[i - 1])
			return ns_segw_fail(w, NS_ERR_USAGE);
		dst[i] = pos[i] - pos[i - 1] - 1;
	}
	/* tf_title: the positions below title_len (format.h, I4) */
	title_len = w->field ? 0 : w->norms[2 * (size_t)docid];
	while (tt < tf && pos[tt] < title_len)
		tt++;
	w->blk_pos_n += tf;
	w->blk_docs[w->blk_n] = docid;
	w->blk_tfs[w->blk_n] = tf;
	w->blk_tts[w->blk_n] = tt;
	w->blk_n++;
	w->prev_plus1 = docid + 1;
	w->df++;
	w->cf += tf;
	if (w->blk_n == NS_FMT_BLOCK)
		flush_block(w);
	return w->err;
}

int ns_segw_term_end(struct ns_segw *w)
{
	uint64_t doc_len;

	if (w->err)
		return w->err;
	if (!w->in_term)
		return ns_segw_fail(w, NS_ERR_USAGE);
	w->in_term = 0;
	if (w->blk_n > 0)
		flush_block(w);
	if (w->err)
		return w->err;
	if (w->df == 0)
		return NS_OK;	/* a term without documents is not stored */

	/* Several blocks: the skip table with its CRC (its entries hold the
	 * blocks'); one block: its bytes join the dictionary block's CRC of
	 * such postings (format.h) -- w->enc still holds its positions. */
	doc_len = w->doc_blocks.len;
	if (w->n_blocks > 1) {
		uint8_t crc[4];
		ns_put_u32(crc, ns_crc32(w->skips.data, w->skips.len));
		ns_wfile_write(&w->nsp, crc, sizeof(crc));
		ns_wfile_write(&w->nsp, w->skips.data, w->skips.len);
		doc_len += sizeof(crc) + w->skips.len;
	} else {
		w->block_post_crc = ns_crc32_update(w->block_post_crc, w->enc.data, w->enc.len);
		w->block_post_crc = ns_crc32_update(w->block_post_crc, w->doc_blocks.data,
						    w->doc_blocks.len);
	}
	ns_wfile_write(&w->nsp, w->doc_blocks.data, w->doc_blocks.len);
	if (w->doc_blocks.err || w->skips.err)
		return ns_segw_fail(w, NS_ERR_NOMEM);

	ns_segw_dict_add(w, w->pos_len, doc_len);
	memcpy(w->prev_term, w->term, w->term_len);
	w->prev_len = w->term_len;
	w->n_terms++;
	if (w->nsp.err)
		return ns_segw_fail(w, w->nsp.err);
	return w->err;
}
