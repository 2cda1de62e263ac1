/* SPDX-License-Identifier: MIT */
/* buf.h -- a growable byte buffer with a sticky error flag.
 *
 * Appends never fail loudly: the first allocation failure sets buf->err and
 * every later append is a no-op, so a builder's hot loop needs no checks and
 * the caller tests buf->err once at the end (as FTS5's p->rc).
 */
#ifndef NS_BUF_H
#define NS_BUF_H

#include <stddef.h>
#include <stdint.h>

struct ns_buf {
	uint8_t *data;	/* bytes; NULL until the first append */
	size_t len;	/* bytes used */
	size_t cap;	/* bytes allocated */
	int err;	/* NS_OK, or NS_ERR_NOMEM once an append failed */
};

#define NS_BUF_INIT { NULL, 0, 0, 0 }

void ns_buf_init(struct ns_buf *b);
/* Frees the bytes and leaves b empty and reusable. */
void ns_buf_release(struct ns_buf *b);
/* Keeps the allocation, forgets the contents (and the error). */
void ns_buf_reset(struct ns_buf *b);
/* Makes room for n more bytes; returns NS_OK or NS_ERR_NOMEM (sticky). */
int ns_buf_reserve(struct ns_buf *b, size_t n);
void ns_buf_append(struct ns_buf *b, const void *p, size_t n);
void ns_buf_putc(struct ns_buf *b, uint8_t c);
void ns_buf_puts(struct ns_buf *b, const char *s);
/* Little-endian fixed-width integers. */
void ns_buf_put_u32(struct ns_buf *b, uint32_t v);
void ns_buf_put_u64(struct ns_buf *b, uint64_t v);
/* LEB128 unsigned varint (see varint.h). */
void ns_buf_put_varint(struct ns_buf *b, uint64_t v);
/* Appends a NUL without counting it in len, so data can be used as a C
 * string; returns data or NULL after an error. */
char *ns_buf_cstr(struct ns_buf *b);
/* Hands the bytes to the caller (free() them) and leaves b empty. */
uint8_t *ns_buf_detach(struct ns_buf *b, size_t *len);

#endif /* NS_BUF_H */
