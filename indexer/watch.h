/* SPDX-License-Identifier: MIT */
/* watch.h -- run an update whenever the sources change (nindex --watch).
 *
 * The sources (directories, walked recursively, or single files) are
 * watched with inotify(7): files created, written, moved in or out,
 * deleted, and JSON Lines files growing.  Changes come in bursts (a copy
 * of many files, a writer appending line by line), so an update runs only
 * once no change was seen for a quiet period (settle): a copy of many
 * files is one publish.  Each update is an ordinary nindex run (build.h):
 * the same lock and the same atomic publish as a run from cron, so the two
 * can be mixed.
 *
 * A source that vanishes (its directory removed or moved away) is
 * reported and looked for again every second; when it is back, it is
 * watched again and an update runs.  SIGINT and SIGTERM end the watch
 * after the update under way, if any.  The index directory itself is never
 * watched (an update would wake the watch again).
 */
#ifndef NS_WATCH_H
#define NS_WATCH_H

#include <stddef.h>

/* Runs one update; returns 0 or non-zero (reported by it; the watch goes
 * on). */
typedef int (*ns_watch_update_fn)(void *ctx);

/* Reports a change in the watch itself ("source X vanished; waiting for
 * it", "source X is back"). */
typedef void (*ns_watch_note_fn)(void *ctx, const char *msg);

struct ns_watch_opts {
	const char *index_dir;		/* never watched */
	const char *const *sources;	/* absolute or relative paths */
	size_t n_sources;
	double settle_s;		/* quiet period before an update */
	ns_watch_update_fn update;
	ns_watch_note_fn note;
	void *ctx;
};

/* Watches until SIGINT or SIGTERM (installed here).  Returns 0, or -1 with
 * the reason in msg when inotify cannot be used at all. */
int ns_watch_run(const struct ns_watch_opts *o, char *msg, size_t msglen);

#endif /* NS_WATCH_H */
