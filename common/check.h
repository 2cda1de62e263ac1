/* SPDX-License-Identifier: MIT */
/* check.h -- verify a whole index: every checksum and structural invariant
 * of format.h, reading every byte (nindex --check).
 *
 * Searches check lazily, only what a query touches; this walk checks
 * everything: the MANIFEST (head and files section), and per segment the
 * term index, every dictionary block and entry (term order, first terms),
 * every postings list (CRCs, docids increasing and below n_docs, df and cf
 * equal to what the postings hold, skip entries, position runs), norms and
 * their sums, every document record (CRC, fields, zlib stream with its
 * Adler-32), the doc table, the id index, the deletion bitmap and its
 * counts, the word forms file (chunk CRCs, order); then across the index: no id live twice (I8), file extents that
 * point inside segments without overlapping, every live document owned by
 * a file.
 */
#ifndef NS_CHECK_H
#define NS_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* Receives each problem: file is the index file's name ("MANIFEST",
 * "seg-00000003.nsp"), what a short description. */
typedef void (*ns_check_fn)(void *ctx, const char *file, const char *what);

struct ns_check_stats {
	uint64_t generation;
	uint32_t n_segments;
	uint64_t n_docs;	/* live documents */
	uint64_t n_deleted;
	uint64_t n_terms;	/* dictionary entries, all segments */
	uint64_t n_postings;	/* (term, document) pairs, all segments */
};

/* Checks the index in dir, reporting every problem found through report.
 * Returns NS_OK when the walk could be made (problems or not: count the
 * calls of report); NS_ERR_NOTFOUND when dir holds no index, NS_ERR_NOMEM,
 * NS_ERR_IO, with a message in msg.  st may be NULL. */
int ns_check_index(const char *dir, ns_check_fn report, void *ctx, struct ns_check_stats *st,
		   char *msg, size_t msglen);

#endif /* NS_CHECK_H */
