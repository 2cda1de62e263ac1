/* SPDX-License-Identifier: MIT */
/* writer.c -- the indexing side of nsearch.h over indexer/build.c, and the
 * check over common/check.c.
 *
 * The writer takes INDEX_DIR/LOCK when opened and hands it to ns_build()
 * (lock_held), so a publish cannot be overtaken by another nindex between
 * open and publish.  Articles given from memory are written as JSON Lines
 * to an anonymous temporary file that the build reads as the source "-"
 * (stdin_fd): the same reader, the same rules as `nindex -i DIR -`.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsearch.h"
#include "analyze.h"
#include "build.h"
#include "check.h"
#include "error.h"
#include "fileio.h"
#include "indexdir.h"
#include "lasterr.h"

#define DEFAULT_MEMORY (256ull << 20)

struct ns_writer_handle {
	char *dir;
	int lock_fd;
	char *lang;
	uint64_t memory, max_article;
	int full, compact;
	char **sources;
	size_t n_sources;
	int has_stdin;		/* "-" is one of the sources */
	FILE *articles;		/* JSON Lines of ns_writer_add_article() */
	size_t n_articles;
	ns_warn_fn problem;
	ns_progress_fn progress;
	void *ctx;
	int open_rc;
	char open_msg[1024];
};

static int open_failed(ns_writer *w, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int open_failed(ns_writer *w, int rc, const char *fmt, ...)
{
	va_list ap;

	w->open_rc = rc;
	va_start(ap, fmt);
	vsnprintf(w->open_msg, sizeof(w->open_msg), fmt, ap);
	va_end(ap);
	return rc;
}

int ns_writer_open(const char *path, int flags, ns_writer **out)
{
	ns_writer *w;
	int rc;

	if (!out) {
		ns_lasterr_set(NULL, NS_ERR_USAGE, 0, "ns_writer_open: no place for the handle");
		return NS_ERR_USAGE;
	}
	*out = w = calloc(1, sizeof(*w));
	if (!w) {
		ns_lasterr_set(NULL, NS_ERR_NOMEM, 0, "out of memory");
		return NS_ERR_NOMEM;
	}
	ns_lasterr_clear(w);
	w->lock_fd = -1;
	w->memory = DEFAULT_MEMORY;
	if (!path || !*path)
		return open_failed(w, NS_ERR_USAGE, "ns_writer_open: no path");
	if (!(w->dir = strdup(path)))
		return open_failed(w, NS_ERR_NOMEM, "out of memory");
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return open_failed(w, NS_ERR_IO, "cannot create index directory '%s': %s", path,
				   strerror(errno));
	rc = ns_indexdir_lock(path, flags & NS_WRITER_WAIT, &w->lock_fd);
	if (rc == NS_ERR_LIMIT)
		return open_failed(w, rc,
				   "index '%s' is being updated by another nindex; try again later",
				   path);
	if (rc != NS_OK)
		return open_failed(w, rc, "cannot lock index '%s': %s", path, strerror(errno));
	return NS_OK;
}

static void forget_input(ns_writer *w)
{
	for (size_t i = 0; i < w->n_sources; i++)
		free(w->sources[i]);
	free(w->sources);
	w->sources = NULL;
	w->n_sources = 0;
	w->has_stdin = 0;
	if (w->articles)
		fclose(w->articles);
	w->articles = NULL;
	w->n_articles = 0;
}

void ns_writer_close(ns_writer *w)
{
	if (!w)
		return;
	ns_lasterr_clear(w);
	forget_input(w);
	if (w->lock_fd >= 0)
		close(w->lock_fd);
	free(w->lang);
	free(w->dir);
	free(w);
}

const char *ns_writer_errmsg(const ns_writer *w)
{
	if (w && w->open_rc != NS_OK)
		return w->open_msg;
	return ns_lasterr_msg(w);
}

static int usable(const ns_writer *w, const char *fn)
{
	if (w && w->open_rc == NS_OK)
		return NS_OK;
	ns_lasterr_set(w, NS_ERR_USAGE, 0, "%s: %s", fn, w ? "the writer is not open" : "no writer");
	return NS_ERR_USAGE;
}

int ns_lang_ok(const char *lang)
{
	return lang && ns_analyzer_lang_ok(lang);
}

void ns_lang_list(char *out, size_t outlen)
{
	if (out && outlen)
		ns_analyzer_list_langs(out, outlen);
}

int ns_writer_set_lang(ns_writer *w, const char *lang)
{
	char *copy;

	if (usable(w, "ns_writer_set_lang") != NS_OK)
		return NS_ERR_USAGE;
	if (!ns_lang_ok(lang)) {
		ns_lasterr_set(w, NS_ERR_USAGE, 0, "unknown language '%s'", lang ? lang : "(null)");
		return NS_ERR_USAGE;
	}
	if (!(copy = strdup(lang)))
		return NS_ERR_NOMEM;
	free(w->lang);
	w->lang = copy;
	return NS_OK;
}

int ns_writer_set_memory(ns_writer *w, uint64_t bytes)
{
	if (usable(w, "ns_writer_set_memory") != NS_OK || bytes < (1u << 20))
		return NS_ERR_USAGE;
	w->memory = bytes;
	return NS_OK;
}

int ns_writer_set_max_article(ns_writer *w, uint64_t bytes)
{
	if (usable(w, "ns_writer_set_max_article") != NS_OK)
		return NS_ERR_USAGE;
	w->max_article = bytes;
	return NS_OK;
}

int ns_writer_set_full(ns_writer *w, int full)
{
	if (usable(w, "ns_writer_set_full") != NS_OK)
		return NS_ERR_USAGE;
	w->full = !!full;
	return NS_OK;
}

int ns_writer_set_compact(ns_writer *w, int compact)
{
	if (usable(w, "ns_writer_set_compact") != NS_OK)
		return NS_ERR_USAGE;
	w->compact = !!compact;
	return NS_OK;
}

int ns_writer_set_callbacks(ns_writer *w, ns_warn_fn problem, ns_progress_fn progress, void *ctx)
{
	if (usable(w, "ns_writer_set_callbacks") != NS_OK)
		return NS_ERR_USAGE;
	w->problem = problem;
	w->progress = progress;
	w->ctx = ctx;
	return NS_OK;
}

int ns_writer_add_source(ns_writer *w, const char *path)
{
	char **s, *copy;

	if (usable(w, "ns_writer_add_source") != NS_OK)
		return NS_ERR_USAGE;
	if (!path || !*path || (strcmp(path, "-") == 0 && w->n_articles)) {
		ns_lasterr_set(w, NS_ERR_USAGE, 0, "ns_writer_add_source: %s",
			       path && *path ? "\"-\" with articles from memory" : "no path");
		return NS_ERR_USAGE;
	}
	s = realloc(w->sources, (w->n_sources + 1) * sizeof(*s));
	if (!s)
		return NS_ERR_NOMEM;
	w->sources = s;
	if (!(copy = strdup(path)))
		return NS_ERR_NOMEM;
	s[w->n_sources++] = copy;
	w->has_stdin |= strcmp(path, "-") == 0;
	return NS_OK;
}

/* s as a JSON string with its quotes. */
static void put_json(FILE *f, const char *s)
{
	putc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			putc(*p, f);
	}
	putc('"', f);
}

int ns_writer_add_article(ns_writer *w, const ns_new_article *a)
{
	const char *keys[] = { "title", "date", "source", "url" };
	const char *vals[4];

	if (usable(w, "ns_writer_add_article") != NS_OK)
		return NS_ERR_USAGE;
	if (!a || !a->id || !*a->id || !a->body || w->has_stdin) {
		ns_lasterr_set(w, NS_ERR_USAGE, 0, "ns_writer_add_article: %s",
			       w->has_stdin ? "not with the source \"-\"" : "an article needs an id and a body");
		return NS_ERR_USAGE;
	}
	if (!w->articles && !(w->articles = tmpfile())) {
		ns_lasterr_set(w, NS_ERR_IO, 0, "cannot create a temporary file: %s", strerror(errno));
		return NS_ERR_IO;
	}
	vals[0] = a->title, vals[1] = a->date, vals[2] = a->source, vals[3] = a->url;
	fputs("{\"id\":", w->articles);
	put_json(w->articles, a->id);
	for (size_t i = 0; i < 4; i++) {
		if (!vals[i])
			continue;
		fprintf(w->articles, ",\"%s\":", keys[i]);
		put_json(w->articles, vals[i]);
	}
	fputs(",\"body\":", w->articles);
	put_json(w->articles, a->body);
	fputs("}\n", w->articles);
	if (ferror(w->articles)) {
		ns_lasterr_set(w, NS_ERR_IO, 0, "cannot write a temporary file: %s", strerror(errno));
		return NS_ERR_IO;
	}
	w->n_articles++;
	return NS_OK;
}

static void copy_stats(ns_writer_stats *o, const struct ns_build_stats *s)
{
	*o = (ns_writer_stats){
		s->n_docs, s->n_added, s->n_updated, s->n_deleted, s->n_unchanged,
		s->n_files, s->n_files_unchanged, s->n_skipped, s->n_bad_lines, s->n_cut,
		s->n_duplicates, s->n_bytes, s->n_tokens, s->n_runs, s->bytes_total,
		s->bytes_done, s->n_merged, s->n_segments, s->index_bytes, s->generation,
		s->seconds,
	};
}

static void on_problem(void *ctx, const char *where, const char *what)
{
	ns_writer *w = ctx;

	if (w->problem)
		w->problem(w->ctx, where, what);
}

static void on_progress(void *ctx, const struct ns_build_stats *st, int done)
{
	ns_writer *w = ctx;
	ns_writer_stats ws;

	if (w->progress) {
		copy_stats(&ws, st);
		w->progress(w->ctx, &ws, done);
	}
}

int ns_writer_publish(ns_writer *w, ns_writer_stats *st)
{
	struct ns_build_opts o;
	struct ns_build_hooks hooks = { NULL, on_problem, on_progress };
	struct ns_build_stats bs;
	const char **src = NULL;
	size_t n = 0;
	char msg[1024] = "";
	int rc;

	if (usable(w, "ns_writer_publish") != NS_OK)
		return NS_ERR_USAGE;
	hooks.ctx = w;
	memset(&o, 0, sizeof(o));
	if (w->n_sources || w->n_articles) {
		src = malloc((w->n_sources + 1) * sizeof(*src));
		if (!src)
			return NS_ERR_NOMEM;
		for (; n < w->n_sources; n++)
			src[n] = w->sources[n];
		if (w->n_articles)
			src[n++] = "-";
	}
	if (w->articles) {
		if (fflush(w->articles) != 0 || fseek(w->articles, 0, SEEK_SET) != 0) {
			free(src);
			ns_lasterr_set(w, NS_ERR_IO, 0, "cannot write a temporary file: %s",
				       strerror(errno));
			return NS_ERR_IO;
		}
		o.stdin_fd = fileno(w->articles);
	}
	o.index_dir = w->dir;
	o.sources = src;
	o.n_sources = n;
	o.lang = w->lang;
	o.memory_bytes = w->memory;
	o.max_article_bytes = w->max_article;
	o.compact = w->compact;
	o.full = w->full;
	o.lock_held = 1;
	rc = ns_build(&o, &hooks, &bs, msg, sizeof(msg));
	free(src);
	if (st)
		copy_stats(st, &bs);
	if (rc != NS_OK) {
		ns_lasterr_set(w, rc, 0, "%s", msg[0] ? msg : ns_strerror(rc));
		return rc;
	}
	forget_input(w);
	return NS_OK;
}

/* ---- checking ---- */

struct check_ctx {
	ns_warn_fn problem;
	void *ctx;
	uint64_t n;
};

static void on_check(void *ctx, const char *file, const char *what)
{
	struct check_ctx *c = ctx;

	c->n++;
	if (c->problem)
		c->problem(c->ctx, file, what);
}

int ns_check(const char *path, ns_warn_fn problem, void *ctx, ns_check_result *res, char *msg,
	     size_t msglen)
{
	struct check_ctx c = { problem, ctx, 0 };
	struct ns_check_stats cs;
	int rc;

	if (msg && msglen)
		msg[0] = 0;
	if (!path) {
		ns_msgf(msg, msglen, "ns_check: no path");
		return NS_ERR_USAGE;
	}
	memset(&cs, 0, sizeof(cs));
	rc = ns_check_index(path, on_check, &c, &cs, msg, msglen);
	if (res)
		*res = (ns_check_result){ cs.generation, cs.n_segments, cs.n_docs, cs.n_deleted,
					  cs.n_terms, cs.n_postings, c.n };
	return rc;
}
