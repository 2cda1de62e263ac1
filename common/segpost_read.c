/* SPDX-License-Identifier: MIT */
/* segpost_read.c -- the postings cursor (segpost.h): a term's doc blocks
 * decoded one at a time, skipped by the skip table's last docids, and its
 * positions decoded lazily, only the packings of the documents asked for.
 */
#include "segpost.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "blockdec.h"
#include "codec.h"
#include "deletes.h"
#include "error.h"
#include "format.h"
#include "segr_int.h"
#include "varint.h"

int ns_post_open(struct ns_post *p, struct ns_segr *s, const struct ns_term_info *ti)
{
	int rc = ns_post_open_all(p, s, ti);

	p->del = s->del_bits;
	return rc;
}

/* Field `at` (format.h, NS_FMT_SKIP_*) of skip entry b. */
static uint32_t skip_u32(const struct ns_post *p, uint32_t b, size_t at)
{
	return ns_get_u32(p->skips + (size_t)b * NS_FMT_SKIP_ENTRY_LEN + at);
}

static uint32_t skip_u16(const struct ns_post *p, uint32_t b, size_t at)
{
	const uint8_t *e = p->skips + (size_t)b * NS_FMT_SKIP_ENTRY_LEN + at;

	return (uint32_t)e[0] | (uint32_t)e[1] << 8;
}

/* Checks the one-block postings of dictionary block b against its
 * post_crc, once. */
static int check_block_postings(struct ns_segr *s, uint32_t b)
{
	struct ns_dict_walk w;
	uint32_t crc = 0;
	int rc;

	if (b >= s->n_tblocks)
		return NS_CORRUPT();
	if (s->tblock_ok[b] & NS_TBLOCK_POSTINGS)
		return NS_OK;
	rc = ns_dict_walk_start(&w, s, b);
	while (rc == NS_OK && (rc = ns_dict_walk_next(&w)) == NS_OK)
		if (w.ti.df <= NS_FMT_BLOCK)
			crc = ns_crc32_update(crc, w.ti.pos_part, (size_t)(w.ti.pos_len + w.ti.doc_len));
	if (rc != NS_DONE)
		return rc;
	if (crc != ns_get_u32(s->terms + ns_get_u32(ns_segr_tindex_rec(s, b) + NS_FMT_TINDEX_BLOCK_OFF) +
			      NS_FMT_TBLOCK_POST_CRC))
		return NS_CORRUPT();
	s->tblock_ok[b] |= NS_TBLOCK_POSTINGS;
	return NS_OK;
}

int ns_post_open_all(struct ns_post *p, struct ns_segr *s, const struct ns_term_info *ti)
{
	uint64_t skip_len;

	memset(p, 0, offsetof(struct ns_post, pos_start));
	p->seg = s;
	p->ti = *ti;
	p->pos_blk = UINT32_MAX;
	p->n_blocks = (ti->df + NS_FMT_BLOCK - 1) / NS_FMT_BLOCK;
	skip_len = p->n_blocks > 1 ? 4 + (uint64_t)p->n_blocks * NS_FMT_SKIP_ENTRY_LEN : 0;
	/* Several blocks: only the skip table here, each block's bytes when
	 * it is decoded (a frequent term or a date range read in part pays
	 * for the part).  One block: with the dictionary block's other
	 * one-block terms, the first time. */
	if (ti->doc_len < skip_len)
		return NS_CORRUPT();
	if (skip_len) {
		if (!ns_segr_span_ok(s, ti->doc_part + 4, skip_len - 4, ns_get_u32(ti->doc_part)))
			return NS_CORRUPT();
	} else {
		int rc = check_block_postings(s, ti->dblock);
		if (rc != NS_OK)
			return rc;
	}
	p->skips = skip_len ? ti->doc_part + 4 : NULL;
	p->blocks = ti->doc_part + skip_len;
	p->blocks_end = ti->doc_part + ti->doc_len;
	if (p->skips) {
		/* The table passed its CRC: offsets must still make sense, so
		 * a block's extent is [off(b), off(b + 1)). */
		uint64_t doc_end = ti->doc_len - skip_len;
		for (uint32_t b = 0; b < p->n_blocks; b++) {
			int last = b + 1 == p->n_blocks;
			uint64_t next_doc = last ? doc_end : skip_u32(p, b + 1, NS_FMT_SKIP_DOC_OFF);
			uint64_t next_pos = last ? ti->pos_len : skip_u32(p, b + 1, NS_FMT_SKIP_POS_OFF);
			if (skip_u32(p, b, NS_FMT_SKIP_DOC_OFF) > next_doc ||
			    skip_u32(p, b, NS_FMT_SKIP_POS_OFF) > next_pos ||
			    (!last && skip_u32(p, b, NS_FMT_SKIP_LAST_DOCID) >=
					      skip_u32(p, b + 1, NS_FMT_SKIP_LAST_DOCID)))
				return NS_CORRUPT();
		}
		if (skip_u32(p, 0, NS_FMT_SKIP_DOC_OFF) != 0 || skip_u32(p, 0, NS_FMT_SKIP_POS_OFF) != 0)
			return NS_CORRUPT();
	}
	p->blk = UINT32_MAX;	/* before the first block */
	p->next_blk = p->blocks;
	p->docid = 0;
	return NS_OK;
}

void ns_post_release(struct ns_post *p)
{
	free(p->pos);
	free(p->pk_off);
	free(p->pk_done);
	p->pos = NULL;
	p->pk_off = NULL;
	p->pk_done = NULL;
	p->pos_cap = 0;
	p->pk_cap = 0;
}

/* Doc block b's bytes [*at, *end), CRC-checked (format.h: doc_crc of its
 * skip entry); a term of one block has no skip table.  0 when damaged. */
static int block_bytes(struct ns_post *p, uint32_t b, const uint8_t **at, const uint8_t **end)
{
	if (!p->skips) {
		*at = p->blocks;
		*end = p->blocks_end;
		return 1;
	}
	*at = p->blocks + skip_u32(p, b, NS_FMT_SKIP_DOC_OFF);
	*end = b + 1 < p->n_blocks ? p->blocks + skip_u32(p, b + 1, NS_FMT_SKIP_DOC_OFF)
				   : p->blocks_end;
	return ns_segr_span_ok(p->seg, *at, (size_t)(*end - *at), skip_u32(p, b, NS_FMT_SKIP_DOC_CRC));
}

/* Decodes block b; prev_plus1 = last docid of the block before + 1 (0 for
 * the first block). */
static int decode_block(struct ns_post *p, uint32_t b, uint32_t prev_plus1)
{
	uint32_t n = b + 1 < p->n_blocks ? NS_FMT_BLOCK : p->ti.df - b * NS_FMT_BLOCK;
	uint32_t gaps[NS_FMT_BLOCK];
	const uint8_t *at, *end;
	uint64_t d = prev_plus1, n_title;
	size_t k;

	if (!block_bytes(p, b, &at, &end))
		return NS_CORRUPT();
	k = ns_codec_decode(gaps, at, end, n);
	if (!k)
		return NS_CORRUPT();
	at += k;
	k = ns_codec_decode(p->tfs, at, end, n);
	if (!k)
		return NS_CORRUPT();
	at += k;
	if (ns_varint_get(&at, end, &n_title) || n_title > n)
		return NS_CORRUPT();
	if (n_title) {
		k = ns_codec_decode(p->tts, at, end, n);
		if (!k)
			return NS_CORRUPT();
		at += k;
	} else {
		memset(p->tts, 0, n * sizeof(*p->tts));
	}
	if (at != end)
		return NS_CORRUPT();
	p->next_blk = end;
	d = ns_blockdec_docids(p->docs, gaps, n, d);
	/* The last docid must exist (d - 1 < n_docs), the tf+1 must not have
	 * wrapped, and tf_title is part of tf. */
	if (d - 1 >= p->seg->n_docs)
		return NS_CORRUPT();
	if (!ns_blockdec_tfs(p->tfs, n_title ? p->tts : NULL, n))
		return NS_CORRUPT();
	if (p->skips && skip_u32(p, b, NS_FMT_SKIP_LAST_DOCID) != p->docs[n - 1])
		return NS_CORRUPT();
	p->blk = b;
	p->blk_n = n;
	p->i = 0;
	p->docid = p->docs[0];
	return NS_OK;
}

static int end_of_list(struct ns_post *p)
{
	p->docid = NS_POST_END;
	p->blk = p->n_blocks;
	return NS_DONE;
}

/* The docids of block b alone: its gaps are decoded, its term
 * frequencies left (the block's CRC still covers all of it). */
static int decode_block_docids(struct ns_post *p, uint32_t b, uint32_t prev_plus1)
{
	uint32_t n = b + 1 < p->n_blocks ? NS_FMT_BLOCK : p->ti.df - b * NS_FMT_BLOCK;
	uint32_t gaps[NS_FMT_BLOCK];
	const uint8_t *at, *end;
	uint64_t d;

	if (!block_bytes(p, b, &at, &end))
		return NS_CORRUPT();
	if (!ns_codec_decode(gaps, at, end, n))
		return NS_CORRUPT();
	d = ns_blockdec_docids(p->docs, gaps, n, prev_plus1);
	if (d - 1 >= p->seg->n_docs ||
	    (p->skips && skip_u32(p, b, NS_FMT_SKIP_LAST_DOCID) != p->docs[n - 1]))
		return NS_CORRUPT();
	p->next_blk = end;
	p->blk = b;
	p->blk_n = n;
	p->i = n - 1;	/* the cursor rests on the block's last document */
	p->docid = p->docs[n - 1];
	return NS_OK;
}

int ns_post_next_docs(struct ns_post *p, const uint32_t **docs, uint32_t *n)
{
	uint32_t b = p->blk == UINT32_MAX ? 0 : p->blk + 1;
	int rc;

	if (p->docid == NS_POST_END || b >= p->n_blocks)
		return end_of_list(p);
	rc = decode_block_docids(p, b, b == 0 ? 0 : p->docs[p->blk_n - 1] + 1);
	if (rc != NS_OK)
		return rc;
	*docs = p->docs;
	*n = p->blk_n;
	return NS_OK;
}

int ns_post_seek_docs(struct ns_post *p, uint32_t target, const uint32_t **docs, uint32_t *n)
{
	uint32_t b;
	int rc;

	if (p->docid == NS_POST_END)
		return NS_DONE;
	if (!p->skips || (p->blk == UINT32_MAX && target == 0)) {
		/* one block (no skip table), or from the start */
		rc = ns_post_next_docs(p, docs, n);
		return rc == NS_OK && (*docs)[*n - 1] < target ? end_of_list(p) : rc;
	}
	b = ns_post_find_block(p, target);
	if (p->blk != UINT32_MAX && b <= p->blk)
		b = p->blk + 1;	/* the current block was handed out already */
	if (b >= p->n_blocks)
		return end_of_list(p);
	rc = decode_block_docids(p, b, b == 0 ? 0 : skip_u32(p, b - 1, NS_FMT_SKIP_LAST_DOCID) + 1);
	if (rc != NS_OK)
		return rc;
	*docs = p->docs;
	*n = p->blk_n;
	return NS_OK;
}

static int raw_next(struct ns_post *p);
static int raw_advance(struct ns_post *p, uint32_t target);

/* Deleted documents are skipped here, one bitmap test per posting, so no
 * caller ever sees one (format.h, I7). */
int ns_post_next(struct ns_post *p)
{
	int rc = raw_next(p);

	while (rc == NS_OK && p->del && ns_del_test(p->del, p->docid))
		rc = raw_next(p);
	return rc;
}

int ns_post_advance_far(struct ns_post *p, uint32_t target)
{
	int rc = raw_advance(p, target);

	while (rc == NS_OK && p->del && ns_del_test(p->del, p->docid))
		rc = raw_next(p);
	return rc;
}

static int raw_next(struct ns_post *p)
{
	uint32_t b;

	if (p->docid == NS_POST_END)
		return NS_DONE;
	if (p->blk != UINT32_MAX && p->i + 1 < p->blk_n) {
		p->i++;
		p->docid = p->docs[p->i];
		return NS_OK;
	}
	b = p->blk == UINT32_MAX ? 0 : p->blk + 1;
	if (b >= p->n_blocks)
		return end_of_list(p);
	return decode_block(p, b, b == 0 ? 0 : p->docs[p->blk_n - 1] + 1);
}

uint32_t ns_post_block_last(const struct ns_post *p, uint32_t b)
{
	if (p->skips)
		return b < p->n_blocks ? skip_u32(p, b, NS_FMT_SKIP_LAST_DOCID) : NS_POST_END;
	if (p->blk == 0 && b == 0)
		return p->docs[p->blk_n - 1];
	return b == 0 ? NS_POST_END - 1 : NS_POST_END;
}

uint32_t ns_post_find_block(const struct ns_post *p, uint32_t target)
{
	uint32_t b = p->blk == UINT32_MAX ? 0 : p->blk, lo, hi, step = 1;

	if (b >= p->n_blocks)
		return p->n_blocks;
	if (!p->skips)
		return p->blk == 0 && p->docs[p->blk_n - 1] < target ? 1 : 0;
	/* Gallop then bisect over the skip entries' last docids. */
	lo = hi = b;
	while (hi < p->n_blocks && skip_u32(p, hi, NS_FMT_SKIP_LAST_DOCID) < target) {
		lo = hi + 1;
		hi += step;
		step *= 2;
	}
	if (lo >= p->n_blocks)
		return p->n_blocks;
	if (hi >= p->n_blocks)
		hi = p->n_blocks - 1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (skip_u32(p, mid, NS_FMT_SKIP_LAST_DOCID) < target)
			lo = mid + 1;
		else
			hi = mid;
	}
	return skip_u32(p, lo, NS_FMT_SKIP_LAST_DOCID) < target ? p->n_blocks : lo;
}

static int raw_advance(struct ns_post *p, uint32_t target)
{
	uint32_t b;
	int rc;

	if (p->docid == NS_POST_END)
		return NS_DONE;
	if (p->blk != UINT32_MAX && p->docid >= target)
		return NS_OK;
	/* Inside the current block? */
	if (p->blk != UINT32_MAX && p->docs[p->blk_n - 1] >= target) {
		p->i = ns_post_scan(p->docs, p->blk_n, p->i, target);
		p->docid = p->docs[p->i];
		return NS_OK;
	}
	b = p->blk == UINT32_MAX ? 0 : p->blk + 1;
	if (b >= p->n_blocks)
		return end_of_list(p);
	if (p->skips) {
		b = ns_post_find_block(p, target);
		if (b >= p->n_blocks)
			return end_of_list(p);
		rc = decode_block(p, b, b == 0 ? 0 : skip_u32(p, b - 1, NS_FMT_SKIP_LAST_DOCID) + 1);
	} else {
		rc = decode_block(p, b, 0);
	}
	if (rc != NS_OK)
		return rc;
	if (p->docs[p->blk_n - 1] < target)
		return end_of_list(p);
	p->i = ns_post_scan(p->docs, p->blk_n, 0, target);
	p->docid = p->docs[p->i];
	return NS_OK;
}

double ns_segr_bound_c0(const struct ns_segr *s)
{
	return ns_fmt_bound_c0(s->n_tokens, s->n_docs);
}

double ns_post_block_impact(const struct ns_post *p, uint32_t b)
{
	double tmax = 0;

	if (p->skips)
		return b < p->n_blocks ? skip_u16(p, b, NS_FMT_SKIP_IMPACT) / NS_FMT_BOUND_SCALE : HUGE_VAL;
	/* One block: from its decoded documents; dl' >= tf' always (every
	 * occurrence is a word of the document, every title one a title
	 * word), so (1 + c0 dl') / tf' >= 1 / tf' + c0. */
	if (p->blk != 0)
		return p->blk == UINT32_MAX ? 0 : HUGE_VAL;
	for (uint32_t i = 0; i < p->blk_n; i++) {
		double tfw = (double)p->tfs[i] + NS_FMT_BOUND_TW * (double)p->tts[i];
		if (tfw > tmax)
			tmax = tfw;
	}
	return 1.0 / tmax + ns_segr_bound_c0(p->seg);
}

/* Sets up the positions of the current block: its run, CRC-checked, and
 * where each document's values start; nothing is decoded yet. */
static int setup_positions(struct ns_post *p)
{
	const uint8_t *at, *end;
	uint64_t total = 0;
	size_t need, n_pk;

	if (p->skips) {
		uint32_t off = skip_u32(p, p->blk, NS_FMT_SKIP_POS_OFF);
		uint64_t next = p->blk + 1 < p->n_blocks
					? skip_u32(p, p->blk + 1, NS_FMT_SKIP_POS_OFF)
					: p->ti.pos_len;
		/* open checked off <= next <= pos_len */
		at = p->ti.pos_part + off;
		end = p->ti.pos_part + next;
		if (!ns_segr_span_ok(p->seg, at, (size_t)(end - at),
				     skip_u32(p, p->blk, NS_FMT_SKIP_POS_CRC)))
			return NS_CORRUPT();
	} else {
		/* checked with the doc part when the cursor opened */
		at = p->ti.pos_part;
		end = at + p->ti.pos_len;
	}
	total = ns_blockdec_starts(p->pos_start, p->tfs, p->blk_n);
	/* A run packs at most NS_FMT_BLOCK values per byte (width 0): a
	 * larger total is corrupt, and this bounds the allocation by the file
	 * size. */
	if (total > (uint64_t)(end - at) * NS_FMT_BLOCK + NS_FMT_BLOCK)
		return NS_CORRUPT();
	if (total > UINT32_MAX - NS_FMT_BLOCK)
		return NS_CORRUPT();
	need = (size_t)total + NS_FMT_BLOCK;
	if (need > p->pos_cap) {
		uint32_t *np = realloc(p->pos, need * sizeof(*np));
		if (!np)
			return NS_ERR_NOMEM;
		p->pos = np;
		p->pos_cap = need;
	}
	n_pk = ((size_t)total + NS_CODEC_BLOCK - 1) / NS_CODEC_BLOCK;
	if (n_pk + 1 > p->pk_cap) {
		uint32_t *o = realloc(p->pk_off, (n_pk + 1) * sizeof(*o));
		uint8_t *d;
		if (!o)
			return NS_ERR_NOMEM;
		p->pk_off = o;
		d = realloc(p->pk_done, n_pk + 1);
		if (!d)
			return NS_ERR_NOMEM;
		p->pk_done = d;
		p->pk_cap = n_pk + 1;
	}
	memset(p->pk_done, 0, n_pk + 1);
	memset(p->doc_done, 0, sizeof(p->doc_done));
	p->pk_off[0] = 0;
	p->pk_known = 1;
	p->n_pk = (uint32_t)n_pk;
	p->pos_at = at;
	p->pos_end = end;
	p->pos_blk = p->blk;
	return NS_OK;
}

/* Decodes codec packing k of the run (NS_CODEC_BLOCK values, fewer for the
 * last), finding its offset from the packings before it. */
static int decode_packing(struct ns_post *p, uint32_t k)
{
	uint32_t total = p->pos_start[p->blk_n];
	size_t m, got;

	while (p->pk_known <= k) {
		uint32_t j = p->pk_known - 1;
		size_t len = ns_codec_skip(p->pos_at + p->pk_off[j], p->pos_end, NS_CODEC_BLOCK);
		if (!len || (uint64_t)p->pk_off[j] + len > (uint64_t)(p->pos_end - p->pos_at))
			return NS_CORRUPT();
		p->pk_off[j + 1] = p->pk_off[j] + (uint32_t)len;
		p->pk_known++;
	}
	m = total - (size_t)k * NS_CODEC_BLOCK;
	if (m > NS_CODEC_BLOCK)
		m = NS_CODEC_BLOCK;
	got = ns_codec_decode(p->pos + (size_t)k * NS_CODEC_BLOCK, p->pos_at + p->pk_off[k],
			      p->pos_end, m);
	/* the last packing ends the run */
	if (!got || (k + 1 == p->n_pk && p->pos_at + p->pk_off[k] + got != p->pos_end))
		return NS_CORRUPT();
	p->pk_done[k] = 1;
	return NS_OK;
}

/* Makes document i's positions: decodes the packings holding its values
 * and turns its gaps into positions. */
static int make_positions(struct ns_post *p, uint32_t i)
{
	uint32_t start = p->pos_start[i], tf = p->tfs[i], *v;
	uint64_t acc;

	for (uint32_t k = start / NS_CODEC_BLOCK; k <= (start + tf - 1) / NS_CODEC_BLOCK; k++)
		if (!p->pk_done[k]) {
			int rc = decode_packing(p, k);
			if (rc != NS_OK)
				return rc;
		}
	v = p->pos + start;
	acc = v[0];
	for (uint32_t j = 1; j < tf; j++) {
		acc += (uint64_t)v[j] + 1;
		if (acc > UINT32_MAX - 1)
			return NS_CORRUPT();
		v[j] = (uint32_t)acc;
	}
	p->doc_done[i / 8] |= (uint8_t)(1u << (i % 8));
	return NS_OK;
}

int ns_post_positions(struct ns_post *p, const uint32_t **pos, uint32_t *n)
{
	if (p->docid == NS_POST_END || p->blk == UINT32_MAX)
		return NS_ERR_USAGE;
	if (p->pos_blk != p->blk) {
		int rc = setup_positions(p);
		if (rc != NS_OK)
			return rc;
	}
	if (!(p->doc_done[p->i / 8] & (1u << (p->i % 8)))) {
		int rc = make_positions(p, p->i);
		if (rc != NS_OK)
			return rc;
	}
	*pos = p->pos + p->pos_start[p->i];
	*n = p->tfs[p->i];
	return NS_OK;
}
