/* SPDX-License-Identifier: MIT */
/* jsonld.c -- schema.org article fields from JSON-LD blocks (see jsonld.h).
 *
 * A tolerant tokenizer rather than a validator: it walks the value once,
 * remembers which key each open level was entered through (to know that a
 * "name" belongs to a "publisher"), and stops quietly at the first fault.
 * jsonl.c is a strict one-line parser that keeps only top-level members, so
 * it cannot serve here.
 */
#include "jsonld.h"

#include <string.h>

#include "error.h"

enum key { K_NONE, K_HEADLINE, K_DATE, K_CREATED, K_BODY, K_PUBLISHER, K_NAME, K_OTHER };

void ns_jsonld_init(struct ns_jsonld *j)
{
	memset(j, 0, sizeof(*j));
}

void ns_jsonld_release(struct ns_jsonld *j)
{
	ns_buf_release(&j->headline);
	ns_buf_release(&j->date);
	ns_buf_release(&j->body);
	ns_buf_release(&j->publisher);
	ns_buf_release(&j->scratch);
	ns_buf_release(&j->stack);
}

void ns_jsonld_reset(struct ns_jsonld *j)
{
	ns_buf_reset(&j->headline);
	ns_buf_reset(&j->date);
	ns_buf_reset(&j->body);
	ns_buf_reset(&j->publisher);
	j->date_published = 0;
}

static void put_cp(struct ns_buf *b, unsigned long cp)
{
	uint8_t u[4];
	size_t n;

	if (cp == 0)
		cp = ' ';
	if (cp < 0x80) {
		u[0] = (uint8_t)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (uint8_t)(0xC0 | (cp >> 6));
		u[1] = (uint8_t)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (uint8_t)(0xE0 | (cp >> 12));
		u[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (uint8_t)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (uint8_t)(0xF0 | (cp >> 18));
		u[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (uint8_t)(0x80 | (cp & 0x3F));
		n = 4;
	}
	ns_buf_append(b, u, n);
}

static int hex4(const char *s, size_t n, size_t i, unsigned long *v)
{
	*v = 0;
	if (i + 4 > n)
		return -1;
	for (size_t k = i; k < i + 4; k++) {
		int c = (unsigned char)s[k], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		*v = *v * 16 + (unsigned long)d;
	}
	return 0;
}

/* Decodes the string whose opening quote is at s[*i] into out; *i ends
 * after the closing quote.  -1 when unterminated or badly escaped. */
static int read_string(const char *s, size_t n, size_t *i, struct ns_buf *out)
{
	size_t k = *i + 1, run;
	unsigned long cp, lo;

	ns_buf_reset(out);
	while (k < n) {
		run = k;
		while (k < n && s[k] != '"' && s[k] != '\\')
			k++;
		ns_buf_append(out, s + run, k - run);
		if (k >= n)
			return -1;
		if (s[k] == '"') {
			*i = k + 1;
			return 0;
		}
		if (++k >= n)
			return -1;
		switch (s[k]) {
		case 'n': ns_buf_putc(out, '\n'); break;
		case 't': ns_buf_putc(out, '\t'); break;
		case 'r': break;
		case 'b': case 'f': ns_buf_putc(out, ' '); break;
		case 'u':
			if (hex4(s, n, k + 1, &cp) != 0)
				return -1;
			k += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && k + 2 < n && s[k + 1] == '\\' &&
			    s[k + 2] == 'u' && hex4(s, n, k + 3, &lo) == 0 && lo >= 0xDC00 &&
			    lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				k += 6;
			} else if (cp >= 0xD800 && cp <= 0xDFFF) {
				cp = 0xFFFD;
			}
			put_cp(out, cp);
			break;
		default: ns_buf_putc(out, (uint8_t)s[k]); break;
		}
		k++;
	}
	return -1;
}

static enum key key_of(const struct ns_buf *b)
{
	static const struct { const char *name; enum key k; } keys[] = {
		{ "headline", K_HEADLINE }, { "datePublished", K_DATE },
		{ "dateCreated", K_CREATED }, { "articleBody", K_BODY },
		{ "publisher", K_PUBLISHER }, { "name", K_NAME },
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (b->len == strlen(keys[i].name) && memcmp(b->data, keys[i].name, b->len) == 0)
			return keys[i].k;
	return K_OTHER;
}

static void set_once(struct ns_buf *dst, const struct ns_buf *v)
{
	if (dst->len == 0 && v->len > 0)
		ns_buf_append(dst, v->data, v->len);
}

/* A string value met under key k, at a level entered through key parent. */
static void take(struct ns_jsonld *j, enum key k, enum key parent)
{
	const struct ns_buf *v = &j->scratch;

	switch (k) {
	case K_HEADLINE: set_once(&j->headline, v); break;
	case K_DATE:
		if (!j->date_published && v->len > 0) {
			ns_buf_reset(&j->date);
			ns_buf_append(&j->date, v->data, v->len);
			j->date_published = 1;
		}
		break;
	case K_CREATED: set_once(&j->date, v); break;
	case K_BODY:
		if (v->len > j->body.len) {
			ns_buf_reset(&j->body);
			ns_buf_append(&j->body, v->data, v->len);
		}
		break;
	case K_PUBLISHER: set_once(&j->publisher, v); break;
	case K_NAME:
		if (parent == K_PUBLISHER)
			set_once(&j->publisher, v);
		break;
	default: break;
	}
}

int ns_jsonld_scan(struct ns_jsonld *j, const char *s, size_t n)
{
	enum key via[NS_JSONLD_DEPTH];	/* key each open level was entered by */
	enum key key = K_NONE;		/* key of the value expected next */
	size_t i = 0, depth = 0;
	int expect_key = 0;

	ns_buf_reset(&j->stack);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') {
			if (c == ',' && depth > 0 && j->stack.data[depth - 1] == '{')
				expect_key = 1;
			i++;
			continue;
		}
		if (c == '{' || c == '[') {
			ns_buf_putc(&j->stack, c);
			if (depth < NS_JSONLD_DEPTH)
				via[depth] = key;	/* array items inherit it */
			depth++;
			expect_key = c == '{';
			if (c == '[' && depth <= NS_JSONLD_DEPTH)
				key = via[depth - 1];
			else
				key = K_NONE;
			i++;
			continue;
		}
		if (c == '}' || c == ']') {
			if (depth == 0)
				break;
			depth--;
			j->stack.len = depth;
			expect_key = 0;
			key = depth > 0 && j->stack.data[depth - 1] == '[' && depth <= NS_JSONLD_DEPTH
				      ? via[depth - 1]
				      : K_NONE;
			i++;
			continue;
		}
		if (c == '"') {
			if (read_string(s, n, &i, &j->scratch) != 0)
				break;
			if (expect_key) {
				key = key_of(&j->scratch);
				expect_key = 0;
				continue;
			}
			enum key parent = depth > 0 && depth <= NS_JSONLD_DEPTH ? via[depth - 1] : K_NONE;
			take(j, key, parent);
			if (depth > 0 && j->stack.data[depth - 1] == '{')
				key = K_NONE;
			continue;
		}
		/* numbers, true, false, null: skipped */
		while (i < n && !strchr(",]} \t\r\n", s[i]))
			i++;
		if (depth > 0 && j->stack.data[depth - 1] == '{')
			key = K_NONE;
	}
	if (j->headline.err || j->date.err || j->body.err || j->publisher.err || j->scratch.err ||
	    j->stack.err)
		return NS_ERR_NOMEM;
	return NS_OK;
}
