/* SPDX-License-Identifier: MIT */
/* t_deletes.c -- tests of common/deletes.c and of deletions in the segment
 * reader: deletion files round trip and refuse damage; postings cursors
 * never stop on a deleted document (next and advance, across block edges)
 * while ns_post_open_all() shows them; the id index finds documents by id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deletes.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "manifest.h"
#include "segreader.h"
#include "segw_end.h"
#include "segwriter.h"
#include "unit.h"

#define N_DOCS 700

/* Term "all" in every document, "even" in the even ones, "d<k>" in
 * document k only; document k has id "id-<k % 650>" (ids 0..49 twice). */
static int write_segment(const char *dir, uint32_t id, struct ns_seginfo *info)
{
	struct ns_segw *w;
	int rc = ns_segw_open(dir, id, &w);
	uint32_t pos[2] = { 1, 3 };

	memset(info, 0, sizeof(*info));
	for (uint32_t d = 0; d < N_DOCS && rc == NS_OK; d++) {
		char name[32];
		struct ns_doc_meta meta = { name, "t", "", 0, "", "", "p" };
		snprintf(name, sizeof(name), "id-%u", d % 650);
		meta.date_key = INT64_MIN;
		rc = ns_segw_add_doc(w, &meta, "body text", 9, 1, 4);
	}
	if (rc == NS_OK)
		rc = ns_segw_term_begin(w, "all", 3);
	for (uint32_t d = 0; d < N_DOCS && rc == NS_OK; d++)
		rc = ns_segw_term_doc(w, d, pos, 2);
	if (rc == NS_OK)
		rc = ns_segw_term_end(w);
	if (rc == NS_OK)
		rc = ns_segw_term_begin(w, "even", 4);
	for (uint32_t d = 0; d < N_DOCS && rc == NS_OK; d += 2)
		rc = ns_segw_term_doc(w, d, pos, 1);
	if (rc == NS_OK)
		rc = ns_segw_term_end(w);
	return unit_segw_end(w, id, rc, info);
}

static int is_deleted_model(uint32_t d)
{
	/* runs, singles, a whole block (128..255) and the last document */
	return d % 7 == 3 || (d >= 128 && d < 256) || d == N_DOCS - 1 || d == 0;
}

NS_SUITE(deletes)
{
	char *dir = ns_unit_tmpdir("del");
	struct ns_seginfo info;
	struct ns_segr *s = NULL;
	uint8_t bits[(N_DOCS + 7) / 8];
	uint32_t crc, n_del = 0;

	CHECK(dir != NULL);
	if (!dir)
		return;
	CHECK_INT_EQ(write_segment(dir, 3, &info), NS_OK);
	memset(bits, 0, sizeof(bits));
	for (uint32_t d = 0; d < N_DOCS; d++)
		if (is_deleted_model(d)) {
			ns_del_set(bits, d);
			n_del++;
		}
	CHECK_INT_EQ(ns_del_count(bits, N_DOCS), n_del);
	CHECK_INT_EQ(ns_del_write(dir, 3, 7, bits, N_DOCS, &crc), NS_OK);
	info.del_gen = 7;
	info.n_deleted = n_del;
	info.del_crc = crc;
	CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_OK);
	if (!s)
		goto out;
	CHECK_INT_EQ(ns_segr_n_deleted(s), n_del);
	CHECK(ns_segr_is_deleted(s, 0) && !ns_segr_is_deleted(s, 1));

	/* next(): exactly the live documents, in order */
	{
		struct ns_term_info ti;
		struct ns_post p;
		uint32_t want = 0, got = 0, bad = 0;
		CHECK_INT_EQ(ns_segr_lookup(s, "all", 3, &ti), NS_OK);
		CHECK_INT_EQ(ti.df, N_DOCS);	/* the dictionary counts them all */
		CHECK_INT_EQ(ns_post_open(&p, s, &ti), NS_OK);
		for (uint32_t d = 0; d < N_DOCS; d++) {
			if (is_deleted_model(d))
				continue;
			want++;
			if (ns_post_next(&p) != NS_OK || p.docid != d)
				bad++;
			else
				got++;
		}
		CHECK_INT_EQ(bad, 0);
		CHECK_INT_EQ(got, want);
		CHECK_INT_EQ(ns_post_next(&p), NS_DONE);
		ns_post_release(&p);
	}
	/* advance(): to every target, the first live document >= it */
	{
		struct ns_term_info ti;
		uint32_t bad = 0;
		CHECK_INT_EQ(ns_segr_lookup(s, "even", 4, &ti), NS_OK);
		for (uint32_t t = 0; t < N_DOCS + 2; t += 3) {
			struct ns_post p;
			uint32_t want = t;
			int rc;
			while (want < N_DOCS && (want % 2 || is_deleted_model(want)))
				want++;
			if (ns_post_open(&p, s, &ti) != NS_OK) {
				bad++;
				continue;
			}
			rc = ns_post_advance(&p, t);
			if (want >= N_DOCS ? rc != NS_DONE : rc != NS_OK || p.docid != want)
				bad++;
			/* and next() from there stays on live documents */
			while (rc == NS_OK && (rc = ns_post_next(&p)) == NS_OK)
				if (is_deleted_model(p.docid) || p.docid % 2)
					bad++;
			ns_post_release(&p);
		}
		CHECK_INT_EQ(bad, 0);
	}
	/* open_all(): every document */
	{
		struct ns_term_info ti;
		struct ns_post p;
		uint32_t n = 0;
		CHECK_INT_EQ(ns_segr_lookup(s, "all", 3, &ti), NS_OK);
		CHECK_INT_EQ(ns_post_open_all(&p, s, &ti), NS_OK);
		while (ns_post_next(&p) == NS_OK)
			n++;
		CHECK_INT_EQ(n, N_DOCS);
		ns_post_release(&p);
	}
	/* a bitmap set by the indexer replaces the file's */
	{
		uint8_t none[(N_DOCS + 7) / 8];
		struct ns_term_info ti;
		struct ns_post p;
		uint32_t n = 0;
		memset(none, 0, sizeof(none));
		ns_del_set(none, 5);
		ns_segr_set_deleted(s, none);
		CHECK_INT_EQ(ns_segr_n_deleted(s), 1);
		CHECK_INT_EQ(ns_segr_lookup(s, "all", 3, &ti), NS_OK);
		CHECK_INT_EQ(ns_post_open(&p, s, &ti), NS_OK);
		while (ns_post_next(&p) == NS_OK)
			n++;
		CHECK_INT_EQ(n, N_DOCS - 1);
		ns_post_release(&p);
		ns_segr_set_deleted(s, ns_segr_deleted(s) == none ? NULL : none);
	}
	ns_segr_close(s);
	s = NULL;

	/* the deletion file refuses damage: a flip anywhere, a wrong count */
	{
		char name[48], *path;
		struct ns_map map;
		uint8_t *copy;
		size_t len;
		int all_caught = 1;
		ns_fmt_deletes_name(name, 3, 7);
		CHECK_STR_EQ(name, "seg-00000003.del-7");
		path = ns_path_join(dir, name);
		CHECK_INT_EQ(ns_map_file(path, &map), NS_OK);
		len = (size_t)map.len;
		copy = malloc(len);
		memcpy(copy, map.data, len);
		ns_unmap_file(&map);
		for (size_t at = 0; at < len; at++) {
			const uint8_t *b;
			copy[at] ^= 0x04;
			if (ns_del_parse(copy, len, 3, N_DOCS, n_del, crc, &b) == NS_OK)
				all_caught = 0;
			copy[at] ^= 0x04;
		}
		CHECK(all_caught);
		{
			const uint8_t *b;
			CHECK_INT_EQ(ns_del_parse(copy, len, 3, N_DOCS, n_del, crc, &b), NS_OK);
			CHECK_INT_EQ(ns_del_parse(copy, len, 3, N_DOCS, n_del + 1, crc, &b),
				     NS_ERR_CORRUPT);
			CHECK_INT_EQ(ns_del_parse(copy, len, 4, N_DOCS, n_del, crc, &b),
				     NS_ERR_CORRUPT);
			CHECK_INT_EQ(ns_del_parse(copy, len - 1, 3, N_DOCS, n_del, crc, &b),
				     NS_ERR_CORRUPT);
		}
		free(copy);
		/* a MANIFEST naming a missing deletion file: NOTFOUND (a
		 * reader retries: a publish may have removed it) */
		info.del_gen = 8;
		CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_ERR_NOTFOUND);
		free(path);
	}
out:
	ns_segr_close(s);
	ns_unit_rmtree(dir);
	free(dir);
}

struct found {
	uint32_t docs[4];
	int n;
};

static int on_found(void *ctx, uint32_t docid)
{
	struct found *f = ctx;

	if (f->n < 4)
		f->docs[f->n] = docid;
	f->n++;
	return 0;
}

NS_SUITE(id_index)
{
	char *dir = ns_unit_tmpdir("del");
	struct ns_seginfo info;
	struct ns_segr *s = NULL;

	CHECK(dir != NULL);
	if (!dir)
		return;
	CHECK_INT_EQ(write_segment(dir, 1, &info), NS_OK);
	CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_OK);
	if (s) {
		struct found f = { { 0 }, 0 };
		uint64_t prev = 0;
		int sorted = 1;
		CHECK_INT_EQ(ns_segr_find_id(s, "id-7", 4, on_found, &f), NS_OK);
		CHECK_INT_EQ(f.n, 2);	/* documents 7 and 657 */
		CHECK_INT_EQ(f.docs[0], 7);
		CHECK_INT_EQ(f.docs[1], 657);
		f.n = 0;
		CHECK_INT_EQ(ns_segr_find_id(s, "id-600", 6, on_found, &f), NS_OK);
		CHECK_INT_EQ(f.n, 1);
		CHECK_INT_EQ(f.docs[0], 600);
		f.n = 0;
		CHECK_INT_EQ(ns_segr_find_id(s, "id-6000", 7, on_found, &f), NS_OK);
		CHECK_INT_EQ(f.n, 0);
		for (uint32_t i = 0; i < N_DOCS; i++) {
			uint64_t h;
			uint32_t d;
			if (ns_segr_id_entry(s, i, &h, &d) != NS_OK || h < prev)
				sorted = 0;
			prev = h;
		}
		CHECK(sorted);
	}
	ns_segr_close(s);
	ns_unit_rmtree(dir);
	free(dir);
}
