/* SPDX-License-Identifier: MIT */
/* runs.h -- spill sorted runs of postings to disk and merge them.
 *
 * When the in-memory inverter outgrows the memory budget, its terms are
 * written in byte order to a run file (INDEX_DIR/run-<pid>-<n>.tmp) and
 * memory is freed.  At the end the runs are merged term by term into the
 * segment writer; because run n holds only documents indexed before those
 * of run n+1, a term's postings are the concatenation of its streams in run
 * order (ns_runs_merge2(): several lanes' runs interleave, so a term's
 * postings are merged by docid).  Run files are scratch: deleted after the
 * merge or on failure, and
 * as *.tmp any left by a crash are removed by the next nindex run.
 *
 *   run   := entry*
 *   entry := term_len:varint term df:varint stream_len:varint stream
 *            (stream as in invert.h)
 */
#ifndef NS_RUNS_H
#define NS_RUNS_H

#include <stdint.h>

#include "invert.h"
#include "segwriter.h"

struct ns_runs;

int ns_runs_new(const char *dir, struct ns_runs **out);
/* Deletes the run files and frees; NULL is fine. */
void ns_runs_free(struct ns_runs *r);

/* What the merge may hold (bytes, 0: not bounded): fewer runs are merged
 * at once, in more levels, when their streams of one term could outgrow
 * it. */
void ns_runs_set_budget(struct ns_runs *r, uint64_t bytes);

/* Drains inv into a new run file.  NS_OK, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_runs_spill(struct ns_runs *r, struct ns_invert *inv);
/* Runs spilled so far (including those a merge pass already combined). */
uint32_t ns_runs_count(const struct ns_runs *r);

/* Writes every term's postings into w: from the runs (if any) followed by
 * what inv still holds (drained).  NS_OK or the first error. */
int ns_runs_merge(struct ns_runs *r, struct ns_invert *inv, struct ns_segw *w);

/* The same for two lanes (ingest.c): (r, inv) and (r2, inv2) hold disjoint
 * sets of documents, each in increasing docid order; a term's postings are
 * merged by docid.  r2's runs move to r (r2 is left empty). */
int ns_runs_merge2(struct ns_runs *r, struct ns_invert *inv, struct ns_runs *r2,
		   struct ns_invert *inv2, struct ns_segw *w);

#endif /* NS_RUNS_H */
