/* SPDX-License-Identifier: MIT */
/* http.c -- decode a recorded HTTP response (see http.h). */
#include "http.h"

#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "error.h"

void ns_http_init(struct ns_http *h)
{
	memset(h, 0, sizeof(*h));
}

void ns_http_release(struct ns_http *h)
{
	ns_buf_release(&h->content_type);
	ns_buf_release(&h->charset);
	ns_buf_release(&h->body);
	ns_buf_release(&h->scratch);
}

static int has_token(const char *v, size_t n, const char *tok)
{
	size_t t = strlen(tok);
	for (size_t i = 0; i + t <= n; i++)
		if (strncasecmp(v + i, tok, t) == 0)
			return 1;
	return 0;
}

/* Content-Type value v[0..n): media type and charset. */
static void content_type(struct ns_http *h, const char *v, size_t n)
{
	size_t i = 0;

	ns_buf_reset(&h->content_type);
	ns_buf_reset(&h->charset);
	while (i < n && v[i] != ';' && v[i] != ' ') {
		char c = v[i++];
		ns_buf_putc(&h->content_type, (uint8_t)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
	}
	for (; i + 8 <= n; i++) {
		if (strncasecmp(v + i, "charset=", 8) != 0)
			continue;
		size_t k = i + 8;
		if (k < n && (v[k] == '"' || v[k] == '\''))
			k++;
		while (k < n && v[k] != '"' && v[k] != '\'' && v[k] != ';' && v[k] != ' ')
			ns_buf_putc(&h->charset, (uint8_t)v[k++]);
		break;
	}
}

/* Undoes chunked transfer coding of s[0..n) into out. */
static void dechunk(const uint8_t *s, size_t n, struct ns_buf *out, uint64_t max)
{
	size_t i = 0;

	while (i < n) {
		uint64_t size = 0;
		int digits = 0;
		while (i < n) {
			int c = s[i], d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			if (size > (UINT64_MAX >> 4))
				return;
			size = size * 16 + (uint64_t)d;
			digits++;
			i++;
		}
		if (!digits)
			return;
		while (i < n && s[i] != '\n')	/* extensions, CR */
			i++;
		i++;
		if (size == 0 || i >= n)
			return;
		if (size > n - i)
			size = n - i;	/* cut short: keep what is there */
		if (out->len + size > max)
			size = max > out->len ? max - out->len : 0;
		ns_buf_append(out, s + i, (size_t)size);
		i += (size_t)size;
		while (i < n && (s[i] == '\r' || s[i] == '\n'))
			i++;
	}
}

/* Inflates s[0..n) (gzip, zlib or raw deflate) into out, at most max. */
static int inflate_into(const uint8_t *s, size_t n, struct ns_buf *out, uint64_t max)
{
	z_stream z;
	int raw = 0, rc;

again:
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
		return NS_ERR_NOMEM;
	z.next_in = (Bytef *)(uintptr_t)s;
	z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
	do {
		if (ns_buf_reserve(out, 65536) != NS_OK) {
			inflateEnd(&z);
			return NS_ERR_NOMEM;
		}
		z.next_out = out->data + out->len;
		z.avail_out = 65536;
		rc = inflate(&z, Z_NO_FLUSH);
		out->len += 65536 - z.avail_out;
		if (out->len >= max) {
			out->len = (size_t)max;
			break;
		}
	} while (rc == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
	inflateEnd(&z);
	if (rc == Z_DATA_ERROR && !raw && out->len == 0) {
		raw = 1;	/* "deflate" sent without its zlib wrapper */
		goto again;
	}
	return NS_OK;
}

int ns_http_parse(struct ns_http *h, const uint8_t *msg, size_t n, uint64_t max_body,
		  const char **what)
{
	const char *s = (const char *)msg;
	size_t i, body;
	int chunked = 0, coded = 0, rc = NS_OK;

	h->status = 0;
	ns_buf_reset(&h->content_type);
	ns_buf_reset(&h->charset);
	ns_buf_reset(&h->body);
	if (n < 12 || strncmp(s, "HTTP/", 5) != 0) {
		*what = "not an HTTP response";
		return NS_ERR_INPUT;
	}
	i = 5;
	while (i < n && s[i] != ' ')
		i++;
	while (i < n && s[i] == ' ')
		i++;
	for (int k = 0; k < 3 && i < n && s[i] >= '0' && s[i] <= '9'; k++)
		h->status = h->status * 10 + (s[i++] - '0');
	while (i < n && s[i] != '\n')
		i++;
	i++;
	/* header fields up to the blank line */
	for (;;) {
		size_t ls = i, le;
		if (i >= n) {
			*what = "HTTP headers cut short";
			return NS_ERR_INPUT;
		}
		while (i < n && s[i] != '\n')
			i++;
		le = i;
		i = i < n ? i + 1 : n;
		if (le > ls && s[le - 1] == '\r')
			le--;
		if (le == ls)
			break;
		const char *colon = memchr(s + ls, ':', le - ls);
		if (!colon)
			continue;
		size_t nl = (size_t)(colon - (s + ls));
		const char *v = colon + 1;
		while (v < s + le && (*v == ' ' || *v == '\t'))
			v++;
		size_t vn = (size_t)(s + le - v);
		if (nl == 12 && strncasecmp(s + ls, "Content-Type", 12) == 0)
			content_type(h, v, vn);
		else if (nl == 17 && strncasecmp(s + ls, "Transfer-Encoding", 17) == 0)
			chunked = has_token(v, vn, "chunked");
		else if (nl == 16 && strncasecmp(s + ls, "Content-Encoding", 16) == 0)
			coded = has_token(v, vn, "gzip") || has_token(v, vn, "deflate");
	}
	body = i;
	if (!chunked && !coded) {
		size_t k = n - body > max_body ? (size_t)max_body : n - body;
		ns_buf_append(&h->body, msg + body, k);
	} else {
		struct ns_buf *dst = coded ? &h->scratch : &h->body;
		ns_buf_reset(&h->scratch);
		if (chunked)
			dechunk(msg + body, n - body, dst, coded ? UINT64_MAX : max_body);
		else
			ns_buf_append(dst, msg + body, n - body);
		if (coded)
			rc = inflate_into(h->scratch.data ? h->scratch.data : (const uint8_t *)"",
					  h->scratch.len, &h->body, max_body);
	}
	ns_buf_cstr(&h->content_type);
	ns_buf_cstr(&h->charset);
	ns_buf_cstr(&h->body);
	if (rc == NS_OK && (h->body.err || h->scratch.err || h->content_type.err || h->charset.err))
		rc = NS_ERR_NOMEM;
	return rc;
}
