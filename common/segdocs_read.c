/* SPDX-License-Identifier: MIT */
/* segdocs_read.c -- a segment's documents (segdocs.h): the norms and the
 * doc table (fixed-size entries in CRC chunks, each checked once), the
 * records, the id index, and the stored text, decompressed group by group.
 */
#include "segdocs.h"

#include <stdlib.h>
#include <string.h>
#define ZSTD_STATIC_LINKING_ONLY	/* ZSTD_createDDict_advanced */
#include <zstd.h>
#include <zstd_errors.h>

#include "date.h"
#include "error.h"
#include "format.h"
#include "segr_int.h"
#include "varint.h"


/* Entry i of a CRC-chunked fixed-size table, checking its chunk once.
 * Inline: with the table's constants the division is a shift, and a norm
 * is read once per document scored. */
static inline int chunk_entry(const uint8_t *tab, uint32_t n, uint32_t i, uint32_t per_chunk,
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
	const uint8_t *e = NULL;	/* set when chunk_entry() succeeds */
	int rc = chunk_entry(s->norms, s->n_docs, docid, NS_FMT_NORM_CHUNK, NS_FMT_NORM_ENTRY_LEN,
			     s->norm_ok, &e);

	if (rc != NS_OK)
		return rc;
	*title_len = ns_get_u32(e + NS_FMT_NORM_TITLE_LEN);
	*doc_len = ns_get_u32(e + NS_FMT_NORM_DOC_LEN);
	if (*title_len > *doc_len)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_segr_date(struct ns_segr *s, uint32_t docid, int64_t *date_key)
{
	const uint8_t *e = NULL;	/* set when chunk_entry() succeeds */
	int rc = chunk_entry(s->doctab, s->n_docs, docid, NS_FMT_DOC_CHUNK, NS_FMT_DOC_ENTRY_LEN,
			     s->doc_ok, &e);

	if (rc == NS_OK)
		*date_key = (int64_t)ns_get_u64(e + NS_FMT_DOC_DATE_KEY);
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

/* The fields of the record at off (format.h: record), CRC-checked as
 * docid's; *flags its flags. */
static int parse_record(struct ns_segr *s, uint64_t off, uint32_t docid, struct ns_doc *d,
			uint64_t *zz, uint64_t *flags, uint64_t *text_off, uint64_t *back)
{
	const uint8_t *p, *end;
	uint32_t len;
	uint8_t le[4];

	if (off > s->records_len || s->records_len - off < NS_FMT_RECORD_HEAD)
		return NS_CORRUPT();
	len = ns_get_u32(s->records + off + NS_FMT_RECORD_LEN);
	if (len > s->records_len - off - NS_FMT_RECORD_HEAD)
		return NS_CORRUPT();
	p = s->records + off + NS_FMT_RECORD_HEAD;
	end = p + len;
	ns_put_u32(le, docid);
	if (ns_crc32_update(ns_crc32(le, 4), p, len) != ns_get_u32(s->records + off + NS_FMT_RECORD_CRC))
		return NS_CORRUPT();
	if (take_str(&p, end, &d->id) || take_str(&p, end, &d->title) ||
	    take_str(&p, end, &d->date) || take_str(&p, end, &d->source) ||
	    take_str(&p, end, &d->url) || take_str(&p, end, &d->path) ||
	    ns_varint_get(&p, end, zz) || ns_varint_get(&p, end, flags) ||
	    ns_varint_get(&p, end, &d->text_len) || ns_varint_get(&p, end, text_off) ||
	    ns_varint_get(&p, end, back) || p != end ||
	    *flags > (NS_FMT_REC_HAS_DATE | NS_FMT_REC_SHARED_SOURCE | NS_FMT_REC_SHARED_PATH))
		return NS_CORRUPT();
	return NS_OK;
}

/* Shared fields (format.h: flags bits 1 and 2): the source and path of
 * the first record of group g (docid first), which starts right after the
 * group's text and before off, the record that shares them. */
static int take_shared(struct ns_segr *s, const uint8_t *g, uint32_t first, uint64_t off,
		       uint64_t flags, struct ns_doc *d)
{
	uint64_t head_off = (uint64_t)(g - s->records) + NS_FMT_GROUP_HEAD +
			    ns_get_u32(g + NS_FMT_GROUP_ZLEN);
	uint64_t zz, f_flags, text_off, back;
	struct ns_doc f;

	if (head_off >= off ||
	    parse_record(s, head_off, first, &f, &zz, &f_flags, &text_off, &back) != NS_OK ||
	    (f_flags & (NS_FMT_REC_SHARED_SOURCE | NS_FMT_REC_SHARED_PATH)))
		return NS_CORRUPT();
	if (flags & NS_FMT_REC_SHARED_SOURCE) {
		if (d->source.len)
			return NS_CORRUPT();
		d->source = f.source;
	}
	if (flags & NS_FMT_REC_SHARED_PATH) {
		if (d->path.len)
			return NS_CORRUPT();
		d->path = f.path;
	}
	return NS_OK;
}

int ns_segr_doc(struct ns_segr *s, uint32_t docid, struct ns_doc *d)
{
	const uint8_t *e = NULL, *g;
	uint64_t off, zz, flags, text_off, back;
	uint32_t first, n;
	int rc = chunk_entry(s->doctab, s->n_docs, docid, NS_FMT_DOC_CHUNK, NS_FMT_DOC_ENTRY_LEN,
			     s->doc_ok, &e);

	if (rc != NS_OK)
		return rc;
	off = ns_get_u64(e + NS_FMT_DOC_RECORD_OFF);
	rc = parse_record(s, off, docid, d, &zz, &flags, &text_off, &back);
	if (rc != NS_OK)
		return rc;
	/* The group: before the record, holding this docid and the text. */
	if (back > off || off - back > s->records_len - NS_FMT_GROUP_HEAD)
		return NS_CORRUPT();
	g = s->records + off - back;
	first = ns_get_u32(g + NS_FMT_GROUP_FIRST_DOC);
	n = ns_get_u32(g + NS_FMT_GROUP_N_DOCS);
	if ((uint64_t)ns_get_u32(g + NS_FMT_GROUP_ZLEN) > back - NS_FMT_GROUP_HEAD ||
	    back < NS_FMT_GROUP_HEAD || docid < first || docid - first >= n ||
	    text_off > ns_get_u32(g + NS_FMT_GROUP_RAW_LEN) ||
	    d->text_len > ns_get_u32(g + NS_FMT_GROUP_RAW_LEN) - text_off)
		return NS_CORRUPT();
	if ((flags & (NS_FMT_REC_SHARED_SOURCE | NS_FMT_REC_SHARED_PATH)) &&
	    (docid == first || take_shared(s, g, first, off, flags, d) != NS_OK))
		return NS_CORRUPT();
	d->date_key = (flags & NS_FMT_REC_HAS_DATE) ? ns_unzigzag(zz) : NS_DATE_NONE;
	d->seg = s;
	d->group = g;
	d->text_off = text_off;
	return NS_OK;
}

/* ---- id index ---- */

int ns_segr_id_entry(struct ns_segr *s, uint32_t i, uint64_t *hash, uint32_t *docid)
{
	const uint8_t *e = NULL;	/* set when chunk_entry() succeeds */
	int rc = chunk_entry(s->ids, s->n_docs, i, NS_FMT_ID_CHUNK, NS_FMT_ID_ENTRY_LEN, s->id_ok,
			     &e);

	if (rc != NS_OK)
		return rc;
	*hash = ns_get_u64(e + NS_FMT_ID_HASH);
	*docid = ns_get_u32(e + NS_FMT_ID_DOCID);
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

/* The text dictionary's length, or NS_CORRUPT when it overruns the
 * records. */
static int dict_len(const struct ns_segr *s, uint32_t *dlen)
{
	if (s->records_len < NS_FMT_DICT_HEAD)
		return NS_CORRUPT();
	*dlen = ns_get_u32(s->records + NS_FMT_DICT_LEN);
	if (*dlen > s->records_len - NS_FMT_DICT_HEAD)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_segr_check_text_dict(const struct ns_segr *s)
{
	uint32_t dlen = 0;
	int rc = dict_len(s, &dlen);

	if (rc == NS_OK && ns_crc32(s->records + NS_FMT_DICT_LEN, 4 + (size_t)dlen) !=
				   ns_get_u32(s->records + NS_FMT_DICT_CRC))
		rc = NS_CORRUPT();
	return rc;
}

/* Readies the text dictionary at the start of the records (format.h) the
 * first time a text is asked for.  Its CRC is not checked here: each
 * group's raw CRC vouches for the bytes its frame used (load_group). */
static int read_dict(struct ns_segr *s)
{
	uint32_t dlen = 0;
	int rc;

	if (s->tdict_read)
		return NS_OK;
	if ((rc = dict_len(s, &dlen)) != NS_OK)
		return rc;
	if (!s->tz && !(s->tz = ZSTD_createDCtx()))
		return NS_ERR_NOMEM;
	if (dlen) {
		/* in place: a raw dictionary (textdict.h) is megabytes */
		s->tdict = ZSTD_createDDict_advanced(s->records + NS_FMT_DICT_HEAD, dlen,
						     ZSTD_dlm_byRef, ZSTD_dct_auto,
						     ZSTD_defaultCMem);
		if (!s->tdict)
			return NS_CORRUPT();	/* or no memory: zstd does not say */
	}
	s->tdict_read = 1;
	return NS_OK;
}

/* Decompresses group g (CRC-checked) into s->traw, unless it is the
 * current one already. */
static int load_group(struct ns_segr *s, const uint8_t *g)
{
	uint32_t zlen = ns_get_u32(g + NS_FMT_GROUP_ZLEN);
	uint32_t raw_len = ns_get_u32(g + NS_FMT_GROUP_RAW_LEN);
	const uint8_t *z = g + NS_FMT_GROUP_HEAD;
	size_t got;
	int rc;

	if (s->tg == g)
		return NS_OK;
	rc = read_dict(s);
	if (rc != NS_OK)
		return rc;
	s->tg = NULL;
	if (ns_crc32_update(ns_crc32(g + NS_FMT_GROUP_ZLEN, NS_FMT_GROUP_HEAD - NS_FMT_GROUP_ZLEN),
			    z, zlen) != ns_get_u32(g + NS_FMT_GROUP_CRC))
		return NS_CORRUPT();
	/* The frame states its size: one that disagrees with raw_len is a
	 * lie, and so is a size zstd could not reach from zlen bytes (a
	 * 3-byte block header yields at most 128 KB), which bounds the
	 * allocation by the file's size. */
	if (ZSTD_getFrameContentSize(z, zlen) != raw_len ||
	    (uint64_t)raw_len > ((uint64_t)zlen / 3 + 1) * ZSTD_BLOCKSIZE_MAX)
		return NS_CORRUPT();
	if (raw_len + (size_t)1 > s->traw_cap) {
		uint8_t *r = realloc(s->traw, raw_len + (size_t)1);
		if (!r)
			return NS_ERR_NOMEM;
		s->traw = r;
		s->traw_cap = raw_len + (size_t)1;
	}
	got = s->tdict ? ZSTD_decompress_usingDDict(s->tz, s->traw, raw_len, z, zlen, s->tdict)
		       : ZSTD_decompressDCtx(s->tz, s->traw, raw_len, z, zlen);
	if (ZSTD_isError(got)) {
		return ZSTD_getErrorCode(got) == ZSTD_error_memory_allocation ? NS_ERR_NOMEM
									       : NS_CORRUPT();
	}
	if (got != raw_len || ns_crc32(s->traw, raw_len) != ns_get_u32(g + NS_FMT_GROUP_RAW_CRC))
		return NS_CORRUPT();
	s->tg = g;
	return NS_OK;
}

int ns_doc_text(const struct ns_doc *d, char **text, size_t *len)
{
	struct ns_segr *s = d->seg;
	char *out;
	int rc;

	*text = NULL;
	*len = 0;
	rc = load_group(s, d->group);
	if (rc != NS_OK)
		return rc;
	if (d->text_off == 0 && d->text_len == ns_get_u32(d->group + NS_FMT_GROUP_RAW_LEN) &&
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
