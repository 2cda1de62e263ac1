/* SPDX-License-Identifier: MIT */
/* t_storyshare.c -- the story file's doc sharing and sharer list (format.h,
 * formats 16 and 17): a bit per document, set exactly when its story has two or
 * more live documents, and per set bit the number of that story among the
 * shared ones.  A count by story trusts these alone, so: they match what
 * the documents' stories make, over several chunks, with deleted
 * documents and one-article stories between; a damaged chunk is refused
 * even when its CRC was made to fit, and --check's full read
 * (ns_story_map_read) refuses bits or numbers that disagree with the doc
 * stories. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "story_file.h"
#include "unit.h"

enum { N_DOCS = 2 * NS_FMT_STORY_CHUNK + 77 };

/* Document d's story: every 5th deleted; of the rest, runs of one, two
 * and three articles to a story, some of them spread over chunks. */
static uint32_t story_of(uint32_t d)
{
	if (d % 5 == 4)
		return NS_STORY_NONE;
	return d % 7 == 0 ? d / 7 : N_DOCS / 7 + 1 + (d % 997) % 400;
}

/* Reads n bytes at at of dir/stories-3 into buf (write: 1 writes them). */
static int file_io(const char *dir, uint64_t at, uint8_t *buf, size_t n, int write)
{
	char path[700];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/stories-3", dir);
	f = fopen(path, write ? "r+b" : "rb");
	ok = f && fseek(f, (long)at, SEEK_SET) == 0 &&
	     (write ? fwrite(buf, 1, n, f) : fread(buf, 1, n, f)) == n;
	if (f)
		fclose(f);
	if (!ok)
		NS_UNIT_FAIL("cannot %s %s", write ? "write" : "read", path);
	return ok ? 0 : -1;
}

/* Rewrites doc sharing chunk c through fix(), its CRC made to fit. */
static void patch_share(const char *dir, uint64_t share_off, uint32_t c,
			void (*fix)(uint8_t *chunk))
{
	uint8_t b[NS_FMT_STORY_SHARE_LEN];
	uint64_t at = share_off + (uint64_t)c * NS_FMT_STORY_SHARE_LEN;

	if (file_io(dir, at, b, sizeof(b), 0))
		return;
	fix(b);
	ns_put_u32(b, ns_crc32(b + 4, sizeof(b) - 4));
	file_io(dir, at, b, sizeof(b), 1);
}

static void swap_bits(uint8_t *b)	/* a shared document's bit moved */
{
	uint64_t w = ns_get_u64(b + 8);
	/* the lowest set bit cleared, the lowest clear bit set */
	ns_put_u64(b + 8, (w & (w - 1)) | (~w & (w + 1)));
}

static void past_end(uint8_t *b)	/* the last chunk: a bit past n_docs */
{
	uint32_t i = N_DOCS % NS_FMT_STORY_CHUNK + 3;
	b[8 + i / 8] |= (uint8_t)(1u << (i % 8));
}

static void first_big(uint8_t *b)
{
	ns_put_u32(b + 4, ns_get_u32(b + 4) + 1000000);
}

static int reads_back(const char *dir)
{
	struct ns_story_map r;
	int rc = ns_story_map_read(dir, 3, &r);

	if (rc == NS_OK)
		ns_story_map_release(&r);
	return rc;
}

NS_SUITE(story_sharing)
{
	char *dir = ns_unit_tmpdir("storyshare");
	struct ns_story_map m;
	struct ns_story_view v;
	uint32_t *no = NULL, n_shared = 0, n_sharers = 0, got_sharers = 0, n_stories;
	unsigned w_sh = 32;
	uint8_t *good = NULL;
	uint64_t share_off = 0;

	if (!dir)
		return;
	memset(&m, 0, sizeof(m));
	n_stories = N_DOCS / 7 + 1 + 400;
	m.n_docs = N_DOCS;
	m.n_stories = n_stories;
	m.docs = calloc(N_DOCS, sizeof(*m.docs));
	m.stories = calloc(n_stories, sizeof(*m.stories));
	no = malloc(n_stories * sizeof(*no));
	if (!m.docs || !m.stories || !no) {
		NS_UNIT_FAIL("out of memory");
		goto out;
	}
	for (uint32_t d = 0; d < N_DOCS; d++) {
		m.docs[d].story = story_of(d);
		if (m.docs[d].story != NS_STORY_NONE)
			m.stories[m.docs[d].story].n_live++;
	}
	/* stories with no live document are dropped: renumber */
	{
		uint32_t k = 0;
		for (uint32_t s = 0; s < n_stories; s++) {
			no[s] = k;
			if (m.stories[s].n_live)
				m.stories[k++] = m.stories[s];
		}
		for (uint32_t d = 0; d < N_DOCS; d++)
			if (m.docs[d].story != NS_STORY_NONE)
				m.docs[d].story = no[m.docs[d].story];
		m.n_stories = n_stories = k;
	}
	for (uint32_t s = 0; s < n_stories; s++) {
		m.stories[s].id = 1000 + (uint64_t)s;
		m.stories[s].n_seen = m.stories[s].n_live;
		m.stories[s].first_day = m.stories[s].last_day = NS_STORY_NO_DAY;
		no[s] = m.stories[s].n_live >= 2 ? n_shared++ : UINT32_MAX;
		n_sharers += m.stories[s].n_live >= 2 ? m.stories[s].n_live : 0;
	}
	CHECK(n_shared > 100 && n_shared < n_stories);
	CHECK_INT_EQ(ns_story_map_write(dir, 3, &m), NS_OK);
	CHECK_INT_EQ(reads_back(dir), NS_OK);
	if (ns_story_view_open(dir, 3, &v) != NS_OK) {
		NS_UNIT_FAIL("the written map does not open");
		goto out;
	}
	CHECK_INT_EQ(v.n_shared, n_shared);
	CHECK_INT_EQ(v.n_sharers, n_sharers);
	share_off = v.share_off;
	w_sh = v.bits[1];
	/* every document's bit and number, as the documents make them */
	for (uint32_t d = 0; d < N_DOCS; d++) {
		const uint8_t *bits, *sl;
		uint32_t f, n, fs, sf, sn, s = m.docs[d].story, set = 0;
		int bit;
		if (ns_story_view_share_chunk(&v, d, &bits, &f, &n, &fs) != NS_OK) {
			NS_UNIT_FAIL("doc sharing of %u", d);
			break;
		}
		CHECK_INT_EQ(f, d / NS_FMT_STORY_CHUNK * NS_FMT_STORY_CHUNK);
		for (uint32_t i = 0; i < d - f; i++)
			set += bits[i / 8] >> (i % 8) & 1;
		bit = bits[(d - f) / 8] >> ((d - f) % 8) & 1;
		if (bit != (s != NS_STORY_NONE && no[s] != UINT32_MAX)) {
			NS_UNIT_FAIL("document %u: bit %d, story %u", d, bit, s);
			break;
		}
		if (!bit)
			continue;
		CHECK_INT_EQ(fs + set, got_sharers);
		if (ns_story_view_sharer_chunk(&v, fs + set, &sl, &sf, &sn) != NS_OK ||
		    ns_get_bits(sl, fs + set - sf, v.bits[1]) != no[s]) {
			NS_UNIT_FAIL("document %u: not shared story %u", d, no[s]);
			break;
		}
		got_sharers++;
	}
	CHECK_INT_EQ(got_sharers, n_sharers);
	ns_story_view_close(&v);

	/* consistent damage (CRCs made to fit): the full read refuses it;
	 * the view refuses what it can see alone */
	{
		const uint8_t *bits;
		uint32_t f, n, fs, last = (N_DOCS - 1) / NS_FMT_STORY_CHUNK;
		size_t len = 0;
		char path[700];
		FILE *fp;

		snprintf(path, sizeof(path), "%s/stories-3", dir);
		fp = fopen(path, "rb");
		good = malloc(1 << 20);
		if (fp && good)
			len = fread(good, 1, 1 << 20, fp);
		if (fp)
			fclose(fp);
		CHECK(len > share_off);

		patch_share(dir, share_off, 1, swap_bits);
		CHECK_INT_EQ(reads_back(dir), NS_ERR_CORRUPT);
		file_io(dir, 0, good, len, 1);

		patch_share(dir, share_off, last, past_end);
		CHECK_INT_EQ(reads_back(dir), NS_ERR_CORRUPT);
		if (ns_story_view_open(dir, 3, &v) == NS_OK) {
			CHECK_INT_EQ(ns_story_view_share_chunk(&v, N_DOCS - 1, &bits, &f, &n, &fs),
				     NS_ERR_CORRUPT);
			CHECK_INT_EQ(ns_story_view_share_chunk(&v, 0, &bits, &f, &n, &fs), NS_OK);
			ns_story_view_close(&v);
		}
		file_io(dir, 0, good, len, 1);

		patch_share(dir, share_off, 0, first_big);
		if (ns_story_view_open(dir, 3, &v) == NS_OK) {
			CHECK_INT_EQ(ns_story_view_share_chunk(&v, 5, &bits, &f, &n, &fs),
				     NS_ERR_CORRUPT);
			ns_story_view_close(&v);
		}
		file_io(dir, 0, good, len, 1);

		/* a sharer number moved to another shared story */
		{
			uint64_t at = share_off + (uint64_t)(last + 1) * NS_FMT_STORY_SHARE_LEN;
			size_t k = n_sharers < NS_FMT_STORY_CHUNK ? n_sharers : NS_FMT_STORY_CHUNK;
			size_t clen = (k * w_sh + 7) / 8 + NS_FMT_PACK_PAD;
			uint8_t *c = good + at + 4;
			uint64_t mask = (1ull << w_sh) - 1, e = ns_get_u64(c);
			if (at + 4 + clen <= len) {
				/* entry 0, the low w_sh bits of the chunk */
				uint32_t was = (uint32_t)(e & mask);
				ns_put_u64(c, (e & ~mask) | ((was + 1) % n_shared));
				ns_put_u32(good + at, ns_crc32(c, clen));
				file_io(dir, at, good + at, 12, 1);
				CHECK_INT_EQ(reads_back(dir), NS_ERR_CORRUPT);
				ns_put_u64(c, e);
				ns_put_u32(good + at, ns_crc32(c, clen));
			}
			file_io(dir, 0, good, len, 1);
		}
		CHECK_INT_EQ(reads_back(dir), NS_OK);
	}
out:
	free(good);
	free(no);
	free(m.docs);
	free(m.stories);
	ns_unit_rmtree(dir);
	free(dir);
}
