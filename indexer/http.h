/* SPDX-License-Identifier: MIT */
/* http.h -- the payload of one recorded HTTP response (a WARC block).
 *
 * ns_http_parse() reads the status line and headers of msg[0..n) and
 * decodes the body: Transfer-Encoding chunked (chunk extensions and
 * trailers skipped; a cut last chunk keeps what arrived), then
 * Content-Encoding gzip, x-gzip or deflate (zlib or raw).  The decoded body
 * is cut at max_body bytes.  Header values are trimmed copies.
 */
#ifndef NS_HTTP_H
#define NS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct ns_http {
	int status;			/* e.g. 200; 0 when the status line is bad */
	struct ns_buf content_type;	/* media type, lowercased, without parameters */
	struct ns_buf charset;		/* charset parameter of Content-Type */
	struct ns_buf body;		/* decoded payload */
	struct ns_buf scratch;
};

void ns_http_init(struct ns_http *h);
void ns_http_release(struct ns_http *h);

/* Returns NS_OK, NS_ERR_INPUT (not an HTTP response: "what" tells why,
 * static), or NS_ERR_NOMEM.  A body whose content coding is damaged keeps
 * what inflated before the damage. */
int ns_http_parse(struct ns_http *h, const uint8_t *msg, size_t n, uint64_t max_body,
		  const char **what);

#endif /* NS_HTTP_H */
