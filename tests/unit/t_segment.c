/* SPDX-License-Identifier: MIT */
/* t_segment.c -- segment writer/reader round trips against a model.
 *
 * A seeded random model of documents and postings is written with
 * segwriter, read back with segreader, and every cursor operation (next,
 * advance to random targets, positions) is compared with the model, at the
 * block-size edges (df 1, 127, 128, 129, 256, 257, all documents).  Then
 * bytes of the files are flipped: reading must give the model's answer or
 * NS_ERR_CORRUPT, never a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "manifest.h"
#include "segreader.h"
#include "segw_end.h"
#include "segwriter.h"
#include "unit.h"

#define N_DOCS 3000
#define N_TERMS 9

static uint64_t rng_state = 42;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng_state >> 33) % n;
}

struct model_post {
	uint32_t docid, tf;
	uint32_t pos[8];
};

struct model_term {
	char name[16];
	uint32_t df;
	struct model_post *posts;
};

static const uint32_t dfs[N_TERMS] = { 1, 127, 128, 129, 256, 257, 1000, 2999, N_DOCS };
static struct model_term terms[N_TERMS];
static uint32_t doc_len[N_DOCS];

static void build_model(void)
{
	for (int t = 0; t < N_TERMS; t++) {
		struct model_term *m = &terms[t];
		uint32_t picked = 0;
		snprintf(m->name, sizeof(m->name), "term%02d", t);
		m->df = dfs[t];
		m->posts = calloc(m->df, sizeof(*m->posts));
		/* Choose df distinct docids in order (selection sampling). */
		for (uint32_t d = 0; d < N_DOCS && picked < m->df; d++) {
			if (rnd(N_DOCS - d) < m->df - picked) {
				struct model_post *p = &m->posts[picked++];
				uint32_t at = rnd(5);
				p->docid = d;
				p->tf = 1 + rnd(8);
				for (uint32_t i = 0; i < p->tf; i++) {
					at += 1 + rnd(i == 3 ? 100000 : 40);
					p->pos[i] = at;
				}
			}
		}
	}
	for (uint32_t d = 0; d < N_DOCS; d++)
		doc_len[d] = 0;
	for (int t = 0; t < N_TERMS; t++)
		for (uint32_t i = 0; i < terms[t].df; i++) {
			struct model_post *p = &terms[t].posts[i];
			if (p->pos[p->tf - 1] + 1 > doc_len[p->docid])
				doc_len[p->docid] = p->pos[p->tf - 1] + 1;
		}
}

static int write_segment(const char *dir, struct ns_seginfo *info)
{
	struct ns_segw *w;
	int rc = ns_segw_open(dir, 7, &w);

	memset(info, 0, sizeof(*info));
	if (rc != NS_OK)
		return rc;
	for (uint32_t d = 0; d < N_DOCS; d++) {
		char id[32], text[64];
		struct ns_doc_meta meta = { id, "A title", "2026-02-16", 1771200000, "wire", "", "p" };
		snprintf(id, sizeof(id), "doc-%u", d);
		snprintf(text, sizeof(text), "body of document %u", d);
		if (d % 3 == 0)
			meta.date_key = NS_DATE_NONE;
		rc = ns_segw_add_doc(w, &meta, text, strlen(text), doc_len[d] / 4, doc_len[d]);
		if (rc != NS_OK)
			break;
	}
	for (int t = 0; t < N_TERMS && rc == NS_OK; t++) {
		rc = ns_segw_term_begin(w, terms[t].name, strlen(terms[t].name));
		for (uint32_t i = 0; i < terms[t].df && rc == NS_OK; i++)
			rc = ns_segw_term_doc(w, terms[t].posts[i].docid, terms[t].posts[i].pos,
					      terms[t].posts[i].tf);
		if (rc == NS_OK)
			rc = ns_segw_term_end(w);
	}
	return unit_segw_end(w, 7, rc, info);
}

/* Walks term t with next() and compares everything with the model.
 * Returns NS_OK, or the reader's error (for the corruption test), or 99 when
 * the reader returned wrong data without an error. */
static int walk_term(struct ns_segr *s, int t)
{
	struct ns_term_info ti;
	struct ns_post p;
	int rc = ns_segr_lookup(s, terms[t].name, strlen(terms[t].name), &ti);

	if (rc != NS_OK)
		return rc == NS_DONE ? 99 : rc;
	if (ti.df != terms[t].df)
		return 99;
	rc = ns_post_open(&p, s, &ti);
	if (rc != NS_OK)
		return rc;
	for (uint32_t i = 0; i < terms[t].df; i++) {
		const struct model_post *m = &terms[t].posts[i];
		const uint32_t *pos;
		uint32_t n;
		rc = ns_post_next(&p);
		if (rc != NS_OK)
			goto out;
		if (p.docid != m->docid || ns_post_tf(&p) != m->tf) {
			rc = 99;
			goto out;
		}
		rc = ns_post_positions(&p, &pos, &n);
		if (rc != NS_OK)
			goto out;
		if (n != m->tf || memcmp(pos, m->pos, n * sizeof(*pos)) != 0) {
			rc = 99;
			goto out;
		}
	}
	rc = ns_post_next(&p) == NS_DONE && p.docid == NS_POST_END ? NS_OK : 99;
out:
	ns_post_release(&p);
	return rc;
}

/* advance() to increasing random targets, checked against a linear scan. */
static void check_advance(struct ns_segr *s, int t, uint32_t max_step)
{
	struct ns_term_info ti;
	struct ns_post p;
	uint32_t target = 0, i = 0;
	int ok = 1;

	CHECK_INT_EQ(ns_segr_lookup(s, terms[t].name, strlen(terms[t].name), &ti), NS_OK);
	CHECK_INT_EQ(ns_post_open(&p, s, &ti), NS_OK);
	while (ok) {
		int rc = ns_post_advance(&p, target);
		while (i < terms[t].df && terms[t].posts[i].docid < target)
			i++;
		if (i == terms[t].df) {
			ok = rc == NS_DONE && p.docid == NS_POST_END;
			break;
		}
		ok = rc == NS_OK && p.docid == terms[t].posts[i].docid &&
		     ns_post_tf(&p) == terms[t].posts[i].tf;
		if (ok && rnd(4) == 0) {
			const uint32_t *pos;
			uint32_t n;
			ok = ns_post_positions(&p, &pos, &n) == NS_OK && n == terms[t].posts[i].tf &&
			     pos[0] == terms[t].posts[i].pos[0];
		}
		target += rnd(max_step);
	}
	if (!ok)
		NS_UNIT_FAIL("advance on %s (df %u, step %u) disagrees at target %u", terms[t].name,
			     terms[t].df, max_step, target);
	else
		ns_unit_passed++;
	ns_post_release(&p);
}

/* The docids-only walk (story probes): seek_docs(target) then next_docs
 * gives exactly the model's docids from the block holding the first one
 * >= target on, whole blocks, none decoded twice. */
static void check_seek_docs(struct ns_segr *s, int t, uint32_t target)
{
	struct ns_term_info ti;
	struct ns_post p;
	const uint32_t *docs;
	uint32_t n, i = 0, first = 1;
	int rc, ok = 1;

	CHECK_INT_EQ(ns_segr_lookup(s, terms[t].name, strlen(terms[t].name), &ti), NS_OK);
	CHECK_INT_EQ(ns_post_open(&p, s, &ti), NS_OK);
	/* the model's first posting >= target, then back to its block's
	 * start; none: no block at all */
	while (i < terms[t].df && terms[t].posts[i].docid < target)
		i++;
	if (i < terms[t].df)
		i -= i % NS_FMT_BLOCK;
	while (ok && (rc = first ? ns_post_seek_docs(&p, target, &docs, &n)
				 : ns_post_next_docs(&p, &docs, &n)) == NS_OK) {
		first = 0;
		for (uint32_t k = 0; ok && k < n; k++, i++)
			ok = i < terms[t].df && docs[k] == terms[t].posts[i].docid;
		ok = ok && docs[n - 1] >= target;
	}
	ok = ok && rc == NS_DONE && i == terms[t].df;
	if (!ok)
		NS_UNIT_FAIL("seek_docs on %s (df %u) to %u disagrees at posting %u", terms[t].name,
			     terms[t].df, target, i);
	else
		ns_unit_passed++;
	ns_post_release(&p);
}

struct scan_ctx {
	int n;
	char first[16];
};

static int count_terms(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct scan_ctx *c = ctx;

	(void)ti;
	if (c->n++ == 0)
		snprintf(c->first, sizeof(c->first), "%.*s", (int)len, term);
	return 0;
}

static void check_docs(struct ns_segr *s)
{
	int ok = 1;

	for (uint32_t d = 0; d < N_DOCS && ok; d += 37) {
		struct ns_doc doc;
		char id[32], want[64], *text;
		size_t len;
		uint32_t tl, dl;
		int64_t key;
		snprintf(id, sizeof(id), "doc-%u", d);
		snprintf(want, sizeof(want), "body of document %u", d);
		ok = ns_segr_doc(s, d, &doc) == NS_OK && doc.id.len == strlen(id) &&
		     memcmp(doc.id.p, id, doc.id.len) == 0 && doc.title.len == 7 &&
		     (d % 3 == 0 ? doc.date_key == NS_DATE_NONE : doc.date_key == 1771200000) &&
		     ns_doc_text(&doc, &text, &len) == NS_OK;
		if (ok) {
			ok = len == strlen(want) && strcmp(text, want) == 0;
			free(text);
		}
		ok = ok && ns_segr_norms(s, d, &tl, &dl) == NS_OK && dl == doc_len[d] &&
		     tl == doc_len[d] / 4 && ns_segr_date(s, d, &key) == NS_OK;
	}
	CHECK(ok);
	CHECK_INT_EQ(ns_segr_norms(s, N_DOCS, &(uint32_t){ 0 }, &(uint32_t){ 0 }), NS_ERR_CORRUPT);
}

/* Flips bytes of the .nsp file: every answer must be right or an error. */
static void check_corruption(const char *dir, const struct ns_seginfo *info)
{
	char name[32], *path;
	struct ns_map map;
	uint8_t *orig;
	size_t len;
	int crashes_avoided = 0, wrong = 0, detected = 0;

	ns_fmt_segment_name(name, info->id, "nsp");
	path = ns_path_join(dir, name);
	CHECK_INT_EQ(ns_map_file(path, &map), NS_OK);
	len = (size_t)map.len;
	orig = malloc(len);
	memcpy(orig, map.data, len);
	ns_unmap_file(&map);
	for (int round = 0; round < 200; round++) {
		uint8_t *bytes = malloc(len);
		size_t at = rnd((uint32_t)len);
		FILE *f;
		struct ns_segr *s;
		memcpy(bytes, orig, len);
		bytes[at] ^= (uint8_t)(1u << rnd(8));
		f = fopen(path, "wb");
		fwrite(bytes, 1, len, f);
		fclose(f);
		free(bytes);
		if (ns_segr_open(dir, info, &s, NULL, 0) != NS_OK) {
			detected++;
			continue;
		}
		for (int t = 0; t < N_TERMS; t++) {
			int rc = walk_term(s, t);
			if (rc == 99)
				wrong++;
			else if (rc != NS_OK)
				detected++;
		}
		crashes_avoided++;
		ns_segr_close(s);
	}
	/* Restore the file for any later check. */
	{
		FILE *f = fopen(path, "wb");
		fwrite(orig, 1, len, f);
		fclose(f);
	}
	CHECK_INT_EQ(wrong, 0);
	CHECK(detected > 100);
	CHECK(crashes_avoided > 0);
	free(orig);
	free(path);
}

NS_SUITE(segment)
{
	char *dir = ns_unit_tmpdir("seg");
	struct ns_seginfo info;
	struct ns_segr *s;
	struct ns_term_info ti;
	struct scan_ctx sc = { 0, "" };

	CHECK(dir != NULL);
	if (!dir)
		return;
	build_model();
	CHECK_INT_EQ(write_segment(dir, &info), NS_OK);
	CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_OK);
	CHECK_INT_EQ(ns_segr_n_docs(s), N_DOCS);
	CHECK_INT_EQ(ns_segr_n_terms(s), N_TERMS);
	for (int t = 0; t < N_TERMS; t++) {
		CHECK_INT_EQ(walk_term(s, t), NS_OK);
		check_advance(s, t, 3);
		check_advance(s, t, 40);
		check_advance(s, t, 700);
		check_seek_docs(s, t, 0);
		check_seek_docs(s, t, 1);
		check_seek_docs(s, t, N_DOCS / 2);
		check_seek_docs(s, t, terms[t].posts[terms[t].df - 1].docid);
		check_seek_docs(s, t, N_DOCS);
	}
	CHECK_INT_EQ(ns_segr_lookup(s, "a", 1, &ti), NS_DONE);
	CHECK_INT_EQ(ns_segr_lookup(s, "term00x", 7, &ti), NS_DONE);
	CHECK_INT_EQ(ns_segr_lookup(s, "zzz", 3, &ti), NS_DONE);
	CHECK_INT_EQ(ns_segr_lookup(s, "term0", 5, &ti), NS_DONE);
	CHECK_INT_EQ(ns_segr_scan(s, "term05", 6, count_terms, &sc), NS_OK);
	CHECK_INT_EQ(sc.n, N_TERMS - 5);
	CHECK_STR_EQ(sc.first, "term05");
	check_docs(s);
	ns_segr_close(s);

	/* A writer must refuse terms out of order rather than write a
	 * dictionary that bisection cannot search. */
	{
		struct ns_segw *w;
		char sub[300];
		snprintf(sub, sizeof(sub), "%s", dir);
		CHECK_INT_EQ(ns_segw_open(sub, 8, &w), NS_OK);
		struct ns_doc_meta meta = { "x", "", "", NS_DATE_NONE, "", "", "" };
		uint32_t pos = 0;
		CHECK_INT_EQ(ns_segw_add_doc(w, &meta, "b", 1, 0, 1), NS_OK);
		CHECK_INT_EQ(ns_segw_term_begin(w, "b", 1), NS_OK);
		CHECK_INT_EQ(ns_segw_term_doc(w, 0, &pos, 1), NS_OK);
		CHECK_INT_EQ(ns_segw_term_end(w), NS_OK);
		CHECK_INT_EQ(ns_segw_term_begin(w, "a", 1), NS_ERR_USAGE);
		ns_segw_abort(w);
	}
	check_corruption(dir, &info);
	for (int t = 0; t < N_TERMS; t++)
		free(terms[t].posts);
	ns_unit_rmtree(dir);
	free(dir);
}

NS_SUITE(manifest)
{
	char *dir = ns_unit_tmpdir("seg");
	struct ns_manifest m, r;
	struct ns_seginfo segs[2] = { { 1, 10, 100, 20, 0, 0, 0, 0, 0, NULL, 0 }, { 5, 3, 30, 6, 0, 0, 0, 0, 0, NULL, 0 } };
	char *sources[2] = { (char *)"/a/b", (char *)"-" };

	CHECK(dir != NULL);
	if (!dir)
		return;
	CHECK_INT_EQ(ns_manifest_read(dir, &r), NS_ERR_NOTFOUND);
	memset(&m, 0, sizeof(m));
	m.generation = 9;
	m.next_segment = 6;
	snprintf(m.lang, sizeof(m.lang), "english");
	m.segs = segs;
	m.n_segs = 2;
	m.sources = sources;
	m.n_sources = 2;
	CHECK_INT_EQ(ns_manifest_write(dir, &m), NS_OK);
	CHECK_INT_EQ(ns_manifest_read(dir, &r), NS_OK);
	CHECK_INT_EQ(r.generation, 9);
	CHECK_INT_EQ(r.next_segment, 6);
	CHECK_STR_EQ(r.lang, "english");
	CHECK_INT_EQ(r.n_segs, 2);
	CHECK_INT_EQ(r.segs[1].id, 5);
	CHECK_INT_EQ(r.segs[1].n_tokens, 30);
	CHECK_INT_EQ(r.n_sources, 2);
	CHECK_STR_EQ(r.sources[0], "/a/b");
	ns_manifest_release(&r);

	/* Every single-byte flip is caught by the CRCs (or the header check):
	 * by ns_manifest_read_all() anywhere, by ns_manifest_read(), which
	 * leaves the files section out, up to the head CRC and in the length
	 * of the files section. */
	{
		char *path = ns_path_join(dir, NS_FMT_MANIFEST_NAME);
		struct ns_map map;
		uint8_t buf[512];
		size_t len;
		int all_caught = 1;
		CHECK_INT_EQ(ns_map_file(path, &map), NS_OK);
		len = (size_t)map.len;
		memcpy(buf, map.data, len);
		ns_unmap_file(&map);
		for (size_t at = 0; at < len; at++) {
			FILE *f = fopen(path, "wb");
			buf[at] ^= 0x10;
			fwrite(buf, 1, len, f);
			fclose(f);
			buf[at] ^= 0x10;
			if (ns_manifest_read_all(dir, &r) == NS_OK) {
				all_caught = 0;
				ns_manifest_release(&r);
			}
			/* the head: all but files (n_files:u32) and crc:u32 */
			if (at < len - 8 && ns_manifest_read(dir, &r) == NS_OK) {
				all_caught = 0;
				ns_manifest_release(&r);
			}
		}
		CHECK(all_caught);
		free(path);
	}
	ns_unit_rmtree(dir);
	free(dir);
}
