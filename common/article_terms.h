/* SPDX-License-Identifier: MIT */
/* article_terms.h -- an article's indexed terms, its title's then its
 * body's, through the index's analyzer: the one walk of an article's text
 * that story sketches (story_text.h) and query expansion
 * (searcher/expand.c) share, so both see the terms indexing made.
 */
#ifndef NS_ARTICLE_TERMS_H
#define NS_ARTICLE_TERMS_H

#include <stddef.h>

#include "analyze.h"
#include "tokenize.h"

/* Called for each term (term, len: as indexed, borrowed for the call; tok:
 * the word it came from) with in_title set for the title's.  A return
 * other than NS_OK stops the walk. */
typedef int (*ns_article_term_fn)(void *ctx, const char *term, size_t len,
				  const struct ns_token *tok, int in_title);

/* Walks title then body.  NS_OK, or the first other return of fn. */
int ns_article_terms(struct ns_analyzer *an, const char *title, size_t title_len,
		     const char *body, size_t body_len, ns_article_term_fn fn, void *ctx);

#endif /* NS_ARTICLE_TERMS_H */
