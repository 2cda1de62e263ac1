/* SPDX-License-Identifier: MIT */
/* story_file.c -- read and write the story map (story_file.h, format.h). */
#include "story_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "format.h"

#define FIXED (NS_FMT_HEADER_LEN + 4 + 4)
#define STORY_FIXED 29	/* bytes of a story entry before its terms */

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

int ns_story_map_write(const char *dir, uint64_t gen, const struct ns_story_map *m)
{
	struct ns_buf b;
	uint8_t head[FIXED];
	char name[48], *path;
	struct ns_wfile w;
	int rc;

	ns_buf_init(&b);
	ns_fmt_put_header(head, NS_FMT_MAGIC_STORIES);
	ns_put_u32(head + NS_FMT_HEADER_LEN, m->n_docs);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 4, m->n_stories);
	ns_buf_append(&b, head, sizeof(head));
	for (uint32_t i = 0; i < m->n_docs; i++) {
		ns_buf_put_u32(&b, m->docs[i].story);
		ns_buf_put_u64(&b, m->docs[i].exact);
		ns_buf_put_u64(&b, m->docs[i].near);
	}
	for (uint32_t i = 0; i < m->n_stories; i++) {
		const struct ns_story *s = &m->stories[i];
		ns_buf_put_u64(&b, s->id);
		ns_buf_put_u32(&b, s->n_live);
		ns_buf_put_u32(&b, s->n_seen);
		ns_buf_put_u32(&b, (uint32_t)s->first_day);
		ns_buf_put_u32(&b, (uint32_t)s->last_day);
		ns_buf_put_u32(&b, float_bits(s->mass));
		ns_buf_putc(&b, s->n_terms);
		for (int k = 0; k < s->n_terms; k++) {
			ns_buf_put_u32(&b, s->term[k]);
			ns_buf_putc(&b, s->q[k]);
		}
	}
	if (b.err) {
		ns_buf_release(&b);
		return NS_ERR_NOMEM;
	}
	ns_buf_put_u32(&b, ns_crc32(b.data, b.len));
	if (b.err) {
		ns_buf_release(&b);
		return NS_ERR_NOMEM;
	}
	ns_story_file_name(name, gen);
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&w, path) : NS_ERR_NOMEM;
	free(path);
	if (rc == NS_OK) {
		ns_wfile_write(&w, b.data, b.len);
		rc = ns_wfile_commit(&w);
	}
	ns_buf_release(&b);
	return rc;
}

static int parse(const uint8_t *p, uint64_t len, struct ns_story_map *m)
{
	const uint8_t *end = p + len - 4;
	uint64_t need;
	int rc = ns_fmt_check_header(p, len, NS_FMT_MAGIC_STORIES);

	if (rc != NS_OK)
		return rc;
	if (len < FIXED + 4 || ns_crc32(p, len - 4) != ns_get_u32(end))
		return NS_CORRUPT();
	m->n_docs = ns_get_u32(p + NS_FMT_HEADER_LEN);
	m->n_stories = ns_get_u32(p + NS_FMT_HEADER_LEN + 4);
	need = (uint64_t)m->n_docs * NS_FMT_STORY_DOC_LEN + (uint64_t)m->n_stories * STORY_FIXED;
	if (need > len - FIXED - 4)
		return NS_CORRUPT();
	m->docs = calloc((size_t)m->n_docs + 1, sizeof(*m->docs));
	m->stories = calloc((size_t)m->n_stories + 1, sizeof(*m->stories));
	if (!m->docs || !m->stories)
		return NS_ERR_NOMEM;
	p += FIXED;
	for (uint32_t i = 0; i < m->n_docs; i++, p += NS_FMT_STORY_DOC_LEN) {
		m->docs[i].story = ns_get_u32(p);
		m->docs[i].exact = ns_get_u64(p + 4);
		m->docs[i].near = ns_get_u64(p + 12);
	}
	for (uint32_t i = 0; i < m->n_stories; i++) {
		struct ns_story *s = &m->stories[i];
		if (end - p < STORY_FIXED)
			return NS_CORRUPT();
		s->id = ns_get_u64(p);
		s->n_live = ns_get_u32(p + 8);
		s->n_seen = ns_get_u32(p + 12);
		s->first_day = (int32_t)ns_get_u32(p + 16);
		s->last_day = (int32_t)ns_get_u32(p + 20);
		s->mass = bits_float(ns_get_u32(p + 24));
		s->n_terms = p[28];
		p += STORY_FIXED;
		if (s->n_terms > NS_STORY_TERMS || end - p < 5 * (ptrdiff_t)s->n_terms)
			return NS_CORRUPT();
		for (int k = 0; k < s->n_terms; k++, p += 5) {
			s->term[k] = ns_get_u32(p);
			s->q[k] = p[4];
		}
	}
	if (p != end)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_story_map_read(const char *dir, uint64_t gen, struct ns_story_map *m)
{
	char name[48], *path;
	struct ns_map map;
	int rc;

	memset(m, 0, sizeof(*m));
	ns_story_file_name(name, gen);
	path = ns_path_join(dir, name);
	if (!path)
		return NS_ERR_NOMEM;
	rc = ns_map_file(path, &map);
	free(path);
	if (rc == NS_ERR_IO && errno == ENOENT)
		return NS_ERR_NOTFOUND;
	if (rc != NS_OK)
		return rc;
	rc = parse(map.data, map.len, m);
	ns_unmap_file(&map);
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
			ns_msgf(msg, msglen, "story %llu: %u live documents, %u recorded",
				(unsigned long long)st->id, count[s], st->n_live);
			rc = NS_CORRUPT();
		} else if (s > 0 && st->id <= m->stories[s - 1].id) {
			ns_msgf(msg, msglen, "story %llu: id out of order", (unsigned long long)st->id);
			rc = NS_CORRUPT();
		} else if (!(st->mass >= 0.0f) || (st->first_day == NS_STORY_NO_DAY) !=
							   (st->last_day == NS_STORY_NO_DAY) ||
			   st->first_day > st->last_day) {
			ns_msgf(msg, msglen, "story %llu: bad centroid or dates",
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
