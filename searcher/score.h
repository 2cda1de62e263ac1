/* SPDX-License-Identifier: MIT */
/* score.h -- the score of a matching document, read from its cursors;
 * private to the match files.
 *
 * rank.h has the formulas (BM25F, the proximity score); this applies them
 * to the terms of a cursor tree that sit on a document.  Every function
 * expects the document's norms cached (ns_cursor_norms()).
 */
#ifndef NS_SCORE_H
#define NS_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "match_int.h"

/* rank.h's w(t,d) of term cursor n on its current document, with its
 * boost; *tf_title: its occurrences in the title. */
double ns_score_term_weight(struct ns_match *m, const struct ns_cursor *n, uint32_t *tf_title);

/* Adds to *s the weights of the terms of cursor tree n that match
 * document d (no proximity).  Expansion terms under a P_BOOST are moved to
 * d first.  NS_OK or an error of ns_cursor_advance(). */
int ns_score_doc(struct ns_match *m, struct ns_cursor *n, uint32_t d, double *s);

/* Appends the positions of term cursor n (on the current document) to
 * m->occ from index *n_occ on, unless its distinct term was gathered
 * already (m->prox_seen).  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_score_gather_leaf(struct ns_match *m, struct ns_cursor *n, size_t *n_occ);

/* *s = the proximity score of document d (rank.h) from the original word
 * terms of root on it; 0 for a query of fewer than two.  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_score_proximity(struct ns_match *m, struct ns_cursor *root, uint32_t d, double *s);

/* Scores document d of segment s, where root matches, and offers it to
 * top, keyed by m->sort.  NS_OK or an error. */
int ns_score_push_hit(struct ns_match *m, struct ns_topk *top, struct ns_cursor *root, uint32_t s,
		      uint32_t d);

#endif /* NS_SCORE_H */
