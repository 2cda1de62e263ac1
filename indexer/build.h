/* SPDX-License-Identifier: MIT */
/* build.h -- bring an index up to date with its sources and publish it
 * atomically.
 *
 * One update: take the index lock, list the source files and compare each
 * with what the index remembers of it (format.h, files section: size and
 * mtime, confirmed by a content hash); read only the new and changed files
 * (of a JSON Lines file that only grew, only the new lines) into one new
 * segment; mark as deleted the articles of removed and changed files and
 * the older copies of articles that came again with the same id (the
 * newest wins); merge segments as the policy of merge.h says; write the
 * deletion bitmaps; then publish a MANIFEST naming all of it, and remove
 * the files no MANIFEST names any more.  Until the publish, readers keep
 * seeing the previous index; a crash leaves it intact, and the next run
 * redoes the update (format.h, invariants I1, I2, I9).
 *
 * The first run on an empty directory is the same code with nothing to
 * compare: every file is new.
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
	uint64_t max_article_bytes;	/* article size limit (corpus.h); 0 =
					 * memory_bytes / 16, within 64K..64M */
	int wait;			/* block until the lock is free (else
					 * NS_ERR_LIMIT at once) */
	int compact;			/* merge everything into one segment; with
					 * no sources given, read none */
	int full;			/* read every file again, as if the index
					 * were empty */
	int lock_held;			/* the caller holds INDEX_DIR/LOCK already
					 * (libnsearch's ns_writer) */
	int stdin_fd;			/* the source "-" reads this descriptor
					 * (0: standard input) */
};

struct ns_build_stats {
	uint64_t n_docs;		/* articles indexed by this run */
	uint64_t n_added;		/* ... of which new ids */
	uint64_t n_updated;		/* ... replacing a live article (same id) */
	uint64_t n_deleted;		/* live articles removed, not replaced */
	uint64_t n_unchanged;		/* live articles kept as they were */
	uint64_t n_files;		/* files read */
	uint64_t n_files_unchanged;	/* files not read: unchanged */
	uint64_t n_skipped;		/* files skipped */
	uint64_t n_bad_lines;		/* malformed or over-long JSON lines skipped */
	uint64_t n_cut;			/* plain-text articles cut to the size limit */
	uint64_t n_duplicates;		/* articles replaced within this run */
	uint64_t n_bytes;		/* input bytes (uncompressed) */
	uint64_t n_tokens;		/* words indexed */
	uint32_t n_runs;		/* runs spilled to disk */
	uint64_t bytes_total;		/* bytes of files to read, known up front */
	uint64_t bytes_done;		/* ... read so far */
	uint32_t n_merged;		/* segments merged away */
	uint32_t n_segments;		/* segments of the published index */
	uint64_t index_bytes;		/* size of the published index's segments */
	uint64_t generation;		/* of the published MANIFEST */
	double seconds;
};

/* Receives problems with the input (skipped files, bad lines) and progress;
 * may be NULL. */
struct ns_build_hooks {
	void *ctx;
	void (*problem)(void *ctx, const char *where, const char *what);
	/* Called after every few thousand articles, after each file read,
	 * and once at the end (done = 1). */
	void (*progress)(void *ctx, const struct ns_build_stats *st, int done);
};

/* Updates the index.  Returns NS_OK; NS_ERR_LIMIT when another nindex holds
 * the lock (exit 75 for cron); NS_ERR_NOTFOUND for an unknown language or
 * no sources; NS_ERR_IO/NOMEM/CORRUPT with a message in msg.  On any error
 * the published index is the one from before. */
int ns_build(const struct ns_build_opts *o, const struct ns_build_hooks *hooks,
	     struct ns_build_stats *st, char *msg, size_t msglen);

#endif /* NS_BUILD_H */
