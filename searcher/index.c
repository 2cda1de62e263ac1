/* SPDX-License-Identifier: MIT */
/* index.c -- open an index and keep its global statistics (see index.h). */
#include "index.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deletes.h"
#include "error.h"
#include "pieces.h"
#include "formdict.h"

static int open_once(const char *dir, struct ns_index **out, char *msg, size_t msglen,
		     int *segment_missing);

/* A publish between reading MANIFEST and mapping its segments can delete
 * the segments just read about (the new MANIFEST names others): then the
 * MANIFEST has changed, and reading it again gives a complete index. */
#define OPEN_TRIES 5

int ns_idx_open(const char *dir, struct ns_index **out, char *msg, size_t msglen)
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

/* The deleted docids of segment i, made on first use by ns_index_df()
 * (a search whose terms need none pays nothing). */
static int list_deleted(struct ns_index *idx, uint32_t i)
{
	const uint8_t *bits = ns_segr_deleted(idx->segs[i]);
	uint32_t n = idx->m.segs[i].n_deleted, k = 0, *list;
	size_t n_bytes = ((size_t)idx->m.segs[i].n_docs + 7) / 8;

	if (idx->deleted[i] || !bits || n == 0)
		return NS_OK;
	list = malloc((size_t)n * sizeof(*list));
	if (!list)
		return NS_ERR_NOMEM;
	for (size_t at = 0; at < n_bytes && k < n; at++) {
		unsigned v = bits[at];
		while (v && k < n) {	/* set bits, lowest first */
			list[k++] = (uint32_t)(at * 8 + (size_t)__builtin_ctz(v));
			v &= v - 1;
		}
	}
	idx->deleted[i] = list;
	return NS_OK;
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
	idx->deleted = calloc(idx->m.n_segs + 1, sizeof(*idx->deleted));
	if (!idx->segs || !idx->base || !idx->deleted) {
		ns_idx_close(idx);
		return NS_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		rc = ns_segr_open(dir, &idx->m.segs[i], &idx->segs[i], msg, msglen);
		if (rc != NS_OK) {
			*segment_missing = rc == NS_ERR_NOTFOUND;
			ns_idx_close(idx);
			return rc;
		}
	}
	ns_index_sum_stats(idx);
	rc = ns_analyzer_new(idx->m.lang, &idx->an);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "%s/MANIFEST: unknown language '%s'", dir, idx->m.lang);
		ns_idx_close(idx);
		return rc == NS_ERR_NOTFOUND ? NS_ERR_CORRUPT : rc;
	}
	*out = idx;
	return NS_OK;
}

void ns_index_sum_stats(struct ns_index *idx)
{
	idx->n_docids = idx->n_deleted = idx->n_tokens = 0;
	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		idx->base[i] = idx->n_docids;
		idx->n_docids += idx->m.segs[i].n_docs;
		idx->n_deleted += idx->m.segs[i].n_deleted;
		idx->n_tokens += idx->m.segs[i].n_tokens - idx->m.segs[i].deleted_tokens;
	}
	idx->n_docs = idx->n_docids - idx->n_deleted;
	idx->avg_doc_len = idx->n_docs ? (double)idx->n_tokens / (double)idx->n_docs : 1.0;
	if (idx->avg_doc_len <= 0)
		idx->avg_doc_len = 1.0;
}

void ns_idx_close(struct ns_index *idx)
{
	if (!idx)
		return;
	for (uint32_t i = 0; idx->segs && i < idx->m.n_segs; i++)
		ns_segr_close(idx->segs[i]);
	for (uint32_t i = 0; idx->deleted && i < idx->m.n_segs; i++)
		free(idx->deleted[i]);
	free(idx->deleted);
	free(idx->segs);
	free(idx->base);
	ns_pieces_release(idx);
	ns_formdict_free(idx->forms);
	ns_analyzer_free(idx->an);
	ns_manifest_release(&idx->m);
	free(idx->dir);
	free(idx);
}

/* Below this many postings per deleted document, walking the postings is
 * cheaper than one cursor jump per deleted docid: a jump costs a skip-table
 * search and often a block decode, a step of the walk one bitmap test. */
#define WALK_RATIO 64

/* Deleted documents among the postings of ti in segment i. */
static int deleted_postings(struct ns_index *idx, uint32_t i, const struct ns_term_info *ti,
			    uint32_t *n_out)
{
	struct ns_segr *seg = idx->segs[i];
	const uint8_t *bits = ns_segr_deleted(seg);
	uint32_t n_del = idx->m.segs[i].n_deleted, n = 0;
	struct ns_post p;
	int rc;

	*n_out = 0;
	rc = ns_post_open_all(&p, seg, ti);
	if (rc != NS_OK)
		return rc;
	/* (without memory for the list, walking gives the same count) */
	if ((uint64_t)n_del * WALK_RATIO < ti->df && list_deleted(idx, i) == NS_OK) {
		const uint32_t *list = idx->deleted[i];
		for (uint32_t k = 0; k < n_del && rc == NS_OK; k++) {
			rc = ns_post_advance(&p, list[k]);
			idx->n_df_probes++;
			if (rc == NS_OK && p.docid == list[k])
				n++;
		}
	} else {
		while ((rc = ns_post_next(&p)) == NS_OK) {
			idx->n_df_probes++;
			n += (uint32_t)ns_del_test(bits, p.docid);
		}
	}
	ns_post_release(&p);
	if (rc != NS_OK && rc != NS_DONE)
		return rc;
	if (n > ti->df)
		return NS_CORRUPT();
	*n_out = n;
	return NS_OK;
}

int ns_index_df(struct ns_index *idx, const char *term, size_t len, uint64_t *df)
{
	*df = 0;
	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		struct ns_term_info ti;
		uint32_t gone = 0;
		int rc = ns_segr_lookup(idx->segs[i], term, len, &ti);
		if (rc == NS_DONE)
			continue;
		if (rc == NS_OK && idx->m.segs[i].n_deleted > 0)
			rc = deleted_postings(idx, i, &ti, &gone);
		if (rc != NS_OK)
			return rc;
		*df += ti.df - gone;
	}
	return NS_OK;
}

void ns_index_print_update_stats(const struct ns_index *idx, FILE *out)
{
	time_t t = (time_t)idx->m.built;
	struct tm tm;
	char when[32] = "unknown";

	if (idx->m.built && gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(out, "generation=%llu\n", (unsigned long long)idx->m.generation);
	fprintf(out, "built=%s\n", when);
	fprintf(out, "segments=%u\n", idx->m.n_segs);
	fprintf(out, "deleted_docs=%llu\n", (unsigned long long)idx->n_deleted);
	fprintf(out, "identity=%016llx\n", (unsigned long long)idx->m.identity);
}

void ns_index_locate(const struct ns_index *idx, uint64_t docid, uint32_t *seg, uint32_t *local)
{
	uint32_t s = 0;

	while (s + 1 < idx->m.n_segs && idx->base[s + 1] <= docid)
		s++;
	*seg = s;
	*local = (uint32_t)(docid - idx->base[s]);
}
