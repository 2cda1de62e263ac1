/* SPDX-License-Identifier: MIT */
/* t_update.c -- incremental updates through ns_build(), checked from the
 * inside: after each update the index's live statistics (document count,
 * total length, every term's document frequency, by both ways
 * ns_index_df() has of discounting deleted documents) equal a recount over
 * the live documents, and ns_check_index() finds nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "check.h"
#include "error.h"
#include "index.h"
#include "segreader.h"
#include "unit.h"

#define N_FILES 200

/* src/f<k>.txt: a headline, then "common" and words chosen by k. */
static void write_file(const char *dir, int k, int version)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/src/f%03d.txt", dir, k);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "Headline %d\n\ncommon word%d word%d%s%s%s v%d\n", k, k % 7, k % 13,
		k % 2 ? " odd" : "", k % 3 ? "" : " third third", k % 50 ? "" : " rare", version);
	fclose(f);
}

static void remove_file(const char *dir, int k)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/src/f%03d.txt", dir, k);
	unlink(path);
}

static int update(const char *dir)
{
	char idx[512], src[512], msg[512] = "";
	const char *sources[1] = { src };
	struct ns_build_opts o;
	struct ns_build_stats st;
	int rc;

	snprintf(idx, sizeof(idx), "%s/idx", dir);
	snprintf(src, sizeof(src), "%s/src", dir);
	memset(&o, 0, sizeof(o));
	o.index_dir = idx;
	o.sources = sources;
	o.n_sources = 1;
	o.memory_bytes = 64u << 20;
	rc = ns_build(&o, NULL, &st, msg, sizeof(msg));
	if (rc != NS_OK)
		fprintf(stderr, "t_update: build: %s\n", msg);
	return rc;
}

struct recount {
	struct ns_index *idx;
	int bad;
	uint64_t terms;
};

/* The live df of a term, by walking every segment's cursor. */
static uint64_t live_df(struct ns_index *idx, const char *term, size_t len)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		struct ns_term_info ti;
		struct ns_post p;
		if (ns_segr_lookup(idx->segs[i], term, len, &ti) != NS_OK)
			continue;
		if (ns_post_open(&p, idx->segs[i], &ti) != NS_OK)
			return UINT64_MAX;
		while (ns_post_next(&p) == NS_OK)
			n++;
		ns_post_release(&p);
	}
	return n;
}

static int on_term(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct recount *r = ctx;
	uint64_t df;

	(void)ti;
	if (ns_index_df(r->idx, term, len, &df) != NS_OK || df != live_df(r->idx, term, len)) {
		fprintf(stderr, "t_update: df of '%.*s' is %llu, recount %llu\n", (int)len, term,
			(unsigned long long)df, (unsigned long long)live_df(r->idx, term, len));
		r->bad++;
	}
	r->terms++;
	return 0;
}

static void on_problem(void *ctx, const char *file, const char *what)
{
	int *n = ctx;

	(*n)++;
	fprintf(stderr, "t_update: check: %s: %s\n", file, what);
}

/* Everything the index says of its live documents, against a recount. */
static void verify(const char *dir, uint64_t want_docs, uint64_t *probes)
{
	char path[512], msg[512];
	struct ns_index *idx;
	struct recount r = { NULL, 0, 0 };
	uint64_t docs = 0, tokens = 0;
	int problems = 0;

	snprintf(path, sizeof(path), "%s/idx", dir);
	CHECK_INT_EQ(ns_idx_open(path, &idx, msg, sizeof(msg)), NS_OK);
	if (!idx)
		return;
	for (uint32_t i = 0; i < idx->m.n_segs; i++)
		for (uint32_t d = 0; d < ns_segr_n_docs(idx->segs[i]); d++) {
			uint32_t tl, dl;
			if (ns_segr_is_deleted(idx->segs[i], d))
				continue;
			if (ns_segr_norms(idx->segs[i], d, &tl, &dl) == NS_OK) {
				docs++;
				tokens += dl;
			}
		}
	CHECK_INT_EQ(idx->n_docs, docs);
	CHECK_INT_EQ(docs, want_docs);
	CHECK_INT_EQ(idx->n_tokens, tokens);
	CHECK_INT_EQ(idx->n_docids, docs + idx->n_deleted);
	r.idx = idx;
	for (uint32_t i = 0; i < idx->m.n_segs; i++)
		ns_segr_scan(idx->segs[i], "", 0, on_term, &r);
	CHECK_INT_EQ(r.bad, 0);
	CHECK(r.terms > 0);
	*probes = idx->n_df_probes;
	ns_idx_close(idx);
	CHECK_INT_EQ(ns_check_index(path, on_problem, &problems, NULL, msg, sizeof(msg)), NS_OK);
	CHECK_INT_EQ(problems, 0);
}

NS_SUITE(update)
{
	char *dir = ns_unit_tmpdir("upd"), src[512];
	uint64_t probes_few, probes_many;
	uint64_t live = N_FILES;

	CHECK(dir != NULL);
	if (!dir)
		return;
	snprintf(src, sizeof(src), "%s/src", dir);
	mkdir(src, 0777);
	for (int k = 0; k < N_FILES; k++)
		write_file(dir, k, 0);
	CHECK_INT_EQ(update(dir), NS_OK);
	verify(dir, live, &probes_few);
	CHECK_INT_EQ(probes_few, 0);	/* nothing deleted: no discount */

	/* one file changed: one deletion in a segment where "common" has
	 * df 200: discounted by one cursor jump per deleted document */
	write_file(dir, 10, 1);
	CHECK_INT_EQ(update(dir), NS_OK);
	verify(dir, live, &probes_few);
	CHECK(probes_few > 0);

	/* 30% of the files removed (below the 1/3 that forces a rewrite):
	 * discounted by walking the postings */
	for (int k = 0; k < N_FILES; k += 10) {
		remove_file(dir, k);
		remove_file(dir, k + 3);
		remove_file(dir, k + 6);
		live -= 3;
	}
	CHECK_INT_EQ(update(dir), NS_OK);
	verify(dir, live, &probes_many);
	CHECK(probes_many > probes_few);

	/* more changes, enough for merges and rewrites */
	for (int round = 2; round < 8; round++) {
		for (int k = round; k < N_FILES; k += 9)
			write_file(dir, k, round);
		CHECK_INT_EQ(update(dir), NS_OK);
	}
	live = 0;
	for (int k = 0; k < N_FILES; k++) {
		char path[512];
		struct stat sb;
		snprintf(path, sizeof(path), "%s/src/f%03d.txt", dir, k);
		live += stat(path, &sb) == 0;
	}
	verify(dir, live, &probes_many);
	ns_unit_rmtree(dir);
	free(dir);
}

NS_SUITE(manifest_files)
{
	char *dir = ns_unit_tmpdir("upd");
	struct ns_manifest m, r;
	struct ns_seginfo segs[1] = { { 4, 10, 100, 20, 7, 2, 0x1234, 15, 3, NULL, 0 } };
	struct ns_extent e1[2] = { { 4, 0, 5 }, { 4, 7, 3 } }, e2[1] = { { 4, 5, 2 } };
	struct ns_filestate files[2];

	CHECK(dir != NULL);
	if (!dir)
		return;
	memset(&m, 0, sizeof(m));
	memset(files, 0, sizeof(files));
	files[0].path = (char *)"/src/a.jsonl";
	files[0].id = (char *)"a.jsonl";
	files[0].flags = NS_FMT_FILE_JSONL | NS_FMT_FILE_TAIL;
	files[0].size = 1234;
	files[0].mtime_ns = 1700000000123456789ll;
	files[0].content_len = 1234;
	files[0].hash = 0x0123456789abcdefull;
	files[0].done_off = 1200;
	files[0].done_lines = 9;
	files[0].tail_seg = 4;
	files[0].tail_doc = 9;
	files[0].ext = e1;
	files[0].n_ext = 2;
	files[1].path = (char *)"/src/b.txt";
	files[1].id = (char *)"b.txt";
	files[1].mtime_ns = -5;	/* before 1970: zigzag */
	files[1].ext = e2;
	files[1].n_ext = 1;
	m.generation = 3;
	m.next_segment = 5;
	snprintf(m.lang, sizeof(m.lang), "english");
	m.segs = segs;
	m.n_segs = 1;
	m.built = 1800000000;
	m.files = files;
	m.n_files = 2;
	CHECK_INT_EQ(ns_manifest_write(dir, &m), NS_OK);
	CHECK_INT_EQ(ns_manifest_read(dir, &r), NS_OK);
	CHECK(r.files == NULL && r.n_files == 0);	/* the head only */
	CHECK_INT_EQ(r.built, 1800000000);
	CHECK_INT_EQ(r.segs[0].del_gen, 7);
	CHECK_INT_EQ(r.segs[0].del_crc, 0x1234);
	CHECK_INT_EQ(r.segs[0].deleted_title_tokens, 3);
	ns_manifest_release(&r);
	CHECK_INT_EQ(ns_manifest_read_all(dir, &r), NS_OK);
	CHECK_INT_EQ(r.n_files, 2);
	if (r.n_files == 2) {
		CHECK_STR_EQ(r.files[0].path, "/src/a.jsonl");
		CHECK_STR_EQ(r.files[0].id, "a.jsonl");
		CHECK_INT_EQ(r.files[0].flags, NS_FMT_FILE_JSONL | NS_FMT_FILE_TAIL);
		CHECK_INT_EQ(r.files[0].mtime_ns, 1700000000123456789ll);
		CHECK(r.files[0].hash == 0x0123456789abcdefull);
		CHECK_INT_EQ(r.files[0].done_off, 1200);
		CHECK_INT_EQ(r.files[0].done_lines, 9);
		CHECK_INT_EQ(r.files[0].tail_doc, 9);
		CHECK_INT_EQ(r.files[0].n_ext, 2);
		CHECK_INT_EQ(r.files[0].ext[1].first, 7);
		CHECK_INT_EQ(r.files[0].ext[1].count, 3);
		CHECK_INT_EQ(r.files[1].mtime_ns, -5);
		CHECK_INT_EQ(r.files[1].ext[0].first, 5);
	}
	ns_manifest_release(&r);
	/* files out of order are refused */
	files[0].path = (char *)"/src/z.jsonl";
	CHECK_INT_EQ(ns_manifest_write(dir, &m), NS_OK);
	CHECK_INT_EQ(ns_manifest_read_all(dir, &r), NS_ERR_CORRUPT);
	CHECK_INT_EQ(ns_manifest_read(dir, &r), NS_OK);	/* the head is fine */
	ns_manifest_release(&r);
	ns_unit_rmtree(dir);
	free(dir);
}
