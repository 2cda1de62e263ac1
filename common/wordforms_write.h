/* SPDX-License-Identifier: MIT */
/* wordforms_write.h -- write a segment's word forms file (.nsw, format.h).
 *
 * Forms are added in strictly increasing term order with their counts;
 * nothing is visible under the final name until ns_wfw_finish() succeeds
 * (the file is fsynced and renamed; the caller fsyncs the directory before
 * the MANIFEST that names the segment, I9).
 */
#ifndef NS_WORDFORMS_WRITE_H
#define NS_WORDFORMS_WRITE_H

#include <stddef.h>
#include <stdint.h>

struct ns_wfw;

/* Starts seg-<seg_id>.nsw in dir.  NS_OK, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_wfw_open(const char *dir, uint32_t seg_id, struct ns_wfw **out);

/* Adds the next form (1..NS_FMT_MAX_FORM_LEN bytes, after the one before
 * in term order) with cf >= df >= 1.  NS_ERR_USAGE for a form out of
 * order or out of bounds; other errors are sticky. */
int ns_wfw_add(struct ns_wfw *w, const char *form, size_t len, uint64_t cf, uint64_t df);

/* Writes the chunk table and trailer (n_docs: documents the counts
 * cover), fsyncs and renames, and frees w.  Returns the first error of
 * the whole write (then nothing is left behind). */
int ns_wfw_finish(struct ns_wfw *w, uint32_t n_docs);

/* Deletes the partial file and frees w; NULL is fine. */
void ns_wfw_abort(struct ns_wfw *w);

/* Writes seg-<out_id>.nsw as the sum of the forms files of segments
 * in_ids[0..n) (a merge of those segments, format.h: counts of deleted
 * documents included).  NS_OK, NS_ERR_CORRUPT, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_wfw_merge(const char *dir, const uint32_t *in_ids, size_t n, uint32_t out_id);

#endif /* NS_WORDFORMS_WRITE_H */
