/* SPDX-License-Identifier: MIT */
/* search_int.h -- the handles of the search side of nsearch.h, shared by
 * lib/search.c (open, options, search, hits) and lib/story.c (the story
 * accessors).  Not installed.
 */
#ifndef NS_SEARCH_INT_H
#define NS_SEARCH_INT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "nsearch.h"
#include "daterange.h"
#include "index.h"
#include "match.h"
#include "rank.h"
#include "show.h"
#include "stories.h"

struct ns_index_handle {
	struct ns_index *ix;	/* NULL when the open failed */
	struct ns_stories *st;	/* its story map (stories.h) */
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
	enum ns_collapse collapse;
	int all;		/* ns_opts_set_all() */
};

/* What a hit's story accessors computed, kept until the results go. */
struct slot_story {
	int have_versions;
	uint64_t *version_ids;	/* docids, oldest first */
	size_t n_versions;
	struct slot *versions;	/* the first n_loaded of them, loaded */
	ns_result *version_pub;
	size_t n_loaded;
	int have_why;
	ns_story_explanation why;
	char *why_strs[11];	/* copy_of, then the shared terms */
	const char *shared[10];
	int have_summary;
	ns_story_summary sum;
	char *sources[8];
	char dates[2][11];	/* the summary's first and last date */
};

/* A hit as handed out, loaded on first use. */
struct slot {
	int loaded;
	ns_result pub;
	char *strs[5];		/* id, title, source, url, path copies */
	char date[64];
	char story[17];
	struct ns_snip snip;
	int have_snip;
	int have_ex;
	struct ns_explain raw;
	ns_explanation ex;
	ns_explain_item *items;
	struct slot_story *sx;	/* NULL until a story accessor ran */
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
	enum ns_collapse collapse;
	const char *const *terms;
	size_t n_terms;
	struct slot *slots;
	char msg[512];		/* the matcher's message: it writes here while it
				 * runs (a NEAR too costly to check), so it must
				 * live as long as the matcher, not the compile */
};

/* lib/search.c's helpers for lib/story.c.  Under the handle's lock where
 * said. */

/* Records rc on h with the index directory (and the story map's file
 * name for a story map error); returns rc. */
int ns_lib_fail(ns_index *h, int rc);

/* Loads slot s with the record of global docid (rank and score as given,
 * no snippet); under the lock.  NS_OK or an index error. */
int ns_lib_load_doc(ns_index *h, uint64_t docid, size_t rank, double score, struct slot *s);

/* Frees what slot s holds and zeroes it. */
void ns_lib_release_slot(struct slot *s);

/* New results holding hits[0..n) (copied), for ns_story(): no query, no
 * snippets.  NULL when out of memory. */
struct ns_results_handle *ns_lib_results_of(ns_index *h, const struct ns_hit *hits, size_t n);

#endif /* NS_SEARCH_INT_H */
