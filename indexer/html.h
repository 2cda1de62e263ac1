/* SPDX-License-Identifier: MIT */
/* html.h -- one web page (HTML) -> one article: metadata and main text.
 *
 * The page is parsed by libxml2's HTML parser (after htmllean.h has left
 * out scripts, styles, SVG and comments), which recovers from broken
 * markup, never touches the network, and converts the page's charset to
 * UTF-8 (from the charset given by the caller, e.g. an HTTP header, else
 * the page's BOM or <meta charset>, else UTF-8 falling back to Latin-1).
 *
 * Metadata, each from the first place that has it:
 *   title   the <h1> that og:title, JSON-LD headline, twitter:title or
 *           <title> repeat (whole or as a part, headline.h); the article's
 *           <h1>; og:title, JSON-LD headline, twitter:title, <title>; with
 *           the site's name, a date or a section label cut off
 *   date    article:published_time and similar meta tags, JSON-LD
 *           datePublished, itemprop=datePublished, a date in the URL
 *           (/2024/05/12/), a date after a label ("Erstellt am:"), <time
 *           datetime>, a date in an element named for dates, the generic
 *           date metas,
 *           a date near the headline or alone in an element, and last
 *           article:modified_time; a UTC moment a day away from the day the
 *           page shows becomes that day
 *   source  og:site_name, JSON-LD publisher, application-name
 *   url     <link rel=canonical>, og:url, the url given by the caller
 * Body: the main text (extract.h), or JSON-LD articleBody when the page
 * has one and the extracted text looks worse (much shorter than it).
 */
#ifndef NS_HTML_H
#define NS_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* What a page yields.  Every buffer holds valid UTF-8 (possibly empty);
 * use ns_buf_cstr() for strings. */
struct ns_page {
	struct ns_buf title, date, source, url, body;
	int64_t date_key;	/* date as seconds since the epoch, or NS_DATE_NONE; an
				 * ISO moment with a zone offset on its publisher's
				 * clock ("...T22:46-03:00" -> 22:46 that day) */
};

void ns_page_init(struct ns_page *p);
void ns_page_release(struct ns_page *p);
/* Empties every field, keeping the allocations. */
void ns_page_reset(struct ns_page *p);

/* Reads the page data[0..n) into p (reset first).  encoding: a charset
 * name from outside the page (HTTP Content-Type), or NULL.  url: where the
 * page came from, or NULL.  Returns NS_OK (a page with no text gives an
 * empty body), NS_ERR_INPUT when libxml2 cannot make a document of it at
 * all, or NS_ERR_NOMEM. */
int ns_html_read(struct ns_page *p, const char *data, size_t n, const char *encoding,
		 const char *url);

/* Appends the text of an HTML fragment (a feed item's description) to out
 * as paragraphs.  NS_OK, NS_ERR_NOMEM. */
int ns_html_fragment_text(const char *data, size_t n, struct ns_buf *out);

/* A date written in a URL path: /2024/05/12/, /2024-05-12, /20240512/.
 * Returns 0 and sets *t, else -1. */
int ns_html_url_date(const char *url, int64_t *t);

/* 1 when data[0..n) starts (after spaces, a BOM and comments) like an
 * HTML document: <!doctype html, <html, <head or <body. */
int ns_html_sniff(const char *data, size_t n);

#endif /* NS_HTML_H */
