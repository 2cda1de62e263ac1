/* SPDX-License-Identifier: MIT */
/* t_storypack.c -- the story file's compact encodings (format.h, format
 * 17): packed arrays (ns_get_bits), one-article story entries as a kind
 * alone, and exact fingerprints kept only where the story id does not
 * give them back.  What is read equals what was written, for every kind
 * of document (a story's first article, a bumped id, a later member, a
 * deleted document) through both readers; the kept set is exactly the
 * one the documents make, and a kept bit that disagrees is refused even
 * with its CRC made to fit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "story_file.h"
#include "story_sig.h"
#include "unit.h"

enum { N_DOCS = NS_FMT_STORY_CHUNK + 300 };

/* splitmix64's finaliser as format 16 wrote it in indexer/story.c */
static uint64_t ref_id(uint64_t exact)
{
	uint64_t x = exact ^ 0x9e3779b97f4a7c15ull;

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

NS_SUITE(story_id_inverse)
{
	uint64_t x = 0x0123456789abcdefull;

	for (int i = 0; i < 2000; i++, x = x * 6364136223846793005ull + 1442695040888963407ull) {
		uint64_t v = i < 3 ? (uint64_t)i - 1 : x;	/* UINT64_MAX, 0, 1 first */
		CHECK(ns_story_id_of_exact(v) == ref_id(v));
		CHECK(ns_story_exact_of_id(ns_story_id_of_exact(v)) == v);
		CHECK(ns_story_id_of_exact(ns_story_exact_of_id(v)) == v);
	}
}

NS_SUITE(story_bits)
{
	uint8_t b[64 + NS_FMT_PACK_PAD];
	uint32_t vals[40];

	CHECK_INT_EQ(ns_fmt_bit_width(0), 1);
	CHECK_INT_EQ(ns_fmt_bit_width(1), 1);
	CHECK_INT_EQ(ns_fmt_bit_width(2), 2);
	CHECK_INT_EQ(ns_fmt_bit_width(4095), 12);
	CHECK_INT_EQ(ns_fmt_bit_width(4096), 13);
	CHECK_INT_EQ(ns_fmt_bit_width(UINT32_MAX), 32);
	for (unsigned w = 1; w <= 32; w++) {
		uint64_t mask = (1ull << w) - 1;
		memset(b, 0, sizeof(b));
		for (uint32_t i = 0; i < 12; i++) {
			uint64_t at = (uint64_t)i * w;
			vals[i] = (uint32_t)((0x9e3779b97f4a7c15ull * (i + w)) & mask);
			for (unsigned k = 0; k < w; k++)
				if (vals[i] >> k & 1)
					b[(at + k) / 8] |= (uint8_t)(1u << ((at + k) % 8));
		}
		for (uint32_t i = 0; i < 12; i++)
			if (ns_get_bits(b, i, w) != vals[i]) {
				NS_UNIT_FAIL("width %u entry %u: %u, wrote %u", w, i,
					     ns_get_bits(b, i, w), vals[i]);
				break;
			}
	}
}

/* Document d's story and signatures: stories of one to three articles;
 * the first article's fingerprint makes the id except where the id was
 * bumped (every 11th story); every 13th document deleted. */
static void make_map(struct ns_story_map *m, uint32_t *n_kept)
{
	uint32_t s = 0, d = 0;

	*n_kept = 0;
	while (d < N_DOCS) {
		uint32_t k = s % 7 == 3 ? 3 : s % 5 == 1 ? 2 : 1;
		struct ns_story *st = &m->stories[s];
		memset(st, 0, sizeof(*st));
		st->n_live = 0;
		for (uint32_t i = 0; i < k && d < N_DOCS; d++) {
			struct ns_story_doc *e = &m->docs[d];
			e->exact = 0x5bd1e995ull * (d + 1) ^ ((uint64_t)d << 40);
			e->near = ~e->exact * 3;
			if (d % 13 == 12) {
				e->story = NS_STORY_NONE;
				++*n_kept;
				continue;
			}
			e->story = s;
			if (st->n_live == 0)
				st->id = ns_story_id_of_exact(e->exact) + (s % 11 == 10);
			*n_kept += ns_story_id_of_exact(e->exact) != st->id;
			st->n_live++;
			i++;
		}
		if (st->n_live == 0)
			continue;
		st->n_seen = st->n_live + (s % 17 == 16);
		/* days before and after the epoch, some undated */
		st->first_day = s % 4 == 0 ? NS_STORY_NO_DAY : (int32_t)(s * 37 % 900) - 400;
		st->last_day = st->first_day == NS_STORY_NO_DAY ? NS_STORY_NO_DAY
				: st->first_day + (st->n_seen > 1 ? (int32_t)(s % 3) : 0);
		if (st->n_seen >= 2) {
			st->n_terms = 2;
			st->mass = 1.5f;
			st->term[0] = 7 * s + 1;
			st->term[1] = 7 * s + 2;
			st->q[0] = 255;
			st->q[1] = 9;
		}
		s++;
	}
	m->n_docs = N_DOCS;
	m->n_stories = s;
}

/* Sorts the stories by id (the file's order), renumbering the documents'. */
static void sort_by_id(struct ns_story_map *m)
{
	uint32_t *to = malloc(m->n_stories * sizeof(*to));
	struct ns_story *sorted = malloc(m->n_stories * sizeof(*sorted));

	if (!to || !sorted) {
		NS_UNIT_FAIL("out of memory");
		free(to);
		free(sorted);
		return;
	}
	for (uint32_t i = 0; i < m->n_stories; i++) {
		uint32_t rank = 0;
		for (uint32_t j = 0; j < m->n_stories; j++)
			rank += m->stories[j].id < m->stories[i].id;
		to[i] = rank;
		sorted[rank] = m->stories[i];
	}
	memcpy(m->stories, sorted, m->n_stories * sizeof(*sorted));
	for (uint32_t d = 0; d < m->n_docs; d++)
		if (m->docs[d].story != NS_STORY_NONE)
			m->docs[d].story = to[m->docs[d].story];
	free(to);
	free(sorted);
}

static int same_doc(const struct ns_story_doc *a, const struct ns_story_doc *b)
{
	return a->story == b->story && a->exact == b->exact && a->near == b->near;
}

NS_SUITE(story_pack)
{
	char *dir = ns_unit_tmpdir("storypack");
	struct ns_story_map m = { 0 }, r;
	struct ns_story_view v;
	uint32_t n_kept = 0;
	char why[200];

	if (!dir)
		return;
	m.docs = calloc(N_DOCS, sizeof(*m.docs));
	m.stories = calloc(N_DOCS, sizeof(*m.stories));
	if (!m.docs || !m.stories) {
		NS_UNIT_FAIL("out of memory");
		goto out;
	}
	make_map(&m, &n_kept);
	sort_by_id(&m);
	CHECK_INT_EQ(ns_story_map_validate(&m, why, sizeof(why)), NS_OK);
	CHECK_INT_EQ(ns_story_map_write(dir, 4, &m), NS_OK);
	if (ns_story_map_read(dir, 4, &r) == NS_OK) {
		CHECK_INT_EQ(r.n_stories, m.n_stories);
		for (uint32_t d = 0; d < N_DOCS; d++)
			if (!same_doc(&r.docs[d], &m.docs[d])) {
				NS_UNIT_FAIL("document %u read back differs", d);
				break;
			}
		for (uint32_t s = 0; s < m.n_stories && s < r.n_stories; s++) {
			const struct ns_story *a = &m.stories[s], *b = &r.stories[s];
			if (a->id != b->id || a->n_live != b->n_live || a->n_seen != b->n_seen ||
			    a->first_day != b->first_day || a->last_day != b->last_day ||
			    b->n_terms != (a->n_seen >= 2 ? a->n_terms : 0)) {
				NS_UNIT_FAIL("story %u read back differs", s);
				break;
			}
		}
		ns_story_map_release(&r);
	} else {
		NS_UNIT_FAIL("the written map does not read back");
	}
	if (ns_story_view_open(dir, 4, &v) != NS_OK) {
		NS_UNIT_FAIL("the written map does not open");
		goto out;
	}
	/* the kept fingerprints: deleted, bumped and later members only */
	CHECK_INT_EQ(v.n_kept, n_kept);
	CHECK(n_kept > 0 && n_kept < N_DOCS / 2);
	CHECK_INT_EQ(v.bits[0], ns_fmt_bit_width(m.n_stories));
	CHECK_INT_EQ(v.bits[5], ns_fmt_bit_width(N_DOCS - 1));
	/* the lazy view, in reverse order: fingerprints from ids it decodes */
	for (uint32_t d = N_DOCS; d-- > 0;) {
		struct ns_story_doc e;
		if (ns_story_view_doc(&v, d, &e) != NS_OK || !same_doc(&e, &m.docs[d])) {
			NS_UNIT_FAIL("document %u through the view differs", d);
			break;
		}
	}
	/* a kept bit set where the id gives the fingerprint back (the list
	 * otherwise untouched, the chunk's CRC made to fit): refused */
	{
		uint64_t at = v.kept_off;
		uint8_t b[NS_FMT_STORY_SHARE_LEN];
		char path[700];
		FILE *f;
		uint32_t d = 0;
		while (d < 64 && ns_story_id_of_exact(m.docs[d].exact) != m.stories[m.docs[d].story].id)
			d++;	/* not deleted: a deleted one keeps it */
		ns_story_view_close(&v);
		snprintf(path, sizeof(path), "%s/stories-4", dir);
		f = fopen(path, "r+b");
		if (f && d < 64 && fseek(f, (long)at, SEEK_SET) == 0 && fread(b, 1, sizeof(b), f) == sizeof(b)) {
			b[8 + d / 8] |= (uint8_t)(1u << (d % 8));
			ns_put_u32(b, ns_crc32(b + 4, sizeof(b) - 4));
			fseek(f, (long)at, SEEK_SET);
			fwrite(b, 1, sizeof(b), f);
		} else {
			NS_UNIT_FAIL("cannot patch %s", path);
		}
		if (f)
			fclose(f);
		CHECK_INT_EQ(ns_story_map_read(dir, 4, &r), NS_ERR_CORRUPT);
	}
out:
	free(m.docs);
	free(m.stories);
	ns_unit_rmtree(dir);
	free(dir);
}
