/* SPDX-License-Identifier: MIT */
/* jsonl.c -- one-line JSON object parser for JSON Lines (see jsonl.h).
 *
 * One linear pass; strings of members we keep are decoded straight into
 * their buffers, everything else is validated and skipped.  Nesting inside
 * skipped values is tracked in a byte stack on the heap, never by recursion,
 * so "[[[[..." a million deep costs a megabyte, not the C stack.
 */
#include "jsonl.h"

#include <string.h>

#include "error.h"

#define NOPE ((size_t)-1)

static const char *const field_names[NS_JF_COUNT] = {
	"id", "title", "body", "text", "content", "date", "source", "url",
};

/* ---- UTF-8 ---- */

size_t ns_utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else {
		if (bad)
			*bad = 1;
		return 0;
	}
	for (k = 1; k <= need; k++) {
		if (k >= n || s[k] < lo || s[k] > hi) {
			if (bad)
				*bad = k;
			return 0;
		}
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

static const char replacement[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

size_t ns_utf8_append_clean(struct ns_buf *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, r = 0, n_bad = 0, k, bad;

	if (ns_buf_reserve(out, n) != NS_OK)
		return 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (c == 0) {
				ns_buf_append(out, s + r, i - r);
				ns_buf_putc(out, ' ');
				r = ++i;
				continue;
			}
			if (c == '\n' && (i > r ? s[i - 1] == '\r'
						: out->len > 0 && out->data[out->len - 1] == '\r')) {
				if (i > r)
					ns_buf_append(out, s + r, i - 1 - r);
				else
					out->len--;
				ns_buf_putc(out, '\n');
				r = ++i;
				continue;
			}
			i++;
			continue;
		}
		k = ns_utf8_seq(s + i, n - i, &bad);
		if (k) {
			i += k;
			continue;
		}
		ns_buf_append(out, s + r, i - r);
		ns_buf_append(out, replacement, 3);
		n_bad++;
		i += bad;
		r = i;
	}
	ns_buf_append(out, s + r, n - r);
	return n_bad;
}

static void put_utf8(struct ns_buf *b, unsigned long cp)
{
	uint8_t t[4];

	if (cp < 0x80) {
		t[0] = (uint8_t)cp;
		ns_buf_append(b, t, 1);
	} else if (cp < 0x800) {
		t[0] = (uint8_t)(0xC0 | (cp >> 6));
		t[1] = (uint8_t)(0x80 | (cp & 0x3F));
		ns_buf_append(b, t, 2);
	} else if (cp < 0x10000) {
		t[0] = (uint8_t)(0xE0 | (cp >> 12));
		t[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (uint8_t)(0x80 | (cp & 0x3F));
		ns_buf_append(b, t, 3);
	} else {
		t[0] = (uint8_t)(0xF0 | (cp >> 18));
		t[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (uint8_t)(0x80 | (cp & 0x3F));
		ns_buf_append(b, t, 4);
	}
}

/* A decoded character that may end a CR LF pair. */
static void put_char(struct ns_buf *b, unsigned long cp)
{
	if (cp == 0)
		cp = ' ';
	if (cp == '\n' && b->len > 0 && b->data[b->len - 1] == '\r' && !b->err) {
		b->data[b->len - 1] = '\n';
		return;
	}
	put_utf8(b, cp);
}

/* ---- the parser ---- */

void ns_jsonl_init(struct ns_jsonl *j)
{
	memset(j, 0, sizeof(*j));
	for (int f = 0; f < NS_JF_COUNT; f++)
		ns_buf_init(&j->val[f]);
	ns_buf_init(&j->key);
	ns_buf_init(&j->stack);
}

void ns_jsonl_release(struct ns_jsonl *j)
{
	for (int f = 0; f < NS_JF_COUNT; f++)
		ns_buf_release(&j->val[f]);
	ns_buf_release(&j->key);
	ns_buf_release(&j->stack);
	j->present = 0;
}

static int fail(struct ns_jsonl *j, size_t i, const char *what)
{
	j->err_col = i + 1;
	j->err_what = what;
	return NS_ERR_INPUT;
}

static size_t ws(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at s[i..i+4): the value, or -1. */
static long hex4(const char *s, size_t len, size_t i)
{
	long v = 0;

	if (len < 4 || i > len - 4)
		return -1;
	for (size_t k = 0; k < 4; k++) {
		int h = hexval((unsigned char)s[i + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* The string whose opening quote is at *pi; decoded into out unless out is
 * NULL (then only checked).  *pi ends just past the closing quote. */
static int read_string(struct ns_jsonl *j, const char *s, size_t len, size_t *pi,
		       struct ns_buf *out)
{
	size_t q = *pi, i = q + 1, r;

	for (;;) {
		r = i;
		while (i < len && s[i] != '"' && s[i] != '\\')
			i++;
		if (out && i > r)
			ns_utf8_append_clean(out, s + r, i - r);
		if (i >= len)
			return fail(j, q, "unterminated string");
		if (s[i] == '"') {
			*pi = i + 1;
			return NS_OK;
		}
		/* a backslash */
		if (i + 1 >= len)
			return fail(j, q, "unterminated string");
		unsigned long cp;
		size_t adv = 2;
		switch (s[i + 1]) {
		case '"': cp = '"'; break;
		case '\\': cp = '\\'; break;
		case '/': cp = '/'; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u': {
			long u = hex4(s, len, i + 2), lo;
			if (u < 0)
				return fail(j, i, "invalid \\u escape");
			adv = 6;
			cp = (unsigned long)u;
			if (u >= 0xD800 && u <= 0xDBFF) {
				/* a high surrogate: pairs only with \uDC00..\uDFFF */
				if (i + 7 < len && s[i + 6] == '\\' && s[i + 7] == 'u' &&
				    (lo = hex4(s, len, i + 8)) >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + (((unsigned long)u - 0xD800) << 10) +
					     ((unsigned long)lo - 0xDC00);
					adv = 12;
				} else {
					cp = 0xFFFD;
				}
			} else if (u >= 0xDC00 && u <= 0xDFFF) {
				cp = 0xFFFD;
			}
			break;
		}
		default: return fail(j, i, "invalid escape");
		}
		if (out)
			put_char(out, cp);
		i += adv;
	}
}

/* A JSON number at i: its end, or NOPE. */
static size_t scan_number(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '-')
		i++;
	if (i >= len || s[i] < '0' || s[i] > '9')
		return NOPE;
	if (s[i] == '0')
		i++;
	else
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	if (i < len && s[i] == '.') {
		i++;
		if (i >= len || s[i] < '0' || s[i] > '9')
			return NOPE;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= len || s[i] < '0' || s[i] > '9')
			return NOPE;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i;
}

static int is_literal(const char *s, size_t len, size_t i, const char *w)
{
	size_t k = strlen(w);
	return len - i >= k && memcmp(s + i, w, k) == 0;
}

/* A scalar (string, number, true, false, null) at *pi, skipped. */
static int skip_scalar(struct ns_jsonl *j, const char *s, size_t len, size_t *pi)
{
	size_t i = *pi, e;
	char c = s[i];

	if (c == '"')
		return read_string(j, s, len, pi, NULL);
	if (c == '-' || (c >= '0' && c <= '9')) {
		e = scan_number(s, len, i);
		if (e == NOPE)
			return fail(j, i, "invalid number");
		*pi = e;
		return NS_OK;
	}
	if (is_literal(s, len, i, "true")) {
		*pi = i + 4;
		return NS_OK;
	}
	if (is_literal(s, len, i, "false")) {
		*pi = i + 5;
		return NS_OK;
	}
	if (is_literal(s, len, i, "null")) {
		*pi = i + 4;
		return NS_OK;
	}
	return fail(j, i, "expected a value");
}

/* Any value at *pi (i < len), skipped.  Containers are walked with a byte
 * stack of open brackets. */
static int skip_value(struct ns_jsonl *j, const char *s, size_t len, size_t *pi)
{
	enum { S_VALUE, S_VALUE_OR_CLOSE, S_KEY, S_KEY_OR_CLOSE, S_SEP } st;
	size_t i = *pi;
	struct ns_buf *stk = &j->stack;
	int rc;

	if (s[i] != '{' && s[i] != '[')
		return skip_scalar(j, s, len, pi);
	ns_buf_reset(stk);
	ns_buf_putc(stk, (uint8_t)s[i]);
	st = s[i] == '{' ? S_KEY_OR_CLOSE : S_VALUE_OR_CLOSE;
	i++;
	while (stk->len > 0) {
		char c, top;

		if (stk->err)
			return NS_ERR_NOMEM;
		i = ws(s, len, i);
		if (i >= len)
			return fail(j, i, "unexpected end of line");
		c = s[i];
		top = (char)stk->data[stk->len - 1];
		if (st == S_KEY_OR_CLOSE && c == '}') {
			stk->len--;
			i++;
			st = S_SEP;
		} else if (st == S_KEY_OR_CLOSE || st == S_KEY) {
			if (c != '"')
				return fail(j, i, "expected a string key");
			rc = read_string(j, s, len, &i, NULL);
			if (rc)
				return rc;
			i = ws(s, len, i);
			if (i >= len)
				return fail(j, i, "unexpected end of line");
			if (s[i] != ':')
				return fail(j, i, "expected ':'");
			i++;
			st = S_VALUE;
		} else if (st == S_VALUE_OR_CLOSE && c == ']') {
			stk->len--;
			i++;
			st = S_SEP;
		} else if (st == S_VALUE_OR_CLOSE || st == S_VALUE) {
			if (c == '{' || c == '[') {
				ns_buf_putc(stk, (uint8_t)c);
				st = c == '{' ? S_KEY_OR_CLOSE : S_VALUE_OR_CLOSE;
				i++;
			} else {
				rc = skip_scalar(j, s, len, &i);
				if (rc)
					return rc;
				st = S_SEP;
			}
		} else { /* S_SEP */
			if (c == ',') {
				i++;
				st = top == '{' ? S_KEY : S_VALUE;
			} else if (c == (top == '{' ? '}' : ']')) {
				stk->len--;
				i++;
			} else {
				return fail(j, i, top == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
			}
		}
	}
	*pi = i;
	return NS_OK;
}

static int field_of(const struct ns_buf *key)
{
	for (int f = 0; f < NS_JF_COUNT; f++) {
		size_t k = strlen(field_names[f]);
		if (key->len == k && memcmp(key->data, field_names[f], k) == 0)
			return f;
	}
	return -1;
}

/* The value of a member at s[*pi]: kept when it is a field's string, null
 * or (for id) number, else skipped. */
static int read_value(struct ns_jsonl *j, int f, const char *s, size_t len, size_t *pi)
{
	size_t i = *pi;
	char c = s[i];
	int rc;

	if (f >= 0 && c == '"') {
		ns_buf_reset(&j->val[f]);
		rc = read_string(j, s, len, &i, &j->val[f]);
		if (rc)
			return rc;
		j->present |= 1u << f;
	} else if (f >= 0 && is_literal(s, len, i, "null")) {
		ns_buf_reset(&j->val[f]);
		j->present &= ~(1u << f);
		i += 4;
	} else if (f == NS_JF_ID && (c == '-' || (c >= '0' && c <= '9'))) {
		size_t e = scan_number(s, len, i);
		if (e == NOPE)
			return fail(j, i, "invalid number");
		ns_buf_reset(&j->val[f]);
		ns_buf_append(&j->val[f], s + i, e - i);
		j->present |= 1u << f;
		i = e;
	} else {
		rc = skip_value(j, s, len, &i);
		if (rc)
			return rc;
	}
	*pi = i;
	return NS_OK;
}

/* One member, "key": value, at s[*pi]; *pi ends after the value. */
static int read_member(struct ns_jsonl *j, const char *s, size_t len, size_t *pi)
{
	size_t i = *pi;
	int rc, f;

	if (i >= len)
		return fail(j, i, "unexpected end of line");
	if (s[i] != '"')
		return fail(j, i, "expected a string key");
	ns_buf_reset(&j->key);
	rc = read_string(j, s, len, &i, &j->key);
	if (rc)
		return rc;
	if (j->key.err)
		return NS_ERR_NOMEM;
	f = field_of(&j->key);
	i = ws(s, len, i);
	if (i >= len)
		return fail(j, i, "unexpected end of line");
	if (s[i] != ':')
		return fail(j, i, "expected ':'");
	i = ws(s, len, i + 1);
	if (i >= len)
		return fail(j, i, "unexpected end of line");
	*pi = i;
	return read_value(j, f, s, len, pi);
}

int ns_jsonl_parse(struct ns_jsonl *j, const char *s, size_t len)
{
	size_t i = 0;
	int rc, f;

	j->present = 0;
	j->err_col = 0;
	j->err_what = NULL;
	for (f = 0; f < NS_JF_COUNT; f++)
		ns_buf_reset(&j->val[f]);
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	i = ws(s, len, i);
	if (i >= len)
		return NS_DONE;
	if (s[i] != '{')
		return fail(j, i, "expected '{'");
	i = ws(s, len, i + 1);
	if (i < len && s[i] == '}') {
		i++;
	} else {
		for (;;) {
			rc = read_member(j, s, len, &i);
			if (rc)
				return rc;
			i = ws(s, len, i);
			if (i >= len)
				return fail(j, i, "unexpected end of line");
			if (s[i] == ',') {
				i = ws(s, len, i + 1);
				continue;
			}
			if (s[i] == '}') {
				i++;
				break;
			}
			return fail(j, i, "expected ',' or '}'");
		}
	}
	i = ws(s, len, i);
	if (i < len)
		return fail(j, i, "trailing characters after object");
	for (f = 0; f < NS_JF_COUNT; f++)
		if (!ns_buf_cstr(&j->val[f]))
			return NS_ERR_NOMEM;
	return NS_OK;
}

int ns_jsonl_has(const struct ns_jsonl *j, enum ns_jsonl_field f)
{
	return (unsigned)f < NS_JF_COUNT && (j->present >> f) & 1u;
}

const char *ns_jsonl_get(const struct ns_jsonl *j, enum ns_jsonl_field f, size_t *len)
{
	if (!ns_jsonl_has(j, f) || !j->val[f].data) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = j->val[f].len;
	return (const char *)j->val[f].data;
}

const char *ns_jsonl_body(const struct ns_jsonl *j, size_t *len)
{
	if (ns_jsonl_has(j, NS_JF_BODY))
		return ns_jsonl_get(j, NS_JF_BODY, len);
	if (ns_jsonl_has(j, NS_JF_TEXT))
		return ns_jsonl_get(j, NS_JF_TEXT, len);
	return ns_jsonl_get(j, NS_JF_CONTENT, len);
}
