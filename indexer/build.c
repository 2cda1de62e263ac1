/* SPDX-License-Identifier: MIT */
/* build.c -- from sources to a published index (see build.h). */
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
#include "error.h"
#include "fieldterm.h"
#include "fileio.h"
#include "format.h"
#include "invert.h"
#include "manifest.h"
#include "runs.h"
#include "segwriter.h"

#define LOCK_NAME "LOCK"
#define PROGRESS_EVERY 2000	/* articles between progress calls */
/* Share of the memory budget the inverter may fill before spilling a run;
 * the rest covers the writer's per-document tables, the id set, buffers. */
#define INVERT_SHARE 0.75

/* Set of the ids seen, to skip an article whose id came before. */
struct id_set {
	uint64_t *hashes;	/* 0 = empty slot */
	size_t n;
	size_t cap;		/* power of two */
};

struct build {
	const struct ns_build_opts *o;
	const struct ns_build_hooks *hooks;
	struct ns_build_stats *st;
	struct ns_analyzer *an;
	struct ns_invert *inv;
	struct ns_runs *runs;
	struct ns_segw *segw;
	struct id_set ids;
	uint64_t inv_budget;
	struct timespec t0;
	int err;
	char *msg;
	size_t msglen;
};

static double elapsed(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static uint64_t hash64(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a 64 */

	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 1099511628211ull;
	return h ? h : 1;
}

/* Adds id; returns 1 if it was new, 0 if seen before, -1 out of memory.
 * 64-bit hashes stand for the ids: a false "seen" needs a collision among
 * them, about 1 in 10^7 for a million articles. */
static int id_set_add(struct id_set *s, const char *id)
{
	uint64_t h = hash64(id);
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		uint64_t *t = calloc(cap, sizeof(*t));
		if (!t)
			return -1;
		for (size_t k = 0; k < s->cap; k++) {
			if (!s->hashes[k])
				continue;
			for (i = s->hashes[k] & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = s->hashes[k];
		}
		free(s->hashes);
		s->hashes = t;
		s->cap = cap;
	}
	for (i = h & (s->cap - 1); s->hashes[i]; i = (i + 1) & (s->cap - 1))
		if (s->hashes[i] == h)
			return 0;
	s->hashes[i] = h;
	s->n++;
	return 1;
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

/* Feeds the words of text to the inverter from position first; returns the
 * number of words. */
static int invert_text(struct build *b, const char *text, size_t len, uint32_t first,
		       uint32_t *n_words)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	const char *term;
	size_t term_len;

	ns_tok_init(&t, text, len, first);
	while (ns_analyzer_next(b->an, &t, &tok, &term, &term_len)) {
		int rc = ns_invert_add(b->inv, term, term_len, tok.pos);
		if (rc != NS_OK)
			return rc;
	}
	*n_words = ns_tok_position(&t) - first;
	return NS_OK;
}

/* The source's words and the date's year, month and day, as field terms
 * (fieldterm.h).  They take no part in the document's length. */
static int invert_fields(struct build *b, const struct ns_article *a)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	char term[NS_FT_MAX_LEN];
	size_t len;
	int rc = NS_OK;

	ns_tok_init(&t, a->source, strlen(a->source), 0);
	while (rc == NS_OK && ns_tok_next(&t, &tok)) {
		len = ns_ft_source(term, tok.term, tok.term_len);
		rc = ns_invert_add(b->inv, term, len, tok.pos);
	}
	if (rc == NS_OK && a->date_key != NS_DATE_NONE) {
		int y, m, d;
		ns_ft_civil(a->date_key, &y, &m, &d);
		if (y >= 1 && y <= 9999) {
			len = ns_ft_year(term, y);
			rc = ns_invert_add(b->inv, term, len, 0);
			len = ns_ft_month(term, y, m);
			if (rc == NS_OK)
				rc = ns_invert_add(b->inv, term, len, 0);
			len = ns_ft_day(term, y, m, d);
			if (rc == NS_OK)
				rc = ns_invert_add(b->inv, term, len, 0);
		}
	}
	return rc;
}

static int on_article(void *ctx, const struct ns_article *a)
{
	struct build *b = ctx;
	struct ns_doc_meta meta;
	uint32_t docid = ns_segw_n_docs(b->segw), title_len = 0, body_len = 0;
	int rc;

	rc = id_set_add(&b->ids, a->id);
	if (rc < 0)
		return NS_ERR_NOMEM;
	if (rc == 0) {
		char where[PATH_MAX + 32];
		if (a->line)
			snprintf(where, sizeof(where), "%s:%llu", a->path, (unsigned long long)a->line);
		else
			snprintf(where, sizeof(where), "%s", a->path);
		problem(b, where, "article id repeats an earlier one; skipped");
		b->st->n_duplicates++;
		return NS_OK;
	}
	ns_invert_doc_begin(b->inv, docid);
	rc = invert_text(b, a->title, strlen(a->title), 0, &title_len);
	if (rc == NS_OK)
		rc = invert_text(b, a->body, a->body_len, title_len, &body_len);
	if (rc == NS_OK)
		rc = invert_fields(b, a);
	if (rc == NS_OK)
		rc = ns_invert_doc_end(b->inv);
	if (rc != NS_OK)
		return rc;
	meta.id = a->id;
	meta.title = a->title;
	meta.date = a->date;
	meta.date_key = a->date_key;
	meta.source = a->source;
	meta.url = a->url;
	meta.path = a->path;
	rc = ns_segw_add_doc(b->segw, &meta, a->body, a->body_len, title_len,
			     title_len + body_len);
	if (rc != NS_OK)
		return rc;
	b->st->n_docs++;
	b->st->n_tokens += title_len + body_len;
	b->st->n_bytes += strlen(a->title) + a->body_len;
	if (ns_invert_mem(b->inv) > b->inv_budget) {
		rc = ns_runs_spill(b->runs, b->inv);
		if (rc != NS_OK)
			return rc;
		b->st->n_runs = ns_runs_count(b->runs);
	}
	if (b->st->n_docs % PROGRESS_EVERY == 0 && b->hooks && b->hooks->progress) {
		b->st->seconds = elapsed(&b->t0);
		b->hooks->progress(b->hooks->ctx, b->st, 0);
	}
	return NS_OK;
}

/* Takes INDEX_DIR/LOCK.  flock() locks die with their process, so a lock
 * left by a killed nindex never blocks the next run. */
static int take_lock(const char *dir, int *fd_out)
{
	char *path = ns_path_join(dir, LOCK_NAME);
	int fd;

	*fd_out = -1;
	if (!path)
		return NS_ERR_NOMEM;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	free(path);
	if (fd < 0)
		return NS_ERR_IO;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return e == EWOULDBLOCK ? NS_ERR_LIMIT : NS_ERR_IO;
	}
	*fd_out = fd;
	return NS_OK;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Removes *.tmp files and segment files that m does not name. */
static void remove_garbage(const char *dir, const struct ns_manifest *m)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		int garbage = has_suffix(n, ".tmp");
		unsigned id;
		char ext[8];
		if (!garbage && sscanf(n, "seg-%8u.%3s", &id, ext) == 2 &&
		    (strcmp(ext, "nsp") == 0 || strcmp(ext, "nsd") == 0)) {
			garbage = 1;
			for (uint32_t i = 0; m && i < m->n_segs; i++)
				if (m->segs[i].id == id)
					garbage = 0;
		}
		if (garbage) {
			char *p = ns_path_join(dir, n);
			if (p)
				unlink(p);
			free(p);
		}
	}
	closedir(d);
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

static int segment_bytes(const char *dir, uint32_t id, uint64_t *bytes)
{
	const char *ext[2] = { "nsp", "nsd" };

	*bytes = 0;
	for (int i = 0; i < 2; i++) {
		char name[32], *p;
		struct stat st;
		ns_fmt_segment_name(name, id, ext[i]);
		p = ns_path_join(dir, name);
		if (p && stat(p, &st) == 0)
			*bytes += (uint64_t)st.st_size;
		free(p);
	}
	return NS_OK;
}

int ns_build(const struct ns_build_opts *o, const struct ns_build_hooks *hooks,
	     struct ns_build_stats *st, char *msg, size_t msglen)
{
	struct build b;
	struct ns_manifest old, m;
	struct ns_corpus_stats cst;
	struct ns_seginfo seg;
	const char *lang;
	const char *const *sources = o->sources;
	size_t n_sources = o->n_sources;
	char **abs = NULL, **remembered = NULL;
	int lock_fd = -1, have_old, rc;
	uint32_t seg_id;

	memset(&b, 0, sizeof(b));
	memset(st, 0, sizeof(*st));
	memset(&m, 0, sizeof(m));
	memset(&cst, 0, sizeof(cst));
	b.o = o;
	b.hooks = hooks;
	b.st = st;
	b.msg = msg;
	b.msglen = msglen;
	clock_gettime(CLOCK_MONOTONIC, &b.t0);

	if (mkdir(o->index_dir, 0777) != 0 && errno != EEXIST) {
		ns_msgf(msg, msglen, "cannot create index directory '%s': %s", o->index_dir,
			strerror(errno));
		return NS_ERR_IO;
	}
	rc = take_lock(o->index_dir, &lock_fd);
	if (rc == NS_ERR_LIMIT) {
		ns_msgf(msg, msglen, "index '%s' is being updated by another nindex; try again later",
			o->index_dir);
		return rc;
	}
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot lock index '%s': %s", o->index_dir, strerror(errno));
		return rc;
	}

	rc = ns_manifest_read(o->index_dir, &old);
	have_old = rc == NS_OK;
	if (rc != NS_OK && rc != NS_ERR_NOTFOUND) {
		/* A damaged MANIFEST must not stop a rebuild from sources given
		 * now; without sources there is nothing to rebuild from. */
		if (n_sources == 0) {
			ns_msgf(msg, msglen, "%s/MANIFEST: %s", o->index_dir, ns_strerror(rc));
			goto out;
		}
	}
	if (n_sources == 0) {
		if (!have_old || old.n_sources == 0) {
			ns_msgf(msg, msglen, "no sources given and none remembered in '%s'",
				o->index_dir);
			rc = NS_ERR_NOTFOUND;
			goto out;
		}
		sources = (const char *const *)old.sources;
		n_sources = old.n_sources;
	}
	lang = o->lang ? o->lang : have_old ? old.lang : NS_ANALYZE_DEFAULT_LANG;
	rc = ns_analyzer_new(lang, &b.an);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "unknown language '%s' (see nindex --help)", lang);
		goto out;
	}
	remove_garbage(o->index_dir, have_old ? &old : NULL);

	seg_id = have_old ? old.next_segment : 1;
	b.inv_budget = (uint64_t)((double)o->memory_bytes * INVERT_SHARE);
	rc = ns_invert_new(&b.inv);
	if (rc == NS_OK)
		rc = ns_runs_new(o->index_dir, &b.runs);
	if (rc == NS_OK)
		rc = ns_segw_open(o->index_dir, seg_id, &b.segw);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot write in '%s': %s", o->index_dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		goto out;
	}

	/* Absolute paths, so the paths stored for articles open from any
	 * directory and a refresh from cron finds the same sources. */
	rc = absolute_sources(sources, n_sources, &abs);
	if (rc != NS_OK)
		goto out;
	rc = ns_corpus_walk((const char *const *)abs, n_sources, on_article, on_problem, &b, &cst);
	st->n_files = cst.n_files;
	st->n_skipped = cst.n_skipped;
	st->n_bad_lines = cst.n_bad_lines;
	if (rc == NS_ERR_IO) {
		/* A source that is gone (an unmounted disk, a typo) must not
		 * publish an index without its articles. */
		ns_msgf(msg, msglen, "a source could not be read (see above); index '%s' left unchanged",
			o->index_dir);
		goto out;
	}
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "indexing failed: %s", ns_strerror(rc));
		goto out;
	}

	rc = ns_runs_merge(b.runs, b.inv, b.segw);
	st->n_runs = ns_runs_count(b.runs);
	seg.id = seg_id;
	seg.n_docs = ns_segw_n_docs(b.segw);
	seg.n_tokens = ns_segw_n_tokens(b.segw);
	seg.n_title_tokens = ns_segw_n_title_tokens(b.segw);
	if (rc == NS_OK) {
		rc = ns_segw_finish(b.segw);
	} else {
		ns_segw_abort(b.segw);
	}
	b.segw = NULL;
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot write the index in '%s': %s", o->index_dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		goto out;
	}

	m.generation = have_old ? old.generation + 1 : 1;
	m.next_segment = seg_id + 1;
	snprintf(m.lang, sizeof(m.lang), "%s", lang);
	m.segs = &seg;
	m.n_segs = 1;
	/* Standard input cannot be read again: a bare refresh must not
	 * rebuild from an empty pipe, so "-" is not remembered. */
	remembered = calloc(n_sources + 1, sizeof(*remembered));
	if (!remembered) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n_sources; i++)
		if (strcmp(abs[i], "-") != 0)
			remembered[m.n_sources++] = abs[i];
	m.sources = remembered;
	rc = ns_manifest_write(o->index_dir, &m);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot publish the index in '%s': %s", o->index_dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		goto out;
	}
	remove_garbage(o->index_dir, &m);
	segment_bytes(o->index_dir, seg_id, &st->index_bytes);
	st->seconds = elapsed(&b.t0);
	if (hooks && hooks->progress)
		hooks->progress(hooks->ctx, st, 1);

out:
	free(remembered);
	if (rc != NS_OK && b.segw)
		ns_segw_abort(b.segw);
	if (abs) {
		for (size_t i = 0; i < n_sources; i++)
			free(abs[i]);
		free(abs);
	}
	ns_runs_free(b.runs);
	ns_invert_free(b.inv);
	ns_analyzer_free(b.an);
	free(b.ids.hashes);
	if (have_old)
		ns_manifest_release(&old);
	if (lock_fd >= 0)
		close(lock_fd);
	return rc;
}
