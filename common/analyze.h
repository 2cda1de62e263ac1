/* SPDX-License-Identifier: MIT */
/* analyze.h -- the one text-to-terms pipeline: tokenize, fold, stem.
 *
 * Both programs turn text into terms only through this module, so a word
 * in a query always becomes the same term as the word in an article.  The
 * language is stored in the index's MANIFEST and used for queries too.
 */
#ifndef NS_ANALYZE_H
#define NS_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "tokenize.h"

#define NS_ANALYZE_DEFAULT_LANG "english"

struct ns_analyzer;

/* Creates an analyzer for a Snowball language ("english", "french", ...;
 * "none" turns stemming off).  NS_OK, NS_ERR_NOTFOUND for an unknown
 * language, NS_ERR_NOMEM. */
int ns_analyzer_new(const char *lang, struct ns_analyzer **out);
void ns_analyzer_free(struct ns_analyzer *a);

/* True when lang names a supported language (or "none"). */
int ns_analyzer_lang_ok(const char *lang);

/* Writes the supported language names, comma-separated, into out[outlen]. */
void ns_analyzer_list_langs(char *out, size_t outlen);

/* Stems one folded token (from the tokenizer).  Returns the term and sets
 * *len; the bytes are borrowed from the analyzer until its next call, or
 * NULL when out of memory. */
const char *ns_analyzer_stem(struct ns_analyzer *a, const char *tok, size_t tok_len, size_t *len);

/* Next term of a tokenizer's text: fills *tok like ns_tok_next() and sets
 * term and term_len to the stemmed term (borrowed until the next call).
 * Returns 1, or 0 at the end of the text.  Should the stemmer run out of
 * memory, the folded word is used unstemmed. */
int ns_analyzer_next(struct ns_analyzer *a, struct ns_tokenizer *t, struct ns_token *tok,
		     const char **term, size_t *term_len);

/* ns_analyzer_next() that also hands out *tag, a word kept with the
 * token's folded form in the stem cache for the caller's use (the indexer
 * keeps its term number there, saving a second lookup): 0 when the slot
 * was (re)filled for this word; NULL when the word is not cached (no
 * stemming, or a long word).  Valid until the next call. */
int ns_analyzer_next_tagged(struct ns_analyzer *a, struct ns_tokenizer *t, struct ns_token *tok,
			    const char **term, size_t *term_len, uint64_t **tag);

#endif /* NS_ANALYZE_H */
