/* SPDX-License-Identifier: MIT */
/* termcount.c -- matches per field term (termcount.h). */
#include "termcount.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "segdict.h"
#include "segdocs.h"
#include "segpost.h"

struct build_ctx {
	struct ns_index *idx;
	struct ns_matchset *ms;
};

static int visit_doc(void *ctx, uint32_t seg, uint32_t docid)
{
	struct build_ctx *b = ctx;
	struct ns_matchset *ms = b->ms;

	if (!ms->in[seg]) {
		uint32_t n = ns_segr_n_docs(b->idx->segs[seg]);
		ms->in[seg] = calloc((size_t)n + 8, 1);	/* + 8: read by words */
		ms->chunk_n[seg] = calloc((size_t)n / NS_FMT_DOC_CHUNK + 1, sizeof(uint32_t));
		if (!ms->in[seg] || !ms->chunk_n[seg])
			return NS_ERR_NOMEM;
	}
	ms->in[seg][docid] = 1;
	ms->chunk_n[seg][docid / NS_FMT_DOC_CHUNK]++;
	return NS_OK;
}

int ns_matchset_build(struct ns_index *idx, struct ns_match *m, struct ns_matchset *ms)
{
	struct build_ctx b = { idx, ms };
	size_t n = (size_t)idx->m.n_segs + 1;
	int rc;

	memset(ms, 0, sizeof(*ms));
	ms->n_segs = idx->m.n_segs;
	ms->in = calloc(n, sizeof(*ms->in));
	ms->chunk_n = calloc(n, sizeof(*ms->chunk_n));
	ms->by_table = calloc(n, 1);
	if (!ms->in || !ms->chunk_n || !ms->by_table) {
		ns_matchset_release(ms);
		return NS_ERR_NOMEM;
	}
	rc = ns_match_visit(m, visit_doc, &b, &ms->total);
	if (rc != NS_OK)
		ns_matchset_release(ms);
	return rc;
}

void ns_matchset_release(struct ns_matchset *ms)
{
	for (uint32_t i = 0; i < ms->n_segs; i++) {
		if (ms->in)
			free(ms->in[i]);
		if (ms->chunk_n)
			free(ms->chunk_n[i]);
	}
	free(ms->in);
	free(ms->chunk_n);
	free(ms->by_table);
	memset(ms, 0, sizeof(*ms));
}

/* Relative costs of reading dates, in instructions (callgrind, 100k
 * synthetic articles, fitted on the timeline and the year and month
 * facets of four queries of 5-80% of the articles): a document of the
 * segment in the date terms' postings (decoded, tested); a date term
 * (opened, its last block partly filled); two bytes of doc table under
 * their CRC; a doc-table lookup. */
#define COST_TERM_DOC 14
#define COST_TERM 2500
#define COST_CRC_2BYTES 1
#define COST_LOOKUP 110

struct term_tally {
	const char *prefix;
	size_t prefix_len;
	uint64_t n;
};

static int tally_term(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct term_tally *t = ctx;

	(void)ti;
	if (len < t->prefix_len || memcmp(term, t->prefix, t->prefix_len) != 0)
		return NS_DONE;
	t->n++;
	return NS_OK;
}

int ns_matchset_plan(struct ns_index *idx, struct ns_matchset *ms, const char *prefix,
		     size_t prefix_len)
{
	for (uint32_t s = 0; s < ms->n_segs; s++) {
		struct term_tally tt = { prefix, prefix_len, 0 };
		uint32_t n_docs = ns_segr_n_docs(idx->segs[s]);
		uint64_t crc_bytes = 0, table, terms;
		int rc;
		ms->by_table[s] = 0;
		if (!ms->in[s])
			continue;
		for (uint32_t c = 0; c <= n_docs / NS_FMT_DOC_CHUNK; c++)
			if (ms->chunk_n[s][c])	/* its entries, under one CRC */
				crc_bytes += (uint64_t)(n_docs - c * NS_FMT_DOC_CHUNK < NS_FMT_DOC_CHUNK
								? n_docs - c * NS_FMT_DOC_CHUNK
								: NS_FMT_DOC_CHUNK) *
					     NS_FMT_DOC_ENTRY_LEN;
		table = crc_bytes / 2 * COST_CRC_2BYTES;
		for (uint32_t c = 0; c <= n_docs / NS_FMT_DOC_CHUNK; c++)
			table += (uint64_t)ms->chunk_n[s][c] * COST_LOOKUP;
		rc = ns_segr_scan(idx->segs[s], prefix, prefix_len, tally_term, &tt);
		if (rc != NS_OK && rc != NS_DONE)
			return rc;
		terms = (uint64_t)n_docs * COST_TERM_DOC + tt.n * COST_TERM;
		ms->by_table[s] = table < terms;
	}
	return NS_OK;
}

int ns_matchset_table_dates(struct ns_index *idx, const struct ns_matchset *ms,
			    ns_matchdate_fn fn, void *ctx)
{
	for (uint32_t s = 0; s < ms->n_segs; s++) {
		uint32_t n_docs = ns_segr_n_docs(idx->segs[s]);
		const uint8_t *in = ms->in[s];
		if (!in || !ms->by_table[s])
			continue;
		/* eight documents at a time (the map has 8 bytes of slack),
		 * the matches among them by their lowest set bit */
		for (uint32_t at = 0; at < n_docs; at += 8) {
			uint64_t w = ns_get_u64(in + at);	/* byte j: bits 8j.. */
			while (w) {
				uint32_t docid = at + (uint32_t)__builtin_ctzll(w) / 8;
				int64_t t;
				int rc = ns_segr_date(idx->segs[s], docid, &t);
				if (rc == NS_OK)
					rc = fn(ctx, t);
				if (rc != NS_OK)
					return rc;
				w &= w - 1;
			}
		}
	}
	return NS_OK;
}

struct walk {
	struct ns_segr *seg;
	const uint8_t *in;
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
	/* deleted documents are never matches: no need to skip them */
	rc = ns_post_open_all(&p, w->seg, ti);
	if (rc != NS_OK)
		return rc;
	while ((rc = ns_post_next_docs(&p, &docs, &k)) == NS_OK) {
		uint64_t n0 = 0, n1 = 0;
		uint32_t i = 0;
		for (; i + 2 <= k; i += 2) {
			n0 += w->in[docs[i]];
			n1 += w->in[docs[i + 1]];
		}
		if (i < k)
			n0 += w->in[docs[i]];
		n += n0 + n1;
	}
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
		struct walk w = { idx->segs[s], ms->in[s], prefix, upto, prefix_len, upto_len,
				  fn, ctx };
		int rc;
		if (!w.in || ms->by_table[s])
			continue;
		rc = ns_segr_scan(idx->segs[s], from, from_len, count_term, &w);
		if (rc != NS_OK && rc != NS_DONE)
			return rc;
	}
	return NS_OK;
}
