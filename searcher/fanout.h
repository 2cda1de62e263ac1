/* SPDX-License-Identifier: MIT */
/* fanout.h -- the segments of several indexes searched in threads.
 *
 * When several indexes are searched as one (pieces.h), their segments are
 * cut into contiguous runs of about equal document counts and each run is
 * searched on its own thread with its own copy of the query's scratch
 * space and its own top k; the runs' top k are then merged.  Each run's
 * top k is exact for its documents and the heap orders hits totally
 * (key, then lower global docid), so the merge is the top k a single
 * thread finds: same hits, scores and order.  Counts and work counters
 * are summed.
 *
 * Threads cost about as much to start as a small query takes, and each
 * thread's top k prunes less than one top k over everything, so they are
 * used only when the query's postings (the sum of its terms' global
 * document frequencies) reach NS_FANOUT_MIN_POSTINGS.  Measured with
 * bench/shards.py (200,000 articles in 4 shards, 2 cores shared with other
 * jobs, two runs): below 200,000 postings two threads were 1.2-1.7x
 * slower than one at the median; from 200,000 to 500,000 1.05x and 1.36x
 * slower; above, the CPU time of two threads was only 4% more than one's
 * (a 10-word OR, 833,000 postings: 15.0 ms against 14.4 ms), so with a
 * free core the wall time nearly halves.  On that loaded machine no size
 * ran faster in wall time; hence threads only from 500,000 postings.
 * NSEARCH_THREADS=N in the environment overrides the choice: 1 never fans
 * out, N > 1 always uses up to N threads when there are two segments or
 * more (tests use it).
 */
#ifndef NS_FANOUT_H
#define NS_FANOUT_H

#include <stdint.h>

#include "match_int.h"
#include "rank.h"

/* Below this many postings over all of a query's terms, one thread. */
#define NS_FANOUT_MIN_POSTINGS 500000

/* Threads at most (further bounded by the processors online). */
#define NS_FANOUT_MAX_THREADS 16

/* Runs m over all its index's segments in threads if that pays, setting
 * *fanned; otherwise sets *fanned to 0 and does nothing (the caller runs
 * the segments itself).  Results as ns_match_run_segments() over every
 * segment: hits into top, matches added to *count, work to m->st.
 * NS_OK or the first error of a thread (NS_ERR_NOMEM, NS_ERR_CORRUPT). */
int ns_fanout_run(struct ns_match *m, const struct ns_run_shape *sh, struct ns_topk *top,
		  uint64_t *count, int *fanned);

#endif /* NS_FANOUT_H */
