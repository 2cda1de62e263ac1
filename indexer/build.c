/* SPDX-License-Identifier: MIT */
/* build.c -- bring an index up to date with its sources (see build.h).
 *
 * The run in order: lock; read the MANIFEST (files section included);
 * open its segments; list the source files; compare each with its state
 * (deciding read / append / skip, and which old articles to delete); read
 * what needs reading into one new segment; merge; write deletion bitmaps;
 * publish.  Every file is written under a .tmp name, fsynced and renamed,
 * and the directory fsynced, before the MANIFEST that names it is renamed
 * into place: that rename is the only step readers can see.
 */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "corpus.h"
#include "date.h"
#include "deletes.h"
#include "error.h"
#include "fieldterm.h"
#include "fileio.h"
#include "format.h"
#include "formcount.h"
#include "invert.h"
#include "lane.h"
#include "manifest.h"
#include "merge.h"
#include "runs.h"
#include "segreader.h"
#include "segwriter.h"
#include "wordforms_write.h"

#define LOCK_NAME "LOCK"
#define PROGRESS_EVERY 2000	/* articles between progress calls */
/* Share of the memory budget the inverter and the per-document tables (the
 * segment writer's, the id set) may fill before a run is spilled; the rest
 * covers buffers.  The inverter keeps at least INVERT_FLOOR, so a million
 * small articles in a small budget still make runs of some size. */
#define INVERT_SHARE 0.75
#define INVERT_FLOOR (1u << 20)

/* One segment of the index as this run sees it. */
struct seg {
	struct ns_seginfo info;	/* as published (deletion fields kept current) */
	struct ns_segr *r;	/* open reader; NULL for a merge's output */
	uint8_t *del;		/* this run's bitmap, NULL while the reader's holds */
	int changed;		/* documents deleted by this run */
	int is_new;		/* written by this run */
	uint32_t live0;		/* live documents when the run started */
	int group;		/* merge plan: -1 stays, -2 dropped, else group */
	uint32_t *remap;	/* after a merge: old docid -> new (UINT32_MAX gone) */
	uint32_t merged_into;	/* ... into this segment id */
};

/* The ids indexed by this run: a hash set of new-segment docids, the
 * newest document with each id, keyed by the id's hash, which the segment
 * writer keeps for every document anyway (ns_segw_id_hash): 4 bytes a slot,
 * as a million articles must index in a small --memory. */
struct id_map {
	uint32_t *slot;		/* docid + 1; 0 = empty */
	size_t n;
	size_t cap;		/* power of two */
	uint64_t n_replaced;	/* ids that replaced an article live before */
};

/* What to do with a listed file: skip it (listed twice), keep it as it is
 * (A_TOUCH: only its mtime changed), read what was appended, read it
 * whole, or read more of standard input (whose articles accumulate). */
enum action { A_SKIP, A_UNCHANGED, A_TOUCH, A_APPEND, A_READ, A_MORE };

struct plan {
	enum action act;
	struct ns_filestate *old;	/* its state, or NULL */
	uint64_t hash;			/* A_TOUCH / A_APPEND: content hash */
	uint64_t content_len;		/* ... and length, from the hash pass */
};

struct build {
	const struct ns_build_opts *o;
	const struct ns_build_hooks *hooks;
	struct ns_build_stats *st;
	const char *dir;
	int full;		/* read every file again (--full, a new language) */
	struct ns_analyzer *an;
	struct ns_invert *inv;
	struct ns_runs *runs;
	struct ns_formcount *forms;	/* the new segment's word forms */
	struct ns_lane *lane;	/* the second inverter, or NULL (lane.h) */
	int lane_turn;		/* the batch being read goes to the lane */
	uint32_t lane_batch;	/* articles in the lane's batch so far */
	uint32_t own_left;	/* articles left in our turn */
	struct ns_segw *segw;	/* the new segment, opened at the first article */
	uint32_t new_id;	/* its id */
	uint32_t next_id;	/* the next free segment id */
	uint64_t inv_budget;
	struct seg *segs;
	size_t n_segs;
	size_t cap_segs;
	struct id_map ids;
	uint32_t *new_dels;	/* new-segment docids replaced within the run */
	size_t n_new_dels;
	size_t cap_new_dels;
	struct ns_corpus *corpus;
	uint64_t bytes_base;	/* corpus byte counter when reading began */
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
	struct plan *plans;	/* what to do with each */
	struct ns_filestate *nf;	/* the files' new states */
	size_t n_nf;
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

static void progress(struct build *b, int done)
{
	b->st->seconds = elapsed(&b->t0);
	if (b->corpus)
		b->st->bytes_done = ns_corpus_stats(b->corpus)->n_file_bytes - b->bytes_base;
	if (b->hooks && b->hooks->progress)
		b->hooks->progress(b->hooks->ctx, b->st, done);
}

/* ---- segments and deletions ---- */

static struct seg *seg_by_id(struct build *b, uint32_t id)
{
	for (size_t i = 0; i < b->n_segs; i++)
		if (b->segs[i].info.id == id)
			return &b->segs[i];
	return NULL;
}

static struct seg *add_seg(struct build *b)
{
	struct seg *s;

	if (b->n_segs == b->cap_segs) {
		size_t cap = b->cap_segs ? b->cap_segs * 2 : 16;
		struct seg *p = realloc(b->segs, cap * sizeof(*p));
		if (!p)
			return NULL;
		b->segs = p;
		b->cap_segs = cap;
	}
	s = &b->segs[b->n_segs++];
	memset(s, 0, sizeof(*s));
	s->group = -1;
	return s;
}

/* Marks document d of s deleted (once), keeping the counts the MANIFEST
 * holds for it current. */
static int mark_deleted(struct seg *s, uint32_t d)
{
	uint32_t title_len, doc_len;
	int rc;

	if (d >= s->info.n_docs)
		return NS_OK;	/* a stale extent: nothing there */
	if (!s->del) {
		const uint8_t *had = ns_segr_deleted(s->r);
		s->del = calloc(ns_del_bytes(s->info.n_docs) + 1, 1);
		if (!s->del)
			return NS_ERR_NOMEM;
		if (had)
			memcpy(s->del, had, ns_del_bytes(s->info.n_docs));
	}
	if (ns_del_test(s->del, d))
		return NS_OK;
	rc = ns_segr_norms(s->r, d, &title_len, &doc_len);
	if (rc != NS_OK)
		return rc;
	ns_del_set(s->del, d);
	s->info.n_deleted++;
	s->info.deleted_tokens += doc_len;
	s->info.deleted_title_tokens += title_len;
	s->changed = 1;
	return NS_OK;
}

/* Deletes every document a file's state points to. */
static int delete_file_docs(struct build *b, const struct ns_filestate *f)
{
	for (uint32_t k = 0; k < f->n_ext; k++) {
		struct seg *s = seg_by_id(b, f->ext[k].seg);
		if (!s)
			continue;
		for (uint64_t d = f->ext[k].first; d < (uint64_t)f->ext[k].first + f->ext[k].count;
		     d++) {
			int rc = mark_deleted(s, (uint32_t)d);
			if (rc != NS_OK)
				return rc;
		}
	}
	return NS_OK;
}

/* ---- ids ---- */

static uint64_t id_key(uint64_t h)
{
	return h ? h : 1;
}

/* The slot of hash h: the one holding a document with it, or an empty one. */
static uint32_t *id_slot(struct id_map *m, const struct ns_segw *w, uint64_t h)
{
	size_t i;

	for (i = h & (m->cap - 1); m->slot[i]; i = (i + 1) & (m->cap - 1))
		if (id_key(ns_segw_id_hash(w, m->slot[i] - 1)) == h)
			return &m->slot[i];
	return &m->slot[i];
}

static int id_map_grow(struct id_map *m, const struct ns_segw *w)
{
	size_t cap = m->cap ? m->cap * 2 : 4096, old_cap = m->cap;
	uint32_t *slot = calloc(cap, sizeof(*slot)), *old = m->slot;

	if (!slot)
		return NS_ERR_NOMEM;
	m->slot = slot;
	m->cap = cap;
	for (size_t k = 0; k < old_cap; k++)
		if (old[k])
			*id_slot(m, w, id_key(ns_segw_id_hash(w, old[k] - 1))) = old[k];
	free(old);
	return NS_OK;
}

struct find_ctx {
	struct seg *s;
	int found;
	int rc;
};

static int on_same_id(void *ctx, uint32_t docid)
{
	struct find_ctx *c = ctx;

	/* only an article live before this run counts: the one I8 allows */
	if (ns_segr_is_deleted(c->s->r, docid))
		return 0;
	c->found = 1;
	c->rc = mark_deleted(c->s, docid);
	return 1;
}

/* Deletes the article with this id that was live before the run, if any
 * (the newest wins, I8).  *replaced = 1 when there was one. */
static int replace_old(struct build *b, const char *id, size_t len, int *replaced)
{
	*replaced = 0;
	for (size_t i = 0; i < b->n_segs; i++) {
		struct seg *s = &b->segs[i];
		struct find_ctx c = { s, 0, NS_OK };
		int rc;
		if (s->is_new || s->live0 == 0)
			continue;
		rc = ns_segr_find_id(s->r, id, len, on_same_id, &c);
		if (rc < 0)
			return rc;
		if (c.rc != NS_OK)
			return c.rc;
		if (c.found) {
			*replaced = 1;
			return NS_OK;
		}
	}
	return NS_OK;
}

/* ---- reading articles ---- */

/* The lane's articles' lengths, in docid order. */
static void on_lane_done(void *ctx, uint32_t docid, uint32_t title_words, uint32_t body_words)
{
	struct build *b = ctx;

	ns_segw_set_lengths(b->segw, docid, title_words, title_words + body_words);
	b->st->n_tokens += title_words + body_words;
}

/* Whether a second lane may invert (lane.h): two cores at least, a budget
 * that a second analyzer, inverter and batches fit in comfortably, and no
 * write fault hook of fileio.h, whose tests need one order of events. */
#define LANE_MIN_MEMORY (64u << 20)

static int lanes_wanted(const struct build *b)
{
	return b->o->memory_bytes >= LANE_MIN_MEMORY && sysconf(_SC_NPROCESSORS_ONLN) >= 2 &&
	       !getenv("NS_FAIL_AFTER_WRITES") && !getenv("NS_KILL_AFTER_WRITES");
}

static int open_new_segment(struct build *b)
{
	int rc = ns_invert_new(&b->inv);

	if (rc == NS_OK)
		rc = ns_runs_new(b->dir, &b->runs);
	if (rc == NS_OK)
		rc = ns_formcount_new(&b->forms);
	if (rc == NS_OK)
		rc = ns_segw_open(b->dir, b->new_id, &b->segw);
	/* a second lane when there is a second core (lane.h); the two
	 * inverters share the budget (add_article()) */
	if (rc == NS_OK && lanes_wanted(b) &&
	    ns_lane_new(b->dir, b->lang, b->inv_budget / 2, on_lane_done, b, &b->lane) != NS_OK)
		b->lane = NULL;
	if (rc != NS_OK)
		ns_msgf(b->msg, b->msglen, "cannot write in '%s': %s", b->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	return rc;
}

/* The id of an article already indexed by this run, or one live before. */
static int handle_id(struct build *b, const char *id, uint32_t docid)
{
	size_t len = strlen(id);
	uint64_t h = id_key(ns_fmt_id_hash(id, len));
	uint32_t *e;
	int replaced, rc;

	/* at most 3/4 full: probes stay short */
	if (4 * (b->ids.n + 1) > 3 * b->ids.cap && id_map_grow(&b->ids, b->segw) != NS_OK)
		return NS_ERR_NOMEM;
	e = id_slot(&b->ids, b->segw, h);
	if (*e) {
		/* Seen in this run: the newer copy wins.  64-bit hashes
		 * stand for the ids here: a false match needs a collision,
		 * about 1 in 10^7 among a million articles. */
		if (b->n_new_dels == b->cap_new_dels) {
			size_t cap = b->cap_new_dels ? 2 * b->cap_new_dels : 256;
			uint32_t *p = realloc(b->new_dels, cap * sizeof(*p));
			if (!p)
				return NS_ERR_NOMEM;
			b->new_dels = p;
			b->cap_new_dels = cap;
		}
		b->new_dels[b->n_new_dels++] = *e - 1;
		*e = docid + 1;	/* its hash: the segment writer's once added */
		b->st->n_duplicates++;
		return NS_OK;
	}
	rc = replace_old(b, id, len, &replaced);
	if (rc != NS_OK)
		return rc;
	*e = docid + 1;
	b->ids.n++;
	b->ids.n_replaced += replaced != 0;
	return NS_OK;
}

static int add_article(struct build *b, const struct ns_article *a);

/* An error here is the index's (writing, memory), not the source's: the
 * message says so before the walk unwinds. */
static int on_article(void *ctx, const struct ns_article *a)
{
	struct build *b = ctx;
	int rc = add_article(b, a);

	if (rc != NS_OK && b->msg && !b->msg[0])
		ns_msgf(b->msg, b->msglen, "cannot write the index in '%s': %s", b->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	return rc;
}

static int add_article(struct build *b, const struct ns_article *a)
{
	struct ns_doc_meta meta;
	uint32_t docid, title_len = 0, body_len = 0;
	uint64_t per_doc, budget;
	int rc, lane = 0;

	if (!b->segw && (rc = open_new_segment(b)) != NS_OK)
		return rc;
	docid = ns_segw_n_docs(b->segw);
	rc = handle_id(b, a->id, docid);
	if (rc != NS_OK)
		return rc;
	/* Every other batch goes to the lane (texts of ~1 MB and more are
	 * inverted here whatever the turn: no copy of them). */
	if (b->lane && b->lane_turn && a->body_len < (1u << 20)) {
		lane = 1;
	} else {
		rc = ns_invert_article(b->an, b->inv, docid, a->title, strlen(a->title), a->body,
				       a->body_len, a->source, strlen(a->source), a->date_key,
				       &title_len, &body_len, b->forms);
		if (rc != NS_OK)
			return rc;
	}
	meta.id = a->id;
	meta.title = a->title;
	meta.date = a->date;
	meta.date_key = a->date_key;
	meta.source = a->source;
	meta.url = a->url;
	meta.path = a->path;
	/* a lane's article gets its lengths when the lane is done with it */
	rc = ns_segw_add_doc(b->segw, &meta, a->body, a->body_len, title_len,
			     title_len + body_len);
	if (rc == NS_OK && lane)
		rc = ns_lane_add(b->lane, docid, a);
	if (rc != NS_OK)
		return rc;
	if (b->lane) {
		/* turns: the lane's batch ends when the lane takes it (empty
		 * again); ours after two thirds as many articles as it held,
		 * as this thread also reads the input and writes the rest */
		if (lane && ns_lane_batch_empty(b->lane)) {
			b->lane_turn = 0;
			b->own_left = b->lane_batch * 2 / 3;
			b->lane_batch = 0;
		} else if (lane) {
			b->lane_batch++;
		} else if (b->own_left == 0 || --b->own_left == 0) {
			b->lane_turn = 1;
		}
	}
	b->st->n_docs++;
	b->st->n_tokens += title_len + body_len;
	b->st->n_bytes += strlen(a->title) + a->body_len;
	/* what the per-document tables leave, shared by the lanes */
	per_doc = ns_segw_doc_mem(b->segw) + b->ids.cap * sizeof(*b->ids.slot);
	/* the word forms counted (formcount.h), the lane's about as many */
	per_doc += ns_formcount_mem(b->forms) * (b->lane ? 2 : 1);
	budget = b->inv_budget > per_doc + INVERT_FLOOR ? b->inv_budget - per_doc : INVERT_FLOOR;
	if (b->lane) {
		budget = budget / 2 > INVERT_FLOOR ? budget / 2 : INVERT_FLOOR;
		ns_lane_set_budget(b->lane, budget);
	}
	if (ns_invert_mem(b->inv) > budget) {
		rc = ns_runs_spill(b->runs, b->inv);
		if (rc != NS_OK)
			return rc;
		b->st->n_runs = ns_runs_count(b->runs);
	}
	if (b->st->n_docs % PROGRESS_EVERY == 0)
		progress(b, 0);
	return NS_OK;
}

/* ---- the index directory ---- */

/* Takes INDEX_DIR/LOCK.  flock() locks die with their process, so a lock
 * left by a killed nindex never blocks the next run.  LOCK is opened
 * without following a symbolic link (one planted there is replaced, so
 * nothing is created outside the index), and after locking the file must
 * still be the one named LOCK: else another run replaced it meanwhile, and
 * the lock is taken again on the new one. */
static int take_lock(const char *dir, int wait, int *fd_out)
{
	char *path = ns_path_join(dir, LOCK_NAME);
	int rc = NS_ERR_IO;

	*fd_out = -1;
	if (!path)
		return NS_ERR_NOMEM;
	for (int tries = 0; tries < 10; tries++) {
		struct stat a, b;
		int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666), r, e;
		if (fd < 0) {
			if (errno == ELOOP && unlink(path) == 0)
				continue;
			break;
		}
		do
			r = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
		while (r != 0 && errno == EINTR);
		if (r != 0) {
			e = errno;
			close(fd);
			errno = e;
			rc = e == EWOULDBLOCK ? NS_ERR_LIMIT : NS_ERR_IO;
			break;
		}
		if (fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino) {
			*fd_out = fd;
			rc = NS_OK;
			break;
		}
		close(fd);
	}
	free(path);
	return rc;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Is name a file that m names? */
static int referenced(const char *name, const struct ns_manifest *m)
{
	char want[48];

	for (uint32_t i = 0; m && i < m->n_segs; i++) {
		ns_fmt_segment_name(want, m->segs[i].id, "nsp");
		if (strcmp(name, want) == 0)
			return 1;
		ns_fmt_segment_name(want, m->segs[i].id, "nsd");
		if (strcmp(name, want) == 0)
			return 1;
		ns_fmt_segment_name(want, m->segs[i].id, "nsw");
		if (strcmp(name, want) == 0)
			return 1;
		if (m->segs[i].del_gen) {
			ns_fmt_deletes_name(want, m->segs[i].id, m->segs[i].del_gen);
			if (strcmp(name, want) == 0)
				return 1;
		}
	}
	return 0;
}

/* Removes *.tmp files and segment and deletion files that m does not name
 * (a reader still using one keeps its map: unlinking does not take it). */
static void remove_garbage(const char *dir, const struct ns_manifest *m, int hooked)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		if (!has_suffix(n, ".tmp") && (strncmp(n, "seg-", 4) != 0 || referenced(n, m)))
			continue;
		if (hooked && ns_fileio_fault_point() != 0)
			break;
		char *p = ns_path_join(dir, n);
		if (p)
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* After a failed update: removes what it wrote (complete segments of its
 * own included), keeping whatever the MANIFEST on disk names -- read
 * again, as a failure after its rename (in the directory's fsync) leaves
 * the new one in place.  When it cannot be read, the next run cleans. */
static void clean_after_failure(const char *dir)
{
	struct ns_manifest cur;

	if (ns_manifest_read(dir, &cur) != NS_OK)
		return;
	remove_garbage(dir, &cur, 0);
	ns_manifest_release(&cur);
}

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

static uint64_t segment_bytes(const char *dir, const struct ns_seginfo *g)
{
	const char *ext[2] = { "nsp", "nsd" };
	uint64_t bytes = 0;

	for (int i = 0; i < 3; i++) {
		char name[48], *p;
		struct stat st;
		if (i < 2)
			ns_fmt_segment_name(name, g->id, ext[i]);
		else if (g->del_gen)
			ns_fmt_deletes_name(name, g->id, g->del_gen);
		else
			break;
		p = ns_path_join(dir, name);
		if (p && stat(p, &st) == 0)
			bytes += (uint64_t)st.st_size;
		free(p);
	}
	return bytes;
}

/* ---- comparing the listed files with their states ---- */

static int cmp_key(const char *path, const char *id, const struct ns_filestate *f)
{
	int c = strcmp(path, f->path);
	return c ? c : strcmp(id, f->id);
}

static struct ns_filestate *find_state(struct ns_manifest *m, const char *path, const char *id)
{
	size_t lo = 0, hi = m->n_files;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(path, id, &m->files[mid]);
		if (c == 0)
			return &m->files[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct ns_file_list *sort_list;	/* for by_key (qsort has no context) */

static int by_key(const void *x, const void *y)
{
	const struct ns_source_file *a = &sort_list->files[*(const size_t *)x];
	const struct ns_source_file *c = &sort_list->files[*(const size_t *)y];
	int r = strcmp(a->path, c->path);

	if (!r)
		r = strcmp(a->id, c->id);
	if (!r)
		r = *(const size_t *)x < *(const size_t *)y ? -1 : 1;
	return r;
}

/* A file listed twice (overlapping sources) is read once, where the walk
 * meets it first: the others get A_SKIP. */
static int mark_repeats(const struct ns_file_list *l, struct plan *plans)
{
	size_t *ix = malloc((l->n + 1) * sizeof(*ix));

	if (!ix)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < l->n; i++) {
		ix[i] = i;
		plans[i].act = A_READ;
	}
	sort_list = l;
	if (l->n > 1)
		qsort(ix, l->n, sizeof(*ix), by_key);
	for (size_t i = 1; i < l->n; i++) {
		const struct ns_source_file *a = &l->files[ix[i - 1]], *c = &l->files[ix[i]];
		if (strcmp(a->path, c->path) == 0 && strcmp(a->id, c->id) == 0)
			plans[ix[i]].act = A_SKIP;
	}
	free(ix);
	return NS_OK;
}

static int is_stdin(const struct ns_source_file *f)
{
	return !f->regular && strcmp(f->path, "-") == 0;
}

/* Decides what to do with file f, whose state was o (or none). */
static int decide(struct build *b, const struct ns_source_file *f, struct ns_filestate *o,
		  struct plan *p)
{
	uint64_t h, h_at, len;
	int gz, rc;

	memset(p, 0, sizeof(*p));
	p->old = o;
	p->act = A_READ;
	if (o && is_stdin(f) && !b->full) {
		p->act = A_MORE;
		return NS_OK;
	}
	if (!o || b->full || !f->regular || (o->flags & NS_FMT_FILE_DIRTY) ||
	    f->jsonl != !!(o->flags & NS_FMT_FILE_JSONL))
		return NS_OK;
	if (f->size == o->size && f->mtime_ns == o->mtime_ns) {
		p->act = A_UNCHANGED;
		return NS_OK;
	}
	/* size or mtime differ: the content decides */
	rc = ns_corpus_hash(b->corpus, f->path, o->content_len, f->size, &h, &h_at, &len, &gz);
	if (rc == NS_ERR_IO) {
		if (errno == ENOENT || errno == EACCES)
			return NS_OK;	/* the read will say */
		problem(b, f->path, strerror(errno));
		ns_msgf(b->msg, b->msglen, "cannot read '%s'; index '%s' left unchanged", f->path,
			b->dir);
		return NS_ERR_IO;
	}
	if (rc == NS_ERR_INPUT)
		return NS_OK;
	if (rc != NS_OK)
		return rc;
	p->hash = h;
	p->content_len = len;
	if (len == o->content_len && h == o->hash && !gz == !(o->flags & NS_FMT_FILE_GZIP))
		p->act = A_TOUCH;
	else if (f->jsonl && !gz && !(o->flags & NS_FMT_FILE_GZIP) && len > o->content_len &&
		 h_at == o->hash)
		p->act = A_APPEND;
	return NS_OK;
}

static int add_extent(struct ns_filestate *f, uint32_t seg, uint32_t first, uint32_t count)
{
	struct ns_extent *e;

	if (count == 0)
		return NS_OK;
	if (f->n_ext > 0) {
		struct ns_extent *last = &f->ext[f->n_ext - 1];
		if (last->seg == seg && last->first + last->count == first) {
			last->count += count;
			return NS_OK;
		}
	}
	e = realloc(f->ext, (f->n_ext + 1) * sizeof(*e));
	if (!e)
		return NS_ERR_NOMEM;
	f->ext = e;
	f->ext[f->n_ext++] = (struct ns_extent){ seg, first, count };
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
static int read_file(struct build *b, const struct ns_source_file *f, const struct plan *p,
		     struct ns_filestate *nf)
{
	struct ns_read_opts ro = { 0, 0, f->regular ? f->size : UINT64_MAX };
	struct ns_read_result r;
	uint32_t first = b->segw ? ns_segw_n_docs(b->segw) : 0, count;
	uint64_t size;
	int64_t mtime;
	int rc;

	if (p->act == A_APPEND) {
		ro.start_off = p->old->done_off;
		ro.start_line = p->old->done_lines;
	}
	rc = ns_corpus_read(b->corpus, f, &ro, on_article, on_problem, b, &r);
	if (rc != NS_OK) {
		if (rc == NS_ERR_IO && !b->msg[0])
			ns_msgf(b->msg, b->msglen,
				"a source could not be read (see above); index '%s' left unchanged",
				b->dir);
		return rc;
	}
	if (!r.opened)
		return NS_DONE;	/* unreadable now: no state, tried again next run */
	count = b->segw ? ns_segw_n_docs(b->segw) - first : 0;
	nf->flags = f->jsonl ? NS_FMT_FILE_JSONL : 0;
	if (r.gzip)
		nf->flags |= NS_FMT_FILE_GZIP;
	nf->size = f->size;
	nf->mtime_ns = racy(b, f->mtime_ns);
	nf->content_len = r.content_len;
	nf->hash = r.hash;
	nf->done_off = r.done_off;
	nf->done_lines = r.done_lines;
	if (p->act == A_APPEND || p->act == A_MORE) {
		/* keep the older articles' extents */
		nf->ext = p->old->ext;
		nf->n_ext = p->old->n_ext;
		p->old->ext = NULL;
		p->old->n_ext = 0;
	}
	if (p->act == A_APPEND) {
		/* the hash is the whole file's, from the hash pass, when the
		 * read saw the same bytes */
		nf->hash = p->hash;
		if (r.content_len != p->content_len)
			nf->flags |= NS_FMT_FILE_DIRTY;
	}
	if (count > 0 && (rc = add_extent(nf, b->new_id, first, count)) != NS_OK)
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

/* ---- merging ---- */

/* Where document d of segment s is now: its segment and docid, or 0. */
static int remap_doc(struct build *b, uint32_t *seg, uint32_t *d)
{
	struct seg *s = seg_by_id(b, *seg);

	if (!s || s->group == -2)
		return 0;
	if (s->group == -1)
		return 1;
	if (*d >= s->info.n_docs || s->remap[*d] == UINT32_MAX)
		return 0;
	*seg = s->merged_into;
	*d = s->remap[*d];
	return 1;
}

/* Maps a file's extents and tail through the merges (format.h: a merged
 * extent is the consecutive new docids of its live documents). */
static int remap_file(struct build *b, struct ns_filestate *f)
{
	uint32_t n = 0;

	for (uint32_t k = 0; k < f->n_ext; k++) {
		struct ns_extent e = f->ext[k];
		struct seg *s = seg_by_id(b, e.seg);
		uint32_t first = UINT32_MAX, count = 0;
		if (!s || s->group == -2)
			continue;
		if (s->group >= 0) {
			for (uint64_t d = e.first; d < (uint64_t)e.first + e.count && d < s->info.n_docs;
			     d++) {
				if (s->remap[d] == UINT32_MAX)
					continue;
				if (first == UINT32_MAX)
					first = s->remap[d];
				count++;
			}
			if (count == 0)
				continue;
			e = (struct ns_extent){ s->merged_into, first, count };
		}
		if (n > 0 && f->ext[n - 1].seg == e.seg &&
		    f->ext[n - 1].first + f->ext[n - 1].count == e.first)
			f->ext[n - 1].count += e.count;
		else
			f->ext[n++] = e;
	}
	f->n_ext = n;
	if ((f->flags & NS_FMT_FILE_TAIL) && !remap_doc(b, &f->tail_seg, &f->tail_doc))
		f->flags &= ~NS_FMT_FILE_TAIL;
	return NS_OK;
}

/* The word forms file of merge output id: the sum of its inputs'
 * (format.h: counts of deleted documents included). */
static int merge_forms(struct build *b, int group, uint32_t id)
{
	uint32_t *ids = malloc((b->n_segs + 1) * sizeof(*ids));
	size_t k = 0;
	int rc;

	if (!ids)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < b->n_segs; i++)
		if (b->segs[i].group == group)
			ids[k++] = b->segs[i].info.id;
	rc = ns_wfw_merge(b->dir, ids, k, id);
	free(ids);
	return rc;
}

/* Plans and runs the merges; merged segments get group >= 0 and a remap,
 * their output is appended to b->segs (is_new, r = NULL). */
static int run_merges(struct build *b, size_t *n_groups_out)
{
	size_t n = b->n_segs, n_groups;
	struct ns_merge_seg *ms = calloc(n + 1, sizeof(*ms));
	int *group = calloc(n + 1, sizeof(*group));
	struct ns_segr **in = calloc(n + 1, sizeof(*in));
	uint32_t **remap = calloc(n + 1, sizeof(*remap));
	int rc = NS_OK;

	*n_groups_out = 0;
	if (!ms || !group || !in || !remap) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		ms[i].n_docs = b->segs[i].info.n_docs;
		ms[i].n_deleted = b->segs[i].info.n_deleted;
	}
	n_groups = ns_merge_plan(ms, n, b->o->compact, group);
	for (size_t i = 0; i < n; i++)
		b->segs[i].group = group[i];
	for (size_t g = 0; g < n_groups && rc == NS_OK; g++) {
		struct ns_seginfo info;
		size_t k = 0;
		uint32_t id = b->next_id++;
		for (size_t i = 0; i < n && rc == NS_OK; i++) {
			struct seg *s = &b->segs[i];
			if (s->group != (int)g)
				continue;
			s->remap = malloc(((size_t)s->info.n_docs + 1) * sizeof(*s->remap));
			if (!s->remap) {
				rc = NS_ERR_NOMEM;
				break;
			}
			if (s->del)
				ns_segr_set_deleted(s->r, s->del);
			s->merged_into = id;
			in[k] = s->r;
			remap[k] = s->remap;
			k++;
			b->st->n_merged++;
		}
		if (rc != NS_OK)
			break;
		rc = ns_merge_segments(b->dir, in, k, id, remap, &info);
		if (rc == NS_OK)
			rc = merge_forms(b, (int)g, id);
		if (rc == NS_OK) {
			struct seg *s = add_seg(b);
			if (!s) {
				rc = NS_ERR_NOMEM;
				break;
			}
			s->info = info;
			s->is_new = 1;
			s->group = -3 - (int)g;	/* the output of group g */
		}
	}
	*n_groups_out = n_groups;
	if (rc != NS_OK)
		ns_msgf(b->msg, b->msglen, "cannot merge segments in '%s': %s", b->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
out:
	free(ms);
	free(group);
	free(in);
	free(remap);
	return rc;
}

/* ---- the whole update ---- */

static int cmp_state(const void *x, const void *y)
{
	const struct ns_filestate *a = x, *c = y;
	int r = strcmp(a->path, c->path);
	return r ? r : strcmp(a->id, c->id);
}

/* Finishes the new segment and takes it in as a segment of the index. */
static int finish_new_segment(struct build *b)
{
	struct ns_seginfo info;
	struct seg *s;
	int rc;

	if (!b->segw)
		return NS_OK;
	b->next_id++;
	memset(&info, 0, sizeof(info));
	if (b->lane) {
		rc = ns_lane_finish(b->lane);
		if (rc == NS_OK)
			rc = ns_runs_merge2(b->runs, b->inv, ns_lane_runs(b->lane),
					    ns_lane_inverter(b->lane), b->segw);
	} else {
		rc = ns_runs_merge(b->runs, b->inv, b->segw);
	}
	b->st->n_runs = ns_runs_count(b->runs);
	info.id = b->new_id;
	info.n_docs = ns_segw_n_docs(b->segw);
	info.n_tokens = ns_segw_n_tokens(b->segw);
	info.n_title_tokens = ns_segw_n_title_tokens(b->segw);
	/* the word forms both inverters counted (formcount.h) */
	if (rc == NS_OK && b->lane)
		rc = ns_formcount_absorb(b->forms, ns_lane_forms(b->lane));
	if (rc == NS_OK)
		rc = ns_formcount_write(b->forms, b->dir, b->new_id, info.n_docs);
	if (rc == NS_OK)
		rc = ns_segw_finish(b->segw);
	else
		ns_segw_abort(b->segw);
	b->segw = NULL;
	if (rc == NS_OK) {
		s = add_seg(b);
		if (!s)
			return NS_ERR_NOMEM;
		s->info = info;
		s->is_new = 1;
		rc = ns_segr_open(b->dir, &info, &s->r, NULL, 0);
	}
	for (size_t i = 0; i < b->n_new_dels && rc == NS_OK; i++)
		rc = mark_deleted(&b->segs[b->n_segs - 1], b->new_dels[i]);
	if (rc != NS_OK)
		ns_msgf(b->msg, b->msglen, "cannot write the index in '%s': %s", b->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	return rc;
}

/* Counts added / updated / deleted / unchanged articles (build.h). */
static void count_changes(struct build *b)
{
	uint64_t live0 = 0, kept = 0, replaced = 0;

	for (size_t i = 0; i < b->n_segs; i++) {
		const struct seg *s = &b->segs[i];
		if (s->is_new)
			continue;
		live0 += s->live0;
		kept += s->info.n_docs - s->info.n_deleted;
	}
	replaced = b->ids.n_replaced;
	b->st->n_unchanged = kept;
	b->st->n_updated = replaced;
	b->st->n_added = b->ids.n - replaced;
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
	remove_garbage(o->index_dir, b->have_old ? &b->old : NULL, 1);
	b->gen = b->have_old ? b->old.generation + 1 : 1;
	b->next_id = b->have_old ? b->old.next_segment : 1;
	b->new_id = b->next_id;	/* taken by finish_new_segment() if used */

	for (uint32_t i = 0; b->have_old && i < b->old.n_segs; i++) {
		struct seg *s = add_seg(b);
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
			for (size_t k = 0; k < b->n_segs; k++)
				ns_segr_close(b->segs[k].r);
			b->n_segs = 0;
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
	rc = mark_repeats(&b->list, b->plans);
	for (size_t i = 0; i < b->list.n && rc == NS_OK; i++) {
		const struct ns_source_file *f = &b->list.files[i];
		struct ns_filestate *os = b->have_old ? find_state(&b->old, f->path, f->id) : NULL;
		if (b->plans[i].act == A_SKIP)
			continue;
		if (os)
			seen[os - b->old.files] = 1;
		rc = decide(b, f, os, &b->plans[i]);
		if (b->plans[i].act == A_READ)
			b->st->bytes_total += f->size;
		else if (b->plans[i].act == A_APPEND)
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
		rc = delete_file_docs(b, os);
	}
	free(seen);
	return rc;
}

/* Reads what the plans say, into the new segment. */
static int read_files(struct build *b)
{
	int rc = NS_OK;

	b->bytes_base = ns_corpus_stats(b->corpus)->n_file_bytes;
	for (size_t i = 0; i < b->list.n; i++) {
		const struct ns_source_file *f = &b->list.files[i];
		struct plan *p = &b->plans[i];
		struct ns_filestate *s = &b->nf[b->n_nf];
		if (p->act == A_SKIP)
			continue;
		if (p->act == A_UNCHANGED || p->act == A_TOUCH) {
			*s = *p->old;	/* moved: the old MANIFEST forgets it */
			memset(p->old, 0, sizeof(*p->old));
			s->size = f->size;
			s->mtime_ns = racy(b, f->mtime_ns);
			b->n_nf++;
			b->st->n_files_unchanged++;
			continue;
		}
		if (p->old && p->act == A_READ) {
			rc = delete_file_docs(b, p->old);
		} else if (p->old && p->act == A_APPEND && (p->old->flags & NS_FMT_FILE_TAIL)) {
			/* the unterminated line is read again */
			struct seg *sg = seg_by_id(b, p->old->tail_seg);
			rc = sg ? mark_deleted(sg, p->old->tail_doc) : NS_OK;
		}
		if (rc != NS_OK)
			return rc;
		s->path = strdup(f->path);
		s->id = strdup(f->id);
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

/* Writes the deletion files, then the MANIFEST naming everything; removes
 * what it no longer names. */
static int publish(struct build *b)
{
	struct ns_manifest m;
	struct ns_seginfo *segs = calloc(b->n_segs + 1, sizeof(*segs));
	char **remembered = calloc(b->n_sources + b->old.n_sources + 1, sizeof(*remembered));
	int rc = NS_OK;

	memset(&m, 0, sizeof(m));
	if (!segs || !remembered) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	/* kept segments (with a new deletion file where this run deleted),
	 * and each merge's output where its first member stood */
	for (size_t i = 0; i < b->n_segs && rc == NS_OK; i++) {
		struct seg *s = &b->segs[i];
		int first = 1;
		if (s->group == -1) {
			if (s->changed) {
				s->info.del_gen = b->gen;
				rc = ns_del_write(b->dir, s->info.id, b->gen, s->del, s->info.n_docs,
						  &s->info.del_crc);
			}
			segs[m.n_segs++] = s->info;
			continue;
		}
		if (s->group < 0)
			continue;	/* dropped, or a merge's output */
		for (size_t k = 0; k < i && first; k++)
			first = b->segs[k].group != s->group;
		for (size_t k = 0; first && k < b->n_segs; k++)
			if (b->segs[k].group == -3 - s->group)
				segs[m.n_segs++] = b->segs[k].info;
	}
	/* I9: everything the MANIFEST names is durable before it is */
	if (rc == NS_OK)
		rc = ns_fsync_dir(b->dir);
	if (rc != NS_OK) {
		ns_msgf(b->msg, b->msglen, "cannot write the index in '%s': %s", b->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		goto out;
	}
	m.generation = b->gen;
	m.next_segment = b->next_id;
	snprintf(m.lang, sizeof(m.lang), "%s", b->lang);
	m.segs = segs;
	m.built = (uint64_t)time(NULL);
	/* Standard input cannot be read again: a bare refresh must not
	 * rebuild from an empty pipe, so "-" is not remembered. */
	for (size_t i = 0; i < b->n_sources; i++) {
		const char *src = b->abs ? b->abs[i] : b->sources[i];
		if (strcmp(src, "-") != 0)
			remembered[m.n_sources++] = (char *)(uintptr_t)src;
	}
	for (uint32_t i = 0; b->only_stdin && i < b->old.n_sources; i++)
		remembered[m.n_sources++] = b->old.sources[i];
	m.sources = remembered;
	if (b->n_nf > 1)
		qsort(b->nf, b->n_nf, sizeof(*b->nf), cmp_state);
	m.files = b->nf;
	m.n_files = (uint32_t)b->n_nf;
	rc = ns_manifest_write(b->dir, &m);
	if (rc != NS_OK) {
		ns_msgf(b->msg, b->msglen, "cannot publish the index in '%s': %s", b->dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		goto out;
	}
	remove_garbage(b->dir, &m, 1);
	b->st->generation = b->gen;
	b->st->n_segments = m.n_segs;
	for (uint32_t i = 0; i < m.n_segs; i++)
		b->st->index_bytes += segment_bytes(b->dir, &m.segs[i]);
out:
	free(segs);
	free(remembered);
	return rc;
}

static void release(struct build *b)
{
	if (b->segw)
		ns_segw_abort(b->segw);
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
	for (size_t i = 0; i < b->n_segs; i++) {
		ns_segr_close(b->segs[i].r);
		free(b->segs[i].del);
		free(b->segs[i].remap);
	}
	free(b->segs);
	free(b->ids.slot);
	free(b->new_dels);
	ns_corpus_free(b->corpus);
	ns_lane_free(b->lane);
	ns_runs_free(b->runs);
	ns_formcount_free(b->forms);
	ns_invert_free(b->inv);
	ns_analyzer_free(b->an);
	ns_manifest_release(&b->old);
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
	size_t n_groups = 0;
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
	b.inv_budget = (uint64_t)((double)o->memory_bytes * INVERT_SHARE);

	if (mkdir(o->index_dir, 0777) != 0 && errno != EEXIST) {
		ns_msgf(msg, msglen, "cannot create index directory '%s': %s", o->index_dir,
			strerror(errno));
		return NS_ERR_IO;
	}
	rc = take_lock(o->index_dir, o->wait, &lock_fd);
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
		rc = ns_corpus_new(&b.corpus);
	if (rc == NS_OK)
		ns_corpus_set_max_article(b.corpus, max_article(o));
	if (rc == NS_OK)
		rc = plan_files(&b);
	if (rc == NS_OK)
		rc = read_files(&b);
	if (rc == NS_OK)
		rc = finish_new_segment(&b);
	if (rc == NS_OK) {
		count_changes(&b);
		/* merge, then map the files' documents to where they are now */
		rc = run_merges(&b, &n_groups);
	}
	for (size_t i = 0; rc == NS_OK && i < b.n_nf; i++)
		remap_file(&b, &b.nf[i]);
	if (rc == NS_OK)
		rc = publish(&b);
	if (rc == NS_OK)
		progress(&b, 1);
	release(&b);
	if (rc != NS_OK)
		clean_after_failure(o->index_dir);
	close(lock_fd);
	return rc;
}
