/* SPDX-License-Identifier: MIT */
/* match.h -- evaluate a parsed query over an index, document at a time.
 *
 * A query tree (query.h) is compiled once: words and phrases go through the
 * index's analyzer (a word that analyzes to several terms, "mar-a-lago",
 * becomes a phrase; one that analyzes to none matches nothing) and each
 * term gets its global idf.  Then each segment is walked with a tree of
 * cursors that all move forward only: AND leapfrogs from its rarest operand,
 * OR takes the smallest current document, NOT skips what its operand
 * matches, and phrases and NEAR/ADJ read positions only for documents that
 * passed the boolean check.
 *
 * Semantics of positions (format.h, I4): a phrase or NEAR never spans the
 * title/body boundary.  a NEAR/n b: some occurrence of each operand, at
 * distinct (non-overlapping) positions of one field, with
 *   max(start of an operand) - min(end of an operand) <= n
 * so adjacent words are 1 apart; for a phrase operand the distance counts
 * from its nearest end.  ADJ/n also requires the operands in query order.
 */
#ifndef NS_MATCH_H
#define NS_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "query.h"
#include "rank.h"

struct ns_match;

/* Compiles q for idx.  NS_OK; NS_ERR_QUERY with a message for a query the
 * index cannot answer; NS_ERR_CORRUPT; NS_ERR_NOMEM. */
int ns_match_compile(struct ns_index *idx, const struct ns_qnode *q, struct ns_match **out,
		     char *msg, size_t msglen);
void ns_match_free(struct ns_match *m);

/* Runs the query: fills top (its k best hits, BM25) unless top is NULL and
 * counts every match into *n_matches when it is not NULL.  With neither,
 * nothing runs.  NS_OK or an error (NS_ERR_CORRUPT names no file: the
 * caller knows the index). */
int ns_match_run(struct ns_match *m, struct ns_topk *top, uint64_t *n_matches);

/* Counters of the last run, for tests and --explain. */
struct ns_match_stats {
	uint64_t n_candidates;	/* documents where all boolean parts agreed */
	uint64_t n_position_checks;	/* of them, checked for positions */
	uint64_t n_matches;	/* documents that matched */
};
void ns_match_get_stats(const struct ns_match *m, struct ns_match_stats *st);

/* The distinct terms of the query (stemmed), for highlighting snippets:
 * *terms is an array of n NUL-terminated strings owned by m. */
void ns_match_terms(const struct ns_match *m, const char *const **terms, size_t *n);

#endif /* NS_MATCH_H */
