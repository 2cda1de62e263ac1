/* SPDX-License-Identifier: MIT */
/* index.c -- open an index and keep its global statistics (see index.h). */
#include "index.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static int open_once(const char *dir, struct ns_index **out, char *msg, size_t msglen,
		     int *segment_missing);

/* A publish between reading MANIFEST and mapping its segments can delete
 * the segments just read about (the new MANIFEST names others): then the
 * MANIFEST has changed, and reading it again gives a complete index. */
#define OPEN_TRIES 5

int ns_index_open(const char *dir, struct ns_index **out, char *msg, size_t msglen)
{
	int rc = NS_ERR_NOTFOUND;

	for (int i = 0; i < OPEN_TRIES; i++) {
		int segment_missing = 0;
		rc = open_once(dir, out, msg, msglen, &segment_missing);
		/* Only a missing segment file is worth another look; a
		 * missing MANIFEST means there is no index at all. */
		if (rc != NS_ERR_NOTFOUND || !segment_missing)
			break;
	}
	return rc;
}

static int open_once(const char *dir, struct ns_index **out, char *msg, size_t msglen,
		     int *segment_missing)
{
	struct ns_index *idx;
	int rc;

	*out = NULL;
	idx = calloc(1, sizeof(*idx));
	if (!idx || !(idx->dir = strdup(dir))) {
		free(idx);
		return NS_ERR_NOMEM;
	}
	rc = ns_manifest_read(dir, &idx->m);
	if (rc != NS_OK) {
		if (rc == NS_ERR_NOTFOUND)
			ns_msgf(msg, msglen, "'%s' is not an index (no MANIFEST; build it with nindex)",
				dir);
		else if (rc == NS_ERR_IO)
			ns_msgf(msg, msglen, "%s/MANIFEST: %s", dir, strerror(errno));
		else
			ns_msgf(msg, msglen, "%s/MANIFEST: %s", dir, ns_strerror(rc));
		free(idx->dir);
		free(idx);
		return rc;
	}
	idx->segs = calloc(idx->m.n_segs + 1, sizeof(*idx->segs));
	idx->base = calloc(idx->m.n_segs + 1, sizeof(*idx->base));
	if (!idx->segs || !idx->base) {
		ns_index_close(idx);
		return NS_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		rc = ns_segr_open(dir, &idx->m.segs[i], &idx->segs[i], msg, msglen);
		if (rc != NS_OK) {
			*segment_missing = rc == NS_ERR_NOTFOUND;
			ns_index_close(idx);
			return rc;
		}
		idx->base[i] = idx->n_docs;
		idx->n_docs += idx->m.segs[i].n_docs;
		idx->n_tokens += idx->m.segs[i].n_tokens;
	}
	idx->avg_doc_len = idx->n_docs ? (double)idx->n_tokens / (double)idx->n_docs : 1.0;
	if (idx->avg_doc_len <= 0)
		idx->avg_doc_len = 1.0;
	rc = ns_analyzer_new(idx->m.lang, &idx->an);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "%s/MANIFEST: unknown language '%s'", dir, idx->m.lang);
		ns_index_close(idx);
		return rc == NS_ERR_NOTFOUND ? NS_ERR_CORRUPT : rc;
	}
	*out = idx;
	return NS_OK;
}

void ns_index_close(struct ns_index *idx)
{
	if (!idx)
		return;
	for (uint32_t i = 0; idx->segs && i < idx->m.n_segs; i++)
		ns_segr_close(idx->segs[i]);
	free(idx->segs);
	free(idx->base);
	ns_analyzer_free(idx->an);
	ns_manifest_release(&idx->m);
	free(idx->dir);
	free(idx);
}

int ns_index_df(struct ns_index *idx, const char *term, size_t len, uint64_t *df)
{
	*df = 0;
	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		struct ns_term_info ti;
		int rc = ns_segr_lookup(idx->segs[i], term, len, &ti);
		if (rc == NS_OK)
			*df += ti.df;
		else if (rc != NS_DONE)
			return rc;
	}
	return NS_OK;
}

void ns_index_locate(const struct ns_index *idx, uint64_t docid, uint32_t *seg, uint32_t *local)
{
	uint32_t s = 0;

	while (s + 1 < idx->m.n_segs && idx->base[s + 1] <= docid)
		s++;
	*seg = s;
	*local = (uint32_t)(docid - idx->base[s]);
}
