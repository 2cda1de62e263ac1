/* SPDX-License-Identifier: MIT */
/* formdict.c -- the word forms of all segments (see formdict.h). */
#include "formdict.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fuzzy.h"
#include "pieces.h"
#include "wordforms_read.h"

struct ns_formdict {
	struct ns_wfr **segs;
	size_t n_segs;
	uint64_t n_entries, n_docs;
};

void ns_formdict_free(struct ns_formdict *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_segs; i++)
		ns_wfr_close(d->segs[i]);
	free(d->segs);
	free(d);
}

int ns_formdict_of(struct ns_index *idx, struct ns_formdict **out, char *msg, size_t msglen)
{
	struct ns_formdict *d;
	int rc = NS_OK;

	*out = idx->forms;
	if (idx->forms)
		return NS_OK;
	d = calloc(1, sizeof(*d));
	if (!d || !(d->segs = calloc(idx->m.n_segs + 1, sizeof(*d->segs)))) {
		free(d);
		return NS_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < idx->m.n_segs && rc == NS_OK; i++) {
		/* a piece's segments are in its own directory (pieces.h) */
		rc = ns_wfr_open(ns_pieces_segment_dir(idx, i), idx->m.segs[i].id, &d->segs[i]);
		if (rc == NS_OK) {
			d->n_segs++;
			d->n_entries += ns_wfr_n_forms(d->segs[i]);
			d->n_docs += ns_wfr_n_docs(d->segs[i]);
		} else {
			char name[32];
			ns_fmt_segment_name(name, idx->m.segs[i].id, "nsw");
			ns_msgf(msg, msglen, "%s/%s: %s", ns_pieces_segment_dir(idx, i), name,
				rc == NS_ERR_IO ? strerror(errno)
				: rc == NS_ERR_NOTFOUND ? "missing (index it again with this nindex)"
							 : ns_strerror(rc));
		}
	}
	if (rc != NS_OK) {
		ns_formdict_free(d);
		return rc == NS_ERR_NOTFOUND ? NS_ERR_CORRUPT : rc;
	}
	idx->forms = d;
	*out = d;
	return NS_OK;
}

uint64_t ns_formdict_n_entries(const struct ns_formdict *d)
{
	return d->n_entries;
}

uint64_t ns_formdict_n_docs(const struct ns_formdict *d)
{
	return d->n_docs;
}

int ns_formdict_counts(struct ns_formdict *d, const char *form, size_t len, uint64_t *cf,
		       uint64_t *df)
{
	*cf = *df = 0;
	for (size_t i = 0; i < d->n_segs; i++) {
		struct ns_wform f;
		int rc = ns_wfr_find(d->segs[i], form, len, &f);
		if (rc == NS_OK) {
			*cf += f.cf;
			*df += f.df;
		} else if (rc != NS_DONE) {
			return rc;
		}
	}
	return NS_OK;
}

struct gather {
	struct ns_formhit *hits;
	size_t n, cap, max, seg_n;
};

static int on_hit(void *ctx, const struct ns_wform *f, int dist)
{
	struct gather *g = ctx;
	struct ns_formhit *h;

	if (++g->seg_n > g->max)
		return NS_ERR_LIMIT;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 32;
		h = realloc(g->hits, cap * sizeof(*h));
		if (!h)
			return NS_ERR_NOMEM;
		g->hits = h;
		g->cap = cap;
	}
	h = &g->hits[g->n++];
	memcpy(h->form, f->form, f->len);
	h->form[f->len] = 0;
	h->len = f->len;
	h->cf = f->cf;
	h->df = f->df;
	h->dist = dist;
	return NS_OK;
}

static int by_form(const void *x, const void *y)
{
	const struct ns_formhit *a = x, *b = y;

	return ns_fmt_term_cmp(a->form, a->len, b->form, b->len);
}

static int near(struct ns_formdict *d, const char *w, size_t len, int k, int same_first,
		size_t max, struct ns_formhit **out, size_t *n, struct ns_fuzzy_count *cnt)
{
	struct gather g = { NULL, 0, 0, max, 0 };
	size_t m = 0;
	int rc = NS_OK;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < d->n_segs && rc == NS_OK; i++) {
		g.seg_n = 0;
		rc = same_first ? ns_fuzzy_walk_same_first(d->segs[i], w, len, k, on_hit, &g, cnt)
				: ns_fuzzy_walk(d->segs[i], w, len, k, on_hit, &g, cnt);
	}
	if (rc != NS_OK) {
		free(g.hits);
		return rc;
	}
	/* the same form from several segments: one hit, counts summed */
	if (d->n_segs > 1 && g.n > 1)
		qsort(g.hits, g.n, sizeof(*g.hits), by_form);
	for (size_t i = 0; i < g.n; i++) {
		if (m && g.hits[m - 1].len == g.hits[i].len &&
		    memcmp(g.hits[m - 1].form, g.hits[i].form, g.hits[i].len) == 0) {
			g.hits[m - 1].cf += g.hits[i].cf;
			g.hits[m - 1].df += g.hits[i].df;
			continue;
		}
		g.hits[m++] = g.hits[i];
	}
	if (m > max) {
		free(g.hits);
		return NS_ERR_LIMIT;
	}
	*out = g.hits;
	*n = m;
	return NS_OK;
}

int ns_formdict_near(struct ns_formdict *d, const char *w, size_t len, int k, size_t max,
		     struct ns_formhit **out, size_t *n, struct ns_fuzzy_count *cnt)
{
	return near(d, w, len, k, 0, max, out, n, cnt);
}

int ns_formdict_near_same_first(struct ns_formdict *d, const char *w, size_t len, int k,
				size_t max, struct ns_formhit **out, size_t *n,
				struct ns_fuzzy_count *cnt)
{
	return near(d, w, len, k, 1, max, out, n, cnt);
}
