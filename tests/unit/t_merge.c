/* SPDX-License-Identifier: MIT */
/* t_merge.c -- tests of indexer/merge.c: the merge policy on a table of
 * cases and over a long random history (the segment count stays within
 * its logarithmic bound), and a merge of two segments with deletions
 * (live documents renumbered in order, postings and records intact).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deletes.h"
#include "error.h"
#include "merge.h"
#include "segreader.h"
#include "segwriter.h"
#include "unit.h"

struct plan_case {
	const char *name;
	int all;
	size_t n;
	struct ns_merge_seg segs[8];
	int want[8];	/* group per segment */
};

static const struct plan_case plan_cases[] = {
	{ "empty", 0, 0, { { 0, 0 } }, { 0 } },
	{ "one", 0, 1, { { 10, 0 } }, { -1 } },
	{ "three small stay", 0, 4, { { 100, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 } },
	  { -1, -1, -1, -1 } },
	{ "four small merge", 0, 5, { { 100, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 }, { 1, 0 } },
	  { -1, 0, 0, 0, 0 } },
	/* 4 x tier 1 (4..15): merged, the result (>= 16) joins tier 2 with
	 * the three there: all seven become one */
	{ "cascade", 0, 7, { { 20, 0 }, { 30, 0 }, { 40, 0 }, { 4, 0 }, { 5, 0 }, { 6, 0 }, { 7, 0 } },
	  { 0, 0, 0, 0, 0, 0, 0 } },
	{ "all deleted dropped", 0, 3, { { 100, 0 }, { 5, 5 }, { 3, 0 } }, { -1, -2, -1 } },
	/* over a third deleted: rewritten with the rest of its tier (live
	 * sizes 64..255 here), alone if it is alone there */
	{ "expunge", 0, 3, { { 100, 34 }, { 100, 33 }, { 2, 0 } }, { 0, 0, -1 } },
	{ "expunge alone", 0, 3, { { 100, 0 }, { 10, 4 }, { 1, 0 } }, { -1, 0, -1 } },
	{ "a third is not over", 0, 2, { { 99, 33 }, { 1, 0 } }, { -1, -1 } },
	{ "compact", 1, 4, { { 100, 0 }, { 5, 5 }, { 3, 1 }, { 9, 0 } }, { 0, -2, 0, 0 } },
	{ "compact one clean", 1, 1, { { 100, 0 } }, { -1 } },
	{ "compact one with deletions", 1, 1, { { 100, 1 } }, { 0 } },
};

NS_SUITE(merge_plan)
{
	for (size_t c = 0; c < sizeof(plan_cases) / sizeof(plan_cases[0]); c++) {
		const struct plan_case *pc = &plan_cases[c];
		int group[8];
		int ok = 1;
		ns_merge_plan(pc->segs, pc->n, pc->all, group);
		for (size_t i = 0; i < pc->n; i++)
			if (group[i] != pc->want[i])
				ok = 0;
		if (!ok) {
			fprintf(stderr, "merge plan case '%s': got", pc->name);
			for (size_t i = 0; i < pc->n; i++)
				fprintf(stderr, " %d", group[i]);
			fputc('\n', stderr);
		}
		CHECK(ok);
	}

	/* A long history: each update adds 1..50 documents and deletes a
	 * few at random; after applying each plan the count stays within
	 * (F - 1) * (log_F(N) + 1) plus the new segment. */
	{
		struct ns_merge_seg segs[256];
		int group[256];
		size_t n = 0, worst = 0;
		uint64_t rng = 7, live = 0;
		int within = 1;
		for (int u = 0; u < 3000; u++) {
			size_t m = 0;
			struct ns_merge_seg out[256];
			rng = rng * 6364136223846793005ull + 1442695040888963407ull;
			segs[n].n_docs = 1 + (uint32_t)(rng >> 40) % 50;
			segs[n].n_deleted = 0;
			n++;
			for (size_t i = 0; i + 1 < n; i++) {
				rng = rng * 6364136223846793005ull + 1442695040888963407ull;
				if ((rng >> 60) == 0 && segs[i].n_deleted < segs[i].n_docs)
					segs[i].n_deleted++;
			}
			size_t ng = ns_merge_plan(segs, n, 0, group);
			for (size_t g = 0; g < ng; g++) {
				struct ns_merge_seg s = { 0, 0 };
				for (size_t i = 0; i < n; i++)
					if (group[i] == (int)g)
						s.n_docs += segs[i].n_docs - segs[i].n_deleted;
				out[m++] = s;
			}
			for (size_t i = 0; i < n; i++)
				if (group[i] == -1)
					out[m++] = segs[i];
			memcpy(segs, out, m * sizeof(*out));
			n = m;
			live = 0;
			for (size_t i = 0; i < n; i++)
				live += segs[i].n_docs - segs[i].n_deleted;
			if (n > worst)
				worst = n;
			if ((double)n > (NS_MERGE_FACTOR - 1) *
						(floor(log((double)live) / log(NS_MERGE_FACTOR)) + 1) +
					1)
				within = 0;
		}
		CHECK(within);
		CHECK(worst > 3);	/* the history did make segments */
	}
}

#define N_A 300
#define N_B 200

/* Segment id: n documents "<prefix>-<k>", term "t" in every third with
 * positions k % 5 + {0, 2}, term "u" in all. */
static int write_seg(const char *dir, uint32_t id, const char *prefix, uint32_t n,
		     struct ns_seginfo *info)
{
	struct ns_segw *w;
	int rc = ns_segw_open(dir, id, &w);

	memset(info, 0, sizeof(*info));
	for (uint32_t d = 0; d < n && rc == NS_OK; d++) {
		char name[32], body[48];
		struct ns_doc_meta meta = { name, "title", "", INT64_MIN, "", "", "p" };
		snprintf(name, sizeof(name), "%s-%u", prefix, d);
		snprintf(body, sizeof(body), "text of %s", name);
		rc = ns_segw_add_doc(w, &meta, body, strlen(body), 1, 10 + d % 7);
	}
	if (rc == NS_OK)
		rc = ns_segw_term_begin(w, "t", 1);
	for (uint32_t d = 0; d < n && rc == NS_OK; d += 3) {
		uint32_t pos[2] = { d % 5, d % 5 + 2 };
		rc = ns_segw_term_doc(w, d, pos, 2);
	}
	if (rc == NS_OK)
		rc = ns_segw_term_end(w);
	if (rc == NS_OK)
		rc = ns_segw_term_begin(w, "u", 1);
	for (uint32_t d = 0; d < n && rc == NS_OK; d++) {
		uint32_t pos[1] = { 9 };
		rc = ns_segw_term_doc(w, d, pos, 1);
	}
	if (rc == NS_OK)
		rc = ns_segw_term_end(w);
	info->id = id;
	info->n_docs = n;
	info->n_tokens = ns_segw_n_tokens(w);
	info->n_title_tokens = ns_segw_n_title_tokens(w);
	if (rc != NS_OK) {
		ns_segw_abort(w);
		return rc;
	}
	return ns_segw_finish(w);
}

NS_SUITE(merge)
{
	char *dir = ns_unit_tmpdir("merge");
	struct ns_seginfo ia, ib, im;
	struct ns_segr *a = NULL, *b = NULL, *m = NULL;
	uint8_t del_a[(N_A + 7) / 8], del_b[(N_B + 7) / 8];
	uint32_t remap_a[N_A], remap_b[N_B], live = 0;

	CHECK(dir != NULL);
	if (!dir)
		return;
	CHECK_INT_EQ(write_seg(dir, 1, "a", N_A, &ia), NS_OK);
	CHECK_INT_EQ(write_seg(dir, 2, "b", N_B, &ib), NS_OK);
	CHECK_INT_EQ(ns_segr_open(dir, &ia, &a, NULL, 0), NS_OK);
	CHECK_INT_EQ(ns_segr_open(dir, &ib, &b, NULL, 0), NS_OK);
	if (!a || !b)
		goto out;
	memset(del_a, 0, sizeof(del_a));
	memset(del_b, 0, sizeof(del_b));
	for (uint32_t d = 0; d < N_A; d++)
		if (d % 4 == 1)
			ns_del_set(del_a, d);
	for (uint32_t d = 0; d < N_B; d++)
		if (d < 100)
			ns_del_set(del_b, d);	/* a whole block and some */
	ns_segr_set_deleted(a, del_a);
	ns_segr_set_deleted(b, del_b);
	{
		struct ns_segr *in[2] = { a, b };
		uint32_t *remap[2] = { remap_a, remap_b };
		CHECK_INT_EQ(ns_merge_segments(dir, in, 2, 3, remap, &im), NS_OK);
	}
	for (uint32_t d = 0; d < N_A; d++)
		live += !ns_del_test(del_a, d);
	for (uint32_t d = 0; d < N_B; d++)
		live += !ns_del_test(del_b, d);
	CHECK_INT_EQ(im.n_docs, live);
	CHECK_INT_EQ(remap_a[0], 0);
	CHECK_INT_EQ(remap_a[1], UINT32_MAX);
	CHECK_INT_EQ(remap_a[2], 1);
	CHECK_INT_EQ(remap_b[99], UINT32_MAX);
	CHECK_INT_EQ(ns_segr_open(dir, &im, &m, NULL, 0), NS_OK);
	if (!m)
		goto out;
	/* records: in order, ids as they were */
	{
		int ok = 1;
		for (uint32_t d = 0; d < N_A; d++) {
			struct ns_doc doc;
			char want[32];
			if (remap_a[d] == UINT32_MAX)
				continue;
			snprintf(want, sizeof(want), "a-%u", d);
			if (ns_segr_doc(m, remap_a[d], &doc) != NS_OK || doc.id.len != strlen(want) ||
			    memcmp(doc.id.p, want, doc.id.len) != 0)
				ok = 0;
		}
		for (uint32_t d = 0; d < N_B; d++) {
			struct ns_doc doc;
			char *text;
			size_t len;
			char want[32];
			if (remap_b[d] == UINT32_MAX)
				continue;
			snprintf(want, sizeof(want), "text of b-%u", d);
			if (ns_segr_doc(m, remap_b[d], &doc) != NS_OK ||
			    ns_doc_text(&doc, &text, &len) != NS_OK)
				ok = 0;
			else if (strcmp(text, want) != 0)
				ok = 0;
			else
				free(text);
		}
		CHECK(ok);
	}
	/* postings of "t": the live ones, renumbered, positions kept */
	{
		struct ns_term_info ti;
		struct ns_post p;
		uint32_t n = 0, want = 0;
		int ok = 1;
		CHECK_INT_EQ(ns_segr_lookup(m, "t", 1, &ti), NS_OK);
		CHECK_INT_EQ(ns_post_open(&p, m, &ti), NS_OK);
		for (int seg = 0; seg < 2; seg++) {
			uint32_t nd = seg ? N_B : N_A;
			for (uint32_t d = 0; d < nd; d += 3) {
				uint32_t to = seg ? remap_b[d] : remap_a[d];
				const uint32_t *pos;
				uint32_t tf;
				if (to == UINT32_MAX)
					continue;
				want++;
				if (ns_post_next(&p) != NS_OK || p.docid != to ||
				    ns_post_positions(&p, &pos, &tf) != NS_OK || tf != 2 ||
				    pos[0] != d % 5 || pos[1] != d % 5 + 2)
					ok = 0;
				else
					n++;
			}
		}
		CHECK(ok);
		CHECK_INT_EQ(n, want);
		CHECK_INT_EQ(ti.df, want);
		ns_post_release(&p);
	}
out:
	ns_segr_close(a);
	ns_segr_close(b);
	ns_segr_close(m);
	ns_unit_rmtree(dir);
	free(dir);
}
