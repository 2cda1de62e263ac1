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
#include "collapse.h"
#include "colcount.h"
#include "search_int.h"
#include "stories.h"

static const struct ns_opts_handle defaults = {
	10, 0, NS_ORDER_SCORE, 0, { NS_DR_MIN, NS_DR_MAX }, 0, 0, 200, NULL, 0, 0, NULL, 0,
	NS_COLLAPSE_OFF, 0,
};

/* ---- the index ---- */

/* Opens paths as h->ix and, for one index, its story map.  A publish
 * between reading the MANIFEST and opening its story map removes the map
 * (the new MANIFEST names another): then the index is opened again, a few
 * times.  Several indexes opened as one have no story map: stories are
 * kept per index (ns_lib_need_stories()). */
static int open_both(ns_index *h, const char *const *paths, size_t n)
{
	int rc = NS_OK;

	for (int tries = 0; tries < 5; tries++) {
		h->open_msg[0] = 0;
		rc = ns_idx_open_many(paths, n, &h->ix, h->open_msg, sizeof(h->open_msg));
		if (rc != NS_OK) {
			h->ix = NULL;
			return rc;
		}
		if (h->ix->n_pieces > 1)
			return NS_OK;
		rc = ns_stories_open(h->ix, &h->st, h->open_msg, sizeof(h->open_msg));
		if (rc == NS_OK)
			return NS_OK;
		ns_idx_close(h->ix);
		h->ix = NULL;
		if (rc != NS_ERR_NOTFOUND)
			break;
	}
	return rc;
}

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
	rc = open_both(h, paths, n);
	if (rc != NS_OK) {
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
	ns_stories_close(h->st);
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
	if (!o || (limit > NS_MAX_LIMIT && limit != NS_LIMIT_ALL))
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

int ns_opts_set_collapse(ns_opts *o, enum ns_collapse how)
{
	if (!o || (how != NS_COLLAPSE_OFF && how != NS_COLLAPSE_COPIES && how != NS_COLLAPSE_STORIES))
		return NS_ERR_USAGE;
	o->collapse = how;
	return NS_OK;
}

int ns_opts_set_all(ns_opts *o, int all)
{
	if (!o)
		return NS_ERR_USAGE;
	o->all = !!all;
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
	else if (o->limit == NS_LIMIT_ALL && !o->all)
		why = "no limit only with all articles";
	else if (o->limit != NS_LIMIT_ALL && o->limit + o->offset > NS_MAX_LIMIT)
		why = "offset plus limit is more than 1000000";
	else if (o->similar && (query || o->has_range))
		why = "a similar-to search takes no query text or dates";
	else if (o->all && (query || o->has_range || o->similar))
		why = "all articles take no query text, dates or similar-to id";
	else if (!o->similar && !o->all && !query && !o->has_range)
		why = "no query given";
	else if (o->collapse != NS_COLLAPSE_OFF)
		return ns_lib_need_stories(h, "collapsing");
	if (!why)
		return NS_OK;
	ns_lasterr_set(h, NS_ERR_USAGE, 0, "%s", why);
	return NS_ERR_USAGE;
}

static int fail(ns_index *h, int rc)
{
	if (h->st && ns_stories_error(h->st) == rc) {
		/* a damaged story map entry met on the way (stories.h) */
		char name[48];
		ns_story_file_name(name, h->ix->m.generation);
		ns_lasterr_set(h, rc, 0, "%s/%s: %s", h->ix->dir, name, ns_strerror(rc));
	} else {
		ns_lasterr_set(h, rc, 0, "%s: %s", h->ix->dir, ns_strerror(rc));
	}
	return rc;
}

int ns_lib_fail(ns_index *h, int rc)
{
	return fail(h, rc);
}

int ns_lib_need_stories(ns_index *h, const char *what)
{
	if (h->st)
		return NS_OK;
	ns_lasterr_set(h, NS_ERR_USAGE, 0,
		       "%s needs one index: stories are kept per index, and %u indexes are "
		       "searched as one",
		       what, (unsigned)h->ix->n_pieces);
	return NS_ERR_USAGE;
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

/* All live articles, in docid order, as hits of score 0; at most k. */
static int all_hits(struct ns_index *ix, size_t k, struct ns_topk *top, uint64_t *total)
{
	size_t cap = k < ix->n_docs ? k : (size_t)ix->n_docs;

	*total = ix->n_docs;
	top->heap = malloc((cap + 1) * sizeof(*top->heap));
	if (!top->heap)
		return NS_ERR_NOMEM;
	top->n = 0;
	top->k = cap;
	for (uint64_t d = 0; d < ix->n_docids && top->n < cap; d++) {
		uint32_t seg, local;
		ns_index_locate(ix, d, &seg, &local);
		if (!ns_segr_is_deleted(ix->segs[seg], local))
			top->heap[top->n++] = (struct ns_hit){ 0.0, d, 0.0 };
	}
	return NS_OK;
}

/* A hit's story, as the grouped top k asks it (rank.h). */
static uint32_t story_group(void *st, uint64_t docid)
{
	uint32_t s = ns_stories_of(st, docid);

	return s == NS_STORY_NONE ? NS_TOPK_NO_GROUP : s;
}

/* Runs the search for its best k hits (0: count only) into r->top,
 * sorted, a similar-to search's article left out; under the lock.  What
 * an earlier call left in r is dropped first.  by_story: the best hit of
 * each of the k best stories instead (ns_topk_group()). */
static int collect(ns_index *h, const char *query, const struct ns_opts_handle *o,
		   struct ns_results_handle *r, size_t k, int counted,
		   struct ns_stories *by_story)
{
	uint64_t self = UINT64_MAX;
	int rc;

	ns_match_free(r->m);
	r->m = NULL;
	free(r->query);
	r->query = NULL;
	ns_topk_release(&r->top);
	memset(&r->top, 0, sizeof(r->top));
	if (o->all) {
		rc = all_hits(h->ix, k, &r->top, &r->total);
		if (rc != NS_OK)
			fail(h, rc);
		return rc;
	}
	rc = compile(h, query, o, r, &self, &k);
	if (rc == NS_OK && o->expand && (rc = ns_expand_rm3(h->ix, r->m, o->any)) != NS_OK)
		fail(h, rc);
	if (rc == NS_OK && (ns_topk_init(&r->top, k) != NS_OK ||
			    (by_story && ns_topk_group(&r->top, story_group, by_story) != NS_OK))) {
		rc = NS_ERR_NOMEM;
		ns_lasterr_set(h, rc, 0, "out of memory");
	}
	if (rc == NS_OK) {
		/* Without the exact total the matcher may prune: it skips
		 * what cannot enter the top k (MaxScore, block-max). */
		rc = ns_match_run(r->m, k ? &r->top : NULL, counted ? &r->total : NULL);
		if (!counted)
			r->total = NS_TOTAL_UNKNOWN;
		ns_match_get_stats(r->m, &r->st);
		if (rc != NS_OK && r->msg[0])
			ns_lasterr_set(h, rc, 0, "%s: %s", h->ix->dir, r->msg);
		else if (rc != NS_OK)
			fail(h, rc);
	}
	if (rc == NS_OK && self != UINT64_MAX)
		drop_self(r, self, k);
	if (rc == NS_OK)
		ns_topk_sort(&r->top);
	return rc;
}

/* Stories are kept grouped as the search finds them (one pass, pruned
 * as without grouping) for pages of up to this many: each hit that
 * enters looks through those kept (rank.h). */
#define GROUPED_TOP_MAX 1024

/* With collapsing: hits until want groups are found (or the matches run
 * out), collapsed to one per group; count_only: every match, and *groups
 * their number.  A page of stories is found in one pass by a grouped top
 * k; otherwise (copies, longer pages, a similar-to search, whose own
 * article leaves its story) collapsing needs more hits than it shows: a
 * few times as many, and more while the groups fall short; under the
 * lock. */
static int collect_groups(ns_index *h, const char *query, const struct ns_opts_handle *o,
			  struct ns_results_handle *r, size_t want, int count_only,
			  uint64_t *groups)
{
	int grouped = o->collapse == NS_COLLAPSE_STORIES && !count_only && !o->all &&
		      !o->similar && want <= GROUPED_TOP_MAX;
	size_t k = grouped ? want : want > (SIZE_MAX - 16) / 4 ? SIZE_MAX : 4 * want + 16;
	int rc;

	if (count_only) {
		rc = collect(h, query, o, r, 0, 1, NULL);
		if (rc != NS_OK)
			return rc;
		if (r->total == 0)
			return NS_OK;
		k = r->total < SIZE_MAX ? (size_t)r->total : SIZE_MAX;
	}
	for (;;) {
		size_t n;
		rc = collect(h, query, o, r, k, count_only || !o->no_total, grouped ? h->st : NULL);
		if (rc != NS_OK)
			return rc;
		n = r->top.n;
		rc = ns_collapse_hits(h->st, o->collapse, r->top.heap, &r->top.n);
		if (rc == NS_OK)
			rc = ns_stories_error(h->st);
		if (rc != NS_OK)
			return fail(h, rc);
		if (count_only || r->top.n >= want || n < k || o->all ||
		    (r->total != NS_TOTAL_UNKNOWN && k >= r->total))
			break;
		k = k > SIZE_MAX / 4 ? SIZE_MAX : 4 * k;
	}
	*groups = r->top.n;
	if (r->top.n > want)
		r->top.n = want;
	return NS_OK;
}

static int run(ns_index *h, const char *query, const ns_opts *opts, int count_only,
	       ns_results **out, uint64_t *groups)
{
	const struct ns_opts_handle *o = opts ? opts : &defaults;
	struct ns_results_handle *r;
	size_t want;
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
	r->collapse = o->collapse;
	count_only |= o->limit == 0;	/* no hits wanted: count only */
	want = o->limit == NS_LIMIT_ALL ? SIZE_MAX : o->offset + o->limit;
	pthread_mutex_lock(&h->mu);
	if (o->collapse != NS_COLLAPSE_OFF)
		rc = collect_groups(h, query, o, r, want, count_only, groups);
	else
		rc = collect(h, query, o, r, count_only ? 0 : want, count_only || !o->no_total,
			     NULL);
	pthread_mutex_unlock(&h->mu);
	if (rc != NS_OK) {
		ns_results_free(r);
		return rc;
	}
	if (count_only)
		r->top.n = 0;
	r->first = o->offset < r->top.n ? o->offset : r->top.n;
	if (r->m)
		ns_match_terms(r->m, &r->terms, &r->n_terms);
	/* Zeroed one by one as they are used: a page of hits whose fields are
	 * never asked costs no clearing. */
	r->slots = malloc((r->top.n - r->first + 1) * sizeof(*r->slots));
	r->slot_used = calloc(r->top.n - r->first + 1, 1);
	if (!r->slots || !r->slot_used) {
		ns_results_free(r);
		ns_lasterr_set(h, NS_ERR_NOMEM, 0, "out of memory");
		return NS_ERR_NOMEM;
	}
	*out = r;
	return NS_OK;
}

struct ns_results_handle *ns_lib_results_of(ns_index *h, const struct ns_hit *hits, size_t n)
{
	struct ns_results_handle *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->h = h;
	r->top.heap = malloc((n + 1) * sizeof(*hits));
	r->slots = malloc((n + 1) * sizeof(*r->slots));
	r->slot_used = calloc(n + 1, 1);
	if (!r->top.heap || !r->slots || !r->slot_used) {
		ns_results_free(r);
		return NULL;
	}
	if (n)
		memcpy(r->top.heap, hits, n * sizeof(*hits));
	r->top.n = r->top.k = n;
	r->total = n;
	return r;
}

int ns_search(ns_index *h, const char *query, const ns_opts *o, ns_results **out)
{
	uint64_t groups;

	return run(h, query, o, 0, out, &groups);
}

int ns_stories(ns_index *h, const char *query, const ns_opts *o, ns_results **out)
{
	struct ns_opts_handle so = o ? *o : defaults;
	uint64_t groups;

	so.collapse = NS_COLLAPSE_STORIES;
	return run(h, query, &so, 0, out, &groups);
}

/* What a count does with a compiled query's matcher (count_matches()):
 * on an error it may say more in msg than the matcher did. */
typedef int (*count_fn)(ns_index *h, struct ns_match *m, void *arg, char *msg, size_t cap);

/* The steps every count shares (ns_timeline, ns_facet, ns_count by story):
 * compile the query under the index's lock and expand it as a search would
 * (RM3 with --expand), so a count counts the query a search runs; then
 * count over its matches and record its error. */
static int count_matches(ns_index *h, const char *query, const struct ns_opts_handle *o,
			 count_fn count, void *arg)
{
	struct ns_results_handle r;
	uint64_t self = UINT64_MAX;
	size_t k = 0;
	char msg[256] = "";
	int rc;

	if ((rc = check_opts(h, query, o)) != NS_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	r.h = h;
	pthread_mutex_lock(&h->mu);
	rc = compile(h, query, o, &r, &self, &k);
	if (rc == NS_OK && o->expand && (rc = ns_expand_rm3(h->ix, r.m, o->any)) != NS_OK)
		fail(h, rc);
	else if (rc == NS_OK && (rc = count(h, r.m, arg, msg, sizeof(msg))) != NS_OK) {
		if (msg[0])
			ns_lasterr_set(h, rc, 0, "%s", msg);
		else if (r.msg[0])
			ns_lasterr_set(h, rc, 0, "%s: %s", h->ix->dir, r.msg);
		else
			fail(h, rc);
	}
	pthread_mutex_unlock(&h->mu);
	ns_match_free(r.m);
	free(r.query);
	return rc;
}

/* ns_timeline()'s and ns_facet()'s count: a unit or a field, and where
 * the rows go; with stories on, each story counts once (colcount.h). */
struct rows {
	const char *unit, *field;
	size_t max_rows;
	FILE *out;
	int tty, width;
	struct ns_stories *st;
	uint64_t *n_matches;
};

static int count_rows(ns_index *h, struct ns_match *m, void *arg, char *msg, size_t cap)
{
	struct rows *w = arg;

	return w->field ? ns_facet_run(h->ix, m, w->st, w->field, w->max_rows, w->out, w->tty,
				       w->n_matches, msg, cap)
			: ns_timeline_run(m, w->st, w->unit, w->out, w->tty, w->width, w->n_matches,
					  msg, cap);
}

static int counts(ns_index *h, const char *query, const ns_opts *opts, const char *unit,
		  const char *field, size_t max_rows, FILE *out, int tty, int width,
		  uint64_t *n_matches)
{
	const struct ns_opts_handle *o = opts ? opts : &defaults;
	struct rows w = { unit, field, max_rows, out, tty, width, NULL, n_matches };
	int rc;

	if (n_matches)
		*n_matches = 0;
	if ((rc = usable(h, field ? "ns_facet" : "ns_timeline")) != NS_OK)
		return rc;
	if (!out || !n_matches || o->similar || o->all) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "%s: needs a query, a stream and a count",
			       field ? "ns_facet" : "ns_timeline");
		return NS_ERR_USAGE;
	}
	if (o->collapse == NS_COLLAPSE_COPIES) {
		/* counts are of articles or of stories, not of groups of copies */
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "%s counts articles or stories: collapse by "
			       "story or not at all", field ? "ns_facet" : "ns_timeline");
		return NS_ERR_USAGE;
	}
	if (o->collapse == NS_COLLAPSE_STORIES)
		w.st = h->st;
	return count_matches(h, query, o, count_rows, &w);
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

static int count_story_set(ns_index *h, struct ns_match *m, void *arg, char *msg, size_t cap)
{
	uint64_t matches;

	(void)msg;
	(void)cap;
	return ns_colcount_stories(h->ix, m, h->st, arg, &matches);
}

/* ns_count() by story: the stories among every match, counted in the walk
 * of the matches (colcount.h) rather than by ranking and collapsing them
 * all; the same number as collapse.h's. */
static int count_stories(ns_index *h, const char *query, const struct ns_opts_handle *o,
			 uint64_t *count)
{
	int rc;

	*count = 0;
	if ((rc = usable(h, "ns_count")) != NS_OK)
		return rc;
	return count_matches(h, query, o, count_story_set, count);
}

int ns_count(ns_index *h, const char *query, const ns_opts *o, uint64_t *count)
{
	ns_results *r;
	uint64_t groups = 0;
	int rc;

	if (!count) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_count: no place for the count");
		return NS_ERR_USAGE;
	}
	if (o && o->collapse == NS_COLLAPSE_STORIES && !o->similar && !o->all)
		return count_stories(h, query, o, count);
	rc = run(h, query, o, 1, &r, &groups);
	if (rc == NS_OK) {
		*count = o && o->collapse != NS_COLLAPSE_OFF ? groups : r->total;
		ns_results_free(r);
	}
	return rc;
}

static void release_story(struct slot_story *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->n_loaded; i++)
		ns_lib_release_slot(&x->versions[i]);
	free(x->versions);
	free(x->version_pub);
	free(x->version_ids);
	for (size_t i = 0; i < sizeof(x->why_strs) / sizeof(x->why_strs[0]); i++)
		free(x->why_strs[i]);
	for (size_t i = 0; i < sizeof(x->sources) / sizeof(x->sources[0]); i++)
		free(x->sources[i]);
	free(x);
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

int ns_suggest(ns_index *h, const char *query, const ns_opts *opts, uint64_t n_matches,
	       char **out, uint64_t *n_fixed)
{
	const struct ns_opts_handle *o = opts ? opts : &defaults;
	char msg[512] = "";
	int rc, may = 1;

	if (out)
		*out = NULL;
	if (n_fixed)
		*n_fixed = 0;
	if ((rc = usable(h, "ns_suggest")) != NS_OK)
		return rc;
	if (!query || !out || !n_fixed) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_suggest: no query or no place for it");
		return NS_ERR_USAGE;
	}
	ns_lasterr_clear(h);
	pthread_mutex_lock(&h->mu);
	/* the lexicon first: the word forms cost every process an open */
	rc = ns_spell_may_suggest(h->ix, query, o->any, n_matches, &may);
	if (rc == NS_OK && !may)
		rc = NS_DONE;
	if (rc == NS_OK)
		rc = ns_spell_query(h->ix, query, o->any, out, NULL, msg, sizeof(msg));
	pthread_mutex_unlock(&h->mu);
	if (rc == NS_OK) {
		rc = ns_count(h, *out, opts, n_fixed);
		if (rc == NS_ERR_QUERY || rc == NS_ERR_LIMIT ||
		    (rc == NS_OK && !ns_spell_worth_saying(n_matches, *n_fixed)))
			rc = NS_DONE;	/* a correction that is no better query */
		if (rc != NS_OK) {
			free(*out);
			*out = NULL;
		}
		return rc;
	}
	if (rc < 0)
		ns_lasterr_set(h, rc, 0, "%s", msg[0] ? msg : ns_strerror(rc));
	return rc;
}

static void release_slot(struct slot *s)
{
	release_story(s->sx);
	if (s->snip) {
		ns_snip_release(s->snip);
		free(s->snip);
	}
	if (s->ex) {
		ns_explain_release(&s->ex->raw);
		free(s->ex->items);
		free(s->ex);
	}
	memset(s, 0, sizeof(*s));
}

void ns_results_free(ns_results *r)
{
	if (!r)
		return;
	if (r->slots) {
		for (size_t i = 0; r->slot_used && i < r->top.n - r->first; i++)
			if (r->slot_used[i])
				release_slot(&r->slots[i]);
		free(r->slots);
	}
	free(r->slot_used);
	while (r->strs) {
		struct strblock *next = r->strs->next;
		free(r->strs);
		r->strs = next;
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

/* Slot i, zeroed on its first use. */
static struct slot *slot_at(struct ns_results_handle *r, size_t i)
{
	if (!r->slot_used[i]) {
		memset(&r->slots[i], 0, sizeof(r->slots[i]));
		r->slot_used[i] = 1;
	}
	return &r->slots[i];
}

/* A NUL-terminated copy of p[0..len) in r's string blocks, or NULL when
 * out of memory. */
static const char *keep_str(struct ns_results_handle *r, const char *p, size_t len)
{
	struct strblock *b = r->strs;
	char *c;

	if (!b || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > 2048 ? len + 1 : 2048;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = r->strs;
		r->strs = b;
	}
	c = b->data + b->used;
	if (len)
		memcpy(c, p, len);
	c[len] = 0;
	b->used += len + 1;
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

/* The record of global docid into s->doc, a clashing id's shown form
 * into s->field[NS_FIELD_ID]; under the lock. */
static int read_doc(struct ns_results_handle *r, uint64_t docid, struct slot *s)
{
	struct ns_str shown;
	uint32_t seg, local;
	int rc;

	ns_index_locate(r->h->ix, docid, &seg, &local);
	rc = ns_segr_doc(r->h->ix->segs[seg], local, &s->doc);
	if (rc == NS_OK)	/* an id two pieces share gets its piece's name */
		rc = ns_pieces_shown_id(r->h->ix, docid, &s->doc, &shown);
	/* the name is in the index's scratch buffer: copy it now */
	if (rc == NS_OK && shown.p != s->doc.id.p) {
		s->field[NS_FIELD_ID] = keep_str(r, shown.p, shown.len);
		s->field_len[NS_FIELD_ID] = shown.len;
		rc = s->field[NS_FIELD_ID] ? NS_OK : NS_ERR_NOMEM;
	}
	s->have_doc = rc == NS_OK;
	return rc;
}

/* Hit i's record, read (and checked) once. */
static int slot_doc(struct ns_results_handle *r, size_t i, struct slot *s)
{
	int rc;

	if (s->have_doc)
		return NS_OK;
	pthread_mutex_lock(&r->h->mu);
	rc = read_doc(r, r->top.heap[r->first + i].docid, s);
	pthread_mutex_unlock(&r->h->mu);
	return rc;
}

/* Field f of s's record (read), copied out once: the record's bytes are
 * in the index's mapped files, which stay as long as the results (they
 * are freed before the index is closed). */
static int copy_field(struct ns_results_handle *r, struct slot *s, enum ns_field f)
{
	const struct ns_str *src;
	char date[64];

	if (s->field[f])	/* copied, or read_doc() set it (a clashing id) */
		return NS_OK;
	switch (f) {
	case NS_FIELD_ID: src = &s->doc.id; break;
	case NS_FIELD_TITLE: src = &s->doc.title; break;
	case NS_FIELD_SOURCE: src = &s->doc.source; break;
	case NS_FIELD_URL: src = &s->doc.url; break;
	case NS_FIELD_PATH: src = &s->doc.path; break;
	default:
		format_date(&s->doc, date, sizeof(date));
		s->field_len[f] = strlen(date);
		s->field[f] = keep_str(r, date, s->field_len[f]);
		return s->field[f] ? NS_OK : NS_ERR_NOMEM;
	}
	s->field[f] = keep_str(r, src->p, src->len);
	s->field_len[f] = src->len;
	return s->field[f] ? NS_OK : NS_ERR_NOMEM;
}

/* Field f of hit i, copied out once. */
static int slot_field(struct ns_results_handle *r, size_t i, struct slot *s, enum ns_field f)
{
	int rc;

	if (s->field[f])
		return NS_OK;
	if ((rc = slot_doc(r, i, s)) != NS_OK)
		return rc;
	return copy_field(r, s, f);
}

/* The story of global docid into s->pub.story and story_size ("" and 0
 * without a story map); under the lock.  A damaged map entry fails the
 * hit as a whole. */
static int read_story(struct ns_results_handle *r, uint64_t docid, struct slot *s)
{
	struct ns_stories *st = r->h->st;
	uint32_t story;

	s->story[0] = 0;
	s->pub.story_size = 0;
	if (st) {
		story = ns_stories_of(st, docid);
		if (story != NS_STORY_NONE) {
			struct ns_story sr = ns_stories_get(st, story);
			ns_stories_id_str(sr.id, s->story);
			s->pub.story_size = sr.n_live;
		}
		if (ns_stories_error(st) != NS_OK)
			return ns_stories_error(st);
	}
	s->pub.story = s->story;
	return NS_OK;
}

/* s->pub from the fields copied (all of them), the story and the
 * snippet. */
static void fill_pub(struct slot *s, size_t rank, double score, uint64_t docid)
{
	s->pub.rank = rank;
	s->pub.score = score;
	s->pub.docid = docid;
	s->pub.id = s->field[NS_FIELD_ID];
	s->pub.id_len = s->field_len[NS_FIELD_ID];
	s->pub.title = s->field[NS_FIELD_TITLE];
	s->pub.title_len = s->field_len[NS_FIELD_TITLE];
	s->pub.date = s->field[NS_FIELD_DATE];
	s->pub.source = s->field[NS_FIELD_SOURCE];
	s->pub.source_len = s->field_len[NS_FIELD_SOURCE];
	s->pub.url = s->field[NS_FIELD_URL];
	s->pub.url_len = s->field_len[NS_FIELD_URL];
	s->pub.path = s->field[NS_FIELD_PATH];
	s->pub.path_len = s->field_len[NS_FIELD_PATH];
	s->pub.snippet = s->snip ? s->snip->text : "";
	s->pub.snippet_bytes = s->snip ? s->snip->len : 0;
	s->pub.highlights = s->snip ? (const size_t(*)[2])s->snip->hl : NULL;
	s->pub.n_highlights = s->snip ? s->snip->n_hl : 0;
	s->loaded = 1;
}

/* Every field of hit i, its story and its snippet into s->pub. */
static int load(struct ns_results_handle *r, size_t i, struct slot *s)
{
	const struct ns_hit *hit = &r->top.heap[r->first + i];
	int rc = NS_OK;

	for (int f = NS_FIELD_ID; f <= NS_FIELD_PATH && rc == NS_OK; f++)
		rc = slot_field(r, i, s, (enum ns_field)f);
	if (rc != NS_OK)
		return rc;
	if (!s->pub.story) {
		pthread_mutex_lock(&r->h->mu);
		rc = read_story(r, hit->docid, s);
		pthread_mutex_unlock(&r->h->mu);
		if (rc != NS_OK)
			return rc;
	}
	if (r->snippet_len && !s->snip) {
		struct ns_snip *snip = calloc(1, sizeof(*snip));
		char *text;
		size_t len;
		if (!snip)
			return NS_ERR_NOMEM;
		/* the segment's inflated group and the analyzer's stemmer
		 * are shared by the handle's searches */
		pthread_mutex_lock(&r->h->mu);
		rc = ns_doc_text(&s->doc, &text, &len);
		if (rc == NS_OK) {
			rc = ns_snippet_build(r->h->ix->an, text, len, r->terms, r->n_terms,
					      r->snippet_len, snip);
			free(text);
		}
		pthread_mutex_unlock(&r->h->mu);
		if (rc != NS_OK) {
			free(snip);
			return rc;
		}
		s->snip = snip;
	}
	fill_pub(s, r->first + i + 1, hit->score, hit->docid);
	return NS_OK;
}

int ns_lib_load_doc(struct ns_results_handle *r, uint64_t docid, size_t rank, double score,
		    struct slot *s)
{
	int rc = read_doc(r, docid, s);

	for (int f = NS_FIELD_ID; f <= NS_FIELD_PATH && rc == NS_OK; f++)
		rc = copy_field(r, s, (enum ns_field)f);
	if (rc == NS_OK)
		rc = read_story(r, docid, s);
	if (rc == NS_OK)
		fill_pub(s, rank, score, docid);
	return rc;
}

void ns_lib_release_slot(struct slot *s)
{
	release_slot(s);
}

struct slot *ns_lib_slot_at(struct ns_results_handle *r, size_t i)
{
	return slot_at(r, i);
}

int ns_results_hit(ns_results *r, size_t i, const ns_result **hit)
{
	struct slot *s;
	int rc;

	if (!r || !hit || i >= ns_results_size(r))
		return NS_ERR_USAGE;
	s = slot_at(r, i);
	if (!s->loaded && (rc = load(r, i, s)) != NS_OK)
		return fail(r->h, rc);
	*hit = &s->pub;
	return NS_OK;
}

double ns_results_score(const ns_results *r, size_t i)
{
	return r && i < ns_results_size(r) ? r->top.heap[r->first + i].score : 0;
}

uint64_t ns_results_docid(const ns_results *r, size_t i)
{
	return r && i < ns_results_size(r) ? r->top.heap[r->first + i].docid : 0;
}

int ns_results_field(ns_results *r, size_t i, enum ns_field field, const char **value,
		     size_t *len)
{
	struct slot *s;
	int rc;

	if (!r || !value || i >= ns_results_size(r) || (unsigned)field > NS_FIELD_PATH)
		return NS_ERR_USAGE;
	s = slot_at(r, i);
	if ((rc = slot_field(r, i, s, field)) != NS_OK)
		return fail(r->h, rc);
	*value = s->field[field];
	if (len)
		*len = s->field_len[field];
	return NS_OK;
}

int ns_results_explain(ns_results *r, size_t i, const ns_explanation **ex)
{
	struct slot_ex *x;
	struct slot *s;
	int rc;

	if (!r || !ex || i >= ns_results_size(r))
		return NS_ERR_USAGE;
	if (!r->m)
		return NS_DONE;	/* all articles, a story: no query to explain */
	s = slot_at(r, i);
	if (!s->ex) {
		if (!(x = calloc(1, sizeof(*x))))
			return fail(r->h, NS_ERR_NOMEM);
		pthread_mutex_lock(&r->h->mu);
		rc = ns_match_explain(r->m, r->top.heap[r->first + i].docid, &x->raw);
		pthread_mutex_unlock(&r->h->mu);
		if (rc != NS_OK) {
			free(x);
			return rc < 0 ? fail(r->h, rc) : rc;
		}
		x->items = calloc(x->raw.n_terms + 1, sizeof(*x->items));
		if (!x->items) {
			ns_explain_release(&x->raw);
			free(x);
			return fail(r->h, NS_ERR_NOMEM);
		}
		for (size_t t = 0; t < x->raw.n_terms; t++) {
			const struct ns_explain_term *e = &x->raw.terms[t];
			x->items[t] = (ns_explain_item){ e->text, e->filter, e->tf, e->tf_title,
							 e->df, e->idf, e->boost, e->weight };
		}
		x->pub = (ns_explanation){ x->raw.score, x->raw.n_docs, x->raw.doc_len,
					   x->raw.avg_doc_len, x->raw.k1, x->raw.b, x->raw.norm,
					   x->raw.title_len, x->raw.title_weight, x->raw.proximity,
					   x->raw.prox_weight, x->items, x->raw.n_terms };
		s->ex = x;
	}
	*ex = &s->ex->pub;
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
