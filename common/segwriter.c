/* SPDX-License-Identifier: MIT */
/* segwriter.c -- write one segment: postings, dictionary, norms, documents.
 *
 * Both files are written front to back in one pass, so memory stays bounded
 * by one term's doc part plus one block's positions: a term's positions go
 * straight to the file block by block (pos_part first, see format.h), while
 * its doc blocks, which are small, wait in memory until the skip table in
 * front of them is known.  The documents' texts and records go through the
 * record writer (recwriter.h), which compresses them on another core.
 */
#include "segwriter.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codec.h"
#include "date.h"
#include "error.h"
#include "fieldterm.h"
#include "fileio.h"
#include "format.h"
#include "recwriter.h"

/* zlib level for stored text.  Texts are compressed in groups of ~32 KB
 * (format.h), which makes up for a fast level: on 20 Newsgroups and Reuters
 * groups at level 3 come out ~10% smaller than single articles at level 6,
 * and take half the time. */
#define STORE_ZLEVEL 3

struct doc_entry {
	int64_t date_key;
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
	uint32_t *norms;		/* 2 per document: title_len, doc_len */
	struct doc_entry *docs;
	uint64_t *id_hash;		/* ns_fmt_id_hash of each document's id */
	size_t docs_cap;
	struct ns_recw *recw;		/* the .nsd's records section */
	struct ns_buf rec;		/* one record's head being built */

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

static int fail(struct ns_segw *w, int rc)
{
	if (!w->err)
		w->err = rc;
	return w->err;
}

int ns_segw_open(const char *dir, uint32_t seg_id, struct ns_segw **out)
{
	struct ns_segw *w;
	char name[32];
	char *path;
	int rc;
	uint8_t hdr[NS_FMT_HEADER_LEN];

	*out = NULL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return NS_ERR_NOMEM;
	w->nsp.fd = w->nsd.fd = -1;
	w->dir = strdup(dir);
	if (!w->dir) {
		free(w);
		return NS_ERR_NOMEM;
	}
	ns_fmt_segment_name(name, seg_id, "nsp");
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&w->nsp, path) : NS_ERR_NOMEM;
	free(path);
	if (rc != NS_OK)
		goto fail;
	ns_fmt_segment_name(name, seg_id, "nsd");
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&w->nsd, path) : NS_ERR_NOMEM;
	free(path);
	if (rc != NS_OK)
		goto fail;

	ns_fmt_put_header(hdr, NS_FMT_MAGIC_POSTINGS);
	ns_wfile_write(&w->nsp, hdr, sizeof(hdr));
	ns_fmt_put_header(hdr, NS_FMT_MAGIC_DOCS);
	ns_wfile_write(&w->nsd, hdr, sizeof(hdr));
	rc = ns_recw_new(&w->nsd, STORE_ZLEVEL, 1, &w->recw);
	if (rc != NS_OK)
		goto fail;
	*out = w;
	return NS_OK;

fail:
	ns_segw_abort(w);
	return rc;
}

uint32_t ns_segw_n_docs(const struct ns_segw *w)
{
	return w->n_docs;
}

int ns_segw_set_lengths(struct ns_segw *w, uint32_t docid, uint32_t title_len, uint32_t doc_len)
{
	uint32_t *nm;

	if (w->err)
		return w->err;
	if (docid >= w->n_docs || title_len > doc_len || w->terms_begun)
		return fail(w, NS_ERR_USAGE);
	nm = &w->norms[2 * (size_t)docid];
	w->n_tokens += (uint64_t)doc_len - nm[1];
	w->n_title_tokens += (uint64_t)title_len - nm[0];
	nm[0] = title_len;
	nm[1] = doc_len;
	return NS_OK;
}

uint64_t ns_segw_doc_mem(const struct ns_segw *w)
{
	/* norms, date keys and id hashes, and the record writer's offsets */
	return (uint64_t)w->docs_cap * (2 * sizeof(uint32_t) + sizeof(struct doc_entry) +
					sizeof(uint64_t)) +
	       (uint64_t)w->n_docs * sizeof(uint64_t);
}

uint64_t ns_segw_id_hash(const struct ns_segw *w, uint32_t docid)
{
	return docid < w->n_docs ? w->id_hash[docid] : 0;
}

uint64_t ns_segw_n_tokens(const struct ns_segw *w)
{
	return w->n_tokens;
}

uint64_t ns_segw_n_title_tokens(const struct ns_segw *w)
{
	return w->n_title_tokens;
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
	size_t cap;
	struct doc_entry *d;
	uint64_t *ids;
	uint32_t *n;

	if (w->n_docs < w->docs_cap)
		return NS_OK;
	cap = w->docs_cap ? w->docs_cap * 2 : 1024;
	d = realloc(w->docs, cap * sizeof(*d));
	if (d)
		w->docs = d;
	n = realloc(w->norms, cap * 2 * sizeof(*n));
	if (n)
		w->norms = n;
	ids = realloc(w->id_hash, cap * sizeof(*ids));
	if (ids)
		w->id_hash = ids;
	if (!d || !n || !ids)
		return fail(w, NS_ERR_NOMEM);
	w->docs_cap = cap;
	return NS_OK;
}

/* Adds the next document: its record's head in w->rec, its text. */
static int put_record(struct ns_segw *w, const char *id, size_t id_len, int64_t date_key,
		      const char *text, size_t text_len, uint32_t title_len, uint32_t doc_len)
{
	int rc;

	if (w->rec.err)
		return fail(w, NS_ERR_NOMEM);
	rc = ns_recw_add(w->recw, w->rec.data, w->rec.len, text, text_len);
	if (rc != NS_OK)
		return fail(w, rc);
	w->docs[w->n_docs].date_key = date_key;
	w->id_hash[w->n_docs] = ns_fmt_id_hash(id, id_len);
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
		return fail(w, NS_ERR_USAGE);	/* documents come first */
	if (w->n_docs == UINT32_MAX - 1 || title_len > doc_len)
		return fail(w, NS_ERR_LIMIT);
	return grow_docs(w);
}

int ns_segw_add_doc(struct ns_segw *w, const struct ns_doc_meta *meta, const char *body,
		    size_t body_len, uint32_t title_len, uint32_t doc_len)
{
	int has_date = meta->date_key != NS_DATE_NONE;
	int rc = doc_prologue(w, title_len, doc_len);

	if (rc != NS_OK)
		return rc;
	ns_buf_reset(&w->rec);
	put_str(&w->rec, meta->id);
	put_str(&w->rec, meta->title);
	put_str(&w->rec, meta->date);
	put_str(&w->rec, meta->source);
	put_str(&w->rec, meta->url);
	put_str(&w->rec, meta->path);
	ns_buf_put_varint(&w->rec, has_date ? ns_zigzag(meta->date_key) : 0);
	ns_buf_put_varint(&w->rec, has_date ? 1 : 0);
	return put_record(w, meta->id ? meta->id : "", meta->id ? strlen(meta->id) : 0,
			  meta->date_key, body, body_len, title_len, doc_len);
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

	if (rc != NS_OK)
		return rc;
	rc = ns_doc_text(d, &text, &text_len);
	if (rc != NS_OK)
		return fail(w, rc);
	ns_buf_reset(&w->rec);
	put_nstr(&w->rec, &d->id);
	put_nstr(&w->rec, &d->title);
	put_nstr(&w->rec, &d->date);
	put_nstr(&w->rec, &d->source);
	put_nstr(&w->rec, &d->url);
	put_nstr(&w->rec, &d->path);
	ns_buf_put_varint(&w->rec, has_date ? ns_zigzag(d->date_key) : 0);
	ns_buf_put_varint(&w->rec, has_date ? 1 : 0);
	rc = put_record(w, d->id.p, d->id.len, d->date_key, text, text_len, title_len, doc_len);
	free(text);
	return rc;
}

int ns_segw_term_begin(struct ns_segw *w, const char *term, size_t term_len)
{
	if (w->err)
		return w->err;
	if (w->in_term || term_len == 0 || term_len > NS_FMT_MAX_TERM_LEN)
		return fail(w, NS_ERR_USAGE);
	/* Terms must arrive in strictly increasing byte order: the dictionary
	 * is searched by bisection. */
	if (w->n_terms > 0) {
		size_t m = term_len < w->prev_len ? term_len : w->prev_len;
		int c = memcmp(term, w->prev_term, m);
		if (c < 0 || (c == 0 && term_len <= w->prev_len))
			return fail(w, NS_ERR_USAGE);
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
		fail(w, NS_ERR_LIMIT);
		return;
	}
	ns_buf_reset(&w->enc);
	append_run(&w->enc, w->blk_pos, w->blk_pos_n);
	if (w->enc.err) {
		fail(w, NS_ERR_NOMEM);
		return;
	}
	ns_wfile_write(&w->nsp, w->enc.data, w->enc.len);

	append_run(&w->doc_blocks, gaps, w->blk_n);
	append_run(&w->doc_blocks, tfm1, w->blk_n);
	ns_buf_put_varint(&w->doc_blocks, n_title);
	if (n_title)
		append_run(&w->doc_blocks, w->blk_tts, w->blk_n);
	if (w->doc_blocks.err) {
		fail(w, NS_ERR_NOMEM);
		return;
	}

	ns_put_u32(skip, w->blk_docs[w->blk_n - 1]);
	ns_put_u32(skip + 4, (uint32_t)doc_off);
	ns_put_u32(skip + 8, (uint32_t)w->pos_len);
	/* A first block short of NS_FMT_BLOCK is the term's only one: no skip
	 * entry (the dictionary block's CRC covers it). */
	if (w->n_blocks > 0 || w->blk_n == NS_FMT_BLOCK) {
		impact = block_impact(w);
		ns_put_u32(skip + 12, ns_crc32(w->doc_blocks.data + doc_off,
					       w->doc_blocks.len - doc_off));
		ns_put_u32(skip + 16, ns_crc32(w->enc.data, w->enc.len));
		skip[20] = (uint8_t)impact;
		skip[21] = (uint8_t)(impact >> 8);
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
		return fail(w, NS_ERR_USAGE);
	if (w->blk_pos_cap - w->blk_pos_n < tf) {
		size_t cap = w->blk_pos_cap ? w->blk_pos_cap : 1024;
		uint32_t *p;
		while (cap - w->blk_pos_n < tf)
			cap *= 2;
		p = realloc(w->blk_pos, cap * sizeof(*p));
		if (!p)
			return fail(w, NS_ERR_NOMEM);
		w->blk_pos = p;
		w->blk_pos_cap = cap;
	}
	dst = w->blk_pos + w->blk_pos_n;
	dst[0] = pos[0];
	for (uint32_t i = 1; i < tf; i++) {
		if (pos[i] <= pos[i - 1])
			return fail(w, NS_ERR_USAGE);
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

static void close_dict_block(struct ns_segw *w)
{
	uint8_t rec[16];

	if (w->block_n == 0)
		return;
	if (w->terms.len > UINT32_MAX || w->tstrings.len > UINT32_MAX) {
		fail(w, NS_ERR_LIMIT);
		return;
	}
	ns_put_u32(rec, (uint32_t)w->terms.len);
	ns_put_u32(rec + 4, (uint32_t)w->tstrings.len);
	ns_put_u64(rec + 8, w->block_postings_off);
	ns_buf_append(&w->tindex, rec, sizeof(rec));
	ns_buf_putc(&w->tstrings, (uint8_t)w->block_first_len);
	ns_buf_append(&w->tstrings, w->block_first, w->block_first_len);

	ns_put_u32(rec, w->block_post_crc);
	ns_buf_put_u32(&w->terms, ns_crc32_update(ns_crc32(rec, 4), w->block.data, w->block.len));
	ns_buf_put_u32(&w->terms, (uint32_t)w->block.len);
	ns_buf_put_u32(&w->terms, w->block_post_crc);
	ns_buf_append(&w->terms, w->block.data, w->block.len);
	ns_buf_reset(&w->block);
	w->block_n = 0;
	w->block_post_crc = 0;
	w->n_tblocks++;
}

static void add_dict_entry(struct ns_segw *w, uint64_t pos_len, uint64_t doc_len)
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

int ns_segw_term_end(struct ns_segw *w)
{
	uint64_t doc_len;

	if (w->err)
		return w->err;
	if (!w->in_term)
		return fail(w, NS_ERR_USAGE);
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
		return fail(w, NS_ERR_NOMEM);

	add_dict_entry(w, w->pos_len, doc_len);
	memcpy(w->prev_term, w->term, w->term_len);
	w->prev_len = w->term_len;
	w->n_terms++;
	if (w->nsp.err)
		return fail(w, w->nsp.err);
	return w->err;
}

/* Writes n fixed-size entries in CRC-protected chunks, each filled by
 * fill(ctx, i, entry) one chunk at a time (a million documents' tables
 * never exist whole in memory in the file's form). */
typedef void (*entry_fn)(const void *ctx, uint32_t i, uint8_t *entry);

static int write_chunked(struct ns_wfile *f, uint32_t n, size_t entry_len, uint32_t per_chunk,
			 entry_fn fill, const void *ctx)
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

	ns_put_u32(e, norms[2 * (size_t)d]);
	ns_put_u32(e + 4, norms[2 * (size_t)d + 1]);
}

static int finish_postings(struct ns_segw *w)
{
	uint8_t trailer[NS_FMT_NSP_TRAILER], *t = trailer, cnt[4];
	uint64_t postings_len, terms_off, tindex_off, tindex_len, norms_off;
	uint32_t tindex_crc;

	close_dict_block(w);
	if (w->err)
		return w->err;
	postings_len = w->nsp.off - NS_FMT_HEADER_LEN;
	terms_off = w->nsp.off;
	ns_wfile_write(&w->nsp, w->terms.data, w->terms.len);

	tindex_off = w->nsp.off;
	ns_put_u32(cnt, w->n_tblocks);
	tindex_crc = ns_crc32(cnt, 4);
	tindex_crc = ns_crc32_update(tindex_crc, w->tindex.data, w->tindex.len);
	tindex_crc = ns_crc32_update(tindex_crc, w->tstrings.data, w->tstrings.len);
	ns_wfile_write(&w->nsp, cnt, 4);
	ns_wfile_write(&w->nsp, w->tindex.data, w->tindex.len);
	ns_wfile_write(&w->nsp, w->tstrings.data, w->tstrings.len);
	tindex_len = w->nsp.off - tindex_off;

	norms_off = w->nsp.off;
	if (write_chunked(&w->nsp, w->n_docs, NS_FMT_NORM_ENTRY_LEN, NS_FMT_NORM_CHUNK, fill_norm,
			  w->norms) != NS_OK)
		return fail(w, NS_ERR_NOMEM);
	/* the postings are written: the lengths are not needed any more */
	free(w->norms);
	w->norms = NULL;

	ns_put_u64(t, NS_FMT_HEADER_LEN), t += 8;
	ns_put_u64(t, postings_len), t += 8;
	ns_put_u64(t, terms_off), t += 8;
	ns_put_u64(t, w->terms.len), t += 8;
	ns_put_u64(t, tindex_off), t += 8;
	ns_put_u64(t, tindex_len), t += 8;
	ns_put_u64(t, norms_off), t += 8;
	ns_put_u64(t, w->nsp.off - norms_off), t += 8;
	ns_put_u32(t, w->n_docs), t += 4;
	ns_put_u32(t, w->n_terms), t += 4;
	ns_put_u64(t, w->n_tokens), t += 8;
	ns_put_u32(t, tindex_crc), t += 4;
	ns_put_u32(t, ns_crc32(trailer, (size_t)(t - trailer))), t += 4;
	memcpy(t, NS_FMT_MAGIC_POSTINGS, 4);
	ns_wfile_write(&w->nsp, trailer, sizeof(trailer));
	if (w->terms.err || w->tindex.err || w->tstrings.err)
		return fail(w, NS_ERR_NOMEM);
	return w->nsp.err ? fail(w, w->nsp.err) : NS_OK;
}

static int by_hash(const void *a, const void *b)
{
	const struct id_entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

struct doc_fill {
	const uint64_t *rec_off;
	const struct doc_entry *docs;
};

static void fill_doc(const void *ctx, uint32_t d, uint8_t *e)
{
	const struct doc_fill *f = ctx;

	ns_put_u64(e, f->rec_off[d]);
	ns_put_u64(e + 8, (uint64_t)f->docs[d].date_key);
}

static void fill_id(const void *ctx, uint32_t i, uint8_t *e)
{
	const struct id_entry *ids = ctx;

	ns_put_u64(e, ids[i].hash);
	ns_put_u32(e + 8, ids[i].docid);
}

static int finish_docs(struct ns_segw *w)
{
	struct id_entry *ids;
	struct doc_fill df;
	uint8_t trailer[NS_FMT_NSD_TRAILER], *t = trailer;
	uint64_t records_len, table_off, *rec_off;
	uint32_t n_rec;
	int rc = ns_recw_finish(w->recw, &rec_off, &n_rec);

	w->recw = NULL;
	if (rc == NS_OK && n_rec != w->n_docs)
		rc = NS_ERR_USAGE;
	if (rc != NS_OK) {
		free(rec_off);
		return fail(w, rc);
	}
	records_len = w->nsd.off - NS_FMT_HEADER_LEN;
	table_off = w->nsd.off;
	df.rec_off = rec_off;
	df.docs = w->docs;
	rc = write_chunked(&w->nsd, w->n_docs, NS_FMT_DOC_ENTRY_LEN, NS_FMT_DOC_CHUNK, fill_doc,
			   &df);
	free(rec_off);
	free(w->docs);
	w->docs = NULL;
	if (rc != NS_OK)
		return fail(w, rc);
	/* the id index, in the same section (format.h) */
	ids = malloc(((size_t)w->n_docs + 1) * sizeof(*ids));
	if (!ids)
		return fail(w, NS_ERR_NOMEM);
	for (uint32_t d = 0; d < w->n_docs; d++) {
		ids[d].hash = w->id_hash[d];
		ids[d].docid = d;
	}
	free(w->id_hash);
	w->id_hash = NULL;
	if (w->n_docs > 1)
		qsort(ids, w->n_docs, sizeof(*ids), by_hash);
	rc = write_chunked(&w->nsd, w->n_docs, NS_FMT_ID_ENTRY_LEN, NS_FMT_ID_CHUNK, fill_id, ids);
	free(ids);
	if (rc != NS_OK)
		return fail(w, rc);
	ns_put_u64(t, NS_FMT_HEADER_LEN), t += 8;
	ns_put_u64(t, records_len), t += 8;
	ns_put_u64(t, table_off), t += 8;
	ns_put_u64(t, w->nsd.off - table_off), t += 8;
	ns_put_u32(t, w->n_docs), t += 4;
	ns_put_u32(t, ns_crc32(trailer, (size_t)(t - trailer))), t += 4;
	memcpy(t, NS_FMT_MAGIC_DOCS, 4);
	ns_wfile_write(&w->nsd, trailer, sizeof(trailer));
	return w->nsd.err ? fail(w, w->nsd.err) : NS_OK;
}

static void free_segw(struct ns_segw *w)
{
	ns_recw_abort(w->recw);
	free(w->norms);
	free(w->docs);
	free(w->id_hash);
	free(w->blk_pos);
	free(w->dir);
	ns_buf_release(&w->rec);
	ns_buf_release(&w->doc_blocks);
	ns_buf_release(&w->skips);
	ns_buf_release(&w->enc);
	ns_buf_release(&w->terms);
	ns_buf_release(&w->block);
	ns_buf_release(&w->tindex);
	ns_buf_release(&w->tstrings);
	free(w);
}

int ns_segw_finish(struct ns_segw *w)
{
	int rc;

	if (w->in_term)
		fail(w, NS_ERR_USAGE);
	if (!w->err)
		finish_postings(w);
	if (!w->err)
		finish_docs(w);
	if (w->err) {
		rc = w->err;
		ns_segw_abort(w);
		return rc;
	}
	rc = ns_wfile_commit(&w->nsp);
	if (rc == NS_OK)
		rc = ns_wfile_commit(&w->nsd);
	else
		ns_wfile_abort(&w->nsd);
	if (rc == NS_OK)
		rc = ns_fsync_dir(w->dir);
	free_segw(w);
	return rc;
}

void ns_segw_abort(struct ns_segw *w)
{
	if (!w)
		return;
	ns_recw_abort(w->recw);	/* its worker writes to nsd: stop it first */
	w->recw = NULL;
	ns_wfile_abort(&w->nsp);
	ns_wfile_abort(&w->nsd);
	free_segw(w);
}
