/* SPDX-License-Identifier: MIT */
/* termcount.c -- matches per field term (termcount.h). */
#include "termcount.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "segdict.h"
#include "segpost.h"

struct build_ctx {
	struct ns_index *idx;
	struct ns_matchset *ms;
};

static int visit_bit(void *ctx, uint32_t seg, uint32_t docid)
{
	struct build_ctx *b = ctx;
	uint8_t **bits = &b->ms->bits[seg];

	if (!*bits) {
		*bits = calloc((size_t)ns_segr_n_docs(b->idx->segs[seg]) / 8 + 1, 1);
		if (!*bits)
			return NS_ERR_NOMEM;
	}
	(*bits)[docid / 8] |= (uint8_t)(1u << (docid % 8));
	return NS_OK;
}

/* Relative costs of reading dates, in instructions (callgrind, 100k
 * synthetic articles): a posting of a date term decoded and tested
 * against the bitmap (with its share of opening the terms); a byte of doc
 * table under its CRC; a doc-table lookup. */
#define COST_TERM_DOC 24
#define COST_CRC_BYTE 4
#define COST_LOOKUP 40

/* 1 when the dates of segment s's matches are cheaper from the doc
 * table: few matches, or matches in few chunks. */
static int dates_by_table(struct ns_segr *seg, const uint8_t *bits)
{
	uint32_t n_docs = ns_segr_n_docs(seg);
	uint64_t crc_bytes = 0, matches = 0;

	for (uint32_t c = 0; c * (uint64_t)NS_FMT_DOC_CHUNK < n_docs; c++) {
		size_t lo = (size_t)c * NS_FMT_DOC_CHUNK / 8;
		size_t hi = n_docs - c * NS_FMT_DOC_CHUNK < NS_FMT_DOC_CHUNK
				    ? (size_t)n_docs / 8 + 1	/* the bitmap's size */
				    : lo + NS_FMT_DOC_CHUNK / 8;
		uint64_t in = 0, w;
		size_t i = lo;
		for (; i + 8 <= hi; i += 8) {
			memcpy(&w, bits + i, 8);
			in += (uint64_t)__builtin_popcountll(w);
		}
		for (; i < hi; i++)
			in += (uint64_t)__builtin_popcount(bits[i]);
		if (in)	/* its entries, under one CRC */
			crc_bytes += (uint64_t)(n_docs - c * NS_FMT_DOC_CHUNK < NS_FMT_DOC_CHUNK
							? n_docs - c * NS_FMT_DOC_CHUNK
							: NS_FMT_DOC_CHUNK) *
				     NS_FMT_DOC_ENTRY_LEN;
		matches += in;
	}
	return crc_bytes * COST_CRC_BYTE + matches * COST_LOOKUP <
	       (uint64_t)n_docs * COST_TERM_DOC;
}

int ns_matchset_build(struct ns_index *idx, struct ns_match *m, struct ns_matchset *ms)
{
	struct build_ctx b = { idx, ms };
	int rc;

	memset(ms, 0, sizeof(*ms));
	ms->bits = calloc((size_t)idx->m.n_segs + 1, sizeof(*ms->bits));
	ms->by_table = calloc((size_t)idx->m.n_segs + 1, 1);
	if (!ms->bits || !ms->by_table) {
		free(ms->bits);
		free(ms->by_table);
		return NS_ERR_NOMEM;
	}
	ms->n_segs = idx->m.n_segs;
	rc = ns_match_visit(m, visit_bit, &b, &ms->total);
	if (rc != NS_OK) {
		ns_matchset_release(ms);
		return rc;
	}
	for (uint32_t s = 0; s < ms->n_segs; s++)
		ms->by_table[s] = ms->bits[s] && dates_by_table(idx->segs[s], ms->bits[s]);
	return NS_OK;
}

void ns_matchset_release(struct ns_matchset *ms)
{
	for (uint32_t i = 0; ms->bits && i < ms->n_segs; i++)
		free(ms->bits[i]);
	free(ms->bits);
	free(ms->by_table);
	memset(ms, 0, sizeof(*ms));
}

struct walk {
	struct ns_segr *seg;
	const uint8_t *bits;
	const char *prefix, *upto;
	size_t prefix_len, upto_len;
	ns_termcount_fn fn;
	void *ctx;
};

static int count_term(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct walk *w = ctx;
	struct ns_post p;
	const uint32_t *docs;
	uint32_t k;
	uint64_t n = 0;
	int rc;

	if (len < w->prefix_len || memcmp(term, w->prefix, w->prefix_len) != 0 ||
	    (w->upto && ns_fmt_term_cmp(term, len, w->upto, w->upto_len) > 0))
		return NS_DONE;	/* past the terms asked for */
	/* deleted documents are never in the bitmap: no need to skip them */
	rc = ns_post_open_all(&p, w->seg, ti);
	if (rc != NS_OK)
		return rc;
	while ((rc = ns_post_next_docs(&p, &docs, &k)) == NS_OK)
		for (uint32_t i = 0; i < k; i++)
			n += (w->bits[docs[i] / 8] >> (docs[i] % 8)) & 1;
	ns_post_release(&p);
	if (rc != NS_DONE)
		return rc;
	return w->fn(w->ctx, term, len, n);
}

int ns_termcount(struct ns_index *idx, const struct ns_matchset *ms, const char *prefix,
		 size_t prefix_len, const char *from, size_t from_len, const char *upto,
		 size_t upto_len, ns_termcount_fn fn, void *ctx)
{
	for (uint32_t s = 0; s < ms->n_segs; s++) {
		struct walk w = { idx->segs[s], ms->bits[s], prefix, upto, prefix_len, upto_len,
				  fn, ctx };
		int rc;
		if (!w.bits || ms->by_table[s])
			continue;
		rc = ns_segr_scan(idx->segs[s], from, from_len, count_term, &w);
		if (rc != NS_OK && rc != NS_DONE)
			return rc;
	}
	return NS_OK;
}
