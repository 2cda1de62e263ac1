/* SPDX-License-Identifier: MIT */
/* manifest.c -- MANIFEST encoding (layout in format.h).
 *
 * The MANIFEST has two checksummed parts: the head (segments, sources,
 * settings), which every search reads, and the files section, which only
 * nindex and --check read.  head_crc lets a search check the head without
 * paying for a files section of a million entries.
 */
#include "manifest.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "varint.h"

void ns_filestate_release(struct ns_filestate *f)
{
	free(f->path);
	free(f->id);
	free(f->ext);
	memset(f, 0, sizeof(*f));
}

void ns_manifest_release(struct ns_manifest *m)
{
	for (uint32_t i = 0; i < m->n_sources; i++)
		free(m->sources[i]);
	free(m->sources);
	for (uint32_t i = 0; m->segs && i < m->n_segs; i++)
		free(m->segs[i].arr);
	free(m->segs);
	for (uint32_t i = 0; i < m->n_files; i++)
		ns_filestate_release(&m->files[i]);
	free(m->files);
	memset(m, 0, sizeof(*m));
}

/* A bounds-checked cursor over the MANIFEST bytes. */
struct cursor {
	const uint8_t *p, *end;
	int bad;
};

static const uint8_t *take(struct cursor *c, size_t n)
{
	const uint8_t *p = c->p;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = 1;
		return NULL;
	}
	c->p += n;
	return p;
}

static uint32_t take_u32(struct cursor *c)
{
	const uint8_t *p = take(c, 4);
	return p ? ns_get_u32(p) : 0;
}

static uint64_t take_u64(struct cursor *c)
{
	const uint8_t *p = take(c, 8);
	return p ? ns_get_u64(p) : 0;
}

static uint64_t take_varint(struct cursor *c)
{
	uint64_t v = 0;

	if (c->bad || ns_varint_get(&c->p, c->end, &v) != 0)
		c->bad = 1;
	return c->bad ? 0 : v;
}

static uint32_t take_varint32(struct cursor *c)
{
	uint64_t v = take_varint(c);

	if (v > UINT32_MAX)
		c->bad = 1;
	return (uint32_t)v;
}

static char *take_string(struct cursor *c)
{
	uint64_t n = take_varint(c);
	const uint8_t *s;
	char *out;

	if (c->bad || n > (uint64_t)(c->end - c->p) ||
	    memchr(c->p, 0, (size_t)n) != NULL) {	/* paths and ids hold no NUL */
		c->bad = 1;
		return NULL;
	}
	s = take(c, (size_t)n);
	out = malloc((size_t)n + 1);
	if (!out)
		return NULL;
	memcpy(out, s, (size_t)n);
	out[n] = 0;
	return out;
}

static int cmp_file(const struct ns_filestate *a, const struct ns_filestate *b)
{
	int c = strcmp(a->path, b->path);
	return c ? c : strcmp(a->id, b->id);
}

/* The files section [c->p, c->end). */
static int decode_files(struct cursor *c, struct ns_manifest *m)
{
	uint32_t n = take_u32(c);

	/* every file takes at least 18 bytes */
	if (c->bad || n > (size_t)(c->end - c->p) / 18)
		return NS_CORRUPT();
	m->files = calloc((size_t)n + 1, sizeof(*m->files));
	if (!m->files)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < n; i++) {
		struct ns_filestate *f = &m->files[i];
		uint32_t n_ext;

		m->n_files = i + 1;
		f->path = take_string(c);
		f->id = take_string(c);
		if (c->bad)
			return NS_CORRUPT();
		if (!f->path || !f->id)
			return NS_ERR_NOMEM;
		f->flags = take_varint32(c);
		f->size = take_varint(c);
		f->mtime_ns = ns_unzigzag(take_varint(c));
		f->content_len = take_varint(c);
		f->hash = take_u64(c);
		f->done_off = take_varint(c);
		f->done_lines = take_varint(c);
		if (f->flags & NS_FMT_FILE_TAIL) {
			f->tail_seg = take_varint32(c);
			f->tail_doc = take_varint32(c);
		}
		n_ext = take_varint32(c);
		if (c->bad || f->flags > 15 || f->done_off > f->content_len ||
		    n_ext > (size_t)(c->end - c->p) / 3)
			return NS_CORRUPT();
		if (i > 0 && cmp_file(&m->files[i - 1], f) >= 0)
			return NS_CORRUPT();
		f->ext = calloc((size_t)n_ext + 1, sizeof(*f->ext));
		if (!f->ext)
			return NS_ERR_NOMEM;
		f->n_ext = n_ext;
		for (uint32_t k = 0; k < n_ext; k++) {
			f->ext[k].seg = take_varint32(c);
			f->ext[k].first = take_varint32(c);
			f->ext[k].count = take_varint32(c);
		}
		if (c->bad)
			return NS_CORRUPT();
	}
	if (c->p != c->end)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_manifest_decode(const uint8_t *data, uint64_t len, int with_files,
		       struct ns_manifest *m)
{
	struct cursor c = { data, data + len, 0 };
	const uint8_t *lang, *head_end;
	uint32_t lang_len;
	uint64_t files_len;
	int rc;

	memset(m, 0, sizeof(*m));
	rc = ns_fmt_check_header(data, len, NS_FMT_MAGIC_MANIFEST);
	if (rc != NS_OK)
		return rc;
	take(&c, NS_FMT_HEADER_LEN);
	/* The fields are read through the bounded cursor before the head CRC
	 * is known to be right (it sits after them), but none is used until
	 * the CRC matched. */
	m->generation = take_u64(&c);
	m->next_segment = take_u32(&c);
	lang = take(&c, 1);
	lang_len = lang ? lang[0] : 0;
	lang = take(&c, lang_len);
	if (c.bad || lang_len == 0 || lang_len > NS_FMT_MAX_LANG_LEN ||
	    memchr(lang, 0, lang_len) != NULL)
		return NS_CORRUPT(); /* a NUL would cut the name short */
	memcpy(m->lang, lang, lang_len);
	m->lang[lang_len] = 0;

	m->n_segs = take_u32(&c);
	if (c.bad || m->n_segs > (size_t)(c.end - c.p) / NS_FMT_MF_SEG_LEN) {
		m->n_segs = 0;
		return NS_CORRUPT();
	}
	m->segs = calloc(m->n_segs + 1, sizeof(*m->segs));
	if (!m->segs)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < m->n_segs; i++) {
		struct ns_seginfo *g = &m->segs[i];
		g->id = take_u32(&c);
		g->n_docs = take_u32(&c);
		g->n_tokens = take_u64(&c);
		g->n_title_tokens = take_u64(&c);
		g->del_gen = take_u64(&c);
		g->n_deleted = take_u32(&c);
		g->del_crc = take_u32(&c);
		g->deleted_tokens = take_u64(&c);
		g->deleted_title_tokens = take_u64(&c);
	}
	m->n_sources = take_u32(&c);
	if (c.bad || m->n_sources > (size_t)(c.end - c.p) / 4) {
		m->n_sources = 0;
		return NS_CORRUPT();
	}
	m->sources = calloc(m->n_sources + 1, sizeof(*m->sources));
	if (!m->sources) {
		m->n_sources = 0;
		return NS_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < m->n_sources; i++) {
		uint32_t n = take_u32(&c);
		const uint8_t *s = take(&c, n);
		if (!s || memchr(s, 0, n) != NULL)
			return NS_CORRUPT();
		m->sources[i] = malloc((size_t)n + 1);
		if (!m->sources[i])
			return NS_ERR_NOMEM;
		memcpy(m->sources[i], s, n);
		m->sources[i][n] = 0;
	}
	m->built = take_u64(&c);
	m->identity = take_u64(&c);
	if (!c.bad && m->identity == 0)
		return NS_CORRUPT();
	for (uint32_t i = 0; i < m->n_segs && !c.bad; i++) {
		struct ns_seginfo *g = &m->segs[i];
		rc = ns_arrivals_get(&c.p, c.end, g->n_docs, m->generation, &g->arr, &g->n_arr);
		if (rc != NS_OK)
			return rc;
	}
	head_end = c.p;
	if (c.bad || ns_crc32(data, (size_t)(head_end - data)) != take_u32(&c) || c.bad)
		return NS_CORRUPT();
	for (uint32_t i = 0; i < m->n_segs; i++) {
		const struct ns_seginfo *g = &m->segs[i];
		if (g->id >= m->next_segment || g->n_deleted > g->n_docs ||
		    (g->del_gen == 0 && g->n_deleted != 0) || g->deleted_tokens > g->n_tokens ||
		    g->deleted_title_tokens > g->n_title_tokens ||
		    g->n_title_tokens > g->n_tokens)
			return NS_CORRUPT();
	}
	files_len = take_u64(&c);
	if (c.bad || c.end - c.p < 4 || files_len != (uint64_t)(c.end - c.p) - 4)
		return NS_CORRUPT();
	if (!with_files)
		return NS_OK;
	if (ns_crc32(data, (size_t)len - 4) != ns_get_u32(data + len - 4))
		return NS_CORRUPT();
	c.end -= 4;
	return decode_files(&c, m);
}

static int read_manifest(const char *dir, int with_files, struct ns_manifest *m)
{
	struct ns_map map;
	char *path = ns_path_join(dir, NS_FMT_MANIFEST_NAME);
	int rc;

	memset(m, 0, sizeof(*m));
	if (!path)
		return NS_ERR_NOMEM;
	rc = ns_map_file(path, &map);
	free(path);
	if (rc != NS_OK)
		return rc;
	rc = ns_manifest_decode(map.data, map.len, with_files, m);
	ns_unmap_file(&map);
	if (rc != NS_OK)
		ns_manifest_release(m);
	return rc;
}

int ns_manifest_read(const char *dir, struct ns_manifest *m)
{
	return read_manifest(dir, 0, m);
}

int ns_manifest_read_all(const char *dir, struct ns_manifest *m)
{
	return read_manifest(dir, 1, m);
}

static void put_string(struct ns_buf *b, const char *s)
{
	size_t n = strlen(s);

	ns_buf_put_varint(b, n);
	ns_buf_append(b, s, n);
}

int ns_manifest_write(const char *dir, const struct ns_manifest *m)
{
	struct ns_buf b = NS_BUF_INIT;
	struct ns_wfile w;
	uint8_t hdr[NS_FMT_HEADER_LEN];
	size_t lang_len = strlen(m->lang), files_at;
	char *path;
	int rc;

	if (lang_len == 0 || lang_len > NS_FMT_MAX_LANG_LEN)
		return NS_ERR_USAGE;
	ns_fmt_put_header(hdr, NS_FMT_MAGIC_MANIFEST);
	ns_buf_append(&b, hdr, sizeof(hdr));
	ns_buf_put_u64(&b, m->generation);
	ns_buf_put_u32(&b, m->next_segment);
	ns_buf_putc(&b, (uint8_t)lang_len);
	ns_buf_append(&b, m->lang, lang_len);
	ns_buf_put_u32(&b, m->n_segs);
	for (uint32_t i = 0; i < m->n_segs; i++) {
		const struct ns_seginfo *g = &m->segs[i];
		ns_buf_put_u32(&b, g->id);
		ns_buf_put_u32(&b, g->n_docs);
		ns_buf_put_u64(&b, g->n_tokens);
		ns_buf_put_u64(&b, g->n_title_tokens);
		ns_buf_put_u64(&b, g->del_gen);
		ns_buf_put_u32(&b, g->n_deleted);
		ns_buf_put_u32(&b, g->del_crc);
		ns_buf_put_u64(&b, g->deleted_tokens);
		ns_buf_put_u64(&b, g->deleted_title_tokens);
	}
	ns_buf_put_u32(&b, m->n_sources);
	for (uint32_t i = 0; i < m->n_sources; i++) {
		size_t n = strlen(m->sources[i]);
		ns_buf_put_u32(&b, (uint32_t)n);
		ns_buf_append(&b, m->sources[i], n);
	}
	ns_buf_put_u64(&b, m->built);
	ns_buf_put_u64(&b, m->identity ? m->identity : ns_index_identity_new());
	for (uint32_t i = 0; i < m->n_segs; i++) {
		const struct ns_seginfo *g = &m->segs[i];
		struct ns_arrival_run one = { m->generation, g->n_docs };
		if (g->n_arr > 0 || g->n_docs == 0)
			ns_arrivals_put(&b, g->arr, g->n_arr);
		else
			ns_arrivals_put(&b, &one, 1);
	}
	if (b.err) {
		ns_buf_release(&b);
		return NS_ERR_NOMEM;
	}
	ns_buf_put_u32(&b, ns_crc32(b.data, b.len));

	ns_buf_put_u64(&b, 0);	/* files_len, filled in below */
	files_at = b.len;
	ns_buf_put_u32(&b, m->n_files);
	for (uint32_t i = 0; i < m->n_files; i++) {
		const struct ns_filestate *f = &m->files[i];
		put_string(&b, f->path);
		put_string(&b, f->id);
		ns_buf_put_varint(&b, f->flags);
		ns_buf_put_varint(&b, f->size);
		ns_buf_put_varint(&b, ns_zigzag(f->mtime_ns));
		ns_buf_put_varint(&b, f->content_len);
		ns_buf_put_u64(&b, f->hash);
		ns_buf_put_varint(&b, f->done_off);
		ns_buf_put_varint(&b, f->done_lines);
		if (f->flags & NS_FMT_FILE_TAIL) {
			ns_buf_put_varint(&b, f->tail_seg);
			ns_buf_put_varint(&b, f->tail_doc);
		}
		ns_buf_put_varint(&b, f->n_ext);
		for (uint32_t k = 0; k < f->n_ext; k++) {
			ns_buf_put_varint(&b, f->ext[k].seg);
			ns_buf_put_varint(&b, f->ext[k].first);
			ns_buf_put_varint(&b, f->ext[k].count);
		}
	}
	if (b.err) {
		ns_buf_release(&b);
		return NS_ERR_NOMEM;
	}
	ns_put_u64(b.data + files_at - 8, b.len - files_at);
	ns_buf_put_u32(&b, ns_crc32(b.data, b.len));
	if (b.err) {
		ns_buf_release(&b);
		return NS_ERR_NOMEM;
	}

	path = ns_path_join(dir, NS_FMT_MANIFEST_NAME);
	rc = path ? ns_wfile_create(&w, path) : NS_ERR_NOMEM;
	free(path);
	if (rc == NS_OK) {
		ns_wfile_write(&w, b.data, b.len);
		rc = ns_wfile_commit(&w);
	}
	if (rc == NS_OK)
		rc = ns_fsync_dir(dir);
	ns_buf_release(&b);
	return rc;
}
