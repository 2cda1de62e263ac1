/* SPDX-License-Identifier: MIT */
/* t_postpipe.c -- postings written through the writer thread (postpipe.h)
 * and two lanes' runs merged through it (runs.h, ns_runs_merge2) give the
 * segment a direct, single-inverter merge writes, byte for byte; the
 * writer's errors come back to the merging side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "invert.h"
#include "postpipe.h"
#include "runs.h"
#include "segwriter.h"
#include "unit.h"

/* Enough postings for several batches of the pipe (1 MB each). */
#define N_DOCS 6000
#define MAX_WORDS 80

static uint32_t rnd_state;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* Document d's words: a skewed vocabulary, some words repeated. */
static uint32_t doc_words(uint32_t d, char words[MAX_WORDS][16])
{
	uint32_t n;

	rnd_state = d * 2654435761u + 1;
	n = 20 + rnd() % (MAX_WORDS - 20);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t r = rnd();
		snprintf(words[i], 16, "w%u", r % 4 ? r % 60 : r % 5000);
	}
	return n;
}

static void invert_doc(struct ns_invert *inv, uint32_t d)
{
	char words[MAX_WORDS][16];
	uint32_t n = doc_words(d, words);
	int failed = ns_invert_doc_begin(inv, d) != NS_OK;	/* calls that failed */

	for (uint32_t i = 0; i < n; i++)
		failed += ns_invert_add(inv, words[i], strlen(words[i]), i) != NS_OK;
	failed += ns_invert_doc_end(inv) != NS_OK;
	CHECK_INT_EQ(failed, 0);	/* one check per document, not per word */
}

static struct ns_segw *open_with_docs(const char *dir)
{
	struct ns_segw *w = NULL;

	CHECK_INT_EQ(ns_segw_open(dir, 1, &w), NS_OK);
	for (uint32_t d = 0; w && d < N_DOCS; d++) {
		char words[MAX_WORDS][16], id[32];
		struct ns_doc_meta meta = { id, "t", "", 0, "s", "", "p" };
		uint32_t n = doc_words(d, words);
		snprintf(id, sizeof(id), "d%u", d);
		CHECK_INT_EQ(ns_segw_add_doc(w, &meta, "body", 4, 0, n), NS_OK);
	}
	return w;
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *p = NULL;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)n + 1)) && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	*len = p ? (size_t)n : 0;
	fclose(f);
	return p;
}

/* Whether both directories hold the same segment files. */
static int same_segment(const char *a, const char *b)
{
	static const char *names[] = { "seg-00000001.nsp", "seg-00000001.nsd" };
	int same = 1;

	for (int i = 0; i < 2; i++) {
		size_t la, lb;
		char *x = slurp(a, names[i], &la), *y = slurp(b, names[i], &lb);
		if (!x || !y || la != lb || memcmp(x, y, la) != 0)
			same = 0;
		free(x);
		free(y);
	}
	return same;
}

/* The reference: one inverter, its runs merged directly. */
static void write_direct(const char *dir)
{
	struct ns_invert *inv = NULL;
	struct ns_runs *r = NULL;
	struct ns_segw *w = open_with_docs(dir);

	CHECK_INT_EQ(ns_invert_new(&inv), NS_OK);
	CHECK_INT_EQ(ns_runs_new(dir, &r), NS_OK);
	for (uint32_t d = 0; d < N_DOCS; d++)
		invert_doc(inv, d);
	CHECK_INT_EQ(ns_runs_merge(r, inv, w), NS_OK);
	CHECK_INT_EQ(ns_segw_finish(w), NS_OK);
	ns_runs_free(r);
	ns_invert_free(inv);
}

/* Two lanes taking batches of 70 documents in turn, spilling a run every
 * spill_every documents of their own (0: never), merged by
 * ns_runs_merge2() (through the pipe). */
static void write_lanes(const char *dir, uint32_t spill_every)
{
	struct ns_invert *inv[2] = { NULL, NULL };
	struct ns_runs *r[2] = { NULL, NULL };
	struct ns_segw *w = open_with_docs(dir);
	uint32_t own[2] = { 0, 0 };

	for (int i = 0; i < 2; i++) {
		CHECK_INT_EQ(ns_invert_new(&inv[i]), NS_OK);
		CHECK_INT_EQ(ns_runs_new(dir, &r[i]), NS_OK);
	}
	for (uint32_t d = 0; d < N_DOCS; d++) {
		int l = (d / 70) % 2;
		invert_doc(inv[l], d);
		if (spill_every && ++own[l] % spill_every == 0)
			CHECK_INT_EQ(ns_runs_spill(r[l], inv[l]), NS_OK);
	}
	CHECK_INT_EQ(ns_runs_merge2(r[0], inv[0], r[1], inv[1], w), NS_OK);
	CHECK_INT_EQ(ns_segw_finish(w), NS_OK);
	for (int i = 0; i < 2; i++) {
		ns_runs_free(r[i]);
		ns_invert_free(inv[i]);
	}
}

NS_SUITE(postpipe)
{
	char *ref = ns_unit_tmpdir("pipe-ref"), *mem = ns_unit_tmpdir("pipe-mem"),
	     *runs = ns_unit_tmpdir("pipe-runs"), *bad = ns_unit_tmpdir("pipe-bad");
	struct ns_postpipe *pp = NULL;
	struct ns_segw *w;
	uint32_t pos[3] = { 1, 2, 3 };

	if (!ref || !mem || !runs || !bad) {
		NS_UNIT_FAIL("no temporary directory");
		return;
	}
	write_direct(ref);
	/* both lanes' terms in memory, and both spilled to several runs */
	write_lanes(mem, 0);
	write_lanes(runs, 700);
	CHECK(same_segment(ref, mem));
	CHECK(same_segment(ref, runs));

	/* a call the writer refuses (docids going back) stops the merge */
	w = open_with_docs(bad);
	CHECK_INT_EQ(ns_postpipe_new(w, &pp), NS_OK);
	CHECK_INT_EQ(ns_postpipe_term_begin(pp, "x", 1), NS_OK);
	CHECK_INT_EQ(ns_postpipe_term_doc(pp, 5, pos, 3), NS_OK);
	CHECK_INT_EQ(ns_postpipe_term_doc(pp, 3, pos, 3), NS_OK);	/* only recorded */
	CHECK_INT_EQ(ns_postpipe_term_end(pp), NS_OK);
	CHECK_INT_EQ(ns_postpipe_finish(pp), NS_ERR_USAGE);
	ns_postpipe_free(pp);
	ns_segw_abort(w);

	/* freed while running: what is recorded is dropped, nothing leaks */
	w = open_with_docs(bad);
	CHECK_INT_EQ(ns_postpipe_new(w, &pp), NS_OK);
	for (int t = 0; t < 12; t++) {
		char term[16];
		int ok = 1;
		snprintf(term, sizeof(term), "y%02d", t);
		ok &= ns_postpipe_term_begin(pp, term, strlen(term)) == NS_OK;
		for (uint32_t d = 0; d < N_DOCS; d++)
			ok &= ns_postpipe_term_doc(pp, d, pos, 3) == NS_OK;
		ok &= ns_postpipe_term_end(pp) == NS_OK;
		CHECK(ok);
	}
	ns_postpipe_free(pp);
	ns_segw_abort(w);

	ns_unit_rmtree(ref);
	ns_unit_rmtree(mem);
	ns_unit_rmtree(runs);
	ns_unit_rmtree(bad);
	free(ref);
	free(mem);
	free(runs);
	free(bad);
}
