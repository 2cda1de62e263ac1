/* SPDX-License-Identifier: MIT */
/* segmerge.c -- merge the segments of an update (segmerge.h). */
#include "segmerge.h"

#include <stdlib.h>

#include "error.h"
#include "merge.h"
#include "wordforms_write.h"

/* Where document d of segment s is now: its segment and docid, or 0. */
static int remap_doc(struct ns_segset *set, uint32_t *seg, uint32_t *d)
{
	struct ns_segstate *s = ns_segset_find(set, *seg);

	if (!s || s->group == -2)
		return 0;
	if (s->group == -1)
		return 1;
	if (*d >= s->info.n_docs || s->remap[*d] == UINT32_MAX)
		return 0;
	*seg = s->merged_into;
	*d = s->remap[*d];
	return 1;
}

void ns_segmerge_remap_file(struct ns_segset *set, struct ns_filestate *f)
{
	uint32_t n = 0;

	for (uint32_t k = 0; k < f->n_ext; k++) {
		struct ns_extent e = f->ext[k];
		struct ns_segstate *s = ns_segset_find(set, e.seg);
		uint32_t first = UINT32_MAX, count = 0;
		if (!s || s->group == -2)
			continue;
		if (s->group >= 0) {
			for (uint64_t d = e.first; d < (uint64_t)e.first + e.count && d < s->info.n_docs;
			     d++) {
				if (s->remap[d] == UINT32_MAX)
					continue;
				if (first == UINT32_MAX)
					first = s->remap[d];
				count++;
			}
			if (count == 0)
				continue;
			e = (struct ns_extent){ s->merged_into, first, count };
		}
		if (n > 0 && f->ext[n - 1].seg == e.seg &&
		    f->ext[n - 1].first + f->ext[n - 1].count == e.first)
			f->ext[n - 1].count += e.count;
		else
			f->ext[n++] = e;
	}
	f->n_ext = n;
	if ((f->flags & NS_FMT_FILE_TAIL) && !remap_doc(set, &f->tail_seg, &f->tail_doc))
		f->flags &= ~NS_FMT_FILE_TAIL;
}

/* The arrivals of group g's merge output (arrival.h): its members' runs
 * through their remaps, in the members' order (the merge's input order). */
static int merged_arrivals(const struct ns_segset *set, int g, struct ns_seginfo *info)
{
	const struct ns_arrival_run **in = calloc(set->n + 1, sizeof(*in));
	const uint32_t **remap = calloc(set->n + 1, sizeof(*remap));
	uint32_t *n_run = calloc(set->n + 1, sizeof(*n_run));
	struct ns_arrivals out = { NULL, 0, 0 };
	size_t k = 0;
	int rc = NS_ERR_NOMEM;

	if (in && remap && n_run) {
		for (size_t i = 0; i < set->n; i++) {
			const struct ns_segstate *s = &set->seg[i];
			if (s->group != g)
				continue;
			in[k] = s->info.arr;
			n_run[k] = s->info.n_arr;
			remap[k++] = s->remap;
		}
		rc = ns_arrivals_merge(in, n_run, remap, k, &out);
	}
	if (rc == NS_OK) {
		info->arr = out.run;
		info->n_arr = out.n;
	}
	free(in);
	free(remap);
	free(n_run);
	return rc;
}

/* The word forms file of merge output id: the sum of its inputs' (format.h:
 * counts of deleted documents included). */
static int merge_forms(const struct ns_segset *set, const char *dir, int group, uint32_t id)
{
	uint32_t *ids = malloc((set->n + 1) * sizeof(*ids));
	size_t k = 0;
	int rc;

	if (!ids)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < set->n; i++)
		if (set->seg[i].group == group)
			ids[k++] = set->seg[i].info.id;
	rc = ns_wfw_merge(dir, ids, k, id);
	free(ids);
	return rc;
}

int ns_segmerge_run(struct ns_segset *set, const char *dir, int compact, uint32_t *next_id,
		    uint32_t *n_merged)
{
	size_t n = set->n, n_groups;
	struct ns_merge_seg *ms = calloc(n + 1, sizeof(*ms));
	int *group = calloc(n + 1, sizeof(*group));
	struct ns_segr **in = calloc(n + 1, sizeof(*in));
	uint32_t **remap = calloc(n + 1, sizeof(*remap));
	int rc = NS_OK;

	if (!ms || !group || !in || !remap) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		ms[i].n_docs = set->seg[i].info.n_docs;
		ms[i].n_deleted = set->seg[i].info.n_deleted;
	}
	n_groups = ns_merge_plan(ms, n, compact, group);
	for (size_t i = 0; i < n; i++)
		set->seg[i].group = group[i];
	for (size_t g = 0; g < n_groups && rc == NS_OK; g++) {
		struct ns_seginfo info;
		size_t k = 0;
		uint32_t id = (*next_id)++;
		for (size_t i = 0; i < n && rc == NS_OK; i++) {
			struct ns_segstate *s = &set->seg[i];
			if (s->group != (int)g)
				continue;
			s->remap = malloc(((size_t)s->info.n_docs + 1) * sizeof(*s->remap));
			if (!s->remap) {
				rc = NS_ERR_NOMEM;
				break;
			}
			if (s->del)
				ns_segr_set_deleted(s->r, s->del);
			s->merged_into = id;
			in[k] = s->r;
			remap[k] = s->remap;
			k++;
			(*n_merged)++;
		}
		if (rc != NS_OK)
			break;
		rc = ns_merge_segments(dir, in, k, id, remap, &info);
		if (rc == NS_OK)
			rc = merged_arrivals(set, (int)g, &info);
		if (rc == NS_OK) {
			rc = merge_forms(set, dir, (int)g, id);
			if (rc != NS_OK)
				free(info.arr);
		}
		if (rc == NS_OK) {
			struct ns_segstate *s = ns_segset_add(set);
			if (!s) {
				free(info.arr);
				rc = NS_ERR_NOMEM;
				break;
			}
			s->info = info;
			s->is_new = 1;
			s->group = -3 - (int)g;	/* the output of group g */
		}
	}
out:
	free(ms);
	free(group);
	free(in);
	free(remap);
	return rc;
}
