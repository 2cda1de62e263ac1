/* SPDX-License-Identifier: MIT */
/* story_file.c -- read and write the story map (story_file.h, format.h). */
#include "story_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"

#define HEAD (NS_FMT_HEADER_LEN + 4 + 4 + 4)
#define CHUNK NS_FMT_STORY_CHUNK

_Static_assert(NS_FMT_STORY_LEN == 8 + 6 * 4 + 1 + NS_STORY_TERMS * 5, "story entry size");

enum { SEC_DOCS, SEC_STORIES, SEC_MEMBERS };

static const uint32_t entry_len[3] = { NS_FMT_STORY_DOC_LEN, NS_FMT_STORY_LEN, 4 };

void ns_story_file_name(char *out, uint64_t gen)
{
	snprintf(out, 48, "stories-%llu", (unsigned long long)gen);
}

int ns_story_file_is_name(const char *name)
{
	const char *p = name + 8;

	if (strncmp(name, "stories-", 8) != 0 || !*p)
		return 0;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* Bytes of a section of n entries of len bytes, chunk CRCs included. */
static uint64_t sec_bytes(uint64_t n, uint32_t len)
{
	return n * len + 4 * ((n + CHUNK - 1) / CHUNK);
}

static uint32_t float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

static float bits_float(uint32_t u)
{
	float f;

	memcpy(&f, &u, 4);
	return f;
}

static void put_doc(uint8_t *p, const struct ns_story_doc *d)
{
	ns_put_u32(p, d->story);
	ns_put_u64(p + 4, d->exact);
	ns_put_u64(p + 12, d->near);
}

static void get_doc(const uint8_t *p, struct ns_story_doc *d)
{
	d->story = ns_get_u32(p);
	d->exact = ns_get_u64(p + 4);
	d->near = ns_get_u64(p + 12);
}

static void put_story(uint8_t *p, const struct ns_story *s, uint32_t first_member)
{
	memset(p, 0, NS_FMT_STORY_LEN);
	ns_put_u64(p, s->id);
	ns_put_u32(p + 8, s->n_live);
	ns_put_u32(p + 12, s->n_seen);
	ns_put_u32(p + 16, (uint32_t)s->first_day);
	ns_put_u32(p + 20, (uint32_t)s->last_day);
	ns_put_u32(p + 24, float_bits(s->mass));
	ns_put_u32(p + 28, first_member);
	p[32] = s->n_terms;
	for (int k = 0; k < s->n_terms && k < NS_STORY_TERMS; k++) {
		ns_put_u32(p + 33 + 5 * k, s->term[k]);
		p[37 + 5 * k] = s->q[k];
	}
}

static int get_story(const uint8_t *p, struct ns_story *s)
{
	memset(s, 0, sizeof(*s));
	s->id = ns_get_u64(p);
	s->n_live = ns_get_u32(p + 8);
	s->n_seen = ns_get_u32(p + 12);
	s->first_day = (int32_t)ns_get_u32(p + 16);
	s->last_day = (int32_t)ns_get_u32(p + 20);
	s->mass = bits_float(ns_get_u32(p + 24));
	s->first_member = ns_get_u32(p + 28);
	s->n_terms = p[32];
	if (s->n_terms > NS_STORY_TERMS)
		return NS_CORRUPT();
	for (int k = 0; k < s->n_terms; k++) {
		s->term[k] = ns_get_u32(p + 33 + 5 * k);
		s->q[k] = p[37 + 5 * k];
	}
	return NS_OK;
}

/* Writes n entries of len bytes (made by put(i, out)) in CRC chunks,
 * one chunk at a time: a million articles need no copy of their map. */
static int put_section(struct ns_wfile *f, uint8_t *chunk, uint32_t n, uint32_t len,
		       void (*put)(const void *ctx, uint32_t i, uint8_t *out), const void *ctx)
{
	for (uint32_t c = 0; c < n; c += CHUNK) {
		uint32_t k = n - c < CHUNK ? n - c : CHUNK;
		for (uint32_t i = 0; i < k; i++)
			put(ctx, c + i, chunk + 4 + (size_t)i * len);
		ns_put_u32(chunk, ns_crc32(chunk + 4, (size_t)k * len));
		ns_wfile_write(f, chunk, 4 + (size_t)k * len);
	}
	return NS_OK;
}

struct write_ctx {
	ns_story_doc_fn doc;
	void *doc_ctx;
	const struct ns_story *stories;
	const uint32_t *first;		/* per story: first member */
	const uint32_t *member;		/* the member list */
};

static void put_doc_i(const void *ctx, uint32_t i, uint8_t *out)
{
	const struct write_ctx *w = ctx;
	struct ns_story_doc d;

	w->doc(w->doc_ctx, i, &d);
	put_doc(out, &d);
}

static void put_story_i(const void *ctx, uint32_t i, uint8_t *out)
{
	const struct write_ctx *w = ctx;

	put_story(out, &w->stories[i], w->first[i]);
}

static void put_member_i(const void *ctx, uint32_t i, uint8_t *out)
{
	ns_put_u32(out, ((const struct write_ctx *)ctx)->member[i]);
}

/* The member list: first[s] and member[] (a counting sort by story). */
static int members_of(uint32_t n_docs, uint32_t n_stories, ns_story_doc_fn doc, void *ctx,
		      uint32_t **first_out, uint32_t **member_out, uint32_t *n_members)
{
	uint32_t *first = calloc((size_t)n_stories + 1, sizeof(*first));
	uint32_t *member = NULL, total = 0;
	struct ns_story_doc e;

	if (!first)
		return NS_ERR_NOMEM;
	for (uint32_t d = 0; d < n_docs; d++) {
		doc(ctx, d, &e);
		if (e.story < n_stories)
			first[e.story + 1]++;
	}
	for (uint32_t s = 0; s < n_stories; s++) {
		total += first[s + 1];
		first[s + 1] = total;
	}
	member = malloc(((size_t)total + 1) * sizeof(*member));
	if (!member) {
		free(first);
		return NS_ERR_NOMEM;
	}
	for (uint32_t d = 0; d < n_docs; d++) {
		doc(ctx, d, &e);
		if (e.story < n_stories)
			member[first[e.story]++] = d;
	}
	/* first[s] now points past story s: shift back */
	for (uint32_t s = n_stories; s > 0; s--)
		first[s] = first[s - 1];
	first[0] = 0;
	*first_out = first;
	*member_out = member;
	*n_members = total;
	return NS_OK;
}

static void map_doc(void *ctx, uint32_t i, struct ns_story_doc *out)
{
	*out = ((const struct ns_story_map *)ctx)->docs[i];
}

int ns_story_map_write_gen(const char *dir, uint64_t gen, uint32_t n_docs, ns_story_doc_fn doc,
			   void *doc_ctx, const struct ns_story *stories, uint32_t n_stories)
{
	struct write_ctx w = { doc, doc_ctx, stories, NULL, NULL };
	uint32_t *first, *member, n_members;
	uint8_t head[HEAD], *chunk = malloc(4 + (size_t)CHUNK * NS_FMT_STORY_LEN);
	char name[48], *path;
	struct ns_wfile f;
	int rc = chunk ? members_of(n_docs, n_stories, doc, doc_ctx, &first, &member, &n_members)
		       : NS_ERR_NOMEM;

	if (rc != NS_OK) {
		free(chunk);
		return rc;
	}
	w.first = first;
	w.member = member;
	ns_fmt_put_header(head, NS_FMT_MAGIC_STORIES);
	ns_put_u32(head + NS_FMT_HEADER_LEN, n_docs);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 4, n_stories);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 8, ns_crc32(head, NS_FMT_HEADER_LEN + 8));
	ns_story_file_name(name, gen);
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&f, path) : NS_ERR_NOMEM;
	free(path);
	if (rc == NS_OK) {
		ns_wfile_write(&f, head, sizeof(head));
		put_section(&f, chunk, n_docs, NS_FMT_STORY_DOC_LEN, put_doc_i, &w);
		put_section(&f, chunk, n_stories, NS_FMT_STORY_LEN, put_story_i, &w);
		put_section(&f, chunk, n_members, 4, put_member_i, &w);
		rc = ns_wfile_commit(&f);
	}
	free(first);
	free(member);
	free(chunk);
	return rc;
}

int ns_story_map_write(const char *dir, uint64_t gen, const struct ns_story_map *m)
{
	return ns_story_map_write_gen(dir, gen, m->n_docs, map_doc, (void *)(uintptr_t)m,
				      m->stories, m->n_stories);
}

/* ---- the lazy view ---- */

static int view_parse(struct ns_story_view *v)
{
	const uint8_t *p = v->map.data;
	uint64_t len = v->map.len, n_members = 0, at = HEAD;
	int rc = ns_fmt_check_header(p, len, NS_FMT_MAGIC_STORIES);

	if (rc != NS_OK)
		return rc;
	if (len < HEAD || ns_crc32(p, NS_FMT_HEADER_LEN + 8) != ns_get_u32(p + NS_FMT_HEADER_LEN + 8))
		return NS_CORRUPT();
	v->n_docs = ns_get_u32(p + NS_FMT_HEADER_LEN);
	v->n_stories = ns_get_u32(p + NS_FMT_HEADER_LEN + 4);
	v->sec_off[SEC_DOCS] = at;
	at += sec_bytes(v->n_docs, NS_FMT_STORY_DOC_LEN);
	v->sec_off[SEC_STORIES] = at;
	at += sec_bytes(v->n_stories, NS_FMT_STORY_LEN);
	v->sec_off[SEC_MEMBERS] = at;
	/* the members make up the rest: chunks of 4-byte entries */
	if (at > len)
		return NS_CORRUPT();
	{
		uint64_t rem = len - at, full = rem / (4 + 4ull * CHUNK);
		uint64_t tail = rem - full * (4 + 4ull * CHUNK);
		if (tail != 0 && (tail < 8 || (tail - 4) % 4 != 0))
			return NS_CORRUPT();
		n_members = full * CHUNK + (tail ? (tail - 4) / 4 : 0);
	}
	if (n_members > v->n_docs)
		return NS_CORRUPT();
	v->n_members = (uint32_t)n_members;
	for (int k = 0; k < 3; k++) {
		uint64_t n = k == SEC_DOCS ? v->n_docs : k == SEC_STORIES ? v->n_stories : n_members;
		v->checked[k] = calloc((size_t)((n + CHUNK - 1) / CHUNK) + 1, 1);
		if (!v->checked[k])
			return NS_ERR_NOMEM;
	}
	return NS_OK;
}

int ns_story_view_open(const char *dir, uint64_t gen, struct ns_story_view *v)
{
	char name[48], *path;
	int rc;

	memset(v, 0, sizeof(*v));
	ns_story_file_name(name, gen);
	path = ns_path_join(dir, name);
	if (!path)
		return NS_ERR_NOMEM;
	rc = ns_map_file(path, &v->map);
	free(path);
	if (rc == NS_ERR_IO && errno == ENOENT)
		return NS_ERR_NOTFOUND;
	if (rc != NS_OK) {
		v->map.data = NULL;
		return rc;
	}
	rc = view_parse(v);
	if (rc != NS_OK)
		ns_story_view_close(v);
	return rc;
}

void ns_story_view_close(struct ns_story_view *v)
{
	if (v->map.data)
		ns_unmap_file(&v->map);
	for (int k = 0; k < 3; k++)
		free(v->checked[k]);
	memset(v, 0, sizeof(*v));
}

/* Entry i of section k (of n entries), its chunk's CRC checked once. */
static const uint8_t *entry(struct ns_story_view *v, int k, uint64_t n, uint32_t i)
{
	uint32_t c = i / CHUNK, len = entry_len[k];
	const uint8_t *chunk = v->map.data + v->sec_off[k] + (uint64_t)c * (4 + (uint64_t)CHUNK * len);

	if (i >= n)
		return NULL;
	if (!v->checked[k][c]) {
		uint64_t in = n - (uint64_t)c * CHUNK < CHUNK ? n - (uint64_t)c * CHUNK : CHUNK;
		if (ns_crc32(chunk + 4, in * len) != ns_get_u32(chunk))
			return NULL;
		v->checked[k][c] = 1;
	}
	return chunk + 4 + (uint64_t)(i % CHUNK) * len;
}

int ns_story_view_doc(struct ns_story_view *v, uint32_t d, struct ns_story_doc *out)
{
	const uint8_t *p = entry(v, SEC_DOCS, v->n_docs, d);

	if (!p)
		return NS_CORRUPT();
	get_doc(p, out);
	if (out->story != NS_STORY_NONE && out->story >= v->n_stories)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_story_view_doc_chunk(struct ns_story_view *v, uint32_t d, const uint8_t **entries,
			    uint32_t *first, uint32_t *n)
{
	uint32_t f = d / CHUNK * CHUNK;
	const uint8_t *p = entry(v, SEC_DOCS, v->n_docs, f);

	if (!p || d >= v->n_docs)
		return NS_CORRUPT();
	*entries = p;
	*first = f;
	*n = v->n_docs - f < CHUNK ? v->n_docs - f : CHUNK;
	return NS_OK;
}

int ns_story_view_story(struct ns_story_view *v, uint32_t s, struct ns_story *out)
{
	const uint8_t *p = entry(v, SEC_STORIES, v->n_stories, s);

	if (!p || get_story(p, out) != NS_OK ||
	    (uint64_t)out->first_member + out->n_live > v->n_members)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_story_view_member(struct ns_story_view *v, uint32_t i, uint32_t *docid)
{
	const uint8_t *p = entry(v, SEC_MEMBERS, v->n_members, i);
	if (!p)
		return NS_CORRUPT();
	*docid = ns_get_u32(p);
	return *docid < v->n_docs ? NS_OK : NS_CORRUPT();
}

/* ---- the whole map ---- */

int ns_story_map_read(const char *dir, uint64_t gen, struct ns_story_map *m)
{
	struct ns_story_view v;
	uint32_t *first = NULL, *member = NULL, n_members = 0;
	int rc = ns_story_view_open(dir, gen, &v);

	memset(m, 0, sizeof(*m));
	if (rc != NS_OK)
		return rc;
	m->n_docs = v.n_docs;
	m->n_stories = v.n_stories;
	m->docs = calloc((size_t)m->n_docs + 1, sizeof(*m->docs));
	m->stories = calloc((size_t)m->n_stories + 1, sizeof(*m->stories));
	if (!m->docs || !m->stories)
		rc = NS_ERR_NOMEM;
	for (uint32_t i = 0; i < m->n_docs && rc == NS_OK; i++)
		rc = ns_story_view_doc(&v, i, &m->docs[i]);
	for (uint32_t i = 0; i < m->n_stories && rc == NS_OK; i++)
		rc = ns_story_view_story(&v, i, &m->stories[i]);
	/* the member list must be the one the documents make */
	if (rc == NS_OK)
		rc = members_of(m->n_docs, m->n_stories, map_doc, m, &first, &member, &n_members);
	for (uint32_t s = 0; s < m->n_stories && rc == NS_OK; s++)
		if (m->stories[s].first_member != first[s])
			rc = NS_CORRUPT();
	for (uint32_t i = 0; i < n_members && rc == NS_OK; i++) {
		uint32_t d;
		rc = ns_story_view_member(&v, i, &d);
		if (rc == NS_OK && d != member[i])
			rc = NS_CORRUPT();
	}
	if (rc == NS_OK && v.n_members != n_members)
		rc = NS_CORRUPT();
	free(first);
	free(member);
	ns_story_view_close(&v);
	if (rc != NS_OK)
		ns_story_map_release(m);
	return rc;
}

int ns_story_map_validate(const struct ns_story_map *m, char *msg, size_t msglen)
{
	uint32_t *count = calloc((size_t)m->n_stories + 1, sizeof(*count));
	int rc = NS_OK;

	if (!count)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < m->n_docs && rc == NS_OK; i++) {
		uint32_t s = m->docs[i].story;
		if (s == NS_STORY_NONE)
			continue;
		if (s >= m->n_stories) {
			ns_msgf(msg, msglen, "document %u: story %u of %u", i, s, m->n_stories);
			rc = NS_CORRUPT();
		} else {
			count[s]++;
		}
	}
	for (uint32_t s = 0; s < m->n_stories && rc == NS_OK; s++) {
		const struct ns_story *st = &m->stories[s];
		if (count[s] == 0 || count[s] != st->n_live || st->n_seen < st->n_live) {
			ns_msgf(msg, msglen, "story %016llx: %u live documents, %u recorded",
				(unsigned long long)st->id, count[s], st->n_live);
			rc = NS_CORRUPT();
		} else if (s > 0 && st->id <= m->stories[s - 1].id) {
			ns_msgf(msg, msglen, "story %016llx: id out of order",
				(unsigned long long)st->id);
			rc = NS_CORRUPT();
		} else if (!(st->mass >= 0.0f) || st->n_terms > NS_STORY_TERMS ||
			   (st->first_day == NS_STORY_NO_DAY) != (st->last_day == NS_STORY_NO_DAY) ||
			   st->first_day > st->last_day) {
			ns_msgf(msg, msglen, "story %016llx: bad centroid or dates",
				(unsigned long long)st->id);
			rc = NS_CORRUPT();
		}
	}
	free(count);
	return rc;
}

void ns_story_map_release(struct ns_story_map *m)
{
	free(m->docs);
	free(m->stories);
	memset(m, 0, sizeof(*m));
}
