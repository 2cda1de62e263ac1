/* SPDX-License-Identifier: MIT */
/* jsonld.h -- the few schema.org fields of a page's JSON-LD that name an article.
 *
 * A page may carry several <script type="application/ld+json"> blocks, each
 * one JSON value (an object, an array of objects, or an object with an
 * "@graph" array).  ns_jsonld_scan() reads one block and keeps, at any depth:
 *
 *   headline       the first "headline" string
 *   date           the first "datePublished" string (else "dateCreated")
 *   body           the longest "articleBody" string
 *   publisher      the "name" string of the first "publisher" object
 *                  (or a "publisher" given as a plain string)
 *
 * Fields already set by an earlier block are kept (body: the longest wins).
 * Strings are decoded (every JSON escape, surrogate pairs; lone surrogates
 * become U+FFFD).  Malformed JSON, which pages do publish, is not an error:
 * what was read before the fault is kept.  One linear pass, no recursion:
 * nesting depth costs one byte per level and keys are remembered only for
 * the first NS_JSONLD_DEPTH levels.
 */
#ifndef NS_JSONLD_H
#define NS_JSONLD_H

#include <stddef.h>

#include "buf.h"

#define NS_JSONLD_DEPTH 32

struct ns_jsonld {
	struct ns_buf headline, date, body, publisher;
	struct ns_buf scratch;	/* the string being decoded */
	struct ns_buf stack;	/* '{' or '[' per open level */
	int date_published;	/* date came from "datePublished" */
};

void ns_jsonld_init(struct ns_jsonld *j);
void ns_jsonld_release(struct ns_jsonld *j);
/* Forgets every field (keeps the allocations). */
void ns_jsonld_reset(struct ns_jsonld *j);

/* Reads one JSON-LD block s[0..n).  Returns NS_OK (also for malformed
 * JSON) or NS_ERR_NOMEM. */
int ns_jsonld_scan(struct ns_jsonld *j, const char *s, size_t n);

#endif /* NS_JSONLD_H */
