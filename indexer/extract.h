/* SPDX-License-Identifier: MIT */
/* extract.h -- the article inside a parsed web page (main-content extraction).
 *
 * ns_extract_main() finds the article's text in a libxml2 HTML tree and
 * drops the rest: navigation, menus, headers and footers, related links,
 * share bars, captions, cookie and subscription notices, comments, forms.
 * The method (extract.c) is Readability's, simplified:
 *
 *   1. prune elements that never hold article text (script, nav, aside,
 *      figure, form controls, hidden elements, ARIA landmarks other than
 *      main) and those whose class or id names boilerplate ("share",
 *      "related", "comment", "cookie", ...) unless they hold most of the page;
 *   2. score paragraph-like blocks by their text (length, commas) and credit
 *      their ancestors; the best-scored element, scaled by its link density,
 *      is the article, joined by those of its siblings that score close;
 *   3. render that subtree as text, dropping blocks that look like link
 *      lists, widgets or forms (link density, counts of images, list items
 *      and inputs against paragraphs).
 *
 * The text comes out as paragraphs: each block element (p, div, li, h1-h6,
 * blockquote, td, br, ...) starts one, whitespace inside is collapsed, and
 * paragraphs are separated by one blank line.  The tree is modified (pruned
 * elements are freed) and its _private pointers used while it runs.
 */
#ifndef NS_EXTRACT_H
#define NS_EXTRACT_H

#include <libxml/HTMLtree.h>

#include "buf.h"

/* Appends the main text of doc to out.  title (may be NULL or "") is the
 * page's headline: a heading in the text that repeats it is dropped.
 * Returns NS_OK or NS_ERR_NOMEM. */
int ns_extract_main(htmlDocPtr doc, const char *title, struct ns_buf *out);

/* Appends all the text of the subtree at node (scripts, styles and form
 * controls left out) to out, as paragraphs.  For fragments where there is
 * nothing to choose: a feed item's description.  NS_OK or NS_ERR_NOMEM. */
int ns_extract_text(xmlNodePtr node, struct ns_buf *out);

/* Appends the text of node with whitespace collapsed to single spaces and
 * trimmed, all on one line (for titles, headings). */
void ns_extract_line(xmlNodePtr node, struct ns_buf *out);

#endif /* NS_EXTRACT_H */
