/* SPDX-License-Identifier: MIT */
/* t_story.c -- tests of the story modules: copy signatures (story_sig.c),
 * the similarity rules (story_sim.c), the story map file (story_file.c),
 * and story assignment through ns_build() on hand-made cases built from
 * the seed corpus: a copy under a new headline and a copy with a
 * correction appended join their original's story; three outlets'
 * retellings form one story; another story on the same topic (003) stays
 * apart; and an index brought up to date step by step (add, change,
 * delete, replace) groups like one built fresh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "check.h"
#include "error.h"
#include "format.h"
#include "index.h"
#include "stories.h"
#include "story_file.h"
#include "story_sig.h"
#include "story_sim.h"
#include "storyinfo.h"
#include "unit.h"

static const char *const seed[4] = {
	"000_cb9e7fc10d88d411.txt", "001_b25f0445ea50a163.txt", "002_787faffb991260da.txt",
	"003_814b0d2deb047309.txt",
};

/* ---- signatures ---- */

static struct ns_story_sig sig_of(const char *title, const char *body)
{
	struct ns_story_sig s;

	ns_story_sig(title, strlen(title), body, strlen(body), &s);
	return s;
}

/* About 200 words: a correction of ten words is a small edit of it. */
static const char BODY[] =
	"The central bank raised its main interest rate by half a point on Tuesday, "
	"citing inflation that has stayed above its target for a year. Markets had "
	"expected a smaller move. The governor said further increases were possible "
	"if wages kept rising faster than productivity, and that the bank would watch "
	"housing prices closely over the coming months. Economists were divided on "
	"the decision. Some said the bank had waited too long and now had to catch "
	"up, while others warned that higher borrowing costs would hit households "
	"already stretched by energy bills and rents. The finance minister welcomed "
	"the move, saying that price stability was the foundation of growth, but "
	"opposition parties said families with variable mortgages would pay the "
	"price. Banks are expected to pass the increase on to customers within days. "
	"The currency rose against the dollar and the euro after the announcement, "
	"and government bond yields climbed to their highest level in a decade. "
	"Shares in house builders and retailers fell, while bank shares gained. The "
	"next rate decision is due in six weeks, when the bank will also publish "
	"new forecasts for growth, unemployment and inflation over the next three "
	"years, and its governor will answer questions from members of parliament.";

NS_SUITE(story_sig)
{
	struct ns_story_sig a = sig_of("Bank raises rates", BODY);
	struct ns_story_sig b, c;
	char buf[2048];

	/* a new headline: the same text, so the same signatures */
	b = sig_of("Rates up again: what it means for you", BODY);
	CHECK(a.exact == b.exact && a.near == b.near);
	/* case, spacing and punctuation ignored by the exact fingerprint */
	snprintf(buf, sizeof(buf), "%s", BODY);
	for (char *p = buf; *p; p++)
		if (*p >= 'a' && *p <= 'z' && (p - buf) % 3 == 0)
			*p = (char)(*p - 'a' + 'A');
	b = sig_of("", buf);
	CHECK(a.exact == b.exact);
	b = sig_of("", "the CENTRAL   bank -- raised its main interest rate");
	c = sig_of("", "The central bank raised its main, interest rate!");
	CHECK(b.exact == c.exact);
	/* an appended correction: a near copy, not an exact one */
	snprintf(buf, sizeof(buf), "%s Correction: an earlier version gave the wrong day.", BODY);
	b = sig_of("Bank raises rates", buf);
	CHECK(a.exact != b.exact);
	CHECK(ns_story_hamming(a.near, b.near) <= NS_STORY_NEAR_BITS);
	/* another text: far apart */
	b = sig_of("", "Heavy snow closed the mountain pass for a second day, and the "
		       "road authority said it could not say when it would reopen; "
		       "drivers were told to use the coast road instead.");
	CHECK(a.exact != b.exact);
	CHECK(ns_story_hamming(a.near, b.near) > 2 * NS_STORY_NEAR_BITS);
	/* an empty body: the title stands in */
	b = sig_of("Only a headline", "");
	c = sig_of("only a HEADLINE!", "  ");
	CHECK(b.exact == c.exact);
	CHECK_INT_EQ(ns_story_term_hash("iran", 4), ns_story_term_hash("iran", 4));
	CHECK(ns_story_term_hash("iran", 4) != ns_story_term_hash("iraq", 4));
}

/* ---- similarity ---- */

NS_SUITE(story_sim)
{
	struct ns_story s;
	struct ns_story_term a[3] = { { 1, 3.0f }, { 2, 2.0f }, { 3, 1.0f } };
	struct ns_story_term b[3] = { { 7, 3.0f }, { 8, 2.0f }, { 1, 0.5f } };
	size_t na = ns_story_sketch_finish(a, 3), nb = ns_story_sketch_finish(b, 3);

	memset(&s, 0, sizeof(s));
	s.first_day = s.last_day = NS_STORY_NO_DAY;
	ns_story_absorb(&s, a, na, 100);
	CHECK_INT_EQ(s.n_seen, 1);
	CHECK_INT_EQ(s.first_day, 100);
	CHECK_INT_EQ(s.n_terms, 3);
	CHECK_INT_EQ(s.term[0], 1);
	/* the article itself: cosine 1 (up to the quantised weights) */
	CHECK(ns_story_similarity(a, na, 5, &s) > 0.99);
	CHECK(ns_story_similarity(a, na, 30, &s) > 0.99);
	/* one shared term is not enough */
	CHECK(ns_story_similarity(b, nb, 5, &s) == 0.0);
	/* thresholds: headlines lower than articles, small indexes lower */
	CHECK(ns_story_threshold(5, 100000) < ns_story_threshold(30, 100000));
	CHECK(ns_story_threshold(30, 4) < ns_story_threshold(30, 100000));
	/* the date window */
	CHECK(ns_story_days_ok(&s, 100 + NS_STORY_DAYS));
	CHECK(!ns_story_days_ok(&s, 100 + NS_STORY_DAYS + 1));
	CHECK(ns_story_days_ok(&s, NS_STORY_NO_DAY));
	/* the average link: a second, different member halves the mean */
	ns_story_absorb(&s, b, nb, 101);
	CHECK_INT_EQ(s.n_seen, 2);
	CHECK_INT_EQ(s.last_day, 101);
	CHECK(ns_story_similarity(a, na, 30, &s) < 0.6);
	CHECK(ns_story_is_stopword("the", 3));
	CHECK(!ns_story_is_stopword("iran", 4));
}

/* Two stories as wholes: the cosine of their centroids, their days, and a
 * merge that adds one to the other (indexer/story.c merge_stories). */
NS_SUITE(story_merge)
{
	struct ns_story x, y, z;
	struct ns_story_term a[3] = { { 1, 3.0f }, { 2, 2.0f }, { 3, 1.0f } };
	struct ns_story_term b[3] = { { 1, 3.0f }, { 2, 2.0f }, { 4, 1.0f } };
	struct ns_story_term c[2] = { { 8, 1.0f }, { 9, 1.0f } };
	size_t na = ns_story_sketch_finish(a, 3), nb = ns_story_sketch_finish(b, 3);
	size_t nc = ns_story_sketch_finish(c, 2);

	memset(&x, 0, sizeof(x));
	memset(&y, 0, sizeof(y));
	memset(&z, 0, sizeof(z));
	x.first_day = x.last_day = y.first_day = y.last_day = z.first_day = z.last_day =
		NS_STORY_NO_DAY;
	ns_story_absorb(&x, a, na, 100);
	x.n_live = 1;
	ns_story_absorb(&y, b, nb, 102);
	ns_story_absorb(&y, b, nb, 103);
	y.n_live = 2;
	ns_story_absorb(&z, c, nc, 100 + 2 * NS_STORY_DAYS + 5);
	/* alike (two of three terms, the heavy ones), unrelated, itself */
	CHECK(ns_story_centroid_cosine(&x, &y) > NS_STORY_T_MERGE);
	CHECK(ns_story_centroid_cosine(&x, &z) < 0.01);
	CHECK(ns_story_centroid_cosine(&x, &x) > 0.99);
	/* days widened by NS_STORY_DAYS on one side; undated stories any */
	CHECK(ns_story_days_overlap(&x, &y));
	CHECK(!ns_story_days_overlap(&x, &z));
	z.first_day = z.last_day = NS_STORY_NO_DAY;
	CHECK(ns_story_days_overlap(&x, &z));
	/* the merge: counts add up, days span both, the centroid holds both */
	ns_story_merge(&x, &y);
	CHECK_INT_EQ(x.n_seen, 3);
	CHECK_INT_EQ(x.n_live, 3);
	CHECK_INT_EQ(x.first_day, 100);
	CHECK_INT_EQ(x.last_day, 103);
	CHECK_INT_EQ(x.n_terms, 4);
	CHECK(ns_story_similarity(b, nb, 5, &x) > ns_story_similarity(b, nb, 5, &z));
	CHECK(ns_story_centroid_cosine(&x, &y) > 0.9);
}

/* ---- the story map file ---- */

NS_SUITE(story_file)
{
	char *dir = ns_unit_tmpdir("storyfile");
	struct ns_story_doc docs[3] = { { 0, 11, 12 }, { NS_STORY_NONE, 0, 0 }, { 0, 31, 32 } };
	struct ns_story st;
	struct ns_story_map m = { 3, 1, docs, &st }, r;
	char msg[256] = "", path[600];
	FILE *f;

	if (!dir)
		return;
	memset(&st, 0, sizeof(st));
	st.id = 42;
	st.n_live = 2;
	st.n_seen = 3;
	st.first_day = 10;
	st.last_day = 12;
	st.mass = 1.5f;
	st.n_terms = 2;
	st.term[0] = 7;
	st.q[0] = 255;
	st.term[1] = 9;
	st.q[1] = 100;
	CHECK_INT_EQ(ns_story_map_write(dir, 5, &m), NS_OK);
	CHECK_INT_EQ(ns_story_map_read(dir, 5, &r), NS_OK);
	CHECK_INT_EQ(r.n_docs, 3);
	CHECK_INT_EQ(r.n_stories, 1);
	CHECK_INT_EQ(r.docs[2].near, 32);
	CHECK_INT_EQ(r.docs[1].story, NS_STORY_NONE);
	CHECK_INT_EQ(r.stories[0].id, 42);
	CHECK_INT_EQ(r.stories[0].q[1], 100);
	CHECK(r.stories[0].mass == 1.5f);
	CHECK_INT_EQ(ns_story_map_validate(&r, msg, sizeof(msg)), NS_OK);
	/* a size that does not match its members */
	r.stories[0].n_live = 1;
	CHECK_INT_EQ(ns_story_map_validate(&r, msg, sizeof(msg)), NS_ERR_CORRUPT);
	ns_story_map_release(&r);
	CHECK_INT_EQ(ns_story_map_read(dir, 6, &r), NS_ERR_NOTFOUND);
	/* a flipped byte fails the CRC */
	snprintf(path, sizeof(path), "%s/stories-5", dir);
	f = fopen(path, "r+b");
	if (f) {
		fseek(f, 30, SEEK_SET);
		fputc(0x5a, f);
		fclose(f);
	}
	CHECK_INT_EQ(ns_story_map_read(dir, 5, &r), NS_ERR_CORRUPT);
	CHECK(ns_story_file_is_name("stories-12"));
	CHECK(!ns_story_file_is_name("stories-"));
	CHECK(!ns_story_file_is_name("stories-1.tmp"));
	ns_unit_rmtree(dir);
	free(dir);
}

/* ---- grouping through ns_build() ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (s = malloc((size_t)n + 1)) != NULL) {
		*len = fread(s, 1, (size_t)n, f);
		s[*len] = 0;
	}
	fclose(f);
	return s;
}

static void put(const char *dir, const char *name, const char *head, const char *text,
		const char *tail)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/src/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "%s%s%s", head, text, tail);
	fclose(f);
}

/* Seed article i as it is, or its body under another first line. */
static void put_seed(const char *dir, const char *name, int i, const char *new_title,
		     const char *tail)
{
	char path[600], *text;
	size_t len = 0;

	snprintf(path, sizeof(path), "corpus/%s", seed[i]);
	text = slurp(path, &len);
	if (!text)
		return;
	if (new_title) {
		const char *body = strchr(text, '\n');
		put(dir, name, new_title, body ? body : "", tail);
	} else {
		put(dir, name, "", text, tail);
	}
	free(text);
}

static int build(const char *dir, const char *idx_name, int full)
{
	char idx[600], src[600], msg[512] = "";
	const char *sources[1] = { src };
	struct ns_build_opts o;
	struct ns_build_stats st;
	int rc;

	snprintf(idx, sizeof(idx), "%s/%s", dir, idx_name);
	snprintf(src, sizeof(src), "%s/src", dir);
	memset(&o, 0, sizeof(o));
	o.index_dir = idx;
	o.sources = sources;
	o.n_sources = 1;
	o.memory_bytes = 64u << 20;
	o.full = full;
	rc = ns_build(&o, NULL, &st, msg, sizeof(msg));
	if (rc != NS_OK)
		fprintf(stderr, "t_story: build: %s\n", msg);
	return rc;
}

struct opened {
	struct ns_index *idx;
	struct ns_stories *st;
};

static int open_idx(const char *dir, const char *idx_name, struct opened *o)
{
	char idx[600], msg[512] = "";
	int rc;

	snprintf(idx, sizeof(idx), "%s/%s", dir, idx_name);
	o->st = NULL;
	rc = ns_idx_open(idx, &o->idx, msg, sizeof(msg));
	if (rc == NS_OK)
		rc = ns_stories_open(o->idx, &o->st, msg, sizeof(msg));
	if (rc != NS_OK)
		fprintf(stderr, "t_story: open: %s\n", msg);
	return rc;
}

static void close_idx(struct opened *o)
{
	ns_stories_close(o->st);
	ns_idx_close(o->idx);
}

/* Whether article id is live with a story, whose id goes to *story. */
static int story_of(struct opened *o, const char *id, uint64_t *story)
{
	uint64_t docid;
	uint32_t s;

	if (ns_storyinfo_find_article(o->idx, id, &docid) != NS_OK)
		return 0;
	s = ns_stories_of(o->st, docid);
	if (s == NS_STORY_NONE)
		return 0;
	*story = ns_stories_get(o->st, s).id;
	return 1;
}

static int has_story(struct opened *o, const char *id)
{
	uint64_t s;

	return story_of(o, id, &s);
}

static int same(struct opened *o, const char *a, const char *b)
{
	uint64_t x, y;

	return story_of(o, a, &x) && story_of(o, b, &y) && x == y;
}

static unsigned long n_problems;

static void on_problem(void *ctx, const char *file, const char *what)
{
	(void)ctx;
	n_problems++;
	fprintf(stderr, "t_story: check: %s: %s\n", file, what);
}

static int check_ok(const char *dir, const char *idx_name)
{
	char idx[600], msg[512] = "";

	snprintf(idx, sizeof(idx), "%s/%s", dir, idx_name);
	n_problems = 0;
	return ns_check_index(idx, on_problem, NULL, NULL, msg, sizeof(msg)) == NS_OK &&
	       n_problems == 0;
}

NS_SUITE(story_grouping)
{
	char *dir = ns_unit_tmpdir("story");
	char src[600];
	struct opened o;

	if (!dir)
		return;
	snprintf(src, sizeof(src), "%s/src", dir);
	mkdir(src, 0777);
	for (int i = 0; i < 4; i++)
		put_seed(dir, seed[i], i, NULL, "");
	put_seed(dir, "copy-000.txt", 0, "Exclusive: Netanyahu got a green light, sources say\n",
		 "");
	put_seed(dir, "corrected-003.txt", 3, NULL,
		 "\nCorrection: an earlier version misstated the date of the strikes.\n");
	CHECK_INT_EQ(build(dir, "idx", 0), NS_OK);
	CHECK(check_ok(dir, "idx"));
	if (open_idx(dir, "idx", &o) == NS_OK) {
		/* three outlets' retellings: one story */
		CHECK(same(&o, seed[0], seed[1]));
		CHECK(same(&o, seed[0], seed[2]));
		/* the same topic, another event: apart */
		CHECK(!same(&o, seed[0], seed[3]));
		/* a copy under a new headline, a copy with a correction */
		CHECK(same(&o, "copy-000.txt", seed[0]));
		CHECK(same(&o, "corrected-003.txt", seed[3]));
		CHECK_INT_EQ(ns_stories_count(o.st), 2);
		{
			uint64_t a, b;
			if (ns_storyinfo_find_article(o.idx, "copy-000.txt", &a) == NS_OK &&
			    ns_storyinfo_find_article(o.idx, seed[0], &b) == NS_OK) {
				CHECK(ns_stories_are_copies(o.st, a, b));
				CHECK_INT_EQ(ns_stories_doc(o.st, a).exact, ns_stories_doc(o.st, b).exact);
			}
			if (ns_storyinfo_find_article(o.idx, seed[1], &a) == NS_OK)
				CHECK(!ns_stories_are_copies(o.st, a, b));
		}
		close_idx(&o);
	}
	ns_unit_rmtree(dir);
	free(dir);
}

/* Every pair of the listed ids is in one story in both indexes or in
 * neither. */
static int same_partition(struct opened *a, struct opened *b, const char *const *ids, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = i + 1; k < n; k++)
			if (same(a, ids[i], ids[k]) != same(b, ids[i], ids[k]))
				return 0;
	return 1;
}

NS_SUITE(story_incremental)
{
	static const char *const ids[] = {
		"000_cb9e7fc10d88d411.txt", "001_b25f0445ea50a163.txt",
		"002_787faffb991260da.txt", "003_814b0d2deb047309.txt",
		"copy-000.txt", "other.txt",
	};
	static const char OTHER[] =
		"Snow closes the mountain pass\n\nHeavy snow closed the mountain pass for a "
		"second day, and the road authority said it could not say when it would "
		"reopen. Drivers were told to use the coast road instead; ploughs worked "
		"through the night and avalanche crews closed two ski runs.\n";
	char *dir = ns_unit_tmpdir("storyinc");
	char src[600], path[700];
	struct opened inc, fresh;
	int step;

	if (!dir)
		return;
	snprintf(src, sizeof(src), "%s/src", dir);
	mkdir(src, 0777);
	put_seed(dir, seed[0], 0, NULL, "");
	put_seed(dir, seed[3], 3, NULL, "");
	CHECK_INT_EQ(build(dir, "inc", 0), NS_OK);
	{
		/* two stories of one article each: no centroid stored (format.h) */
		char idx[600];
		struct ns_story_map m;
		snprintf(idx, sizeof(idx), "%s/inc", dir);
		if (ns_story_map_read(idx, 1, &m) == NS_OK) {
			CHECK_INT_EQ(m.n_stories, 2);
			for (uint32_t s = 0; s < m.n_stories; s++)
				CHECK(m.stories[s].n_seen == 1 && m.stories[s].n_terms == 0);
			ns_story_map_release(&m);
		} else {
			NS_UNIT_FAIL("no story map after the first build");
		}
	}
	for (step = 0; step < 5; step++) {
		switch (step) {
		case 0:	/* add: two retellings and a copy */
			put_seed(dir, seed[1], 1, NULL, "");
			put_seed(dir, seed[2], 2, NULL, "");
			put_seed(dir, "copy-000.txt", 0, "A new headline for the same text\n", "");
			break;
		case 1:	/* change: a correction appended to 003 */
			put_seed(dir, seed[3], 3, NULL, "\nCorrection: the date was June 13.\n");
			break;
		case 2:	/* delete: the story's first article */
			snprintf(path, sizeof(path), "%s/src/%s", dir, seed[0]);
			unlink(path);
			break;
		case 3:	/* replace: 001 now holds another story's text */
			put(dir, seed[1], "", OTHER, "");
			break;
		case 4:	/* add an unrelated article */
			put(dir, "other.txt", "", OTHER, "Update: the pass reopened at noon.\n");
			break;
		}
		CHECK_INT_EQ(build(dir, "inc", 0), NS_OK);
		snprintf(path, sizeof(path), "%s/fresh", dir);
		ns_unit_rmtree(path);
		CHECK_INT_EQ(build(dir, "fresh", 0), NS_OK);
		CHECK(check_ok(dir, "inc"));
		if (open_idx(dir, "inc", &inc) != NS_OK)
			break;
		if (open_idx(dir, "fresh", &fresh) != NS_OK) {
			close_idx(&inc);
			break;
		}
		/* Step 2 is where order matters: 002 joined while 000 was in
		 * the story's centroid; built fresh without 000, 002 meets
		 * only 001 and may stay apart.  The update keeps the story. */
		if (step != 2 && !same_partition(&inc, &fresh, ids, 6)) {
			NS_UNIT_FAIL("step %d: the stories differ from a fresh build's", step);
		} else {
			ns_unit_passed++;
		}
		switch (step) {
		case 0:	/* 001 and 002 joined 000, whose centroid was made again */
			CHECK(same(&inc, seed[0], seed[1]) && same(&inc, seed[0], seed[2]));
			{
				uint64_t d0;
				if (ns_storyinfo_find_article(inc.idx, seed[0], &d0) == NS_OK)
					CHECK(ns_stories_get(inc.st, ns_stories_of(inc.st, d0)).n_terms >= 8);
			}
			CHECK(same(&inc, "copy-000.txt", seed[0]));
			CHECK(!same(&inc, seed[0], seed[3]));
			break;
		case 1:
			CHECK(!same(&inc, seed[0], seed[3]));
			CHECK(has_story(&inc, seed[3]));
			break;
		case 2:	/* the story lives on without its first article */
			CHECK(!has_story(&inc, seed[0]));
			CHECK(same(&inc, seed[1], seed[2]));
			CHECK(same(&inc, "copy-000.txt", seed[2]));
			break;
		case 3:	/* 001 left the story for one of its own */
			CHECK(!same(&inc, seed[1], seed[2]));
			CHECK(same(&inc, "copy-000.txt", seed[2]));
			break;
		case 4:	/* the new article joins the replaced 001's story */
			CHECK(same(&inc, "other.txt", seed[1]));
			CHECK(!same(&inc, "other.txt", seed[2]));
			break;
		}
		close_idx(&inc);
		close_idx(&fresh);
	}
	/* the same runs again give the same stories, ids included */
	{
		char a[600], b[600];
		struct ns_story_map ma, mb;
		snprintf(a, sizeof(a), "%s/fresh", dir);
		snprintf(b, sizeof(b), "%s/fresh2", dir);
		CHECK_INT_EQ(build(dir, "fresh2", 0), NS_OK);
		if (ns_story_map_read(a, 1, &ma) == NS_OK) {
			if (ns_story_map_read(b, 1, &mb) == NS_OK) {
				CHECK_INT_EQ(ma.n_stories, mb.n_stories);
				CHECK(ma.n_stories == mb.n_stories &&
				      memcmp(ma.docs, mb.docs, ma.n_docs * sizeof(*ma.docs)) == 0);
				for (uint32_t i = 0; i < ma.n_stories && i < mb.n_stories; i++)
					CHECK_INT_EQ(ma.stories[i].id, mb.stories[i].id);
				ns_story_map_release(&mb);
			}
			ns_story_map_release(&ma);
		}
	}
	ns_unit_rmtree(dir);
	free(dir);
}

/* Two stories of an earlier run that a later run's articles bridge merge
 * as they do when everything is indexed at once: the crane collapse and the
 * dockers' walk-out start apart (they share too little), then two reports
 * of the walk-out over the collapse join them. */
NS_SUITE(story_bridge)
{
	static const char *const ids[] = { "a1.txt", "b1.txt", "c1.txt", "c2.txt" };
	char *dir = ns_unit_tmpdir("storybridge");
	char src[600];
	struct opened inc, fresh;

	if (!dir)
		return;
	snprintf(src, sizeof(src), "%s/src", dir);
	mkdir(src, 0777);
	put(dir, "a1.txt", "Harbour crane collapses at Port Vella\n\n",
	    "A harbour crane collapsed at Port Vella on Tuesday, crushing two containers on "
	    "the quay. Workers were evacuated and the dockers union called for an inquiry "
	    "into the crane maintenance.\n", "");
	put(dir, "b1.txt", "Dockers walk out at Vella\n\n",
	    "Dockers walked out at the port on Wednesday. The union said the strike would "
	    "continue until an inquiry reported, and shipping lines diverted vessels to "
	    "Korlin.\n", "");
	CHECK_INT_EQ(build(dir, "inc", 0), NS_OK);
	if (open_idx(dir, "inc", &inc) == NS_OK) {
		CHECK(has_story(&inc, "a1.txt") && !same(&inc, "a1.txt", "b1.txt"));
		close_idx(&inc);
	}
	put(dir, "c1.txt", "Crane collapse at Port Vella prompts dockers strike\n\n",
	    "The collapse of a harbour crane at Port Vella on Tuesday led dockers to "
	    "strike; the union wants an inquiry into crane maintenance on the quay, and "
	    "shipping lines diverted vessels.\n", "");
	put(dir, "c2.txt", "Vella dockers strike over crane collapse\n\n",
	    "Dockers walked out at Port Vella after the harbour crane collapse. The union "
	    "said the strike would continue until an inquiry into crane maintenance "
	    "reported; shipping lines diverted vessels to Korlin.\n", "");
	CHECK_INT_EQ(build(dir, "inc", 0), NS_OK);
	CHECK_INT_EQ(build(dir, "fresh", 0), NS_OK);
	CHECK(check_ok(dir, "inc"));
	if (open_idx(dir, "inc", &inc) == NS_OK) {
		if (open_idx(dir, "fresh", &fresh) == NS_OK) {
			CHECK(same(&fresh, "a1.txt", "b1.txt"));
			CHECK(same(&inc, "a1.txt", "b1.txt"));
			CHECK(same_partition(&inc, &fresh, ids, 4));
			CHECK_INT_EQ(ns_stories_count(inc.st), 1);
			close_idx(&fresh);
		}
		close_idx(&inc);
	}
	ns_unit_rmtree(dir);
	free(dir);
}

/* Format 10: story entries in groups of NS_FMT_STORY_GROUP; a story of one
 * article keeps no centroid (its article's sketch is made again). */
NS_SUITE(story_layout)
{
	enum { N_STORIES = 2 * NS_FMT_STORY_GROUP + 5, N_DOCS = 3 * N_STORIES };
	char *dir = ns_unit_tmpdir("storylayout");
	struct ns_story_map m, r;
	char why[256] = "";

	if (!dir)
		return;
	memset(&m, 0, sizeof(m));
	m.n_docs = N_DOCS;
	m.n_stories = N_STORIES;
	m.docs = calloc(N_DOCS, sizeof(*m.docs));
	m.stories = calloc(N_STORIES, sizeof(*m.stories));
	if (!m.docs || !m.stories) {
		NS_UNIT_FAIL("out of memory");
		return;
	}
	/* story s: (s % 3) + 1 live documents, one more seen when s % 4 == 1 */
	for (uint32_t d = 0, s = 0; s < N_STORIES; s++) {
		struct ns_story *st = &m.stories[s];
		uint32_t k = s % 3 + 1;
		st->id = 1000 + 7 * (uint64_t)s;
		st->n_live = k;
		st->n_seen = k + (s % 4 == 1);
		st->first_day = s % 5 == 0 ? NS_STORY_NO_DAY : (int32_t)s * 400 - 3000;
		st->last_day = s % 5 == 0 ? NS_STORY_NO_DAY : st->first_day + (int32_t)(s % 7);
		st->n_terms = (uint8_t)(s % (NS_STORY_TERMS + 1));
		st->mass = 2.5f;
		for (int t = 0; t < st->n_terms; t++) {
			st->term[t] = 0x9e3779b9u * (s + 1) + (uint32_t)t;
			st->q[t] = (uint8_t)(255 - t);
		}
		for (uint32_t i = 0; i < k; i++, d++) {
			m.docs[d].story = s;
			m.docs[d].exact = d * 3ull;
			m.docs[d].near = d * 5ull;
		}
	}
	/* documents beyond those assigned are deleted */
	{
		uint32_t live = 0;
		for (uint32_t s = 0; s < N_STORIES; s++)
			live += m.stories[s].n_live;
		for (uint32_t d = live; d < N_DOCS; d++)
			m.docs[d].story = NS_STORY_NONE;
	}
	/* a one-article story with a centroid in memory: the writer drops it */
	m.stories[0].n_live = m.stories[0].n_seen = 1;
	m.stories[0].n_terms = 3;
	CHECK_INT_EQ(ns_story_map_validate(&m, why, sizeof(why)), NS_ERR_CORRUPT);
	CHECK(strstr(why, "one article") != NULL);
	CHECK_INT_EQ(ns_story_map_write(dir, 7, &m), NS_OK);
	if (ns_story_map_read(dir, 7, &r) == NS_OK) {
		CHECK_INT_EQ(r.n_stories, N_STORIES);
		CHECK_INT_EQ(ns_story_map_validate(&r, why, sizeof(why)), NS_OK);
		for (uint32_t s = 0; s < N_STORIES && s < r.n_stories; s++) {
			const struct ns_story *a = &m.stories[s], *b = &r.stories[s];
			int kept = a->n_seen >= 2 ? a->n_terms : 0;
			CHECK_INT_EQ(b->id, a->id);
			CHECK_INT_EQ(b->n_live, a->n_live);
			CHECK_INT_EQ(b->n_seen, a->n_seen);
			CHECK_INT_EQ(b->first_day, a->first_day);
			CHECK_INT_EQ(b->last_day, a->last_day);
			CHECK_INT_EQ(b->n_terms, kept);
			for (int t = 0; t < kept && t < b->n_terms; t++)
				CHECK(b->term[t] == a->term[t] && b->q[t] == a->q[t]);
		}
		for (uint32_t d = 0; d < N_DOCS; d++)
			CHECK(r.docs[d].story == m.docs[d].story && r.docs[d].near == m.docs[d].near);
		ns_story_map_release(&r);
	} else {
		NS_UNIT_FAIL("the written map does not read back");
	}
	/* the lazy view finds each story's members through the groups */
	{
		struct ns_story_view v;
		if (ns_story_view_open(dir, 7, &v) == NS_OK) {
			for (uint32_t s = N_STORIES; s-- > 0;) {
				struct ns_story st;
				uint32_t docid;
				CHECK_INT_EQ(ns_story_view_story(&v, s, &st), NS_OK);
				CHECK_INT_EQ(ns_story_view_member(&v, st.first_member, &docid), NS_OK);
				CHECK_INT_EQ(m.docs[docid].story, s);
			}
			/* a flipped byte in a group's entries: corrupt */
			{
				char path[700];
				uint64_t at = v.data_off + v.data_len / 2;
				FILE *f;
				ns_story_view_close(&v);
				snprintf(path, sizeof(path), "%s/stories-7", dir);
				f = fopen(path, "r+b");
				if (f && fseek(f, (long)at, SEEK_SET) == 0) {
					int c = fgetc(f);
					fseek(f, (long)at, SEEK_SET);
					fputc(c ^ 0x10, f);
				}
				if (f)
					fclose(f);
				CHECK_INT_EQ(ns_story_map_read(dir, 7, &r), NS_ERR_CORRUPT);
			}
		} else {
			NS_UNIT_FAIL("the written map does not open");
		}
	}
	free(m.docs);
	free(m.stories);
	ns_unit_rmtree(dir);
	free(dir);
}
