/* SPDX-License-Identifier: MIT */
/* segset.c -- the segments of an index during an update (segset.h). */
#include "segset.h"

#include <stdlib.h>
#include <string.h>

#include "deletes.h"
#include "error.h"

struct ns_segstate *ns_segset_find(struct ns_segset *set, uint32_t id)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->seg[i].info.id == id)
			return &set->seg[i];
	return NULL;
}

struct ns_segstate *ns_segset_add(struct ns_segset *set)
{
	struct ns_segstate *s;

	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16;
		struct ns_segstate *p = realloc(set->seg, cap * sizeof(*p));
		if (!p)
			return NULL;
		set->seg = p;
		set->cap = cap;
	}
	s = &set->seg[set->n++];
	memset(s, 0, sizeof(*s));
	s->group = -1;
	return s;
}

int ns_segset_mark_deleted(struct ns_segstate *s, uint32_t d)
{
	uint32_t title_len, doc_len;
	int rc;

	if (d >= s->info.n_docs)
		return NS_OK;	/* a stale extent: nothing there */
	if (!s->del) {
		const uint8_t *had = ns_segr_deleted(s->r);
		s->del = calloc(ns_del_bytes(s->info.n_docs) + 1, 1);
		if (!s->del)
			return NS_ERR_NOMEM;
		if (had)
			memcpy(s->del, had, ns_del_bytes(s->info.n_docs));
	}
	if (ns_del_test(s->del, d))
		return NS_OK;
	rc = ns_segr_norms(s->r, d, &title_len, &doc_len);
	if (rc != NS_OK)
		return rc;
	ns_del_set(s->del, d);
	s->info.n_deleted++;
	s->info.deleted_tokens += doc_len;
	s->info.deleted_title_tokens += title_len;
	s->changed = 1;
	return NS_OK;
}

int ns_segset_delete_file(struct ns_segset *set, const struct ns_filestate *f)
{
	for (uint32_t k = 0; k < f->n_ext; k++) {
		struct ns_segstate *s = ns_segset_find(set, f->ext[k].seg);
		if (!s)
			continue;
		for (uint64_t d = f->ext[k].first; d < (uint64_t)f->ext[k].first + f->ext[k].count;
		     d++) {
			int rc = ns_segset_mark_deleted(s, (uint32_t)d);
			if (rc != NS_OK)
				return rc;
		}
	}
	return NS_OK;
}

struct find_ctx {
	struct ns_segstate *s;
	int found;
	int rc;
};

static int on_same_id(void *ctx, uint32_t docid)
{
	struct find_ctx *c = ctx;

	/* only an article live before this run counts: the one I8 allows */
	if (ns_segr_is_deleted(c->s->r, docid))
		return 0;
	c->found = 1;
	c->rc = ns_segset_mark_deleted(c->s, docid);
	return 1;
}

int ns_segset_replace_old(struct ns_segset *set, const char *id, size_t len, int *replaced)
{
	*replaced = 0;
	for (size_t i = 0; i < set->n; i++) {
		struct ns_segstate *s = &set->seg[i];
		struct find_ctx c = { s, 0, NS_OK };
		int rc;
		if (s->is_new || s->live0 == 0)
			continue;
		rc = ns_segr_find_id(s->r, id, len, on_same_id, &c);
		if (rc < 0)
			return rc;
		if (c.rc != NS_OK)
			return c.rc;
		if (c.found) {
			*replaced = 1;
			return NS_OK;
		}
	}
	return NS_OK;
}

void ns_segset_release(struct ns_segset *set)
{
	for (size_t i = 0; i < set->n; i++) {
		ns_segr_close(set->seg[i].r);
		free(set->seg[i].del);
		free(set->seg[i].remap);
		if (set->seg[i].is_new)
			free(set->seg[i].info.arr);	/* else the old MANIFEST's */
	}
	free(set->seg);
	memset(set, 0, sizeof(*set));
}
