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
#include "tokenize.h"
#include "analyze.h"


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

struct tf_entry {
	char *term;		/* malloc'd, NULL = empty slot */
	uint32_t tf;
	uint32_t tf_title;
};

struct tf_table {
	struct tf_entry *e;
	size_t cap;		/* power of two */
	size_t n;
};

static int tf_add(struct tf_table *t, const char *term, size_t len, int title)
{
	uint32_t h;
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct tf_table g = { calloc(t->cap ? 2 * t->cap : 256, sizeof(*g.e)),
				      t->cap ? 2 * t->cap : 256, 0 };
		if (!g.e)
			return NS_ERR_NOMEM;
		for (size_t k = 0; k < t->cap; k++) {
			if (!t->e[k].term)
				continue;
			i = ns_story_term_hash(t->e[k].term, strlen(t->e[k].term)) & (g.cap - 1);
			while (g.e[i].term)
				i = (i + 1) & (g.cap - 1);
			g.e[i] = t->e[k];
			g.n++;
		}
		free(t->e);
		*t = g;
	}
	h = ns_story_term_hash(term, len);
	for (i = h & (t->cap - 1); t->e[i].term; i = (i + 1) & (t->cap - 1))
		if (strlen(t->e[i].term) == len && memcmp(t->e[i].term, term, len) == 0)
			break;
	if (!t->e[i].term) {
		t->e[i].term = strndup(term, len);
		if (!t->e[i].term)
			return NS_ERR_NOMEM;
		t->n++;
	}
	t->e[i].tf++;
	t->e[i].tf_title += title;
	return NS_OK;
}

static void tf_release(struct tf_table *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->e[i].term);
	free(t->e);
}

/* The article's sketch as nindex makes it (story.h), from its text; the
 * terms' strings in names[] (borrowed from tf). */
static int sketch_of(struct ns_index *idx, uint64_t docid, struct tf_table *tf,
		     struct ns_story_term *sk, const char **names, size_t *n_sk, size_t *n_distinct)
{
	struct ns_story_term *all;
	const char **all_names;
	struct ns_doc d;
	struct ns_tokenizer t;
	struct ns_token tok;
	const char *term;
	size_t term_len, text_len, n = 0;
	char *text;
	int rc = doc_of(idx, docid, &d);

	if (rc == NS_OK)
		rc = ns_doc_text(&d, &text, &text_len);
	if (rc != NS_OK)
		return rc;
	for (int part = 0; part < 2 && rc == NS_OK; part++) {
		if (part == 0)
			ns_tok_init(&t, d.title.p, d.title.len, 0);
		else
			ns_tok_init(&t, text, text_len, 0);
		while (rc == NS_OK && ns_analyzer_next(idx->an, &t, &tok, &term, &term_len))
			if (!ns_story_is_stopword(term, term_len))
				rc = tf_add(tf, term, term_len, part == 0);
	}
	free(text);
	all = malloc((tf->n + 1) * sizeof(*all));
	all_names = malloc((tf->n + 1) * sizeof(*all_names));
	if (rc == NS_OK && (!all || !all_names))
		rc = NS_ERR_NOMEM;
	for (size_t i = 0; i < tf->cap && rc == NS_OK; i++) {
		struct tf_entry *e = &tf->e[i];
		uint64_t df;
		if (!e->term)
			continue;
		rc = ns_index_df(idx, e->term, strlen(e->term), &df);
		all[n] = (struct ns_story_term){
			ns_story_term_hash(e->term, strlen(e->term)),
			(float)ns_story_weight(e->tf, e->tf_title, df, idx->n_docs) };
		all_names[n++] = e->term;
	}
	if (rc == NS_OK) {
		*n_distinct = n;
		*n_sk = ns_story_sketch_finish(all, n);
		for (size_t i = 0; i < *n_sk; i++) {
			sk[i] = all[i];
			names[i] = "?";
			for (size_t k = 0; k < tf->cap; k++)
				if (tf->e[k].term &&
				    ns_story_term_hash(tf->e[k].term, strlen(tf->e[k].term)) == sk[i].hash) {
					names[i] = tf->e[k].term;
					break;
				}
		}
	}
	free(all);
	free(all_names);
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
		struct tf_table tf = { NULL, 0, 0 };
		struct ns_story_term sk[NS_STORY_SKETCH];
		const char *names[NS_STORY_SKETCH];
		size_t n_sk = 0, n_distinct = 0;
		w->reason = NS_STORYINFO_RETOLD;
		rc = sketch_of(idx, docid, &tf, sk, names, &n_sk, &n_distinct);
		if (rc == NS_OK) {
			w->similarity = ns_story_similarity(sk, n_sk, n_distinct, &sr);
			w->threshold = ns_story_threshold(n_distinct, idx->n_docs);
		}
		for (size_t i = 0; rc == NS_OK && i < n_sk && w->n_shared < NS_STORYINFO_SHARED; i++)
			for (int k = 0; k < sr.n_terms; k++)
				if (sr.term[k] == sk[i].hash) {
					if (!(w->shared[w->n_shared] = strdup(names[i])))
						rc = NS_ERR_NOMEM;
					else
						w->n_shared++;
					break;
				}
		tf_release(&tf);
	}
	return rc != NS_OK ? rc : ns_stories_error(st);
}

void ns_storyinfo_why_release(struct ns_storyinfo_why *w)
{
	for (size_t i = 0; i < w->n_shared; i++)
		free(w->shared[i]);
	memset(w, 0, sizeof(*w));
}
