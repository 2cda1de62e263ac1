/* SPDX-License-Identifier: MIT */
/* arrival.h -- in which publish (generation) each document arrived, and
 * the identity of an index.
 *
 * Every publish of nindex has a generation (MANIFEST).  A document arrives
 * in the generation that indexed it (an article replaced by a newer
 * version is a new document, arriving later).  A segment's arrivals are
 * runs: documents 0..count-1 arrived in generation gen, the next count2
 * in gen2, and so on.  A segment written by one publish is one run; a
 * merge concatenates the live documents of its inputs in order (format.h,
 * I3), so its runs are the inputs' runs less the deleted documents, and
 * stay as few as the publishes that brought the documents.  "What arrived
 * after generation G" then needs no look at any document: a segment whose
 * newest run is not after G is skipped whole, and in the others only the
 * runs after G are walked.
 *
 * The index identity is a random 64-bit number made when an index is
 * created or rebuilt with --full: generations of two identities are not
 * comparable (nsearch --new says so instead of mis-reporting).
 */
#ifndef NS_ARRIVAL_H
#define NS_ARRIVAL_H

#include <stddef.h>
#include <stdint.h>

struct ns_buf;

/* count documents in a row arrived in generation gen. */
struct ns_arrival_run {
	uint64_t gen;
	uint32_t count;
};

/* A growable list of runs (a segment's arrivals, docid order). */
struct ns_arrivals {
	struct ns_arrival_run *run;	/* malloc'd */
	uint32_t n;
	uint32_t cap;
};

/* Appends count documents of generation gen, joining the last run when
 * it has the same generation (count 0 adds nothing).  NS_OK or
 * NS_ERR_NOMEM. */
int ns_arrivals_add(struct ns_arrivals *a, uint64_t gen, uint32_t count);
void ns_arrivals_release(struct ns_arrivals *a);

/* The arrivals of a merge's output: each input i (n_in of them, in merge
 * order) with its runs in[i][0..n_run[i]) and its map remap[i] (old docid
 * -> new, UINT32_MAX for a document left out), as indexer/merge.c made
 * it.  The new docids must be consecutive in input order (they are).
 * NS_OK, NS_ERR_NOMEM. */
int ns_arrivals_merge(const struct ns_arrival_run *const *in, const uint32_t *n_run,
		      const uint32_t *const *remap, size_t n_in, struct ns_arrivals *out);

/* The newest generation of the runs (0 when none). */
uint64_t ns_arrivals_max(const struct ns_arrival_run *run, uint32_t n);

/* The first docid >= from whose arrival is after gen, or UINT32_MAX when
 * none is. */
uint32_t ns_arrivals_next_after(const struct ns_arrival_run *run, uint32_t n, uint64_t gen,
				uint32_t from);

/* MANIFEST encoding (format.h): n_runs:varint then (gen:varint
 * count:varint) per run. */
void ns_arrivals_put(struct ns_buf *b, const struct ns_arrival_run *run, uint32_t n);

/* Decodes the runs at *p (moved past them, never beyond end) into a
 * malloc'd array *out of *n runs; they must cover exactly n_docs documents
 * with generations 1..max_gen, no run empty.  NS_OK, NS_ERR_CORRUPT,
 * NS_ERR_NOMEM. */
int ns_arrivals_get(const uint8_t **p, const uint8_t *end, uint32_t n_docs, uint64_t max_gen,
		    struct ns_arrival_run **out, uint32_t *n);

/* A new random index identity, never 0 (getrandom(2), else time and pid). */
uint64_t ns_index_identity_new(void);

#endif /* NS_ARRIVAL_H */
