/* SPDX-License-Identifier: MIT */
/* postpipe.h -- hand merged postings to the segment writer on a second thread.
 *
 * The end of a build merges the inverters' runs term by term (runs.h) and
 * writes each term's postings into the segment (segwriter.h): decoding and
 * merging the runs is about half of that work, encoding the postings
 * blocks the other half.  A pipe splits them over two cores: the merging
 * thread records the writer's calls (term begin, documents with their
 * positions, term end) in a batch, and a writer thread replays batch after
 * batch into the segment writer, while the next batch is being filled.
 * The writer sees the same calls in the same order, so the segment is
 * byte for byte the one a direct merge writes.
 *
 * Between ns_postpipe_new() and ns_postpipe_finish() the segment writer
 * belongs to the writer thread: the caller must not touch it.
 */
#ifndef NS_POSTPIPE_H
#define NS_POSTPIPE_H

#include <stddef.h>
#include <stdint.h>

#include "segwriter.h"

struct ns_postpipe;

/* Starts the writer thread for w.  NS_OK, NS_ERR_NOMEM, NS_ERR_IO (no
 * thread: the caller writes directly). */
int ns_postpipe_new(struct ns_segw *w, struct ns_postpipe **out);

/* The calls of segwriter.h, recorded for the writer thread.  Each returns
 * NS_OK, NS_ERR_NOMEM, or the first error the writer met (sticky: the
 * caller stops merging). */
int ns_postpipe_term_begin(struct ns_postpipe *p, const char *term, size_t term_len);
int ns_postpipe_term_doc(struct ns_postpipe *p, uint32_t docid, const uint32_t *pos,
			 uint32_t tf);
int ns_postpipe_term_end(struct ns_postpipe *p);

/* Hands over what is recorded, waits until the writer has replayed it all
 * and stops the thread: then the caller has the segment writer back.
 * Returns the first error of either side. */
int ns_postpipe_finish(struct ns_postpipe *p);

/* Stops the thread (when running: what is recorded is dropped) and frees;
 * NULL is fine. */
void ns_postpipe_free(struct ns_postpipe *p);

#endif /* NS_POSTPIPE_H */
