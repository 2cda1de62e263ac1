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

#define NS_LIB_N_FIELDS (NS_FIELD_PATH + 1)

struct ns_index_handle {
	struct ns_index *ix;	/* NULL when the open failed */
	struct ns_stories *st;	/* its story map (stories.h); NULL for
				 * several indexes opened as one: stories
				 * are kept per index */
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

/* A hit as handed out.  Nothing is read at search time: the record on the
 * first field asked (ns_results_field(), ns_results_hit()), each field's
 * copy when it is asked, the snippet, the story and the explanations on
 * demand. */
struct slot {
	int have_doc;		/* doc holds the record (checked) */
	struct ns_doc doc;	/* points into the index's mapped files */
	const char *field[NS_LIB_N_FIELDS];	/* NUL-terminated copies, or NULL */
	size_t field_len[NS_LIB_N_FIELDS];
	int loaded;		/* pub complete (ns_results_hit) */
	ns_result pub;
	char story[17];		/* pub.story: its id, or "" */
	struct ns_snip *snip;	/* malloc'd, or NULL */
	struct slot_ex *ex;	/* malloc'd, or NULL */
	struct slot_story *sx;	/* NULL until a story accessor ran */
};

/* A hit's explanation, as ns_results_explain() hands it out. */
struct slot_ex {
	struct ns_explain raw;
	ns_explanation pub;
	ns_explain_item *items;
};

/* Copies of the hits' fields, packed in blocks that never move (the
 * pointers handed out stay valid until the results are freed): one
 * malloc for the fields of many hits instead of one per string. */
struct strblock {
	struct strblock *next;
	size_t used, cap;
	char data[];
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
	struct slot *slots;	/* slot i is zeroed when first used (slot_at) */
	uint8_t *slot_used;	/* per slot: 1 once zeroed */
	struct strblock *strs;	/* newest first */
	char msg[512];		/* the matcher's message: it writes here while it
				 * runs (a NEAR too costly to check), so it must
				 * live as long as the matcher, not the compile */
};

/* lib/search.c's helpers for lib/story.c.  Under the handle's lock where
 * said. */

/* Records rc on h with the index directory (and the story map's file
 * name for a story map error); returns rc. */
int ns_lib_fail(ns_index *h, int rc);

/* Loads slot s (zeroed) with every field of global docid and its story,
 * copies in r's string blocks (rank and score as given, no snippet); under
 * the lock.  NS_OK or an index error. */
int ns_lib_load_doc(struct ns_results_handle *r, uint64_t docid, size_t rank, double score,
		    struct slot *s);

/* Hit i's slot, zeroed on its first use. */
struct slot *ns_lib_slot_at(struct ns_results_handle *r, size_t i);

/* NS_OK when h has a story map; else NS_ERR_USAGE, recorded with a
 * message naming fn (several indexes opened as one). */
int ns_lib_need_stories(ns_index *h, const char *fn);

/* Frees what slot s holds and zeroes it. */
void ns_lib_release_slot(struct slot *s);

/* New results holding hits[0..n) (copied), for ns_story(): no query, no
 * snippets.  NULL when out of memory. */
struct ns_results_handle *ns_lib_results_of(ns_index *h, const struct ns_hit *hits, size_t n);

#endif /* NS_SEARCH_INT_H */
