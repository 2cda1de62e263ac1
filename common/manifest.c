/* SPDX-License-Identifier: MIT */
/* manifest.c -- MANIFEST encoding (layout in format.h). */
#include "manifest.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"

void ns_manifest_release(struct ns_manifest *m)
{
	for (uint32_t i = 0; i < m->n_sources; i++)
		free(m->sources[i]);
	free(m->sources);
	free(m->segs);
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

static int decode(const uint8_t *data, uint64_t len, struct ns_manifest *m)
{
	struct cursor c = { data + NS_FMT_HEADER_LEN, data + len - 4, 0 };
	const uint8_t *lang;
	uint32_t lang_len;

	m->generation = take_u64(&c);
	m->next_segment = take_u32(&c);
	lang = take(&c, 1);
	lang_len = lang ? lang[0] : 0;
	lang = take(&c, lang_len);
	if (c.bad || lang_len == 0 || lang_len > NS_FMT_MAX_LANG_LEN)
		return NS_CORRUPT();
	memcpy(m->lang, lang, lang_len);
	m->lang[lang_len] = 0;

	m->n_segs = take_u32(&c);
	if (c.bad || m->n_segs > (size_t)(c.end - c.p) / 24)
		return NS_CORRUPT();
	m->segs = calloc(m->n_segs + 1, sizeof(*m->segs));
	if (!m->segs)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < m->n_segs; i++) {
		m->segs[i].id = take_u32(&c);
		m->segs[i].n_docs = take_u32(&c);
		m->segs[i].n_tokens = take_u64(&c);
		m->segs[i].n_title_tokens = take_u64(&c);
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
		if (!s)
			return NS_CORRUPT();
		m->sources[i] = malloc((size_t)n + 1);
		if (!m->sources[i])
			return NS_ERR_NOMEM;
		memcpy(m->sources[i], s, n);
		m->sources[i][n] = 0;
	}
	if (c.bad || c.p != c.end)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_manifest_read(const char *dir, struct ns_manifest *m)
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
	rc = ns_fmt_check_header(map.data, map.len, NS_FMT_MAGIC_MANIFEST);
	if (rc == NS_OK && map.len < NS_FMT_HEADER_LEN + 4)
		rc = NS_CORRUPT();
	if (rc == NS_OK &&
	    ns_crc32(map.data, (size_t)map.len - 4) != ns_get_u32(map.data + map.len - 4))
		rc = NS_CORRUPT();
	if (rc == NS_OK)
		rc = decode(map.data, map.len, m);
	ns_unmap_file(&map);
	if (rc != NS_OK)
		ns_manifest_release(m);
	return rc;
}

int ns_manifest_write(const char *dir, const struct ns_manifest *m)
{
	struct ns_buf b = NS_BUF_INIT;
	struct ns_wfile w;
	uint8_t hdr[NS_FMT_HEADER_LEN];
	size_t lang_len = strlen(m->lang);
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
		ns_buf_put_u32(&b, m->segs[i].id);
		ns_buf_put_u32(&b, m->segs[i].n_docs);
		ns_buf_put_u64(&b, m->segs[i].n_tokens);
		ns_buf_put_u64(&b, m->segs[i].n_title_tokens);
	}
	ns_buf_put_u32(&b, m->n_sources);
	for (uint32_t i = 0; i < m->n_sources; i++) {
		size_t n = strlen(m->sources[i]);
		ns_buf_put_u32(&b, (uint32_t)n);
		ns_buf_append(&b, m->sources[i], n);
	}
	if (b.err) {
		ns_buf_release(&b);
		return NS_ERR_NOMEM;
	}
	ns_buf_put_u32(&b, ns_crc32(b.data, b.len));

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
