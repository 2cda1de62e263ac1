/* SPDX-License-Identifier: MIT */
/* runs.c -- sorted runs on disk and their k-way merge (see runs.h). */
#include "runs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "postpipe.h"
#include "varint.h"

struct ns_runs {
	char *dir;
	unsigned id;		/* in the run files' names: several at once */
	char **paths;		/* run files, in document order */
	uint32_t n;		/* run files now */
	uint32_t n_spilled;	/* runs spilled in all (merge passes fold
				 * them into fewer files) */
	uint32_t n_passes;	/* merge passes made (their files' names) */
	uint64_t max_stream;	/* the longest stream written to a run file */
	uint64_t budget;	/* what a merge may hold, 0: not bounded */
};

int ns_runs_new(const char *dir, struct ns_runs **out)
{
	static unsigned next_id;	/* runs are made by one thread */
	struct ns_runs *r = calloc(1, sizeof(*r));

	*out = NULL;
	if (!r || !(r->dir = strdup(dir))) {
		free(r);
		return NS_ERR_NOMEM;
	}
	r->id = next_id++;
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
	return r->n_spilled;
}

#define MAX_FANIN 64	/* run files merged at once, at most */

/* Run files one pass may open: MAX_FANIN, or fewer under a low limit of
 * open files (the segment files, stdio and the walk need some too). */
static uint32_t fan_in(void)
{
	struct rlimit rl;
	rlim_t room;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return MAX_FANIN;
	room = rl.rlim_cur > 24 ? (rl.rlim_cur - 16) / 2 : 2;
	return room < 2 ? 2 : room > MAX_FANIN ? MAX_FANIN : (uint32_t)room;
}

/* The runs merged at once: fan_in(), and fewer when the budget is set and
 * fan runs' streams of one term could outgrow it.  A merge holds each
 * input run's stream of the term being merged, and a pass to a run file
 * their union too, so fan * 2 * max_stream must fit. */
static uint32_t budget_fan_in(const struct ns_runs *r)
{
	uint32_t fan = fan_in();
	uint64_t by_budget;

	if (!r->budget || !r->max_stream)
		return fan;
	by_budget = r->budget / (2 * r->max_stream);
	if (by_budget < 2)
		by_budget = 2;
	return by_budget < fan ? (uint32_t)by_budget : fan;
}

void ns_runs_set_budget(struct ns_runs *r, uint64_t bytes)
{
	r->budget = bytes;
}

struct spill_ctx {
	FILE *f;
	int err;
	uint64_t *max_stream;	/* ns_runs.max_stream */
};

static void put_varint(struct spill_ctx *c, uint64_t v)
{
	uint8_t b[NS_VARINT_MAX64];
	size_t n = ns_varint_put(b, v);

	if (fwrite(b, 1, n, c->f) != n)
		c->err = NS_ERR_IO;
}

static int spill_term(void *ctx, const char *term, size_t len, uint32_t df, const uint8_t *stream,
		      size_t stream_len)
{
	struct spill_ctx *c = ctx;

	if (stream_len > *c->max_stream)
		*c->max_stream = stream_len;
	put_varint(c, len);
	if (fwrite(term, 1, len, c->f) != len)
		c->err = NS_ERR_IO;
	put_varint(c, df);
	put_varint(c, stream_len);
	if (stream_len && fwrite(stream, 1, stream_len, c->f) != stream_len)
		c->err = NS_ERR_IO;
	return c->err;
}

int ns_runs_spill(struct ns_runs *r, struct ns_invert *inv)
{
	struct spill_ctx c = { NULL, NS_OK, &r->max_stream };
	char name[64], *path, **paths;
	int rc;

	snprintf(name, sizeof(name), "run-%ld-%u-%u.tmp", (long)getpid(), r->id, (unsigned)r->n);
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
	r->n_spilled++;
	/* write events for the crash tests' hook (fileio.h) */
	rc = ns_fileio_fault_point() == 0 ? NS_OK : NS_ERR_IO;
	if (rc == NS_OK)
		rc = ns_invert_drain(inv, spill_term, &c);
	if (rc == NS_OK && (fflush(c.f) != 0 || ns_fileio_fault_point() != 0))
		rc = NS_ERR_IO;
	if (fclose(c.f) != 0 && rc == NS_OK)
		rc = NS_ERR_IO;
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

/* Where a merge writes: the segment writer (the last pass), directly or
 * through a pipe to a writer thread (postpipe.h), or a new run file (a
 * pass over more runs than MAX_FANIN). */
struct sink {
	struct ns_segw *w;	/* segment writer, or NULL for a run file */
	struct ns_postpipe *pipe;	/* with w: the writer's calls go here */
	FILE *f;		/* the run file */
	struct ns_buf stream;	/* the term being merged, re-encoded */
	uint32_t df;
	uint32_t prev_plus1;
	char term[NS_FMT_MAX_TERM_LEN + 1];
	size_t len;
	int err;
	uint64_t *max_stream;	/* ns_runs.max_stream (a run file) */
};

static int sink_begin(struct sink *k, const char *term, size_t len)
{
	if (k->pipe)
		return ns_postpipe_term_begin(k->pipe, term, len);
	if (k->w)
		return ns_segw_term_begin(k->w, term, len);
	memcpy(k->term, term, len);
	k->len = len;
	k->df = 0;
	k->prev_plus1 = 0;
	ns_buf_reset(&k->stream);
	return NS_OK;
}

static int sink_doc(struct sink *k, uint32_t docid, const uint32_t *pos, uint32_t tf)
{
	if (k->pipe)
		return ns_postpipe_term_doc(k->pipe, docid, pos, tf);
	if (k->w)
		return ns_segw_term_doc(k->w, docid, pos, tf);
	/* Re-encode: each input run's stream starts its gaps from 0. */
	ns_buf_put_varint(&k->stream, docid - k->prev_plus1);
	ns_buf_put_varint(&k->stream, tf);
	for (uint32_t i = 0; i < tf; i++)
		ns_buf_put_varint(&k->stream, i == 0 ? pos[0] : pos[i] - pos[i - 1] - 1);
	k->prev_plus1 = docid + 1;
	k->df++;
	return k->stream.err ? NS_ERR_NOMEM : NS_OK;
}

static int sink_end(struct sink *k)
{
	struct spill_ctx c = { k->f, NS_OK, k->max_stream };

	if (k->pipe)
		return ns_postpipe_term_end(k->pipe);
	if (k->w)
		return ns_segw_term_end(k->w);
	spill_term(&c, k->term, k->len, k->df, k->stream.data, k->stream.len);
	return c.err;
}

static int copy_stream(struct sink *k, const uint8_t *stream, size_t len,
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
		rc = sink_doc(k, sr->docid, sr->pos, sr->tf);
		if (rc != NS_OK)
			return rc;
	}
	return rc == NS_DONE ? NS_OK : rc;
}

/* Writes to k the union of streams src[0..n) (each in increasing docid
 * order, their docids disjoint) in docid order: the streams of one lane's
 * runs follow one another, those of two lanes interleave.  srs: n
 * readers, whose position buffers are kept from call to call. */
static int merge_streams(struct sink *k, const uint8_t *const *src, const size_t *len, size_t n,
			 struct ns_stream_reader *srs)
{
	size_t live = 0;
	int rc = NS_OK;

	if (n == 1)
		return copy_stream(k, src[0], len[0], &srs[0]);
	for (size_t i = 0; i < n; i++) {
		uint32_t *keep_pos = srs[i].pos;
		size_t keep_cap = srs[i].pos_cap;
		ns_stream_reader_init(&srs[i], src[i], len[i]);
		srs[i].pos = keep_pos;
		srs[i].pos_cap = keep_cap;
		rc = ns_stream_reader_next(&srs[i]);
		if (rc == NS_DONE) {
			srs[i].docid = UINT32_MAX;
			rc = NS_OK;
		} else if (rc == NS_OK) {
			live++;
		} else {
			return rc;
		}
	}
	while (live > 0) {
		size_t m = SIZE_MAX;
		uint32_t next = UINT32_MAX;	/* the others' smallest docid */
		for (size_t i = 0; i < n; i++)
			if (srs[i].docid != UINT32_MAX && (m == SIZE_MAX || srs[i].docid < srs[m].docid))
				m = i;
		for (size_t i = 0; i < n; i++)
			if (i != m && srs[i].docid < next)
				next = srs[i].docid;
		/* the stream with the smallest docid, for as long as it stays
		 * the smallest: consecutive runs of one lane are copied whole */
		while (srs[m].docid < next) {
			rc = sink_doc(k, srs[m].docid, srs[m].pos, srs[m].tf);
			if (rc != NS_OK)
				return rc;
			rc = ns_stream_reader_next(&srs[m]);
			if (rc == NS_DONE) {
				srs[m].docid = UINT32_MAX;
				live--;
				rc = NS_OK;
			} else if (rc != NS_OK) {
				return rc;
			}
		}
	}
	return rc;
}

struct direct_ctx {
	struct sink k;
	struct ns_stream_reader sr;
};

static int direct_term(void *ctx, const char *term, size_t len, uint32_t df, const uint8_t *stream,
		       size_t stream_len)
{
	struct direct_ctx *c = ctx;
	int rc;

	(void)df;
	rc = sink_begin(&c->k, term, len);
	if (rc == NS_OK)
		rc = copy_stream(&c->k, stream, stream_len, &c->sr);
	if (rc == NS_OK)
		rc = sink_end(&c->k);
	return rc;
}

/* Merges run files paths[0..n) (in document order) into k. */
static int merge_files(char **paths, uint32_t n, struct sink *k)
{
	struct run_in *in = calloc(n, sizeof(*in));
	struct ns_stream_reader *srs = calloc(n + 1, sizeof(*srs));
	const uint8_t **src = calloc(n + 1, sizeof(*src));
	size_t *src_len = calloc(n + 1, sizeof(*src_len)), n_src;
	int rc = NS_OK;

	if (!in || !srs || !src || !src_len) {
		free(in);
		free(srs);
		free(src);
		free(src_len);
		return NS_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < n && rc == NS_OK; i++) {
		in[i].f = fopen(paths[i], "rb");
		if (!in[i].f)
			rc = NS_ERR_IO;
		else if ((rc = run_next(&in[i])) == NS_DONE)
			rc = NS_OK;
	}
	while (rc == NS_OK) {
		/* At most MAX_FANIN runs: a linear minimum is cheaper than a
		 * heap at these sizes. */
		long min = -1;
		for (uint32_t i = 0; i < n; i++)
			if (!in[i].done &&
			    (min < 0 || ns_fmt_term_cmp(in[i].term, in[i].len, in[min].term, in[min].len) < 0))
				min = i;
		if (min < 0)
			break;
		char term[NS_FMT_MAX_TERM_LEN + 1];
		size_t len = in[min].len;
		memcpy(term, in[min].term, len);
		rc = sink_begin(k, term, len);
		n_src = 0;
		for (uint32_t i = (uint32_t)min; i < n && rc == NS_OK; i++) {
			if (in[i].done || ns_fmt_term_cmp(in[i].term, in[i].len, term, len) != 0)
				continue;
			src[n_src] = in[i].stream.data;
			src_len[n_src++] = in[i].stream.len;
		}
		if (rc == NS_OK)
			rc = merge_streams(k, src, src_len, n_src, srs);
		for (uint32_t i = (uint32_t)min; i < n && rc == NS_OK; i++) {
			if (in[i].done || ns_fmt_term_cmp(in[i].term, in[i].len, term, len) != 0)
				continue;
			if ((rc = run_next(&in[i])) == NS_DONE)
				rc = NS_OK;
		}
		if (rc == NS_OK)
			rc = sink_end(k);
	}
	for (uint32_t i = 0; i < n; i++) {
		if (in[i].f)
			fclose(in[i].f);
		ns_buf_release(&in[i].stream);
		ns_stream_reader_release(&srs[i]);
	}
	free(in);
	free(srs);
	free(src);
	free(src_len);
	return rc;
}

/* Merges the fan runs from paths[at] into one new run that takes their
 * place (document order is kept). */
static int merge_pass(struct ns_runs *r, uint32_t at, uint32_t fan)
{
	struct sink k;
	char name[64], *path;
	int rc;

	memset(&k, 0, sizeof(k));
	k.max_stream = &r->max_stream;
	snprintf(name, sizeof(name), "run-%ld-%u-m%u.tmp", (long)getpid(), r->id,
		 (unsigned)r->n_passes++);
	path = ns_path_join(r->dir, name);
	if (!path)
		return NS_ERR_NOMEM;
	k.f = fopen(path, "wbx");
	if (!k.f) {
		free(path);
		return NS_ERR_IO;
	}
	rc = merge_files(r->paths + at, fan, &k);
	if (fclose(k.f) != 0 && rc == NS_OK)
		rc = NS_ERR_IO;
	ns_buf_release(&k.stream);
	if (rc != NS_OK) {
		unlink(path);
		free(path);
		return rc;
	}
	for (uint32_t i = at; i < at + fan; i++) {
		unlink(r->paths[i]);
		free(r->paths[i]);
	}
	r->paths[at] = path;
	memmove(r->paths + at + 1, r->paths + at + fan, (r->n - at - fan) * sizeof(*r->paths));
	r->n -= fan - 1;
	return NS_OK;
}

/* One level of a balanced merge tree: each group of fan consecutive runs
 * becomes one run, so every posting is copied once per level (log_fan of
 * the runs levels in all).  Merging the first fan runs again and again
 * instead copied the first runs' postings once per pass: quadratic in the
 * runs of a ten-million-article build. */
static int merge_level(struct ns_runs *r, uint32_t fan)
{
	for (uint32_t at = 0; at < r->n; at++) {
		uint32_t g = r->n - at < fan ? r->n - at : fan;
		int rc = g > 1 ? merge_pass(r, at, g) : NS_OK;
		if (rc != NS_OK)
			return rc;
	}
	return NS_OK;
}

/* ns_runs_merge(), the last pass through pipe when not NULL. */
static int merge_into(struct ns_runs *r, struct ns_invert *inv, struct ns_segw *w,
		      struct ns_postpipe *pipe)
{
	struct direct_ctx c;
	int rc;

	if (r->n == 0) {
		memset(&c, 0, sizeof(c));
		c.k.w = w;
		c.k.pipe = pipe;
		rc = ns_invert_drain(inv, direct_term, &c);
		ns_stream_reader_release(&c.sr);
		return rc;
	}
	if (ns_invert_n_terms(inv) > 0) {
		rc = ns_runs_spill(r, inv);
		if (rc != NS_OK)
			return rc;
	}
	/* Bounded fan-in: never more than fan_in() run files open at once,
	 * however small the memory budget made the runs. */
	uint32_t fan;
	while (r->n > (fan = budget_fan_in(r))) {
		rc = merge_level(r, fan);
		if (rc != NS_OK)
			return rc;
	}
	{
		struct sink k;
		memset(&k, 0, sizeof(k));
		k.w = w;
		k.pipe = pipe;
		return merge_files(r->paths, r->n, &k);
	}
}

int ns_runs_merge(struct ns_runs *r, struct ns_invert *inv, struct ns_segw *w)
{
	return merge_into(r, inv, w, NULL);
}

/* Both lanes' in-memory terms, merged by term and by docid. */
static int merge_memory(struct ns_invert *a, struct ns_invert *b, struct ns_segw *w,
			struct ns_postpipe *pipe)
{
	struct ns_invert_term *ta = NULL, *tb = NULL;
	uint32_t na = 0, nb = 0, i = 0, j = 0;
	struct ns_stream_reader srs[2];
	struct sink k;
	int rc;

	memset(srs, 0, sizeof(srs));
	memset(&k, 0, sizeof(k));
	k.w = w;
	k.pipe = pipe;
	rc = ns_invert_sorted(a, &ta, &na);
	if (rc == NS_OK)
		rc = ns_invert_sorted(b, &tb, &nb);
	while (rc == NS_OK && (i < na || j < nb)) {
		const uint8_t *src[2];
		size_t len[2], n = 0;
		int c = i == na ? 1 : j == nb ? -1 : ns_fmt_term_cmp(ta[i].term, ta[i].len, tb[j].term, tb[j].len);
		const struct ns_invert_term *t = c <= 0 ? &ta[i] : &tb[j];
		rc = sink_begin(&k, t->term, t->len);
		if (c <= 0) {
			src[n] = ta[i].stream;
			len[n++] = ta[i].stream_len;
			i++;
		}
		if (c >= 0) {
			src[n] = tb[j].stream;
			len[n++] = tb[j].stream_len;
			j++;
		}
		if (rc == NS_OK)
			rc = merge_streams(&k, src, len, n, srs);
		if (rc == NS_OK)
			rc = sink_end(&k);
	}
	free(ta);
	free(tb);
	ns_stream_reader_release(&srs[0]);
	ns_stream_reader_release(&srs[1]);
	ns_invert_clear(a);
	ns_invert_clear(b);
	return rc;
}

/* ns_runs_merge2() into w, through pipe when not NULL. */
static int merge2_into(struct ns_runs *r, struct ns_invert *inv, struct ns_runs *r2,
		       struct ns_invert *inv2, struct ns_segw *w, struct ns_postpipe *pipe)
{
	char **paths;
	int rc;

	if (r->n == 0 && r2->n == 0)
		return merge_memory(inv, inv2, w, pipe);
	/* on disk, everything: then one merge by term and by docid */
	if (ns_invert_n_terms(inv) > 0 && (rc = ns_runs_spill(r, inv)) != NS_OK)
		return rc;
	if (ns_invert_n_terms(inv2) > 0 && (rc = ns_runs_spill(r2, inv2)) != NS_OK)
		return rc;
	paths = realloc(r->paths, (r->n + r2->n + 1) * sizeof(*paths));
	if (!paths)
		return NS_ERR_NOMEM;
	r->paths = paths;
	memcpy(r->paths + r->n, r2->paths, r2->n * sizeof(*paths));
	r->n += r2->n;
	r->n_spilled += r2->n_spilled;
	if (r2->max_stream > r->max_stream)
		r->max_stream = r2->max_stream;
	r2->n = 0;
	r2->n_spilled = 0;
	return merge_into(r, inv, w, pipe);
}

int ns_runs_merge2(struct ns_runs *r, struct ns_invert *inv, struct ns_runs *r2,
		   struct ns_invert *inv2, struct ns_segw *w)
{
	struct ns_postpipe *pipe = NULL;
	int rc, prc;

	/* two lanes mean two cores: the postings are written on a second
	 * thread while this one merges (postpipe.h); without a thread, here */
	rc = ns_postpipe_new(w, &pipe);
	if (rc == NS_ERR_NOMEM)
		return rc;
	rc = merge2_into(r, inv, r2, inv2, w, pipe);
	if (pipe) {
		prc = ns_postpipe_finish(pipe);
		if (rc == NS_OK)
			rc = prc;
		ns_postpipe_free(pipe);
	}
	return rc;
}
