/* SPDX-License-Identifier: MIT */
/* expand.h -- query expansion from the text of articles.
 *
 * --expand: pseudo-relevance feedback, RM3 (Lavrenko & Croft, "Relevance-
 * based language models", SIGIR 2001; Abdul-Jaleel et al., UMass at TREC
 * 2004).  The query runs once; its top fb_docs articles are taken as
 * relevant; their text (from the index's stored copy, analyzed like the
 * index) gives a relevance model
 *   P(w|R) = sum over feedback documents d of P(w|d) * P(d|Q),
 *   P(w|d) = tf(w,d) / |d|,  P(d|Q) = exp(score(d)) normalised,
 * and its fb_terms most likely words (stopwords and one-letter words left
 * out) join the query with weight (1 - lambda) * P(w|R) / sum, while each
 * original term keeps lambda / |Q|.
 *
 * --similar ID: the article's own words make the query, each weighted by
 * tf * idf (the fb_terms best), as an OR.
 */
#ifndef NS_EXPAND_H
#define NS_EXPAND_H

#include <stddef.h>

#include "index.h"
#include "match.h"

#define NS_EXPAND_DOCS 10	/* feedback articles */
#define NS_EXPAND_TERMS 30	/* words added */
#define NS_EXPAND_LAMBDA 0.6	/* weight kept by the original query */

/* Expands m (compiled, not run) by RM3; widen as in ns_match_expand()
 * (set it for a query whose words are ORed).  NS_OK (also when the query
 * found nothing to learn from), NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_expand_rm3(struct ns_index *idx, struct ns_match *m, int widen);

/* Compiles a query for the articles like the one whose id is id.  NS_OK;
 * NS_ERR_NOTFOUND (no live article has that id; message in msg);
 * NS_ERR_CORRUPT; NS_ERR_NOMEM.  *self is its global docid, to leave out
 * of the results. */
int ns_similar_compile(struct ns_index *idx, const char *id, struct ns_match **out,
		       uint64_t *self, char *msg, size_t msglen);

#endif /* NS_EXPAND_H */
