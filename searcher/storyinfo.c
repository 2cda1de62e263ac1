/* SPDX-License-Identifier: MIT */
/* storyinfo.c -- a story's members, summary and explanation (storyinfo.h). */
#include "storyinfo.h"

#include <stdlib.h>
#include <string.h>

#include "collapse.h"
#include "date.h"
#include "error.h"
#include "story_sig.h"
#include "story_sim.h"
#include "story_text.h"


struct find_ctx {
	struct ns_segr *seg;
	uint32_t docid;
	int found;
};

static int on_id(void *ctx, uint32_t docid)
{
	struct find_ctx *c = ctx;

	if (ns_segr_is_deleted(c->seg, docid))
		return 0;
	c->docid = docid;
	c->found = 1;
	return 0;
}

int ns_storyinfo_find_article(struct ns_index *idx, const char *id, uint64_t *docid)
{
	int found = 0;

	for (uint32_t s = 0; s < idx->m.n_segs; s++) {
		struct find_ctx c = { idx->segs[s], 0, 0 };
		int rc = ns_segr_find_id(idx->segs[s], id, strlen(id), on_id, &c);
		if (rc != NS_OK)
			return rc;
		if (c.found) {
			*docid = idx->base[s] + c.docid;
			found = 1;
		}
	}
	return found ? NS_OK : NS_ERR_NOTFOUND;
}

int ns_storyinfo_resolve(struct ns_index *idx, struct ns_stories *st, const char *arg,
			uint32_t *story, char *msg, size_t msglen)
{
	uint64_t docid;
	int rc = ns_storyinfo_find_article(idx, arg, &docid);

	/* an article id first: ids may be digits too */
	if (rc == NS_OK) {
		*story = ns_stories_of(st, docid);
		return *story == NS_STORY_NONE ? NS_ERR_NOTFOUND : NS_OK;
	}
	if (rc != NS_ERR_NOTFOUND)
		return rc;
	{
		uint64_t id;
		if (ns_stories_id_parse(arg, &id) == 0) {
			*story = ns_stories_find(st, id);
			if (*story != NS_STORY_NONE)
				return NS_OK;
		}
	}
	ns_msgf(msg, msglen, "--story: no story or article has the id '%s'", arg);
	return NS_ERR_NOTFOUND;
}

int ns_storyinfo_members_by_date(struct ns_index *idx, struct ns_stories *st, uint32_t story,
			   uint64_t **out, size_t *n)
{
	const uint32_t *mem;
	uint64_t *v;
	int rc = ns_stories_members(st, story, &mem, n);

	if (rc != NS_OK)
		return rc;
	v = malloc((*n + 1) * sizeof(*v));
	if (!v)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < *n; i++)
		v[i] = mem[i];
	rc = ns_collapse_sort_by_date(idx, v, *n);
	if (rc != NS_OK) {
		free(v);
		return rc;
	}
	*out = v;
	return NS_OK;
}

static int doc_of(struct ns_index *idx, uint64_t docid, struct ns_doc *d)
{
	uint32_t seg, local;

	ns_index_locate(idx, docid, &seg, &local);
	return ns_segr_doc(idx->segs[seg], local, d);
}

static char *copy_str(const struct ns_str *s)
{
	char *c = malloc(s->len + 1);

	if (c) {
		memcpy(c, s->p, s->len);
		c[s->len] = 0;
	}
	return c;
}

/* Distinct sources of the members v (in date order), at most
 * NS_STORYINFO_SOURCES. */
static int sources_of(struct ns_index *idx, const uint64_t *v, size_t n,
		      struct ns_storyinfo_summary *s)
{
	for (size_t i = 0; i < n; i++) {
		struct ns_doc d;
		size_t k = 0;
		int rc = doc_of(idx, v[i], &d);
		if (rc != NS_OK)
			return rc;
		if (!d.source.len)
			continue;
		while (k < s->n_sources && (strlen(s->sources[k]) != d.source.len ||
					    memcmp(s->sources[k], d.source.p, d.source.len) != 0))
			k++;
		if (k < s->n_sources)
			continue;
		if (s->n_sources == NS_STORYINFO_SOURCES) {
			s->more_sources = 1;
			continue;
		}
		if (!(s->sources[s->n_sources] = copy_str(&d.source)))
			return NS_ERR_NOMEM;
		s->n_sources++;
	}
	return NS_OK;
}

int ns_storyinfo_summary(struct ns_index *idx, struct ns_stories *st, uint32_t story,
			 struct ns_storyinfo_summary *s)
{
	struct ns_doc first, last;
	uint64_t *v = NULL;
	size_t n = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	memset(&first, 0, sizeof(first));	/* read only after doc_of() fills */
	memset(&last, 0, sizeof(last));		/* them, but cppcheck cannot see it */
	rc = ns_storyinfo_members_by_date(idx, st, story, &v, &n);
	if (rc == NS_OK && n == 0)
		rc = NS_CORRUPT();	/* a story has a live member */
	if (rc == NS_OK)
		rc = doc_of(idx, v[0], &first);
	if (rc == NS_OK && first.date_key != NS_DATE_NONE)
		ns_date_format_day(first.date_key, s->first_date);
	if (rc == NS_OK)
		rc = doc_of(idx, v[n - 1], &last);
	/* the last dated member: undated ones sort last */
	if (rc == NS_OK && last.date_key != NS_DATE_NONE)
		ns_date_format_day(last.date_key, s->last_date);
	else if (rc == NS_OK)
		memcpy(s->last_date, s->first_date, sizeof(s->last_date));
	if (rc == NS_OK)
		rc = sources_of(idx, v, n, s);
	free(v);
	s->size = n;
	return rc != NS_OK ? rc : ns_stories_error(st);
}

void ns_storyinfo_summary_release(struct ns_storyinfo_summary *s)
{
	for (size_t i = 0; i < s->n_sources; i++)
		free(s->sources[i]);
	memset(s, 0, sizeof(*s));
}

/* ---- --explain ---- */

/* Document frequency of a term over the index (story_text.h). */
static int index_df(void *ctx, const char *term, size_t len, uint64_t *df)
{
	return ns_index_df(ctx, term, len, df);
}

/* The article's sketch as nindex makes it (story.h), from its text, with
 * the terms' names (malloc'd, story_text.h). */
static int sketch_of(struct ns_index *idx, uint64_t docid, struct ns_story_term *sk,
		     char **names, size_t *n_sk, size_t *n_distinct)
{
	struct ns_doc d;
	size_t text_len;
	char *text;
	int rc = doc_of(idx, docid, &d);

	*n_sk = *n_distinct = 0;
	if (rc == NS_OK)
		rc = ns_doc_text(&d, &text, &text_len);
	if (rc != NS_OK)
		return rc;
	rc = ns_story_text_sketch_named(idx->an, d.title.p, d.title.len, text, text_len, index_df,
					idx, idx->n_docs, sk, names, n_sk, n_distinct);
	free(text);
	return rc;
}

int ns_storyinfo_why(struct ns_index *idx, struct ns_stories *st, uint64_t docid,
		     struct ns_storyinfo_why *w)
{
	uint32_t story = ns_stories_of(st, docid);
	struct ns_story sr;
	struct ns_story_doc ea;
	const uint32_t *mem;
	size_t n_mem;
	int rc;

	memset(w, 0, sizeof(*w));
	if (story == NS_STORY_NONE)
		return ns_stories_error(st) != NS_OK ? ns_stories_error(st) : NS_DONE;
	sr = ns_stories_get(st, story);
	rc = ns_stories_members(st, story, &mem, &n_mem);
	if (rc != NS_OK)
		return rc;
	w->size = n_mem;
	w->founder = n_mem > 0 && mem[0] == docid;
	if (n_mem <= 1) {
		w->reason = NS_STORYINFO_ALONE;
		return ns_stories_error(st);
	}
	/* a copy of another member (the first in index order) */
	ea = ns_stories_doc(st, docid);
	for (size_t i = 0; i < n_mem; i++) {
		struct ns_story_doc eb;
		int bits;
		if (mem[i] == docid)
			continue;
		eb = ns_stories_doc(st, mem[i]);
		bits = ea.exact == eb.exact ? 0 : ns_story_hamming(ea.near, eb.near);
		if (bits > NS_STORY_NEAR_BITS)
			continue;
		w->reason = bits == 0 ? NS_STORYINFO_EXACT : NS_STORYINFO_NEAR;
		w->copy_of = mem[i];
		w->bits = bits;
		return ns_stories_error(st);
	}
	{
		struct ns_story_term sk[NS_STORY_SKETCH];
		char *names[NS_STORY_SKETCH];
		size_t n_sk = 0, n_distinct = 0;
		w->reason = NS_STORYINFO_RETOLD;
		rc = sketch_of(idx, docid, sk, names, &n_sk, &n_distinct);
		if (rc == NS_OK) {
			w->similarity = ns_story_similarity(sk, n_sk, n_distinct, &sr);
			w->threshold = ns_story_threshold(n_distinct, idx->n_docs);
		}
		for (size_t i = 0; rc == NS_OK && i < n_sk && w->n_shared < NS_STORYINFO_SHARED; i++)
			for (int k = 0; k < sr.n_terms; k++)
				if (sr.term[k] == sk[i].hash) {
					w->shared[w->n_shared++] = names[i];
					names[i] = NULL;	/* now w's */
					break;
				}
		for (size_t i = 0; i < n_sk; i++)
			free(names[i]);
	}
	return rc != NS_OK ? rc : ns_stories_error(st);
}

void ns_storyinfo_why_release(struct ns_storyinfo_why *w)
{
	for (size_t i = 0; i < w->n_shared; i++)
		free(w->shared[i]);
	memset(w, 0, sizeof(*w));
}
