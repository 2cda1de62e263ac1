/* SPDX-License-Identifier: MIT */
/* ingest.c -- the articles of one update into one new segment (ingest.h). */
#include "ingest.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>	/* malloc_trim */
#endif
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "story.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "formcount.h"
#include "invert.h"
#include "lane.h"
#include "runs.h"
#include "segwriter.h"

/* The inverter keeps at least INVERT_FLOOR of the budget, so a million
 * small articles in a small budget still make runs of some size. */
#define INVERT_FLOOR (1u << 20)

struct ns_ingest {
	const char *dir;
	const char *lang;
	struct ns_analyzer *an;
	uint32_t seg_id;	/* the new segment's id */
	uint64_t memory_bytes;
	uint64_t inv_budget;
	struct ns_segset *segs;	/* borrowed */
	struct ns_story_build *story;	/* borrowed */
	struct ns_ingest_counts c;
	char *msg;
	size_t msglen;
	struct ns_invert *inv;
	struct ns_runs *runs;
	struct ns_formcount *forms;	/* the new segment's word forms */
	struct ns_lane *lane;	/* the second inverter, or NULL (lane.h) */
	int lane_turn;		/* the batch being read goes to the lane */
	uint32_t lane_batch;	/* articles in the lane's batch so far */
	uint32_t own_left;	/* articles left in our turn */
	int lane_err;		/* recording the lane's signatures failed */
	struct ns_segw *segw;	/* the new segment, opened at the first article */
	struct ns_idmap ids;	/* the ids of this run */
	uint32_t *new_dels;	/* new-segment docids replaced within the run */
	size_t n_new_dels;
	size_t cap_new_dels;
};

int ns_ingest_new(const struct ns_ingest_opts *o, struct ns_ingest **out)
{
	struct ns_ingest *g = calloc(1, sizeof(*g));

	*out = g;
	if (!g)
		return NS_ERR_NOMEM;
	g->dir = o->dir;
	g->lang = o->lang;
	g->an = o->an;
	g->seg_id = o->seg_id;
	g->memory_bytes = o->memory_bytes;
	g->inv_budget = o->inv_budget;
	g->segs = o->segs;
	g->story = o->story;
	g->msg = o->msg;
	g->msglen = o->msglen;
	ns_idmap_init(&g->ids, g->dir);
	return NS_OK;
}

void ns_ingest_free(struct ns_ingest *g)
{
	if (!g)
		return;
	if (g->segw)
		ns_segw_abort(g->segw);
	ns_idmap_release(&g->ids);
	free(g->new_dels);
	ns_lane_free(g->lane);
	ns_runs_free(g->runs);
	ns_formcount_free(g->forms);
	ns_invert_free(g->inv);
	free(g);
}

uint32_t ns_ingest_n_docs(const struct ns_ingest *g)
{
	return g->segw ? ns_segw_n_docs(g->segw) : 0;
}

const struct ns_ingest_counts *ns_ingest_counts(const struct ns_ingest *g)
{
	return &g->c;
}

const struct ns_idmap *ns_ingest_ids(const struct ns_ingest *g)
{
	return &g->ids;
}

/* The lane's articles' lengths, in docid order. */
static void on_lane_done(void *ctx, uint32_t docid, uint32_t title_words, uint32_t body_words,
			 const struct ns_story_sig *sig, int64_t date_key)
{
	struct ns_ingest *g = ctx;

	ns_segw_set_lengths(g->segw, docid, title_words, title_words + body_words);
	g->c.n_tokens += title_words + body_words;
	/* the lane made its articles' copy signatures (lane.h) */
	if (sig && g->story && g->lane_err == NS_OK)
		g->lane_err = ns_story_build_put(g->story, docid, sig, date_key);
}

/* The budget from which a segment's texts may wait for a raw dictionary
 * (segwriter.h): its sample and tables take some 100 MB for a moment. */
#define RAW_DICT_MEMORY ((uint64_t)192 << 20)

/* Whether a second lane may invert (lane.h): two cores at least, a budget
 * that a second analyzer, inverter and batches fit in comfortably, and no
 * write fault hook of fileio.h, whose tests need one order of events. */
#define LANE_MIN_MEMORY (64u << 20)

static int lanes_wanted(const struct ns_ingest *g)
{
	return g->memory_bytes >= LANE_MIN_MEMORY && sysconf(_SC_NPROCESSORS_ONLN) >= 2 &&
	       !ns_fileio_faults_armed();
}

static int open_new_segment(struct ns_ingest *g)
{
	int rc = ns_invert_new(&g->inv);

	if (rc == NS_OK)
		rc = ns_runs_new(g->dir, &g->runs);
	if (rc == NS_OK)
		ns_runs_set_budget(g->runs, g->inv_budget);
	if (rc == NS_OK)
		rc = ns_formcount_new(g->dir, &g->forms);
	if (rc == NS_OK)
		rc = ns_segw_open(g->dir, g->seg_id, &g->segw);
	if (rc == NS_OK && g->memory_bytes >= RAW_DICT_MEMORY)
		ns_segw_allow_raw_dict(g->segw);
	/* a second lane when there is a second core (lane.h); the two
	 * inverters share the budget (ns_ingest_add()) */
	if (rc == NS_OK && lanes_wanted(g) &&
	    ns_lane_new(g->dir, g->lang, g->inv_budget / 2, on_lane_done, g, &g->lane) != NS_OK)
		g->lane = NULL;
	if (g->lane && g->story)
		ns_lane_want_sigs(g->lane);
	if (rc != NS_OK)
		ns_msgf(g->msg, g->msglen, "cannot write in '%s': %s", g->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	return rc;
}

/* The id of an article already indexed by this run, or one live before. */
static int handle_id(struct ns_ingest *g, const char *id, uint32_t docid)
{
	size_t len = strlen(id);
	uint64_t h = ns_idmap_key(ns_fmt_id_hash(id, len));
	uint32_t *e;
	int replaced, rc;

	rc = ns_idmap_slot(&g->ids, g->segw, h, &e);
	if (rc != NS_OK)
		return rc;
	if (*e) {
		/* Seen in this run: the newer copy wins.  64-bit hashes
		 * stand for the ids here: a false match needs a collision,
		 * about 1 in 10^7 among a million articles. */
		if (g->n_new_dels == g->cap_new_dels) {
			size_t cap = g->cap_new_dels ? 2 * g->cap_new_dels : 256;
			uint32_t *p = realloc(g->new_dels, cap * sizeof(*p));
			if (!p)
				return NS_ERR_NOMEM;
			g->new_dels = p;
			g->cap_new_dels = cap;
		}
		g->new_dels[g->n_new_dels++] = *e - 1;
		*e = docid + 1;	/* its hash: the segment writer's once added */
		g->c.n_duplicates++;
		return NS_OK;
	}
	rc = ns_segset_replace_old(g->segs, id, len, &replaced);
	if (rc != NS_OK)
		return rc;
	*e = docid + 1;
	g->ids.n++;
	g->ids.n_replaced += replaced != 0;
	return NS_OK;
}

/* Inverts the article here, or queues it for the lane when it is the
 * lane's turn (texts of ~1 MB and more are inverted here whatever the
 * turn: no copy of them).  *lane = 1 when queued. */
static int invert(struct ns_ingest *g, uint32_t docid, const struct ns_article *a, int *lane,
		  uint32_t *title_len, uint32_t *body_len)
{
	*lane = g->lane && g->lane_turn && a->body_len < (1u << 20);
	if (*lane)
		return NS_OK;
	return ns_invert_article(g->an, g->inv, docid, a->title, strlen(a->title), a->body,
				 a->body_len, a->source, strlen(a->source), a->date_key, title_len,
				 body_len, g->forms);
}

/* Turns: the lane's batch ends when the lane takes it (empty again); ours
 * after two thirds as many articles as it held, as this thread also reads
 * the input and writes the rest. */
static void next_turn(struct ns_ingest *g, int lane)
{
	if (lane && ns_lane_batch_empty(g->lane)) {
		g->lane_turn = 0;
		g->own_left = g->lane_batch * 2 / 3;
		g->lane_batch = 0;
	} else if (lane) {
		g->lane_batch++;
	} else if (g->own_left == 0 || --g->own_left == 0) {
		g->lane_turn = 1;
	}
}

/* Spills a run when the inverter holds more than what the per-document
 * tables leave of the budget (shared by the lanes). */
static int spill_if_full(struct ns_ingest *g)
{
	uint64_t per_doc = ns_segw_doc_mem(g->segw), budget;
	int rc;

	/* the word forms counted (formcount.h), the lane's about as many */
	per_doc += ns_formcount_mem(g->forms) * (g->lane ? 2 : 1);
	budget = g->inv_budget > per_doc + INVERT_FLOOR ? g->inv_budget - per_doc : INVERT_FLOOR;
	if (g->lane) {
		budget = budget / 2 > INVERT_FLOOR ? budget / 2 : INVERT_FLOOR;
		ns_lane_set_budget(g->lane, budget);
	}
	if (ns_invert_mem(g->inv) <= budget)
		return NS_OK;
	rc = ns_runs_spill(g->runs, g->inv);
	if (rc == NS_OK)
		g->c.n_runs = ns_runs_count(g->runs);
	return rc;
}

static int add_article(struct ns_ingest *g, const struct ns_article *a)
{
	struct ns_doc_meta meta;
	uint32_t docid, title_len = 0, body_len = 0;
	int rc, lane;

	if (!g->segw && (rc = open_new_segment(g)) != NS_OK)
		return rc;
	docid = ns_segw_n_docs(g->segw);
	rc = handle_id(g, a->id, docid);
	if (rc == NS_OK)
		rc = invert(g, docid, a, &lane, &title_len, &body_len);
	/* a lane's article gets its signatures there (on_lane_done) */
	if (rc == NS_OK && g->story && !lane)
		rc = ns_story_build_add(g->story, docid, a->id, a->title, strlen(a->title), a->body,
					a->body_len, a->date_key);
	if (rc != NS_OK)
		return rc;
	meta.id = a->id;
	meta.title = a->title;
	meta.date = a->date;
	meta.date_key = a->date_key;
	meta.source = a->source;
	meta.url = a->url;
	meta.path = a->path;
	/* a lane's article gets its lengths when the lane is done with it */
	rc = ns_segw_add_doc(g->segw, &meta, a->body, a->body_len, title_len,
			     title_len + body_len);
	if (rc == NS_OK && lane)
		rc = ns_lane_add(g->lane, docid, a);
	if (rc == NS_OK)
		rc = g->lane_err;
	if (rc != NS_OK)
		return rc;
	if (g->lane)
		next_turn(g, lane);
	g->c.n_docs++;
	g->c.n_tokens += title_len + body_len;
	g->c.n_bytes += strlen(a->title) + a->body_len;
	return spill_if_full(g);
}

/* An error here is the index's (writing, memory), not the source's: the
 * message says so before the walk unwinds. */
int ns_ingest_add(struct ns_ingest *g, const struct ns_article *a)
{
	int rc = add_article(g, a);

	if (rc != NS_OK && g->msg && !g->msg[0])
		ns_msgf(g->msg, g->msglen, "cannot write the index in '%s': %s", g->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	return rc;
}

int ns_ingest_finish(struct ns_ingest *g, int *wrote)
{
	struct ns_seginfo info;
	struct ns_segstate *s;
	int rc;

	*wrote = g->segw != NULL;
	if (!g->segw)
		return NS_OK;
	memset(&info, 0, sizeof(info));
	if (g->lane) {
		rc = ns_lane_finish(g->lane);
		if (rc == NS_OK)
			rc = g->lane_err;
		if (rc == NS_OK)
			rc = ns_runs_merge2(g->runs, g->inv, ns_lane_runs(g->lane),
					    ns_lane_inverter(g->lane), g->segw);
	} else {
		rc = ns_runs_merge(g->runs, g->inv, g->segw);
	}
	g->c.n_runs = ns_runs_count(g->runs);
	info.id = g->seg_id;
	info.n_docs = ns_segw_n_docs(g->segw);
	info.n_tokens = ns_segw_n_tokens(g->segw);
	info.n_title_tokens = ns_segw_n_title_tokens(g->segw);
	/* the word forms both inverters counted (formcount.h) */
	if (rc == NS_OK && g->lane)
		rc = ns_formcount_absorb(g->forms, ns_lane_forms(g->lane));
	if (rc == NS_OK)
		rc = ns_formcount_write(g->forms, g->dir, g->seg_id, info.n_docs);
	if (rc == NS_OK)
		rc = ns_segw_finish(g->segw);
	else
		ns_segw_abort(g->segw);
	g->segw = NULL;
	if (rc == NS_OK) {
		s = ns_segset_add(g->segs);
		if (!s)
			return NS_ERR_NOMEM;
		s->info = info;
		s->is_new = 1;
		rc = ns_segr_open(g->dir, &info, &s->r, NULL, 0);
	}
	for (size_t i = 0; i < g->n_new_dels && rc == NS_OK; i++)
		rc = ns_segset_mark_deleted(&g->segs->seg[g->segs->n - 1], g->new_dels[i]);
#ifdef __GLIBC__
	/* The inverters' postings, freed by now, go back to the system
	 * before the stories are assigned: glibc keeps freed heap pages (and
	 * the lane thread's arena) otherwise, and the assignment's own memory
	 * came on top of them (20k articles at --memory 16M: 17 -> 9 MB
	 * during the assignment). */
	malloc_trim(0);
#endif
	if (rc != NS_OK)
		ns_msgf(g->msg, g->msglen, "cannot write the index in '%s': %s", g->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	return rc;
}
