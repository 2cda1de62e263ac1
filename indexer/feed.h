/* SPDX-License-Identifier: MIT */
/* feed.h -- RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item.
 *
 * The feed is parsed by libxml2's XML parser with network access off and
 * no entity substitution or DTD loading (XML_PARSE_NONET, no NOENT, no
 * DTDLOAD): a feed cannot make the reader fetch or expand anything.
 * Broken XML is recovered as far as libxml2 can.
 *
 * Per item (RSS <item>, Atom <entry>):
 *   id      the link (Atom: rel="alternate" or the first link), else the
 *           guid / Atom id, else "<file id>#<n>" (1-based item number)
 *   url     the link
 *   title   <title>, whitespace collapsed (HTML in it reduced to text)
 *   date    RSS pubDate or dc:date; Atom published, else updated
 *   body    content:encoded, else description (RSS); content, else
 *           summary (Atom), read as HTML and reduced to paragraphs of text
 *           (Atom type="text" is taken as it is)
 *   source  the channel's / feed's title
 */
#ifndef NS_FEED_H
#define NS_FEED_H

#include <stddef.h>

#include "corpus.h"

/* 1 when data[0..n) is an XML document whose root is rss, feed or
 * rdf:RDF (after a BOM, the XML declaration, comments and a DOCTYPE). */
int ns_feed_sniff(const char *data, size_t n);

/* Hands each item of the feed data[0..n) to on_article (path and file_id
 * as for any article of that file).  Returns NS_OK, the callback's value
 * if it stopped, NS_ERR_INPUT when the data is not a feed at all, or
 * NS_ERR_NOMEM. */
int ns_feed_read(const char *data, size_t n, const char *path, const char *file_id,
		 ns_article_fn on_article, void *ctx);

#endif /* NS_FEED_H */
