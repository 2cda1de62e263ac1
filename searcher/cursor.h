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

/* Whether cursor n sits on document d.  A cursor never advanced (an
 * operand after one that ran out, in a leapfrog that stopped early) has
 * docid 0 but is on no document. */
static inline int ns_cursor_on_doc(const struct ns_cursor *n, uint32_t d)
{
	return n->started && n->docid == d;
}

/* Caches the lengths of document d of the current segment in
 * m->title_len and m->doc_len (m->norm_doc says whose they are).  NS_OK
 * or NS_ERR_CORRUPT. */
static inline int ns_cursor_norms(struct ns_match *m, uint32_t d)
{
	if (m->norm_doc == d)
		return NS_OK;
	int rc = ns_segr_norms(m->seg, d, &m->title_len, &m->doc_len);
	if (rc == NS_OK)
		m->norm_doc = d;
	return rc;
}

#endif /* NS_CURSOR_H */
