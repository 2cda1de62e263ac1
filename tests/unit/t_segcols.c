/* SPDX-License-Identifier: MIT */
/* t_segcols.c -- tests of the day and source columns (segcols.h): each
 * document's day (undated, before 1970, across the chunk edge) and source
 * number round trip, sources are numbered once each in order of first use
 * (the empty one too, long runs and alternations), a merge-like copy keeps
 * them (ns_segw_add_stored), and a damaged chunk or source table is
 * NS_ERR_CORRUPT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "manifest.h"
#include "segreader.h"
#include "segw_end.h"
#include "segwriter.h"
#include "unit.h"

#define N_DOCS (NS_FMT_COL_CHUNK + 300)	/* two chunks */

static const char *const sources[] = { "Reuters", "", "AP", "Reuters " };

/* Document d: its source and date (every 7th undated, some before 1970). */
static const char *source_of(uint32_t d)
{
	return d < 1000 ? sources[0] : sources[d % 4];
}

static int64_t date_of(uint32_t d)
{
	if (d % 7 == 0)
		return NS_DATE_NONE;
	return ((int64_t)d - 200) * 86400 * 3 + 3600 * (d % 24);	/* from 1968 */
}

static int write_segment(const char *dir, uint32_t id, struct ns_seginfo *info,
			 struct ns_segr *from)
{
	struct ns_segw *w;
	int rc = ns_segw_open(dir, id, &w);
	uint32_t pos[1] = { 0 };

	for (uint32_t d = 0; d < N_DOCS && rc == NS_OK; d++) {
		struct ns_doc_meta meta = { "id", "t", "", date_of(d), source_of(d), "", "p" };
		struct ns_doc doc;
		if (from) {
			rc = ns_segr_doc(from, d, &doc);
			if (rc == NS_OK)
				rc = ns_segw_add_stored(w, &doc, 0, 1);
		} else {
			rc = ns_segw_add_doc(w, &meta, "x", 1, 0, 1);
		}
	}
	if (rc == NS_OK)
		rc = ns_segw_term_begin(w, "x", 1);
	for (uint32_t d = 0; d < N_DOCS && rc == NS_OK; d++)
		rc = ns_segw_term_doc(w, d, pos, 1);
	if (rc == NS_OK)
		rc = ns_segw_term_end(w);
	memset(info, 0, sizeof(*info));
	return unit_segw_end(w, id, rc, info);
}

/* Whether every document's columns say what it was written with. */
static int columns_right(struct ns_segr *s)
{
	uint32_t n_src;
	struct ns_str name;

	if (ns_segr_n_sources(s, &n_src) != NS_OK || n_src != 4)
		return 0;
	for (uint32_t d = 0; d < N_DOCS; d++) {
		const uint8_t *days, *srcs;
		uint32_t k, k2, day, want = NS_FMT_DAY_NONE;
		int64_t t = date_of(d);
		if (ns_segr_col_chunk(s, NS_COL_DAY, d / NS_FMT_COL_CHUNK, &days, &k) != NS_OK ||
		    ns_segr_col_chunk(s, NS_COL_SOURCE, d / NS_FMT_COL_CHUNK, &srcs, &k2) != NS_OK ||
		    k != k2 || k != (d < NS_FMT_COL_CHUNK ? NS_FMT_COL_CHUNK : 300))
			return 0;
		if (t != NS_DATE_NONE)
			want = (uint32_t)(int32_t)(t / 86400 - (t % 86400 < 0));
		day = ns_get_u32(days + 4 * (d % NS_FMT_COL_CHUNK));
		if (day != want ||
		    ns_segr_source(s, ns_get_u32(srcs + 4 * (d % NS_FMT_COL_CHUNK)), &name) != NS_OK ||
		    name.len != strlen(source_of(d)) || memcmp(name.p, source_of(d), name.len) != 0)
			return 0;
	}
	/* numbered in order of first use: Reuters (docs 0..999), then "" */
	return ns_segr_source(s, 0, &name) == NS_OK && name.len == 7 &&
	       ns_segr_source(s, 1, &name) == NS_OK && name.len == 0 &&
	       ns_segr_source(s, 4, &name) == NS_ERR_CORRUPT;
}

NS_SUITE(segcols)
{
	char *dir = ns_unit_tmpdir("cols");
	struct ns_seginfo info, info2;
	struct ns_segr *s = NULL, *s2 = NULL;
	const uint8_t *e;
	uint32_t k;

	CHECK(dir != NULL);
	if (!dir)
		return;
	CHECK_INT_EQ(write_segment(dir, 1, &info, NULL), NS_OK);
	CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_OK);
	if (s) {
		CHECK(columns_right(s));
		CHECK_INT_EQ(ns_segr_col_chunk(s, NS_COL_DAY, 2, &e, &k), NS_ERR_CORRUPT);
		/* a copy of every record (as a merge makes) keeps them */
		CHECK_INT_EQ(write_segment(dir, 2, &info2, s), NS_OK);
		CHECK_INT_EQ(ns_segr_open(dir, &info2, &s2, NULL, 0), NS_OK);
		if (s2)
			CHECK(columns_right(s2));
		ns_segr_close(s2);
	}
	ns_segr_close(s);
	/* damage: a day entry of the second chunk, then the source table's
	 * last byte (a source's text) */
	{
		char path[4200];
		struct ns_map m;
		FILE *f;
		snprintf(path, sizeof(path), "%s/seg-00000001.nsd", dir);
		CHECK_INT_EQ(ns_map_file(path, &m), NS_OK);
		uint64_t len = m.len, t = len - NS_FMT_NSD_TRAILER;
		uint64_t tab = ns_get_u64(m.data + t + 16), tab_len = ns_get_u64(m.data + t + 24);
		uint64_t days = tab + (N_DOCS + NS_FMT_DOC_CHUNK - 1) / NS_FMT_DOC_CHUNK * 4 +
				(uint64_t)N_DOCS * NS_FMT_DOC_ENTRY_LEN +
				(N_DOCS + NS_FMT_ID_CHUNK - 1) / NS_FMT_ID_CHUNK * 4 +
				(uint64_t)N_DOCS * NS_FMT_ID_ENTRY_LEN;
		uint64_t at[2] = { days + 4 + NS_FMT_COL_CHUNK * 4 + 4 + 10, tab + tab_len - 1 };
		ns_unmap_file(&m);
		for (int i = 0; i < 2; i++) {
			uint8_t b;
			f = fopen(path, "r+b");
			CHECK(f != NULL);
			if (!f)
				break;
			fseek(f, (long)at[i], SEEK_SET);
			b = (uint8_t)fgetc(f);
			fseek(f, (long)at[i], SEEK_SET);
			fputc(b ^ 0x20, f);
			fclose(f);
			CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_OK);
			if (!s)
				break;
			if (i == 0) {
				CHECK_INT_EQ(ns_segr_col_chunk(s, NS_COL_DAY, 0, &e, &k), NS_OK);
				CHECK_INT_EQ(ns_segr_col_chunk(s, NS_COL_DAY, 1, &e, &k),
					     NS_ERR_CORRUPT);
				CHECK_INT_EQ(ns_segr_col_chunk(s, NS_COL_SOURCE, 1, &e, &k), NS_OK);
			} else {
				CHECK_INT_EQ(ns_segr_n_sources(s, &k), NS_ERR_CORRUPT);
				CHECK_INT_EQ(ns_segr_source(s, 0, &(struct ns_str){ 0 }),
					     NS_ERR_CORRUPT);
			}
			ns_segr_close(s);
			s = NULL;
		}
	}
	ns_unit_rmtree(dir);
	free(dir);
}
