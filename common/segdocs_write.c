/* SPDX-License-Identifier: MIT */
/* segdocs_write.c -- the documents of a segment being written
 * (segwriter.h, segw_int.h): their records and texts through the record
 * writer, their lengths (the .nsp's norms section), and the .nsd's doc
 * table, id index and trailer.  Read back by segdocs_read.c.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "recwriter.h"
#include "segw_int.h"

int ns_segw_set_lengths(struct ns_segw *w, uint32_t docid, uint32_t title_len, uint32_t doc_len)
{
	uint32_t *nm;

	if (w->err)
		return w->err;
	if (docid >= w->n_docs || title_len > doc_len || w->terms_begun)
		return ns_segw_fail(w, NS_ERR_USAGE);
	nm = &w->norms[2 * (size_t)docid];
	w->n_tokens += (uint64_t)doc_len - nm[1];
	w->n_title_tokens += (uint64_t)title_len - nm[0];
	nm[0] = title_len;
	nm[1] = doc_len;
	return NS_OK;
}

uint64_t ns_segw_doc_mem(const struct ns_segw *w)
{
	/* the source table; the norms, date keys, id hashes and record
	 * offsets are in scratch files (segw_int.h) */
	return ns_segw_sources_mem(w);
}

static struct id_entry *id_at(const struct ns_segw *w, uint32_t i)
{
	return ns_diskarr_at(&w->ids_tab, i);
}

uint64_t ns_segw_id_hash(const struct ns_segw *w, uint32_t docid)
{
	return docid < w->n_docs ? id_at(w, docid)->hash : 0;
}

static void put_str(struct ns_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	ns_buf_put_varint(b, n);
	ns_buf_append(b, s, n);
}

/* Room for one more document in the per-document tables. */
static int grow_docs(struct ns_segw *w)
{
	uint64_t n = (uint64_t)w->n_docs + 1;
	int rc;

	if (n <= w->ids_tab.cap)
		return NS_OK;
	rc = ns_diskarr_reserve(&w->norms_tab, n);
	if (rc == NS_OK)
		rc = ns_diskarr_reserve(&w->docs_tab, n);
	if (rc == NS_OK)
		rc = ns_diskarr_reserve(&w->ids_tab, n);
	w->norms = ns_diskarr_at(&w->norms_tab, 0);
	w->docs = ns_diskarr_at(&w->docs_tab, 0);
	return rc == NS_OK ? NS_OK : ns_segw_fail(w, rc);
}

/* Adds the next document: its record's head in w->rec, its text. */
static int put_record(struct ns_segw *w, const char *id, size_t id_len, int64_t date_key,
		      const char *source, size_t source_len, const char *text, size_t text_len,
		      uint32_t title_len, uint32_t doc_len)
{
	int rc;

	if (w->rec.err)
		return ns_segw_fail(w, NS_ERR_NOMEM);
	rc = ns_segw_add_source(w, source, source_len);
	if (rc != NS_OK)
		return ns_segw_fail(w, rc);
	rc = ns_recw_add(w->recw, w->rec.data, w->rec.len, text, text_len);
	if (rc != NS_OK)
		return ns_segw_fail(w, rc);
	w->docs[w->n_docs].date_key = date_key;
	id_at(w, w->n_docs)->hash = ns_fmt_id_hash(id, id_len);
	id_at(w, w->n_docs)->docid = w->n_docs;
	w->norms[2 * w->n_docs] = title_len;
	w->norms[2 * w->n_docs + 1] = doc_len;
	w->n_tokens += doc_len;
	w->n_title_tokens += title_len;
	w->n_docs++;
	return NS_OK;
}

/* Checks that a document can come next and makes room for it. */
static int doc_prologue(struct ns_segw *w, uint32_t title_len, uint32_t doc_len)
{
	if (w->err)
		return w->err;
	if (w->terms_begun)
		return ns_segw_fail(w, NS_ERR_USAGE);	/* documents come first */
	if (w->n_docs == UINT32_MAX - 1 || title_len > doc_len)
		return ns_segw_fail(w, NS_ERR_LIMIT);
	return grow_docs(w);
}

/* Shared fields: a record whose source and path are those of its text
 * group's first record stores them empty, with flags bits 1 and 2
 * (format.h); a source file gives thousands of articles one after the
 * other, and its absolute path was some 30 bytes of every record.  Puts
 * source and path in w->rec and returns the flags bits to add. */
static unsigned put_shared(struct ns_segw *w, const char *src, size_t src_len, const char *path,
			   size_t path_len)
{
	struct ns_buf *g = &w->group_head;
	unsigned bits = 0;

	if (ns_recw_starts_group(w->recw)) {
		ns_buf_reset(g);
		ns_buf_append(g, src, src_len);
		ns_buf_append(g, path, path_len);
		w->group_src_len = g->err ? (size_t)-1 : src_len;
	} else if (w->group_src_len != (size_t)-1) {
		if (src_len == w->group_src_len && memcmp(g->data, src, src_len) == 0)
			bits |= NS_FMT_REC_SHARED_SOURCE;
		if (path_len == g->len - w->group_src_len &&
		    memcmp(g->data + w->group_src_len, path, path_len) == 0)
			bits |= NS_FMT_REC_SHARED_PATH;
	}
	ns_buf_put_varint(&w->rec, bits & NS_FMT_REC_SHARED_SOURCE ? 0 : src_len);
	if (!(bits & NS_FMT_REC_SHARED_SOURCE))
		ns_buf_append(&w->rec, src, src_len);
	return bits;
}

/* The path after the url, as put_shared() decided. */
static void put_path(struct ns_segw *w, unsigned bits, const char *path, size_t path_len)
{
	ns_buf_put_varint(&w->rec, bits & NS_FMT_REC_SHARED_PATH ? 0 : path_len);
	if (!(bits & NS_FMT_REC_SHARED_PATH))
		ns_buf_append(&w->rec, path, path_len);
}

int ns_segw_add_doc(struct ns_segw *w, const struct ns_doc_meta *meta, const char *body,
		    size_t body_len, uint32_t title_len, uint32_t doc_len)
{
	int has_date = meta->date_key != NS_DATE_NONE;
	int rc = doc_prologue(w, title_len, doc_len);
	unsigned bits;

	if (rc != NS_OK)
		return rc;
	ns_buf_reset(&w->rec);
	put_str(&w->rec, meta->id);
	put_str(&w->rec, meta->title);
	put_str(&w->rec, meta->date);
	bits = put_shared(w, meta->source ? meta->source : "",
			  meta->source ? strlen(meta->source) : 0, meta->path ? meta->path : "",
			  meta->path ? strlen(meta->path) : 0);
	put_str(&w->rec, meta->url);
	put_path(w, bits, meta->path ? meta->path : "", meta->path ? strlen(meta->path) : 0);
	ns_buf_put_varint(&w->rec, has_date ? ns_zigzag(meta->date_key) : 0);
	ns_buf_put_varint(&w->rec, (has_date ? 1u : 0u) | bits);
	return put_record(w, meta->id ? meta->id : "", meta->id ? strlen(meta->id) : 0,
			  meta->date_key, meta->source ? meta->source : "",
			  meta->source ? strlen(meta->source) : 0, body, body_len, title_len,
			  doc_len);
}

static void put_nstr(struct ns_buf *b, const struct ns_str *s)
{
	ns_buf_put_varint(b, s->len);
	ns_buf_append(b, s->p, s->len);
}

int ns_segw_add_stored(struct ns_segw *w, const struct ns_doc *d, uint32_t title_len,
		       uint32_t doc_len)
{
	int has_date = d->date_key != NS_DATE_NONE;
	int rc = doc_prologue(w, title_len, doc_len);
	char *text;
	size_t text_len;
	unsigned bits;

	if (rc != NS_OK)
		return rc;
	rc = ns_doc_text(d, &text, &text_len);
	if (rc != NS_OK)
		return ns_segw_fail(w, rc);
	ns_buf_reset(&w->rec);
	put_nstr(&w->rec, &d->id);
	put_nstr(&w->rec, &d->title);
	put_nstr(&w->rec, &d->date);
	bits = put_shared(w, d->source.p, d->source.len, d->path.p, d->path.len);
	put_nstr(&w->rec, &d->url);
	put_path(w, bits, d->path.p, d->path.len);
	ns_buf_put_varint(&w->rec, has_date ? ns_zigzag(d->date_key) : 0);
	ns_buf_put_varint(&w->rec, (has_date ? 1u : 0u) | bits);
	rc = put_record(w, d->id.p, d->id.len, d->date_key, d->source.p, d->source.len, text,
			text_len, title_len, doc_len);
	free(text);
	return rc;
}

/* One chunk at a time: a million documents' tables never exist whole in
 * memory in the file's form. */
int ns_segw_write_chunked(struct ns_wfile *f, uint32_t n, size_t entry_len, uint32_t per_chunk,
			  ns_segw_entry_fn fill, const void *ctx)
{
	uint8_t *chunk = malloc((size_t)per_chunk * entry_len);

	if (!chunk)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < n; i += per_chunk) {
		uint32_t k = n - i < per_chunk ? n - i : per_chunk;
		uint8_t crc[4];
		for (uint32_t j = 0; j < k; j++)
			fill(ctx, i + j, chunk + (size_t)j * entry_len);
		ns_put_u32(crc, ns_crc32(chunk, (size_t)k * entry_len));
		ns_wfile_write(f, crc, 4);
		ns_wfile_write(f, chunk, (size_t)k * entry_len);
	}
	free(chunk);
	return NS_OK;
}

static void fill_norm(const void *ctx, uint32_t d, uint8_t *e)
{
	const uint32_t *norms = ctx;

	ns_put_u32(e + NS_FMT_NORM_TITLE_LEN, norms[2 * (size_t)d]);
	ns_put_u32(e + NS_FMT_NORM_DOC_LEN, norms[2 * (size_t)d + 1]);
}

int ns_segw_write_norms(struct ns_segw *w)
{
	if (ns_segw_write_chunked(&w->nsp, w->n_docs, NS_FMT_NORM_ENTRY_LEN, NS_FMT_NORM_CHUNK, fill_norm,
			  w->norms) != NS_OK)
		return ns_segw_fail(w, NS_ERR_NOMEM);
	/* the postings are written: the lengths are not needed any more */
	ns_diskarr_release(&w->norms_tab);
	w->norms = NULL;
	return NS_OK;
}
static int by_hash(const void *a, const void *b)
{
	const struct id_entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

/* Sorts ids[0..n) by (hash, docid) in place: the table is in a scratch
 * file (qsort would copy it to the heap).  Quicksort on the middle element
 * (the hashes are random), the smaller side first, insertion sort below
 * 16 entries. */
static void swap_ids(struct id_entry *a, struct id_entry *b)
{
	struct id_entry t = *a;

	*a = *b;
	*b = t;
}

static void sort_ids(struct id_entry *ids, size_t n)
{
	while (n > 16) {
		struct id_entry pivot = ids[n / 2];
		size_t i = 0, j = n - 1;

		for (;;) {
			while (by_hash(&ids[i], &pivot) < 0)
				i++;
			while (by_hash(&ids[j], &pivot) > 0)
				j--;
			if (i >= j)
				break;
			swap_ids(&ids[i++], &ids[j--]);
		}
		/* [0, j] <= pivot <= [j + 1, n) */
		if (j + 1 < n - j - 1) {
			sort_ids(ids, j + 1);
			ids += j + 1;
			n -= j + 1;
		} else {
			sort_ids(ids + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && by_hash(&ids[k - 1], &ids[k]) > 0; k--)
			swap_ids(&ids[k - 1], &ids[k]);
}

struct doc_fill {
	const uint64_t *rec_off;
	const struct doc_entry *docs;
};

static void fill_doc(const void *ctx, uint32_t d, uint8_t *e)
{
	const struct doc_fill *f = ctx;

	ns_put_u64(e + NS_FMT_DOC_RECORD_OFF, f->rec_off[d]);
	ns_put_u64(e + NS_FMT_DOC_DATE_KEY, (uint64_t)f->docs[d].date_key);
}

static void fill_id(const void *ctx, uint32_t i, uint8_t *e)
{
	const struct id_entry *ids = ctx;

	ns_put_u64(e + NS_FMT_ID_HASH, ids[i].hash);
	ns_put_u32(e + NS_FMT_ID_DOCID, ids[i].docid);
}

int ns_segw_finish_docs(struct ns_segw *w)
{
	struct ns_diskarr rec_off;
	struct doc_fill df;
	uint8_t trailer[NS_FMT_NSD_TRAILER], *t = trailer + NS_FMT_NSD_T_SECTIONS;
	uint64_t records_len, table_off;
	uint32_t n_rec;
	int rc = ns_recw_finish(w->recw, &rec_off, &n_rec);

	w->recw = NULL;
	if (rc == NS_OK && n_rec != w->n_docs)
		rc = NS_ERR_USAGE;
	if (rc != NS_OK) {
		ns_diskarr_release(&rec_off);
		return ns_segw_fail(w, rc);
	}
	records_len = w->nsd.off - NS_FMT_HEADER_LEN;
	table_off = w->nsd.off;
	df.rec_off = rec_off.base ? ns_diskarr_at(&rec_off, 0) : NULL;
	df.docs = w->docs;
	rc = ns_segw_write_chunked(&w->nsd, w->n_docs, NS_FMT_DOC_ENTRY_LEN, NS_FMT_DOC_CHUNK, fill_doc,
			   &df);
	ns_diskarr_release(&rec_off);
	if (rc != NS_OK)
		return ns_segw_fail(w, rc);
	/* the id index, in the same section (format.h) */
	if (w->n_docs > 1)
		sort_ids(id_at(w, 0), w->n_docs);
	rc = ns_segw_write_chunked(&w->nsd, w->n_docs, NS_FMT_ID_ENTRY_LEN, NS_FMT_ID_CHUNK, fill_id,
				   w->n_docs ? id_at(w, 0) : NULL);
	ns_diskarr_release(&w->ids_tab);
	if (rc != NS_OK)
		return ns_segw_fail(w, rc);
	/* the columns, in the same section too */
	ns_segw_write_columns(w);
	ns_diskarr_release(&w->docs_tab);
	w->docs = NULL;
	ns_segw_sources_release(w);
	if (w->err)
		return w->err;
	ns_put_u64(t, NS_FMT_HEADER_LEN), t += 8;
	ns_put_u64(t, records_len), t += 8;
	ns_put_u64(t, table_off), t += 8;
	ns_put_u64(t, w->nsd.off - table_off), t += 8;
	ns_put_u32(trailer + NS_FMT_NSD_T_N_DOCS, w->n_docs);
	ns_put_u32(trailer + NS_FMT_NSD_T_CRC, ns_crc32(trailer, NS_FMT_NSD_T_CRC));
	memcpy(trailer + NS_FMT_NSD_T_MAGIC, NS_FMT_MAGIC_DOCS, 4);
	ns_wfile_write(&w->nsd, trailer, sizeof(trailer));
	return w->nsd.err ? ns_segw_fail(w, w->nsd.err) : NS_OK;
}
