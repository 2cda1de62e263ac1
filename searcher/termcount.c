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

int ns_matchset_build(struct ns_index *idx, struct ns_match *m, struct ns_matchset *ms)
{
	struct build_ctx b = { idx, ms };
	int rc;

	memset(ms, 0, sizeof(*ms));
	ms->bits = calloc((size_t)idx->m.n_segs + 1, sizeof(*ms->bits));
	if (!ms->bits)
		return NS_ERR_NOMEM;
	ms->n_segs = idx->m.n_segs;
	rc = ns_match_visit(m, visit_bit, &b, &ms->total);
	if (rc != NS_OK)
		ns_matchset_release(ms);
	return rc;
}

void ns_matchset_release(struct ns_matchset *ms)
{
	for (uint32_t i = 0; ms->bits && i < ms->n_segs; i++)
		free(ms->bits[i]);
	free(ms->bits);
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
	uint64_t n = 0;
	int rc;

	if (len < w->prefix_len || memcmp(term, w->prefix, w->prefix_len) != 0 ||
	    (w->upto && ns_fmt_term_cmp(term, len, w->upto, w->upto_len) > 0))
		return NS_DONE;	/* past the terms asked for */
	rc = ns_post_open(&p, w->seg, ti);
	if (rc != NS_OK)
		return rc;
	while ((rc = ns_post_next(&p)) == NS_OK)
		n += (w->bits[p.docid / 8] >> (p.docid % 8)) & 1;
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
		if (!w.bits)
			continue;
		rc = ns_segr_scan(idx->segs[s], from, from_len, count_term, &w);
		if (rc != NS_OK && rc != NS_DONE)
			return rc;
	}
	return NS_OK;
}
