/* SPDX-License-Identifier: MIT */
/* alerts.h -- saved searches and their "new since" marks, kept outside the
 * index.
 *
 * nsearch never writes into an index directory (it may be read-only), so
 * the saved searches of an index live in a state file of the user's:
 *   $NSEARCH_STATE/            when set, else
 *   $XDG_STATE_HOME/nsearch/   else ~/.local/state/nsearch/
 * named after the index's absolute path (its last component and a hash of
 * the whole), "<name>-<hash>.saved", with "<...>.lock" beside it.
 *
 * The file is text, one line per saved search, fields separated by tabs
 * (a tab, newline or backslash inside a field is written \t, \n, \\):
 *   nsearch-saved 1 <TAB> index path              (first line)
 *   NAME  MARK  N_OPTS  ARG...
 * MARK is "-" (never run with --new) or IDENTITY:GENERATION (hex, decimal):
 * the index identity and generation the last successful --new run saw
 * (arrival.h).  The ARGs are the search's command-line options (N_OPTS of
 * them), then its query words.
 *
 * Every change rewrites the file atomically (a temporary file, fsync,
 * rename, fsync of the directory) while holding the lock (flock(2)), and a
 * --new run holds the lock from reading its mark until it was moved, so two
 * runs at once report each article once.
 */
#ifndef NS_ALERTS_H
#define NS_ALERTS_H

#include <stddef.h>
#include <stdint.h>

/* One saved search. */
struct ns_saved {
	char *name;		/* [A-Za-z0-9_.-]+, not starting with '-' or '.' */
	int has_mark;		/* --new ran and moved the mark */
	uint64_t identity;	/* the mark: index identity ... */
	uint64_t generation;	/* ... and generation seen */
	char **args;		/* options, then query words (NULL-terminated) */
	size_t n_opts;		/* of args, options */
	size_t n_args;
};

struct ns_alerts;

/* Finds the state file of the index in index_dir (not created yet).
 * NS_OK; NS_ERR_IO (the state directory cannot be made, a broken file),
 * NS_ERR_NOMEM; msg says why. */
int ns_alerts_open(const char *index_dir, struct ns_alerts **out, char *msg, size_t msglen);

/* Takes the lock (waits for another nsearch holding it) and reads the
 * saved searches.  NS_OK, NS_ERR_IO or NS_ERR_CORRUPT with msg. */
int ns_alerts_lock(struct ns_alerts *a, char *msg, size_t msglen);

/* The path of the state file (for messages). */
const char *ns_alerts_path(const struct ns_alerts *a);

/* The saved searches, in name order. */
const struct ns_saved *ns_alerts_list(const struct ns_alerts *a, size_t *n);

/* The saved search name, or NULL. */
const struct ns_saved *ns_alerts_find(const struct ns_alerts *a, const char *name);

/* Whether name is a valid saved-search name. */
int ns_alerts_name_ok(const char *name);

/* Saves (or replaces, keeping no mark) name with n_opts options and
 * n_words query words.  NS_OK, NS_ERR_NOMEM. */
int ns_alerts_put(struct ns_alerts *a, const char *name, char *const *opts, size_t n_opts,
		  char *const *words, size_t n_words);

/* Removes name: NS_OK, NS_DONE when there is none. */
int ns_alerts_forget(struct ns_alerts *a, const char *name);

/* Moves name's mark.  NS_OK, NS_DONE when there is no such search. */
int ns_alerts_set_mark(struct ns_alerts *a, const char *name, uint64_t identity,
		       uint64_t generation);

/* Writes the saved searches atomically.  NS_OK or NS_ERR_IO (errno). */
int ns_alerts_commit(struct ns_alerts *a, char *msg, size_t msglen);

/* Releases the lock and frees a (NULL-safe). */
void ns_alerts_close(struct ns_alerts *a);

#endif /* NS_ALERTS_H */
