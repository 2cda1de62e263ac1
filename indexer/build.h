/* SPDX-License-Identifier: MIT */
/* build.h -- build an index from sources and publish it atomically.
 *
 * One build: take the index lock, read the sources into one new segment
 * (inverting in memory, spilling sorted runs past the memory budget), write
 * the segment, then publish a MANIFEST naming it and remove the files no
 * MANIFEST names any more.  Until the publish, readers keep seeing the
 * previous index; a crash leaves it intact (format.h, invariants I1-I2).
 */
#ifndef NS_BUILD_H
#define NS_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct ns_build_opts {
	const char *index_dir;
	const char *const *sources;	/* NULL/0: the sources remembered in the index */
	size_t n_sources;
	const char *lang;		/* NULL: the index's, else english */
	uint64_t memory_bytes;		/* budget for in-memory inversion */
};

struct ns_build_stats {
	uint64_t n_docs;		/* articles indexed */
	uint64_t n_files;		/* files read */
	uint64_t n_skipped;		/* files skipped */
	uint64_t n_bad_lines;		/* malformed JSON lines skipped */
	uint64_t n_duplicates;		/* articles skipped for a repeated id */
	uint64_t n_bytes;		/* input bytes */
	uint64_t n_tokens;		/* words indexed */
	uint32_t n_runs;		/* runs spilled to disk */
	uint64_t index_bytes;		/* size of the new segment files */
	double seconds;
};

/* Receives problems with the input (skipped files, bad lines, repeated ids)
 * and progress; may be NULL. */
struct ns_build_hooks {
	void *ctx;
	void (*problem)(void *ctx, const char *where, const char *what);
	/* Called every few thousand articles and once at the end. */
	void (*progress)(void *ctx, const struct ns_build_stats *st, int done);
};

/* Builds the index.  Returns NS_OK; NS_ERR_LIMIT when another nindex holds
 * the lock (exit 75 for cron); NS_ERR_NOTFOUND for an unknown language or
 * no sources; NS_ERR_IO/NOMEM/CORRUPT with a message in msg. */
int ns_build(const struct ns_build_opts *o, const struct ns_build_hooks *hooks,
	     struct ns_build_stats *st, char *msg, size_t msglen);

#endif /* NS_BUILD_H */
