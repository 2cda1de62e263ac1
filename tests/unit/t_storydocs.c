/* SPDX-License-Identifier: MIT */
/* t_storydocs.c -- the story file's per-document sections (format.h,
 * format 13): the stories apart from the signatures, each chunk checked
 * by its own CRC once per view, and a chunk never read before is never
 * trusted, even after its neighbours passed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "story_file.h"
#include "unit.h"

enum { N_DOCS = 2 * NS_FMT_STORY_CHUNK + 100, PER_STORY = 3,
       N_STORIES = (N_DOCS + PER_STORY - 1) / PER_STORY };

/* Flips one bit of dir/stories-7 at byte at. */
static void flip_at(const char *dir, uint64_t at)
{
	char path[700];
	FILE *f;
	int c;

	snprintf(path, sizeof(path), "%s/stories-7", dir);
	f = fopen(path, "r+b");
	if (!f || fseek(f, (long)at, SEEK_SET) != 0 || (c = fgetc(f)) == EOF ||
	    fseek(f, (long)at, SEEK_SET) != 0 || fputc(c ^ 0x04, f) == EOF) {
		NS_UNIT_FAIL("cannot flip byte %llu of %s", (unsigned long long)at, path);
	}
	if (f)
		fclose(f);
}

/* Byte offset in the file of entry i of the per-document section at off
 * (entries of len bytes, a crc:u32 before each chunk). */
/* ... and of the byte holding the first bit of packed entry i (w bits, a
 * crc:u32 before each chunk, NS_FMT_PACK_PAD bytes after). */
static uint64_t packed_at(uint64_t off, unsigned w, uint32_t i)
{
	uint32_t c = i / NS_FMT_STORY_CHUNK;
	uint64_t chunk = 4 + ((uint64_t)NS_FMT_STORY_CHUNK * w + 7) / 8 + NS_FMT_PACK_PAD;

	return off + c * chunk + 4 + (uint64_t)(i % NS_FMT_STORY_CHUNK) * w / 8;
}

static uint64_t entry_at(uint64_t off, uint32_t len, uint32_t i)
{
	uint32_t c = i / NS_FMT_STORY_CHUNK;

	return off + (uint64_t)c * (4 + (uint64_t)NS_FMT_STORY_CHUNK * len) + 4 +
	       (uint64_t)(i % NS_FMT_STORY_CHUNK) * len;
}

/* Every chunk of stories read through ns_story_view_doc_chunk() equals
 * the map's (a 4-byte stride: the signatures are elsewhere). */
static void check_chunks(struct ns_story_view *v, const struct ns_story_map *m)
{
	for (uint32_t d = 0; d < N_DOCS; d += NS_FMT_STORY_CHUNK) {
		const uint8_t *e;
		uint32_t first, n;
		if (ns_story_view_doc_chunk(v, d, &e, &first, &n) != NS_OK) {
			NS_UNIT_FAIL("chunk of document %u", d);
			continue;
		}
		CHECK_INT_EQ(first, d);
		CHECK_INT_EQ(n, N_DOCS - d < NS_FMT_STORY_CHUNK ? N_DOCS - d : NS_FMT_STORY_CHUNK);
		for (uint32_t i = 0; i < n; i++)
			if (ns_get_bits(e, i, v->bits[0]) != m->docs[first + i].story) {
				NS_UNIT_FAIL("document %u: story %u, wrote %u", first + i,
					     ns_get_bits(e, i, v->bits[0]), m->docs[first + i].story);
				break;
			}
	}
}

NS_SUITE(story_doc_sections)
{
	char *dir = ns_unit_tmpdir("storydocs");
	struct ns_story_map m;
	struct ns_story_view v;
	struct ns_story_doc doc;
	const uint8_t *e;
	uint32_t first, n;
	uint64_t story_off, sig_off;
	unsigned w;

	if (!dir)
		return;
	memset(&m, 0, sizeof(m));
	m.n_docs = N_DOCS;
	m.n_stories = N_STORIES;
	m.docs = calloc(N_DOCS, sizeof(*m.docs));
	m.stories = calloc(N_STORIES, sizeof(*m.stories));
	if (!m.docs || !m.stories) {
		NS_UNIT_FAIL("out of memory");
		goto out;
	}
	for (uint32_t d = 0; d < N_DOCS; d++) {
		m.docs[d].story = d / PER_STORY;
		m.docs[d].exact = 0x1000000000ull + d;
		m.docs[d].near = 0x2000000000ull + 7ull * d;
		m.stories[d / PER_STORY].n_live++;
	}
	for (uint32_t s = 0; s < N_STORIES; s++) {
		m.stories[s].id = 100 + (uint64_t)s;
		m.stories[s].n_seen = m.stories[s].n_live;
		m.stories[s].first_day = m.stories[s].last_day = NS_STORY_NO_DAY;
	}
	CHECK_INT_EQ(ns_story_map_write(dir, 7, &m), NS_OK);
	if (ns_story_view_open(dir, 7, &v) != NS_OK) {
		NS_UNIT_FAIL("the written map does not open");
		goto out;
	}
	check_chunks(&v, &m);
	CHECK_INT_EQ(ns_story_view_doc(&v, N_DOCS - 1, &doc), NS_OK);
	CHECK(doc.story == m.docs[N_DOCS - 1].story && doc.exact == m.docs[N_DOCS - 1].exact &&
	      doc.near == m.docs[N_DOCS - 1].near);
	story_off = v.sec_off[0];
	sig_off = v.sec_off[2];
	w = v.bits[0];
	CHECK_INT_EQ(w, 12);	/* N_STORIES + 1 values: 0..2764 in 12 bits */
	CHECK(v.share_off == packed_at(story_off, w, N_DOCS - 1) + (w + 7) / 8 + NS_FMT_PACK_PAD);
	ns_story_view_close(&v);

	/* A flipped signature: the stories still read (a count by story
	 * never reads the signatures), the document's full entry is
	 * corrupt. */
	flip_at(dir, entry_at(sig_off, 8, NS_FMT_STORY_CHUNK + 5) + 3);
	if (ns_story_view_open(dir, 7, &v) == NS_OK) {
		check_chunks(&v, &m);
		CHECK_INT_EQ(ns_story_view_doc(&v, NS_FMT_STORY_CHUNK + 5, &doc), NS_ERR_CORRUPT);
		CHECK_INT_EQ(ns_story_view_doc(&v, 5, &doc), NS_OK);
		ns_story_view_close(&v);
	}
	flip_at(dir, entry_at(sig_off, 8, NS_FMT_STORY_CHUNK + 5) + 3);

	/* Damage after the view passed some chunks: chunk 0, checked before,
	 * is trusted (once per view); chunk 2, never read, is checked and
	 * refused, every time it is asked for. */
	if (ns_story_view_open(dir, 7, &v) == NS_OK) {
		CHECK_INT_EQ(ns_story_view_doc_chunk(&v, 1, &e, &first, &n), NS_OK);
		flip_at(dir, packed_at(story_off, w, 2 * NS_FMT_STORY_CHUNK + 9) + 1);
		CHECK_INT_EQ(ns_story_view_doc_chunk(&v, 2 * NS_FMT_STORY_CHUNK + 9, &e, &first, &n),
			     NS_ERR_CORRUPT);
		CHECK_INT_EQ(ns_story_view_doc_chunk(&v, 2 * NS_FMT_STORY_CHUNK, &e, &first, &n),
			     NS_ERR_CORRUPT);
		CHECK_INT_EQ(ns_story_view_doc(&v, 2 * NS_FMT_STORY_CHUNK + 50, &doc),
			     NS_ERR_CORRUPT);
		CHECK_INT_EQ(ns_story_view_doc_chunk(&v, NS_FMT_STORY_CHUNK, &e, &first, &n), NS_OK);
		CHECK_INT_EQ(ns_story_view_doc_chunk(&v, 0, &e, &first, &n), NS_OK);
		ns_story_view_close(&v);
	} else {
		NS_UNIT_FAIL("the map does not open again");
	}
	/* and a fresh view refuses the chunk at once */
	if (ns_story_view_open(dir, 7, &v) == NS_OK) {
		CHECK_INT_EQ(ns_story_view_doc_chunk(&v, 2 * NS_FMT_STORY_CHUNK, &e, &first, &n),
			     NS_ERR_CORRUPT);
		ns_story_view_close(&v);
	}
	{
		struct ns_story_map r;
		CHECK_INT_EQ(ns_story_map_read(dir, 7, &r), NS_ERR_CORRUPT);
	}
out:
	free(m.docs);
	free(m.stories);
	ns_unit_rmtree(dir);
	free(dir);
}
