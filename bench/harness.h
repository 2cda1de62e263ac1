/* SPDX-License-Identifier: MIT */
/* harness.h -- run a query file the way ../shared/bench/compare.py measures
 * its peers, so nsearch is timed side by side with Xapian and SQLite FTS5.
 *
 * Input: "qid<TAB>class<TAB>query" lines ("qid<TAB>query" = class ""),
 * blank lines and '#' lines skipped.  A class that is "or" or starts with
 * "or" and a non-letter ("or2") makes juxtaposition mean OR.
 * Output, after '#' header lines:
 *   qid class nmatch us_top us_full ids      (tab-separated)
 * nmatch: exact number of matching documents (-1: the query failed, the
 * reason on stderr); us_top: median over `repeat` runs of the in-process
 * microseconds from query text to the top-k ids (parse, compile, execute,
 * id lookup); us_full: the same plus the exact count; ids: the top k.
 * One untimed pass over the whole file warms the caches first.
 *
 * With the options' expand set, each query is expanded by RM3 first
 * (expand.h), and the time includes it; with collapse, hits are grouped
 * (ns_opts_set_collapse(): the top k are k stories or copy groups), so
 * the cost of grouping is timed beside the plain run of the same file;
 * nmatch stays the number of matching articles (ns_results_total()).
 *
 * The harness uses nsearch.h alone: the top-k run is a search with
 * ns_opts_set_total(o, 0) (pruned, as the peers' top-k), the full run the
 * same with the exact count.
 *
 * ns_bench_trec() runs the same file once and writes a TREC run file, so
 * compare.py --qrels and trec_eval can measure ranking quality.
 */
#ifndef NS_HARNESS_H
#define NS_HARNESS_H

#include <stdio.h>

#include <nsearch.h>

struct ns_bench_opts {
	int expand;			/* RM3 first */
	enum ns_collapse collapse;	/* NS_COLLAPSE_OFF: every article */
};

/* Returns NS_OK, or NS_ERR_IO when the query file cannot be read (message
 * in msg). */
int ns_bench_run(ns_index *idx, const char *queries_path, int repeat, size_t k,
		 const struct ns_bench_opts *bo, FILE *out, char *msg, size_t msglen);

/* Writes a TREC run for the query file: for each query, its top k hits as
 * "qid Q0 id rank score tag" lines (trec_eval's input), best first.  A
 * query that fails is reported on stderr and left out.  NS_OK, or NS_ERR_IO
 * when the query file cannot be read (message in msg). */
int ns_bench_trec(ns_index *idx, const char *queries_path, size_t k, const char *tag,
		  const struct ns_bench_opts *bo, FILE *out, char *msg, size_t msglen);

/* Default operator of a query class: OR for "or", "or2", "or_x"...  */
int ns_bench_class_is_or(const char *cls);

#endif /* NS_HARNESS_H */
