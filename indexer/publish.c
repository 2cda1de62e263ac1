/* SPDX-License-Identifier: MIT */
/* publish.c -- make an update visible (publish.h). */
#include "publish.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deletes.h"
#include "error.h"
#include "fileio.h"
#include "indexdir.h"

static int cmp_state(const void *x, const void *y)
{
	const struct ns_filestate *a = x, *c = y;
	int r = strcmp(a->path, c->path);
	return r ? r : strcmp(a->id, c->id);
}

int ns_publish(struct ns_segset *set, const struct ns_publish_in *in, uint32_t *n_segs,
	       uint64_t *index_bytes, char *msg, size_t msglen)
{
	struct ns_manifest m;
	struct ns_seginfo *segs = calloc(set->n + 1, sizeof(*segs));
	char **remembered = calloc(in->n_sources + in->n_kept_sources + 1, sizeof(*remembered));
	int rc = NS_OK;

	memset(&m, 0, sizeof(m));
	if (!segs || !remembered) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	/* kept segments (with a new deletion file where this run deleted),
	 * and each merge's output where its first member stood */
	for (size_t i = 0; i < set->n && rc == NS_OK; i++) {
		struct ns_segstate *s = &set->seg[i];
		int first = 1;
		if (s->group == -1) {
			if (s->changed) {
				s->info.del_gen = in->generation;
				rc = ns_del_write(in->dir, s->info.id, in->generation, s->del, s->info.n_docs,
						  &s->info.del_crc);
			}
			segs[m.n_segs++] = s->info;
			continue;
		}
		if (s->group < 0)
			continue;	/* dropped, or a merge's output */
		for (size_t k = 0; k < i && first; k++)
			first = set->seg[k].group != s->group;
		for (size_t k = 0; first && k < set->n; k++)
			if (set->seg[k].group == -3 - s->group)
				segs[m.n_segs++] = set->seg[k].info;
	}
	if (rc == NS_OK && in->before_manifest)
		rc = in->before_manifest(in->ctx, segs, m.n_segs);
	/* I9: everything the MANIFEST names is durable before it is */
	if (rc == NS_OK)
		rc = ns_fsync_dir(in->dir);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot write the index in '%s': %s", in->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		goto out;
	}
	m.generation = in->generation;
	m.next_segment = in->next_segment;
	snprintf(m.lang, sizeof(m.lang), "%s", in->lang);
	m.segs = segs;
	m.built = in->built;
	m.identity = in->identity;
	/* Standard input cannot be read again: a bare refresh must not
	 * rebuild from an empty pipe, so "-" is not remembered. */
	for (size_t i = 0; i < in->n_sources; i++)
		if (strcmp(in->sources[i], "-") != 0)
			remembered[m.n_sources++] = (char *)(uintptr_t)in->sources[i];
	for (size_t i = 0; i < in->n_kept_sources; i++)
		remembered[m.n_sources++] = (char *)(uintptr_t)in->kept_sources[i];
	m.sources = remembered;
	if (in->n_files > 1)
		qsort(in->files, in->n_files, sizeof(*in->files), cmp_state);
	m.files = in->files;
	m.n_files = (uint32_t)in->n_files;
	rc = ns_manifest_write(in->dir, &m);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot publish the index in '%s': %s", in->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		goto out;
	}
	ns_indexdir_remove_garbage(in->dir, &m, 1);
	*n_segs = m.n_segs;
	for (uint32_t i = 0; i < m.n_segs; i++)
		*index_bytes += ns_indexdir_segment_bytes(in->dir, &m.segs[i]);
out:
	free(segs);
	free(remembered);
	return rc;
}
