/* SPDX-License-Identifier: MIT */
/* alerts.h -- saved searches and their "new since" marks, kept outside the
 * index.
 *
 * nsearch never writes into an index directory (it may be read-only), so
 * the saved searches of an index live in a state file of the user's:
 *   $NSEARCH_STATE/            when set, else
 *   $XDG_STATE_HOME/nsearch/   else ~/.local/state/nsearch/
 * named after the index's absolute path (its last component and a hash of
 * the whole), "<name>-<hash>.saved", with "<...>.lock" beside it.  Several
 * indexes searched as one (nsearch -i A -i B) are one set of saved
 * searches, keyed by the set: their absolute paths sorted (the order given
 * does not matter), named "<name>+<name>...-<hash of the sorted paths>".
 *
 * The file is text, one line per saved search, fields separated by tabs
 * (a tab, newline or backslash inside a field is written \t, \n, \\):
 *   nsearch-saved 1 <TAB> index path              (first line)
 *   NAME  MARK  N_OPTS  ARG...
 * MARK is "-" (never run with --new) or IDENTITY:GENERATION (hex, decimal):
 * the index identity and generation the last successful --new run saw
 * (arrival.h); for a set of indexes, one IDENTITY:GENERATION per index in
 * the order of their sorted paths, separated by commas.  The ARGs are the search's command-line options (N_OPTS of
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

/* Where --new last stopped in one index. */
struct ns_alert_mark {
	uint64_t identity;	/* the index identity ... */
	uint64_t generation;	/* ... and the generation seen */
};

/* The most indexes one set of saved searches is for (pieces.h's limit). */
#define NS_ALERTS_MAX_INDEXES 4096

/* One saved search. */
struct ns_saved {
	char *name;		/* [A-Za-z0-9_.-]+, not starting with '-' or '.' */
	int has_mark;		/* --new ran and moved the mark */
	struct ns_alert_mark *marks;	/* then one per index, in slot order */
	size_t n_marks;
	char **args;		/* options, then query words (NULL-terminated) */
	size_t n_opts;		/* of args, options */
	size_t n_args;
};

struct ns_alerts;

/* Finds the state file of the n indexes in index_dirs searched as one (n
 * from 1 to NS_ALERTS_MAX_INDEXES; not created yet).  NS_OK; NS_ERR_IO (an
 * index path that does not resolve, the state directory cannot be made),
 * NS_ERR_USAGE (n out of range), NS_ERR_NOMEM; msg says why. */
int ns_alerts_open(const char *const *index_dirs, size_t n, struct ns_alerts **out, char *msg,
		   size_t msglen);

/* How many indexes a is for, and the position of index_dirs[i] among their
 * sorted paths: its slot in every mark. */
size_t ns_alerts_n_indexes(const struct ns_alerts *a);
size_t ns_alerts_slot(const struct ns_alerts *a, size_t i);

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

/* Moves name's mark to marks[0..ns_alerts_n_indexes(a)), in slot order.
 * NS_OK, NS_DONE when there is no such search, NS_ERR_NOMEM. */
int ns_alerts_set_mark(struct ns_alerts *a, const char *name, const struct ns_alert_mark *marks);

/* Writes the saved searches atomically.  NS_OK or NS_ERR_IO (errno). */
int ns_alerts_commit(struct ns_alerts *a, char *msg, size_t msglen);

/* Releases the lock and frees a (NULL-safe). */
void ns_alerts_close(struct ns_alerts *a);

#endif /* NS_ALERTS_H */
