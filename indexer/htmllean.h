/* SPDX-License-Identifier: MIT */
/* htmllean.h -- a page's bytes without what no reader of it looks at,
 * before libxml2 parses them.
 *
 * Half of a news page's bytes are scripts, style sheets, inline SVG and
 * comments; libxml2 spends a quarter of its time in them and then builds
 * nodes the extraction drops.  ns_html_lean() copies the page leaving out
 * the contents of <script> (except JSON-LD, which html.c reads), <style>,
 * <noscript> and <svg> elements (the start and end tags stay) and whole
 * comments, and the content of elements whose text no reader takes
 * (<template>, <iframe>, <button>, <select>, <figure>, <picture>, ...;
 * kept when it seems to hold paragraphs or headings), writes every other
 * start tag with only the attributes the readers look at
 * (ns_html_kept_attr()), and writes a run of blanks between two tags as
 * one (outside <pre>).  It is no parser: it follows
 * the HTML tokenizer's rules for where those elements end (the first
 * "</script" etc. followed by a space, "/" or ">", case ignored; <svg>
 * counted as it nests) and for where a tag ends, quoted attribute values
 * being one piece, so that a "<" inside them is not taken for markup.  Anything it does not recognise,
 * an unterminated element or comment included, is copied unchanged: libxml2
 * then sees what it would have seen.  Works on the bytes of any
 * ASCII-compatible encoding (not UTF-16/32, see ns_html_lean_ok()).
 */
#ifndef NS_HTMLLEAN_H
#define NS_HTMLLEAN_H

#include <stddef.h>

#include "buf.h"

/* Appends the lean copy of data[0..n) to out.  NS_OK or NS_ERR_NOMEM. */
int ns_html_lean(const char *data, size_t n, struct ns_buf *out);

/* Is name[0..len) (any case) an attribute html.c or extract.c reads:
 * class, id, style, hidden, aria-hidden, role, type, property, name,
 * content, itemprop, datetime, rel, href (on <link>), charset or
 * http-equiv? */
int ns_html_kept_attr(const char *name, size_t len);

/* Can data[0..n), to be decoded as encoding (may be NULL), be made lean:
 * no UTF-16/32 name and no NUL byte near the start? */
int ns_html_lean_ok(const char *data, size_t n, const char *encoding);

#endif /* NS_HTMLLEAN_H */
