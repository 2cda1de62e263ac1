/* SPDX-License-Identifier: MIT */
/* web.h -- the readers of web formats, as the corpus walk sees them.
 *
 * Which files are web pages, feeds and WARC is kind.h's decision; this
 * module turns their content into articles.
 */
#ifndef NS_WEB_H
#define NS_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"

/* 1 for a file whose articles accumulate (a feed, by its name: .rss,
 * .atom, .xml): read again after it changed, the articles it no longer
 * holds stay in the index, and those it still holds unchanged are kept as
 * they are (unchanged.h). */
int ns_web_accumulates(const char *path);

struct ns_web;
struct ns_page;

int ns_web_new(struct ns_web **out);
void ns_web_free(struct ns_web *w);

/* Lets WARC records' pages be parsed on worker threads (pagepool.h) in at
 * most ns_pagepool_bytes(mem_bytes) of memory; 0 (the default): not. */
void ns_web_set_workers(struct ns_web *w, uint64_t mem_bytes);

/* One web page data[0..n) -> one article with the given id and path (a
 * page with no text at all gives none).  Returns the callback's value,
 * NS_OK, NS_ERR_INPUT (not a document: the caller reports it) or
 * NS_ERR_NOMEM. */
int ns_web_page(struct ns_web *w, const char *data, size_t n, const char *id, const char *path,
		ns_article_fn on_article, void *ctx);

/* A page already parsed (html.h; rc = ns_html_read()'s value, a page
 * read ahead, readahead.h) as ns_web_page() would hand it out. */
int ns_web_parsed(struct ns_page *p, int rc, const char *id, const char *path,
		  ns_article_fn on_article, void *ctx);

/* A whole file: a web page (as ns_web_page), or when feed is set a feed
 * (its items, feed.h; NS_ERR_INPUT when it is not a feed). */
int ns_web_read(struct ns_web *w, int feed, const char *data, size_t n, const char *id,
		const char *path, ns_article_fn on_article, void *ctx);

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
/* Hands out the articles and problems of the records still being parsed
 * (pagepool.h), before a message of the caller's that comes after them
 * (the stream's read error).  The value ns_web_warc_end() would return for
 * them. */
int ns_web_warc_flush(struct ns_web *w);

#endif /* NS_WEB_H */
