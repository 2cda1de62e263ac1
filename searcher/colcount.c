/* SPDX-License-Identifier: MIT */
/* colcount.c -- matches counted by day or source from the columns
 * (colcount.h).
 */
#include "colcount.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "mix64.h"
#include "tokenize.h"

/* The chunk of one column that the walk is in: matches come in docid
 * order, so most fall in the chunk of the match before. */
struct col_cursor {
	struct ns_index *idx;
	enum ns_segr_col col;
	uint32_t seg;		/* segment of the chunk, UINT32_MAX: none yet */
	uint32_t first, n;	/* its documents first..first+n-1 */
	const uint8_t *e;	/* their entries */
};

static int col_load(struct col_cursor *c, uint32_t seg, uint32_t docid)
{
	int rc = ns_segr_col_chunk(c->idx->segs[seg], c->col, docid / NS_FMT_COL_CHUNK, &c->e,
				   &c->n);

	if (rc != NS_OK)
		return rc;
	c->seg = seg;
	c->first = docid / NS_FMT_COL_CHUNK * NS_FMT_COL_CHUNK;
	return NS_OK;
}

/* The u32 entry of docid, into *v.  Inline: once per match. */
static inline int col_get(struct col_cursor *c, uint32_t seg, uint32_t docid, uint32_t *v)
{
	if (seg != c->seg || docid - c->first >= c->n) {
		int rc = col_load(c, seg, docid);
		if (rc != NS_OK)
			return rc;
	}
	*v = ns_get_u32(c->e + NS_FMT_COL_ENTRY_LEN * (size_t)(docid - c->first));
	return NS_OK;
}

/* ---- days ---- */

/* Per story, the earliest day of its matches, ordered as unsigned: 0
 * until a match, then the day with its sign bit flipped (never 0: that is
 * NS_FMT_DAY_NONE), or UNDATED (after every day) while none had a date. */
#define UNDATED UINT32_MAX

struct day_walk {
	struct col_cursor cur;
	struct ns_colcount_days *out;
	struct ns_stories *st;
	struct ns_stories_run run;
	uint32_t *first;	/* per story (with st), calloc'd: pages never
				 * touched cost nothing */
	uint32_t *met;		/* the stories met, n_met of them */
	size_t n_met, cap_met;
};

static int add_day(struct ns_colcount_days *o, uint32_t v)
{
	int64_t day = (int32_t)v;

	o->total++;
	if (v == NS_FMT_DAY_NONE) {
		o->undated++;
		return NS_OK;
	}
	return ns_dayhist_add(&o->d, day, 1);
}

static int visit_day(void *ctx, uint32_t seg, uint32_t docid)
{
	struct day_walk *w = ctx;
	uint32_t v, s, key;
	int rc = col_get(&w->cur, seg, docid, &v);

	if (rc != NS_OK)
		return rc;
	if (!w->st)
		return add_day(w->out, v);
	s = ns_stories_of_run(w->st, &w->run, w->cur.idx->base[seg] + docid);
	if (s == NS_STORY_NONE)
		return add_day(w->out, v);	/* a story of its own */
	key = v == NS_FMT_DAY_NONE ? UNDATED : v ^ 0x80000000u;
	if (!w->first[s]) {
		if (w->n_met == w->cap_met) {
			size_t cap = w->cap_met ? w->cap_met * 2 : 1024;
			uint32_t *m = realloc(w->met, cap * sizeof(*m));
			if (!m)
				return NS_ERR_NOMEM;
			w->met = m;
			w->cap_met = cap;
		}
		w->met[w->n_met++] = s;
		w->first[s] = key;
	} else if (key < w->first[s]) {
		w->first[s] = key;
	}
	return NS_OK;
}

int ns_colcount_days(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		     struct ns_colcount_days *out)
{
	struct day_walk w;
	int rc = NS_OK;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.cur.idx = idx;
	w.cur.col = NS_COL_DAY;
	w.cur.seg = UINT32_MAX;
	w.out = out;
	w.st = st;
	if (st) {
		w.first = calloc((size_t)ns_stories_count(st) + 1, sizeof(*w.first));
		if (!w.first)
			return NS_ERR_NOMEM;
	}
	rc = ns_match_visit(m, visit_day, &w, &out->matches);
	if (rc == NS_OK && st)
		rc = ns_stories_error(st);
	for (size_t i = 0; rc == NS_OK && i < w.n_met; i++) {
		uint32_t key = w.first[w.met[i]];
		rc = add_day(out, key == UNDATED ? NS_FMT_DAY_NONE : key ^ 0x80000000u);
	}
	free(w.first);
	free(w.met);
	if (rc != NS_OK)
		ns_colcount_days_release(out);
	return rc;
}

void ns_colcount_days_release(struct ns_colcount_days *c)
{
	ns_dayhist_release(&c->d);
	memset(c, 0, sizeof(*c));
}

/* ---- sources ---- */

/* The value of a source: a hash of its folded words, 0 without words. */
static uint64_t source_key(const struct ns_str *name)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	uint64_t h = 1469598103934665603ull;
	int words = 0;

	ns_tok_init(&t, name->p, name->len, 0);
	while (ns_tok_next(&t, &tok)) {
		for (size_t i = 0; i <= tok.term_len; i++)	/* its NUL too */
			h = (h ^ (uint8_t)tok.term[i]) * 1099511628211ull;
		words = 1;
	}
	return !words ? 0 : h ? h : 1;
}

/* key -> row index, open addressing on 1 + index. */
struct values {
	struct ns_colcount_source *row;
	size_t n, cap;
	uint32_t *slot;
	size_t mask;
};

static int value_of(struct values *v, uint64_t key, const struct ns_str *name, size_t *at)
{
	size_t i;

	if ((v->n + 1) * 2 > v->mask + 1) {
		size_t cap = v->mask ? (v->mask + 1) * 2 : 64;
		uint32_t *slot = calloc(cap, sizeof(*slot));
		if (!slot)
			return NS_ERR_NOMEM;
		for (size_t k = 0; k < v->n; k++) {
			for (i = ns_mix64(v->row[k].key) & (cap - 1); slot[i]; i = (i + 1) & (cap - 1))
				;
			slot[i] = (uint32_t)k + 1;
		}
		free(v->slot);
		v->slot = slot;
		v->mask = cap - 1;
	}
	for (i = ns_mix64(key) & v->mask; v->slot[i]; i = (i + 1) & v->mask)
		if (v->row[v->slot[i] - 1].key == key) {
			*at = v->slot[i] - 1;
			return NS_OK;
		}
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		struct ns_colcount_source *r = realloc(v->row, cap * sizeof(*r));
		if (!r)
			return NS_ERR_NOMEM;
		v->row = r;
		v->cap = cap;
	}
	if (v->n >= UINT32_MAX - 1)
		return NS_ERR_LIMIT;
	v->row[v->n].key = key;
	v->row[v->n].count = 0;
	v->row[v->n].name = *name;
	v->slot[i] = (uint32_t)v->n + 1;
	*at = v->n++;
	return NS_OK;
}

/* Pairs (story, value) already counted (stories only). */
struct pairs {
	uint64_t *k;		/* (story + 1) << 32 | value + 1; 0 = empty */
	size_t n, mask;
};

/* 1 when the pair is new (and now in), 0 when it was in, <0 an error. */
static int pair_add(struct pairs *p, uint32_t story, uint32_t value)
{
	uint64_t k = ((uint64_t)story + 1) << 32 | ((uint64_t)value + 1);
	size_t i;

	if ((p->n + 1) * 2 > p->mask + 1) {
		size_t cap = p->mask ? (p->mask + 1) * 2 : 1024;
		uint64_t *t = calloc(cap, sizeof(*t));
		if (!t)
			return NS_ERR_NOMEM;
		for (size_t j = 0; p->mask && j <= p->mask; j++) {
			if (!p->k[j])
				continue;
			for (i = ns_mix64(p->k[j]) & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = p->k[j];
		}
		free(p->k);
		p->k = t;
		p->mask = cap - 1;
	}
	for (i = ns_mix64(k) & p->mask; p->k[i]; i = (i + 1) & p->mask)
		if (p->k[i] == k)
			return 0;
	p->k[i] = k;
	p->n++;
	return 1;
}

struct src_walk {
	struct col_cursor cur;
	struct ns_stories *st;
	struct ns_stories_run run;
	struct values v;
	uint32_t *first_value;	/* per story: 1 + the row of its first match
				 * (calloc'd: untouched pages cost nothing) */
	struct pairs pairs;	/* the other (story, row) pairs met */
	/* the segment being walked: per source number, 1 + its value's row
	 * (0 until met) and, without stories, its count */
	uint32_t seg;
	uint32_t n_src;
	uint32_t *row_of;
	uint64_t *count;
};

/* Adds the segment's counts to their values and forgets the segment. */
static int flush_segment(struct src_walk *w)
{
	int rc = NS_OK;

	for (uint32_t i = 0; w->count && i < w->n_src; i++) {
		struct ns_str name;
		size_t at;
		if (!w->count[i])
			continue;
		rc = ns_segr_source(w->cur.idx->segs[w->seg], i, &name);
		if (rc == NS_OK)
			rc = value_of(&w->v, source_key(&name), &name, &at);
		if (rc != NS_OK)
			break;
		w->v.row[at].count += w->count[i];
	}
	free(w->row_of);
	free(w->count);
	w->row_of = NULL;
	w->count = NULL;
	w->n_src = 0;
	return rc;
}

static int enter_segment(struct src_walk *w, uint32_t seg)
{
	int rc = flush_segment(w);

	if (rc == NS_OK)
		rc = ns_segr_n_sources(w->cur.idx->segs[seg], &w->n_src);
	if (rc != NS_OK)
		return rc;
	w->seg = seg;
	if (w->st)
		w->row_of = calloc((size_t)w->n_src + 1, sizeof(*w->row_of));
	else
		w->count = calloc((size_t)w->n_src + 1, sizeof(*w->count));
	return w->row_of || w->count ? NS_OK : NS_ERR_NOMEM;
}

static int visit_source(void *ctx, uint32_t seg, uint32_t docid)
{
	struct src_walk *w = ctx;
	uint32_t v, s;
	size_t at;
	int rc;

	if (seg != w->seg && (rc = enter_segment(w, seg)) != NS_OK)
		return rc;
	rc = col_get(&w->cur, seg, docid, &v);
	if (rc != NS_OK)
		return rc;
	if (v >= w->n_src)
		return NS_CORRUPT();
	if (!w->st) {
		w->count[v]++;
		return NS_OK;
	}
	if (!w->row_of[v]) {
		struct ns_str name;
		rc = ns_segr_source(w->cur.idx->segs[seg], v, &name);
		if (rc == NS_OK)
			rc = value_of(&w->v, source_key(&name), &name, &at);
		if (rc != NS_OK)
			return rc;
		w->row_of[v] = (uint32_t)at + 1;
	}
	at = w->row_of[v] - 1;
	s = ns_stories_of_run(w->st, &w->run, w->cur.idx->base[seg] + docid);
	if (s == NS_STORY_NONE) {
		rc = 1;
	} else if (!w->first_value[s]) {
		/* most stories have one source among their matches: the
		 * first needs no set */
		w->first_value[s] = (uint32_t)at + 1;
		rc = 1;
	} else {
		rc = w->first_value[s] == at + 1 ? 0 : pair_add(&w->pairs, s, (uint32_t)at);
	}
	if (rc < 0)
		return rc;
	w->v.row[at].count += (uint64_t)rc;
	return NS_OK;
}

int ns_colcount_sources(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
			struct ns_colcount_source **rows, size_t *n_rows, uint64_t *matches)
{
	struct src_walk w;
	int rc;

	*rows = NULL;
	*n_rows = 0;
	memset(&w, 0, sizeof(w));
	w.cur.idx = idx;
	w.cur.col = NS_COL_SOURCE;
	w.cur.seg = UINT32_MAX;
	w.seg = UINT32_MAX;
	w.st = st;
	if (st) {
		w.first_value = calloc((size_t)ns_stories_count(st) + 1, sizeof(*w.first_value));
		if (!w.first_value)
			return NS_ERR_NOMEM;
	}
	rc = ns_match_visit(m, visit_source, &w, matches);
	if (rc == NS_OK)
		rc = flush_segment(&w);
	else
		flush_segment(&w);
	if (rc == NS_OK && st)
		rc = ns_stories_error(st);
	free(w.pairs.k);
	free(w.first_value);
	free(w.v.slot);
	if (rc != NS_OK) {
		free(w.v.row);
		return rc;
	}
	*rows = w.v.row;
	*n_rows = w.v.n;
	return NS_OK;
}
