/* SPDX-License-Identifier: MIT */
/* runs.c -- sorted runs on disk and their k-way merge (see runs.h). */
#include "runs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "varint.h"

struct ns_runs {
	char *dir;
	char **paths;		/* run files, in document order */
	uint32_t n;
	uint64_t bytes;
};

int ns_runs_new(const char *dir, struct ns_runs **out)
{
	struct ns_runs *r = calloc(1, sizeof(*r));

	*out = NULL;
	if (!r || !(r->dir = strdup(dir))) {
		free(r);
		return NS_ERR_NOMEM;
	}
	*out = r;
	return NS_OK;
}

void ns_runs_free(struct ns_runs *r)
{
	if (!r)
		return;
	for (uint32_t i = 0; i < r->n; i++) {
		unlink(r->paths[i]);
		free(r->paths[i]);
	}
	free(r->paths);
	free(r->dir);
	free(r);
}

uint32_t ns_runs_count(const struct ns_runs *r)
{
	return r->n;
}

uint64_t ns_runs_bytes(const struct ns_runs *r)
{
	return r->bytes;
}

struct spill_ctx {
	FILE *f;
	int err;
	uint64_t bytes;
};

static void put_varint(struct spill_ctx *c, uint64_t v)
{
	uint8_t b[NS_VARINT_MAX64];
	size_t n = ns_varint_put(b, v);

	if (fwrite(b, 1, n, c->f) != n)
		c->err = NS_ERR_IO;
	c->bytes += n;
}

static int spill_term(void *ctx, const char *term, size_t len, uint32_t df, const uint8_t *stream,
		      size_t stream_len)
{
	struct spill_ctx *c = ctx;

	put_varint(c, len);
	if (fwrite(term, 1, len, c->f) != len)
		c->err = NS_ERR_IO;
	put_varint(c, df);
	put_varint(c, stream_len);
	if (stream_len && fwrite(stream, 1, stream_len, c->f) != stream_len)
		c->err = NS_ERR_IO;
	c->bytes += len + stream_len;
	return c->err;
}

int ns_runs_spill(struct ns_runs *r, struct ns_invert *inv)
{
	struct spill_ctx c = { NULL, NS_OK, 0 };
	char name[64], *path, **paths;
	int rc;

	snprintf(name, sizeof(name), "run-%ld-%u.tmp", (long)getpid(), (unsigned)r->n);
	path = ns_path_join(r->dir, name);
	paths = path ? realloc(r->paths, (r->n + 1) * sizeof(*paths)) : NULL;
	if (!paths) {
		free(path);
		return NS_ERR_NOMEM;
	}
	r->paths = paths;
	c.f = fopen(path, "wbx");
	if (!c.f) {
		free(path);
		return NS_ERR_IO;
	}
	r->paths[r->n++] = path;
	rc = ns_invert_drain(inv, spill_term, &c);
	if (fclose(c.f) != 0 && rc == NS_OK)
		rc = NS_ERR_IO;
	r->bytes += c.bytes;
	return rc;
}

/* One run being read during the merge. */
struct run_in {
	FILE *f;
	int done;
	char term[NS_FMT_MAX_TERM_LEN + 1];
	size_t len;
	struct ns_buf stream;
};

static int read_varint(FILE *f, uint64_t *v)
{
	uint64_t x = 0;
	int shift = 0, c;

	while ((c = getc(f)) != EOF) {
		x |= (uint64_t)(c & 0x7f) << shift;
		if (c < 0x80) {
			*v = x;
			return 0;
		}
		shift += 7;
		if (shift > 63)
			return -1;
	}
	return -1;
}

/* Loads the run's next term: NS_OK, NS_DONE at its end, or an error. */
static int run_next(struct run_in *in)
{
	uint64_t len, df, slen;
	int c = getc(in->f);

	if (c == EOF) {
		in->done = 1;
		return ferror(in->f) ? NS_ERR_IO : NS_DONE;
	}
	ungetc(c, in->f);
	if (read_varint(in->f, &len) || len == 0 || len > NS_FMT_MAX_TERM_LEN ||
	    fread(in->term, 1, len, in->f) != len || read_varint(in->f, &df) ||
	    read_varint(in->f, &slen))
		return NS_ERR_CORRUPT;
	in->len = (size_t)len;
	ns_buf_reset(&in->stream);
	if (ns_buf_reserve(&in->stream, slen) != NS_OK)
		return NS_ERR_NOMEM;
	if (fread(in->stream.data, 1, slen, in->f) != slen)
		return NS_ERR_CORRUPT;
	in->stream.len = (size_t)slen;
	return NS_OK;
}

static int term_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t m = an < bn ? an : bn;
	int c = memcmp(a, b, m);

	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}

static int copy_stream(struct ns_segw *w, const uint8_t *stream, size_t len,
		       struct ns_stream_reader *sr)
{
	int rc;
	uint32_t *keep_pos = sr->pos;
	size_t keep_cap = sr->pos_cap;

	ns_stream_reader_init(sr, stream, len);
	/* Reuse one positions buffer across streams. */
	sr->pos = keep_pos;
	sr->pos_cap = keep_cap;
	while ((rc = ns_stream_reader_next(sr)) == NS_OK) {
		rc = ns_segw_term_doc(w, sr->docid, sr->pos, sr->tf);
		if (rc != NS_OK)
			return rc;
	}
	return rc == NS_DONE ? NS_OK : rc;
}

struct direct_ctx {
	struct ns_segw *w;
	struct ns_stream_reader sr;
};

static int direct_term(void *ctx, const char *term, size_t len, uint32_t df, const uint8_t *stream,
		       size_t stream_len)
{
	struct direct_ctx *c = ctx;
	int rc;

	(void)df;
	rc = ns_segw_term_begin(c->w, term, len);
	if (rc == NS_OK)
		rc = copy_stream(c->w, stream, stream_len, &c->sr);
	if (rc == NS_OK)
		rc = ns_segw_term_end(c->w);
	return rc;
}

static int merge_files(struct ns_runs *r, struct ns_segw *w)
{
	struct run_in *in = calloc(r->n, sizeof(*in));
	struct ns_stream_reader sr;
	int rc = NS_OK;

	memset(&sr, 0, sizeof(sr));
	if (!in)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < r->n && rc == NS_OK; i++) {
		in[i].f = fopen(r->paths[i], "rb");
		if (!in[i].f)
			rc = NS_ERR_IO;
		else if ((rc = run_next(&in[i])) == NS_DONE)
			rc = NS_OK;
	}
	while (rc == NS_OK) {
		/* Few runs (memory budget / run size): a linear minimum is
		 * cheaper than a heap at these sizes. */
		long min = -1;
		for (uint32_t i = 0; i < r->n; i++)
			if (!in[i].done &&
			    (min < 0 || term_cmp(in[i].term, in[i].len, in[min].term, in[min].len) < 0))
				min = i;
		if (min < 0)
			break;
		char term[NS_FMT_MAX_TERM_LEN + 1];
		size_t len = in[min].len;
		memcpy(term, in[min].term, len);
		rc = ns_segw_term_begin(w, term, len);
		for (uint32_t i = (uint32_t)min; i < r->n && rc == NS_OK; i++) {
			if (in[i].done || term_cmp(in[i].term, in[i].len, term, len) != 0)
				continue;
			rc = copy_stream(w, in[i].stream.data, in[i].stream.len, &sr);
			if (rc == NS_OK && (rc = run_next(&in[i])) == NS_DONE)
				rc = NS_OK;
		}
		if (rc == NS_OK)
			rc = ns_segw_term_end(w);
	}
	for (uint32_t i = 0; i < r->n; i++) {
		if (in[i].f)
			fclose(in[i].f);
		ns_buf_release(&in[i].stream);
	}
	free(in);
	ns_stream_reader_release(&sr);
	return rc;
}

int ns_runs_merge(struct ns_runs *r, struct ns_invert *inv, struct ns_segw *w)
{
	struct direct_ctx c;
	int rc;

	if (r->n == 0) {
		memset(&c, 0, sizeof(c));
		c.w = w;
		rc = ns_invert_drain(inv, direct_term, &c);
		ns_stream_reader_release(&c.sr);
		return rc;
	}
	if (ns_invert_n_terms(inv) > 0) {
		rc = ns_runs_spill(r, inv);
		if (rc != NS_OK)
			return rc;
	}
	return merge_files(r, w);
}
