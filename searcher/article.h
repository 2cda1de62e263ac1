/* SPDX-License-Identifier: MIT */
/* article.h -- print one stored article whole (nsearch --show ID).
 *
 * The article is the live document with that id (an id replaced by a
 * later run shows its newest version).  Text form:
 *
 *   TITLE
 *   date: DATE          (each of these lines only when the field is set)
 *   source: SOURCE
 *   url: URL
 *   path: PATH
 *
 *   BODY, as stored (paragraphs separated by blank lines)
 *
 * JSON form: one object {"id","title","date","source","url","path","body"}
 * and a newline; absent fields are null, body is always a string (the
 * article text without the title).
 */
#ifndef NS_ARTICLE_H
#define NS_ARTICLE_H

#include <stddef.h>
#include <stdio.h>

#include "index.h"

/* Prints the article id to out (json: the JSON form).  Returns NS_OK,
 * NS_ERR_NOTFOUND (no live article has that id; msg says so),
 * NS_ERR_CORRUPT or NS_ERR_NOMEM (msg set). */
int ns_article_show(FILE *out, struct ns_index *idx, const char *id, int json, char *msg,
		    size_t msglen);

#endif /* NS_ARTICLE_H */
