/* SPDX-License-Identifier: MIT */
/* listing.c -- find the files of the sources (corpus.h: ns_corpus_list).
 *
 * Directories: entries whose name starts with '.' are skipped; the others
 * are visited in strcmp() order.  A symbolic link met inside a directory
 * source is followed when its resolved target lies inside the resolved
 * source root; else it is reported ("symbolic link leads outside the
 * source") and skipped.  A link that cannot be resolved because of a cycle
 * ("a -> b -> a") or that leads to a directory already open on the current
 * path (a cycle through "..") is reported as "symbolic link loop".
 * Sockets, FIFOs and devices inside a directory are reported and skipped; as
 * a source named on the command line, anything but a directory is read as a
 * file (so a FIFO or /dev/stdin works).  A source that stat() cannot reach
 * (missing, or permission denied on the way) counts as not existing.
 *
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corpus.h"
#include "error.h"
#include "kind.h"

struct dirid {
	dev_t dev;
	ino_t ino;
};

struct lister {
	ns_problem_fn on_problem;
	void *ctx;
	uint64_t n_skipped;	/* entries reported and left out */
	char *root_real;	/* resolved root of the directory source */
	size_t root_real_len;
	struct dirid *dirs;	/* directories open on the current path */
	size_t n_dirs, cap_dirs;
	struct ns_file_list *list;	/* where the files go */
};

static void problem(struct lister *w, const char *where, const char *what)
{
	if (w->on_problem)
		w->on_problem(w->ctx, where, what);
}

static void skipped(struct lister *w, const char *where, const char *what)
{
	problem(w, where, what);
	w->n_skipped++;
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	int slash = a > 0 && dir[a - 1] != '/';
	char *p = malloc(a + (size_t)slash + b + 1);

	if (!p)
		return NULL;
	memcpy(p, dir, a);
	if (slash)
		p[a] = '/';
	memcpy(p + a + slash, name, b + 1);
	return p;
}

static int list_add(struct lister *w, const char *path, const char *id, int jsonl,
		    const struct stat *sb)
{
	struct ns_file_list *l = w->list;
	struct ns_source_file *f;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct ns_source_file *p = realloc(l->files, cap * sizeof(*p));
		if (!p)
			return NS_ERR_NOMEM;
		l->files = p;
		l->cap = cap;
	}
	f = &l->files[l->n];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	f->id = strdup(id);
	if (!f->path || !f->id) {
		free(f->path);
		free(f->id);
		return NS_ERR_NOMEM;
	}
	f->jsonl = jsonl;
	if (sb) {
		f->regular = S_ISREG(sb->st_mode);
		f->size = (uint64_t)sb->st_size;
		f->mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
	}
	l->n++;
	return NS_OK;
}

void ns_file_list_release(struct ns_file_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->files[i].path);
		free(l->files[i].id);
	}
	free(l->files);
	memset(l, 0, sizeof(*l));
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int walk_dir(struct lister *w, const char *path, const char *rel, const struct stat *sb);

/* dfd: the open directory holding name (stat relative to it spares the
 * kernel a walk of the whole path per file). */
static int walk_entry(struct lister *w, int dfd, const char *path, const char *rel,
		      const char *name)
{
	struct stat sb;

	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
		skipped(w, path, strerror(errno));
		return NS_OK;
	}
	if (S_ISLNK(sb.st_mode)) {
		char *real = realpath(path, NULL);
		int inside;

		if (!real) {
			if (errno == ELOOP)
				skipped(w, path, "symbolic link loop");
			else if (errno == ENOENT)
				skipped(w, path, "broken symbolic link");
			else if (errno == ENOMEM)
				return NS_ERR_NOMEM;
			else
				skipped(w, path, strerror(errno));
			return NS_OK;
		}
		inside = w->root_real &&
			 (w->root_real_len == 1 ||
			  (strncmp(real, w->root_real, w->root_real_len) == 0 &&
			   (real[w->root_real_len] == '/' || real[w->root_real_len] == 0)));
		free(real);
		if (!inside) {
			skipped(w, path, "symbolic link leads outside the source");
			return NS_OK;
		}
		if (fstatat(dfd, name, &sb, 0) != 0) {
			skipped(w, path, strerror(errno));
			return NS_OK;
		}
	}
	if (S_ISDIR(sb.st_mode))
		return walk_dir(w, path, rel, &sb);
	if (S_ISREG(sb.st_mode))
		return list_add(w, path, rel, ns_kind_by_name(name) == NS_KIND_JSONL, &sb);
	skipped(w, path, "not a regular file");
	return NS_OK;
}

static int walk_dir(struct lister *w, const char *path, const char *rel, const struct stat *sb)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = NS_OK;

	for (i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].dev == sb->st_dev && w->dirs[i].ino == sb->st_ino) {
			skipped(w, path, "symbolic link loop");
			return NS_OK;
		}
	if (w->n_dirs == w->cap_dirs) {
		size_t nc = w->cap_dirs ? 2 * w->cap_dirs : 16;
		struct dirid *p = realloc(w->dirs, nc * sizeof(*p));
		if (!p)
			return NS_ERR_NOMEM;
		w->dirs = p;
		w->cap_dirs = nc;
	}
	d = opendir(path);
	if (!d) {
		skipped(w, path, strerror(errno));
		return NS_OK;
	}
	w->dirs[w->n_dirs].dev = sb->st_dev;
	w->dirs[w->n_dirs].ino = sb->st_ino;
	w->n_dirs++;
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno)
				problem(w, path, strerror(errno));
			break;
		}
		if (de->d_name[0] == '.')
			continue;	/* ".", ".." and hidden entries */
		if (n == cap) {
			size_t nc = cap ? 2 * cap : 64;
			char **p = realloc(names, nc * sizeof(*p));
			if (!p) {
				rc = NS_ERR_NOMEM;
				break;
			}
			names = p;
			cap = nc;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			rc = NS_ERR_NOMEM;
			break;
		}
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && rc == NS_OK; i++) {
		char *cpath = join(path, names[i]);
		char *crel = *rel ? join(rel, names[i]) : strdup(names[i]);
		if (!cpath || !crel)
			rc = NS_ERR_NOMEM;
		else
			rc = walk_entry(w, dirfd(d), cpath, crel, names[i]);
		free(cpath);
		free(crel);
	}
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	w->n_dirs--;
	return rc;
}

static int list_source(struct lister *w, const char *src, int *missing)
{
	struct stat sb;
	const char *base;
	int rc;

	if (strcmp(src, "-") == 0)
		return list_add(w, "-", "-", 1, NULL);
	if (stat(src, &sb) != 0) {
		problem(w, src, strerror(errno));
		*missing = 1;
		return NS_OK;
	}
	if (S_ISDIR(sb.st_mode)) {
		w->root_real = realpath(src, NULL);
		if (!w->root_real && errno == ENOMEM)
			return NS_ERR_NOMEM;
		w->root_real_len = w->root_real ? strlen(w->root_real) : 0;
		w->n_dirs = 0;
		rc = walk_dir(w, src, "", &sb);
		free(w->root_real);
		w->root_real = NULL;
		return rc;
	}
	base = strrchr(src, '/');
	base = base ? base + 1 : src;
	return list_add(w, src, base, ns_kind_by_name(src) == NS_KIND_JSONL, &sb);
}

int ns_corpus_list(const char *const *sources, size_t n_sources, ns_problem_fn on_problem,
		   void *ctx, struct ns_file_list *out, struct ns_corpus_stats *st)
{
	struct lister w;
	int rc = NS_OK, missing = 0;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.on_problem = on_problem;
	w.ctx = ctx;
	w.list = out;
	for (size_t i = 0; i < n_sources && rc == NS_OK; i++)
		rc = list_source(&w, sources[i], &missing);
	free(w.dirs);
	free(w.root_real);
	if (st)
		st->n_skipped += w.n_skipped;
	if (rc == NS_OK && missing)
		rc = NS_ERR_IO;
	return rc;
}
