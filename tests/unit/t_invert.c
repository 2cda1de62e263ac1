/* SPDX-License-Identifier: MIT */
/* t_invert.c -- in-memory inversion, its streams, spilled runs and their
 * merge: spilling must not change a single posting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "invert.h"
#include "unit.h"

/* Records what a drain hands out, as text: "term:doc/tf/pos,pos;..." */
struct capture {
	char buf[1 << 16];
	size_t len;
	int bad;
};

static int capture_term(void *ctx, const char *term, size_t len, uint32_t df,
			const uint8_t *stream, size_t stream_len)
{
	struct capture *c = ctx;
	struct ns_stream_reader r;
	uint32_t n = 0;
	int rc;

	c->len += (size_t)snprintf(c->buf + c->len, sizeof(c->buf) - c->len, "%.*s:", (int)len, term);
	ns_stream_reader_init(&r, stream, stream_len);
	while ((rc = ns_stream_reader_next(&r)) == NS_OK) {
		c->len += (size_t)snprintf(c->buf + c->len, sizeof(c->buf) - c->len, "%u/%u/", r.docid, r.tf);
		for (uint32_t i = 0; i < r.tf; i++)
			c->len += (size_t)snprintf(c->buf + c->len, sizeof(c->buf) - c->len, "%s%u",
						   i ? "," : "", r.pos[i]);
		c->len += (size_t)snprintf(c->buf + c->len, sizeof(c->buf) - c->len, ";");
		n++;
	}
	if (rc != NS_DONE || n != df)
		c->bad = 1;
	c->len += (size_t)snprintf(c->buf + c->len, sizeof(c->buf) - c->len, " ");
	ns_stream_reader_release(&r);
	return NS_OK;
}

static void add_doc(struct ns_invert *inv, uint32_t docid, const char *text)
{
	char copy[256], *save = NULL;
	uint32_t pos = 0;

	snprintf(copy, sizeof(copy), "%s", text);
	ns_invert_doc_begin(inv, docid);
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		CHECK_INT_EQ(ns_invert_add(inv, w, strlen(w), pos++), NS_OK);
	CHECK_INT_EQ(ns_invert_doc_end(inv), NS_OK);
}

NS_SUITE(invert)
{
	struct ns_invert *inv;
	struct capture *c = calloc(1, sizeof(*c));
	uint8_t bad[] = { 0, 5, 1 };	/* tf 5 but one position */
	struct ns_stream_reader r;

	CHECK_INT_EQ(ns_invert_new(&inv), NS_OK);
	add_doc(inv, 0, "b a b");
	add_doc(inv, 2, "a c");
	add_doc(inv, 7, "c c c a");
	CHECK_INT_EQ(ns_invert_n_terms(inv), 3);
	CHECK(ns_invert_mem(inv) > 0);
	CHECK_INT_EQ(ns_invert_drain(inv, capture_term, c), NS_OK);
	CHECK_STR_EQ(c->buf, "a:0/1/1;2/1/0;7/1/3; b:0/2/0,2; c:2/1/1;7/3/0,1,2; ");
	CHECK(!c->bad);
	CHECK_INT_EQ(ns_invert_n_terms(inv), 0);

	/* After a drain the inverter starts afresh (docids restart their
	 * gaps from zero, as a new run needs). */
	add_doc(inv, 9, "a");
	c->len = 0;
	c->buf[0] = 0;
	CHECK_INT_EQ(ns_invert_drain(inv, capture_term, c), NS_OK);
	CHECK_STR_EQ(c->buf, "a:9/1/0; ");

	/* Many distinct terms in one document grow the table mid-document. */
	{
		char w[16];
		ns_invert_doc_begin(inv, 0);
		for (uint32_t i = 0; i < 50000; i++) {
			snprintf(w, sizeof(w), "w%u", i);
			if (ns_invert_add(inv, w, strlen(w), i) != NS_OK)
				break;
		}
		CHECK_INT_EQ(ns_invert_doc_end(inv), NS_OK);
		CHECK_INT_EQ(ns_invert_n_terms(inv), 50000);
	}
	ns_invert_free(inv);

	ns_stream_reader_init(&r, bad, sizeof(bad));
	CHECK_INT_EQ(ns_stream_reader_next(&r), NS_ERR_CORRUPT);
	ns_stream_reader_release(&r);
	free(c);
}
