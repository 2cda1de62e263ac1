/* SPDX-License-Identifier: MIT */
/* merge.c -- the merge policy and the merge itself (see merge.h). */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "segreader.h"
#include "segwriter.h"
#include "textdict.h"

static int tier_of(uint64_t live)
{
	int t = 0;

	while (live >= NS_MERGE_FACTOR) {
		live /= NS_MERGE_FACTOR;
		t++;
	}
	return t;
}

/* A plan being made.  A merged group stands in it as its first segment
 * (alive), with the others' live documents added; gid maps it to its group. */
struct plan {
	const struct ns_merge_seg *segs;
	size_t n;
	uint64_t *live;		/* live documents of each plan segment */
	int *alive;		/* a segment of the plan */
	int *gid;		/* plan segment -> group */
	int *group;		/* the caller's: segment -> group */
	size_t n_groups;
};

/* --compact: every segment with live documents into one group, unless that
 * is one segment with nothing to expunge.  Needs no memory, so that an
 * explicit compaction is never left out. */
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

/* Merges the plan segments of tier t into group g (the group of the first
 * of them, `first`). */
static void merge_into(struct plan *p, int t, size_t first, int g)
{
	for (size_t i = 0; i < p->n; i++) {
		if (!p->alive[i] || tier_of(p->live[i]) != t)
			continue;
		if (p->gid[i] >= 0 && p->gid[i] != g) {
			/* a group joins another: relabel it */
			int old = p->gid[i];
			for (size_t k = 0; k < p->n; k++) {
				if (p->group[k] == old)
					p->group[k] = g;
				if (p->gid[k] == old)
					p->gid[k] = g;
			}
		} else if (p->gid[i] < 0) {
			p->group[i] = g;
			p->gid[i] = g;
		}
		if (i != first) {
			p->live[first] += p->live[i];
			p->alive[i] = 0;
		}
	}
}

/* Merges tier t when it is full or holds a segment worth expunging;
 * returns 1 when it did. */
static int merge_tier(struct plan *p, int t)
{
	size_t count = 0, first = p->n;
	int expunge = 0;

	for (size_t i = 0; i < p->n; i++) {
		if (!p->alive[i] || tier_of(p->live[i]) != t)
			continue;
		count++;
		if (first == p->n)
			first = i;
		/* only an original segment can be expunged */
		if (p->gid[i] < 0 && p->group[i] == -1 &&
		    (uint64_t)p->segs[i].n_deleted * NS_MERGE_EXPUNGE > p->segs[i].n_docs)
			expunge = 1;
	}
	if (count < NS_MERGE_FACTOR && !expunge)
		return 0;
	merge_into(p, t, first, p->gid[first] >= 0 ? p->gid[first] : (int)p->n_groups++);
	return 1;
}

/* Relabelling may leave holes: numbers the groups 0.. in the order of
 * their first segment (when memory allows; holes are harmless). */
static void renumber(struct plan *p)
{
	int *map = malloc((p->n + 1) * sizeof(*map));
	size_t next = 0;

	if (!map)
		return;
	for (size_t i = 0; i < p->n; i++)
		map[i] = -1;
	for (size_t i = 0; i < p->n; i++) {
		if (p->group[i] < 0)
			continue;
		if (map[p->group[i]] < 0)
			map[p->group[i]] = (int)next++;
		p->group[i] = map[p->group[i]];
	}
	p->n_groups = next;
	free(map);
}

size_t ns_merge_plan(const struct ns_merge_seg *segs, size_t n, int all, int *group)
{
	struct plan p = { segs, n, NULL, NULL, NULL, group, 0 };

	if (all)
		return plan_all(segs, n, group);
	p.live = calloc(n + 1, sizeof(*p.live));
	p.alive = calloc(n + 1, sizeof(*p.alive));
	p.gid = calloc(n + 1, sizeof(*p.gid));
	if (!p.live || !p.alive || !p.gid) {
		/* no plan is a valid plan: nothing merges */
		for (size_t i = 0; i < n; i++)
			group[i] = segs[i].n_deleted >= segs[i].n_docs ? -2 : -1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		p.live[i] = segs[i].n_docs - segs[i].n_deleted;
		group[i] = p.live[i] == 0 ? -2 : -1;
		p.alive[i] = p.live[i] > 0;
		p.gid[i] = -1;
	}
	/* merge the lowest full tier, again and again, until none is */
	for (;;) {
		int merged = 0;
		for (int t = 0; t < 64 && !merged; t++)
			merged = merge_tier(&p, t);
		if (!merged)
			break;
	}
	renumber(&p);
out:
	free(p.live);
	free(p.alive);
	free(p.gid);
	return p.n_groups;
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
	/* a raw text dictionary where one of the inputs had one (textdict.h):
	 * their writer had the memory for it */
	for (size_t i = 0; i < n && rc == NS_OK; i++)
		if (ns_segr_text_dict_len(segs[i]) >= NS_TEXTDICT_LEN) {
			ns_segw_allow_raw_dict(w);
			break;
		}
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
