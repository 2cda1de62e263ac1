/* SPDX-License-Identifier: MIT */
/* wordforms_write.c -- the .nsw writer and the merge of .nsw files (see
 * wordforms_write.h). */
#include "wordforms_write.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "wordforms_read.h"

struct ns_wfw {
	struct ns_wfile file;
	struct ns_buf chunk;	/* entries of the chunk being filled */
	uint16_t offs[NS_FMT_FORM_CHUNK];
	uint32_t n_in_chunk;
	struct ns_buf table;	/* chunk table */
	struct ns_buf prefixes[NS_FMT_FORM_PREFIX_MAX];	/* prefix table by length */
	uint32_t n_prefixes[NS_FMT_FORM_PREFIX_MAX];
	uint32_t n_forms, n_chunks;
	char last[NS_FMT_MAX_FORM_LEN];
	size_t last_len;
	int err;		/* sticky */
};

static void release(struct ns_wfw *w)
{
	ns_buf_release(&w->chunk);
	ns_buf_release(&w->table);
	for (int i = 0; i < NS_FMT_FORM_PREFIX_MAX; i++)
		ns_buf_release(&w->prefixes[i]);
	free(w);
}

int ns_wfw_open(const char *dir, uint32_t seg_id, struct ns_wfw **out)
{
	struct ns_wfw *w = calloc(1, sizeof(*w));
	uint8_t hdr[NS_FMT_HEADER_LEN];
	char name[32], *path;
	int rc;

	*out = NULL;
	if (!w)
		return NS_ERR_NOMEM;
	w->file.fd = -1;
	ns_buf_init(&w->chunk);
	ns_buf_init(&w->table);
	for (int i = 0; i < NS_FMT_FORM_PREFIX_MAX; i++)
		ns_buf_init(&w->prefixes[i]);
	ns_fmt_segment_name(name, seg_id, "nsw");
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&w->file, path) : NS_ERR_NOMEM;
	free(path);
	if (rc != NS_OK) {
		release(w);
		return rc;
	}
	ns_fmt_put_header(hdr, NS_FMT_MAGIC_FORMS);
	ns_wfile_write(&w->file, hdr, sizeof(hdr));
	*out = w;
	return NS_OK;
}

/* Writes the chunk being filled: offsets, then entries. */
static void flush_chunk(struct ns_wfw *w)
{
	uint8_t offs[2 * NS_FMT_FORM_CHUNK];
	size_t head = 2 * (size_t)w->n_in_chunk;
	uint32_t crc;

	if (w->n_in_chunk == 0)
		return;
	for (uint32_t i = 0; i < w->n_in_chunk; i++) {
		uint16_t o = (uint16_t)(w->offs[i] + head);
		offs[2 * i] = (uint8_t)o;
		offs[2 * i + 1] = (uint8_t)(o >> 8);
	}
	crc = ns_crc32_update(ns_crc32(offs, head), w->chunk.data, w->chunk.len);
	{
		uint8_t e[NS_FMT_FORM_TABLE_ENTRY];
		ns_put_u64(e + NS_FMT_FORM_TABLE_OFF, w->file.off);
		ns_put_u32(e + NS_FMT_FORM_TABLE_LEN, (uint32_t)(head + w->chunk.len));
		ns_put_u32(e + NS_FMT_FORM_TABLE_CRC, crc);
		ns_buf_append(&w->table, e, sizeof(e));
	}
	ns_wfile_write(&w->file, offs, head);
	ns_wfile_write(&w->file, w->chunk.data, w->chunk.len);
	ns_buf_reset(&w->chunk);
	w->n_in_chunk = 0;
	w->n_chunks++;
}

int ns_wfw_add(struct ns_wfw *w, const char *form, size_t len, uint64_t cf, uint64_t df)
{
	if (w->err)
		return w->err;
	if (len == 0 || len > NS_FMT_MAX_FORM_LEN || df == 0 || cf < df ||
	    (w->n_forms && ns_fmt_term_cmp(w->last, w->last_len, form, len) >= 0))
		return NS_ERR_USAGE;
	/* a prefix of 1..NS_FMT_FORM_PREFIX_MAX bytes not seen before starts
	 * here (forms come in term order) */
	for (size_t l = 1; l <= NS_FMT_FORM_PREFIX_MAX && l <= len; l++)
		if (!w->n_forms || w->last_len < l || memcmp(w->last, form, l) != 0) {
			uint8_t e[NS_FMT_FORM_PREFIX_ENTRY] = { 0 };
			memcpy(e + NS_FMT_FORM_PREFIX_BYTES, form, l);
			ns_put_u32(e + NS_FMT_FORM_PREFIX_FIRST, w->n_forms);
			ns_buf_append(&w->prefixes[l - 1], e, sizeof(e));
			w->n_prefixes[l - 1]++;
		}
	/* chunk entries: at most 64 * (1 + 64 + 20) bytes, so u16 offsets */
	w->offs[w->n_in_chunk++] = (uint16_t)w->chunk.len;
	ns_buf_putc(&w->chunk, (uint8_t)len);
	ns_buf_append(&w->chunk, form, len);
	ns_buf_put_varint(&w->chunk, cf);
	ns_buf_put_varint(&w->chunk, df);
	if (w->chunk.err)
		return w->err = NS_ERR_NOMEM;
	memcpy(w->last, form, len);
	w->last_len = len;
	w->n_forms++;
	if (w->n_in_chunk == NS_FMT_FORM_CHUNK)
		flush_chunk(w);
	return NS_OK;
}

int ns_wfw_finish(struct ns_wfw *w, uint32_t n_docs)
{
	uint8_t tr[NS_FMT_NSW_TRAILER];
	uint64_t table_off;
	uint32_t pcrc = 0;
	int rc;

	flush_chunk(w);
	table_off = w->file.off;
	if (!w->err && w->table.err)
		w->err = NS_ERR_NOMEM;
	ns_wfile_write(&w->file, w->table.data, w->table.len);
	memset(tr, 0, sizeof(tr));
	for (int i = 0; i < NS_FMT_FORM_PREFIX_MAX; i++) {
		if (!w->err && w->prefixes[i].err)
			w->err = NS_ERR_NOMEM;
		ns_wfile_write(&w->file, w->prefixes[i].data, w->prefixes[i].len);
		pcrc = ns_crc32_update(pcrc, w->prefixes[i].data, w->prefixes[i].len);
		ns_put_u32(tr + NS_FMT_NSW_T_N_PREFIXES + 4 * i, w->n_prefixes[i]);
	}
	ns_put_u32(tr + NS_FMT_NSW_T_N_FORMS, w->n_forms);
	ns_put_u32(tr + NS_FMT_NSW_T_N_CHUNKS, w->n_chunks);
	ns_put_u64(tr + NS_FMT_NSW_T_TABLE_OFF, table_off);
	ns_put_u32(tr + NS_FMT_NSW_T_TABLE_CRC, ns_crc32(w->table.data, w->table.len));
	ns_put_u32(tr + NS_FMT_NSW_T_N_DOCS, n_docs);
	ns_put_u32(tr + NS_FMT_NSW_T_PREFIX_CRC, pcrc);
	ns_put_u32(tr + NS_FMT_NSW_T_CRC, ns_crc32(tr, NS_FMT_NSW_T_CRC));
	memcpy(tr + NS_FMT_NSW_T_MAGIC, NS_FMT_MAGIC_FORMS, 4);
	ns_wfile_write(&w->file, tr, sizeof(tr));
	if (w->err) {
		rc = w->err;
		ns_wfile_abort(&w->file);
	} else {
		rc = ns_wfile_commit(&w->file);
	}
	release(w);
	return rc;
}

void ns_wfw_abort(struct ns_wfw *w)
{
	if (!w)
		return;
	ns_wfile_abort(&w->file);
	release(w);
}

/* One input of a merge: its reader and its next form. */
struct head {
	struct ns_wfr *r;
	uint32_t next;
	struct ns_wform f;	/* valid when next <= n_forms and not done */
	int done;
};

static int head_step(struct head *h)
{
	if (h->next >= ns_wfr_n_forms(h->r)) {
		h->done = 1;
		return NS_OK;
	}
	return ns_wfr_get(h->r, h->next++, &h->f);
}

int ns_wfw_merge(const char *dir, const uint32_t *in_ids, size_t n, uint32_t out_id)
{
	struct head *h = calloc(n + 1, sizeof(*h));
	struct ns_wfw *w = NULL;
	uint64_t n_docs = 0;
	int rc = h ? NS_OK : NS_ERR_NOMEM;

	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		rc = ns_wfr_open(dir, in_ids[i], &h[i].r);
		if (rc == NS_OK) {
			n_docs += ns_wfr_n_docs(h[i].r);
			rc = head_step(&h[i]);
		}
	}
	if (rc == NS_OK)
		rc = ns_wfw_open(dir, out_id, &w);
	/* n is small (a merge group): a linear pick of the least form */
	while (rc == NS_OK) {
		const struct ns_wform *least = NULL;
		char form[NS_FMT_MAX_FORM_LEN];
		size_t len;
		uint64_t cf = 0, df = 0;
		for (size_t i = 0; i < n; i++)
			if (!h[i].done && (!least || ns_fmt_term_cmp(h[i].f.form, h[i].f.len,
								      least->form, least->len) < 0))
				least = &h[i].f;
		if (!least)
			break;
		len = least->len;
		memcpy(form, least->form, len);
		for (size_t i = 0; i < n && rc == NS_OK; i++)
			if (!h[i].done && ns_fmt_term_cmp(h[i].f.form, h[i].f.len, form, len) == 0) {
				cf += h[i].f.cf;
				df += h[i].f.df;
				rc = head_step(&h[i]);
			}
		if (rc == NS_OK)
			rc = ns_wfw_add(w, form, len, cf, df);
		if (rc == NS_ERR_USAGE)
			rc = NS_CORRUPT();	/* inputs out of order */
	}
	if (rc == NS_OK)
		rc = ns_wfw_finish(w, n_docs > UINT32_MAX ? UINT32_MAX : (uint32_t)n_docs);
	else
		ns_wfw_abort(w);
	for (size_t i = 0; h && i < n; i++)
		ns_wfr_close(h[i].r);
	free(h);
	return rc;
}
