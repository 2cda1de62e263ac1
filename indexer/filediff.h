/* SPDX-License-Identifier: MIT */
/* filediff.h -- compare the listed source files with what the index
 * remembers of them, and decide what to read.
 *
 * The MANIFEST's files section (format.h) keeps, per source file, its
 * size and mtime, its content length and hash, where its complete lines
 * end, and the extents of the documents it gave.  A file whose size and
 * mtime are unchanged is not opened; else the content hash decides
 * between "only the mtime changed", "lines were appended" (JSON Lines,
 * not gzip: the old content is a prefix of the new) and "read it again".
 */
#ifndef NS_FILEDIFF_H
#define NS_FILEDIFF_H

#include <stdint.h>

#include "corpus.h"
#include "manifest.h"

/* What to do with a listed file: skip it (listed twice), keep it as it is
 * (NS_FILE_TOUCH: only its mtime changed), read what was appended, read it
 * whole, or read more of standard input (whose articles accumulate). */
enum ns_file_action {
	NS_FILE_SKIP,
	NS_FILE_UNCHANGED,
	NS_FILE_TOUCH,
	NS_FILE_APPEND,
	NS_FILE_READ,
	NS_FILE_MORE,
};

struct ns_file_plan {
	enum ns_file_action act;
	struct ns_filestate *old;	/* its state, or NULL (borrowed from the
					 * old MANIFEST) */
	uint64_t hash;			/* NS_FILE_TOUCH / NS_FILE_APPEND: content hash */
	uint64_t content_len;		/* ... and length, from the hash pass */
};

/* The state m remembers for the file (path, id), or NULL.  m->files must
 * be sorted by path, then id (as the MANIFEST keeps them). */
struct ns_filestate *ns_filediff_find_state(struct ns_manifest *m, const char *path,
					    const char *id);

/* Sets every plans[i].act (l->n of them) to NS_FILE_READ, except for a file
 * listed again (overlapping sources): it is read once, where the walk meets
 * it first, and its other listings get NS_FILE_SKIP.  NS_OK or
 * NS_ERR_NOMEM.  Not thread-safe (qsort without context). */
int ns_filediff_mark_repeats(const struct ns_file_list *l, struct ns_file_plan *plans);

/* Decides what to do with file f, whose state was o (or NULL); full: read
 * every file again.  Reads f's content through c to hash it when its size
 * or mtime changed.  Returns NS_OK (*p set; NS_FILE_READ also when f cannot
 * be read now: the read reports it), NS_ERR_IO (errno: reading failed
 * otherwise; the index must not change) or NS_ERR_NOMEM. */
int ns_filediff_decide(struct ns_corpus *c, const struct ns_source_file *f,
		       struct ns_filestate *o, int full, struct ns_file_plan *p);

/* Appends docids [first, first + count) of segment seg to f's extents,
 * extending the last extent when they follow it.  NS_OK or NS_ERR_NOMEM. */
int ns_filediff_add_extent(struct ns_filestate *f, uint32_t seg, uint32_t first, uint32_t count);

#endif /* NS_FILEDIFF_H */
