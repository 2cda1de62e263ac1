/* SPDX-License-Identifier: MIT */
/* fuzzyterm.h -- the index terms a fuzzy word (word~, word~2) stands for.
 *
 * The word is folded like the tokenizer folds articles; the forms of the
 * index within k edits of it (formdict.h, a trie walk, not a scan) are
 * stemmed like articles are, and the stems that live documents hold make
 * the set: the stemmer still decides what a form matches, so "goverment~"
 * finds government, governments and governmental through their stem.
 */
#ifndef NS_FUZZYTERM_H
#define NS_FUZZYTERM_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "fuzzy.h"
#include "lexicon.h"

/* Shortest fuzzy word, in characters, per edit allowed: a 2-edit "ab~2"
 * would stand for every short word. */
#define NS_FUZZY_MIN_CHARS_PER_EDIT 2
/* Most forms one fuzzy word may reach, per term allowed. */
#define NS_FUZZY_FORMS_PER_TERM 8

/* The terms of text~k (text as typed, k 1..2) into *out (initialized here;
 * release it even on error), at most max_terms of them.  *cnt grows by
 * the walks' work and *entries by the dictionary entries walked.  NS_OK (the set
 * may be empty); NS_ERR_QUERY with a reason in msg (not one word, too
 * short for k, more than max_terms terms); NS_ERR_CORRUPT (message in msg),
 * NS_ERR_NOMEM. */
int ns_fuzzy_terms(struct ns_index *idx, const char *text, int k, size_t max_terms,
		   struct ns_termset *out, struct ns_fuzzy_count *cnt, uint64_t *entries, char *msg,
		   size_t msglen);

#endif /* NS_FUZZYTERM_H */
