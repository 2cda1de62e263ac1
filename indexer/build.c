/* SPDX-License-Identifier: MIT */
/* build.c -- bring an index up to date with its sources (see build.h).
 *
 * The run in order, each step in its module: lock (indexdir.h); read the
 * MANIFEST (files section included) and open its segments (segset.h);
 * list the source files (corpus.h) and compare each with its state
 * (filediff.h: read / append / skip, and which old articles to delete);
 * read what needs reading into one new segment (ingest.h); merge
 * (segmerge.h); write the deletion bitmaps and the MANIFEST (publish.h).
 * Every file is written under a .tmp name, fsynced and renamed, and the
 * directory fsynced, before the MANIFEST that names it is renamed into
 * place: that rename is the only step readers can see.
 */
#include "build.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "corpus.h"
#include "error.h"
#include "filediff.h"
#include "format.h"
#include "indexdir.h"
#include "ingest.h"
#include "kind.h"
#include "manifest.h"
#include "publish.h"
#include "segmerge.h"
#include "segreader.h"
#include "segset.h"
#include "story.h"
#include "unchanged.h"
#include "web.h"

#define PROGRESS_EVERY 2000	/* articles between progress calls */
/* Share of the memory budget the inverter and the per-document tables (the
 * segment writer's, the id set) may fill before a run is spilled; the rest
 * covers buffers (ingest.h). */
#define INVERT_SHARE 0.75

struct build {
	const struct ns_build_opts *o;
	const struct ns_build_hooks *hooks;
	struct ns_build_stats *st;
	const char *dir;
	int full;		/* read every file again (--full, a new language) */
	struct ns_analyzer *an;
	struct ns_ingest *ingest;	/* the articles read, into the new segment */
	uint32_t new_id;	/* the new segment's id */
	uint32_t next_id;	/* the next free segment id */
	struct ns_segset segs;	/* the index's segments, then this run's */
	struct ns_corpus *corpus;
	uint64_t bytes_base;	/* corpus byte counter when reading began */
	int keep_same;		/* the file read is a feed: keep unchanged items */
	uint64_t workers_bytes;	/* what the pages in flight may hold, of the budget */
	struct timespec t0;
	int64_t racy_ns;	/* mtimes from here on are "racy" (see racy()) */
	char *msg;
	size_t msglen;

	/* the run's plan, phase by phase (ns_build()) */
	struct ns_manifest old;	/* the index as it was (files section included) */
	int have_old;
	uint64_t gen;		/* generation this run publishes */
	const char *lang;
	const char *const *sources;	/* given, else remembered */
	size_t n_sources;
	char **abs;		/* their absolute forms (n_sources) */
	int read_sources;	/* 0: --compact alone */
	int only_stdin;		/* "nindex -i DIR -": add, forget nothing */
	struct ns_file_list list;	/* the files found */
	struct ns_file_plan *plans;	/* what to do with each */
	struct ns_filestate *nf;	/* the files' new states */
	size_t n_nf;
	struct ns_story_build *story;	/* stories of the new articles (story.h) */
};

static double elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void problem(struct build *b, const char *where, const char *what)
{
	if (b->hooks && b->hooks->problem)
		b->hooks->problem(b->hooks->ctx, where, what);
}

static void on_problem(void *ctx, const char *where, const char *what)
{
	problem(ctx, where, what);
}

/* The ingest's counters into the stats. */
static void take_counts(struct build *b)
{
	const struct ns_ingest_counts *c;

	if (!b->ingest)
		return;
	c = ns_ingest_counts(b->ingest);
	b->st->n_docs = c->n_docs;
	b->st->n_tokens = c->n_tokens;
	b->st->n_bytes = c->n_bytes;
	b->st->n_duplicates = c->n_duplicates;
	b->st->n_runs = c->n_runs;
}

static void progress(struct build *b, int done)
{
	take_counts(b);
	b->st->seconds = elapsed(&b->t0);
	if (b->corpus)
		b->st->bytes_done = ns_corpus_stats(b->corpus)->n_file_bytes - b->bytes_base;
	if (b->hooks && b->hooks->progress)
		b->hooks->progress(b->hooks->ctx, b->st, done);
}

/* ---- reading articles ---- */

static int on_article(void *ctx, const struct ns_article *a)
{
	struct build *b = ctx;
	int rc = NS_OK, same = 0;

	if (b->keep_same) {
		/* a feed read again: an item indexed as it is stays */
		struct ns_segr *old[256];
		size_t n = 0;
		for (size_t i = 0; i < b->segs.n && n < 256; i++)
			if (!b->segs.seg[i].is_new && b->segs.seg[i].r)
				old[n++] = b->segs.seg[i].r;
		rc = ns_unchanged(old, n, a, &same);
		if (rc != NS_OK || same)
			return rc;
	}
	rc = ns_ingest_add(b->ingest, a);
	if (rc == NS_OK && ns_ingest_counts(b->ingest)->n_docs % PROGRESS_EVERY == 0)
		progress(b, 0);
	return rc;
}

/* ---- sources ---- */

/* Absolute forms of the sources, to be remembered in the MANIFEST. */
static int absolute_sources(const char *const *src, size_t n, char ***out)
{
	char **abs = calloc(n + 1, sizeof(*abs));

	if (!abs)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		char buf[PATH_MAX];
		abs[i] = strcmp(src[i], "-") == 0 || !realpath(src[i], buf) ? strdup(src[i])
									 : strdup(buf);
		if (!abs[i]) {
			for (size_t k = 0; k < i; k++)
				free(abs[k]);
			free(abs);
			return NS_ERR_NOMEM;
		}
	}
	*out = abs;
	return NS_OK;
}

/* A file modified within the last RACY_NS before the run began may change
 * again within the same mtime tick after it was read, size unchanged, and
 * look unchanged next time (git's "racily clean" entries).  Its mtime is
 * remembered as 0, so the next run confirms it by the content hash. */
#define RACY_NS 2000000000ll

static int64_t racy(const struct build *b, int64_t mtime_ns)
{
	return mtime_ns >= b->racy_ns ? 0 : mtime_ns;
}

static int stat_ns(const char *path, uint64_t *size, int64_t *mtime_ns)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return -1;
	*size = (uint64_t)sb.st_size;
	*mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	return 0;
}

/* Reads file f as plan p says; fills its new state *nf (path and id set
 * by the caller). */
static int read_file(struct build *b, const struct ns_source_file *f, const struct ns_file_plan *p,
		     struct ns_filestate *nf)
{
	struct ns_read_opts ro = { 0, 0, f->regular ? f->size : UINT64_MAX, b->o->stdin_fd };
	struct ns_read_result r;
	uint32_t first = ns_ingest_n_docs(b->ingest), count;
	uint64_t size;
	int64_t mtime;
	int rc;

	if (p->act == NS_FILE_APPEND) {
		ro.start_off = p->old->done_off;
		ro.start_line = p->old->done_lines;
	}
	b->keep_same = p->old && p->act == NS_FILE_READ && ns_web_accumulates(f->path);
	rc = ns_corpus_read(b->corpus, f, &ro, on_article, on_problem, b, &r);
	b->keep_same = 0;
	if (rc != NS_OK) {
		if (rc == NS_ERR_IO && !b->msg[0])
			ns_msgf(b->msg, b->msglen,
				"a source could not be read (see above); index '%s' left unchanged",
				b->dir);
		return rc;
	}
	if (!r.opened)
		return NS_DONE;	/* unreadable now: no state, tried again next run */
	count = ns_ingest_n_docs(b->ingest) - first;
	nf->flags = f->jsonl ? NS_FMT_FILE_JSONL : 0;
	if (r.gzip)
		nf->flags |= NS_FMT_FILE_GZIP;
	nf->size = f->size;
	nf->mtime_ns = racy(b, f->mtime_ns);
	nf->content_len = r.content_len;
	nf->hash = r.hash;
	nf->done_off = r.done_off;
	nf->done_lines = r.done_lines;
	if (p->act == NS_FILE_APPEND || p->act == NS_FILE_MORE ||
	    (p->act == NS_FILE_READ && p->old && ns_web_accumulates(f->path))) {
		/* keep the older articles' extents (a feed's stay) */
		nf->ext = p->old->ext;
		nf->n_ext = p->old->n_ext;
		p->old->ext = NULL;
		p->old->n_ext = 0;
	}
	if (p->act == NS_FILE_APPEND) {
		/* the hash is the whole file's, from the hash pass, when the
		 * read saw the same bytes */
		nf->hash = p->hash;
		if (r.content_len != p->content_len)
			nf->flags |= NS_FMT_FILE_DIRTY;
	}
	if (count > 0 && (rc = ns_filediff_add_extent(nf, b->new_id, first, count)) != NS_OK)
		return rc;
	if (r.tail_article && count > 0 && f->regular) {
		nf->flags |= NS_FMT_FILE_TAIL;
		nf->tail_seg = b->new_id;
		nf->tail_doc = first + count - 1;
	}
	/* a file that changed while it was read, a damaged one and one that
	 * cannot be read twice are read whole next time */
	if (r.damaged || !f->regular || stat_ns(f->path, &size, &mtime) != 0 || size != f->size ||
	    mtime != f->mtime_ns)
		nf->flags |= NS_FMT_FILE_DIRTY;
	b->st->n_files++;
	return NS_OK;
}

/* ---- the whole update ---- */

/* Finishes the new segment and takes it in as a segment of the index. */
static int finish_new_segment(struct build *b)
{
	int wrote, rc = ns_ingest_finish(b->ingest, &wrote);

	if (wrote)
		b->next_id++;	/* taken by the new segment */
	if (rc == NS_OK && wrote) {
		/* written by one publish: one run of arrivals (arrival.h) */
		struct ns_seginfo *info = &b->segs.seg[b->segs.n - 1].info;
		struct ns_arrivals arr = { NULL, 0, 0 };
		rc = ns_arrivals_add(&arr, b->gen, info->n_docs);
		info->arr = arr.run;
		info->n_arr = arr.n;
	}
	return rc;
}

/* Counts added / updated / deleted / unchanged articles (build.h). */
static void count_changes(struct build *b)
{
	uint64_t live0 = 0, kept = 0, replaced = 0;

	for (size_t i = 0; i < b->segs.n; i++) {
		const struct ns_segstate *s = &b->segs.seg[i];
		if (s->is_new)
			continue;
		live0 += s->live0;
		kept += s->info.n_docs - s->info.n_deleted;
	}
	replaced = ns_ingest_ids(b->ingest)->n_replaced;
	b->st->n_unchanged = kept;
	b->st->n_updated = replaced;
	b->st->n_added = ns_ingest_ids(b->ingest)->n - replaced;
	b->st->n_deleted = live0 >= kept + replaced ? live0 - kept - replaced : 0;
}

/* Reads the MANIFEST, settles sources and language, opens the segments. */
static int open_old(struct build *b)
{
	const struct ns_build_opts *o = b->o;
	int rc = ns_manifest_read_all(o->index_dir, &b->old), state_lost = 0;

	if (rc == NS_ERR_CORRUPT && ns_manifest_read(o->index_dir, &b->old) == NS_OK) {
		/* only the files section is damaged: the segments stand, every
		 * file is read again (and its old articles replaced by id) */
		char where[PATH_MAX + 16];
		snprintf(where, sizeof(where), "%s/MANIFEST", o->index_dir);
		problem(b, where, "the state of the source files is damaged; reading them all again");
		rc = NS_OK;
		state_lost = 1;
	}
	if (rc == NS_ERR_NOMEM) {
		/* no damage, only no memory to read it: an update that took the
		 * index for none would rebuild it all, or publish it empty */
		ns_msgf(b->msg, b->msglen, "%s/MANIFEST: %s", o->index_dir, ns_strerror(rc));
		return rc;
	}
	b->have_old = rc == NS_OK;
	if (rc != NS_OK && rc != NS_ERR_NOTFOUND && b->n_sources == 0) {
		/* A damaged MANIFEST must not stop a rebuild from sources given
		 * now; without sources there is nothing to rebuild from. */
		ns_msgf(b->msg, b->msglen, "%s/MANIFEST: %s%s", o->index_dir, ns_strerror(rc),
			rc == NS_ERR_VERSION ? " (rebuild it: nindex -i DIR SOURCE...)" : "");
		return rc;
	}
	/* --compact alone reads no source, unless the state of the files is
	 * lost: its segments would hold articles of no known file */
	b->read_sources = b->n_sources > 0 || !o->compact || state_lost;
	/* "nindex -i DIR -" adds articles from standard input to the index
	 * as it is: no other source is looked at, none is forgotten */
	b->only_stdin = b->have_old && b->n_sources == 1 && strcmp(b->sources[0], "-") == 0;
	if (b->n_sources == 0) {
		if (b->read_sources && (!b->have_old || b->old.n_sources == 0)) {
			ns_msgf(b->msg, b->msglen, "no sources given and none remembered in '%s'",
				o->index_dir);
			return NS_ERR_NOTFOUND;
		}
		b->sources = (const char *const *)b->old.sources;
		b->n_sources = b->old.n_sources;
	}
	b->lang = o->lang ? o->lang : b->have_old ? b->old.lang : NS_ANALYZE_DEFAULT_LANG;
	rc = ns_analyzer_new(b->lang, &b->an);
	if (rc != NS_OK) {
		ns_msgf(b->msg, b->msglen, "unknown language '%s' (see nindex --help)", b->lang);
		return rc;
	}
	/* other stems: nothing indexed before can be kept */
	b->full = o->full || (b->have_old && strcmp(b->lang, b->old.lang) != 0);
	ns_indexdir_remove_garbage(o->index_dir, b->have_old ? &b->old : NULL, 1);
	b->gen = b->have_old ? b->old.generation + 1 : 1;
	b->next_id = b->have_old ? b->old.next_segment : 1;
	b->new_id = b->next_id;	/* taken by finish_new_segment() if used */

	for (uint32_t i = 0; b->have_old && i < b->old.n_segs; i++) {
		struct ns_segstate *s = ns_segset_add(&b->segs);
		char why[512] = "";
		if (!s)
			return NS_ERR_NOMEM;
		s->info = b->old.segs[i];
		rc = ns_segr_open(o->index_dir, &s->info, &s->r, why, sizeof(why));
		if (rc == NS_ERR_NOMEM)
			return rc;
		if (rc != NS_OK) {
			/* a damaged index is rebuilt from its sources */
			if (!b->read_sources) {
				ns_msgf(b->msg, b->msglen, "%s", why);
				return rc;
			}
			problem(b, why, "the index is damaged; reading every source again");
			for (size_t k = 0; k < b->segs.n; k++)
				ns_segr_close(b->segs.seg[k].r);
			b->segs.n = 0;
			for (uint32_t k = 0; k < b->old.n_files; k++)
				ns_filestate_release(&b->old.files[k]);
			b->old.n_files = 0;
			break;
		}
		s->live0 = s->info.n_docs - s->info.n_deleted;
	}
	return NS_OK;
}

/* Lists the files and plans what to do with each; deletes the articles of
 * files that are gone. */
static int plan_files(struct build *b)
{
	struct ns_corpus_stats lst;
	uint32_t n_old = b->have_old ? b->old.n_files : 0;
	char *seen = NULL;
	int rc;

	memset(&lst, 0, sizeof(lst));
	if (b->read_sources) {
		/* Absolute paths, so the paths stored for articles open from
		 * any directory and a refresh from cron finds the same sources. */
		rc = absolute_sources(b->sources, b->n_sources, &b->abs);
		if (rc != NS_OK)
			return rc;
		rc = ns_corpus_list((const char *const *)b->abs, b->n_sources, on_problem, b,
				    &b->list, &lst);
		b->st->n_skipped = lst.n_skipped;
		if (rc == NS_ERR_IO) {
			/* A source that is gone (an unmounted disk, a typo) must
			 * not publish an index without its articles. */
			ns_msgf(b->msg, b->msglen,
				"a source could not be read (see above); index '%s' left unchanged",
				b->dir);
			return rc;
		}
		if (rc != NS_OK)
			return rc;
	}
	b->plans = calloc(b->list.n + 1, sizeof(*b->plans));
	/* the new states: listed files, and old ones kept without a listing */
	b->nf = calloc(b->list.n + n_old + 1, sizeof(*b->nf));
	seen = calloc((size_t)n_old + 1, 1);
	if (!b->plans || !b->nf || !seen) {
		free(seen);
		return NS_ERR_NOMEM;
	}
	rc = ns_filediff_mark_repeats(&b->list, b->plans);
	for (size_t i = 0; i < b->list.n && rc == NS_OK; i++) {
		const struct ns_source_file *f = &b->list.files[i];
		struct ns_filestate *os = b->have_old ? ns_filediff_find_state(&b->old, f->path, f->id) : NULL;
		if (b->plans[i].act == NS_FILE_SKIP)
			continue;
		if (os)
			seen[os - b->old.files] = 1;
		rc = ns_filediff_decide(b->corpus, f, os, b->full, &b->plans[i]);
		if (rc == NS_ERR_IO) {
			problem(b, f->path, strerror(errno));
			ns_msgf(b->msg, b->msglen, "cannot read '%s'; index '%s' left unchanged",
				f->path, b->dir);
		}
		if (b->plans[i].act == NS_FILE_READ)
			b->st->bytes_total += f->size;
		else if (b->plans[i].act == NS_FILE_APPEND)
			b->st->bytes_total += f->size - os->done_off;
	}
	/* files gone: their articles go; those read from standard input stay
	 * (it cannot be read again) unless everything is read again; a
	 * compaction alone keeps every state */
	for (uint32_t k = 0; k < n_old && rc == NS_OK; k++) {
		struct ns_filestate *os = &b->old.files[k];
		if (seen[k])
			continue;
		if (!b->read_sources || b->only_stdin || (strcmp(os->path, "-") == 0 && !b->full)) {
			b->nf[b->n_nf++] = *os;	/* moved: the old MANIFEST forgets it */
			memset(os, 0, sizeof(*os));
			continue;
		}
		rc = ns_segset_delete_file(&b->segs, os);
	}
	free(seen);
	return rc;
}

/* Files looked at ahead of the one being read, for web pages to read
 * ahead (corpus.h: ns_corpus_announce()). */
#define AHEAD_WINDOW 64
/* Share of the memory budget the web pages in flight on worker threads
 * may hold (pagepool.h); it is taken from the inverter's share, and only
 * when the run reads web pages or WARC files. */
#define WORKERS_SHARE 4	/* a quarter: 6 + 6 pages in flight at 256M */

/* Announces the files from *next on that are read whole, as far as the
 * corpus reader takes them. */
static void announce_ahead(struct build *b, size_t i, size_t *next)
{
	if (*next < i)
		*next = i;
	while (*next < b->list.n && *next < i + AHEAD_WINDOW) {
		enum ns_file_action act = b->plans[*next].act;
		if ((act == NS_FILE_READ || act == NS_FILE_MORE) &&
		    ns_corpus_announce(b->corpus, &b->list.files[*next]) < 0)
			return;	/* busy: again before the next file */
		(*next)++;
	}
}

/* Reads what the plans say, into the new segment. */
static int read_files(struct build *b)
{
	size_t next = 0;
	int rc = NS_OK;

	b->bytes_base = ns_corpus_stats(b->corpus)->n_file_bytes;
	for (size_t i = 0; i < b->list.n; i++) {
		const struct ns_source_file *f = &b->list.files[i];
		struct ns_file_plan *p = &b->plans[i];
		struct ns_filestate *s = &b->nf[b->n_nf];
		if (p->act == NS_FILE_SKIP)
			continue;
		if (p->act == NS_FILE_UNCHANGED || p->act == NS_FILE_TOUCH) {
			*s = *p->old;	/* moved: the old MANIFEST forgets it */
			memset(p->old, 0, sizeof(*p->old));
			s->size = f->size;
			s->mtime_ns = racy(b, f->mtime_ns);
			b->n_nf++;
			b->st->n_files_unchanged++;
			continue;
		}
		if (p->old && p->act == NS_FILE_READ && !ns_web_accumulates(f->path)) {
			rc = ns_segset_delete_file(&b->segs, p->old);
		} else if (p->old && p->act == NS_FILE_APPEND && (p->old->flags & NS_FMT_FILE_TAIL)) {
			/* the unterminated line is read again */
			struct ns_segstate *sg = ns_segset_find(&b->segs, p->old->tail_seg);
			rc = sg ? ns_segset_mark_deleted(sg, p->old->tail_doc) : NS_OK;
		}
		if (rc != NS_OK)
			return rc;
		s->path = strdup(f->path);
		s->id = strdup(f->id);
		announce_ahead(b, i, &next);
		rc = s->path && s->id ? read_file(b, f, p, s) : NS_ERR_NOMEM;
		if (rc == NS_OK) {
			b->n_nf++;
		} else {
			ns_filestate_release(s);
			if (rc != NS_DONE)
				return rc;	/* NS_DONE: unreadable now, no state */
			rc = NS_OK;
		}
		progress(b, 0);
	}
	b->st->n_skipped += ns_corpus_stats(b->corpus)->n_skipped;
	b->st->n_bad_lines = ns_corpus_stats(b->corpus)->n_bad_lines;
	b->st->n_cut = ns_corpus_stats(b->corpus)->n_cut;
	return NS_OK;
}

/* ---- stories (story.h) ---- */

static int open_stories(struct build *b)
{
	uint64_t old_docs = 0;

	for (size_t i = 0; i < b->segs.n; i++)
		old_docs += b->segs.seg[i].info.n_docs;
	int rc;

	/* a damaged index is read again whole: no segment, no map */
	rc = ns_story_build_new(b->dir, b->have_old && b->segs.n ? b->old.generation : 0, old_docs,
				b->full, &b->story, b->msg, b->msglen);
	if (rc == NS_OK)
		ns_story_build_set_analyzer(b->story, b->an);
	return rc;
}

static int assign_stories(struct build *b)
{
	/* the sketches of a window of articles: an eighth of the budget */
	int rc = ns_story_build_assign_set(b->story, &b->segs, b->o->memory_bytes / 8);

	if (rc != NS_OK)
		ns_msgf(b->msg, b->msglen, "cannot group stories in '%s': %s", b->dir,
			ns_strerror(rc));
	return rc;
}

/* Writes the story map of the MANIFEST being published (publish.h). */
static int publish_stories(void *ctx, const struct ns_seginfo *segs, uint32_t n_segs)
{
	struct build *b = ctx;

	return ns_story_build_publish_set(b->story, b->dir, b->gen, &b->segs, segs, n_segs);
}

/* Publishes the run's segments and file states (publish.h). */
static int publish(struct build *b)
{
	struct ns_publish_in in;
	int rc;

	memset(&in, 0, sizeof(in));
	in.dir = b->dir;
	in.generation = b->gen;
	in.next_segment = b->next_id;
	in.lang = b->lang;
	in.built = (uint64_t)time(NULL);
	/* a new index or a --full rebuild: generations start over in meaning */
	in.identity = b->have_old && !b->full ? b->old.identity : ns_index_identity_new();
	in.sources = b->abs ? (const char *const *)b->abs : b->sources;
	in.n_sources = b->n_sources;
	/* "nindex -i DIR -" forgets no source */
	in.kept_sources = b->only_stdin ? (const char *const *)b->old.sources : NULL;
	in.n_kept_sources = b->only_stdin ? b->old.n_sources : 0;
	in.files = b->nf;
	in.n_files = b->n_nf;
	in.before_manifest = publish_stories;
	in.ctx = b;
	rc = ns_publish(&b->segs, &in, &b->st->n_segments, &b->st->index_bytes, b->msg,
			b->msglen);
	if (rc == NS_OK)
		b->st->generation = b->gen;
	return rc;
}

static void release(struct build *b)
{
	ns_ingest_free(b->ingest);
	if (b->abs) {
		for (size_t i = 0; i < b->n_sources; i++)
			free(b->abs[i]);
		free(b->abs);
	}
	for (size_t i = 0; b->nf && i < b->n_nf; i++)
		ns_filestate_release(&b->nf[i]);
	free(b->nf);
	free(b->plans);
	ns_file_list_release(&b->list);
	ns_segset_release(&b->segs);
	ns_corpus_free(b->corpus);
	ns_analyzer_free(b->an);
	ns_story_build_free(b->story);
	ns_manifest_release(&b->old);
}

/* The ingest of this run's articles (after open_old(): language, ids). */
static int new_ingest(struct build *b)
{
	struct ns_ingest_opts io;

	memset(&io, 0, sizeof(io));
	io.dir = b->dir;
	io.lang = b->lang;
	io.an = b->an;
	io.seg_id = b->new_id;
	io.memory_bytes = b->o->memory_bytes;
	io.inv_budget = (uint64_t)((double)b->o->memory_bytes * INVERT_SHARE) - b->workers_bytes;
	io.segs = &b->segs;
	io.story = b->story;
	io.msg = b->msg;
	io.msglen = b->msglen;
	return ns_ingest_new(&io, &b->ingest);
}

/* Web pages parsed on worker threads, when the run reads files named as
 * web pages or WARC: their memory (pagepool.h) is counted in the budget,
 * taken from the inverter's share (new_ingest()); a budget too small for
 * two pages in flight parses them on this thread. */
static void plan_workers(struct build *b)
{
	uint64_t mem = b->o->memory_bytes / WORKERS_SHARE;
	int web = 0;

	for (size_t i = 0; i < b->list.n && !web; i++) {
		enum ns_kind k = ns_kind_by_name(b->list.files[i].path);
		web = (b->plans[i].act == NS_FILE_READ || b->plans[i].act == NS_FILE_MORE) &&
		      !b->list.files[i].jsonl && (k == NS_KIND_HTML || k == NS_KIND_WARC);
	}
	b->workers_bytes = web ? ns_corpus_workers_bytes(mem) : 0;
	ns_corpus_set_workers(b->corpus, b->workers_bytes ? mem : 0);
}

/* The article size limit: what one article may hold in memory, a small
 * share of the budget (an article is inverted whole, and its text is held
 * twice while it is cleaned and tokenized). */
static uint64_t max_article(const struct ns_build_opts *o)
{
	uint64_t m = o->max_article_bytes ? o->max_article_bytes : o->memory_bytes / 16;

	if (o->max_article_bytes)
		return m;
	if (m < NS_CORPUS_MIN_ARTICLE)
		return NS_CORPUS_MIN_ARTICLE;
	return m > NS_CORPUS_MAX_ARTICLE ? NS_CORPUS_MAX_ARTICLE : m;
}

int ns_build(const struct ns_build_opts *o, const struct ns_build_hooks *hooks,
	     struct ns_build_stats *st, char *msg, size_t msglen)
{
	struct build b;
	struct timespec now;
	int lock_fd = -1, rc;

	memset(&b, 0, sizeof(b));
	memset(st, 0, sizeof(*st));
	if (msg && msglen)
		msg[0] = 0;
	b.o = o;
	b.hooks = hooks;
	b.st = st;
	b.dir = o->index_dir;
	b.msg = msg;
	b.msglen = msglen;
	b.sources = o->sources;
	b.n_sources = o->n_sources;
	clock_gettime(CLOCK_MONOTONIC, &b.t0);
	clock_gettime(CLOCK_REALTIME, &now);
	b.racy_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec - RACY_NS;

	if (mkdir(o->index_dir, 0777) != 0 && errno != EEXIST) {
		ns_msgf(msg, msglen, "cannot create index directory '%s': %s", o->index_dir,
			strerror(errno));
		return NS_ERR_IO;
	}
	rc = o->lock_held ? NS_OK : ns_indexdir_lock(o->index_dir, o->wait, &lock_fd);
	if (rc == NS_ERR_LIMIT) {
		ns_msgf(msg, msglen, "index '%s' is being updated by another nindex; try again later",
			o->index_dir);
		return rc;
	}
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot lock index '%s': %s", o->index_dir, strerror(errno));
		return rc;
	}
	rc = open_old(&b);
	if (rc == NS_OK)
		rc = open_stories(&b);
	if (rc == NS_OK)
		rc = ns_corpus_new(&b.corpus);
	if (rc == NS_OK)
		ns_corpus_set_max_article(b.corpus, max_article(o));
	if (rc == NS_OK)
		rc = plan_files(&b);
	if (rc == NS_OK)
		plan_workers(&b);
	if (rc == NS_OK)
		rc = new_ingest(&b);
	if (rc == NS_OK)
		rc = read_files(&b);
	if (rc == NS_OK)
		rc = finish_new_segment(&b);
	if (rc == NS_OK)
		rc = assign_stories(&b);
	if (rc == NS_OK) {
		count_changes(&b);
		/* merge, then map the files' documents to where they are now */
		rc = ns_segmerge_run(&b.segs, b.dir, o->compact, &b.next_id, &st->n_merged);
		if (rc != NS_OK)
			ns_msgf(msg, msglen, "cannot merge segments in '%s': %s", b.dir,
				rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	}
	for (size_t i = 0; rc == NS_OK && i < b.n_nf; i++)
		ns_segmerge_remap_file(&b.segs, &b.nf[i]);
	if (rc == NS_OK)
		rc = publish(&b);
	if (rc == NS_OK)
		progress(&b, 1);
	take_counts(&b);
	release(&b);
	if (rc != NS_OK)
		ns_indexdir_clean_after_failure(o->index_dir);
	if (lock_fd >= 0)
		close(lock_fd);
	return rc;
}
