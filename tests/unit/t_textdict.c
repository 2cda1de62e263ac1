/* SPDX-License-Identifier: MIT */
/* t_textdict.c -- the raw-content text dictionary (textdict.h,
 * recwriter.c): taken when the archive repeats itself and the writer may
 * hold its sample, refused otherwise; texts come back byte for byte, a
 * damaged dictionary makes the texts that use it NS_ERR_CORRUPT (none
 * comes back wrong) and fails its own CRC, and a merge of a
 * segment that had one gives the merged segment one too.
 *
 * A repeating archive: articles made of sentences drawn from a fixed pool
 * of 3,000 (~400 KB, far more than a trained dictionary holds), as wire
 * copy and recombined stories repeat.  A non-repeating one: every
 * sentence new.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "merge.h"
#include "nsd_file.h"
#include "segreader.h"
#include "segw_end.h"
#include "segwriter.h"
#include "textdict.h"
#include "unit.h"

#define POOL 3000
#define N_DOCS 15000	/* ~1.2 KB each: more text than NS_TEXTDICT_SAMPLE */

static uint64_t state;

static uint32_t rnd(uint32_t n)
{
	state = state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(state >> 33) % n;
}

/* Sentence s: seeded random words of 2..9 letters, ~130 bytes. */
static size_t sentence(uint64_t s, char *out)
{
	size_t n = 0;

	state = 0x9e3779b97f4a7c15ull ^ (s * 0x2545f4914f6cdd1dull);
	while (n < 120) {
		uint32_t len = 2 + rnd(8);
		for (uint32_t i = 0; i < len; i++)
			out[n++] = (char)('a' + rnd(26));
		out[n++] = ' ';
	}
	out[n - 1] = '.';
	out[n++] = ' ';
	return n;
}

/* Article d: nine sentences from the pool (repeat) or new ones. */
static size_t article(uint32_t d, int repeat, char *out)
{
	size_t n = (size_t)sprintf(out, "Article %u. ", d);

	for (uint32_t i = 0; i < 9; i++) {
		uint64_t pick;
		state = ((uint64_t)d << 8 | i) * 0xd1b54a32d192ed03ull + 1;
		pick = repeat ? rnd(POOL) : POOL + (uint64_t)d * 9 + i;
		n += sentence(pick, out + n);
	}
	return n;
}

static int write_seg(const char *dir, uint32_t id, int repeat, int allow, struct ns_seginfo *info)
{
	struct ns_segw *w;
	char text[2048], docid[32];
	int rc = ns_segw_open(dir, id, &w);

	memset(info, 0, sizeof(*info));
	if (rc != NS_OK)
		return rc;
	if (allow)
		ns_segw_allow_raw_dict(w);
	for (uint32_t d = 0; d < N_DOCS && rc == NS_OK; d++) {
		struct ns_doc_meta meta = { docid, "A title", "", NS_DATE_NONE, "wire", "", "p" };
		size_t len = article(d, repeat, text);
		snprintf(docid, sizeof(docid), "doc-%u", d);
		rc = ns_segw_add_doc(w, &meta, text, len, 2, 10);
	}
	return unit_segw_end(w, id, rc, info);
}

/* ns_segr_check_text_dict() of the segment info names. */
static int dict_crc(const char *dir, const struct ns_seginfo *info)
{
	struct ns_segr *s = NULL;
	int rc = ns_segr_open(dir, info, &s, NULL, 0);

	if (rc == NS_OK)
		rc = ns_segr_check_text_dict(s);
	ns_segr_close(s);
	return rc;
}

/* 1 when document d's text differs from article(); a NS_ERR_CORRUPT
 * counts in *corrupt instead. */
static int text_wrong(struct ns_segr *s, uint32_t d, int repeat, int *corrupt)
{
	struct ns_doc doc;
	char *text, want[2048];
	size_t len, want_len = article(d, repeat, want);
	int rc = ns_segr_doc(s, d, &doc), wrong;

	if (rc == NS_OK)
		rc = ns_doc_text(&doc, &text, &len);
	if (rc == NS_ERR_CORRUPT) {
		(*corrupt)++;
		return 0;
	}
	if (rc != NS_OK)
		return 1;
	wrong = len != want_len || memcmp(text, want, len) != 0;
	free(text);
	return wrong;
}

/* Texts of the segment that differ from article(), of every 11th document
 * and the last (each reads a whole group); *corrupt: those that give
 * NS_ERR_CORRUPT.  -1 when it does not open. */
static long texts_wrong(const char *dir, const struct ns_seginfo *info, int repeat, int *corrupt)
{
	struct ns_segr *s;
	long wrong = 0;

	*corrupt = 0;
	if (ns_segr_open(dir, info, &s, NULL, 0) != NS_OK)
		return -1;
	for (uint32_t d = 0; d < info->n_docs; d += 11)
		wrong += text_wrong(s, d, repeat, corrupt);
	wrong += text_wrong(s, info->n_docs - 1, repeat, corrupt);
	ns_segr_close(s);
	return wrong;
}

static long long nsd_size(const char *dir, uint32_t id)
{
	char *path = unit_nsd_path(dir, id);
	struct stat st;
	long long n = path && stat(path, &st) == 0 ? (long long)st.st_size : -1;

	free(path);
	return n;
}

NS_SUITE(textdict)
{
	char *dir = ns_unit_tmpdir("textdict");
	struct ns_seginfo raw, trained, fresh, merged;
	struct ns_segr *in = NULL;
	uint32_t *remap = NULL;
	int corrupt;

	CHECK(dir != NULL);
	if (!dir)
		return;
	/* repeating text, allowed: the raw dictionary, much smaller */
	CHECK_INT_EQ(write_seg(dir, 1, 1, 1, &raw), NS_OK);
	CHECK_INT_EQ(unit_nsd_dict_len(dir, 1), (long)NS_TEXTDICT_LEN);
	CHECK_INT_EQ(texts_wrong(dir, &raw, 1, &corrupt), 0);
	CHECK_INT_EQ(corrupt, 0);
	/* the same, not allowed (a small budget): a trained one */
	CHECK_INT_EQ(write_seg(dir, 2, 1, 0, &trained), NS_OK);
	CHECK(unit_nsd_dict_len(dir, 2) > 1024 && unit_nsd_dict_len(dir, 2) <= 65536);
	CHECK_INT_EQ(texts_wrong(dir, &trained, 1, &corrupt), 0);
	/* its groups (all but the dictionary) take less than half the bytes:
	 * the dictionary itself pays back over more text than a test writes */
	CHECK(nsd_size(dir, 1) > 0 && 2 * (nsd_size(dir, 1) - unit_nsd_dict_len(dir, 1)) <
					      nsd_size(dir, 2) - unit_nsd_dict_len(dir, 2));
	/* text that never repeats: the raw dictionary does not pay */
	CHECK_INT_EQ(write_seg(dir, 3, 0, 1, &fresh), NS_OK);
	CHECK(unit_nsd_dict_len(dir, 3) > 1024 && unit_nsd_dict_len(dir, 3) <= 65536);
	CHECK_INT_EQ(texts_wrong(dir, &fresh, 0, &corrupt), 0);

	/* a merge keeps the raw dictionary, every text intact */
	CHECK_INT_EQ(ns_segr_open(dir, &raw, &in, NULL, 0), NS_OK);
	remap = malloc(N_DOCS * sizeof(*remap));
	if (in && remap) {
		CHECK_INT_EQ(ns_merge_segments(dir, &in, 1, 4, &remap, &merged), NS_OK);
		CHECK_INT_EQ(unit_nsd_dict_len(dir, 4), (long)NS_TEXTDICT_LEN);
		CHECK_INT_EQ(texts_wrong(dir, &merged, 1, &corrupt), 0);
		CHECK_INT_EQ(corrupt, 0);
	}
	free(remap);
	ns_segr_close(in);

	/* a byte deep in the raw dictionary: the texts whose frames copy it
	 * are errors (their groups' raw CRCs), none is wrong, and the
	 * dictionary's own CRC, which only --check reads, tells */
	CHECK_INT_EQ(dict_crc(dir, &raw), NS_OK);
	CHECK(unit_nsd_damage_dict(dir, 1, (long)NS_TEXTDICT_LEN - 100));
	CHECK_INT_EQ(texts_wrong(dir, &raw, 1, &corrupt), 0);
	CHECK(corrupt > 0 && corrupt < (N_DOCS + 10) / 11 + 1);
	CHECK_INT_EQ(dict_crc(dir, &raw), NS_ERR_CORRUPT);

	ns_unit_rmtree(dir);
	free(dir);
}
