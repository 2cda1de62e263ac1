/* SPDX-License-Identifier: MIT */
/* htmllean.c -- a page's bytes without scripts, styles, SVG and comments
 * (see htmllean.h). */
#include "htmllean.h"

#include <string.h>
#include <strings.h>

#include "error.h"

#define NUL_SCAN 1024	/* bytes looked at for the NUL of UTF-16/32 */

int ns_html_lean_ok(const char *data, size_t n, const char *encoding)
{
	if (encoding && (strncasecmp(encoding, "utf-16", 6) == 0 ||
			 strncasecmp(encoding, "utf-32", 6) == 0 ||
			 strncasecmp(encoding, "ucs", 3) == 0 || strncasecmp(encoding, "utf16", 5) == 0 ||
			 strncasecmp(encoding, "utf32", 5) == 0))
		return 0;
	return memchr(data, 0, n < NUL_SCAN ? n : NUL_SCAN) == NULL;
}

/* Does s[0..n) start with the lowercase word w, any case? */
static int starts(const char *s, size_t n, const char *w)
{
	size_t l = strlen(w);
	return n >= l && strncasecmp(s, w, l) == 0;
}

static int name_end(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>';
}

/* The end (just past '>') of the tag at s[i] = '<', a quoted attribute
 * value being one piece; n when it does not end. */
static size_t tag_end(const char *s, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (s[i] == '>')
			return i + 1;
		if (s[i] == '=') {
			size_t j = i + 1;
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
				j++;
			if (j < n && (s[j] == '"' || s[j] == '\'')) {
				const char *q = memchr(s + j + 1, s[j], n - j - 1);
				if (!q)
					return n;
				i = (size_t)(q - s);
			}
		}
	}
	return n;
}

/* Where "</name" next starts in s[from..n), or n. */
static size_t end_tag(const char *s, size_t n, size_t from, const char *name)
{
	size_t l = strlen(name);

	for (size_t i = from; i + 2 + l <= n; i++) {
		const char *lt = memchr(s + i, '<', n - i);
		if (!lt)
			return n;
		i = (size_t)(lt - s);
		if (i + 2 + l <= n && s[i + 1] == '/' && strncasecmp(s + i + 2, name, l) == 0)
			return i;
	}
	return n;
}

/* Where the </svg> that closes the <svg> whose content starts at from
 * begins (nested <svg> counted), or n. */
static size_t svg_end(const char *s, size_t n, size_t from)
{
	int depth = 1;

	for (size_t i = from; i + 5 <= n; i++) {
		const char *lt = memchr(s + i, '<', n - i);
		if (!lt || (size_t)(lt - s) + 5 > n)
			return n;
		i = (size_t)(lt - s);
		if (s[i + 1] == '/' && strncasecmp(s + i + 2, "svg", 3) == 0) {
			if (--depth == 0)
				return i;
		} else if (strncasecmp(s + i + 1, "svg", 3) == 0 && name_end(s[i + 4])) {
			size_t e = tag_end(s, n, i);
			if (e >= n)
				return n;
			if (s[e - 2] != '/')
				depth++;
			i = e - 1;
		}
	}
	return n;
}

/* The attributes the readers look at (html.c, extract.c): all others
 * (src, srcset, alt, title, data-*, on*, ...) are left out of the lean
 * copy and of libxml2's tree, a third of a page's markup.  href is read on
 * <link> only (rel=canonical); charset and http-equiv stay for libxml2. */
static const char *const kept_attrs[] = {
	"class", "id", "style", "hidden", "aria-hidden", "role", "type", "property", "name",
	"content", "itemprop", "datetime", "rel", "href", "charset", "http-equiv", NULL,
};

int ns_html_kept_attr(const char *name, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; kept_attrs[i]; i++)
		if (kept_attrs[i][0] == (name[0] | 0x20) && strlen(kept_attrs[i]) == len &&
		    strncasecmp(kept_attrs[i], name, len) == 0)
			return 1;
	return 0;
}

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends the start tag s[i..e) (from '<' to just past '>', as tag_end()
 * found it) with only the attributes kept: its name, then each kept
 * attribute as written, then "/" when it closes itself. */
static void lean_tag(const char *s, size_t i, size_t e, struct ns_buf *out)
{
	size_t k = i + 1, name_e, end = e - 1;	/* s[end] == '>' */
	int is_link, self_closing = s[e - 2] == '/';

	while (k < end && !space(s[k]) && s[k] != '/')
		k++;
	name_e = k;
	is_link = name_e - i - 1 == 4 && strncasecmp(s + i + 1, "link", 4) == 0;
	ns_buf_append(out, s + i, name_e - i);
	while (k < end) {
		size_t an, ae, ve;
		while (k < end && (space(s[k]) || s[k] == '/'))
			k++;
		if (k >= end)
			break;
		an = k;
		while (k < end && !space(s[k]) && s[k] != '/' && s[k] != '=')
			k++;
		if (k == an)
			k++;	/* a stray '=': as the tokenizer, a name of its own */
		ae = k;
		ve = k;
		{
			size_t j = k;
			while (j < end && space(s[j]))
				j++;
			if (j < end && s[j] == '=') {
				j++;
				while (j < end && space(s[j]))
					j++;
				if (j < end && (s[j] == '"' || s[j] == '\'')) {
					const char *q = memchr(s + j + 1, s[j], end - j - 1);
					j = q ? (size_t)(q - s) + 1 : end;
				} else {
					while (j < end && !space(s[j]))
						j++;
					if (j == end)
						self_closing = 0;	/* "href=a/>": the '/' is the value's */
				}
				ve = k = j;
			}
		}
		if (ns_html_kept_attr(s + an, ae - an) &&
		    (is_link || ae - an != 4 || strncasecmp(s + an, "href", 4) != 0)) {
			ns_buf_putc(out, ' ');
			ns_buf_append(out, s + an, ve - an);
		}
	}
	if (self_closing)
		ns_buf_putc(out, '/');
	ns_buf_putc(out, '>');
}

/* Elements extract.c never takes text from (its `never` list) whose
 * content html.c does not read either: dropped as the raw ones, but they
 * are ordinary markup, so they end where their nesting does
 * (nest_end()), and one that seems to hold paragraphs or headings
 * (unclosed, or misused) stays whole. */
static const char *const emptied[] = {
	"template", "iframe", "object", "canvas", "math", "video", "audio", "button", "select",
	"textarea", "picture", "dialog", "figure", "figcaption", "label", "menu", "map", NULL,
};

/* The index in names[] of the tag name s[0..len) (any case), or that of
 * its NULL.  Most tags are short and common: their length and first
 * letter rule them out before any comparison. */
static size_t name_in(const char *const *names, const char *s, size_t len)
{
	size_t k;

	for (k = 0; names[k]; k++)
		if ((s[0] | 0x20) == names[k][0] && strlen(names[k]) == len &&
		    strncasecmp(s, names[k], len) == 0)
			break;
	return k;
}

/* Does s[i..n) start the tag "<name" or "</name" (end is 1)? */
static int tag_at(const char *s, size_t n, size_t i, const char *name, size_t l, int end)
{
	size_t k = i + 1 + (size_t)end;

	return k + l < n && (!end || s[i + 1] == '/') && strncasecmp(s + k, name, l) == 0 &&
	       name_end(s[k + l]);
}

/* Where the end tag that closes the element name whose content starts at
 * from begins (the same element nested counted), or n. */
static size_t nest_end(const char *s, size_t n, size_t from, const char *name)
{
	size_t l = strlen(name);
	int depth = 1;

	for (size_t i = from; i < n; i++) {
		const char *lt = memchr(s + i, '<', n - i);
		if (!lt)
			return n;
		i = (size_t)(lt - s);
		if (tag_at(s, n, i, name, l, 1)) {
			if (--depth == 0)
				return i;
		} else if (tag_at(s, n, i, name, l, 0)) {
			size_t e = tag_end(s, n, i);
			if (e >= n)
				return n;
			if (s[e - 2] != '/')
				depth++;
			i = e - 1;
		}
	}
	return n;
}

/* Does s[from..to) hold a tag of the article's text: a paragraph, a
 * heading, an article or main element? */
static int holds_text(const char *s, size_t from, size_t to)
{
	static const char *const text_tags[] = { "p", "h1", "h2", "h3", "article", "main", NULL };

	for (size_t i = from; i < to; i++) {
		const char *lt = memchr(s + i, '<', to - i);
		if (!lt)
			return 0;
		i = (size_t)(lt - s);
		for (size_t k = 0; text_tags[k]; k++)
			if (tag_at(s, to, i, text_tags[k], strlen(text_tags[k]), 0))
				return 1;
	}
	return 0;
}

/* The end of the run of two or more blanks at s[e..) that a tag follows,
 * or e: whitespace between tags, a fifth of a lean page's bytes (the
 * source's indentation), is one blank to the parser's text nodes and to
 * extraction, except in <pre>. */
static size_t blank_run(const char *s, size_t n, size_t e)
{
	size_t j = e;

	while (j < n && space(s[j]))
		j++;
	return j - e >= 2 && j < n && s[j] == '<' ? j : e;
}

/* Appends the one blank that stands for the run s[e..j): a newline when
 * it has one. */
static void put_blank(const char *s, size_t e, size_t j, struct ns_buf *out)
{
	ns_buf_putc(out, memchr(s + e, '\n', j - e) ? '\n' : ' ');
}

/* Is the start tag s[b..e) a JSON-LD script's? */
static int json_ld(const char *s, size_t b, size_t e)
{
	for (size_t i = b; i + 7 <= e; i++)
		if ((s[i] == 'l' || s[i] == 'L') && strncasecmp(s + i, "ld+json", 7) == 0)
			return 1;
	return 0;
}

int ns_html_lean(const char *s, size_t n, struct ns_buf *out)
{
	static const char *const raw[] = { "script", "style", "noscript", "svg", NULL };
	size_t i = 0, copied = 0;
	int in_pre = 0;		/* <pre> elements open: their blanks are text */

	if (ns_buf_reserve(out, n) != NS_OK)
		return NS_ERR_NOMEM;
	while (i < n) {
		const char *lt = memchr(s + i, '<', n - i);
		size_t drop_from, drop_to;
		if (!lt)
			break;
		i = (size_t)(lt - s);
		if (starts(s + i, n - i, "<!--")) {
			const char *e = NULL;
			for (size_t k = i + 4; k + 3 <= n && !e; k++) {
				const char *d = memchr(s + k, '-', n - k);
				if (!d)
					break;
				k = (size_t)(d - s);
				if (k + 3 <= n && d[1] == '-' && d[2] == '>')
					e = d;
			}
			if (!e)
				break;	/* unterminated: copied as it is */
			drop_from = i;
			drop_to = (size_t)(e - s) + 3;
		} else if (i + 1 < n && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')) {
			size_t e = tag_end(s, n, i), k;
			if (e >= n)
				break;
			size_t name_len = 0;
			while (i + 1 + name_len < n && !name_end(s[i + 1 + name_len]))
				name_len++;
			k = name_in(raw, s + i + 1, name_len);
			if (!raw[k] && s[e - 2] != '/') {
				size_t m = name_in(emptied, s + i + 1, name_len), to;
				if (emptied[m] && (to = nest_end(s, n, e, emptied[m])) < n &&
				    !holds_text(s, e, to)) {
					ns_buf_append(out, s + copied, i - copied);
					lean_tag(s, i, e, out);
					copied = i = to;
					continue;
				}
			}
			/* other tags, "<x/>" and JSON-LD stay; the parser ends
			 * "<script/>" at once too */
			if (!raw[k] || s[e - 2] == '/' || (k == 0 && json_ld(s, i, e))) {
				if (raw[k] && k == 0 && s[e - 2] != '/') {
					/* JSON-LD: copied to its end, "<" and all */
					i = end_tag(s, n, e, "script");
					continue;
				}
				/* the tag, leaner: from "<" to ">" again */
				size_t j;
				ns_buf_append(out, s + copied, i - copied);
				lean_tag(s, i, e, out);
				if (name_len == 3 && strncasecmp(s + i + 1, "pre", 3) == 0 &&
				    s[e - 2] != '/')
					in_pre++;
				copied = i = e;
				if (!in_pre && (j = blank_run(s, n, e)) > e) {
					put_blank(s, e, j, out);
					copied = i = j;
				}
				continue;
			}
			drop_from = e;
			drop_to = k == 3 ? svg_end(s, n, e) : end_tag(s, n, e, raw[k]);
			if (drop_to >= n)
				break;	/* unterminated: the rest is its content */
		} else if (i + 2 < n && s[i + 1] == '/' && ((s[i + 2] | 0x20) >= 'a' && (s[i + 2] | 0x20) <= 'z')) {
			size_t e = tag_end(s, n, i), j;
			if (e >= n)
				break;
			if (in_pre && tag_at(s, n, i, "pre", 3, 1))
				in_pre--;
			i = e;
			if (!in_pre && (j = blank_run(s, n, e)) > e) {
				ns_buf_append(out, s + copied, e - copied);
				put_blank(s, e, j, out);
				copied = i = j;
			}
			continue;
		} else {
			i++;
			continue;
		}
		ns_buf_append(out, s + copied, drop_from - copied);
		copied = i = drop_to;
	}
	ns_buf_append(out, s + copied, n - copied);
	return out->err ? NS_ERR_NOMEM : NS_OK;
}
