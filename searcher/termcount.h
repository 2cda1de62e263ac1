/* SPDX-License-Identifier: MIT */
/* termcount.h -- how many matches of a query carry each field term.
 *
 * For counts by date over the matches (timeline.h, facet.h): the matches
 * become one byte map per segment, then, per segment, whichever read of
 * their dates costs less: the postings of every field term with a given
 * prefix (0x01 'm' for months, ...) walked against the map, a few bytes
 * per article of the segment (each dated article has exactly one year, one
 * month and one day term, fieldterm.h, so the counts are exact); or the
 * matches' 16-byte doc table entries, whose 64 KiB chunks are each checked
 * by CRC once: cheaper for few matches, or matches in few chunks.
 */
#ifndef NS_TERMCOUNT_H
#define NS_TERMCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "match.h"

/* The matches of a query, per segment. */
struct ns_matchset {
	uint8_t **in;		/* per segment: in[d] = 1 <=> d matches (NULL
				 * for a segment without matches); a byte per
				 * document: testing it is a third of the
				 * instructions of testing a bit */
	uint32_t **chunk_n;	/* per segment: matches per doc-table chunk */
	uint8_t *by_table;	/* per segment: 1 when its matches' dates are
				 * cheaper to read from the doc table than
				 * from the date terms (ns_termcount skips it) */
	uint32_t n_segs;
	uint64_t total;		/* matches */
};

/* Walks every match of m into *ms (release with ns_matchset_release()).
 * NS_OK, NS_ERR_NOMEM or an error of the walk. */
int ns_matchset_build(struct ns_index *idx, struct ns_match *m, struct ns_matchset *ms);
void ns_matchset_release(struct ns_matchset *ms);

/* Chooses, per segment, where the dates of ms are read (ms->by_table):
 * the date terms starting with prefix[0..prefix_len) (their number is
 * counted in the dictionary) cost a few instructions per document of the
 * segment and per term, the doc table a CRC over each chunk holding a
 * match (checked once per open index) and a lookup per match; the cheaper
 * is taken.  NS_OK or NS_ERR_CORRUPT. */
int ns_matchset_plan(struct ns_index *idx, struct ns_matchset *ms, const char *prefix,
		     size_t prefix_len);

/* The date key (seconds, or NS_DATE_NONE) of each match of the by_table
 * segments, read from the doc table, in docid order: fn(ctx, date_key)
 * per match; a non-zero return stops the walk and is returned.  NS_OK,
 * NS_ERR_CORRUPT or fn's value. */
typedef int (*ns_matchdate_fn)(void *ctx, int64_t date_key);
int ns_matchset_table_dates(struct ns_index *idx, const struct ns_matchset *ms,
			    ns_matchdate_fn fn, void *ctx);

/* Called per segment and term: term[0..len) (borrowed) starts with the
 * prefix and n of the matches carry it (n may be 0).  Non-zero stops. */
typedef int (*ns_termcount_fn)(void *ctx, const char *term, size_t len, uint64_t n);

/* Counts, in every segment not by_table, the matches of ms carrying each term >= from
 * that starts with prefix[0..prefix_len) and is <= upto[0..upto_len) (in
 * term order; upto NULL: no bound).  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM
 * or fn's value. */
int ns_termcount(struct ns_index *idx, const struct ns_matchset *ms, const char *prefix,
		 size_t prefix_len, const char *from, size_t from_len, const char *upto,
		 size_t upto_len, ns_termcount_fn fn, void *ctx);

#endif /* NS_TERMCOUNT_H */
