/* SPDX-License-Identifier: MIT */
/* collapse.c -- one hit per story or group of copies (collapse.h). */
#include "collapse.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"

int ns_collapse_hits(struct ns_stories *st, enum ns_collapse mode,
		     struct ns_hit *hits, size_t *n)
{
	/* head[s]: 1 + the first kept hit of story s; next[]: the kept
	 * hits of one story in a chain (mode dups compares with each) */
	uint32_t *head, *next = NULL;
	size_t kept = 0;

	if (mode == NS_COLLAPSE_OFF)
		return NS_OK;
	head = calloc((size_t)ns_stories_count(st) + 1, sizeof(*head));
	if (mode == NS_COLLAPSE_COPIES)
		next = calloc(*n + 1, sizeof(*next));
	if (!head || (mode == NS_COLLAPSE_COPIES && !next)) {
		free(head);
		free(next);
		return NS_ERR_NOMEM;
	}
	for (size_t i = 0; i < *n; i++) {
		uint32_t s = ns_stories_of(st, hits[i].docid);
		int fold = 0;
		if (s != NS_STORY_NONE && mode == NS_COLLAPSE_STORIES) {
			fold = head[s] != 0;
			head[s] = 1;
		} else if (s != NS_STORY_NONE) {
			for (uint32_t k = head[s]; k && !fold; k = next[k - 1])
				fold = ns_stories_are_copies(st, hits[k - 1].docid, hits[i].docid);
			if (!fold) {
				next[kept] = head[s];
				head[s] = (uint32_t)kept + 1;
			}
		}
		if (!fold)
			hits[kept++] = hits[i];
	}
	*n = kept;
	free(head);
	free(next);
	return NS_OK;
}

struct dated {
	int64_t date;
	uint64_t docid;
};

static int oldest_first(const void *x, const void *y)
{
	const struct dated *a = x, *b = y;
	int an = a->date == NS_DATE_NONE, bn = b->date == NS_DATE_NONE;

	if (an != bn)
		return an - bn;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->docid < b->docid ? -1 : a->docid > b->docid;
}

int ns_collapse_sort_by_date(struct ns_index *idx, uint64_t *docids, size_t n)
{
	struct dated *v = malloc((n + 1) * sizeof(*v));
	int rc = NS_OK;

	if (!v)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		uint32_t seg, local;
		ns_index_locate(idx, docids[i], &seg, &local);
		v[i].docid = docids[i];
		rc = ns_segr_date(idx->segs[seg], local, &v[i].date);
	}
	if (rc == NS_OK) {
		qsort(v, n, sizeof(*v), oldest_first);
		for (size_t i = 0; i < n; i++)
			docids[i] = v[i].docid;
	}
	free(v);
	return rc;
}

int ns_collapse_versions(struct ns_index *idx, struct ns_stories *st,
			 enum ns_collapse mode, uint64_t lead, uint64_t **out, size_t *n_out)
{
	uint32_t s = ns_stories_of(st, lead);
	const uint32_t *mem;
	size_t n_mem, k = 0;
	uint64_t *v;
	int rc;

	*out = NULL;
	*n_out = 0;
	if (s == NS_STORY_NONE || mode == NS_COLLAPSE_OFF)
		return NS_OK;
	rc = ns_stories_members(st, s, &mem, &n_mem);
	if (rc != NS_OK)
		return rc;
	v = malloc((n_mem + 1) * sizeof(*v));
	if (!v)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < n_mem; i++)
		if (mem[i] != lead &&
		    (mode == NS_COLLAPSE_STORIES || ns_stories_are_copies(st, lead, mem[i])))
			v[k++] = mem[i];
	rc = ns_collapse_sort_by_date(idx, v, k);
	if (rc != NS_OK) {
		free(v);
		return rc;
	}
	*out = v;
	*n_out = k;
	return NS_OK;
}
