/* SPDX-License-Identifier: MIT */
/* merge.c -- the merge policy and the merge itself (see merge.h). */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "segwriter.h"

static int tier_of(uint64_t live)
{
	int t = 0;

	while (live >= NS_MERGE_FACTOR) {
		live /= NS_MERGE_FACTOR;
		t++;
	}
	return t;
}

/* --compact: everything with a live document into group 0.  Needs no
 * memory, so that an explicit compaction is never left out. */
static size_t plan_all(const struct ns_merge_seg *segs, size_t n, int *group)
{
	size_t k = 0, first = n;

	for (size_t i = 0; i < n; i++) {
		group[i] = segs[i].n_deleted >= segs[i].n_docs ? -2 : -1;
		if (group[i] == -1) {
			k++;
			if (first == n)
				first = i;
		}
	}
	if (k > 1 || (k == 1 && segs[first].n_deleted > 0)) {
		for (size_t i = 0; i < n; i++)
			if (group[i] == -1)
				group[i] = 0;
		return 1;
	}
	return 0;
}

size_t ns_merge_plan(const struct ns_merge_seg *segs, size_t n, int all, int *group)
{
	uint64_t *live;
	size_t n_groups = 0;
	int *alive, *gid;

	if (all)
		return plan_all(segs, n, group);
	live = calloc(n + 1, sizeof(*live));
	alive = calloc(n + 1, sizeof(*alive));	/* a segment of the plan */
	gid = calloc(n + 1, sizeof(*gid));	/* plan segment -> group */
	if (!live || !alive || !gid) {
		/* no plan is a valid plan: nothing merges */
		for (size_t i = 0; i < n; i++)
			group[i] = segs[i].n_deleted >= segs[i].n_docs ? -2 : -1;
		free(live);
		free(alive);
		free(gid);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		live[i] = segs[i].n_docs - segs[i].n_deleted;
		group[i] = live[i] == 0 ? -2 : -1;
		alive[i] = live[i] > 0;
		gid[i] = -1;
	}
	/* A merged group stands in the plan as its first segment (alive),
	 * with the others' live documents added; gid maps it to its group. */
	for (;;) {
		int merged = 0;
		for (int t = 0; t < 64 && !merged; t++) {
			size_t count = 0, first = n;
			int expunge = 0;
			for (size_t i = 0; i < n; i++) {
				if (!alive[i] || tier_of(live[i]) != t)
					continue;
				count++;
				if (first == n)
					first = i;
				/* only an original segment can be expunged */
				if (gid[i] < 0 && group[i] == -1 &&
				    (uint64_t)segs[i].n_deleted * NS_MERGE_EXPUNGE > segs[i].n_docs)
					expunge = 1;
			}
			if (count < NS_MERGE_FACTOR && !expunge)
				continue;
			/* merge tier t: into the group of its first member */
			int g = gid[first] >= 0 ? gid[first] : (int)n_groups++;
			for (size_t i = 0; i < n; i++) {
				if (!alive[i] || tier_of(live[i]) != t)
					continue;
				if (gid[i] >= 0 && gid[i] != g) {
					/* a group joins another: relabel it */
					int old = gid[i];
					for (size_t k = 0; k < n; k++) {
						if (group[k] == old)
							group[k] = g;
						if (gid[k] == old)
							gid[k] = g;
					}
				} else if (gid[i] < 0) {
					group[i] = g;
					gid[i] = g;
				}
				if (i != first) {
					live[first] += live[i];
					alive[i] = 0;
				}
			}
			merged = 1;
		}
		if (!merged)
			break;
	}
	/* Relabelling may leave holes: number the groups 0.. in the order
	 * of their first segment. */
	{
		int *map = malloc((n + 1) * sizeof(*map));
		size_t next = 0;
		if (map) {
			for (size_t i = 0; i < n; i++)
				map[i] = -1;
			for (size_t i = 0; i < n; i++) {
				if (group[i] < 0)
					continue;
				if (map[group[i]] < 0)
					map[group[i]] = (int)next++;
				group[i] = map[group[i]];
			}
			n_groups = next;
			free(map);
		}
	}
	free(live);
	free(alive);
	free(gid);
	return n_groups;
}

/* One input segment's dictionary during the merge. */
struct head {
	struct ns_term_iter *it;
	const char *term;	/* current term, NULL when done */
	size_t len;
	struct ns_term_info ti;
};

static int head_next(struct head *h)
{
	int rc = ns_term_iter_next(h->it, &h->term, &h->len, &h->ti);

	if (rc == NS_DONE) {
		h->term = NULL;
		return NS_OK;
	}
	return rc;
}

static int copy_docs(struct ns_segw *w, struct ns_segr *const *segs, size_t n,
		     uint32_t *const *remap)
{
	uint32_t next = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t nd = ns_segr_n_docs(segs[i]);
		for (uint32_t d = 0; d < nd; d++) {
			struct ns_doc doc;
			uint32_t title_len, doc_len;
			int rc;
			if (ns_segr_is_deleted(segs[i], d)) {
				remap[i][d] = UINT32_MAX;
				continue;
			}
			rc = ns_segr_doc(segs[i], d, &doc);
			if (rc == NS_OK)
				rc = ns_segr_norms(segs[i], d, &title_len, &doc_len);
			if (rc == NS_OK)
				rc = ns_segw_add_stored(w, &doc, title_len, doc_len);
			if (rc != NS_OK)
				return rc;
			remap[i][d] = next++;
		}
	}
	return NS_OK;
}

/* Copies the live postings of the term at heads[k] for every k >= from
 * whose term is the same. */
static int copy_term(struct ns_segw *w, struct ns_segr *const *segs, size_t n, struct head *heads,
		     uint32_t *const *remap, const char *term, size_t len)
{
	int begun = 0, rc = NS_OK;

	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		struct ns_post p;
		if (!heads[i].term || ns_fmt_term_cmp(heads[i].term, heads[i].len, term, len) != 0)
			continue;
		rc = ns_post_open(&p, segs[i], &heads[i].ti);
		while (rc == NS_OK && (rc = ns_post_next(&p)) == NS_OK) {
			const uint32_t *pos;
			uint32_t tf;
			rc = ns_post_positions(&p, &pos, &tf);
			if (rc == NS_OK && !begun) {
				rc = ns_segw_term_begin(w, term, len);
				begun = 1;
			}
			if (rc == NS_OK)
				rc = ns_segw_term_doc(w, remap[i][p.docid], pos, tf);
		}
		ns_post_release(&p);
		if (rc == NS_DONE)
			rc = NS_OK;
	}
	if (rc == NS_OK && begun)
		rc = ns_segw_term_end(w);
	return rc;
}

int ns_merge_segments(const char *dir, struct ns_segr *const *segs, size_t n, uint32_t new_id,
		      uint32_t *const *remap, struct ns_seginfo *out)
{
	struct ns_segw *w = NULL;
	struct head *heads = calloc(n + 1, sizeof(*heads));
	char term[NS_FMT_MAX_TERM_LEN + 1];
	int rc;

	memset(out, 0, sizeof(*out));
	if (!heads)
		return NS_ERR_NOMEM;
	rc = ns_segw_open(dir, new_id, &w);
	if (rc == NS_OK)
		rc = copy_docs(w, segs, n, remap);
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		rc = ns_term_iter_new(segs[i], &heads[i].it);
		if (rc == NS_OK)
			rc = head_next(&heads[i]);
	}
	while (rc == NS_OK) {
		/* few segments: a linear minimum */
		long min = -1;
		size_t len;
		for (size_t i = 0; i < n; i++)
			if (heads[i].term &&
			    (min < 0 || ns_fmt_term_cmp(heads[i].term, heads[i].len, heads[min].term,
						 heads[min].len) < 0))
				min = (long)i;
		if (min < 0)
			break;
		len = heads[min].len;
		memcpy(term, heads[min].term, len);
		rc = copy_term(w, segs, n, heads, remap, term, len);
		for (size_t i = 0; i < n && rc == NS_OK; i++)
			if (heads[i].term && ns_fmt_term_cmp(heads[i].term, heads[i].len, term, len) == 0)
				rc = head_next(&heads[i]);
	}
	if (rc == NS_OK) {
		out->id = new_id;
		out->n_docs = ns_segw_n_docs(w);
		out->n_tokens = ns_segw_n_tokens(w);
		out->n_title_tokens = ns_segw_n_title_tokens(w);
		rc = ns_segw_finish(w);
	} else {
		ns_segw_abort(w);
	}
	for (size_t i = 0; i < n; i++)
		ns_term_iter_free(heads[i].it);
	free(heads);
	return rc;
}
