/* SPDX-License-Identifier: MIT */
/* storycmd.c -- --story and --stories (storycmd.h). */
#include "storycmd.h"

#include <stdlib.h>
#include <string.h>

#include "collapse.h"
#include "date.h"
#include "error.h"
#include "story_sig.h"
#include "story_sim.h"
#include "tokenize.h"
#include "analyze.h"

#define MAX_SOURCES 8	/* sources listed per story */

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

int ns_storycmd_find_article(struct ns_index *idx, const char *id, uint64_t *docid)
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

int ns_storycmd_resolve(struct ns_index *idx, struct ns_stories *st, const char *arg,
			uint32_t *story, char *msg, size_t msglen)
{
	uint64_t docid;
	int rc = ns_storycmd_find_article(idx, arg, &docid);

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

static void put_day(FILE *out, int64_t date_key)
{
	char day[11] = "";

	if (date_key != NS_DATE_NONE)
		ns_date_format_day(date_key, day);
	fputs(day[0] ? day : "(no date)", out);
}

/* The members of story oldest first, and their first and last dates. */
static int members_by_date(struct ns_index *idx, struct ns_stories *st, uint32_t story,
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

int ns_storycmd_timeline(FILE *out, struct ns_index *idx, struct ns_stories *st, uint32_t story,
			 const struct ns_show_opts *o)
{
	struct ns_story sr = ns_stories_get(st, story);
	const struct ns_story *s = &sr;
	uint64_t *v = NULL;
	size_t n;
	int rc = members_by_date(idx, st, story, &v, &n);

	if (rc == NS_OK)
		rc = ns_stories_error(st);
	if (rc != NS_OK) {
		free(v);
		return rc;
	}
	if (o->format == NS_SHOW_TEXT) {
		char sid[17];
		ns_stories_id_str(s->id, sid);
		fprintf(out, "story %s: %zu article%s\n", sid, n, n == 1 ? "" : "s");
	}
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		struct ns_doc d;
		struct ns_hit h = { 0.0, v[i], 0.0 };
		if (o->format != NS_SHOW_TEXT) {
			rc = ns_show_hit(out, idx, o, i + 1, &h);
			continue;
		}
		rc = doc_of(idx, v[i], &d);
		if (rc != NS_OK)
			break;
		fputs("  ", out);
		put_day(out, d.date_key);
		fputs("  ", out);
		if (d.source.len)
			ns_show_field(out, d.source.p, d.source.len);
		else
			fputs("-", out);
		fputs("  ", out);
		ns_show_field(out, d.id.p, d.id.len);
		fputs("  ", out);
		if (d.title.len)
			ns_show_field(out, d.title.p, d.title.len);
		else
			fputs("(no title)", out);
		putc('\n', out);
	}
	free(v);
	if (rc == NS_OK && ferror(out))
		rc = NS_ERR_IO;
	return rc;
}

/* Distinct sources of the members (in date order), at most MAX_SOURCES. */
static int sources_of(struct ns_index *idx, const uint64_t *v, size_t n, struct ns_str *src,
		      size_t *n_src, size_t *n_more)
{
	*n_src = *n_more = 0;
	for (size_t i = 0; i < n; i++) {
		struct ns_doc d;
		size_t k = 0;
		int rc = doc_of(idx, v[i], &d);
		if (rc != NS_OK)
			return rc;
		if (!d.source.len)
			continue;
		while (k < *n_src && (src[k].len != d.source.len ||
				      memcmp(src[k].p, d.source.p, d.source.len) != 0))
			k++;
		if (k < *n_src)
			continue;
		if (*n_src < MAX_SOURCES)
			src[(*n_src)++] = d.source;
		else
			(*n_more)++;	/* may count one source twice: a bound */
	}
	return NS_OK;
}

int ns_storycmd_rank(FILE *out, struct ns_index *idx, struct ns_stories *st,
		     const struct ns_hit *hits, size_t n, size_t first_rank,
		     const struct ns_show_opts *o)
{
	int rc = NS_OK;

	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		uint32_t story = ns_stories_of(st, hits[i].docid);
		const struct ns_story *s;
		struct ns_story sr;
		struct ns_str src[MAX_SOURCES];
		size_t n_mem, n_src, n_more;
		struct ns_doc best, first, last;
		uint64_t *v;
		char d0[11] = "", d1[11] = "", sid[17];
		if (story == NS_STORY_NONE)
			continue;
		sr = ns_stories_get(st, story);
		s = &sr;
		ns_stories_id_str(s->id, sid);
		rc = members_by_date(idx, st, story, &v, &n_mem);
		if (rc != NS_OK)
			break;
		rc = doc_of(idx, hits[i].docid, &best);
		if (rc == NS_OK)
			rc = doc_of(idx, v[0], &first);
		if (rc == NS_OK)
			rc = doc_of(idx, v[n_mem - 1], &last);
		if (rc == NS_OK)
			rc = sources_of(idx, v, n_mem, src, &n_src, &n_more);
		free(v);
		if (rc == NS_OK)
			rc = ns_stories_error(st);
		if (rc != NS_OK)
			break;
		if (first.date_key != NS_DATE_NONE)
			ns_date_format_day(first.date_key, d0);
		/* the last dated member: undated ones sort last */
		if (last.date_key != NS_DATE_NONE)
			ns_date_format_day(last.date_key, d1);
		else if (d0[0])
			snprintf(d1, sizeof(d1), "%s", d0);
		switch (o->format) {
		case NS_SHOW_JSON:
			fprintf(out, "{\"rank\":%zu,\"score\":%.4f,\"story\":\"%s\",\"size\":%zu,\"id\":",
				first_rank + i, hits[i].score, sid, n_mem);
			ns_show_json_string(out, best.id.p, best.id.len);
			fputs(",\"headline\":", out);
			ns_show_json_string(out, best.title.p, best.title.len);
			fputs(",\"sources\":[", out);
			for (size_t k = 0; k < n_src; k++) {
				if (k)
					putc(',', out);
				ns_show_json_string(out, src[k].p, src[k].len);
			}
			fputs("],\"first_date\":", out);
			if (d0[0])
				fprintf(out, "\"%s\",\"last_date\":\"%s\"}\n", d0, d1);
			else
				fputs("null,\"last_date\":null}\n", out);
			break;
		case NS_SHOW_IDS:
			fprintf(out, "%s%c", sid, o->nul ? '\0' : '\n');
			break;
		case NS_SHOW_TSV:
			fprintf(out, "%zu\t%.4f\t%s\t%zu\t%s\t%s\t", first_rank + i, hits[i].score,
				sid, n_mem, d0, d1);
			ns_show_field(out, best.title.p, best.title.len);
			putc('\t', out);
			for (size_t k = 0; k < n_src; k++) {
				if (k)
					fputs(", ", out);
				ns_show_field(out, src[k].p, src[k].len);
			}
			putc('\n', out);
			break;
		case NS_SHOW_TEXT:
		default:
			fprintf(out, "%s%2zu. ", i ? "\n" : "", first_rank + i);
			if (best.title.len)
				ns_show_field(out, best.title.p, best.title.len);
			else
				fputs("(no title)", out);
			fprintf(out, "\n    story %s: %zu article%s", sid, n_mem,
				n_mem == 1 ? "" : "s");
			if (d0[0])
				fprintf(out, ", %s .. %s", d0, d1);
			fputs("\n    sources: ", out);
			for (size_t k = 0; k < n_src; k++) {
				if (k)
					fputs(", ", out);
				ns_show_field(out, src[k].p, src[k].len);
			}
			if (n_src == 0)
				fputs("(none)", out);
			if (n_more)
				fprintf(out, " and more");
			putc('\n', out);
			break;
		}
	}
	if (rc == NS_OK && ferror(out))
		rc = NS_ERR_IO;
	return rc;
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

int ns_storycmd_explain(FILE *out, struct ns_index *idx, struct ns_stories *st, uint64_t docid)
{
	uint32_t story = ns_stories_of(st, docid);
	const struct ns_story *s;
	struct ns_story sr;
	const uint32_t *mem;
	size_t n_mem;
	int rc;

	if (story == NS_STORY_NONE)
		return NS_OK;
	sr = ns_stories_get(st, story);
	s = &sr;
	rc = ns_stories_members(st, story, &mem, &n_mem);
	if (rc != NS_OK)
		return rc;
	{
		char sid[17];
		ns_stories_id_str(s->id, sid);
		fprintf(out, "    story %s (%zu article%s): ", sid, n_mem, n_mem == 1 ? "" : "s");
	}
	if (n_mem == 1) {
		fputs("the only article of its story\n", out);
		return ferror(out) ? NS_ERR_IO : NS_OK;
	}
	/* a copy of another member (the earliest indexed such) */
	for (size_t i = 0; i < n_mem; i++) {
		struct ns_story_doc ea = ns_stories_doc(st, docid), eb = ns_stories_doc(st, mem[i]);
		const struct ns_story_doc *a = &ea, *b = &eb;
		struct ns_doc d;
		int bits;
		if (mem[i] == docid)
			continue;
		bits = a->exact == b->exact ? 0 : ns_story_hamming(a->near, b->near);
		if (bits > NS_STORY_NEAR_BITS)
			continue;
		rc = doc_of(idx, mem[i], &d);
		if (rc != NS_OK)
			return rc;
		if (bits == 0)
			fputs("an exact copy of ", out);
		else
			fputs("a near copy of ", out);
		ns_show_field(out, d.id.p, d.id.len);
		if (bits == 0)
			fputs(" (same text, case, spacing and punctuation aside)\n", out);
		else
			fprintf(out, " (text signatures differ in %d of 64 bits; copies differ in at most %d)\n",
				bits, NS_STORY_NEAR_BITS);
		return ferror(out) ? NS_ERR_IO : NS_OK;
	}
	{
		struct tf_table tf = { NULL, 0, 0 };
		struct ns_story_term sk[NS_STORY_SKETCH];
		const char *names[NS_STORY_SKETCH];
		size_t n_sk = 0, n_distinct = 0, shown = 0;
		rc = sketch_of(idx, docid, &tf, sk, names, &n_sk, &n_distinct);
		if (rc == NS_OK) {
			double sim = ns_story_similarity(sk, n_sk, n_distinct, s);
			fprintf(out, "similarity %.2f to the story (a retelling needs %.2f; the story "
				     "now includes this article)\n      shared terms:",
				sim, ns_story_threshold(n_distinct, idx->n_docs));
			for (size_t i = 0; i < n_sk && shown < 10; i++)
				for (int k = 0; k < s->n_terms; k++)
					if (s->term[k] == sk[i].hash) {
						fprintf(out, "%s %s", shown ? "," : "", names[i]);
						shown++;
						break;
					}
			fputs(shown ? "\n" : " none\n", out);
			if (mem[0] == docid)
				fputs("      it is the story's first article in the index\n", out);
		}
		tf_release(&tf);
	}
	if (rc == NS_OK && ferror(out))
		rc = NS_ERR_IO;
	return rc;
}

int ns_storycmd_prefetch(struct ns_index *idx, struct ns_stories *st, uint64_t docid,
			 enum ns_collapse_mode mode, int explain)
{
	uint32_t story = ns_stories_of(st, docid);
	int rc = NS_OK;

	if (story != NS_STORY_NONE)
		(void)ns_stories_get(st, story);
	if (story != NS_STORY_NONE && mode != NS_COLLAPSE_NONE && ns_stories_error(st) == NS_OK) {
		uint64_t *v;
		size_t n;
		rc = ns_collapse_versions(idx, st, mode, docid, &v, &n);
		if (rc == NS_OK)
			free(v);
	}
	if (story != NS_STORY_NONE && explain && rc == NS_OK && ns_stories_error(st) == NS_OK) {
		const uint32_t *mem;
		size_t n;
		rc = ns_stories_members(st, story, &mem, &n);
		for (size_t i = 0; rc == NS_OK && i < n; i++)
			(void)ns_stories_doc(st, mem[i]);
	}
	return rc != NS_OK ? rc : ns_stories_error(st);
}
