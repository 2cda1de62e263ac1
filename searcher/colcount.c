/* SPDX-License-Identifier: MIT */
/* colcount.c -- matches counted by day or source from the columns
 * (colcount.h).
 *
 * The match walk hands out runs of docids (match.h); each run is cut at
 * the column's chunk bounds and every piece read in a loop over plain
 * arrays: a chunk's CRC is checked once per query (segcols.h), and so is
 * the story map's (stories.h), never once per match.
 */
#include "colcount.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "mix64.h"
#include "storytab.h"
#include "tokenize.h"

/* What counting by days and by sources share: the chunk of the column the
 * walk is in (matches come in docid order, so most fall in the chunk of
 * the match before), and with a story map, the shared stories of a run of
 * matches (read in one loop, for every kind of count; stories.h) and a
 * word per shared story (storytab.h). */
#define STORY_RUN 256		/* matches whose stories are read at once */
#define SPARE 16		/* table words past the shared stories
				 * (note_story_days()) */

struct col_walk {
	struct ns_index *idx;
	enum ns_segr_col col;
	uint32_t seg;		/* segment of the chunk, UINT32_MAX: none yet */
	uint32_t first, n;	/* its documents first..first+n-1 */
	const uint8_t *e;	/* their entries */
	struct ns_stories *st;	/* NULL: articles are counted */
	struct ns_stories_share run;
	struct ns_storytab tab;	/* with st */
	uint32_t story[STORY_RUN];	/* stories of the run of matches */
};

static int walk_init(struct col_walk *w, struct ns_index *idx, enum ns_segr_col col,
		     struct ns_stories *st)
{
	memset(w, 0, sizeof(*w));
	w->idx = idx;
	w->col = col;
	w->seg = UINT32_MAX;
	w->st = st;
	/* a word per shared story, and the SPARE ones of note_story_days() */
	return st ? ns_storytab_init(&w->tab, ns_stories_n_shared(st) + SPARE) : NS_OK;
}

/* The error of the walk, or of the story map's lookups. */
static int walk_end(struct col_walk *w, int rc)
{
	if (rc == NS_OK && w->st)
		rc = ns_stories_error(w->st);
	if (w->st)
		ns_storytab_release(&w->tab);
	return rc;
}

/* w->story[0..n) = the stories of d[0..n) (of segment seg, n <= STORY_RUN)
 * as shared story numbers (stories.h): NS_STORY_NONE for a match that is
 * a story of its own (its story has one live article, or the map does not
 * place it), counted with no lookup. */
static void read_stories(struct col_walk *w, uint32_t seg, const uint32_t *d, size_t n)
{
	ns_stories_shared_of_docs(w->st, &w->run, w->idx->base[seg], d, n, w->story);
}

/* Sets the walk on the chunk holding d[i] (of segment seg) and *end to
 * the end of the docids d[i..n) it holds: d[i..*end) are then read at
 * w->e + NS_FMT_COL_ENTRY_LEN * (d[j] - w->first). */
static int col_span(struct col_walk *w, uint32_t seg, const uint32_t *d, size_t i, size_t n,
		    size_t *end)
{
	uint32_t lim;

	if (seg != w->seg || d[i] - w->first >= w->n) {
		uint32_t c = d[i] / NS_FMT_COL_CHUNK;
		int rc = ns_segr_col_chunk(w->idx->segs[seg], w->col, c, &w->e, &w->n);
		if (rc != NS_OK)
			return rc;
		w->seg = seg;
		w->first = c * NS_FMT_COL_CHUNK;
	}
	lim = w->first + w->n;
	if (d[n - 1] < lim) {	/* the whole run: the common case */
		*end = n;
		return NS_OK;
	}
	while (i < n && d[i] < lim)
		i++;
	*end = i;
	return NS_OK;
}

static inline uint32_t col_value(const struct col_walk *w, uint32_t docid)
{
	return ns_get_u32(w->e + NS_FMT_COL_ENTRY_LEN * (size_t)(docid - w->first));
}

/* ---- days ---- */

/* Per shared story, the earliest day of its matches, ordered as unsigned:
 * a match's key is its day with the sign bit flipped, or UNDATED without
 * a date (after every day: days lie far from INT32_MAX); the story's word
 * is 0 until a match, then 1 + the smallest key. */
#define UNDATED (UINT32_MAX - 1)

struct day_walk {
	struct col_walk w;	/* tab: the earliest day as above */
	struct ns_colcount_days *out;
};

/* Days v[0..n) counted, the window of the histogram in locals (a store
 * through its counters could otherwise be one to its fields). */
static int add_days(struct ns_colcount_days *o, const uint32_t *v, size_t n)
{
	struct ns_dayhist *h = &o->d;
	uint64_t *c = h->c, undated = 0;
	int64_t base = h->base;
	uint64_t len = h->n;
	int rc = NS_OK;

	o->total += n;
	for (size_t i = 0; i < n; i++) {
		uint64_t at = (uint64_t)((int64_t)(int32_t)v[i] - base);
		if (at < len) {
			c[at]++;
		} else if (v[i] == NS_FMT_DAY_NONE) {
			undated++;
		} else {
			rc = ns_dayhist_grow_add(h, (int32_t)v[i], 1);
			if (rc != NS_OK)
				break;
			c = h->c;
			base = h->base;
			len = h->n;
		}
	}
	o->undated += undated;
	return rc;
}

/* Articles: the day of each of d[i..end) counted, as add_days() counts
 * (read from the column in the loop: no copy of the days, the walk's
 * inner loop for every article timeline). */
static int count_days(struct day_walk *dw, const uint32_t *d, size_t i, size_t end)
{
	struct ns_colcount_days *o = dw->out;
	struct ns_dayhist *h = &o->d;
	uint64_t *c = h->c, undated = 0;
	int64_t base = h->base;
	uint64_t n = h->n;
	int rc = NS_OK;

	o->total += end - i;
	for (; i < end; i++) {
		uint32_t v = col_value(&dw->w, d[i]);
		uint64_t at = (uint64_t)((int64_t)(int32_t)v - base);
		if (at < n) {
			c[at]++;
		} else if (v == NS_FMT_DAY_NONE) {
			undated++;
		} else {
			rc = ns_dayhist_grow_add(h, (int32_t)v, 1);
			if (rc != NS_OK)
				break;
			c = h->c;
			base = h->base;
			n = h->n;
		}
	}
	o->undated += undated;
	return rc;
}

/* Stories: the earliest day of each story of d[0..n) (their stories in
 * w->story), in the table's words as above (a word - 1 of UINT32_MAX, not
 * met, is above every key, so min(word - 1, key) + 1 needs no test).  Whether a match is a story of its own is a branch
 * no predictor learns (most are, at random), so there is none: such a
 * match notes its day in one of the SPARE words past the shared stories
 * (never counted; one in turn, so no store waits on the one before) and
 * in own[], counted as articles are afterwards. */
static int note_story_days(struct day_walk *dw, const uint32_t *d, size_t n)
{
	struct col_walk *w = &dw->w;
	uint32_t *first = w->tab.w, spare = w->tab.n - SPARE, own[STORY_RUN];
	size_t n_own = 0;

	for (size_t k = 0; k < n; k++) {
		uint32_t v = col_value(w, d[k]), s = w->story[k];
		uint32_t key = v == NS_FMT_DAY_NONE ? UNDATED : v ^ 0x80000000u;
		uint32_t at = s == NS_STORY_NONE ? spare + (uint32_t)(k % SPARE) : s;
		uint32_t old = first[at] - 1;
		key -= key > UNDATED;	/* day INT32_MAX, no real date: counted
					 * undated, not lost */
		own[n_own] = v;
		n_own += s == NS_STORY_NONE;
		first[at] = (key < old ? key : old) + 1;
	}
	return add_days(dw->out, own, n_own);
}

/* Stories: each story met counted once, on its earliest day (the window
 * in locals, as in add_days()). */
static int count_story_days(struct day_walk *dw)
{
	struct ns_colcount_days *o = dw->out;
	struct ns_dayhist *h = &o->d;
	const struct ns_storytab *t = &dw->w.tab;
	uint64_t *c = h->c, undated = 0, met = 0;
	int64_t base = h->base;
	uint64_t n = h->n;
	int rc = NS_OK;

	for (uint32_t s = 0; s + SPARE < t->n && rc == NS_OK; s++) {
		uint32_t key = t->w[s] - 1;
		int32_t day = (int32_t)(key ^ 0x80000000u);
		uint64_t at = (uint64_t)((int64_t)day - base);
		if (!t->w[s])
			continue;
		met++;
		if (key == UNDATED) {
			undated++;
		} else if (at < n) {
			c[at]++;
		} else {
			rc = ns_dayhist_grow_add(h, day, 1);
			if (rc != NS_OK)
				break;
			c = h->c;
			base = h->base;
			n = h->n;
		}
	}
	o->total += met;
	o->undated += undated;
	return rc;
}

static int visit_days(void *ctx, uint32_t seg, const uint32_t *d, size_t n)
{
	struct day_walk *dw = ctx;
	size_t end;
	int rc;

	for (size_t i = 0; i < n; i = end) {
		rc = col_span(&dw->w, seg, d, i, n, &end);
		if (rc != NS_OK)
			return rc;
		if (!dw->w.st) {
			rc = count_days(dw, d, i, end);
		} else {
			for (size_t j = i, e; j < end && rc == NS_OK; j = e) {
				e = end - j > STORY_RUN ? j + STORY_RUN : end;
				read_stories(&dw->w, seg, d + j, e - j);
				rc = note_story_days(dw, d + j, e - j);
			}
		}
		if (rc != NS_OK)
			return rc;
	}
	return NS_OK;
}

int ns_colcount_days(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		     struct ns_colcount_days *out)
{
	struct day_walk dw;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&dw, 0, sizeof(dw));
	dw.out = out;
	rc = walk_init(&dw.w, idx, NS_COL_DAY, st);
	if (rc == NS_OK)
		rc = ns_match_visit(m, visit_days, &dw, &out->matches);
	if (rc == NS_OK && st)
		rc = ns_stories_error(st);
	if (rc == NS_OK && st)
		rc = count_story_days(&dw);
	rc = walk_end(&dw.w, rc);
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
	struct col_walk w;	/* tab: 1 + the row of the story's first
				 * match */
	struct values v;
	struct pairs pairs;	/* the other (story, row) pairs met */
	/* the segment being walked: per source number, 1 + its value's row
	 * (0 until met) and, without stories, its count */
	uint32_t seg;
	uint32_t n_src;
	uint32_t *row_of;
	uint64_t *count;
};

/* Adds the segment's counts to their values and forgets the segment. */
static int flush_segment(struct src_walk *sw)
{
	int rc = NS_OK;

	for (uint32_t i = 0; sw->count && i < sw->n_src; i++) {
		struct ns_str name;
		size_t at;
		if (!sw->count[i])
			continue;
		rc = ns_segr_source(sw->w.idx->segs[sw->seg], i, &name);
		if (rc == NS_OK)
			rc = value_of(&sw->v, source_key(&name), &name, &at);
		if (rc != NS_OK)
			break;
		sw->v.row[at].count += sw->count[i];
	}
	free(sw->row_of);
	free(sw->count);
	sw->row_of = NULL;
	sw->count = NULL;
	sw->n_src = 0;
	return rc;
}

static int enter_segment(struct src_walk *sw, uint32_t seg)
{
	int rc = flush_segment(sw);

	if (rc == NS_OK)
		rc = ns_segr_n_sources(sw->w.idx->segs[seg], &sw->n_src);
	if (rc != NS_OK)
		return rc;
	sw->seg = seg;
	if (sw->w.st)
		sw->row_of = calloc((size_t)sw->n_src + 1, sizeof(*sw->row_of));
	else
		sw->count = calloc((size_t)sw->n_src + 1, sizeof(*sw->count));
	return sw->row_of || sw->count ? NS_OK : NS_ERR_NOMEM;
}

/* Articles: each of d[i..end) counted under its source number. */
static int count_sources(struct src_walk *sw, const uint32_t *d, size_t i, size_t end)
{
	uint64_t *count = sw->count;
	uint32_t n_src = sw->n_src;

	for (; i < end; i++) {
		uint32_t v = col_value(&sw->w, d[i]);
		if (v >= n_src)
			return NS_CORRUPT();
		count[v]++;
	}
	return NS_OK;
}

/* Stories: each (story, source value) pair of d[0..n) (their stories in
 * w->story) counted once.  A story of its own counts at once, with no
 * branch on being one (most matches are, at random); the others are
 * gathered and looked up in the table and the pairs after. */
static int count_story_sources(struct src_walk *sw, uint32_t seg, const uint32_t *d, size_t n)
{
	struct col_walk *w = &sw->w;
	uint32_t *first = w->tab.w, row[STORY_RUN], sel[STORY_RUN];
	size_t n_sel = 0;
	int rc;

	for (size_t k = 0; k < n; k++) {
		uint32_t v = col_value(w, d[k]), own = w->story[k] == NS_STORY_NONE;
		size_t at;
		if (v >= sw->n_src)
			return NS_CORRUPT();
		if (!sw->row_of[v]) {
			struct ns_str name;
			rc = ns_segr_source(w->idx->segs[seg], v, &name);
			if (rc == NS_OK)
				rc = value_of(&sw->v, source_key(&name), &name, &at);
			if (rc != NS_OK)
				return rc;
			sw->row_of[v] = (uint32_t)at + 1;
		}
		row[k] = sw->row_of[v] - 1;
		sw->v.row[row[k]].count += own;
		sel[n_sel] = (uint32_t)k;
		n_sel += !own;
	}
	for (size_t m = 0; m < n_sel; m++) {
		uint32_t k = sel[m], s = w->story[k], at = row[k];
		if (!first[s]) {
			/* most stories have one source among their matches:
			 * the first needs no set */
			ns_storytab_first(&w->tab, s, at + 1);
			rc = 1;
		} else {
			rc = first[s] == at + 1 ? 0 : pair_add(&sw->pairs, s, at);
		}
		if (rc < 0)
			return rc;
		sw->v.row[at].count += (uint64_t)rc;
	}
	return NS_OK;
}

static int visit_sources(void *ctx, uint32_t seg, const uint32_t *d, size_t n)
{
	struct src_walk *sw = ctx;
	size_t end;
	int rc;

	if (seg != sw->seg && (rc = enter_segment(sw, seg)) != NS_OK)
		return rc;
	for (size_t i = 0; i < n; i = end) {
		rc = col_span(&sw->w, seg, d, i, n, &end);
		if (rc != NS_OK)
			return rc;
		if (!sw->w.st) {
			rc = count_sources(sw, d, i, end);
		} else {
			for (size_t j = i, e; j < end && rc == NS_OK; j = e) {
				e = end - j > STORY_RUN ? j + STORY_RUN : end;
				read_stories(&sw->w, seg, d + j, e - j);
				rc = count_story_sources(sw, seg, d + j, e - j);
			}
		}
		if (rc != NS_OK)
			return rc;
	}
	return NS_OK;
}

int ns_colcount_sources(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
			struct ns_colcount_source **rows, size_t *n_rows, uint64_t *matches)
{
	struct src_walk sw;
	int rc, frc;

	*rows = NULL;
	*n_rows = 0;
	memset(&sw, 0, sizeof(sw));
	sw.seg = UINT32_MAX;
	rc = walk_init(&sw.w, idx, NS_COL_SOURCE, st);
	if (rc == NS_OK)
		rc = ns_match_visit(m, visit_sources, &sw, matches);
	frc = flush_segment(&sw);
	rc = walk_end(&sw.w, rc != NS_OK ? rc : frc);
	free(sw.pairs.k);
	free(sw.v.slot);
	if (rc != NS_OK) {
		free(sw.v.row);
		return rc;
	}
	*rows = sw.v.row;
	*n_rows = sw.v.n;
	return NS_OK;
}

/* ---- stories ---- */

/* Counting stories needs a bit per story, no word: a storytab
 * (storytab.h) would map 4 bytes per story for nothing. */
struct story_walk {
	struct col_walk w;	/* its stories only: no column is read */
	uint64_t *seen;		/* a bit per shared story met */
	size_t spare;		/* the word of seen past them */
	uint64_t n;		/* stories met, and matches no story holds */
};

static int visit_stories(void *ctx, uint32_t seg, const uint32_t *d, size_t n)
{
	struct story_walk *sw = ctx;
	uint64_t *seen = sw->seen, met = 0;

	for (size_t j = 0, e; j < n; j = e) {
		e = n - j > STORY_RUN ? j + STORY_RUN : n;
		read_stories(&sw->w, seg, d + j, e - j);
		/* no branch on the story: a story of its own (NS_STORY_NONE)
		 * is counted every time, its bit kept in a spare word */
		for (size_t k = 0; k < e - j; k++) {
			uint32_t s = sw->w.story[k], own = s == NS_STORY_NONE;
			uint64_t at = own ? sw->spare : s / 64, bit = 1ull << (s % 64);
			met += own | !(seen[at] & bit);
			seen[at] |= bit;
		}
	}
	sw->n += met;
	return NS_OK;
}

int ns_colcount_stories(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
			uint64_t *stories, uint64_t *matches)
{
	struct story_walk sw;
	int rc;

	*stories = 0;
	memset(&sw, 0, sizeof(sw));
	sw.w.idx = idx;
	sw.w.st = st;
	sw.spare = (size_t)ns_stories_n_shared(st) / 64 + 1;
	sw.seen = calloc(sw.spare + 1, sizeof(*sw.seen));
	if (!sw.seen)
		return NS_ERR_NOMEM;
	rc = ns_match_visit(m, visit_stories, &sw, matches);
	if (rc == NS_OK)
		rc = ns_stories_error(st);
	free(sw.seen);
	if (rc == NS_OK)
		*stories = sw.n;
	return rc;
}
