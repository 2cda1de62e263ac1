/* SPDX-License-Identifier: MIT */
/* watch.c -- inotify loop with a quiet period (watch.h). */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"

#define MASK (IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | \
	      IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)
#define LOOK_AGAIN_MS 1000	/* a vanished source is looked for this often */

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* One watched directory. */
struct wdir {
	int wd;
	int root;		/* index of the source it belongs to */
	char *only;		/* a file source: only events of this name */
};

/* One source as given. */
struct root {
	const char *path;
	int present;		/* watched now */
};

struct watch {
	const struct ns_watch_opts *o;
	int fd;
	char index_abs[PATH_MAX];
	struct wdir *dirs;
	size_t n_dirs, cap_dirs;
	struct root *roots;
	int dirty;		/* a change not yet indexed */
	struct timespec last;	/* when the last change was seen */
};

static double since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

__attribute__((format(printf, 2, 3))) static void note(struct watch *w, const char *fmt, ...)
{
	char msg[PATH_MAX + 128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (w->o->note)
		w->o->note(w->o->ctx, msg);
}

static int add_dir(struct watch *w, const char *path, int root, const char *only)
{
	char abs[PATH_MAX];
	int wd;

	if (realpath(path, abs) && strcmp(abs, w->index_abs) == 0)
		return 0;	/* our own writes must not wake us */
	wd = inotify_add_watch(w->fd, path, MASK | IN_ONLYDIR);
	if (wd < 0)
		return -1;
	for (size_t i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].wd == wd)
			return 0;	/* already watched (a second source under it) */
	if (w->n_dirs == w->cap_dirs) {
		size_t cap = w->cap_dirs ? w->cap_dirs * 2 : 16;
		struct wdir *d = realloc(w->dirs, cap * sizeof(*d));
		if (!d)
			return -1;
		w->dirs = d;
		w->cap_dirs = cap;
	}
	w->dirs[w->n_dirs].wd = wd;
	w->dirs[w->n_dirs].root = root;
	w->dirs[w->n_dirs].only = only ? strdup(only) : NULL;
	w->n_dirs++;
	return 0;
}

/* Watches dir and every directory under it. */
static void add_tree(struct watch *w, const char *dir, int root)
{
	DIR *d;
	struct dirent *e;

	if (add_dir(w, dir, root, NULL) != 0)
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char sub[PATH_MAX];
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name) >= (int)sizeof(sub))
			continue;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			add_tree(w, sub, root);
	}
	closedir(d);
}

/* Starts watching source r when it exists; returns whether it does. */
static int watch_root(struct watch *w, int r)
{
	const char *path = w->roots[r].path;
	struct stat st;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode)) {
		add_tree(w, path, r);
	} else {
		/* a file: its directory, for its name only (it may be
		 * replaced by a rename) */
		char dir[PATH_MAX];
		const char *slash = strrchr(path, '/');
		if (!slash)
			snprintf(dir, sizeof(dir), ".");
		else
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path) ? (int)(slash - path) : 1,
				 path);
		if (add_dir(w, dir, r, slash ? slash + 1 : path) != 0)
			return 0;
	}
	w->roots[r].present = 1;
	return 1;
}

static void forget_root(struct watch *w, int r)
{
	size_t k = 0;

	for (size_t i = 0; i < w->n_dirs; i++) {
		if (w->dirs[i].root == r) {
			inotify_rm_watch(w->fd, w->dirs[i].wd);
			free(w->dirs[i].only);
		} else {
			w->dirs[k++] = w->dirs[i];
		}
	}
	w->n_dirs = k;
	w->roots[r].present = 0;
}

static struct wdir *find_wd(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

static void changed(struct watch *w)
{
	w->dirty = 1;
	clock_gettime(CLOCK_MONOTONIC, &w->last);
}

/* Reads the pending events. */
static void read_events(struct watch *w)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t len = read(w->fd, buf, sizeof(buf));

	for (char *p = buf; len > 0 && p < buf + len;) {
		const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
		struct wdir *d = find_wd(w, ev->wd);
		p += sizeof(*ev) + ev->len;
		if (ev->mask & IN_Q_OVERFLOW) {
			changed(w);	/* events were lost: an update reads what changed */
			continue;
		}
		if (!d)
			continue;
		if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
			/* the root directory itself went away? */
			struct stat st;
			int r = d->root;
			if (stat(w->roots[r].path, &st) != 0) {
				forget_root(w, r);
				note(w, "source '%s' vanished; waiting for it", w->roots[r].path);
			}
			continue;
		}
		if (d->only && (ev->len == 0 || strcmp(ev->name, d->only) != 0))
			continue;
		if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR)) {
			/* a new directory: watch its source's tree again, the
			 * new one and what it already holds included */
			int r = d->root;
			forget_root(w, r);
			watch_root(w, r);
		}
		changed(w);
	}
}

int ns_watch_run(const struct ns_watch_opts *o, char *msg, size_t msglen)
{
	struct watch w;
	struct sigaction sa;
	size_t n = o->n_sources;

	memset(&w, 0, sizeof(w));
	w.o = o;
	if (!realpath(o->index_dir, w.index_abs))
		snprintf(w.index_abs, sizeof(w.index_abs), "%s", o->index_dir);
	w.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (w.fd < 0) {
		ns_msgf(msg, msglen, "cannot watch the sources: inotify: %s", strerror(errno));
		return -1;
	}
	w.roots = calloc(n + 1, sizeof(*w.roots));
	if (!w.roots) {
		close(w.fd);
		ns_msgf(msg, msglen, "out of memory");
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;	/* an update under way goes on */
	sigemptyset(&sa.sa_mask);
	stop_requested = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	for (size_t r = 0; r < n; r++) {
		w.roots[r].path = o->sources[r];
		if (!watch_root(&w, (int)r) && strcmp(o->sources[r], "-") != 0)
			note(&w, "source '%s' is not there; waiting for it", o->sources[r]);
	}
	o->update(o->ctx);	/* what changed before the watch began */
	while (!stop_requested) {
		struct pollfd pfd = { w.fd, POLLIN, 0 };
		int timeout = -1, missing = 0;
		for (size_t r = 0; r < n; r++)
			missing |= !w.roots[r].present && strcmp(w.roots[r].path, "-") != 0;
		if (w.dirty) {
			double left = o->settle_s - since(&w.last);
			timeout = left > 0 ? (int)(left * 1000) + 1 : 0;
		}
		if (missing && (timeout < 0 || timeout > LOOK_AGAIN_MS))
			timeout = LOOK_AGAIN_MS;
		if (poll(&pfd, 1, timeout) > 0)
			read_events(&w);
		if (stop_requested)
			break;
		for (size_t r = 0; missing && r < n; r++)
			if (!w.roots[r].present && strcmp(w.roots[r].path, "-") != 0 &&
			    watch_root(&w, (int)r)) {
				note(&w, "source '%s' is back", w.roots[r].path);
				changed(&w);
			}
		/* an update while a source is missing would fail (it cannot be
		 * read): it waits for the source */
		missing = 0;
		for (size_t r = 0; r < n; r++)
			missing |= !w.roots[r].present && strcmp(w.roots[r].path, "-") != 0;
		if (w.dirty && !missing && since(&w.last) >= o->settle_s) {
			w.dirty = 0;
			o->update(o->ctx);
		}
	}
	for (size_t i = 0; i < w.n_dirs; i++)
		free(w.dirs[i].only);
	free(w.dirs);
	free(w.roots);
	close(w.fd);
	return 0;
}
