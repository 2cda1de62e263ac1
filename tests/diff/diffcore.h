/* SPDX-License-Identifier: MIT */
/* diffcore.h -- the differential test of the query engine: random small
 * corpora and random queries, each answered by the engine (pruned top k:
 * MaxScore, block-max AND, lazy phrase words, date-range strategies) and
 * by a naive exhaustive scorer written here from the articles as
 * generated, never from the index.
 *
 * What is independent of the engine: the corpus model (which articles are
 * live after updates), tokens, positions, sentences and paragraphs,
 * matching of every query kind (words, fields, prefixes, phrases,
 * NEAR/ADJ with OR groups as operands, SENTENCE/PARAGRAPH, AND/OR/NOT,
 * source:, date:, date ranges), df, N, avgdl, BM25F and the proximity
 * score (rank.h's formulas written again here).  What is shared: the
 * reference never sees the parser's tree (it keeps its own and renders
 * the query text from it); the analyzer, the stopword list and
 * sentence.h only vet the made-up vocabulary (each word its own term, no
 * stopword, and "word. Next" ends a sentence, no abbreviation); rank.h's
 * constants (k1, b, w_t, w_p).
 *
 * Three comparisons per query:
 *   1. pruned top k (sort by score) == the k best of the engine's
 *      exhaustive run (sort by date visits every match, no pruning),
 *      docids and scores to the bit;
 *   2. the exhaustive run's matches == the reference's, each score equal
 *      to the reference's within 1e-9 (relative);
 *   3. counts (-c alone and with a top k) == the reference's count; date
 *      orders == the reference's order (dates exact, ties to lower docid).
 *
 * A quarter as many cases, last (in the shard phase), put a conjunction
 * of frequent words at the root (a phrase of three words from an article,
 * an AND of two Zipf-drawn words, a word NOT another) with a top 1 to 3
 * by score, so that block-max AND's bounds bite (the lazy phrase words'
 * bound before positions, its counting walk) and "a NOT b" is counted by
 * merging the two lists.
 *
 * Then the corpus's files as they are at the end are cut into 2 or 3
 * shards, each built alone and opened as one (pieces.h), and half as many
 * queries run on a fresh index of their union: each engine run above is
 * made on the shards too (in 1, 2 or 3 threads) and must give the same
 * articles in the same order with the same scores to the bit, and the same
 * counts; the union is checked against the model and the reference as
 * before.
 */
#ifndef NS_DIFFCORE_H
#define NS_DIFFCORE_H

#include <stddef.h>
#include <stdint.h>

struct dt_totals {
	uint64_t corpora;
	uint64_t queries;	/* query cases run */
	uint64_t failures;	/* cases where the engine and reference differ */
	uint64_t matches;	/* reference matches summed over queries */
	uint64_t pruned;	/* cases answered by a pruned walk with k < matches */
	uint64_t sharded;	/* corpora also cut into shards searched as one */
};

/* Builds one corpus (a few updates: several segments, deletions) chosen by
 * data[0..size) and then a generator seeded with seed, runs n_queries
 * random queries on it and adds to *t.  Prints each difference to stderr
 * (verbose > 0: every query too).  Returns the number of failed cases, or
 * -1 when the corpus could not be built (also a failure). */
int dt_run_corpus(const uint8_t *data, size_t size, uint64_t seed, int n_queries, int verbose,
		  struct dt_totals *t);

#endif /* NS_DIFFCORE_H */
