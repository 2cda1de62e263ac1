/* SPDX-License-Identifier: MIT */
/* textart.c -- title, body and date of a plain-text article (textart.h). */
#include "textart.h"

#include <string.h>

#include "date.h"
#include "error.h"
#include "jsonl.h"
#include "textclean.h"

#define TITLE_MAX_BYTES 200
#define TITLE_MAX_WORDS 30
#define DATE_SCAN_BYTES 1000
#define KEEP_BYTES (64u << 20)	/* text buffer kept between files */

int ns_textart_is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int blank_span(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!ns_textart_is_blank((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Only blanks and line feeds. */
static int blank_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\n' && !ns_textart_is_blank((unsigned char)s[i]))
			return 0;
	return 1;
}

static size_t line_end(const char *t, size_t n, size_t i)
{
	const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;
	return nl ? (size_t)(nl - t) : n;
}

/* The title rule (see textart.h).  Sets [*ts, *te) to the title
 * (empty when none) and *body to the offset where the body starts. */
static void split_title(const char *t, size_t n, size_t *ts, size_t *te, size_t *body)
{
	size_t i = 0, ls, le, a, b, r, words = 0;
	int next_blank = 0, punct;

	*ts = *te = *body = 0;
	for (;;) {
		ls = i;
		le = line_end(t, n, i);
		/* labels ("TAGS", "Key Takeaways") are not headlines */
		if (!blank_span(t + ls, le - ls) && !ns_textclean_is_label(t + ls, le - ls))
			break;
		if (le >= n)
			return;
		i = le + 1;
	}
	a = ls;
	b = le;
	while (a < b && ns_textart_is_blank((unsigned char)t[a]))
		a++;
	while (b > a && ns_textart_is_blank((unsigned char)t[b - 1]))
		b--;
	for (size_t k = a; k < b; k++)
		if (!ns_textart_is_blank((unsigned char)t[k]) && (k == a || ns_textart_is_blank((unsigned char)t[k - 1])))
			words++;
	if (le < n) {
		size_t e2 = line_end(t, n, le + 1);
		next_blank = blank_span(t + le + 1, e2 - le - 1);
	}
	r = le < n ? le + 1 : n;
	while (r < n) {
		size_t e2 = line_end(t, n, r);
		if (!blank_span(t + r, e2 - r))
			break;
		r = e2 < n ? e2 + 1 : n;
	}
	punct = strchr(".:;,", t[b - 1]) != NULL;
	if (b - a <= TITLE_MAX_BYTES && words <= TITLE_MAX_WORDS && r < n &&
	    (next_blank || !punct)) {
		*ts = a;
		*te = b;
		*body = r;
	}
}

void ns_textart_init(struct ns_textart *t)
{
	memset(t, 0, sizeof(*t));
	ns_buf_init(&t->text);
	ns_buf_init(&t->title);
	ns_buf_init(&t->date);
	t->date_key = NS_DATE_NONE;
}

void ns_textart_release(struct ns_textart *t)
{
	ns_buf_release(&t->text);
	ns_buf_release(&t->title);
	ns_buf_release(&t->date);
}

int ns_textart_parse(struct ns_textart *t, const char *raw, size_t n)
{
	size_t ts, te, doff = 0, dlen = 0;
	int64_t key = NS_DATE_NONE;
	const char *s;

	/* the text of one huge file is not kept for the rest of the walk */
	if (t->text.cap > KEEP_BYTES)
		ns_buf_release(&t->text);
	if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		raw += 3;
		n -= 3;
	}
	ns_buf_reset(&t->text);
	ns_utf8_append_clean(&t->text, raw ? raw : "", n);
	if (ns_textclean_lists(&t->text) != NS_OK)
		return NS_ERR_NOMEM;
	s = ns_buf_cstr(&t->text);
	if (!s)
		return NS_ERR_NOMEM;
	n = t->text.len;
	if (blank_text(s, n))
		return NS_DONE;
	split_title(s, n, &ts, &te, &t->body_off);
	ns_buf_reset(&t->title);
	ns_buf_append(&t->title, s + ts, te - ts);
	ns_buf_reset(&t->date);
	if (ns_date_find(s, n, DATE_SCAN_BYTES, &key, &doff, &dlen) == 0)
		ns_buf_append(&t->date, s + doff, dlen);
	else
		key = NS_DATE_NONE;
	t->date_key = key;
	if (!ns_buf_cstr(&t->title) || !ns_buf_cstr(&t->date))
		return NS_ERR_NOMEM;
	return NS_OK;
}

const char *ns_textart_title(const struct ns_textart *t)
{
	return (const char *)t->title.data;
}

const char *ns_textart_body(const struct ns_textart *t, size_t *len)
{
	*len = t->text.len - t->body_off;
	return (const char *)t->text.data + t->body_off;
}

const char *ns_textart_date(const struct ns_textart *t, int64_t *key)
{
	*key = t->date_key;
	return (const char *)t->date.data;
}
