/* SPDX-License-Identifier: MIT */
/* collapse.c -- one hit per story or group of copies (collapse.h). */
#include "collapse.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"

/* The groups met so far, by story: an open-addressing table sized to the
 * hits rather than an array over every story of the index (at a million
 * articles that array was megabytes to clear for a top 10). */
struct groups {
	uint32_t *story;	/* NS_STORY_NONE: a free slot */
	uint32_t *head;		/* 1 + the first kept hit of the slot's story */
	size_t mask;
};

/* Room for n distinct stories at most half full. */
static int groups_init(struct groups *g, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	g->mask = cap - 1;
	g->story = malloc(cap * sizeof(*g->story));
	g->head = calloc(cap, sizeof(*g->head));
	if (!g->story || !g->head) {
		free(g->story);
		free(g->head);
		return NS_ERR_NOMEM;
	}
	memset(g->story, 0xff, cap * sizeof(*g->story));
	return NS_OK;
}

/* The head slot of story s, claimed when s was not met yet (its head 0). */
static uint32_t *groups_head(struct groups *g, uint32_t s)
{
	size_t i = ((uint64_t)s * 0x9E3779B97F4A7C15u >> 32) & g->mask;

	while (g->story[i] != s && g->story[i] != NS_STORY_NONE)
		i = (i + 1) & g->mask;
	g->story[i] = s;
	return &g->head[i];
}

int ns_collapse_hits(struct ns_stories *st, enum ns_collapse mode,
		     struct ns_hit *hits, size_t *n)
{
	/* a story's head: 1 + its first kept hit; next[]: the kept hits of
	 * one story in a chain (mode dups compares with each) */
	struct groups g;
	uint32_t *next = NULL;
	size_t kept = 0;

	if (mode == NS_COLLAPSE_OFF)
		return NS_OK;
	/* at most one group per hit, and per story */
	if (groups_init(&g, *n < ns_stories_count(st) ? *n : (size_t)ns_stories_count(st)) != NS_OK)
		return NS_ERR_NOMEM;
	if (mode == NS_COLLAPSE_COPIES && !(next = calloc(*n + 1, sizeof(*next)))) {
		free(g.story);
		free(g.head);
		return NS_ERR_NOMEM;
	}
	for (size_t i = 0; i < *n; i++) {
		uint32_t s = ns_stories_of(st, hits[i].docid);
		int fold = 0;
		if (s != NS_STORY_NONE && mode == NS_COLLAPSE_STORIES) {
			uint32_t *head = groups_head(&g, s);
			fold = *head != 0;
			*head = 1;
		} else if (s != NS_STORY_NONE) {
			uint32_t *head = groups_head(&g, s);
			for (uint32_t k = *head; k && !fold; k = next[k - 1])
				fold = ns_stories_are_copies(st, hits[k - 1].docid, hits[i].docid);
			if (!fold) {
				next[kept] = *head;
				*head = (uint32_t)kept + 1;
			}
		}
		if (!fold)
			hits[kept++] = hits[i];
	}
	*n = kept;
	free(g.story);
	free(g.head);
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
