/* SPDX-License-Identifier: MIT */
/* article_terms.c -- an article's indexed terms (article_terms.h). */
#include "article_terms.h"

#include "error.h"

int ns_article_terms(struct ns_analyzer *an, const char *title, size_t title_len,
		     const char *body, size_t body_len, ns_article_term_fn fn, void *ctx)
{
	struct ns_tokenizer tk;
	struct ns_token tok;
	const char *term;
	size_t len;
	int rc = NS_OK;

	for (int part = 0; part < 2 && rc == NS_OK; part++) {
		if (part == 0)
			ns_tok_init(&tk, title, title_len, 0);
		else
			ns_tok_init(&tk, body, body_len, 0);
		while (rc == NS_OK && ns_analyzer_next(an, &tk, &tok, &term, &len))
			rc = fn(ctx, term, len, &tok, part == 0);
	}
	return rc;
}
