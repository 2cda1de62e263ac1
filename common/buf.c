/* SPDX-License-Identifier: MIT */
/* buf.c -- growable byte buffer (see buf.h). */
#include "buf.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "varint.h"

void ns_buf_init(struct ns_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void ns_buf_release(struct ns_buf *b)
{
	free(b->data);
	ns_buf_init(b);
}

void ns_buf_reset(struct ns_buf *b)
{
	b->len = 0;
	b->err = NS_OK;
}

int ns_buf_reserve(struct ns_buf *b, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (b->err)
		return b->err;
	if (n <= b->cap - b->len)
		return NS_OK;
	if (n > SIZE_MAX / 2 - b->len) {
		b->err = NS_ERR_NOMEM;
		return b->err;
	}
	cap = b->cap ? b->cap : 64;
	while (cap - b->len < n)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->err = NS_ERR_NOMEM;
		return b->err;
	}
	b->data = p;
	b->cap = cap;
	return NS_OK;
}

void ns_buf_append(struct ns_buf *b, const void *p, size_t n)
{
	if (n == 0 || ns_buf_reserve(b, n) != NS_OK)
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void ns_buf_putc(struct ns_buf *b, uint8_t c)
{
	if (ns_buf_reserve(b, 1) != NS_OK)
		return;
	b->data[b->len++] = c;
}

void ns_buf_puts(struct ns_buf *b, const char *s)
{
	ns_buf_append(b, s, strlen(s));
}

void ns_buf_put_u32(struct ns_buf *b, uint32_t v)
{
	uint8_t t[4];
	for (int i = 0; i < 4; i++)
		t[i] = (uint8_t)(v >> (8 * i));
	ns_buf_append(b, t, 4);
}

void ns_buf_put_u64(struct ns_buf *b, uint64_t v)
{
	uint8_t t[8];
	for (int i = 0; i < 8; i++)
		t[i] = (uint8_t)(v >> (8 * i));
	ns_buf_append(b, t, 8);
}

void ns_buf_put_varint(struct ns_buf *b, uint64_t v)
{
	if (ns_buf_reserve(b, NS_VARINT_MAX64) != NS_OK)
		return;
	b->len += ns_varint_put(b->data + b->len, v);
}

char *ns_buf_cstr(struct ns_buf *b)
{
	if (ns_buf_reserve(b, 1) != NS_OK)
		return NULL;
	b->data[b->len] = 0;
	return (char *)b->data;
}

uint8_t *ns_buf_detach(struct ns_buf *b, size_t *len)
{
	uint8_t *p = b->data;

	if (len)
		*len = b->len;
	ns_buf_init(b);
	return p;
}
