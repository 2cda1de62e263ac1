/* SPDX-License-Identifier: MIT */
/* segdict_read.c -- a segment's dictionary (segdict.h): blocks of
 * NS_FMT_TERMS_PER_BLOCK front-coded entries found through the term index,
 * each block CRC-checked the first time it is read.
 */
#include "segdict.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "segr_int.h"
#include "varint.h"

/* The bytes of dictionary block b, CRC-checked on first use. */
static int dict_block(struct ns_segr *s, uint32_t b, const uint8_t **p, const uint8_t **end)
{
	uint64_t off = ns_get_u32(ns_segr_tindex_rec(s, b) + NS_FMT_TINDEX_BLOCK_OFF);
	uint32_t len;

	if (off + NS_FMT_TBLOCK_HEAD > s->terms_len)
		return NS_CORRUPT();
	len = ns_get_u32(s->terms + off + NS_FMT_TBLOCK_LEN);
	if (len > s->terms_len - off - NS_FMT_TBLOCK_HEAD)
		return NS_CORRUPT();
	*p = s->terms + off + NS_FMT_TBLOCK_HEAD;
	*end = *p + len;
	if (!(s->tblock_ok[b] & NS_TBLOCK_CHECKED)) {
		const uint8_t *q = *p;
		const uint8_t *first =
			s->tstrings + ns_get_u32(ns_segr_tindex_rec(s, b) + NS_FMT_TINDEX_FIRST_OFF);
		uint64_t prefix, suffix;
		/* A header zeroed whole (crc 0, len 0) passes the CRC: a block
		 * is never empty, and its first term is the term index's. */
		if (len == 0 ||
		    ns_crc32_update(ns_crc32(s->terms + off + NS_FMT_TBLOCK_POST_CRC, 4), *p, len) !=
			ns_get_u32(s->terms + off + NS_FMT_TBLOCK_CRC))
			return NS_CORRUPT();
		if (ns_varint_get(&q, *end, &prefix) || ns_varint_get(&q, *end, &suffix) ||
		    prefix != 0 || suffix != first[0] || suffix > (uint64_t)(*end - q) ||
		    memcmp(q, first + 1, (size_t)suffix) != 0)
			return NS_CORRUPT();
		s->tblock_ok[b] |= NS_TBLOCK_CHECKED;
	}
	return NS_OK;
}

int ns_dict_walk_start(struct ns_dict_walk *w, struct ns_segr *s, uint32_t b)
{
	w->s = s;
	w->len = 0;
	w->ti.dblock = b;
	w->postings_off = ns_get_u64(ns_segr_tindex_rec(s, b) + NS_FMT_TINDEX_POSTINGS_OFF);
	return dict_block(s, b, &w->p, &w->end);
}

int ns_dict_walk_next(struct ns_dict_walk *w)
{
	uint64_t prefix, suffix, df, cf, pos_len, doc_len;
	const uint8_t *file = w->s->nsp.data;
	uint64_t post_end = (uint64_t)(w->s->postings - file) + w->s->postings_len;

	if (w->p == w->end)
		return NS_DONE;
	if (ns_varint_get(&w->p, w->end, &prefix) || ns_varint_get(&w->p, w->end, &suffix) ||
	    prefix > w->len || suffix == 0 || prefix + suffix > NS_FMT_MAX_TERM_LEN ||
	    suffix > (uint64_t)(w->end - w->p))
		return NS_CORRUPT();
	memcpy(w->term + prefix, w->p, suffix);
	w->p += suffix;
	w->len = prefix + suffix;
	w->term[w->len] = 0;
	if (ns_varint_get(&w->p, w->end, &df) || ns_varint_get(&w->p, w->end, &cf) ||
	    ns_varint_get(&w->p, w->end, &pos_len) || ns_varint_get(&w->p, w->end, &doc_len))
		return NS_CORRUPT();
	if (df == 0 || df > w->s->n_docs || cf < df || w->postings_off > post_end ||
	    pos_len > post_end - w->postings_off ||
	    doc_len > post_end - w->postings_off - pos_len)
		return NS_CORRUPT();
	w->ti.df = (uint32_t)df;
	w->ti.cf = cf;
	w->ti.pos_part = file + w->postings_off;
	w->ti.pos_len = pos_len;
	w->ti.doc_part = file + w->postings_off + pos_len;
	w->ti.doc_len = doc_len;
	w->postings_off += pos_len + doc_len;
	return NS_OK;
}

/* Index of the last block whose first term is <= key, or -1. */
static long find_block(const struct ns_segr *s, const char *key, size_t len)
{
	long lo = 0, hi = (long)s->n_tblocks - 1, found = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		const uint8_t *str = s->tstrings + ns_get_u32(ns_segr_tindex_rec(s, (uint32_t)mid) +
							      NS_FMT_TINDEX_FIRST_OFF);
		if (ns_fmt_term_cmp((const char *)str + 1, str[0], key, len) <= 0) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

int ns_segr_lookup(struct ns_segr *s, const char *term, size_t len, struct ns_term_info *ti)
{
	struct ns_dict_walk w;
	long b = find_block(s, term, len);
	int rc;

	if (b < 0)
		return NS_DONE;
	rc = ns_dict_walk_start(&w, s, (uint32_t)b);
	while (rc == NS_OK && (rc = ns_dict_walk_next(&w)) == NS_OK) {
		int c = ns_fmt_term_cmp(w.term, w.len, term, len);
		if (c == 0) {
			*ti = w.ti;
			return NS_OK;
		}
		if (c > 0)
			return NS_DONE;
	}
	return rc;
}

int ns_segr_scan(struct ns_segr *s, const char *from, size_t from_len, ns_term_fn fn, void *ctx)
{
	long b = find_block(s, from, from_len);
	struct ns_dict_walk w;
	int rc;

	if (b < 0)
		b = 0;
	for (; (uint32_t)b < s->n_tblocks; b++) {
		rc = ns_dict_walk_start(&w, s, (uint32_t)b);
		while (rc == NS_OK && (rc = ns_dict_walk_next(&w)) == NS_OK) {
			if (ns_fmt_term_cmp(w.term, w.len, from, from_len) < 0)
				continue;
			rc = fn(ctx, w.term, w.len, &w.ti);
			if (rc)
				return rc;
		}
		if (rc != NS_DONE)
			return rc;
	}
	return NS_OK;
}

/* ---- term iterator ---- */

struct ns_term_iter {
	struct ns_segr *s;
	uint32_t blk;		/* block of w; n_tblocks when done */
	int started;
	struct ns_dict_walk w;
};

int ns_term_iter_new(struct ns_segr *s, struct ns_term_iter **out)
{
	struct ns_term_iter *it = calloc(1, sizeof(*it));

	*out = it;
	if (!it)
		return NS_ERR_NOMEM;
	it->s = s;
	return NS_OK;
}

int ns_term_iter_next(struct ns_term_iter *it, const char **term, size_t *len,
		      struct ns_term_info *ti)
{
	int rc;

	for (;;) {
		if (!it->started) {
			if (it->blk >= it->s->n_tblocks)
				return NS_DONE;
			rc = ns_dict_walk_start(&it->w, it->s, it->blk);
			if (rc != NS_OK)
				return rc;
			it->started = 1;
		}
		rc = ns_dict_walk_next(&it->w);
		if (rc == NS_OK) {
			*term = it->w.term;
			*len = it->w.len;
			*ti = it->w.ti;
			return NS_OK;
		}
		if (rc != NS_DONE)
			return rc;
		it->started = 0;
		it->blk++;
	}
}

uint32_t ns_term_iter_block(const struct ns_term_iter *it)
{
	return it->blk;
}

void ns_term_iter_free(struct ns_term_iter *it)
{
	free(it);
}

int ns_segr_block_first(struct ns_segr *s, uint32_t b, const char **term, size_t *len)
{
	const uint8_t *str;

	if (b >= s->n_tblocks)
		return NS_ERR_USAGE;
	str = s->tstrings + ns_get_u32(ns_segr_tindex_rec(s, b) + NS_FMT_TINDEX_FIRST_OFF);
	*term = (const char *)str + 1;
	*len = str[0];
	return NS_OK;
}

uint32_t ns_segr_n_blocks(const struct ns_segr *s)
{
	return s->n_tblocks;
}
