/* SPDX-License-Identifier: MIT */
/* kind.c -- which reader handles a file (kind.h). */
#include "kind.h"

#include <string.h>
#include <strings.h>

#include "feed.h"
#include "html.h"
#include "jsonl.h"

/* Names by their endings; the first match wins. */
static const struct {
	const char *suffix;
	enum ns_kind kind;
} by_suffix[] = {
	{ ".jsonl", NS_KIND_JSONL },
	{ ".ndjson", NS_KIND_JSONL },
	{ ".jsonl.gz", NS_KIND_JSONL },
	{ ".ndjson.gz", NS_KIND_JSONL },
	{ ".html", NS_KIND_HTML },
	{ ".htm", NS_KIND_HTML },
	{ ".xhtml", NS_KIND_HTML },
	{ ".html.gz", NS_KIND_HTML },
	{ ".htm.gz", NS_KIND_HTML },
	{ ".xhtml.gz", NS_KIND_HTML },
	{ ".rss", NS_KIND_FEED },
	{ ".atom", NS_KIND_FEED },
	{ ".rss.gz", NS_KIND_FEED },
	{ ".atom.gz", NS_KIND_FEED },
	{ ".warc", NS_KIND_WARC },
	{ ".warc.gz", NS_KIND_WARC },
};

static int has_suffix(const char *name, const char *suf)
{
	size_t n = strlen(name), k = strlen(suf);
	return n >= k && strcasecmp(name + n - k, suf) == 0;
}

enum ns_kind ns_kind_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(by_suffix) / sizeof(by_suffix[0]); i++)
		if (has_suffix(name, by_suffix[i].suffix))
			return by_suffix[i].kind;
	return NS_KIND_TEXT;
}

/* A NUL, or mostly invalid UTF-8 / control bytes, near the start. */
static int looks_binary(const unsigned char *s, size_t n)
{
	size_t lim = n < NS_KIND_SNIFF_BYTES ? n : NS_KIND_SNIFF_BYTES, bad = 0, i = 0;

	if (lim == 0)
		return 0;
	if (memchr(s, 0, lim))
		return 1;
	while (i < lim) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (c < 0x20 && !(c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
					  c == '\v' || c == 0x1B))
				bad++;
			i++;
			continue;
		}
		size_t sub, k = ns_utf8_seq(s + i, n - i, &sub);
		if (k) {
			i += k;
		} else {
			bad += sub;
			i += sub;
		}
	}
	return bad * 10 > lim * 3;
}

enum ns_kind ns_kind_sniff(enum ns_kind named, const unsigned char *s, size_t n)
{
	if (named == NS_KIND_WARC)
		return named;
	if (looks_binary(s, n))
		return NS_KIND_BINARY;
	if (named == NS_KIND_TEXT && ns_feed_sniff((const char *)s, n))
		return NS_KIND_FEED;
	if (named == NS_KIND_TEXT && ns_html_sniff((const char *)s, n))
		return NS_KIND_HTML;
	return named;
}
