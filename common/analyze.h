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

/* A hash of a word's bytes p[0..n): the stem cache's, and any table of
 * folded words that wants its slots fetched ahead (ns_term_walk). */
uint32_t ns_word_hash(const char *p, size_t n);

/* A walk over one text's terms that reads a few words ahead, so their
 * stem cache slots are fetched from memory while the words before are
 * handled (the indexer's loop).  Same terms, tokens and tags as
 * ns_tok_init() + ns_analyzer_next_tagged(); a token's term bytes live in
 * the walk until the next call. */
#define NS_WALK_AHEAD 4	/* words read ahead; a power of two */

struct ns_term_walk {
	struct ns_tokenizer t;
	unsigned head, n;	/* the n words read ahead start at ring[head] */
	int end;		/* the tokenizer has no more words */
	struct ns_token tok[NS_WALK_AHEAD];
	uint32_t hash[NS_WALK_AHEAD];	/* ns_word_hash() of each word */
	char term[NS_WALK_AHEAD][NS_TOK_MAX_LEN + 1];
	uint32_t hash_now;	/* of the word last handed out */
	void (*ahead)(void *ctx, uint32_t hash);
	void *ahead_ctx;
	void (*tag_ahead)(void *ctx, uint64_t tag);
	void *tag_ctx;
};

void ns_term_walk_init(struct ns_term_walk *w, const char *text, size_t len, uint32_t first_pos);

/* Has ahead(ctx, ns_word_hash(folded word)) called for each word as it is
 * read ahead, NS_WALK_AHEAD - 1 words before it is handed out: the caller
 * may fetch its own table's slot for the word then (a hint only). */
void ns_term_walk_set_ahead(struct ns_term_walk *w, void (*ahead)(void *ctx, uint32_t hash),
			    void *ctx);

/* Has tag_ahead(ctx, tag) called, as a word is handed out, with the tag
 * the stem cache holds for the word after it, when that word's slot holds
 * a word of its length (so the tag may be another word's): the caller
 * may fetch what its tag names (a hint only). */
void ns_term_walk_set_tag_ahead(struct ns_term_walk *w, void (*tag_ahead)(void *ctx, uint64_t tag),
				void *ctx);

/* ns_word_hash() of the folded word the last ns_term_walk_next() handed
 * out. */
static inline uint32_t ns_term_walk_hash(const struct ns_term_walk *w)
{
	return w->hash_now;
}

/* Like ns_analyzer_next_tagged() on the walk's text: 1 and the next term,
 * or 0 at the end. */
int ns_term_walk_next(struct ns_analyzer *a, struct ns_term_walk *w, struct ns_token *tok,
		      const char **term, size_t *term_len, uint64_t **tag);

/* The position after the text's last word, once ns_term_walk_next()
 * returned 0 (like ns_tok_position()). */
static inline uint32_t ns_term_walk_position(const struct ns_term_walk *w)
{
	return ns_tok_position(&w->t);
}

#endif /* NS_ANALYZE_H */
