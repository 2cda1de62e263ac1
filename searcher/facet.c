/* SPDX-License-Identifier: MIT */
/* facet.c -- matches per source, year or month (facet.h). */
#include "facet.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dayhist.h"
#include "error.h"
#include "fieldterm.h"
#include "format.h"
#include "segreader.h"
#include "termcount.h"

#define UNDATED_KEY UINT64_MAX

/* Distinct values: key -> count and one match that has it. */
struct value {
	uint64_t key;
	uint64_t count;
	uint32_t seg, doc;	/* a match with this value */
	int used;
};

struct table {
	struct value *v;
	size_t n, cap;		/* cap: a power of two */
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static int table_add(struct table *t, uint64_t key, uint64_t count, uint32_t seg, uint32_t doc)
{
	size_t i;

	if ((t->n + 1) * 4 > t->cap * 3) {
		struct table g = { NULL, 0, t->cap ? t->cap * 2 : 64 };
		g.v = calloc(g.cap, sizeof(*g.v));
		if (!g.v)
			return NS_ERR_NOMEM;
		for (size_t k = 0; k < t->cap; k++)
			if (t->v[k].used)
				table_add(&g, t->v[k].key, t->v[k].count, t->v[k].seg, t->v[k].doc);
		free(t->v);
		*t = g;
	}
	for (i = mix(key) & (t->cap - 1); t->v[i].used && t->v[i].key != key;
	     i = (i + 1) & (t->cap - 1))
		;
	if (!t->v[i].used) {
		t->v[i].used = 1;
		t->v[i].key = key;
		t->v[i].seg = seg;
		t->v[i].doc = doc;
		t->n++;
	}
	t->v[i].count += count;
	return NS_OK;
}

int ns_facet_field(const char *s, enum ns_facet_field *f)
{
	if (strcmp(s, "source") == 0)
		*f = NS_FACET_SOURCE;
	else if (strcmp(s, "year") == 0)
		*f = NS_FACET_YEAR;
	else if (strcmp(s, "month") == 0)
		*f = NS_FACET_MONTH;
	else
		return -1;
	return 0;
}

/* ---- years and months: from the doc table ---- */

struct by_date {
	struct ns_index *idx;
	enum ns_facet_field field;
	struct table *t;
	uint64_t total;
	uint64_t undated;	/* of the doc table's */
	struct ns_dayhist days;	/* the doc table's dated matches by day */
};

/* One match of a segment read by the doc table (termcount.h): counted by
 * day, its year or month found once per day (count_dates). */
static int visit_date(void *ctx, int64_t t)
{
	struct by_date *b = ctx;

	b->total++;
	if (t == NS_DATE_NONE) {
		b->undated++;
		return NS_OK;
	}
	return ns_dayhist_add(&b->days, t / 86400 - (t % 86400 < 0), 1);
}

/* The doc table's matches of one month (ns_dayhist_months). */
static int add_month(void *ctx, int64_t month, uint64_t count)
{
	struct by_date *b = ctx;

	return table_add(b->t, b->field == NS_FACET_YEAR ? (uint64_t)(month / 12) : (uint64_t)month,
			 count, 0, 0);
}

/* A year or month term ("\x01yYYYY", "\x01mYYYY-MM") and its matches. */
static int add_date_term(void *ctx, const char *term, size_t len, uint64_t n)
{
	struct by_date *b = ctx;
	uint64_t key = 0;

	for (size_t i = 2; i < len && i < 6; i++)
		key = key * 10 + (uint64_t)(term[i] - '0');
	if (len == 9)
		key = key * 12 + (uint64_t)(term[7] - '0') * 10 + (uint64_t)(term[8] - '0') - 1;
	else if (len != 6)
		return NS_OK;	/* not of fieldterm.h's forms */
	b->total += n;	/* here: the dated matches */
	return n ? table_add(b->t, key, n, 0, 0) : NS_OK;
}

/* Per segment (termcount.h chooses): from the doc table, or from the
 * year or month terms' postings. */
static int count_dates(struct ns_index *idx, struct ns_match *m, enum ns_facet_field field,
		       struct table *t, uint64_t *total)
{
	struct by_date b = { idx, field, t, 0, 0, { 0, NULL, 0 } };
	struct ns_matchset ms = { 0 };	/* ns_matchset_build() fills it */
	const char *prefix = field == NS_FACET_YEAR ? "\x01y" : "\x01m";
	uint64_t by_table;
	int rc = ns_matchset_build(idx, m, &ms);

	if (rc != NS_OK)
		return rc;
	*total = ms.total;
	rc = ns_matchset_plan(idx, &ms, prefix, 2);
	if (rc == NS_OK)
		rc = ns_matchset_table_dates(idx, &ms, visit_date, &b);
	if (rc == NS_OK)
		rc = ns_dayhist_months(&b.days, add_month, &b);
	if (rc == NS_OK && b.undated)
		rc = table_add(t, UNDATED_KEY, b.undated, 0, 0);
	ns_dayhist_release(&b.days);
	by_table = b.total;
	b.total = 0;
	if (rc == NS_OK && by_table < ms.total) {
		rc = ns_termcount(idx, &ms, prefix, 2, prefix, 2, NULL, 0, add_date_term, &b);
		if (rc == NS_OK && ms.total - by_table > b.total)
			rc = table_add(t, UNDATED_KEY, ms.total - by_table - b.total, 0, 0);
	}
	ns_matchset_release(&ms);
	return rc;
}

/* ---- sources: from the source field terms ---- */

/* The matches of the index, segment by segment, in docid order. */
struct matches {
	uint32_t *doc;
	size_t n, cap;
	size_t *seg_end;	/* per segment: end of its matches in doc */
	uint32_t cur_seg;
};

static int visit_collect(void *ctx, uint32_t seg, uint32_t docid)
{
	struct matches *x = ctx;

	while (x->cur_seg < seg)
		x->seg_end[x->cur_seg++] = x->n;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 1024;
		uint32_t *d = realloc(x->doc, cap * sizeof(*d));
		if (!d)
			return NS_ERR_NOMEM;
		x->doc = d;
		x->cap = cap;
	}
	x->doc[x->n++] = docid;
	return NS_OK;
}

/* One segment's source words: acc[i] sums a hash of (word, position) over
 * the source words of match doc[i]. */
struct src_walk {
	struct ns_segr *seg;
	const uint32_t *doc;
	size_t n;
	uint64_t *acc;
};

static int walk_source_term(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct src_walk *w = ctx;
	struct ns_post p;
	uint64_t h;
	size_t i = 0;
	int rc;

	if (len < 2 || term[0] != NS_FT_MARK || term[1] != NS_FT_SOURCE)
		return NS_DONE;	/* past the source terms */
	h = ns_fmt_id_hash(term + 2, len - 2);
	rc = ns_post_open(&p, w->seg, ti);
	if (rc != NS_OK)
		return rc;
	rc = ns_post_advance(&p, w->doc[0]);
	while (rc == NS_OK && p.docid != NS_POST_END && i < w->n) {
		if (w->doc[i] < p.docid) {
			/* the next match at or after the posting */
			size_t lo = i + 1, hi = w->n;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (w->doc[mid] < p.docid)
					lo = mid + 1;
				else
					hi = mid;
			}
			i = lo;
			continue;
		}
		if (w->doc[i] == p.docid) {
			const uint32_t *pos;
			uint32_t n_pos;
			rc = ns_post_positions(&p, &pos, &n_pos);
			for (uint32_t k = 0; rc == NS_OK && k < n_pos; k++)
				w->acc[i] += mix(h + (uint64_t)(pos[k] + 1) * 0x9e3779b97f4a7c15ull);
			if (++i == w->n)
				break;
		}
		if (rc == NS_OK)
			rc = ns_post_advance(&p, w->doc[i]);
	}
	ns_post_release(&p);
	return rc == NS_DONE ? NS_OK : rc;
}

static int count_sources(struct ns_index *idx, struct ns_match *m, struct table *t,
			 uint64_t *total)
{
	struct matches x;
	uint64_t *acc = NULL;
	int rc;

	memset(&x, 0, sizeof(x));
	x.seg_end = calloc((size_t)idx->m.n_segs + 1, sizeof(*x.seg_end));
	if (!x.seg_end)
		return NS_ERR_NOMEM;
	rc = ns_match_visit(m, visit_collect, &x, total);
	while (x.cur_seg < idx->m.n_segs)
		x.seg_end[x.cur_seg++] = x.n;
	if (rc == NS_OK && x.n) {
		acc = malloc(x.n * sizeof(*acc));
		if (!acc)
			rc = NS_ERR_NOMEM;
	}
	for (uint32_t s = 0, start = 0; rc == NS_OK && s < idx->m.n_segs; s++) {
		struct src_walk w = { idx->segs[s], x.doc + start, x.seg_end[s] - start, acc + start };
		const char from[2] = { NS_FT_MARK, NS_FT_SOURCE };
		if (w.n == 0)
			continue;
		memset(w.acc, 0, w.n * sizeof(*w.acc));
		rc = ns_segr_scan(idx->segs[s], from, 2, walk_source_term, &w);
		if (rc == NS_DONE)
			rc = NS_OK;
		/* runs of one value (an archive of one source) go in at once */
		for (size_t i = 0, j; rc == NS_OK && i < w.n; i = j) {
			for (j = i + 1; j < w.n && w.acc[j] == w.acc[i]; j++)
				;
			rc = table_add(t, w.acc[i], j - i, s, w.doc[i]);
		}
		start = (uint32_t)x.seg_end[s];
	}
	free(acc);
	free(x.doc);
	free(x.seg_end);
	return rc;
}

/* ---- rows ---- */

static int cmp_row(const void *a, const void *b)
{
	const struct ns_facet_row *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

static char *value_name(struct ns_index *idx, enum ns_facet_field field, const struct value *v)
{
	char buf[32];
	struct ns_doc d;

	if (field == NS_FACET_SOURCE) {
		char *s;
		if (v->key == 0)
			return strdup("(none)");
		if (ns_segr_doc(idx->segs[v->seg], v->doc, &d) != NS_OK)
			return NULL;
		s = malloc(d.source.len + 1);
		if (s) {
			memcpy(s, d.source.p, d.source.len);
			s[d.source.len] = 0;
			for (char *p = s; *p; p++)
				if (*p == '\t' || *p == '\n' || *p == '\r')
					*p = ' ';	/* one TSV field */
		}
		return s;
	}
	if (v->key == UNDATED_KEY)
		return strdup("undated");
	if (field == NS_FACET_YEAR)
		snprintf(buf, sizeof(buf), "%04d", (int)v->key);
	else
		snprintf(buf, sizeof(buf), "%04d-%02d", (int)(v->key / 12), (int)(v->key % 12) + 1);
	return strdup(buf);
}

int ns_facet_count(struct ns_index *idx, struct ns_match *m, enum ns_facet_field field,
		   struct ns_facet *f)
{
	struct table t = { NULL, 0, 0 };
	int rc;

	memset(f, 0, sizeof(*f));
	if (field == NS_FACET_SOURCE) {
		rc = count_sources(idx, m, &t, &f->total);
	} else {
		rc = count_dates(idx, m, field, &t, &f->total);
	}
	if (rc == NS_OK && t.n) {
		f->row = calloc(t.n, sizeof(*f->row));
		if (!f->row)
			rc = NS_ERR_NOMEM;
	}
	for (size_t i = 0; rc == NS_OK && i < t.cap; i++) {
		if (!t.v[i].used)
			continue;
		f->row[f->n].value = value_name(idx, field, &t.v[i]);
		if (!f->row[f->n].value) {
			rc = NS_ERR_NOMEM;
			break;
		}
		f->row[f->n++].count = t.v[i].count;
	}
	free(t.v);
	if (rc != NS_OK) {
		ns_facet_release(f);
		return rc;
	}
	if (f->n > 1)
		qsort(f->row, f->n, sizeof(*f->row), cmp_row);
	return NS_OK;
}

void ns_facet_release(struct ns_facet *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->row[i].value);
	free(f->row);
	memset(f, 0, sizeof(*f));
}

/* Columns a UTF-8 string takes (one per code point). */
static int columns(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((uint8_t)*s & 0xc0) != 0x80;
	return n;
}

int ns_facet_print(FILE *out, const struct ns_facet *f, size_t max_rows, int tty)
{
	size_t n = f->n < max_rows ? f->n : max_rows;
	int w = 0, cw = 1;

	for (size_t i = 0; tty && i < n; i++)
		if (columns(f->row[i].value) > w)
			w = columns(f->row[i].value);
	for (uint64_t v = n ? f->row[0].count : 0; v >= 10; v /= 10)
		cw++;
	for (size_t i = 0; i < n; i++) {
		if (tty)
			fprintf(out, "%s%*s  %*llu\n", f->row[i].value,
				w - columns(f->row[i].value), "", cw,
				(unsigned long long)f->row[i].count);
		else
			fprintf(out, "%s\t%llu\n", f->row[i].value,
				(unsigned long long)f->row[i].count);
	}
	return ferror(out) ? NS_ERR_IO : NS_OK;
}

int ns_facet_run(struct ns_index *idx, struct ns_match *m, const char *field, size_t max_rows,
		 FILE *out, int tty, uint64_t *n_matches, char *msg, size_t msglen)
{
	enum ns_facet_field fld;
	struct ns_facet f;
	int rc;

	*n_matches = 0;
	if (ns_facet_field(field, &fld) != 0) {
		ns_msgf(msg, msglen, "--facet: '%s' is not source, year or month", field);
		return NS_ERR_USAGE;
	}
	rc = ns_facet_count(idx, m, fld, &f);
	if (rc != NS_OK)
		return rc;
	*n_matches = f.total;
	rc = ns_facet_print(out, &f, max_rows, tty);
	ns_facet_release(&f);
	return rc;
}
