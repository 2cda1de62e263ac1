/* SPDX-License-Identifier: MIT */
/* fuzzyplan.h -- compile fuzzy words (word~, word~2) into the plan;
 * private to the match files, beside plan.c.
 *
 * A fuzzy word becomes an OR of the terms it stands for (fuzzyterm.h),
 * marked like a prefix's so NEAR/ADJ measure it as one operand.  A phrase
 * with a fuzzy word in it ("new yrok~") becomes the chain of its words in
 * order with no gap: ADJ/(n-1) of n operands, which only consecutive
 * positions meet -- the phrase, with ORs where the marks are.
 */
#ifndef NS_FUZZYPLAN_H
#define NS_FUZZYPLAN_H

#include "match_int.h"
#include "query.h"

/* NS_Q_FUZZY. NS_OK; NS_ERR_QUERY (message in m->msg); NS_ERR_CORRUPT;
 * NS_ERR_NOMEM. */
int ns_fuzzyplan_word(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out);

/* Whether the phrase's text holds a fuzzy mark ("word~", "word~2"). */
int ns_fuzzyplan_phrase_has_marks(const char *text);

/* A phrase with fuzzy marks, as above. */
int ns_fuzzyplan_phrase(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out);

#endif /* NS_FUZZYPLAN_H */
