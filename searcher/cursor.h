/* SPDX-License-Identifier: MIT */
/* cursor.h -- cursors over one segment; private to the match files.
 *
 * A cursor tree is instantiated from the plan (plan.h) for the segment
 * being walked (m->seg) and mirrors it.  Cursors move forward only: AND
 * leapfrogs from its rarest operand, OR takes the smallest current
 * document, NOT skips what its operand matches, a date range under an AND
 * is checked per candidate when a rarer operand leads, and phrases and
 * NEAR/ADJ read positions (positional.h) only for documents that passed
 * the boolean check.  A cursor's docid is always a verified match.
 * Cursors call the position checks (positional.h), never the reverse.
 */
#ifndef NS_CURSOR_H
#define NS_CURSOR_H

#include <stdint.h>

#include "error.h"
#include "match_int.h"

/* Instantiates plan p over segment m->seg into *out (set to NULL first).
 * A term the segment lacks gets a cursor without postings, which matches
 * nothing.  Opened postings lists are counted in m->st.  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM.  ns_cursor_free() frees the tree
 * (NULL-safe); the plan must outlive it. */
int ns_cursor_new(struct ns_match *m, const struct ns_pnode *p, struct ns_cursor **out);
void ns_cursor_free(struct ns_cursor *n);

/* Moves n to its first match >= target (docid NS_POST_END when none); a
 * cursor already on a match >= target stays.  NS_OK, NS_ERR_CORRUPT,
 * NS_ERR_NOMEM, or NS_ERR_LIMIT from a NEAR too costly to check
 * (positional.h). */
int ns_cursor_advance(struct ns_match *m, struct ns_cursor *n, uint32_t target);

/* Whether document d, which the operands of AND cursor n agree on, is
 * excluded by n's date ranges checked per candidate or by its negations
 * (their cursors are moved to d): *excluded 1 or 0; always 0 when n is not
 * an AND.  NS_OK, or an error of ns_cursor_advance() or of reading a date. */
int ns_cursor_excluded(struct ns_match *m, struct ns_cursor *n, uint32_t d, int *excluded);

/* Whether phrase or NEAR/ADJ cursor n, whose leading operands sit on
 * document d, matches there (counted in m->st.n_position_checks): *ok 1 or
 * 0; a phrase's occurrences are then in n->spans (a NEAR operand uses
 * them).  The cursor moves here, positional.h only reads: a phrase's lazy
 * words are advanced to d only once its rarer words line up.  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM, or NS_ERR_LIMIT with a message in m->msg
 * when a NEAR with phrase operands is too costly to decide. */
int ns_cursor_match_positions(struct ns_match *m, struct ns_cursor *n, uint32_t d, int *ok);

#endif /* NS_CURSOR_H */
