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

#include "daterange.h"
#include "index.h"
#include "query.h"
#include "rank.h"

struct ns_match;

/* Order of the hits that ns_match_run() keeps. */
enum ns_sort {
	NS_SORT_SCORE = 0,	/* best BM25 score first */
	NS_SORT_DATE,		/* oldest first; undated articles last */
	NS_SORT_DATE_DESC,	/* newest first; undated articles last */
};

struct ns_match_opts {
	const struct ns_daterange *range;	/* AND-ed with the query, or NULL */
	enum ns_sort sort;
	size_t max_prefix_terms;	/* per prefix; 0 = NS_PREFIX_MAX_TERMS */
	uint64_t arrived_after;	/* only documents that arrived in a later
				 * generation (arrival.h); 0 = all.  Segments
				 * with nothing newer are skipped unread */
	/* Several indexes opened as one (pieces.h) count generations each
	 * their own: piece i's mark is piece_after[i] instead of
	 * arrived_after, unless it is NS_MATCH_AFTER_UNSET or i >=
	 * n_piece_after. */
	const uint64_t *piece_after;
	size_t n_piece_after;
};
#define NS_MATCH_AFTER_UNSET UINT64_MAX

/* Compiles q for idx.  NS_OK; NS_ERR_QUERY with a message for a query the
 * index cannot answer; NS_ERR_CORRUPT; NS_ERR_NOMEM. */
int ns_match_compile(struct ns_index *idx, const struct ns_qnode *q, struct ns_match **out,
		     char *msg, size_t msglen);
/* The same with options (o may be NULL).  q may be NULL when o->range is
 * set: the query is then only the date restriction. */
int ns_match_compile_opts(struct ns_index *idx, const struct ns_qnode *q,
			  const struct ns_match_opts *o, struct ns_match **out, char *msg,
			  size_t msglen);
void ns_match_free(struct ns_match *m);

/* Adds weighted terms (already stemmed, as the index stores them) to the
 * compiled query, for query expansion (expand.h).  With widen (a query
 * whose words are ORed, --any) they are more alternatives; else the query
 * keeps its matches and the terms only add to the score.  The original
 * terms' weights are multiplied by orig_weight.  The added terms are not
 * highlighted in snippets. */
int ns_match_expand(struct ns_match *m, const char *const *terms, const double *weights, size_t n,
		    double orig_weight, int widen);

/* Compiles an OR of weighted terms (already stemmed) for idx: the query
 * of --similar.  NS_OK, NS_ERR_USAGE when n is 0, NS_ERR_NOMEM. */
int ns_match_compile_terms(struct ns_index *idx, const char *const *terms, const double *weights,
			   size_t n, struct ns_match **out);

/* Runs the query: fills top (its k first hits in the order the options
 * ask for, best BM25 score by default; a hit's score is its BM25 score
 * whatever the order) unless top is NULL and
 * counts every match into *n_matches when it is not NULL.  With neither,
 * nothing runs.  NS_OK or an error (NS_ERR_CORRUPT names no file: the
 * caller knows the index). */
int ns_match_run(struct ns_match *m, struct ns_topk *top, uint64_t *n_matches);

/* Called by ns_match_visit() with the next matches of segment index seg:
 * docids[0..n) (local, increasing, n >= 1; borrowed for the call).  A
 * non-zero return stops the walk and is returned. */
typedef int (*ns_match_visit_fn)(void *ctx, uint32_t seg, const uint32_t *docids, size_t n);

/* Walks every match in docid order, segment by segment, without scoring,
 * handing them to fn in batches (a term's decoded postings block at once
 * when nothing is deleted, else up to NS_MATCH_VISIT_BATCH gathered), so
 * the caller reads its columns in a loop of its own, not in a call per
 * match; counts them into *n_matches when not NULL.  For counts by date
 * or source (colcount.h).  NS_OK, fn's value, or an error of the walk. */
#define NS_MATCH_VISIT_BATCH 256
int ns_match_visit(struct ns_match *m, ns_match_visit_fn fn, void *ctx, uint64_t *n_matches);

/* Counters of the last run, for tests and --explain. */
struct ns_match_stats {
	uint64_t n_candidates;	/* documents where all boolean parts agreed */
	uint64_t n_position_checks;	/* of them, checked for positions */
	uint64_t n_matches;	/* documents that matched */
	uint64_t n_terms;	/* terms of the compiled query (prefixes and
				 * date ranges expanded) */
	uint64_t n_lists;	/* postings lists opened (term x segment) */
	uint64_t n_list_bytes;	/* bytes of their document parts (checked by
				 * CRC when opened) */
	uint64_t n_blocks;	/* postings blocks decoded */
	uint64_t n_postings;	/* entries (document, tf) in those blocks */
	uint64_t n_date_checks;	/* documents of partial edge days whose date
				 * was read */
	uint64_t n_proximity;	/* proximity scores computed (the others were
				 * left out by their bounds) */
	uint64_t n_fuzzy_visited;	/* word forms read by fuzzy words'
					 * walks (fuzzy.h) */
	uint64_t n_fuzzy_entries;	/* entries of the dictionary they
					 * walked (formdict.h), once per walk */
	uint64_t n_fuzzy_probes;	/* entries of its prefix table (the top
					 * of the trie, in memory) looked at */
};
void ns_match_get_stats(const struct ns_match *m, struct ns_match_stats *st);

/* The distinct word terms of the query (stemmed; no field terms), sorted,
 * for highlighting snippets: *terms is an array of n NUL-terminated
 * strings owned by m. */
void ns_match_terms(const struct ns_match *m, const char *const **terms, size_t *n);

/* How the score of one matching document was computed, for --explain. */
struct ns_explain_term {
	char *text;		/* readable: iran, title:iran, source:reuters,
				 * date:2026-02 (malloc'd) */
	int filter;		/* a restriction (source:, date:): no score */
	uint32_t tf;		/* occurrences in the document */
	uint32_t tf_title;	/* of them, in the title */
	double boost;		/* query weight (1; less for expansion terms) */
	uint64_t df;		/* documents containing the term (all segments) */
	double idf;
	double weight;		/* contribution to the score */
};

struct ns_explain {
	double score;		/* sum of the weights */
	uint64_t n_docs;	/* N */
	uint32_t doc_len;	/* dl: words of title + body */
	double avg_doc_len;	/* avgdl */
	double k1, b;
	double norm;		/* k1 * (1 - b + b * dl' / avgdl) */
	uint32_t title_len;	/* words of the title */
	double title_weight;	/* w_t: a title word counts this many times */
	double proximity;	/* the proximity score (in score) */
	double prox_weight;	/* w_p */
	struct ns_explain_term *terms;	/* in query order */
	size_t n_terms;
};

/* Explains global docid (which must match the query; NS_DONE when it does
 * not).  Release *ex with ns_explain_release() after NS_OK. */
int ns_match_explain(struct ns_match *m, uint64_t docid, struct ns_explain *ex);
void ns_explain_release(struct ns_explain *ex);

#endif /* NS_MATCH_H */
