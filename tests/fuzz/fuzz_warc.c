/* SPDX-License-Identifier: MIT */
/* fuzz_warc.c -- the WARC record reader (warc.c) and the HTTP payload
 * decoder (http.c) on arbitrary bytes.
 *
 * The input is fed whole, then again in pieces whose sizes come from the
 * input itself.  Oracle (warc.h): the same records come out either way
 * (count, target URIs, block lengths and a checksum of the blocks), no
 * block is longer than the limit, and ns_warc_feed/finish return NS_OK.
 * Each block is decoded as HTTP: NS_OK or NS_ERR_INPUT, a body within
 * the limit.
 */
#include <string.h>

#include "error.h"
#include "fuzz.h"
#include "http.h"
#include "warc.h"

#define LIMIT 4096

struct seen {
	uint64_t n, sum, problems;
	struct ns_http *http;
};

static int on_rec(void *ctx, const char *uri, const char *date, const uint8_t *b, size_t n)
{
	struct seen *s = ctx;
	const char *what;
	int rc;

	FUZZ_CHECK(n <= LIMIT);
	FUZZ_CHECK(uri && date);
	s->n++;
	for (size_t i = 0; i < n; i++)
		s->sum = s->sum * 31 + b[i];
	for (const char *u = uri; *u; u++)
		s->sum = s->sum * 7 + (unsigned char)*u;
	rc = ns_http_parse(s->http, b, n, LIMIT, &what);
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_INPUT || rc == NS_ERR_NOMEM);
	if (rc == NS_OK)
		FUZZ_CHECK(s->http->body.len <= LIMIT);
	return NS_OK;
}

static void on_prob(void *ctx, uint64_t off, const char *what)
{
	struct seen *s = ctx;
	(void)off;
	FUZZ_CHECK(what && *what);
	s->problems++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_http http;
	struct seen a = { 0, 0, 0, &http }, b = { 0, 0, 0, &http };
	struct ns_warc w;
	size_t i = 0, k = 0;

	ns_http_init(&http);
	ns_warc_init(&w, LIMIT, on_rec, on_prob, &a);
	FUZZ_CHECK(ns_warc_feed(&w, data, size) == NS_OK);
	FUZZ_CHECK(ns_warc_finish(&w) == NS_OK);
	ns_warc_release(&w);
	ns_warc_init(&w, LIMIT, on_rec, on_prob, &b);
	while (i < size) {
		size_t piece = 1 + (size ? data[k++ % size] % 97 : 0);
		if (piece > size - i)
			piece = size - i;
		FUZZ_CHECK(ns_warc_feed(&w, data + i, piece) == NS_OK);
		i += piece;
	}
	FUZZ_CHECK(ns_warc_finish(&w) == NS_OK);
	ns_warc_release(&w);
	FUZZ_CHECK(a.n == b.n && a.sum == b.sum && a.problems == b.problems);
	ns_http_release(&http);
	return 0;
}
