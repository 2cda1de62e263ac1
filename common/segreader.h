/* SPDX-License-Identifier: MIT */
/* segreader.h -- read one segment: open it, its counts and deletions.
 *
 * The segment files are mapped read-only; everything handed out points into
 * the maps and stays valid until ns_segr_close().  Every byte is checked
 * before it is trusted: CRCs per dictionary block, per postings block (or
 * list of one block), per norms/doc-table chunk and per document record,
 * plus structural bounds, so a damaged segment gives NS_ERR_CORRUPT, never a
 * crash.
 *
 * The reader's parts, each with its contract: segdict.h (dictionary),
 * segdocs.h (norms, records, stored text, id index), segcols.h (day and
 * source columns), segpost.h (postings cursor).  This header includes them, so a caller needs this one.
 */
#ifndef NS_SEGREADER_H
#define NS_SEGREADER_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "manifest.h"

struct ns_segr;

#include "segcols.h"
#include "segdict.h"
#include "segdocs.h"
#include "segpost.h"

/* Opens segment info->id in dir and checks headers, trailers and the term
 * index.  On failure names the file and the problem in msg. */
int ns_segr_open(const char *dir, const struct ns_seginfo *info, struct ns_segr **out,
		 char *msg, size_t msglen);
void ns_segr_close(struct ns_segr *s);

/* Documents, deleted ones included (docids are 0..n_docs-1). */
uint32_t ns_segr_n_docs(const struct ns_segr *s);
/* Bytes of the segment's text dictionary (format.h .nsd dict; 0: none),
 * as its block header says (checked by ns_segr_check_text_dict()). */
uint32_t ns_segr_text_dict_len(const struct ns_segr *s);
uint32_t ns_segr_n_terms(const struct ns_segr *s);
/* Sum of the documents' lengths (deleted ones included). */
uint64_t ns_segr_n_tokens(const struct ns_segr *s);

/* ---- deletions (format.h, I7) ----
 * A segment opened with a deletion file (info->del_gen != 0) hides the
 * documents it marks from postings cursors opened with ns_post_open(). */
uint32_t ns_segr_n_deleted(const struct ns_segr *s);
/* The bitmap (deletes.h), NULL when nothing is deleted. */
const uint8_t *ns_segr_deleted(const struct ns_segr *s);
int ns_segr_is_deleted(const struct ns_segr *s, uint32_t docid);
/* Replaces the bitmap cursors use by bits (borrowed: it must outlive the
 * segment's use, NULL = none); the indexer does so to merge a segment with
 * the deletions of an update not yet published. */
void ns_segr_set_deleted(struct ns_segr *s, const uint8_t *bits);
/* Bytes of the two files, for statistics. */
void ns_segr_sizes(const struct ns_segr *s, uint64_t *nsp_bytes, uint64_t *nsd_bytes,
		   uint64_t *postings_bytes, uint64_t *dict_bytes);


#endif /* NS_SEGREADER_H */
