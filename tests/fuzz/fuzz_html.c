/* SPDX-License-Identifier: MIT */
/* fuzz_html.c -- the web page reader (html.c, extract.c, jsonld.c,
 * textdate.c) on arbitrary bytes.
 *
 * The input is read as a page twice: with no charset and with one (the
 * first line of the input, as an HTTP header would give it).  Oracle
 * (html.h): NS_OK or NS_ERR_INPUT (or NS_ERR_NOMEM); after NS_OK every
 * field is valid UTF-8 without NUL, the title and date hold no newline,
 * the body has no blank run of three newlines and no leading or trailing
 * newline, and a date_key is set exactly when a date is.  Reading the
 * same bytes again gives the same article (no state kept between pages).
 */
#include <string.h>

#include "date.h"
#include "error.h"
#include "fuzz.h"
#include "html.h"

static struct ns_page p, q;
static int ready;

static void check_page(const struct ns_page *pg)
{
	const struct ns_buf *f[] = { &pg->title, &pg->date, &pg->source, &pg->url, &pg->body };
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		FUZZ_CHECK(fuzz_valid_utf8(f[i]->data, f[i]->len));
		FUZZ_CHECK(f[i]->len == 0 || !memchr(f[i]->data, 0, f[i]->len));
	}
	FUZZ_CHECK(pg->title.len == 0 || !memchr(pg->title.data, '\n', pg->title.len));
	FUZZ_CHECK(pg->date.len == 0 || !memchr(pg->date.data, '\n', pg->date.len));
	FUZZ_CHECK((pg->date.len > 0) == (pg->date_key != NS_DATE_NONE));
	if (pg->body.len) {
		FUZZ_CHECK(pg->body.data[0] != '\n' && pg->body.data[pg->body.len - 1] != '\n');
		for (size_t i = 0; i + 2 < pg->body.len; i++)
			FUZZ_CHECK(!(pg->body.data[i] == '\n' && pg->body.data[i + 1] == '\n' &&
				     pg->body.data[i + 2] == '\n'));
	}
}

static int same(const struct ns_buf *a, const struct ns_buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	char cs[32] = "";
	int rc;

	if (!ready) {
		ns_page_init(&p);
		ns_page_init(&q);
		ready = 1;
	}
	rc = ns_html_read(&p, s, size, NULL, "https://fuzz.example/2024/01/02/x");
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_INPUT || rc == NS_ERR_NOMEM);
	if (rc == NS_OK) {
		check_page(&p);
		FUZZ_CHECK(ns_html_read(&q, s, size, NULL, "https://fuzz.example/2024/01/02/x") ==
			   NS_OK);
		FUZZ_CHECK(same(&p.title, &q.title) && same(&p.body, &q.body) &&
			   same(&p.date, &q.date) && same(&p.url, &q.url) &&
			   same(&p.source, &q.source));
	}
	if (nl && (size_t)(nl - s) < sizeof(cs)) {
		memcpy(cs, s, (size_t)(nl - s));
		cs[nl - s] = 0;
		rc = ns_html_read(&p, nl + 1, size - (size_t)(nl - s) - 1, cs, NULL);
		FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_INPUT || rc == NS_ERR_NOMEM);
		if (rc == NS_OK)
			check_page(&p);
	}
	return 0;
}
