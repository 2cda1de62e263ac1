/* SPDX-License-Identifier: MIT */
/* positional.h -- word positions: the spans of phrases and NEAR/ADJ
 * operands, and whether they match; private to the match files.
 *
 * A span is a run of word positions of one occurrence (one word, or a
 * phrase).  Semantics (match.h; format.h, I4): a phrase or NEAR never
 * spans the title/body boundary.  a NEAR/n b: some occurrence of each
 * operand, at distinct (non-overlapping) positions of one field, with
 *   max(start of an operand) - min(end of an operand) <= n
 * ADJ/n also requires the operands in query order.  a SENTENCE b: some
 * occurrence of each operand wholly inside one sentence (format.h, I10; the
 * same occurrence may serve two operands); PARAGRAPH likewise.  An operand
 * is a word, a phrase, or an OR of them (a prefix's terms, a group): its
 * spans are those of its members on the document.  Positions are decoded
 * only for documents that the boolean part of the query already matched.
 */
#ifndef NS_POSITIONAL_H
#define NS_POSITIONAL_H

#include <stdint.h>

#include "match_int.h"

/* Fills n->spans with the positions of term cursor n at its current
 * document that lie in its field (title:, body:), and caches the
 * document's norms.  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_positional_term_spans(struct ns_match *m, struct ns_cursor *n);

/* These read cursors already placed, never move one (the cursors call
 * them: cursor.h, ns_cursor_match_positions()). */

/* Fills phrase cursor n->spans with the phrase's occurrences in document d
 * among its words that sit on d (a lazy word not yet moved there is left
 * out: the spans are then those of the words that are).  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_positional_phrase(struct ns_match *m, struct ns_cursor *n, uint32_t d);

/* Whether NEAR/ADJ/SENTENCE/PARAGRAPH cursor n, whose operands all sit on
 * document d, matches there (a SENTENCE/PARAGRAPH cursor's own postings of
 * the sentence or paragraph starts, n->bounds, are moved to d): *ok 1 or 0.  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM, or
 * NS_ERR_LIMIT with a message in m->msg when a NEAR with phrase operands
 * is too costly to decide. */
int ns_positional_near(struct ns_match *m, struct ns_cursor *n, uint32_t d, int *ok);

#endif /* NS_POSITIONAL_H */
