/* SPDX-License-Identifier: MIT */
/* alerts.c -- the state file of saved searches (alerts.h). */
#include "alerts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "format.h"

#define MAGIC_LINE "nsearch-saved 1"

struct ns_alerts {
	char *index;		/* absolute path of the index (sorted paths
				 * joined by ':' for a set) */
	size_t n_idx;		/* indexes of the set */
	size_t *slot;		/* slot[i]: index_dirs[i]'s sorted position */
	char *dir;		/* the state directory */
	char *path;		/* the state file */
	char *lock_path;
	int lock_fd;		/* -1 until ns_alerts_lock() */
	struct ns_saved *s;	/* sorted by name */
	size_t n, cap;
};

static void saved_release(struct ns_saved *v)
{
	free(v->name);
	free(v->marks);
	for (size_t i = 0; i < v->n_args; i++)
		free(v->args[i]);
	free(v->args);
	memset(v, 0, sizeof(*v));
}

int ns_alerts_name_ok(const char *name)
{
	if (!*name || *name == '-' || *name == '.' || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
			return 0;
	return 1;
}

/* mkdir -p of path with mode 0700 for what it makes. */
static int make_dirs(char *path)
{
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = 0;
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = c;
			return -1;
		}
		*p = c;
		if (!c)
			return 0;
	}
}

static char *state_dir(void)
{
	const char *env = getenv("NSEARCH_STATE"), *base;
	char *out;

	if (env && *env)
		return strdup(env);
	env = getenv("XDG_STATE_HOME");
	if (env && env[0] == '/')	/* the spec: relative paths are ignored */
		return ns_path_join(env, "nsearch");
	base = getenv("HOME");
	if (!base || !*base)
		return NULL;
	out = malloc(strlen(base) + sizeof("/.local/state/nsearch"));
	if (out)
		sprintf(out, "%s/.local/state/nsearch", base);
	return out;
}

/* One index of the set: its absolute path and where it was given. */
struct given {
	char *abs;
	size_t i;
};

static int by_path(const void *x, const void *y)
{
	return strcmp(((const struct given *)x)->abs, ((const struct given *)y)->abs);
}

/* The indexes' absolute paths, sorted, into a->slot; key gets them joined
 * by '\n' (hashed: no path holds a newline that realpath() keeps apart),
 * a->index by ':', and name the readable part of the file name. */
static int resolve_set(struct ns_alerts *a, const char *const *dirs, size_t n, struct ns_buf *key,
		       struct ns_buf *shown, char *name, size_t name_len, char *msg, size_t msglen)
{
	struct given *g = calloc(n, sizeof(*g));
	char abs[PATH_MAX];
	size_t at = 0;
	int rc = NS_OK;

	a->slot = calloc(n, sizeof(*a->slot));
	if (!g || !a->slot) {
		free(g);
		return NS_ERR_NOMEM;
	}
	for (size_t i = 0; i < n && rc == NS_OK; i++) {
		if (!realpath(dirs[i], abs)) {
			ns_msgf(msg, msglen, "%s: %s", dirs[i], strerror(errno));
			rc = NS_ERR_IO;
		} else if (!(g[i].abs = strdup(abs))) {
			rc = NS_ERR_NOMEM;
		}
		g[i].i = i;
	}
	if (rc == NS_OK)
		qsort(g, n, sizeof(*g), by_path);
	for (size_t k = 0; k < n && rc == NS_OK; k++) {
		const char *base = strrchr(g[k].abs, '/');
		size_t len;
		if (k > 0 && strcmp(g[k].abs, g[k - 1].abs) == 0) {
			ns_msgf(msg, msglen, "'%s' is given twice: give it once", g[k].abs);
			rc = NS_ERR_USAGE;
			break;
		}
		a->slot[g[k].i] = k;
		if (k) {
			ns_buf_putc(key, '\n');
			ns_buf_putc(shown, ':');
		}
		ns_buf_puts(key, g[k].abs);
		ns_buf_puts(shown, g[k].abs);
		base = base && base[1] ? base + 1 : "root";
		len = strlen(base);
		if (k && at + 1 < name_len)
			name[at++] = '+';
		if (len > name_len - 1 - at)
			len = name_len - 1 - at;
		memcpy(name + at, base, len);
		at += len;
		name[at] = 0;
	}
	for (size_t i = 0; i < n; i++)
		free(g[i].abs);
	free(g);
	if (rc == NS_OK && (key->err || shown->err))
		rc = NS_ERR_NOMEM;
	return rc;
}

int ns_alerts_open(const char *const *index_dirs, size_t n, struct ns_alerts **out, char *msg,
		   size_t msglen)
{
	struct ns_alerts *a = calloc(1, sizeof(*a));
	struct ns_buf key = NS_BUF_INIT, shown = NS_BUF_INIT;
	char base[41] = "", name[96];
	int rc;

	*out = NULL;
	if (!a)
		return NS_ERR_NOMEM;
	a->lock_fd = -1;
	if (n == 0 || n > NS_ALERTS_MAX_INDEXES) {
		ns_msgf(msg, msglen, "saved searches are for 1 to %d indexes, not %zu",
			NS_ALERTS_MAX_INDEXES, n);
		free(a);
		return NS_ERR_USAGE;
	}
	a->n_idx = n;
	rc = resolve_set(a, index_dirs, n, &key, &shown, base, sizeof(base), msg, msglen);
	if (rc == NS_OK) {
		a->index = ns_buf_cstr(&shown) ? (char *)ns_buf_detach(&shown, NULL) : NULL;
		if (!a->index)
			rc = NS_ERR_NOMEM;
	}
	if (rc == NS_OK && !(a->dir = state_dir())) {
		ns_msgf(msg, msglen, "%s", "no state directory: set HOME or NSEARCH_STATE");
		rc = NS_ERR_IO;
	}
	if (rc != NS_OK) {
		if (rc == NS_ERR_NOMEM)
			ns_msgf(msg, msglen, "%s", "out of memory");
		ns_buf_release(&key);
		ns_buf_release(&shown);
		ns_alerts_close(a);
		return rc;
	}
	/* a readable name, and a hash of the whole path (of the sorted
	 * paths) to tell apart two indexes of the same name */
	snprintf(name, sizeof(name), "%s-%016llx.saved", base,
		 (unsigned long long)ns_fmt_id_hash((const char *)key.data, key.len));
	ns_buf_release(&key);
	ns_buf_release(&shown);
	for (char *p = name; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = '_';
	a->path = ns_path_join(a->dir, name);
	a->lock_path = a->path ? malloc(strlen(a->path) + 6) : NULL;
	if (!a->lock_path) {
		ns_alerts_close(a);
		return NS_ERR_NOMEM;
	}
	sprintf(a->lock_path, "%s.lock", a->path);
	if (make_dirs(a->dir) != 0) {
		ns_msgf(msg, msglen, "cannot make the state directory '%s': %s", a->dir,
			strerror(errno));
		ns_alerts_close(a);
		return NS_ERR_IO;
	}
	*out = a;
	return NS_OK;
}

size_t ns_alerts_n_indexes(const struct ns_alerts *a)
{
	return a->n_idx;
}

size_t ns_alerts_slot(const struct ns_alerts *a, size_t i)
{
	return a->slot[i];
}

const char *ns_alerts_path(const struct ns_alerts *a)
{
	return a->path;
}

/* ---- reading ---- */

/* Splits line (modified in place) at tabs, unescaping each field. */
static size_t split_fields(char *line, char **field, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (n < max) {
		char *w = p, *start = p;
		while (*p && *p != '\t') {
			if (*p == '\\' && p[1]) {
				p++;
				*w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
				p++;
			} else {
				*w++ = *p++;
			}
		}
		int end = *p == 0;
		*w = 0;
		field[n++] = start;
		if (end)
			break;
		p++;
	}
	return n;
}

/* "-", or one IDENTITY:GENERATION per index of the set, comma-separated,
 * into marks (n of them). */
static int parse_mark(const char *s, struct ns_alert_mark *marks, size_t n, int *has_mark)
{
	*has_mark = 0;
	if (strcmp(s, "-") == 0)
		return 0;
	for (size_t k = 0; k < n; k++) {
		unsigned long long id, gen;
		int used = 0;
		if (sscanf(s, "%llx:%llu%n", &id, &gen, &used) != 2 || used == 0)
			return -1;
		marks[k].identity = id;
		marks[k].generation = gen;
		s += used;
		if (*s != (k + 1 < n ? ',' : 0))
			return -1;
		s++;
	}
	*has_mark = 1;
	return 0;
}

#define MAX_FIELDS 1024

static int parse_line(struct ns_alerts *a, char *line, char **field)
{
	size_t n = split_fields(line, field, MAX_FIELDS);
	struct ns_alert_mark *marks = calloc(a->n_idx, sizeof(*marks));
	int has_mark, rc;
	char *end;
	unsigned long n_opts;

	if (!marks)
		return NS_ERR_NOMEM;
	rc = NS_ERR_CORRUPT;
	if (n < 3 || !ns_alerts_name_ok(field[0]) ||
	    parse_mark(field[1], marks, a->n_idx, &has_mark) != 0)
		goto out;
	n_opts = strtoul(field[2], &end, 10);
	if (*end || end == field[2] || n_opts > n - 3)
		goto out;
	rc = ns_alerts_put(a, field[0], field + 3, n_opts, field + 3 + n_opts, n - 3 - n_opts);
	if (rc == NS_OK && has_mark)
		rc = ns_alerts_set_mark(a, field[0], marks);
out:
	free(marks);
	return rc;
}

static int read_state(struct ns_alerts *a, char *msg, size_t msglen)
{
	FILE *f = fopen(a->path, "r");
	char *line = NULL, **field = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int rc = NS_OK;

	for (size_t i = 0; i < a->n; i++)
		saved_release(&a->s[i]);
	a->n = 0;
	if (!f) {
		if (errno == ENOENT)
			return NS_OK;
		ns_msgf(msg, msglen, "%s: %s", a->path, strerror(errno));
		return NS_ERR_IO;
	}
	field = calloc(MAX_FIELDS, sizeof(*field));
	if (!field)
		rc = NS_ERR_NOMEM;
	while (rc == NS_OK && (len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = 0;
		if (lineno == 1) {
			if (strncmp(line, MAGIC_LINE "\t", sizeof(MAGIC_LINE)) != 0)
				rc = NS_ERR_CORRUPT;
			continue;
		}
		rc = parse_line(a, line, field);
	}
	if (rc == NS_OK && ferror(f))
		rc = NS_ERR_IO;
	if (rc == NS_ERR_CORRUPT)
		ns_msgf(msg, msglen, "%s:%zu: not a line of saved searches", a->path, lineno);
	else if (rc != NS_OK)
		ns_msgf(msg, msglen, "%s: %s", a->path,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	free(line);
	free(field);
	fclose(f);
	return rc;
}

int ns_alerts_lock(struct ns_alerts *a, char *msg, size_t msglen)
{
	if (a->lock_fd < 0) {
		a->lock_fd = open(a->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (a->lock_fd < 0) {
			ns_msgf(msg, msglen, "%s: %s", a->lock_path, strerror(errno));
			return NS_ERR_IO;
		}
		while (flock(a->lock_fd, LOCK_EX) != 0) {
			if (errno != EINTR) {
				ns_msgf(msg, msglen, "%s: %s", a->lock_path, strerror(errno));
				return NS_ERR_IO;
			}
		}
	}
	return read_state(a, msg, msglen);
}

/* ---- changes ---- */

const struct ns_saved *ns_alerts_list(const struct ns_alerts *a, size_t *n)
{
	*n = a->n;
	return a->s;
}

static struct ns_saved *find(const struct ns_alerts *a, const char *name, size_t *at)
{
	size_t i = 0;

	while (i < a->n && strcmp(a->s[i].name, name) < 0)
		i++;
	if (at)
		*at = i;
	return i < a->n && strcmp(a->s[i].name, name) == 0 ? &a->s[i] : NULL;
}

const struct ns_saved *ns_alerts_find(const struct ns_alerts *a, const char *name)
{
	return find(a, name, NULL);
}

int ns_alerts_put(struct ns_alerts *a, const char *name, char *const *opts, size_t n_opts,
		  char *const *words, size_t n_words)
{
	struct ns_saved v, *old;
	size_t at;

	memset(&v, 0, sizeof(v));
	v.name = strdup(name);
	v.args = calloc(n_opts + n_words + 1, sizeof(*v.args));
	if (!v.name || !v.args)
		goto nomem;
	for (size_t i = 0; i < n_opts + n_words; i++) {
		v.args[i] = strdup(i < n_opts ? opts[i] : words[i - n_opts]);
		if (!v.args[i])
			goto nomem;
		v.n_args++;
	}
	v.n_opts = n_opts;
	old = find(a, name, &at);
	if (old) {
		saved_release(old);
		*old = v;
		return NS_OK;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		struct ns_saved *s = realloc(a->s, cap * sizeof(*s));
		if (!s)
			goto nomem;
		a->s = s;
		a->cap = cap;
	}
	memmove(&a->s[at + 1], &a->s[at], (a->n - at) * sizeof(*a->s));
	a->s[at] = v;
	a->n++;
	return NS_OK;
nomem:
	saved_release(&v);
	return NS_ERR_NOMEM;
}

int ns_alerts_forget(struct ns_alerts *a, const char *name)
{
	size_t at;
	struct ns_saved *v = find(a, name, &at);

	if (!v)
		return NS_DONE;
	saved_release(v);
	memmove(&a->s[at], &a->s[at + 1], (a->n - at - 1) * sizeof(*a->s));
	a->n--;
	return NS_OK;
}

int ns_alerts_set_mark(struct ns_alerts *a, const char *name, const struct ns_alert_mark *marks)
{
	struct ns_saved *v = find(a, name, NULL);

	if (!v)
		return NS_DONE;
	if (!v->marks && !(v->marks = calloc(a->n_idx, sizeof(*v->marks))))
		return NS_ERR_NOMEM;
	memcpy(v->marks, marks, a->n_idx * sizeof(*marks));
	v->n_marks = a->n_idx;
	v->has_mark = 1;
	return NS_OK;
}

/* ---- writing ---- */

static void put_field(struct ns_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			ns_buf_puts(b, "\\t");
		else if (*s == '\n')
			ns_buf_puts(b, "\\n");
		else if (*s == '\\')
			ns_buf_puts(b, "\\\\");
		else
			ns_buf_putc(b, (uint8_t)*s);
	}
}

int ns_alerts_commit(struct ns_alerts *a, char *msg, size_t msglen)
{
	struct ns_buf b = NS_BUF_INIT;
	struct ns_wfile w;
	char num[64];
	int rc;

	ns_buf_puts(&b, MAGIC_LINE "\t");
	put_field(&b, a->index);
	ns_buf_putc(&b, '\n');
	for (size_t i = 0; i < a->n; i++) {
		const struct ns_saved *v = &a->s[i];
		put_field(&b, v->name);
		ns_buf_putc(&b, '\t');
		for (size_t k = 0; v->has_mark && k < v->n_marks; k++) {
			snprintf(num, sizeof(num), "%s%016llx:%llu", k ? "," : "",
				 (unsigned long long)v->marks[k].identity,
				 (unsigned long long)v->marks[k].generation);
			ns_buf_puts(&b, num);
		}
		snprintf(num, sizeof(num), "%s\t%zu", v->has_mark ? "" : "-", v->n_opts);
		ns_buf_puts(&b, num);
		for (size_t k = 0; k < v->n_args; k++) {
			ns_buf_putc(&b, '\t');
			put_field(&b, v->args[k]);
		}
		ns_buf_putc(&b, '\n');
	}
	if (b.err) {
		ns_buf_release(&b);
		return NS_ERR_NOMEM;
	}
	rc = ns_wfile_create(&w, a->path);
	if (rc == NS_OK) {
		ns_wfile_write(&w, b.data, b.len);
		rc = ns_wfile_commit(&w);
	}
	if (rc == NS_OK)
		rc = ns_fsync_dir(a->dir);
	if (rc != NS_OK)
		ns_msgf(msg, msglen, "cannot write '%s': %s", a->path,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
	ns_buf_release(&b);
	return rc;
}

void ns_alerts_close(struct ns_alerts *a)
{
	if (!a)
		return;
	if (a->lock_fd >= 0)
		close(a->lock_fd);	/* releases the flock */
	for (size_t i = 0; i < a->n; i++)
		saved_release(&a->s[i]);
	free(a->s);
	free(a->index);
	free(a->slot);
	free(a->dir);
	free(a->path);
	free(a->lock_path);
	free(a);
}
