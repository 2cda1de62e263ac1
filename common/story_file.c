/* SPDX-License-Identifier: MIT */
/* story_file.c -- read and write the story map (story_file.h, format.h). */
#include "story_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "varint.h"

#define HEAD (NS_FMT_HEADER_LEN + 4 * 4 + 4)
#define CHUNK NS_FMT_STORY_CHUNK

#define GROUP NS_FMT_STORY_GROUP
/* longest story entry: id, n_live, extra, day, span, n_terms, mass, terms */
#define STORY_MAX (8 + 5 + 5 + 6 + 5 + 1 + 4 + NS_STORY_TERMS * 5)

#define SHARE_LEN NS_FMT_STORY_SHARE_LEN
#define SHARE_WORDS (CHUNK / 64)	/* bit words of a doc sharing chunk */

/* The sections of fixed-size entries in CRC chunks (the doc sharing is
 * laid out apart, between the doc stories and the sharer list). */
enum { SEC_STORY, SEC_SHARERS, SEC_SIGS, SEC_DIR, SEC_MEMBERS, N_SEC };

static const uint32_t entry_len[N_SEC] = { NS_FMT_STORY_ID_LEN, 4, NS_FMT_STORY_SIG_LEN,
					     NS_FMT_STORY_DIR_LEN, 4 };

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


/* Whether a story keeps its centroid in the file: one of a single
 * article does not (its article's sketch, made again when needed). */
static int keeps_centroid(const struct ns_story *s)
{
	return s->n_seen >= 2 && s->n_terms > 0;
}

static uint32_t zigzag(int32_t v)
{
	return ((uint32_t)v << 1) ^ (0u - ((uint32_t)v >> 31));
}

static int32_t unzigzag(uint32_t u)
{
	return (int32_t)((u >> 1) ^ (0u - (u & 1)));
}

/* Encodes s at p (room for STORY_MAX bytes); returns its length. */
static size_t put_story(uint8_t *p, const struct ns_story *s)
{
	size_t n = 8;
	int k, n_terms = keeps_centroid(s) ? s->n_terms : 0;

	ns_put_u64(p, s->id);
	n += ns_varint_put(p + n, s->n_live);
	n += ns_varint_put(p + n, s->n_seen - s->n_live);
	if (s->first_day == NS_STORY_NO_DAY) {
		n += ns_varint_put(p + n, 0);
	} else {
		n += ns_varint_put(p + n, (uint64_t)zigzag(s->first_day) + 1);
		n += ns_varint_put(p + n, (uint32_t)((int64_t)s->last_day - s->first_day));
	}
	p[n++] = (uint8_t)n_terms;
	if (n_terms) {
		ns_put_u32(p + n, float_bits(s->mass));
		n += 4;
	}
	for (k = 0; k < n_terms; k++, n += 5) {
		ns_put_u32(p + n, s->term[k]);
		p[n + 4] = s->q[k];
	}
	return n;
}

/* Decodes one story entry from [*p, end), advancing *p. */
static int get_story(const uint8_t **p, const uint8_t *end, struct ns_story *s)
{
	const uint8_t *q = *p;
	uint64_t day, span;
	uint32_t extra;

	memset(s, 0, sizeof(*s));
	if (end - q < 8)
		return NS_CORRUPT();
	s->id = ns_get_u64(q);
	q += 8;
	if (ns_varint_get32(&q, end, &s->n_live) || ns_varint_get32(&q, end, &extra) ||
	    extra > UINT32_MAX - s->n_live || ns_varint_get(&q, end, &day) || day > UINT32_MAX + 1ull)
		return NS_CORRUPT();
	s->n_seen = s->n_live + extra;
	s->first_day = s->last_day = NS_STORY_NO_DAY;
	if (day) {
		if (ns_varint_get(&q, end, &span))
			return NS_CORRUPT();
		s->first_day = unzigzag((uint32_t)(day - 1));
		if (s->first_day == NS_STORY_NO_DAY ||
		    span > (uint64_t)((int64_t)INT32_MAX - s->first_day))
			return NS_CORRUPT();
		s->last_day = (int32_t)(s->first_day + (int64_t)span);
	}
	if (q >= end || *q > NS_STORY_TERMS)
		return NS_CORRUPT();
	s->n_terms = *q++;
	if (s->n_terms) {
		if ((size_t)(end - q) < 4 + 5 * (size_t)s->n_terms)
			return NS_CORRUPT();
		s->mass = bits_float(ns_get_u32(q));
		q += 4;
	}
	for (int k = 0; k < s->n_terms; k++, q += 5) {
		s->term[k] = ns_get_u32(q);
		s->q[k] = q[4];
	}
	*p = q;
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
	const uint8_t *dir;		/* the story directory, GROUP stories an
					 * entry (and its end) */
};

static void put_story_i(const void *ctx, uint32_t i, uint8_t *out)
{
	const struct write_ctx *w = ctx;
	struct ns_story_doc d;

	w->doc(w->doc_ctx, i, &d);
	ns_put_u32(out, d.story);
}

static void put_sigs_i(const void *ctx, uint32_t i, uint8_t *out)
{
	const struct write_ctx *w = ctx;
	struct ns_story_doc d;

	w->doc(w->doc_ctx, i, &d);
	ns_put_u64(out, d.exact);
	ns_put_u64(out + 8, d.near);
}

static void put_dir_i(const void *ctx, uint32_t i, uint8_t *out)
{
	memcpy(out, ((const struct write_ctx *)ctx)->dir + (size_t)i * NS_FMT_STORY_DIR_LEN,
	       NS_FMT_STORY_DIR_LEN);
}

/* Encodes the stories of group g into buf; returns the bytes. */
static size_t put_group(const struct ns_story *stories, uint32_t n_stories, uint32_t g,
			uint8_t *buf)
{
	size_t n = 0;

	for (uint32_t i = g * GROUP; i < n_stories && i < (g + 1) * GROUP; i++)
		n += put_story(buf + n, &stories[i]);
	return n;
}

/* The story directory (format.h): per group its offset, first member and
 * CRC, then an entry for the end of the data.  Bytes in *dir_out (the
 * caller frees it). */
static int story_dir(const struct ns_story *stories, uint32_t n_stories, const uint32_t *first,
		     uint32_t n_members, uint8_t *buf, uint8_t **dir_out, uint32_t *n_dir)
{
	uint32_t n_groups = (n_stories + GROUP - 1) / GROUP;
	uint8_t *dir = malloc(((size_t)n_groups + 1) * NS_FMT_STORY_DIR_LEN);
	uint64_t off = 0;

	if (!dir)
		return NS_ERR_NOMEM;
	for (uint32_t g = 0; g <= n_groups; g++) {
		uint8_t *e = dir + (size_t)g * NS_FMT_STORY_DIR_LEN;
		size_t n = g < n_groups ? put_group(stories, n_stories, g, buf) : 0;
		ns_put_u64(e, off);
		ns_put_u32(e + 8, g < n_groups ? first[g * GROUP] : n_members);
		ns_put_u32(e + 12, g < n_groups ? ns_crc32(buf, n) : 0);
		off += n;
	}
	*dir_out = dir;
	*n_dir = n_groups + 1;
	return NS_OK;
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

/* The doc sharing and the sharer list (format.h) of n_docs documents,
 * story s having first[s + 1] - first[s] live ones. */
struct sharing {
	uint64_t *bits;		/* SHARE_WORDS per chunk */
	uint32_t *sharer;	/* n_sharers */
	uint32_t n_shared, n_sharers;
};

static void sharing_release(struct sharing *sh)
{
	free(sh->bits);
	free(sh->sharer);
	memset(sh, 0, sizeof(*sh));
}

static int sharing_of(uint32_t n_docs, uint32_t n_stories, ns_story_doc_fn doc, void *ctx,
		      const uint32_t *first, struct sharing *sh)
{
	uint32_t *no = malloc(((size_t)n_stories + 1) * sizeof(*no)), j = 0;
	uint64_t n_chunks = ((uint64_t)n_docs + CHUNK - 1) / CHUNK;
	struct ns_story_doc e;

	memset(sh, 0, sizeof(*sh));
	for (uint32_t s = 0; no && s < n_stories; s++) {
		uint32_t live = first[s + 1] - first[s];
		no[s] = live >= 2 ? sh->n_shared++ : UINT32_MAX;
		sh->n_sharers += live >= 2 ? live : 0;
	}
	sh->bits = calloc(n_chunks * SHARE_WORDS + 1, sizeof(*sh->bits));
	sh->sharer = malloc(((size_t)sh->n_sharers + 1) * sizeof(*sh->sharer));
	if (!no || !sh->bits || !sh->sharer) {
		free(no);
		sharing_release(sh);
		return NS_ERR_NOMEM;
	}
	for (uint32_t d = 0; d < n_docs; d++) {
		doc(ctx, d, &e);
		if (e.story < n_stories && no[e.story] != UINT32_MAX && j < sh->n_sharers) {
			sh->bits[d / 64] |= 1ull << (d % 64);
			sh->sharer[j++] = no[e.story];
		}
	}
	free(no);
	return NS_OK;
}

/* Doc sharing chunk c as it is written (SHARE_LEN bytes at out); *first:
 * the sharers before it, advanced past its own. */
static void put_share_chunk(const struct sharing *sh, uint64_t c, uint32_t *first, uint8_t *out)
{
	uint32_t n = 0;

	ns_put_u32(out + 4, *first);
	for (uint32_t w = 0; w < SHARE_WORDS; w++) {
		uint64_t b = sh->bits[c * SHARE_WORDS + w];
		ns_put_u64(out + 8 + 8 * w, b);
		n += (uint32_t)__builtin_popcountll(b);
	}
	ns_put_u32(out, ns_crc32(out + 4, SHARE_LEN - 4));
	*first += n;
}

static void put_sharer_i(const void *ctx, uint32_t i, uint8_t *out)
{
	ns_put_u32(out, ((const struct sharing *)ctx)->sharer[i]);
}

int ns_story_map_write_gen(const char *dir, uint64_t gen, uint32_t n_docs, ns_story_doc_fn doc,
			   void *doc_ctx, const struct ns_story *stories, uint32_t n_stories)
{
	struct write_ctx w = { doc, doc_ctx, stories, NULL, NULL, NULL };
	struct sharing sh = { 0 };
	uint32_t *first, *member, n_members, n_dir = 0, sharers = 0;
	uint8_t head[HEAD], *chunk = malloc(4 + (size_t)CHUNK * NS_FMT_STORY_SIG_LEN +
					    (size_t)GROUP * STORY_MAX);
	uint8_t *dirb = NULL;
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
	rc = story_dir(stories, n_stories, first, n_members, chunk, &dirb, &n_dir);
	w.dir = dirb;
	if (rc == NS_OK)
		rc = sharing_of(n_docs, n_stories, doc, doc_ctx, first, &sh);
	ns_fmt_put_header(head, NS_FMT_MAGIC_STORIES);
	ns_put_u32(head + NS_FMT_HEADER_LEN, n_docs);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 4, n_stories);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 8, sh.n_shared);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 12, sh.n_sharers);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 16, ns_crc32(head, NS_FMT_HEADER_LEN + 16));
	ns_story_file_name(name, gen);
	path = ns_path_join(dir, name);
	if (rc == NS_OK)
		rc = path ? ns_wfile_create(&f, path) : NS_ERR_NOMEM;
	free(path);
	if (rc == NS_OK) {
		ns_wfile_write(&f, head, sizeof(head));
		put_section(&f, chunk, n_docs, NS_FMT_STORY_ID_LEN, put_story_i, &w);
		for (uint64_t c = 0; c * CHUNK < n_docs; c++) {
			put_share_chunk(&sh, c, &sharers, chunk);
			ns_wfile_write(&f, chunk, SHARE_LEN);
		}
		put_section(&f, chunk, sh.n_sharers, 4, put_sharer_i, &sh);
		put_section(&f, chunk, n_docs, NS_FMT_STORY_SIG_LEN, put_sigs_i, &w);
		put_section(&f, chunk, n_dir, NS_FMT_STORY_DIR_LEN, put_dir_i, &w);
		for (uint32_t g = 0; g + 1 < n_dir; g++)
			ns_wfile_write(&f, chunk, put_group(stories, n_stories, g, chunk));
		put_section(&f, chunk, n_members, 4, put_member_i, &w);
		rc = ns_wfile_commit(&f);
	}
	sharing_release(&sh);
	free(dirb);
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

static const uint8_t *entry(struct ns_story_view *v, int k, uint64_t n, uint32_t i);

static int view_parse(struct ns_story_view *v)
{
	const uint8_t *p = v->map.data, *end;
	uint64_t len = v->map.len, at = HEAD, n_groups;
	int rc = ns_fmt_check_header(p, len, NS_FMT_MAGIC_STORIES);

	if (rc != NS_OK)
		return rc;
	if (len < HEAD || ns_crc32(p, HEAD - 4) != ns_get_u32(p + HEAD - 4))
		return NS_CORRUPT();
	v->n_docs = ns_get_u32(p + NS_FMT_HEADER_LEN);
	v->n_stories = ns_get_u32(p + NS_FMT_HEADER_LEN + 4);
	v->n_shared = ns_get_u32(p + NS_FMT_HEADER_LEN + 8);
	v->n_sharers = ns_get_u32(p + NS_FMT_HEADER_LEN + 12);
	if (v->n_shared > v->n_stories || v->n_sharers > v->n_docs ||
	    (uint64_t)v->n_shared * 2 > v->n_sharers)
		return NS_CORRUPT();
	n_groups = ((uint64_t)v->n_stories + GROUP - 1) / GROUP;
	v->n_dir = (uint32_t)n_groups + 1;
	v->sec_off[SEC_STORY] = at;
	at += sec_bytes(v->n_docs, NS_FMT_STORY_ID_LEN);
	v->share_off = at;
	at += ((uint64_t)v->n_docs + CHUNK - 1) / CHUNK * SHARE_LEN;
	v->sec_off[SEC_SHARERS] = at;
	at += sec_bytes(v->n_sharers, 4);
	v->sec_off[SEC_SIGS] = at;
	at += sec_bytes(v->n_docs, NS_FMT_STORY_SIG_LEN);
	v->sec_off[SEC_DIR] = at;
	at += sec_bytes(v->n_dir, NS_FMT_STORY_DIR_LEN);
	if (at > len)
		return NS_CORRUPT();
	for (int k = 0; k < SEC_MEMBERS; k++) {
		uint64_t n = k == SEC_DIR ? v->n_dir : k == SEC_SHARERS ? v->n_sharers : v->n_docs;
		v->checked[k] = calloc((size_t)((n + CHUNK - 1) / CHUNK) + 1, 1);
		if (!v->checked[k])
			return NS_ERR_NOMEM;
	}
	v->share_checked = calloc((size_t)((v->n_docs + CHUNK - 1) / CHUNK) + 1, 1);
	if (!v->share_checked)
		return NS_ERR_NOMEM;
	/* the directory's last entry: the end of the story data, the members */
	end = entry(v, SEC_DIR, v->n_dir, v->n_dir - 1);
	if (!end)
		return NS_CORRUPT();
	v->data_off = at;
	v->data_len = ns_get_u64(end);
	v->n_members = ns_get_u32(end + 8);
	if (v->data_len > len - at || v->n_members > v->n_docs)
		return NS_CORRUPT();
	at += v->data_len;
	v->sec_off[SEC_MEMBERS] = at;
	if (sec_bytes(v->n_members, 4) != len - at)
		return NS_CORRUPT();
	v->checked[SEC_MEMBERS] = calloc((size_t)((v->n_members + CHUNK - 1) / CHUNK) + 1, 1);
	v->group = malloc(GROUP * sizeof(*v->group));
	if (!v->checked[SEC_MEMBERS] || !v->group)
		return NS_ERR_NOMEM;
	v->group_no = UINT32_MAX;
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
	for (int k = 0; k < N_SEC; k++)
		free(v->checked[k]);
	free(v->share_checked);
	free(v->group);
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
	const uint8_t *p = entry(v, SEC_STORY, v->n_docs, d);
	const uint8_t *sig = p ? entry(v, SEC_SIGS, v->n_docs, d) : NULL;

	if (!sig)
		return NS_CORRUPT();
	out->story = ns_get_u32(p);
	out->exact = ns_get_u64(sig);
	out->near = ns_get_u64(sig + 8);
	if (out->story != NS_STORY_NONE && out->story >= v->n_stories)
		return NS_CORRUPT();
	return NS_OK;
}

/* Decodes group g of the stories into v->group (its CRC checked). */
static int load_group(struct ns_story_view *v, uint32_t g)
{
	const uint8_t *e = entry(v, SEC_DIR, v->n_dir, g), *next = entry(v, SEC_DIR, v->n_dir, g + 1);
	const uint8_t *p, *end;
	uint64_t off, stop;
	uint32_t member;

	if (!e || !next)
		return NS_CORRUPT();
	off = ns_get_u64(e);
	stop = ns_get_u64(next);
	member = ns_get_u32(e + 8);
	if (off > stop || stop > v->data_len)
		return NS_CORRUPT();
	p = v->map.data + v->data_off + off;
	end = v->map.data + v->data_off + stop;
	if (ns_crc32(p, (size_t)(stop - off)) != ns_get_u32(e + 12))
		return NS_CORRUPT();
	for (uint32_t i = 0; i < GROUP && (uint64_t)g * GROUP + i < v->n_stories; i++) {
		struct ns_story *s = &v->group[i];
		if (get_story(&p, end, s) != NS_OK || s->n_live == 0 ||
		    (uint64_t)member + s->n_live > v->n_members)
			return NS_CORRUPT();
		s->first_member = member;
		member += s->n_live;
	}
	if (p != end || member != ns_get_u32(next + 8))
		return NS_CORRUPT();
	v->group_no = g;
	return NS_OK;
}

/* The chunk of section k (of n entries) holding entry i: *entries is
 * entry *first's, *n of them, the chunk checked first. */
static int sec_chunk(struct ns_story_view *v, int k, uint32_t n_all, uint32_t i,
		     const uint8_t **entries, uint32_t *first, uint32_t *n)
{
	uint32_t f = i / CHUNK * CHUNK;
	const uint8_t *p = entry(v, k, n_all, f);

	if (!p || i >= n_all)
		return NS_CORRUPT();
	*entries = p;
	*first = f;
	*n = n_all - f < CHUNK ? n_all - f : CHUNK;
	return NS_OK;
}

int ns_story_view_doc_chunk(struct ns_story_view *v, uint32_t d, const uint8_t **entries,
			    uint32_t *first, uint32_t *n)
{
	return sec_chunk(v, SEC_STORY, v->n_docs, d, entries, first, n);
}

int ns_story_view_share_chunk(struct ns_story_view *v, uint32_t d, const uint8_t **bits,
			      uint32_t *first_doc, uint32_t *n, uint32_t *first_sharer)
{
	uint32_t c = d / CHUNK, set = 0;
	const uint8_t *p = v->map.data + v->share_off + (uint64_t)c * SHARE_LEN;

	if (d >= v->n_docs)
		return NS_CORRUPT();
	*first_doc = c * CHUNK;
	*n = v->n_docs - *first_doc < CHUNK ? v->n_docs - *first_doc : CHUNK;
	if (!v->share_checked[c]) {
		if (ns_crc32(p + 4, SHARE_LEN - 4) != ns_get_u32(p))
			return NS_CORRUPT();
		/* the sharer list must hold the chunk's sharers, and no bit
		 * may name a document past the end */
		for (uint32_t w = 0; w < SHARE_WORDS; w++) {
			uint64_t b = ns_get_u64(p + 8 + 8 * w);
			if (w * 64 + 64 > *n)
				b &= w * 64 >= *n ? ~0ull : ~0ull << (*n - w * 64);
			else
				b = 0;
			if (b)
				return NS_CORRUPT();
			set += (uint32_t)__builtin_popcountll(ns_get_u64(p + 8 + 8 * w));
		}
		if (ns_get_u32(p + 4) > v->n_sharers || set > v->n_sharers - ns_get_u32(p + 4))
			return NS_CORRUPT();
		v->share_checked[c] = 1;
	}
	*first_sharer = ns_get_u32(p + 4);
	*bits = p + 8;
	return NS_OK;
}

int ns_story_view_sharer_chunk(struct ns_story_view *v, uint32_t i, const uint8_t **entries,
			       uint32_t *first, uint32_t *n)
{
	return sec_chunk(v, SEC_SHARERS, v->n_sharers, i, entries, first, n);
}

int ns_story_view_story(struct ns_story_view *v, uint32_t s, struct ns_story *out)
{
	if (s >= v->n_stories)
		return NS_CORRUPT();
	if (s / GROUP != v->group_no) {
		v->group_no = UINT32_MAX;
		if (load_group(v, s / GROUP) != NS_OK)
			return NS_CORRUPT();
	}
	*out = v->group[s % GROUP];
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

/* Whether v's doc sharing and sharer list are those m's stories make
 * (first: each story's first member, as members_of() makes it). */
static int check_sharing(struct ns_story_view *v, const struct ns_story_map *m,
			 const uint32_t *first)
{
	struct sharing sh;
	uint8_t want[SHARE_LEN];
	uint32_t sharers = 0;
	int rc = sharing_of(m->n_docs, m->n_stories, map_doc, (void *)(uintptr_t)m, first, &sh);

	if (rc != NS_OK)
		return rc;
	if (sh.n_shared != v->n_shared || sh.n_sharers != v->n_sharers)
		rc = NS_CORRUPT();
	for (uint64_t c = 0; c * CHUNK < m->n_docs && rc == NS_OK; c++) {
		const uint8_t *bits;
		uint32_t f, n, fs;
		put_share_chunk(&sh, c, &sharers, want);
		rc = ns_story_view_share_chunk(v, (uint32_t)(c * CHUNK), &bits, &f, &n, &fs);
		if (rc == NS_OK && (fs != ns_get_u32(want + 4) || memcmp(bits, want + 8, SHARE_LEN - 8)))
			rc = NS_CORRUPT();
	}
	for (uint32_t i = 0; i < sh.n_sharers && rc == NS_OK; i++) {
		const uint8_t *p = entry(v, SEC_SHARERS, v->n_sharers, i);
		if (!p || ns_get_u32(p) != sh.sharer[i])
			rc = NS_CORRUPT();
	}
	sharing_release(&sh);
	return rc;
}

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
	if (rc == NS_OK)
		rc = check_sharing(&v, m, first);
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
		} else if (st->n_seen == 1 && st->n_terms > 0) {
			ns_msgf(msg, msglen, "story %016llx: a centroid stored for one article",
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
