/* SPDX-License-Identifier: MIT */
/* t_storedtext.c -- stored texts (recwriter.c, segdocs_read.c): zstd
 * groups with a dictionary trained on the segment's first texts.
 *
 * Segments of three sizes: too little text for a dictionary, enough for
 * one trained when the segment closes, and more than the sample, so the
 * dictionary is trained while articles still arrive.  Every text must come
 * back byte for byte, the dictionary block must be there exactly when it
 * pays, and a damaged dictionary must give NS_ERR_CORRUPT, not a crash or
 * a wrong text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "nsd_file.h"
#include "segreader.h"
#include "segw_end.h"
#include "segwriter.h"
#include "unit.h"

static const char *const words[] = {
	"the",	   "minister", "said",	    "on",      "tuesday",   "that",    "talks",
	"with",	   "iran",     "would",	    "resume",  "after",	    "strikes", "oil",
	"prices",  "rose",     "sharply",   "in",      "early",	    "trading", "government",
	"of",	   "a",	       "spokesman", "for",     "reuters",   "reported", "officials",
	"missile", "sites",    "nuclear",   "deal",    "washington", "tehran", "israel",
};

static uint64_t rng = 7;

static uint32_t rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng >> 33) % n;
}

/* Article d's text: seeded sentences of the words above and its number,
 * 200..1800 bytes. */
static size_t article(uint32_t d, char *out, size_t cap)
{
	size_t n = (size_t)snprintf(out, cap, "Article %u.", d);
	size_t want = 200 + (d * 7919u) % 1600;

	rng = 0x9e3779b97f4a7c15ull ^ d;
	while (n < want && n + 40 < cap) {
		const char *w = words[rnd(sizeof(words) / sizeof(words[0]))];
		n += (size_t)snprintf(out + n, cap - n, "%s%s", rnd(9) == 0 ? ". " : " ", w);
	}
	return n;
}

static int write_texts(const char *dir, uint32_t id, uint32_t n_docs, struct ns_seginfo *info)
{
	struct ns_segw *w;
	char text[2048], docid[32];
	int rc = ns_segw_open(dir, id, &w);

	memset(info, 0, sizeof(*info));
	if (rc != NS_OK)
		return rc;
	for (uint32_t d = 0; d < n_docs && rc == NS_OK; d++) {
		struct ns_doc_meta meta = { docid, "A title", "", NS_DATE_NONE, "wire", "", "p" };
		size_t len = article(d, text, sizeof(text));
		snprintf(docid, sizeof(docid), "doc-%u", d);
		rc = ns_segw_add_doc(w, &meta, text, len, 2, 10);
	}
	return unit_segw_end(w, id, rc, info);
}

/* Every text of the segment, compared with article(); the number wrong
 * or unreadable (-1 when the segment does not open). */
static long texts_wrong(const char *dir, const struct ns_seginfo *info, int *corrupt)
{
	struct ns_segr *s;
	long wrong = 0;
	char want[2048];

	*corrupt = 0;
	if (ns_segr_open(dir, info, &s, NULL, 0) != NS_OK)
		return -1;
	for (uint32_t d = 0; d < info->n_docs; d++) {
		struct ns_doc doc;
		char *text;
		size_t len, want_len = article(d, want, sizeof(want));
		int rc = ns_segr_doc(s, d, &doc);
		if (rc == NS_OK)
			rc = ns_doc_text(&doc, &text, &len);
		if (rc == NS_ERR_CORRUPT) {
			(*corrupt)++;
			continue;
		}
		if (rc != NS_OK) {
			wrong++;
			continue;
		}
		if (len != want_len || memcmp(text, want, len) != 0)
			wrong++;
		free(text);
	}
	ns_segr_close(s);
	return wrong;
}

NS_SUITE(storedtext)
{
	char *dir = ns_unit_tmpdir("text");
	/* ~10 KB, ~400 KB (a dictionary at the end), ~3 MB (one mid-way) */
	const uint32_t sizes[] = { 10, 400, 3000 };
	struct ns_seginfo info[3];
	int corrupt;

	CHECK(dir != NULL);
	if (!dir)
		return;
	for (int i = 0; i < 3; i++) {
		CHECK_INT_EQ(write_texts(dir, (uint32_t)i + 1, sizes[i], &info[i]), NS_OK);
		CHECK_INT_EQ(texts_wrong(dir, &info[i], &corrupt), 0);
		CHECK_INT_EQ(corrupt, 0);
	}
	CHECK_INT_EQ(unit_nsd_dict_len(dir, 1), 0);
	CHECK(unit_nsd_dict_len(dir, 2) > 1024);
	CHECK(unit_nsd_dict_len(dir, 3) > 1024);

	/* A damaged trained dictionary (its entropy tables): every text of
	 * the segment is then an error by its group's raw CRC, none is wrong;
	 * the dictionary's own CRC (--check) tells too. */
	CHECK(unit_nsd_damage_dict(dir, 3, 100));
	CHECK_INT_EQ(texts_wrong(dir, &info[2], &corrupt), 0);
	CHECK_INT_EQ(corrupt, (int)sizes[2]);
	{
		struct ns_segr *s = NULL;

		CHECK_INT_EQ(ns_segr_open(dir, &info[2], &s, NULL, 0), NS_OK);
		CHECK_INT_EQ(s ? ns_segr_check_text_dict(s) : NS_OK, NS_ERR_CORRUPT);
		ns_segr_close(s);
		CHECK_INT_EQ(ns_segr_open(dir, &info[1], &s, NULL, 0), NS_OK);
		CHECK_INT_EQ(s ? ns_segr_check_text_dict(s) : NS_ERR_CORRUPT, NS_OK);
		ns_segr_close(s);
	}

	ns_unit_rmtree(dir);
	free(dir);
}
