/* SPDX-License-Identifier: MIT */
/* stories.c -- the story map of an open index (stories.h). */
#include "stories.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "story_sig.h"

int ns_stories_open(const struct ns_index *idx, struct ns_stories **out, char *msg,
		    size_t msglen)
{
	struct ns_stories *st = calloc(1, sizeof(*st));
	char name[48];
	int rc;

	*out = NULL;
	if (!st)
		return NS_ERR_NOMEM;
	ns_story_file_name(name, idx->m.generation);
	rc = ns_story_view_open(idx->dir, idx->m.generation, &st->v);
	if (rc == NS_OK && st->v.n_docs != idx->n_docids) {
		ns_msgf(msg, msglen, "%s/%s: %u documents, the index has %llu", idx->dir, name,
			st->v.n_docs, (unsigned long long)idx->n_docids);
		ns_stories_close(st);
		return NS_CORRUPT();
	}
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "%s/%s: %s", idx->dir, name,
			rc == NS_ERR_NOTFOUND ? "missing" : ns_strerror(rc));
		free(st);
		return rc;
	}
	*out = st;
	return NS_OK;
}

void ns_stories_close(struct ns_stories *st)
{
	if (!st)
		return;
	ns_story_view_close(&st->v);
	free(st->members);
	free(st);
}

int ns_stories_error(const struct ns_stories *st)
{
	return st ? st->err : NS_OK;
}

static void fail(struct ns_stories *st, int rc)
{
	if (st->err == NS_OK)
		st->err = rc;
}

uint32_t ns_stories_count(const struct ns_stories *st)
{
	return st->v.n_stories;
}

struct ns_story_doc ns_stories_doc(struct ns_stories *st, uint64_t d)
{
	struct ns_story_doc e;

	if (d >= st->v.n_docs || ns_story_view_doc(&st->v, (uint32_t)d, &e) != NS_OK) {
		if (d < st->v.n_docs)
			fail(st, NS_ERR_CORRUPT);
		memset(&e, 0, sizeof(e));
		e.story = NS_STORY_NONE;
	}
	return e;
}

uint32_t ns_stories_run_load(struct ns_stories *st, struct ns_stories_run *r, uint64_t docid)
{
	uint32_t first, s;

	r->n = 0;
	if (docid >= st->v.n_docs ||
	    ns_story_view_doc_chunk(&st->v, (uint32_t)docid, &r->e, &first, &r->n) != NS_OK) {
		r->n = 0;
		if (docid < st->v.n_docs)
			fail(st, NS_ERR_CORRUPT);
		return NS_STORY_NONE;
	}
	r->first = first;
	/* what the fast path does not take: a deleted document, or a story
	 * out of range (corrupt); the signatures are not read */
	s = ns_get_bits(r->e, docid - first, st->v.bits[0]);
	if (s == st->v.n_stories)
		return NS_STORY_NONE;
	if (s > st->v.n_stories) {
		fail(st, NS_ERR_CORRUPT);
		return NS_STORY_NONE;
	}
	return s;
}

uint32_t ns_stories_n_shared(const struct ns_stories *st)
{
	return st->v.n_shared;
}

uint32_t ns_stories_share_load(struct ns_stories *st, struct ns_stories_share *r,
			       uint64_t docid)
{
	uint32_t first, n = 0;

	r->n = 0;
	if (docid >= st->v.n_docs || ns_story_view_share_chunk(&st->v, (uint32_t)docid, &r->bits,
							       &first, &n, &r->base) != NS_OK) {
		if (docid < st->v.n_docs)
			fail(st, NS_ERR_CORRUPT);
		return NS_STORY_NONE;
	}
	for (uint32_t w = 0, set = 0; w < NS_FMT_STORY_CHUNK / 64; w++) {
		r->before[w] = (uint16_t)set;
		set += (uint32_t)__builtin_popcountll(ns_get_u64(r->bits + 8 * w));
	}
	r->first = first;
	r->n = n;
	return ns_stories_shared_of_run(st, r, docid);
}

/* Sharer list entry i, its chunk loaded into r: what the fast path does
 * not take, a new chunk or a number out of range (corrupt). */
uint32_t ns_stories_sharer_load(struct ns_stories *st, struct ns_stories_share *r, uint32_t i)
{
	uint32_t k;

	r->sl_n = 0;
	if (ns_story_view_sharer_chunk(&st->v, i, &r->sl, &r->sl_first, &r->sl_n) != NS_OK) {
		r->sl_n = 0;
		fail(st, NS_ERR_CORRUPT);
		return NS_STORY_NONE;
	}
	k = ns_get_bits(r->sl, i - r->sl_first, st->v.bits[1]);
	if (k >= st->v.n_shared) {
		fail(st, NS_ERR_CORRUPT);
		return NS_STORY_NONE;
	}
	return k;
}

/* The sharers among out[from..to) (all set to NS_STORY_NONE, their
 * documents base + d[j] in r's doc sharing chunk): sel[0..n_sel) their
 * indexes, their shared stories filled in. */
static void fill_sharers(struct ns_stories *st, struct ns_stories_share *r, uint64_t base,
			 const uint32_t *d, const uint32_t *sel, size_t n_sel, uint32_t *out)
{
	/* in locals: out[] may alias the view's fields, which the compiler
	 * would otherwise load again after every store */
	const unsigned width = st->v.bits[1];
	const uint32_t n_shared = st->v.n_shared;
	const uint8_t *sl = r->sl;
	uint32_t sl_first = r->sl_first, sl_n = r->sl_n;

	for (size_t m = 0; m < n_sel; m++) {
		size_t j = sel[m];
		uint64_t i = base + d[j] - r->first, w = ns_get_u64(r->bits + 8 * (i / 64));
		uint32_t at = r->base + r->before[i / 64] +
			      ns_stories_popcount(w & ((1ull << (i % 64)) - 1));
		uint32_t k;
		if (at - sl_first < sl_n && (k = ns_get_bits(sl, at - sl_first, width)) < n_shared) {
			out[j] = k;
		} else {
			out[j] = ns_stories_sharer_load(st, r, at);
			sl = r->sl;
			sl_first = r->sl_first;
			sl_n = r->sl_n;
		}
	}
}

void ns_stories_shared_of_docs(struct ns_stories *st, struct ns_stories_share *r, uint64_t base,
			       const uint32_t *d, size_t n, uint32_t *out)
{
	uint32_t sel[256];

	/* two passes: the bits first, which most documents need alone (a
	 * story of one article), with no branch on them; then the ranks and
	 * the sharer list, for the documents whose bit is set */
	for (size_t j = 0; j < n;) {
		const uint8_t *bits = r->bits;
		uint64_t first = r->first, n_docs = r->n;
		size_t n_sel = 0;

		for (; j < n && n_sel < sizeof(sel) / sizeof(*sel); j++) {
			uint64_t i = base + d[j] - first;
			if (i >= n_docs)
				break;
			out[j] = NS_STORY_NONE;
			sel[n_sel] = (uint32_t)j;
			n_sel += ns_get_u64(bits + 8 * (i / 64)) >> (i % 64) & 1;
		}
		fill_sharers(st, r, base, d, sel, n_sel, out);
		if (j < n && base + d[j] - r->first >= r->n) {	/* the next chunk */
			out[j] = ns_stories_shared_of_run(st, r, base + d[j]);
			j++;
		}
	}
}

uint32_t ns_stories_of(struct ns_stories *st, uint64_t docid)
{
	struct ns_stories_run r;

	memset(&r, 0, sizeof(r));
	return ns_stories_run_load(st, &r, docid);
}

struct ns_story ns_stories_get(struct ns_stories *st, uint32_t s)
{
	struct ns_story r;

	if (ns_story_view_story(&st->v, s, &r) != NS_OK) {
		fail(st, NS_ERR_CORRUPT);
		memset(&r, 0, sizeof(r));
	}
	return r;
}

void ns_stories_id_str(uint64_t id, char *out)
{
	snprintf(out, 17, "%016llx", (unsigned long long)id);
}

int ns_stories_id_parse(const char *s, uint64_t *id)
{
	uint64_t v = 0;

	if (strlen(s) != 16)
		return -1;
	for (int i = 0; i < 16; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*id = v;
	return 0;
}

uint32_t ns_stories_find(struct ns_stories *st, uint64_t id)
{
	uint32_t lo = 0, hi = st->v.n_stories;

	while (lo < hi && st->err == NS_OK) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ns_stories_get(st, mid).id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (st->err != NS_OK || lo >= st->v.n_stories)
		return NS_STORY_NONE;
	return ns_stories_get(st, lo).id == id ? lo : NS_STORY_NONE;
}

int ns_stories_members(struct ns_stories *st, uint32_t s, const uint32_t **docids, size_t *n)
{
	struct ns_story r = ns_stories_get(st, s);
	int rc = st->err;

	*n = 0;
	if (rc != NS_OK)
		return rc;
	if (r.n_live > st->cap_members) {
		uint32_t *p = realloc(st->members, (size_t)r.n_live * sizeof(*p));
		if (!p)
			return NS_ERR_NOMEM;
		st->members = p;
		st->cap_members = r.n_live;
	}
	for (uint32_t i = 0; i < r.n_live && rc == NS_OK; i++)
		rc = ns_story_view_member(&st->v, r.first_member + i, &st->members[i]);
	if (rc != NS_OK) {
		fail(st, rc);
		return rc;
	}
	*docids = st->members;
	*n = r.n_live;
	return NS_OK;
}

int ns_stories_are_copies(struct ns_stories *st, uint64_t a, uint64_t b)
{
	struct ns_story_doc x, y;
	uint64_t na, nb;

	/* near copies first: the near signatures are read alone, while an
	 * exact fingerprint may be its story's id to decode (format.h) */
	if (a < st->v.n_docs && b < st->v.n_docs &&
	    ns_story_view_near(&st->v, (uint32_t)a, &na) == NS_OK &&
	    ns_story_view_near(&st->v, (uint32_t)b, &nb) == NS_OK &&
	    ns_story_hamming(na, nb) <= NS_STORY_NEAR_BITS)
		return 1;
	x = ns_stories_doc(st, a);
	y = ns_stories_doc(st, b);
	return x.exact == y.exact || ns_story_hamming(x.near, y.near) <= NS_STORY_NEAR_BITS;
}
