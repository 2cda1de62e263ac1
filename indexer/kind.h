/* SPDX-License-Identifier: MIT */
/* kind.h -- which reader handles a file: by its name, then by its bytes.
 *
 * The one place that decides how a source file is read.  First its name:
 * a table of suffixes (case-insensitive, ".gz" written out) gives the kind;
 * a name the table does not know is a plain-text article.  Then its first
 * bytes (NS_KIND_SNIFF_BYTES of content, after gzip is inflated) may
 * overrule the name: today only to say the file is binary and skipped.
 *
 * To add a format: a value in enum ns_kind, its suffixes in kind.c's
 * table (and a test of its content in ns_kind_sniff when the name alone
 * cannot tell), and its reader in corpus.c's table of readers.
 */
#ifndef NS_KIND_H
#define NS_KIND_H

#include <stddef.h>

enum ns_kind {
	NS_KIND_TEXT,		/* one plain-text article per file */
	NS_KIND_JSONL,		/* JSON Lines: one article per line */
	NS_KIND_BINARY,		/* not text: skipped (from sniffing only) */
	NS_KIND_HTML,		/* one web page (html.h) */
	NS_KIND_FEED,		/* RSS or Atom: one article per item (feed.h) */
	NS_KIND_WARC,		/* WARC: one article per HTML response (web.h) */
};

/* Content bytes ns_kind_sniff looks at, when the file has them. */
#define NS_KIND_SNIFF_BYTES 8192

/* The kind a file name says (only the name is looked at: a path works). */
enum ns_kind ns_kind_by_name(const char *name);

/* The kind of a file named as `named` says, whose content starts with
 * s[0..n) (n >= NS_KIND_SNIFF_BYTES unless the content is shorter).
 * Binary: a NUL byte, or more than 30% of the first NS_KIND_SNIFF_BYTES
 * bytes being invalid UTF-8 or control characters other than TAB, LF,
 * CR, FF, VT and ESC (a NUL further on is only replaced by a space).
 * A WARC is never binary (its records carry images).  A file named as
 * plain text (".xml" included) that is not binary is a feed when its root
 * element is rss, feed or rdf:RDF (feed.h), a web page when it starts like
 * an HTML document (html.h). */
enum ns_kind ns_kind_sniff(enum ns_kind named, const unsigned char *s, size_t n);

#endif /* NS_KIND_H */
