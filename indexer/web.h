/* SPDX-License-Identifier: MIT */
/* web.h -- the readers of web formats, as the corpus walk sees them.
 *
 * ns_web_kind() tells which reader a file that is not JSON Lines goes to
 * (a ".gz" suffix is looked through):
 *   *.warc                          WARC (streamed: ns_web_warc_*)
 *   *.html, *.htm, *.xhtml          one web page (html.h)
 *   *.rss, *.atom                   a feed (feed.h)
 *   *.xml                           a feed when it sniffs as one, else text
 *   anything else                   a web page when it sniffs as HTML
 *                                   (<!doctype html, <html, <head, <body
 *                                   first), else plain text
 * The content test needs the first bytes of the file (data may be NULL
 * when only the name is known: then only WARC and the names decide).
 */
#ifndef NS_WEB_H
#define NS_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

enum ns_web_kind { NS_WEB_TEXT, NS_WEB_HTML, NS_WEB_FEED, NS_WEB_WARC };

enum ns_web_kind ns_web_kind(const char *name, const char *data, size_t n);

/* 1 for a file whose articles accumulate (a feed, by its name: .rss,
 * .atom, .xml): read again after it changed, the articles it no longer
 * holds stay in the index, and those it still holds unchanged are kept as
 * they are (unchanged.h). */
int ns_web_accumulates(const char *path);

struct ns_web;

int ns_web_new(struct ns_web **out);
void ns_web_free(struct ns_web *w);

/* One web page data[0..n) -> one article with the given id and path (a
 * page with no text at all gives none).  Returns the callback's value,
 * NS_OK, NS_ERR_INPUT (not a document: the caller reports it) or
 * NS_ERR_NOMEM. */
int ns_web_page(struct ns_web *w, const char *data, size_t n, const char *id, const char *path,
		ns_article_fn on_article, void *ctx);

/* A whole file of kind NS_WEB_HTML (as ns_web_page) or NS_WEB_FEED (its
 * items, feed.h; NS_ERR_INPUT when it is not a feed). */
int ns_web_read(struct ns_web *w, enum ns_web_kind kind, const char *data, size_t n,
		const char *id, const char *path, ns_article_fn on_article, void *ctx);

/* WARC, streamed: begin, feed the content in pieces, end.  Each response
 * record holding a web page (Content-Type text/html or
 * application/xhtml+xml, or none and the payload sniffs as HTML; status
 * 2xx) becomes an article: id = WARC-Target-URI, url = the page's
 * canonical url or the target, date = the page's or WARC-Date.
 * Problems are reported as "path:offset" (content offset of the record).
 * max_block bounds the memory held per record. */
int ns_web_warc_begin(struct ns_web *w, const char *path, uint64_t max_block,
		      ns_article_fn on_article, ns_problem_fn on_problem, void *ctx);
int ns_web_warc_feed(struct ns_web *w, const uint8_t *data, size_t n);
int ns_web_warc_end(struct ns_web *w);

#endif /* NS_WEB_H */
