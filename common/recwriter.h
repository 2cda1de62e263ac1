/* SPDX-License-Identifier: MIT */
/* recwriter.h -- write the records section of a document file (.nsd,
 * format.h): the body texts compressed (zstd, with a dictionary trained on
 * the first texts) in groups of consecutive documents, each group followed
 * by the records of its documents.
 *
 * Compressing the text is the indexer's largest single cost, so when the
 * machine has a second core a worker thread compresses and writes each
 * group while the caller goes on reading and inverting the next articles
 * (at most two groups are in flight: one being filled, one being written).
 * Until ns_recw_finish() the file belongs to the record writer.
 */
#ifndef NS_RECWRITER_H
#define NS_RECWRITER_H

#include <stddef.h>
#include <stdint.h>

#include "diskarr.h"
#include "fileio.h"

struct ns_recw;

/* Starts writing records to f (positioned just after the file's header:
 * record offsets count from there).  scratch_dir: where the table of record
 * offsets is kept (diskarr.h; borrowed, it must outlive r).  level: a zstd
 * level (1..19).  threaded: use
 * a worker thread (it is not used when only one core is online or a write
 * fault hook of fileio.h is set, which need one order of events).
 * NS_OK or NS_ERR_NOMEM. */
int ns_recw_new(struct ns_wfile *f, const char *scratch_dir, int level, int threaded,
		struct ns_recw **out);

/* Lets the writer hold the first NS_TEXTDICT_SAMPLE (16 MB) bytes of text
 * (plus their records, up to 4 MB of them) before it settles the
 * dictionary, so that a raw-content one (textdict.h) can be measured and
 * chosen: for callers whose memory budget has room for that, the sample
 * and some 50 MB of match tables.  Call before the first ns_recw_add(). */
void ns_recw_allow_raw_dict(struct ns_recw *r);

/* 1 when the next document added starts a new group (format.h: its
 * record is the group's first). */
int ns_recw_starts_group(const struct ns_recw *r);

/* Adds the next document (docids count from 0): head is its record body up
 * to and without text_len (format.h: id ... flags), text its body text.
 * Both are copied.  Errors (also those of earlier groups written by the
 * worker) are sticky: NS_ERR_NOMEM, NS_ERR_LIMIT (a text over 2 GiB),
 * NS_ERR_IO (the file's error). */
int ns_recw_add(struct ns_recw *r, const uint8_t *head, size_t head_len, const char *text,
		size_t text_len);

/* Writes what is left and waits for the worker.  *record_off receives the
 * table of each document's record offset (u64 entries; the caller releases
 * it with ns_diskarr_release()), *n their number.  Returns the first error
 * of the whole write.  Frees r. */
int ns_recw_finish(struct ns_recw *r, struct ns_diskarr *record_off, uint32_t *n);

/* Stops the worker and frees r (error paths); NULL is fine. */
void ns_recw_abort(struct ns_recw *r);

#endif /* NS_RECWRITER_H */
