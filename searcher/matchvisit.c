/* SPDX-License-Identifier: MIT */
/* matchvisit.c -- every match handed out in batches, for counts by
 * column (match.h: ns_match_visit()).
 *
 * A count by day or source reads one column value per match; a call per
 * match cost more than the read.  So the walk hands out runs of docids:
 * a lone term's decoded postings blocks as they are (nothing to check
 * in them when the segment has no deletions), and any other query's
 * matches gathered from the plain walk of the cursors, NS_MATCH_VISIT_BATCH
 * at a time.  (ANDs, phrases and NEARs are walked by conj.c instead, which
 * gathers its matches the same way: match.c's ns_match_run().)
 */
#include "match.h"

#include <stdint.h>

#include "arrival.h"
#include "cursor.h"
#include "error.h"
#include "match_int.h"

int ns_match_visit(struct ns_match *m, ns_match_visit_fn fn, void *ctx, uint64_t *n_matches)
{
	uint64_t n = 0;
	int rc;

	m->visit = fn;
	m->visit_ctx = ctx;
	rc = ns_match_run(m, NULL, &n);
	m->visit = NULL;
	m->visit_ctx = NULL;
	if (n_matches)
		*n_matches = n;
	return rc;
}

/* Whether root's postings blocks are its matches as decoded: a term with
 * no per-document check (dates, title or body positions) and no deleted
 * document to skip. */
static int blocks_are_matches(const struct ns_cursor *root)
{
	const struct ns_pnode *p = root->p;

	return p->kind == P_TERM && root->has_post && !root->post.del && !p->date_check &&
	       !p->verify && p->field != NS_QF_TITLE && p->field != NS_QF_BODY;
}

/* The lone term's matches: each decoded block from the cursor's place. */
static int visit_blocks(struct ns_match *m, struct ns_cursor *root, uint32_t s, uint64_t *count)
{
	int rc = ns_cursor_advance(m, root, 0);

	while (rc == NS_OK && root->docid != NS_POST_END) {
		const struct ns_post *p = &root->post;
		uint32_t last = p->docs[p->blk_n - 1];

		*count += p->blk_n - p->i;
		rc = m->visit(m->visit_ctx, s, p->docs + p->i, p->blk_n - p->i);
		if (rc != NS_OK || last == NS_POST_END - 1)
			break;
		rc = ns_cursor_advance(m, root, last + 1);
	}
	return rc;
}

/* Any query: the plain walk (match.c's walk_segment() without scoring),
 * its matches gathered into batches. */
static int visit_gathered(struct ns_match *m, struct ns_cursor *root, uint32_t s, uint64_t *count)
{
	const struct ns_seginfo *g = &m->idx->m.segs[s];
	uint64_t after = ns_match_after(m, s);
	uint32_t batch[NS_MATCH_VISIT_BATCH];
	size_t n = 0;
	uint32_t d = 0;
	int rc;

	for (;;) {
		if (after) {	/* only the runs after the mark */
			d = ns_arrivals_next_after(g->arr, g->n_arr, after, d);
			if (d == UINT32_MAX)
				break;
		}
		rc = ns_cursor_advance(m, root, d);
		if (rc != NS_OK)
			return rc;
		if (root->docid == NS_POST_END)
			break;
		d = root->docid;
		if (after && ns_arrivals_next_after(g->arr, g->n_arr, after, d) != d)
			continue;	/* arrived before: d moves to the next run */
		batch[n++] = d;
		if (n == NS_MATCH_VISIT_BATCH) {
			*count += n;
			if ((rc = m->visit(m->visit_ctx, s, batch, n)) != NS_OK)
				return rc;
			n = 0;
		}
		if (d == NS_POST_END - 1)
			break;
		d++;
	}
	*count += n;
	return n ? m->visit(m->visit_ctx, s, batch, n) : NS_OK;
}

int ns_match_visit_segment(struct ns_match *m, struct ns_cursor *root, uint32_t s,
			   uint64_t *count)
{
	if (!ns_match_after(m, s) && blocks_are_matches(root))
		return visit_blocks(m, root, s, count);
	return visit_gathered(m, root, s, count);
}
