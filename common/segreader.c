/* SPDX-License-Identifier: MIT */
/* segreader.c -- read one segment (layout in format.h).
 *
 * Checks are lazy where the data is large: opening a segment verifies only
 * the trailers and the term index; a dictionary block, a norms or doc-table
 * chunk, or a postings list is CRC-checked the first time it is used.  So a
 * query touching three terms pays for three terms, not for the whole index.
 * What was verified is remembered for as long as the segment is open, so a
 * long-lived reader (nsearch --bench, a server) checks each part once.
 */
#include "segreader.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "codec.h"
#include "date.h"
#include "deletes.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "varint.h"

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

	/* the text group last inflated (ns_doc_text) */
	const uint8_t *tg;		/* its header, or NULL */
	z_stream tz;			/* its inflation, stopped at tdone */
	int tz_ready;
	uint8_t *traw;			/* its bytes, tdone of them so far */
	size_t traw_cap;
	uint64_t tdone;

	struct ns_map del;		/* deletion file, if any */
	const uint8_t *del_bits;	/* its bitmap, or an override; NULL = none */
	uint32_t n_deleted;

	/* spans of a multi-block term's postings already verified (skip
	 * tables, doc blocks, position blocks): see span_ok() */
	uint64_t *seen;			/* open addressing; 0 = empty slot */
	uint32_t seen_mask;		/* slots - 1 */
	uint32_t seen_n;
};

static int in_file(uint64_t off, uint64_t len, uint64_t file_len)
{
	return off <= file_len && len <= file_len - off;
}

static uint64_t chunked_len(uint32_t n, uint32_t per_chunk, uint32_t entry_len)
{
	uint64_t chunks = ((uint64_t)n + per_chunk - 1) / per_chunk;
	return chunks * 4 + (uint64_t)n * entry_len;
}

static int open_nsp(struct ns_segr *s)
{
	const uint8_t *d = s->nsp.data, *t;
	uint64_t len = s->nsp.len, off[8];
	uint32_t tindex_crc;
	int rc = ns_fmt_check_header(d, len, NS_FMT_MAGIC_POSTINGS);

	if (rc != NS_OK)
		return rc;
	if (len < NS_FMT_HEADER_LEN + NS_FMT_NSP_TRAILER)
		return NS_CORRUPT();
	t = d + len - NS_FMT_NSP_TRAILER;
	if (memcmp(t + NS_FMT_NSP_TRAILER - 4, NS_FMT_MAGIC_POSTINGS, 4) != 0 ||
	    ns_crc32(t, NS_FMT_NSP_TRAILER - 8) != ns_get_u32(t + NS_FMT_NSP_TRAILER - 8))
		return NS_CORRUPT();
	for (int i = 0; i < 8; i++)
		off[i] = ns_get_u64(t + 8 * i);
	for (int i = 0; i < 8; i += 2)
		if (!in_file(off[i], off[i + 1], len - NS_FMT_NSP_TRAILER))
			return NS_CORRUPT();
	if (ns_get_u32(t + 64) != s->n_docs)
		return NS_CORRUPT();
	s->n_terms = ns_get_u32(t + 68);
	s->n_tokens = ns_get_u64(t + 72);
	tindex_crc = ns_get_u32(t + 80);

	s->postings = d + off[0];
	s->postings_len = off[1];
	s->terms = d + off[2];
	s->terms_len = off[3];
	s->norms = d + off[6];
	s->norms_len = off[7];
	if (s->norms_len != chunked_len(s->n_docs, NS_FMT_NORM_CHUNK, NS_FMT_NORM_ENTRY_LEN))
		return NS_CORRUPT();

	/* The term index is small and read by every lookup: check it whole. */
	if (off[5] < 4 || ns_crc32(d + off[4], off[5]) != tindex_crc)
		return NS_CORRUPT();
	s->n_tblocks = ns_get_u32(d + off[4]);
	if (s->n_tblocks > (off[5] - 4) / 16 ||
	    (uint64_t)s->n_tblocks * NS_FMT_TERMS_PER_BLOCK < s->n_terms ||
	    (s->n_terms > 0 && s->n_tblocks == 0))
		return NS_CORRUPT();
	s->tindex = d + off[4] + 4;
	s->tstrings = s->tindex + (uint64_t)s->n_tblocks * 16;
	s->tstrings_len = off[5] - 4 - (uint64_t)s->n_tblocks * 16;
	for (uint32_t b = 0; b < s->n_tblocks; b++) {
		const uint8_t *r = s->tindex + 16 * (size_t)b;
		uint32_t soff = ns_get_u32(r + 4);
		if (ns_get_u32(r) >= s->terms_len || soff >= s->tstrings_len ||
		    s->tstrings[soff] == 0 || s->tstrings[soff] > s->tstrings_len - soff - 1 ||
		    ns_get_u64(r + 8) < off[0] || ns_get_u64(r + 8) > off[0] + off[1])
			return NS_CORRUPT();
	}
	return NS_OK;
}

static int open_nsd(struct ns_segr *s)
{
	const uint8_t *d = s->nsd.data, *t;
	uint64_t len = s->nsd.len, off[4];
	int rc = ns_fmt_check_header(d, len, NS_FMT_MAGIC_DOCS);

	if (rc != NS_OK)
		return rc;
	if (len < NS_FMT_HEADER_LEN + NS_FMT_NSD_TRAILER)
		return NS_CORRUPT();
	t = d + len - NS_FMT_NSD_TRAILER;
	if (memcmp(t + NS_FMT_NSD_TRAILER - 4, NS_FMT_MAGIC_DOCS, 4) != 0 ||
	    ns_crc32(t, NS_FMT_NSD_TRAILER - 8) != ns_get_u32(t + NS_FMT_NSD_TRAILER - 8))
		return NS_CORRUPT();
	for (int i = 0; i < 4; i++)
		off[i] = ns_get_u64(t + 8 * i);
	for (int i = 0; i < 4; i += 2)
		if (!in_file(off[i], off[i + 1], len - NS_FMT_NSD_TRAILER))
			return NS_CORRUPT();
	if (ns_get_u32(t + 32) != s->n_docs)
		return NS_CORRUPT();
	s->records = d + off[0];
	s->records_len = off[1];
	s->doctab = d + off[2];
	s->doctab_len = chunked_len(s->n_docs, NS_FMT_DOC_CHUNK, NS_FMT_DOC_ENTRY_LEN);
	if (off[3] != s->doctab_len + chunked_len(s->n_docs, NS_FMT_ID_CHUNK, NS_FMT_ID_ENTRY_LEN))
		return NS_CORRUPT();
	s->ids = s->doctab + s->doctab_len;
	return NS_OK;
}

int ns_segr_open(const char *dir, const struct ns_seginfo *info, struct ns_segr **out,
		 char *msg, size_t msglen)
{
	struct ns_segr *s;
	char name[32], *path = NULL;
	int rc;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NS_ERR_NOMEM;
	s->n_docs = info->n_docs;

	ns_fmt_segment_name(name, info->id, "nsp");
	path = ns_path_join(dir, name);
	rc = path ? ns_map_file(path, &s->nsp) : NS_ERR_NOMEM;
	if (rc == NS_OK) {
		rc = open_nsp(s);
		if (rc == NS_OK && s->n_tokens != info->n_tokens)
			rc = NS_CORRUPT();
	}
	if (rc != NS_OK)
		goto fail;
	free(path);
	ns_fmt_segment_name(name, info->id, "nsd");
	path = ns_path_join(dir, name);
	rc = path ? ns_map_file(path, &s->nsd) : NS_ERR_NOMEM;
	if (rc == NS_OK)
		rc = open_nsd(s);
	if (rc != NS_OK)
		goto fail;
	s->tblock_ok = calloc(s->n_tblocks + 1, 1);
	s->norm_ok = calloc(s->n_docs / NS_FMT_NORM_CHUNK + 1, 1);
	s->doc_ok = calloc(s->n_docs / NS_FMT_DOC_CHUNK + 1, 1);
	s->id_ok = calloc(s->n_docs / NS_FMT_ID_CHUNK + 1, 1);
	if (!s->tblock_ok || !s->norm_ok || !s->doc_ok || !s->id_ok) {
		rc = NS_ERR_NOMEM;
		goto fail;
	}
	if (info->del_gen != 0) {
		char dname[48];
		free(path);
		ns_fmt_deletes_name(dname, info->id, info->del_gen);
		path = ns_path_join(dir, dname);
		rc = path ? ns_map_file(path, &s->del) : NS_ERR_NOMEM;
		if (rc == NS_OK)
			rc = ns_del_parse(s->del.data, s->del.len, info->id, info->n_docs,
					  info->n_deleted, info->del_crc, &s->del_bits);
		if (rc != NS_OK)
			goto fail;
		s->n_deleted = info->n_deleted;
	} else if (info->n_deleted != 0) {
		rc = NS_CORRUPT();
		goto fail;
	}
	free(path);
	*out = s;
	return NS_OK;

fail:
	if (rc == NS_ERR_NOTFOUND)
		ns_msgf(msg, msglen, "%s: segment file missing", path ? path : name);
	else if (rc == NS_ERR_IO)
		ns_msgf(msg, msglen, "%s: %s", path ? path : name, strerror(errno));
	else
		ns_msgf(msg, msglen, "%s: %s", path ? path : name, ns_strerror(rc));
	free(path);
	ns_segr_close(s);
	return rc;
}

void ns_segr_close(struct ns_segr *s)
{
	if (!s)
		return;
	ns_unmap_file(&s->nsp);
	ns_unmap_file(&s->nsd);
	ns_unmap_file(&s->del);
	free(s->tblock_ok);
	free(s->norm_ok);
	free(s->doc_ok);
	free(s->id_ok);
	free(s->seen);
	if (s->tz_ready)
		inflateEnd(&s->tz);
	free(s->traw);
	free(s);
}

uint32_t ns_segr_n_docs(const struct ns_segr *s)
{
	return s->n_docs;
}

uint32_t ns_segr_n_terms(const struct ns_segr *s)
{
	return s->n_terms;
}

uint64_t ns_segr_n_tokens(const struct ns_segr *s)
{
	return s->n_tokens;
}

uint32_t ns_segr_n_deleted(const struct ns_segr *s)
{
	return s->n_deleted;
}

const uint8_t *ns_segr_deleted(const struct ns_segr *s)
{
	return s->del_bits;
}

int ns_segr_is_deleted(const struct ns_segr *s, uint32_t docid)
{
	return s->del_bits && docid < s->n_docs && ns_del_test(s->del_bits, docid);
}

void ns_segr_set_deleted(struct ns_segr *s, const uint8_t *bits)
{
	s->del_bits = bits;
	s->n_deleted = bits ? ns_del_count(bits, s->n_docs) : 0;
}

void ns_segr_sizes(const struct ns_segr *s, uint64_t *nsp_bytes, uint64_t *nsd_bytes,
		   uint64_t *postings_bytes, uint64_t *dict_bytes)
{
	*nsp_bytes = s->nsp.len;
	*nsd_bytes = s->nsd.len;
	*postings_bytes = s->postings_len;
	*dict_bytes = s->terms_len;
}

/* ---- dictionary ---- */

#define TB_CHECKED 1	/* the block's CRC verified */
#define TB_POSTINGS 2	/* its one-block postings verified (post_crc) */
#define TB_HEAD 12	/* crc:u32 len:u32 post_crc:u32 */

/* The bytes of dictionary block b, CRC-checked on first use. */
static int dict_block(struct ns_segr *s, uint32_t b, const uint8_t **p, const uint8_t **end)
{
	uint64_t off = ns_get_u32(s->tindex + 16 * (size_t)b);
	uint32_t len;

	if (off + TB_HEAD > s->terms_len)
		return NS_CORRUPT();
	len = ns_get_u32(s->terms + off + 4);
	if (len > s->terms_len - off - TB_HEAD)
		return NS_CORRUPT();
	*p = s->terms + off + TB_HEAD;
	*end = *p + len;
	if (!(s->tblock_ok[b] & TB_CHECKED)) {
		const uint8_t *q = *p, *first = s->tstrings + ns_get_u32(s->tindex + 16 * (size_t)b + 4);
		uint64_t prefix, suffix;
		/* A header zeroed whole (crc 0, len 0) passes the CRC: a block
		 * is never empty, and its first term is the term index's. */
		if (len == 0 ||
		    ns_crc32_update(ns_crc32(s->terms + off + 8, 4), *p, len) != ns_get_u32(s->terms + off))
			return NS_CORRUPT();
		if (ns_varint_get(&q, *end, &prefix) || ns_varint_get(&q, *end, &suffix) ||
		    prefix != 0 || suffix != first[0] || suffix > (uint64_t)(*end - q) ||
		    memcmp(q, first + 1, (size_t)suffix) != 0)
			return NS_CORRUPT();
		s->tblock_ok[b] |= TB_CHECKED;
	}
	return NS_OK;
}

/* Walks the entries of one dictionary block. */
struct dict_walk {
	struct ns_segr *s;
	const uint8_t *p, *end;
	uint64_t postings_off;	/* file offset of the next entry's postings */
	char term[NS_FMT_MAX_TERM_LEN + 1];
	size_t len;
	struct ns_term_info ti;
};

static int dict_walk_start(struct dict_walk *w, struct ns_segr *s, uint32_t b)
{
	w->s = s;
	w->len = 0;
	w->ti.dblock = b;
	w->postings_off = ns_get_u64(s->tindex + 16 * (size_t)b + 8);
	return dict_block(s, b, &w->p, &w->end);
}

/* NS_OK with the next entry in w, NS_DONE at the block's end. */
static int dict_walk_next(struct dict_walk *w)
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
		const uint8_t *str = s->tstrings + ns_get_u32(s->tindex + 16 * (size_t)mid + 4);
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
	struct dict_walk w;
	long b = find_block(s, term, len);
	int rc;

	if (b < 0)
		return NS_DONE;
	rc = dict_walk_start(&w, s, (uint32_t)b);
	while (rc == NS_OK && (rc = dict_walk_next(&w)) == NS_OK) {
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
	struct dict_walk w;
	int rc;

	if (b < 0)
		b = 0;
	for (; (uint32_t)b < s->n_tblocks; b++) {
		rc = dict_walk_start(&w, s, (uint32_t)b);
		while (rc == NS_OK && (rc = dict_walk_next(&w)) == NS_OK) {
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
	struct dict_walk w;
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
			rc = dict_walk_start(&it->w, it->s, it->blk);
			if (rc != NS_OK)
				return rc;
			it->started = 1;
		}
		rc = dict_walk_next(&it->w);
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
	str = s->tstrings + ns_get_u32(s->tindex + 16 * (size_t)b + 4);
	*term = (const char *)str + 1;
	*len = str[0];
	return NS_OK;
}

uint32_t ns_segr_n_blocks(const struct ns_segr *s)
{
	return s->n_tblocks;
}

/* ---- norms and documents ---- */

/* Entry i of a CRC-chunked fixed-size table, checking its chunk once. */
static int chunk_entry(const uint8_t *tab, uint32_t n, uint32_t i, uint32_t per_chunk,
		       uint32_t entry_len, uint8_t *ok, const uint8_t **entry)
{
	uint32_t c = i / per_chunk;
	const uint8_t *chunk = tab + (uint64_t)c * (4 + (uint64_t)per_chunk * entry_len);

	if (i >= n)
		return NS_CORRUPT();
	if (!ok[c]) {
		uint32_t k = n - c * per_chunk < per_chunk ? n - c * per_chunk : per_chunk;
		if (ns_crc32(chunk + 4, (size_t)k * entry_len) != ns_get_u32(chunk))
			return NS_CORRUPT();
		ok[c] = 1;
	}
	*entry = chunk + 4 + (uint64_t)(i % per_chunk) * entry_len;
	return NS_OK;
}

int ns_segr_norms(struct ns_segr *s, uint32_t docid, uint32_t *title_len, uint32_t *doc_len)
{
	const uint8_t *e;
	int rc = chunk_entry(s->norms, s->n_docs, docid, NS_FMT_NORM_CHUNK, NS_FMT_NORM_ENTRY_LEN,
			     s->norm_ok, &e);

	if (rc != NS_OK)
		return rc;
	*title_len = ns_get_u32(e);
	*doc_len = ns_get_u32(e + 4);
	if (*title_len > *doc_len)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_segr_date(struct ns_segr *s, uint32_t docid, int64_t *date_key)
{
	const uint8_t *e;
	int rc = chunk_entry(s->doctab, s->n_docs, docid, NS_FMT_DOC_CHUNK, NS_FMT_DOC_ENTRY_LEN,
			     s->doc_ok, &e);

	if (rc == NS_OK)
		*date_key = (int64_t)ns_get_u64(e + 8);
	return rc;
}

static int take_str(const uint8_t **p, const uint8_t *end, struct ns_str *s)
{
	uint64_t n;

	if (ns_varint_get(p, end, &n) || n > (uint64_t)(end - *p))
		return NS_CORRUPT();
	s->p = (const char *)*p;
	s->len = (size_t)n;
	*p += n;
	return NS_OK;
}

int ns_segr_doc(struct ns_segr *s, uint32_t docid, struct ns_doc *d)
{
	const uint8_t *e, *p, *end, *g;
	uint64_t off, zz, flags, text_off, back;
	uint32_t len, first, n;
	uint8_t le[4];
	int rc = chunk_entry(s->doctab, s->n_docs, docid, NS_FMT_DOC_CHUNK, NS_FMT_DOC_ENTRY_LEN,
			     s->doc_ok, &e);

	if (rc != NS_OK)
		return rc;
	off = ns_get_u64(e);
	if (off > s->records_len || s->records_len - off < 8)
		return NS_CORRUPT();
	len = ns_get_u32(s->records + off + 4);
	if (len > s->records_len - off - 8)
		return NS_CORRUPT();
	p = s->records + off + 8;
	end = p + len;
	ns_put_u32(le, docid);
	if (ns_crc32_update(ns_crc32(le, 4), p, len) != ns_get_u32(s->records + off))
		return NS_CORRUPT();
	if (take_str(&p, end, &d->id) || take_str(&p, end, &d->title) ||
	    take_str(&p, end, &d->date) || take_str(&p, end, &d->source) ||
	    take_str(&p, end, &d->url) || take_str(&p, end, &d->path) ||
	    ns_varint_get(&p, end, &zz) || ns_varint_get(&p, end, &flags) ||
	    ns_varint_get(&p, end, &d->text_len) || ns_varint_get(&p, end, &text_off) ||
	    ns_varint_get(&p, end, &back) || p != end)
		return NS_CORRUPT();
	/* The group: before the record, holding this docid and the text. */
	if (back > off || off - back > s->records_len - NS_FMT_GROUP_HEAD)
		return NS_CORRUPT();
	g = s->records + off - back;
	first = ns_get_u32(g + 12);
	n = ns_get_u32(g + 16);
	if ((uint64_t)ns_get_u32(g + 4) > back - NS_FMT_GROUP_HEAD || back < NS_FMT_GROUP_HEAD ||
	    docid < first || docid - first >= n || text_off > ns_get_u32(g + 8) ||
	    d->text_len > ns_get_u32(g + 8) - text_off)
		return NS_CORRUPT();
	d->date_key = (flags & 1) ? ns_unzigzag(zz) : NS_DATE_NONE;
	d->seg = s;
	d->group = g;
	d->text_off = text_off;
	return NS_OK;
}

/* ---- id index ---- */

int ns_segr_id_entry(struct ns_segr *s, uint32_t i, uint64_t *hash, uint32_t *docid)
{
	const uint8_t *e;
	int rc = chunk_entry(s->ids, s->n_docs, i, NS_FMT_ID_CHUNK, NS_FMT_ID_ENTRY_LEN, s->id_ok,
			     &e);

	if (rc != NS_OK)
		return rc;
	*hash = ns_get_u64(e);
	*docid = ns_get_u32(e + 8);
	if (*docid >= s->n_docs)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_segr_find_id(struct ns_segr *s, const char *id, size_t len, ns_id_fn fn, void *ctx)
{
	uint64_t h = ns_fmt_id_hash(id, len), eh;
	uint32_t lo = 0, hi = s->n_docs, docid;
	int rc;

	/* the first entry whose hash is >= h */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		rc = ns_segr_id_entry(s, mid, &eh, &docid);
		if (rc != NS_OK)
			return rc;
		if (eh < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->n_docs; lo++) {
		struct ns_doc d;
		rc = ns_segr_id_entry(s, lo, &eh, &docid);
		if (rc != NS_OK)
			return rc;
		if (eh != h)
			break;
		/* 64-bit hashes collide rarely; the record's id decides */
		rc = ns_segr_doc(s, docid, &d);
		if (rc != NS_OK)
			return rc;
		if (d.id.len == len && memcmp(d.id.p, id, len) == 0) {
			rc = fn(ctx, docid);
			if (rc)
				return rc;
		}
	}
	return NS_OK;
}

/* Inflates group g (CRC-checked when it becomes the current one) until
 * its first `need` bytes are in s->traw. */
static int inflate_group(struct ns_segr *s, const uint8_t *g, uint64_t need)
{
	uint32_t zlen = ns_get_u32(g + 4), raw_len = ns_get_u32(g + 8);
	int zrc;

	if (s->tg != g) {
		s->tg = NULL;
		if (ns_crc32_update(ns_crc32(g + 4, NS_FMT_GROUP_HEAD - 4), g + NS_FMT_GROUP_HEAD,
				    zlen) != ns_get_u32(g))
			return NS_CORRUPT();
		/* zlib expands at most ~1032 times: a larger raw_len is a lie,
		 * and this bounds the allocation by the file's size */
		if ((uint64_t)raw_len > (uint64_t)zlen * 1040 + 64)
			return NS_CORRUPT();
		if (raw_len + (size_t)1 > s->traw_cap) {
			uint8_t *r = realloc(s->traw, raw_len + (size_t)1);
			if (!r)
				return NS_ERR_NOMEM;
			s->traw = r;
			s->traw_cap = raw_len + (size_t)1;
		}
		if (!s->tz_ready) {
			memset(&s->tz, 0, sizeof(s->tz));
			if (inflateInit(&s->tz) != Z_OK)
				return NS_ERR_NOMEM;
			s->tz_ready = 1;
		} else if (inflateReset(&s->tz) != Z_OK) {
			return NS_ERR_NOMEM;
		}
		s->tz.next_in = (Bytef *)(uintptr_t)(g + NS_FMT_GROUP_HEAD);
		s->tz.avail_in = zlen;
		s->tdone = 0;
		s->tg = g;
	}
	while (s->tdone < need) {
		s->tz.next_out = s->traw + s->tdone;
		s->tz.avail_out = raw_len - (uInt)s->tdone;
		zrc = inflate(&s->tz, Z_SYNC_FLUSH);
		s->tdone = raw_len - s->tz.avail_out;
		if (zrc == Z_STREAM_END ? s->tdone != raw_len : zrc != Z_OK) {
			s->tg = NULL;
			return zrc == Z_MEM_ERROR ? NS_ERR_NOMEM : NS_CORRUPT();
		}
	}
	return NS_OK;
}

int ns_doc_text(const struct ns_doc *d, char **text, size_t *len)
{
	struct ns_segr *s = d->seg;
	char *out;
	int rc;

	*text = NULL;
	*len = 0;
	rc = inflate_group(s, d->group, d->text_off + d->text_len);
	if (rc != NS_OK)
		return rc;
	if (d->text_off == 0 && d->text_len == ns_get_u32(d->group + 8) &&
	    d->text_len > NS_FMT_TEXT_GROUP) {
		/* A huge article alone in its group: hand the group's buffer
		 * over rather than hold the text twice. */
		out = (char *)s->traw;
		s->traw = NULL;
		s->traw_cap = 0;
		s->tg = NULL;
	} else {
		out = malloc((size_t)d->text_len + 1);
		if (!out)
			return NS_ERR_NOMEM;
		memcpy(out, s->traw + d->text_off, (size_t)d->text_len);
	}
	out[d->text_len] = 0;
	*text = out;
	*len = (size_t)d->text_len;
	return NS_OK;
}

/* ---- postings cursor ---- */

int ns_post_open(struct ns_post *p, struct ns_segr *s, const struct ns_term_info *ti)
{
	int rc = ns_post_open_all(p, s, ti);

	p->del = s->del_bits;
	return rc;
}

static uint32_t skip_u32(const struct ns_post *p, uint32_t b, int field)
{
	return ns_get_u32(p->skips + (size_t)b * NS_FMT_SKIP_ENTRY_LEN + 4 * (size_t)field);
}

static uint32_t skip_u16(const struct ns_post *p, uint32_t b, int at)
{
	const uint8_t *e = p->skips + (size_t)b * NS_FMT_SKIP_ENTRY_LEN + at;

	return (uint32_t)e[0] | (uint32_t)e[1] << 8;
}

/* ---- verified spans of postings ----
 * A multi-block term's skip table and blocks carry their own CRCs, checked
 * when first read.  The spans that passed are remembered in a small hash
 * set keyed by (offset, length), so that repeated queries in one process do
 * not pay for the same check again (dictionary blocks and one-block terms
 * have their flags in tblock_ok).  The set stops growing at SEEN_MAX slots;
 * beyond that, spans are simply checked every time. */
#define SEEN_MIN 1024u
#define SEEN_MAX (1u << 20)

static uint64_t seen_slot(uint64_t key, uint32_t mask)
{
	return (key * 0x9E3779B97F4A7C15ull) >> 40 & mask;
}

static int seen_has(const struct ns_segr *s, uint64_t key)
{
	if (!s->seen)
		return 0;
	for (uint64_t i = seen_slot(key, s->seen_mask);; i = (i + 1) & s->seen_mask) {
		if (s->seen[i] == key)
			return 1;
		if (s->seen[i] == 0)
			return 0;
	}
}

static void seen_add(struct ns_segr *s, uint64_t key)
{
	uint64_t i;

	if (!s->seen || (s->seen_n + 1) * 2 > s->seen_mask + 1) {
		/* grow to keep the load under one half (or stop growing) */
		uint32_t slots = s->seen ? (s->seen_mask + 1) * 2 : SEEN_MIN;
		uint64_t *t;
		if (slots > SEEN_MAX || !(t = calloc(slots, sizeof(*t))))
			return;
		for (uint32_t k = 0; s->seen && k <= s->seen_mask; k++) {
			if (!s->seen[k])
				continue;
			for (i = seen_slot(s->seen[k], slots - 1); t[i]; i = (i + 1) & (slots - 1))
				;
			t[i] = s->seen[k];
		}
		free(s->seen);
		s->seen = t;
		s->seen_mask = slots - 1;
	}
	for (i = seen_slot(key, s->seen_mask); s->seen[i]; i = (i + 1) & s->seen_mask)
		;
	s->seen[i] = key;
	s->seen_n++;
}

/* Whether the len bytes at `at` of the postings file have the CRC want:
 * checked once, then remembered. */
static int span_ok(struct ns_segr *s, const uint8_t *at, size_t len, uint32_t want)
{
	uint64_t off = (uint64_t)(at - s->nsp.data);
	/* key: offset and length, never 0; spans of 16 MiB or more (rare, and
	 * checked every time) do not fit the key */
	uint64_t key = (off + 1) << 24 | len;

	if (len < (1u << 24) && seen_has(s, key))
		return 1;
	if (ns_crc32(at, len) != want)
		return 0;
	if (len < (1u << 24) && off < (1ull << 39))
		seen_add(s, key);
	return 1;
}

/* Checks the one-block postings of dictionary block b against its
 * post_crc, once. */
static int check_block_postings(struct ns_segr *s, uint32_t b)
{
	struct dict_walk w;
	uint32_t crc = 0;
	int rc;

	if (b >= s->n_tblocks)
		return NS_CORRUPT();
	if (s->tblock_ok[b] & TB_POSTINGS)
		return NS_OK;
	rc = dict_walk_start(&w, s, b);
	while (rc == NS_OK && (rc = dict_walk_next(&w)) == NS_OK)
		if (w.ti.df <= NS_FMT_BLOCK)
			crc = ns_crc32_update(crc, w.ti.pos_part, (size_t)(w.ti.pos_len + w.ti.doc_len));
	if (rc != NS_DONE)
		return rc;
	if (crc != ns_get_u32(s->terms + ns_get_u32(s->tindex + 16 * (size_t)b) + 8))
		return NS_CORRUPT();
	s->tblock_ok[b] |= TB_POSTINGS;
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
		if (!span_ok(s, ti->doc_part + 4, skip_len - 4, ns_get_u32(ti->doc_part)))
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
			uint64_t next_doc = last ? doc_end : skip_u32(p, b + 1, 1);
			uint64_t next_pos = last ? ti->pos_len : skip_u32(p, b + 1, 2);
			if (skip_u32(p, b, 1) > next_doc || skip_u32(p, b, 2) > next_pos ||
			    (!last && skip_u32(p, b, 0) >= skip_u32(p, b + 1, 0)))
				return NS_CORRUPT();
		}
		if (skip_u32(p, 0, 1) != 0 || skip_u32(p, 0, 2) != 0)
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

/* Decodes block b; prev_plus1 = last docid of the block before + 1 (0 for
 * the first block). */
static int decode_block(struct ns_post *p, uint32_t b, uint32_t prev_plus1)
{
	uint32_t n = b + 1 < p->n_blocks ? NS_FMT_BLOCK : p->ti.df - b * NS_FMT_BLOCK;
	uint32_t gaps[NS_FMT_BLOCK];
	const uint8_t *at, *end;
	uint64_t d = prev_plus1, n_title;
	size_t k;

	if (p->skips) {
		at = p->blocks + skip_u32(p, b, 1);
		end = b + 1 < p->n_blocks ? p->blocks + skip_u32(p, b + 1, 1) : p->blocks_end;
		if (!span_ok(p->seg, at, (size_t)(end - at), skip_u32(p, b, 3)))
			return NS_CORRUPT();
	} else {
		at = p->blocks;
		end = p->blocks_end;
	}
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
	for (uint32_t i = 0; i < n; i++) {
		d += gaps[i];
		p->docs[i] = (uint32_t)d;
		p->tfs[i] += 1;
		d++;
	}
	/* The last docid must exist (d - 1 < n_docs), the tf+1 must not have
	 * wrapped, and tf_title is part of tf. */
	if (d - 1 >= p->seg->n_docs)
		return NS_CORRUPT();
	for (uint32_t i = 0; i < n; i++)
		if (p->tfs[i] == 0 || p->tts[i] > p->tfs[i])
			return NS_CORRUPT();
	if (p->skips && skip_u32(p, b, 0) != p->docs[n - 1])
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

int ns_post_advance(struct ns_post *p, uint32_t target)
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
		return b < p->n_blocks ? skip_u32(p, b, 0) : NS_POST_END;
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
	while (hi < p->n_blocks && skip_u32(p, hi, 0) < target) {
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
		if (skip_u32(p, mid, 0) < target)
			lo = mid + 1;
		else
			hi = mid;
	}
	return skip_u32(p, lo, 0) < target ? p->n_blocks : lo;
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
		while (p->docs[p->i] < target)
			p->i++;
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
		rc = decode_block(p, b, b == 0 ? 0 : skip_u32(p, b - 1, 0) + 1);
	} else {
		rc = decode_block(p, b, 0);
	}
	if (rc != NS_OK)
		return rc;
	while (p->i < p->blk_n && p->docs[p->i] < target)
		p->i++;
	if (p->i == p->blk_n)
		return end_of_list(p);
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
		return b < p->n_blocks ? skip_u16(p, b, 20) / NS_FMT_BOUND_SCALE : HUGE_VAL;
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
		uint32_t off = skip_u32(p, p->blk, 2);
		uint64_t next = p->blk + 1 < p->n_blocks ? skip_u32(p, p->blk + 1, 2) : p->ti.pos_len;
		/* open checked off <= next <= pos_len */
		at = p->ti.pos_part + off;
		end = p->ti.pos_part + next;
		if (!span_ok(p->seg, at, (size_t)(end - at), skip_u32(p, p->blk, 4)))
			return NS_CORRUPT();
	} else {
		/* checked with the doc part when the cursor opened */
		at = p->ti.pos_part;
		end = at + p->ti.pos_len;
	}
	for (uint32_t i = 0; i < p->blk_n; i++) {
		p->pos_start[i] = (uint32_t)total;
		total += p->tfs[i];
	}
	/* A run packs at most NS_FMT_BLOCK values per byte (width 0): a
	 * larger total is corrupt, and this bounds the allocation by the file
	 * size. */
	if (total > (uint64_t)(end - at) * NS_FMT_BLOCK + NS_FMT_BLOCK)
		return NS_CORRUPT();
	if (total > UINT32_MAX - NS_FMT_BLOCK)
		return NS_CORRUPT();
	p->pos_start[p->blk_n] = (uint32_t)total;
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
