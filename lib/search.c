/* SPDX-License-Identifier: MIT */
/* search.c -- the search side of nsearch.h over searcher/: open, options,
 * search, hits, explanations, statistics, stored articles.
 *
 * Thread-safety: the segment reader keeps lazily filled state per segment
 * (verified-chunk flags, the span cache, the text group last inflated), so
 * everything that reads an open index through one handle runs under the
 * handle's mutex.  Parsing a query needs no lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nsearch.h"
#include "facet.h"
#include "timeline.h"
#include "date.h"
#include "daterange.h"
#include "error.h"
#include "expand.h"
#include "index.h"
#include "lasterr.h"
#include "lexicon.h"
#include "pieces.h"
#include "match.h"
#include "query.h"
#include "rank.h"
#include "segreader.h"
#include "show.h"
#include "spell.h"

struct ns_index_handle {
	struct ns_index *ix;	/* NULL when the open failed */
	pthread_mutex_t mu;
	int open_rc;
	char open_msg[1024];
};

struct ns_opts_handle {
	size_t limit, offset;
	enum ns_order order;
	int has_range;
	struct ns_daterange range;
	int any, expand;
	size_t snippet_len;
	char *similar;
	uint64_t arrived_after;	/* ns_opts_set_arrived_after() */
	int no_total;		/* 1: ns_opts_set_total(o, 0) */
	uint64_t *piece_after;	/* ns_opts_set_piece_arrived_after(), by
				 * piece (NS_MATCH_AFTER_UNSET: not set) */
	size_t n_piece_after;
};

static const struct ns_opts_handle defaults = {
	10, 0, NS_ORDER_SCORE, 0, { NS_DR_MIN, NS_DR_MAX }, 0, 0, 200, NULL, 0, 0, NULL, 0,
};

/* A hit as handed out, loaded on first use. */
struct slot {
	int loaded;
	ns_result pub;
	char *strs[5];		/* id, title, source, url, path copies */
	char date[64];
	struct ns_snip snip;
	int have_snip;
	int have_ex;
	struct ns_explain raw;
	ns_explanation ex;
	ns_explain_item *items;
};

struct ns_results_handle {
	ns_index *h;
	struct ns_match *m;
	char *query;		/* canonical query text, or NULL */
	struct ns_topk top;
	size_t first;		/* hits are top.heap[first..top.n) */
	uint64_t total;
	struct ns_match_stats st;
	size_t snippet_len;
	const char *const *terms;
	size_t n_terms;
	struct slot *slots;
	char msg[512];		/* the matcher's message: it writes here while it
				 * runs (a NEAR too costly to check), so it must
				 * live as long as the matcher, not the compile */
};

/* ---- the index ---- */

/* ns_index_open() and ns_index_open_many(): a handle even on failure,
 * holding the message. */
static int open_handle(const char *const *paths, size_t n, ns_index **out)
{
	ns_index *h;
	int rc, bad;

	if (!out) {
		ns_lasterr_set(NULL, NS_ERR_USAGE, 0, "ns_index_open: no place for the handle");
		return NS_ERR_USAGE;
	}
	*out = NULL;
	h = calloc(1, sizeof(*h));
	if (!h) {
		ns_lasterr_set(NULL, NS_ERR_NOMEM, 0, "out of memory");
		return NS_ERR_NOMEM;
	}
	if (pthread_mutex_init(&h->mu, NULL) != 0) {
		free(h);
		ns_lasterr_set(NULL, NS_ERR_NOMEM, 0, "cannot create a mutex");
		return NS_ERR_NOMEM;
	}
	*out = h;
	ns_lasterr_clear(h);
	bad = !paths;
	for (size_t i = 0; !bad && i < n; i++)
		bad = !paths[i];
	if (bad) {
		h->open_rc = NS_ERR_USAGE;
		snprintf(h->open_msg, sizeof(h->open_msg), "ns_index_open: no path");
		return NS_ERR_USAGE;
	}
	rc = ns_idx_open_many(paths, n, &h->ix, h->open_msg, sizeof(h->open_msg));
	if (rc != NS_OK) {
		h->ix = NULL;
		h->open_rc = rc;
		if (!h->open_msg[0])
			snprintf(h->open_msg, sizeof(h->open_msg), "%s: %s", n ? paths[0] : "",
				 ns_strerror(rc));
	}
	return rc;
}

int ns_index_open(const char *path, ns_index **out)
{
	return open_handle(path ? &path : NULL, 1, out);
}

int ns_index_open_many(const char *const *paths, size_t n, ns_index **out)
{
	return open_handle(paths, n, out);
}

size_t ns_index_n_pieces(const ns_index *h)
{
	return h && h->ix ? h->ix->n_pieces : 0;
}

int ns_index_piece(const ns_index *h, size_t i, const char **name, const char **path)
{
	if (!h || !h->ix || i >= h->ix->n_pieces || !name || !path)
		return NS_ERR_USAGE;
	*name = h->ix->pieces[i].name;
	*path = h->ix->pieces[i].dir;
	return NS_OK;
}

void ns_index_close(ns_index *h)
{
	if (!h)
		return;
	ns_lasterr_clear(h);
	if (h->ix)
		ns_idx_close(h->ix);
	pthread_mutex_destroy(&h->mu);
	free(h);
}

const char *ns_index_errmsg(const ns_index *h)
{
	if (h && !h->ix && h->open_rc != NS_OK)
		return h->open_msg;
	return ns_lasterr_msg(h);
}

int ns_index_errcode(const ns_index *h)
{
	if (h && !h->ix && h->open_rc != NS_OK)
		return h->open_rc;
	return ns_lasterr_code(h);
}

size_t ns_index_errcol(const ns_index *h)
{
	return ns_lasterr_col(h);
}

/* NS_OK when h is an open index, else records and returns NS_ERR_USAGE. */
static int usable(const ns_index *h, const char *fn)
{
	if (h && h->ix)
		return NS_OK;
	ns_lasterr_set(h, NS_ERR_USAGE, 0, "%s: %s", fn, h ? "the index is not open" : "no index");
	return NS_ERR_USAGE;
}

/* ---- options ---- */

ns_opts *ns_opts_new(void)
{
	ns_opts *o = malloc(sizeof(*o));

	if (o)
		*o = defaults;
	return o;
}

void ns_opts_free(ns_opts *o)
{
	if (o) {
		free(o->similar);
		free(o->piece_after);
		free(o);
	}
}

int ns_opts_set_limit(ns_opts *o, size_t limit)
{
	if (!o || limit > NS_MAX_LIMIT)
		return NS_ERR_USAGE;
	o->limit = limit;
	return NS_OK;
}

int ns_opts_set_offset(ns_opts *o, size_t offset)
{
	if (!o || offset > NS_MAX_LIMIT)
		return NS_ERR_USAGE;
	o->offset = offset;
	return NS_OK;
}

int ns_opts_set_order(ns_opts *o, enum ns_order order)
{
	if (!o || (order != NS_ORDER_SCORE && order != NS_ORDER_DATE && order != NS_ORDER_DATE_DESC))
		return NS_ERR_USAGE;
	o->order = order;
	return NS_OK;
}

static int set_bound(ns_opts *o, const char *date, int end)
{
	int64_t start, last;

	if (!o)
		return NS_ERR_USAGE;
	if (!date) {
		if (end)
			o->range.hi = NS_DR_MAX;
		else
			o->range.lo = NS_DR_MIN;
		o->has_range = o->range.lo != NS_DR_MIN || o->range.hi != NS_DR_MAX;
		return NS_OK;
	}
	if (ns_date_parse_range(date, strlen(date), &start, &last) != 0)
		return NS_ERR_USAGE;
	if (end)
		o->range.hi = last;
	else
		o->range.lo = start;
	o->has_range = 1;
	return NS_OK;
}

int ns_opts_set_since(ns_opts *o, const char *date)
{
	return set_bound(o, date, 0);
}

int ns_opts_set_until(ns_opts *o, const char *date)
{
	return set_bound(o, date, 1);
}

int ns_opts_get_range(const ns_opts *o, char since[11], char until[11])
{
	if (!o || !since || !until)
		return NS_ERR_USAGE;
	since[0] = until[0] = 0;
	if (o->range.lo != NS_DR_MIN)
		ns_date_format_day(o->range.lo, since);
	if (o->range.hi != NS_DR_MAX)
		ns_date_format_day(o->range.hi, until);
	return o->has_range;
}

int ns_opts_range_is_empty(const ns_opts *o)
{
	return o && o->range.lo > o->range.hi;
}

int ns_opts_set_any(ns_opts *o, int any)
{
	if (!o)
		return NS_ERR_USAGE;
	o->any = !!any;
	return NS_OK;
}

int ns_opts_set_expand(ns_opts *o, int expand)
{
	if (!o)
		return NS_ERR_USAGE;
	o->expand = !!expand;
	return NS_OK;
}

int ns_opts_set_arrived_after(ns_opts *o, uint64_t generation)
{
	if (!o)
		return NS_ERR_USAGE;
	o->arrived_after = generation;
	return NS_OK;
}

int ns_opts_set_piece_arrived_after(ns_opts *o, size_t piece, uint64_t generation)
{
	if (!o || piece >= NS_PIECES_MAX || generation == NS_MATCH_AFTER_UNSET)
		return NS_ERR_USAGE;
	if (piece >= o->n_piece_after) {
		uint64_t *v = realloc(o->piece_after, (piece + 1) * sizeof(*v));
		if (!v)
			return NS_ERR_NOMEM;
		for (size_t i = o->n_piece_after; i <= piece; i++)
			v[i] = NS_MATCH_AFTER_UNSET;
		o->piece_after = v;
		o->n_piece_after = piece + 1;
	}
	o->piece_after[piece] = generation;
	return NS_OK;
}

int ns_opts_set_snippet_len(ns_opts *o, size_t len)
{
	if (!o)
		return NS_ERR_USAGE;
	o->snippet_len = len;
	return NS_OK;
}

int ns_opts_set_total(ns_opts *o, int exact)
{
	if (!o)
		return NS_ERR_USAGE;
	o->no_total = !exact;
	return NS_OK;
}

int ns_opts_set_similar(ns_opts *o, const char *id)
{
	char *copy = NULL;

	if (!o)
		return NS_ERR_USAGE;
	if (id && !(copy = strdup(id)))
		return NS_ERR_NOMEM;
	free(o->similar);
	o->similar = copy;
	return NS_OK;
}

/* ---- searching ---- */

/* The column a parser message "column N: ..." names, or 0. */
static size_t column_of(const char *msg)
{
	const char *p = strstr(msg, "column ");
	size_t col = 0;

	if (!p)
		return 0;
	for (p += 7; *p >= '0' && *p <= '9'; p++)
		col = col * 10 + (size_t)(*p - '0');
	return col;
}

static int check_opts(ns_index *h, const char *query, const struct ns_opts_handle *o)
{
	const char *why = NULL;

	if (o->range.lo > o->range.hi)
		why = "since is after until: no date is in between";
	else if (o->limit + o->offset > NS_MAX_LIMIT)
		why = "offset plus limit is more than 1000000";
	else if (o->similar && (query || o->has_range))
		why = "a similar-to search takes no query text or dates";
	else if (!o->similar && !query && !o->has_range)
		why = "no query given";
	if (!why)
		return NS_OK;
	ns_lasterr_set(h, NS_ERR_USAGE, 0, "%s", why);
	return NS_ERR_USAGE;
}

static int fail(ns_index *h, int rc)
{
	ns_lasterr_set(h, rc, 0, "%s: %s", h->ix->dir, ns_strerror(rc));
	return rc;
}

/* Parses and compiles query (or the similar-to search) into r->m; under
 * the lock.  k is widened by one for a similar-to search. */
static int compile(ns_index *h, const char *query, const struct ns_opts_handle *o,
		   struct ns_results_handle *r, uint64_t *self, size_t *k)
{
	struct ns_qnode *tree = NULL;
	struct ns_match_opts mo;
	char msg[512] = "";
	int rc;

	if (o->similar) {
		rc = ns_similar_compile(h->ix, o->similar, &r->m, self, r->msg, sizeof(r->msg));
		if (rc != NS_OK) {
			ns_lasterr_set(h, rc, 0, "%s", r->msg[0] ? r->msg : ns_strerror(rc));
			return rc;
		}
		if (*k)
			(*k)++;	/* room for the article itself, left out later */
		return NS_OK;
	}
	if (query) {
		rc = ns_query_parse(query, o->any, &tree, msg, sizeof(msg));
		if (rc != NS_OK) {
			ns_lasterr_set(h, rc, column_of(msg), "query: %s",
				       msg[0] ? msg : ns_strerror(rc));
			return rc;
		}
		r->query = ns_query_to_string(tree);
	}
	memset(&mo, 0, sizeof(mo));
	mo.range = o->has_range ? &o->range : NULL;
	mo.sort = o->order == NS_ORDER_DATE ? NS_SORT_DATE
		: o->order == NS_ORDER_DATE_DESC ? NS_SORT_DATE_DESC : NS_SORT_SCORE;
	mo.arrived_after = o->arrived_after;
	mo.piece_after = o->piece_after;
	mo.n_piece_after = o->n_piece_after;
	rc = ns_match_compile_opts(h->ix, tree, &mo, &r->m, r->msg, sizeof(r->msg));
	ns_query_free(tree);
	if (rc != NS_OK) {
		r->m = NULL;
		if (rc == NS_ERR_QUERY && r->msg[0])
			ns_lasterr_set(h, rc, column_of(r->msg), "query: %s", r->msg);
		else
			fail(h, rc);
	}
	return rc;
}

/* A similar-to search found the article itself (most like itself): it
 * leaves the hits and the count. */
static void drop_self(struct ns_results_handle *r, uint64_t self, size_t k)
{
	size_t o_at = 0;

	if (r->total > 0 && r->total != NS_TOTAL_UNKNOWN)
		r->total--;
	ns_topk_sort(&r->top);
	for (size_t i = 0; i < r->top.n; i++)
		if (r->top.heap[i].docid != self)
			r->top.heap[o_at++] = r->top.heap[i];
	r->top.n = o_at < k - 1 || k == 0 ? o_at : k - 1;
}

static int run(ns_index *h, const char *query, const ns_opts *opts, int count_only,
	       ns_results **out)
{
	const struct ns_opts_handle *o = opts ? opts : &defaults;
	struct ns_results_handle *r;
	uint64_t self = UINT64_MAX;
	size_t k;
	int rc;

	if (out)
		*out = NULL;
	if ((rc = usable(h, "ns_search")) != NS_OK)
		return rc;
	if (!out) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_search: no place for the results");
		return NS_ERR_USAGE;
	}
	if ((rc = check_opts(h, query, o)) != NS_OK)
		return rc;
	r = calloc(1, sizeof(*r));
	if (!r) {
		ns_lasterr_set(h, NS_ERR_NOMEM, 0, "out of memory");
		return NS_ERR_NOMEM;
	}
	r->h = h;
	r->snippet_len = o->snippet_len;
	count_only |= o->limit == 0;	/* no hits wanted: count only */
	k = count_only ? 0 : o->offset + o->limit;
	pthread_mutex_lock(&h->mu);
	rc = compile(h, query, o, r, &self, &k);
	if (rc == NS_OK && o->expand && (rc = ns_expand_rm3(h->ix, r->m, o->any)) != NS_OK)
		fail(h, rc);
	if (rc == NS_OK && ns_topk_init(&r->top, k) != NS_OK) {
		rc = NS_ERR_NOMEM;
		ns_lasterr_set(h, rc, 0, "out of memory");
	}
	if (rc == NS_OK) {
		/* Without the exact total the matcher may prune: it skips
		 * what cannot enter the top k (MaxScore, block-max). */
		int counted = count_only || !o->no_total;
		rc = ns_match_run(r->m, count_only ? NULL : &r->top, counted ? &r->total : NULL);
		if (!counted)
			r->total = NS_TOTAL_UNKNOWN;
		ns_match_get_stats(r->m, &r->st);
		if (rc != NS_OK && r->msg[0])
			ns_lasterr_set(h, rc, 0, "%s: %s", h->ix->dir, r->msg);
		else if (rc != NS_OK)
			fail(h, rc);
	}
	pthread_mutex_unlock(&h->mu);
	if (rc != NS_OK) {
		ns_results_free(r);
		return rc;
	}
	if (self != UINT64_MAX)
		drop_self(r, self, k);
	ns_topk_sort(&r->top);
	r->first = o->offset < r->top.n ? o->offset : r->top.n;
	ns_match_terms(r->m, &r->terms, &r->n_terms);
	r->slots = calloc(r->top.n - r->first + 1, sizeof(*r->slots));
	if (!r->slots) {
		ns_results_free(r);
		ns_lasterr_set(h, NS_ERR_NOMEM, 0, "out of memory");
		return NS_ERR_NOMEM;
	}
	*out = r;
	return NS_OK;
}

int ns_search(ns_index *h, const char *query, const ns_opts *o, ns_results **out)
{
	return run(h, query, o, 0, out);
}

/* ns_timeline() and ns_facet(): compile, then count every match by what. */
static int counts(ns_index *h, const char *query, const ns_opts *opts, const char *unit,
		  const char *field, size_t max_rows, FILE *out, int tty, int width,
		  uint64_t *n_matches)
{
	const struct ns_opts_handle *o = opts ? opts : &defaults;
	struct ns_results_handle r;
	uint64_t self = UINT64_MAX;
	size_t k = 0;
	char msg[256] = "";
	int rc;

	if (n_matches)
		*n_matches = 0;
	if ((rc = usable(h, field ? "ns_facet" : "ns_timeline")) != NS_OK)
		return rc;
	if (!out || !n_matches || o->similar) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "%s: needs a query, a stream and a count",
			       field ? "ns_facet" : "ns_timeline");
		return NS_ERR_USAGE;
	}
	if ((rc = check_opts(h, query, o)) != NS_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	r.h = h;
	pthread_mutex_lock(&h->mu);
	rc = compile(h, query, o, &r, &self, &k);
	if (rc == NS_OK) {
		rc = field ? ns_facet_run(h->ix, r.m, field, max_rows, out, tty, n_matches, msg,
					  sizeof(msg))
			   : ns_timeline_run(r.m, unit, out, tty, width, n_matches, msg,
					     sizeof(msg));
		if (rc != NS_OK && msg[0])
			ns_lasterr_set(h, rc, 0, "%s", msg);
		else if (rc != NS_OK)
			fail(h, rc);
	}
	pthread_mutex_unlock(&h->mu);
	ns_match_free(r.m);
	free(r.query);
	return rc;
}

int ns_timeline(ns_index *h, const char *query, const ns_opts *o, const char *unit, FILE *out,
		int tty, int width, uint64_t *n_matches)
{
	return counts(h, query, o, unit ? unit : "", NULL, 0, out, tty, width, n_matches);
}

int ns_facet(ns_index *h, const char *query, const ns_opts *o, const char *field,
	     size_t max_rows, FILE *out, int tty, uint64_t *n_matches)
{
	if (!field) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_facet: no field");
		return NS_ERR_USAGE;
	}
	return counts(h, query, o, NULL, field, max_rows, out, tty, 0, n_matches);
}

int ns_index_generation(ns_index *h, uint64_t *generation, uint64_t *identity)
{
	int rc = usable(h, "ns_index_generation");

	if (rc != NS_OK)
		return rc;
	if (generation)
		*generation = h->ix->m.generation;
	if (identity)
		*identity = h->ix->m.identity;
	return NS_OK;
}

int ns_index_piece_generation(ns_index *h, size_t i, uint64_t *generation, uint64_t *identity)
{
	int rc = usable(h, "ns_index_piece_generation");

	if (rc != NS_OK)
		return rc;
	if (i >= h->ix->n_pieces) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_index_piece_generation: no piece %zu", i);
		return NS_ERR_USAGE;
	}
	if (generation)
		*generation = h->ix->pieces[i].generation;
	if (identity)
		*identity = h->ix->pieces[i].identity;
	return NS_OK;
}

int ns_count(ns_index *h, const char *query, const ns_opts *o, uint64_t *count)
{
	ns_results *r;
	int rc;

	if (!count) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_count: no place for the count");
		return NS_ERR_USAGE;
	}
	rc = run(h, query, o, 1, &r);
	if (rc == NS_OK) {
		*count = r->total;
		ns_results_free(r);
	}
	return rc;
}

int ns_spell(ns_index *h, const char *query, const ns_opts *opts, char **out)
{
	const struct ns_opts_handle *o = opts ? opts : &defaults;
	char msg[512] = "";
	int rc;

	if (out)
		*out = NULL;
	if ((rc = usable(h, "ns_spell")) != NS_OK)
		return rc;
	if (!query || !out) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_spell: no query or no place for it");
		return NS_ERR_USAGE;
	}
	ns_lasterr_clear(h);
	/* the analyzer's stem cache and the lazily opened word forms are the
	 * index's: under its lock */
	pthread_mutex_lock(&h->mu);
	rc = ns_spell_query(h->ix, query, o->any, out, NULL, msg, sizeof(msg));
	pthread_mutex_unlock(&h->mu);
	if (rc < 0)
		ns_lasterr_set(h, rc, 0, "%s", msg[0] ? msg : ns_strerror(rc));
	return rc;
}

static void release_slot(struct slot *s)
{
	for (size_t i = 0; i < sizeof(s->strs) / sizeof(s->strs[0]); i++)
		free(s->strs[i]);
	if (s->have_snip)
		ns_snip_release(&s->snip);
	if (s->have_ex) {
		ns_explain_release(&s->raw);
		free(s->items);
	}
	memset(s, 0, sizeof(*s));
}

void ns_results_free(ns_results *r)
{
	if (!r)
		return;
	if (r->slots) {
		for (size_t i = 0; i < r->top.n - r->first; i++)
			release_slot(&r->slots[i]);
		free(r->slots);
	}
	if (r->m) {
		pthread_mutex_lock(&r->h->mu);
		ns_match_free(r->m);
		pthread_mutex_unlock(&r->h->mu);
	}
	ns_topk_release(&r->top);
	free(r->query);
	free(r);
}

uint64_t ns_results_total(const ns_results *r)
{
	return r ? r->total : 0;
}

size_t ns_results_size(const ns_results *r)
{
	return r ? r->top.n - r->first : 0;
}

const char *ns_results_query(const ns_results *r)
{
	return r ? r->query : NULL;
}

int ns_results_work(const ns_results *r, ns_work *w)
{
	if (!r || !w)
		return NS_ERR_USAGE;
	w->matches = r->st.n_matches;
	w->terms = r->st.n_terms;
	w->lists = r->st.n_lists;
	w->list_bytes = r->st.n_list_bytes;
	w->blocks = r->st.n_blocks;
	w->postings = r->st.n_postings;
	w->position_checks = r->st.n_position_checks;
	w->date_checks = r->st.n_date_checks;
	w->candidates = r->st.n_candidates;
	w->proximity = r->st.n_proximity;
	w->fuzzy_visited = r->st.n_fuzzy_visited;
	w->fuzzy_entries = r->st.n_fuzzy_entries;
	w->fuzzy_probes = r->st.n_fuzzy_probes;
	return NS_OK;
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

static void format_date(const struct ns_doc *d, char *buf, size_t buflen)
{
	if (d->date_key != NS_DATE_NONE) {
		ns_date_format_day(d->date_key, buf);
	} else {
		size_t n = d->date.len < buflen - 1 ? d->date.len : buflen - 1;
		memcpy(buf, d->date.p, n);
		buf[n] = 0;
	}
}

/* Reads hit i's record (and snippet); under the lock. */
static int load(struct ns_results_handle *r, size_t i, struct slot *s)
{
	const struct ns_hit *hit = &r->top.heap[r->first + i];
	struct ns_index *ix = r->h->ix;
	const struct ns_str *f[5];
	struct ns_doc d;
	uint32_t seg, local;
	int rc;

	ns_index_locate(ix, hit->docid, &seg, &local);
	rc = ns_segr_doc(ix->segs[seg], local, &d);
	if (rc == NS_OK)	/* an id two pieces share gets its piece's name */
		rc = ns_pieces_shown_id(ix, hit->docid, &d, &d.id);
	if (rc != NS_OK)
		return rc;
	f[0] = &d.id, f[1] = &d.title, f[2] = &d.source, f[3] = &d.url, f[4] = &d.path;
	for (size_t j = 0; j < 5; j++)
		if (!(s->strs[j] = copy_str(f[j])))
			return NS_ERR_NOMEM;
	format_date(&d, s->date, sizeof(s->date));
	if (r->snippet_len) {
		char *text;
		size_t len;
		rc = ns_doc_text(&d, &text, &len);
		if (rc != NS_OK)
			return rc;
		rc = ns_snippet_build(ix->an, text, len, r->terms, r->n_terms, r->snippet_len,
				      &s->snip);
		free(text);
		if (rc != NS_OK)
			return rc;
		s->have_snip = 1;
	}
	s->pub.rank = r->first + i + 1;
	s->pub.score = hit->score;
	s->pub.docid = hit->docid;
	s->pub.id = s->strs[0];
	s->pub.id_len = d.id.len;
	s->pub.title = s->strs[1];
	s->pub.title_len = d.title.len;
	s->pub.date = s->date;
	s->pub.source = s->strs[2];
	s->pub.source_len = d.source.len;
	s->pub.url = s->strs[3];
	s->pub.url_len = d.url.len;
	s->pub.path = s->strs[4];
	s->pub.path_len = d.path.len;
	s->pub.snippet = s->have_snip ? s->snip.text : "";
	s->pub.snippet_bytes = s->have_snip ? s->snip.len : 0;
	s->pub.highlights = s->have_snip ? (const size_t(*)[2])s->snip.hl : NULL;
	s->pub.n_highlights = s->have_snip ? s->snip.n_hl : 0;
	s->loaded = 1;
	return NS_OK;
}

int ns_results_hit(ns_results *r, size_t i, const ns_result **hit)
{
	struct slot *s;
	int rc = NS_OK;

	if (!r || !hit || i >= ns_results_size(r))
		return NS_ERR_USAGE;
	s = &r->slots[i];
	if (!s->loaded) {
		pthread_mutex_lock(&r->h->mu);
		rc = load(r, i, s);
		pthread_mutex_unlock(&r->h->mu);
		if (rc != NS_OK) {
			release_slot(s);
			fail(r->h, rc);
			return rc;
		}
	}
	*hit = &s->pub;
	return NS_OK;
}

int ns_results_explain(ns_results *r, size_t i, const ns_explanation **ex)
{
	struct slot *s;
	int rc;

	if (!r || !ex || i >= ns_results_size(r))
		return NS_ERR_USAGE;
	s = &r->slots[i];
	if (!s->have_ex) {
		pthread_mutex_lock(&r->h->mu);
		rc = ns_match_explain(r->m, r->top.heap[r->first + i].docid, &s->raw);
		pthread_mutex_unlock(&r->h->mu);
		if (rc < 0)
			return fail(r->h, rc);
		if (rc != NS_OK)
			return rc;
		s->items = calloc(s->raw.n_terms + 1, sizeof(*s->items));
		if (!s->items) {
			ns_explain_release(&s->raw);
			return fail(r->h, NS_ERR_NOMEM);
		}
		for (size_t t = 0; t < s->raw.n_terms; t++) {
			const struct ns_explain_term *e = &s->raw.terms[t];
			s->items[t] = (ns_explain_item){ e->text, e->filter, e->tf, e->tf_title,
							 e->df, e->idf, e->boost, e->weight };
		}
		s->ex = (ns_explanation){ s->raw.score, s->raw.n_docs, s->raw.doc_len,
					  s->raw.avg_doc_len, s->raw.k1, s->raw.b, s->raw.norm,
					  s->raw.title_len, s->raw.title_weight, s->raw.proximity,
					  s->raw.prox_weight, s->items, s->raw.n_terms };
		s->have_ex = 1;
	}
	*ex = &s->ex;
	return NS_OK;
}

/* ---- articles and statistics ---- */

/* The record of the live article whose id, as shown, is id (across
 * pieces a clashing id is "name:id"), and its global docid. */
static int find_article(struct ns_index *ix, const char *id, struct ns_doc *d, uint64_t *docid)
{
	uint32_t seg, local;
	int rc = ns_pieces_find_id(ix, id, strlen(id), docid);

	if (rc != NS_OK)
		return rc;
	ns_index_locate(ix, *docid, &seg, &local);
	return ns_segr_doc(ix->segs[seg], local, d);
}

/* Its fields, copied into one block. */
static int article_fields(struct ns_index *ix, const char *id, ns_result *f, char **store)
{
	struct ns_doc d;
	const struct ns_str *s[5];
	char date[64], *p;
	size_t total;
	uint64_t docid;
	int rc = find_article(ix, id, &d, &docid);

	if (rc == NS_OK)
		rc = ns_pieces_shown_id(ix, docid, &d, &d.id);
	if (rc != NS_OK)
		return rc;
	format_date(&d, date, sizeof(date));
	s[0] = &d.id, s[1] = &d.title, s[2] = &d.source, s[3] = &d.url, s[4] = &d.path;
	total = strlen(date) + 1;
	for (size_t j = 0; j < 5; j++)
		total += s[j]->len + 1;
	if (!(p = malloc(total)))
		return NS_ERR_NOMEM;
	*store = p;
	memset(f, 0, sizeof(*f));
	const char **dst[5] = { &f->id, &f->title, &f->source, &f->url, &f->path };
	size_t *lens[5] = { &f->id_len, &f->title_len, &f->source_len, &f->url_len, &f->path_len };
	for (size_t j = 0; j < 5; j++) {
		if (s[j]->len)
			memcpy(p, s[j]->p, s[j]->len);
		p[s[j]->len] = 0;
		*dst[j] = p;
		*lens[j] = s[j]->len;
		p += s[j]->len + 1;
	}
	strcpy(p, date);
	f->date = p;
	f->snippet = "";
	return NS_OK;
}

static int article(struct ns_index *ix, const char *id, char **text, size_t *len)
{
	struct ns_doc d;
	uint64_t docid;
	int rc = find_article(ix, id, &d, &docid);

	if (rc == NS_OK)
		rc = ns_doc_text(&d, text, len);
	return rc;
}

int ns_index_article(ns_index *h, const char *id, char **text, size_t *len)
{
	size_t n = 0;
	int rc;

	if ((rc = usable(h, "ns_index_article")) != NS_OK)
		return rc;
	if (!id || !text) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_index_article: no id or no place for the text");
		return NS_ERR_USAGE;
	}
	*text = NULL;
	pthread_mutex_lock(&h->mu);
	rc = article(h->ix, id, text, &n);
	pthread_mutex_unlock(&h->mu);
	if (rc == NS_ERR_NOTFOUND)
		ns_lasterr_set(h, rc, 0, "no article has the id '%s'", id);
	else if (rc != NS_OK)
		fail(h, rc);
	if (len)
		*len = n;
	return rc;
}

int ns_index_article_fields(ns_index *h, const char *id, ns_result *fields, char **store)
{
	int rc;

	if ((rc = usable(h, "ns_index_article_fields")) != NS_OK)
		return rc;
	if (!id || !fields || !store) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0,
			       "ns_index_article_fields: no id or no place for the fields");
		return NS_ERR_USAGE;
	}
	*store = NULL;
	pthread_mutex_lock(&h->mu);
	rc = article_fields(h->ix, id, fields, store);
	pthread_mutex_unlock(&h->mu);
	if (rc == NS_ERR_NOTFOUND)
		ns_lasterr_set(h, rc, 0, "no article has the id '%s'", id);
	else if (rc != NS_OK)
		fail(h, rc);
	return rc;
}

int ns_index_stats_get(ns_index *h, ns_index_stats *st)
{
	struct ns_lexicon_stats ls;
	struct ns_index *ix;
	uint64_t nsp = 0, nsd = 0, post = 0, dict = 0, terms = 0;
	time_t t;
	struct tm tm;
	int rc;

	if ((rc = usable(h, "ns_index_stats_get")) != NS_OK)
		return rc;
	if (!st) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_index_stats_get: no place for the statistics");
		return NS_ERR_USAGE;
	}
	ix = h->ix;
	memset(st, 0, sizeof(*st));
	pthread_mutex_lock(&h->mu);
	for (uint32_t i = 0; i < ix->m.n_segs; i++) {
		uint64_t a, b, c, d;
		ns_segr_sizes(ix->segs[i], &a, &b, &c, &d);
		nsp += a;
		nsd += b;
		post += c;
		dict += d;
		terms += ns_segr_n_terms(ix->segs[i]);
	}
	rc = ns_lexicon_stats(ix, &ls);
	pthread_mutex_unlock(&h->mu);
	if (rc != NS_OK)
		return fail(h, rc);
	st->docs = ix->n_docs;
	st->words = ix->n_tokens;
	st->avg_doc_words = ix->avg_doc_len;
	st->terms = terms;
	st->word_terms = ls.n_word_terms;
	st->field_terms = ls.n_field_terms;
	st->postings = ls.n_postings;
	st->positions = ls.n_positions;
	st->field_postings = ls.n_field_postings;
	st->dated_docs = ls.n_dated_docs;
	memcpy(st->first_date, ls.first_day, sizeof(st->first_date));
	memcpy(st->last_date, ls.last_day, sizeof(st->last_date));
	st->language = ix->m.lang;
	st->generation = ix->m.generation;
	snprintf(st->built, sizeof(st->built), "unknown");
	t = (time_t)ix->m.built;
	if (ix->m.built && gmtime_r(&t, &tm))
		strftime(st->built, sizeof(st->built), "%Y-%m-%dT%H:%M:%SZ", &tm);
	st->segments = ix->m.n_segs;
	st->deleted_docs = ix->n_deleted;
	st->postings_bytes = post;
	st->dictionary_bytes = dict;
	st->postings_file_bytes = nsp;
	st->documents_file_bytes = nsd;
	st->sources = (const char *const *)ix->m.sources;
	st->n_sources = ix->m.n_sources;
	return NS_OK;
}
