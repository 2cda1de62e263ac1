/* SPDX-License-Identifier: MIT */
/* t_sharedrec.c -- records that share their text group's first record's
 * source and path (format.h: record flags bits 1 and 2, segdocs_write.c,
 * segdocs_read.c).
 *
 * Articles come in runs of one source file (and two sources alternating
 * inside each file), runs that start and end anywhere in a group: every
 * record must give back its own source and path, a merge must keep them,
 * the records must be smaller than the paths written out, and damage to a
 * group's first record must make the records that share it errors, not
 * another article's fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "merge.h"
#include "nsd_file.h"
#include "segreader.h"
#include "segw_end.h"
#include "segwriter.h"
#include "unit.h"

#define N_DOCS 400
#define RUN 70		/* articles per source file: not a group's multiple */

static void fields(uint32_t d, char *src, char *path)
{
	sprintf(src, "%s", (d / 7) % 2 ? "wire" : "desk");
	sprintf(path, "/archive/feeds/2026/file-%03u.jsonl", d / RUN);
}

static size_t text_of(uint32_t d, char *out)
{
	size_t n = 0;

	while (n < 900)
		n += (size_t)sprintf(out + n, "article %u line %zu of the body. ", d, n);
	return n;
}

static int write_seg(const char *dir, uint32_t id, struct ns_seginfo *info)
{
	struct ns_segw *w;
	char text[1024], docid[32], src[16], path[64];
	int rc = ns_segw_open(dir, id, &w);

	memset(info, 0, sizeof(*info));
	if (rc != NS_OK)
		return rc;
	for (uint32_t d = 0; d < N_DOCS && rc == NS_OK; d++) {
		struct ns_doc_meta meta = { docid, "A title", "", NS_DATE_NONE, src, "", path };
		fields(d, src, path);
		snprintf(docid, sizeof(docid), "doc-%u", d);
		rc = ns_segw_add_doc(w, &meta, text, text_of(d, text), 2, 10);
	}
	return unit_segw_end(w, id, rc, info);
}

/* Records whose fields differ from fields(); *corrupt: NS_ERR_CORRUPT. */
static int fields_wrong(struct ns_segr *s, int *corrupt)
{
	int wrong = 0;

	*corrupt = 0;
	for (uint32_t d = 0; d < N_DOCS; d++) {
		char src[16], path[64], id[32];
		struct ns_doc doc;
		int rc = ns_segr_doc(s, d, &doc);
		fields(d, src, path);
		snprintf(id, sizeof(id), "doc-%u", d);
		if (rc == NS_ERR_CORRUPT)
			(*corrupt)++;
		else if (rc != NS_OK || doc.source.len != strlen(src) ||
			 memcmp(doc.source.p, src, doc.source.len) != 0 ||
			 doc.path.len != strlen(path) || memcmp(doc.path.p, path, doc.path.len) != 0 ||
			 doc.id.len != strlen(id) || memcmp(doc.id.p, id, doc.id.len) != 0)
			wrong++;
	}
	return wrong;
}

/* Copies of needle in the segment's .nsd, or -1. */
static long count_copies(const char *dir, uint32_t id, const char *needle)
{
	char *path = unit_nsd_path(dir, id);
	struct ns_map m;
	long n = -1;

	if (path && ns_map_file(path, &m) == NS_OK) {
		size_t k = strlen(needle);
		n = 0;
		for (size_t i = 0; i + k <= m.len; i++)
			n += memcmp(m.data + i, needle, k) == 0;
		ns_unmap_file(&m);
	}
	free(path);
	return n;
}

/* Flips the first byte of the nth copy (from 1) of needle in the
 * segment's .nsd. */
static int damage_copy(const char *dir, uint32_t id, const char *needle, int nth)
{
	char *path = unit_nsd_path(dir, id);
	struct ns_map m;
	long at = -1;
	FILE *f;
	int ok = 0;

	if (path && ns_map_file(path, &m) == NS_OK) {
		size_t n = strlen(needle);
		for (size_t i = 0; at < 0 && i + n <= m.len; i++)
			if (memcmp(m.data + i, needle, n) == 0 && --nth == 0)
				at = (long)i;
		ns_unmap_file(&m);
	}
	f = at >= 0 ? fopen(path, "r+b") : NULL;
	if (f && fseek(f, at, SEEK_SET) == 0 && fputc('X', f) != EOF)
		ok = 1;
	if (f)
		fclose(f);
	free(path);
	return ok;
}

NS_SUITE(sharedrec)
{
	char *dir = ns_unit_tmpdir("sharedrec");
	struct ns_seginfo info, merged;
	struct ns_segr *s = NULL, *m = NULL;
	uint32_t remap[N_DOCS];
	int corrupt;

	CHECK(dir != NULL);
	if (!dir)
		return;
	CHECK_INT_EQ(write_seg(dir, 1, &info), NS_OK);
	CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_OK);
	if (s) {
		CHECK_INT_EQ(fields_wrong(s, &corrupt), 0);
		CHECK_INT_EQ(corrupt, 0);
		/* a merge writes them again, sharing anew */
		uint32_t *rm[1] = { remap };
		CHECK_INT_EQ(ns_merge_segments(dir, &s, 1, 2, rm, &merged), NS_OK);
		CHECK_INT_EQ(ns_segr_open(dir, &merged, &m, NULL, 0), NS_OK);
		if (m)
			CHECK_INT_EQ(fields_wrong(m, &corrupt), 0);
		ns_segr_close(m);
	}
	ns_segr_close(s);
	/* the paths are not in every record: once per group and per change */
	CHECK(count_copies(dir, 1, "/archive/feeds/") > 0);
	CHECK(count_copies(dir, 1, "/archive/feeds/") < N_DOCS / 4);

	/* damage the path where the first group's first record stores it:
	 * that record and every record sharing it are errors, none wrong */
	CHECK(damage_copy(dir, 1, "file-000", 1));
	CHECK_INT_EQ(ns_segr_open(dir, &info, &s, NULL, 0), NS_OK);
	if (s) {
		CHECK_INT_EQ(fields_wrong(s, &corrupt), 0);
		CHECK(corrupt > 1);
	}
	ns_segr_close(s);
	ns_unit_rmtree(dir);
	free(dir);
}
