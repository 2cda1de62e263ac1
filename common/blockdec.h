/* SPDX-License-Identifier: MIT */
/* blockdec.h -- the arithmetic a postings cursor does on a block after the
 * codec (codec.h) has unpacked it: docids from their gaps, and term
 * frequencies from tf - 1 with their range checks (format.h, doc_block),
 * and where each document's positions start in the block's position run.
 *
 * Each has a portable C version and, where the compiler targets SSE2 (every
 * x86-64), a vector version that ns_blockdec_docids()/_tfs() use; both
 * give the same results and return values for every input, and the
 * portable ones stay exported so the unit tests compare them block width by
 * block width.
 */
#ifndef NS_BLOCKDEC_H
#define NS_BLOCKDEC_H

#include <stdint.h>

/* Docids from gaps: docs[i] = base + i + gaps[0] + ... + gaps[i] (kept to
 * 32 bits) for i < n.  Returns the last docid + 1 (base when n = 0)
 * computed without wrapping, so the caller checks it against the segment's
 * n_docs and a crafted gap cannot wrap a docid back into range. */
uint64_t ns_blockdec_docids(uint32_t *docs, const uint32_t *gaps, uint32_t n, uint64_t base);
uint64_t ns_blockdec_docids_portable(uint32_t *docs, const uint32_t *gaps, uint32_t n,
				     uint64_t base);

/* tfs[i] += 1 for i < n (they were stored as tf - 1).  Returns 1 when no
 * tf wrapped to 0 and, tts not NULL, tts[i] <= tfs[i] (the title
 * occurrences are part of tf); 0 otherwise, tfs then still incremented. */
int ns_blockdec_tfs(uint32_t *tfs, const uint32_t *tts, uint32_t n);
int ns_blockdec_tfs_portable(uint32_t *tfs, const uint32_t *tts, uint32_t n);

/* Where each document's positions start in the block's position run:
 * starts[i] = tfs[0] + ... + tfs[i - 1] (kept to 32 bits) for i <= n, so
 * starts[n] is the total.  Returns that total computed without wrapping,
 * for the caller to check against the run's size. */
uint64_t ns_blockdec_starts(uint32_t *starts, const uint32_t *tfs, uint32_t n);
uint64_t ns_blockdec_starts_portable(uint32_t *starts, const uint32_t *tfs, uint32_t n);

#endif /* NS_BLOCKDEC_H */
