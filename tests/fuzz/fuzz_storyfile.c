/* SPDX-License-Identifier: MIT */
/* fuzz_storyfile.c -- the story file's readers (story_file.h): the lazy
 * view nsearch uses and the whole-map read nindex and --check use.
 *
 * Input: mode:u8 then the bytes of a story file.  mode & 1 ("fixup")
 * first recomputes the header CRC and every chunk's and group's CRC
 * (format.h, walking the layout the header's counts give), so mutations
 * reach the decoders behind the checksums.  Oracle: every call returns
 * NS_OK or NS_ERR_CORRUPT (the open also VERSION or NOMEM), entries read
 * are in range; what the whole-map read accepts passes
 * ns_story_map_validate(), and written back by ns_story_map_write() is
 * the same bytes (every byte of the format is checked: nothing is
 * accepted that the writer would not make).
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"
#include "format.h"
#include "fuzz.h"
#include "story_file.h"

#define CH NS_FMT_STORY_CHUNK
#define HEAD_LEN (NS_FMT_HEADER_LEN + 6 * 4 + 4)

static char dir[4200];

/* Recomputes the CRC of a chunk of len bytes at d + at (the CRC before
 * it); returns the offset after it, or 0 when it does not fit. */
static uint64_t fix_chunk(uint8_t *d, size_t n, uint64_t at, uint64_t len)
{
	if (at + 4 + len > n || at + 4 + len < at)
		return 0;
	ns_put_u32(d + at, ns_crc32(d + at + 4, (size_t)len));
	return at + 4 + len;
}

/* An array section of count entries of bits each (packed: padded). */
static uint64_t fix_array(uint8_t *d, size_t n, uint64_t at, uint64_t count, unsigned bits,
			  int packed)
{
	for (uint64_t c = 0; c < count && at; c += CH) {
		uint64_t k = count - c < CH ? count - c : CH;
		at = fix_chunk(d, n, at, packed ? (k * bits + 7) / 8 + NS_FMT_PACK_PAD : k * bits / 8);
	}
	return at;
}

static uint64_t fix_bits(uint8_t *d, size_t n, uint64_t at, uint64_t n_docs)
{
	for (uint64_t c = 0; c < n_docs && at; c += CH)
		at = fix_chunk(d, n, at, NS_FMT_STORY_SHARE_LEN - 4);
	return at;
}

static void fix_crcs(uint8_t *d, size_t n)
{
	uint64_t at = HEAD_LEN, dir_at, n_dir, data_at, n_docs, n_stories, n_shared, n_sharers,
		 n_kept;

	if (n < HEAD_LEN)
		return;
	ns_put_u32(d + HEAD_LEN - 4, ns_crc32(d, HEAD_LEN - 4));
	n_docs = ns_get_u32(d + NS_FMT_HEADER_LEN);
	n_stories = ns_get_u32(d + NS_FMT_HEADER_LEN + 4);
	n_shared = ns_get_u32(d + NS_FMT_HEADER_LEN + 8);
	n_sharers = ns_get_u32(d + NS_FMT_HEADER_LEN + 12);
	n_kept = ns_get_u32(d + NS_FMT_HEADER_LEN + 16);
	if (n_docs > n || n_stories > n || n_sharers > n || n_kept > n)
		return;
	at = fix_array(d, n, at, n_docs, ns_fmt_bit_width(n_stories), 1);
	at = at ? fix_bits(d, n, at, n_docs) : 0;
	at = at ? fix_array(d, n, at, n_sharers, ns_fmt_bit_width(n_shared ? n_shared - 1 : 0), 1)
		: 0;
	at = at ? fix_array(d, n, at, n_docs, 64, 0) : 0;
	at = at ? fix_bits(d, n, at, n_docs) : 0;
	at = at ? fix_array(d, n, at, n_kept, 64, 0) : 0;
	n_dir = (n_stories + NS_FMT_STORY_GROUP - 1) / NS_FMT_STORY_GROUP + 1;
	dir_at = at;
	at = at ? fix_array(d, n, at, n_dir, 8 * NS_FMT_STORY_DIR_LEN, 0) : 0;
	if (!at)
		return;
	/* the groups' CRCs, kept in the directory: fix the groups, then the
	 * directory's chunks again */
	data_at = at;
	for (uint64_t g = 0; g + 1 < n_dir; g++) {
		uint64_t e = dir_at + (g / CH) * (4 + (uint64_t)CH * NS_FMT_STORY_DIR_LEN) + 4 +
			     (g % CH) * NS_FMT_STORY_DIR_LEN;
		uint64_t f = dir_at + ((g + 1) / CH) * (4 + (uint64_t)CH * NS_FMT_STORY_DIR_LEN) + 4 +
			     ((g + 1) % CH) * NS_FMT_STORY_DIR_LEN;
		uint64_t off = ns_get_u64(d + e), stop = ns_get_u64(d + f);
		if (off > stop || stop > n - data_at)
			break;
		ns_put_u32(d + e + 12, ns_crc32(d + data_at + off, (size_t)(stop - off)));
	}
	fix_array(d, n, dir_at, n_dir, 8 * NS_FMT_STORY_DIR_LEN, 0);
	{
		uint64_t last = dir_at + ((n_dir - 1) / CH) * (4 + (uint64_t)CH * NS_FMT_STORY_DIR_LEN) +
				4 + ((n_dir - 1) % CH) * NS_FMT_STORY_DIR_LEN;
		uint64_t len = ns_get_u64(d + last), n_members = ns_get_u32(d + last + 8);
		if (len <= n - data_at && n_members <= n_docs)
			fix_array(d, n, data_at + len, n_members,
				  ns_fmt_bit_width(n_docs ? n_docs - 1 : 0), 1);
	}
}

static int ok_or_corrupt(int rc)
{
	return rc == NS_OK || rc == NS_ERR_CORRUPT;
}

/* Every entry through the lazy view (a bounded number of each). */
static void walk_view(struct ns_story_view *v)
{
	struct ns_story_doc e;
	struct ns_story s;
	const uint8_t *p;
	uint32_t f, k, fs, docid;

	for (uint32_t d = 0; d < v->n_docs && d < 20000; d++) {
		int rc = ns_story_view_doc(v, d, &e);
		FUZZ_CHECK(ok_or_corrupt(rc));
		if (rc == NS_OK)
			FUZZ_CHECK(e.story == NS_STORY_NONE || e.story < v->n_stories);
		if (d % CH == 0 || d % 61 == 0) {
			rc = ns_story_view_doc_chunk(v, d, &p, &f, &k);
			FUZZ_CHECK(ok_or_corrupt(rc));
			if (rc == NS_OK)
				FUZZ_CHECK(f <= d && d - f < k && k <= CH);
			rc = ns_story_view_share_chunk(v, d, &p, &f, &k, &fs);
			FUZZ_CHECK(ok_or_corrupt(rc));
			if (rc == NS_OK)
				FUZZ_CHECK(fs <= v->n_sharers);
		}
	}
	for (uint32_t i = 0; i < v->n_sharers && i < 20000; i += 97)
		FUZZ_CHECK(ok_or_corrupt(ns_story_view_sharer_chunk(v, i, &p, &f, &k)));
	for (uint32_t i = 0; i < v->n_stories && i < 20000; i++) {
		int rc = ns_story_view_story(v, i, &s);
		FUZZ_CHECK(ok_or_corrupt(rc));
		if (rc == NS_OK) {
			FUZZ_CHECK(s.n_live >= 1 && s.n_terms <= NS_STORY_TERMS);
			rc = ns_story_view_member(v, s.first_member, &docid);
			FUZZ_CHECK(ok_or_corrupt(rc));
			if (rc == NS_OK)
				FUZZ_CHECK(docid < v->n_docs);
		}
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (access("/dev/shm", W_OK) == 0)
		setenv("TMPDIR", "/dev/shm", 0);
	snprintf(dir, sizeof(dir), "%s/s", fuzz_tmpdir());
	FUZZ_CHECK(mkdir(dir, 0755) == 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_story_view v;
	struct ns_story_map m;
	char path[4300], why[200];
	uint8_t *d, *back;
	size_t n, n_back = 0;
	int rc;

	if (!dir[0])
		LLVMFuzzerInitialize(NULL, NULL);
	if (size < 1 || size > (1u << 21))
		return 0;
	n = size - 1;
	d = malloc(n ? n : 1);
	FUZZ_CHECK(d != NULL);
	memcpy(d, data + 1, n);
	if (data[0] & 1)
		fix_crcs(d, n);
	snprintf(path, sizeof(path), "%s/stories-1", dir);
	FUZZ_CHECK(fuzz_write_file(path, d, n) == 0);
	rc = ns_story_view_open(dir, 1, &v);
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_CORRUPT || rc == NS_ERR_VERSION ||
		   rc == NS_ERR_NOMEM);
	if (rc == NS_OK) {
		walk_view(&v);
		ns_story_view_close(&v);
	}
	rc = ns_story_map_read(dir, 1, &m);
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_CORRUPT || rc == NS_ERR_VERSION ||
		   rc == NS_ERR_NOMEM);
	if (rc == NS_OK) {
		if (ns_story_map_validate(&m, why, sizeof(why)) == NS_OK) {
			/* what was accepted is what the writer makes of it */
			FUZZ_CHECK(ns_story_map_write(dir, 2, &m) == NS_OK);
			snprintf(path, sizeof(path), "%s/stories-2", dir);
			back = fuzz_read_file(path, &n_back);
			FUZZ_CHECK(back != NULL);
			FUZZ_CHECK(n_back == n && memcmp(back, d, n) == 0);
			free(back);
			unlink(path);
		}
		ns_story_map_release(&m);
	}
	free(d);
	return 0;
}
