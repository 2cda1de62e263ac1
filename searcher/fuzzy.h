/* SPDX-License-Identifier: MIT */
/* fuzzy.h -- the forms of a word forms file within k edits of a word.
 *
 * A depth-first walk of the trie that the sorted forms (wordforms_read.h)
 * make implicitly: the forms sharing a prefix are a range of numbers, the
 * children of a prefix are found by galloping search in that range, and
 * one row of the edit-distance table (editdist.h, OSA) is computed per
 * character of the prefix.  A prefix whose row is all above k has no
 * completion within k edits, and its whole range is skipped unread: the
 * walk reads a few forms per prefix it keeps, not the dictionary.  The top
 * of the trie, prefixes of up to NS_FMT_FORM_PREFIX_MAX bytes, comes from
 * the file's prefix table (in memory) instead of searches among the forms;
 * once a prefix's row reaches k, only the children the word's own
 * characters make are sought (as a Levenshtein automaton would), each
 * search galloping on from the last; and once that row and the one
 * before are all at k or above, no edit is left, so below that prefix
 * only the prefix followed by a rest of the word can be within k: those
 * few forms are looked up, not walked.
 *
 * Forms are valid UTF-8 (the tokenizer's folding); a byte sequence that
 * is not counts as one character per odd sequence.
 */
#ifndef NS_FUZZY_H
#define NS_FUZZY_H

#include <stddef.h>
#include <stdint.h>

#include "wordforms_read.h"

#define NS_FUZZY_MAX_EDITS 3	/* the query language asks for 2 at most
				 * (query.h); the speller's last resort for
				 * a long word, 3 (spell.h) */

/* Called for each form within k edits, in term order, with its distance;
 * a non-zero return stops the walk and is returned by ns_fuzzy_walk(). */
typedef int (*ns_fuzzy_fn)(void *ctx, const struct ns_wform *f, int dist);

/* The work of walks, added up. */
struct ns_fuzzy_count {
	uint64_t forms;		/* forms read (dictionary entries decoded) */
	uint64_t prefixes;	/* prefix table entries looked at (in memory) */
};

/* Walks r for the forms within k (0..NS_FUZZY_MAX_EDITS) edits of the
 * folded word w[0..len) (at most NS_EDIT_MAX_CHARS characters; longer
 * words are cut), adding its work to *cnt.  NS_OK, NS_ERR_CORRUPT, or
 * fn's non-zero return. */
int ns_fuzzy_walk(struct ns_wfr *r, const char *w, size_t len, int k, ns_fuzzy_fn fn, void *ctx,
		  struct ns_fuzzy_count *cnt);

/* The same, of the forms that begin with the word's first character: a
 * walk that starts below it, so a wider k stays affordable (the speller's
 * third edit, spell.h).  Forms that change the first character (or swap
 * it with the second) are not found. */
int ns_fuzzy_walk_same_first(struct ns_wfr *r, const char *w, size_t len, int k,
			     ns_fuzzy_fn fn, void *ctx, struct ns_fuzzy_count *cnt);

#endif /* NS_FUZZY_H */
