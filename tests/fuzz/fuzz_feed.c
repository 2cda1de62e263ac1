/* SPDX-License-Identifier: MIT */
/* fuzz_feed.c -- the RSS/Atom reader (feed.c) on arbitrary bytes.
 *
 * Oracle (feed.h): NS_OK or NS_ERR_INPUT (or NS_ERR_NOMEM); every item
 * handed out has a non-empty id, all its strings are valid UTF-8 with
 * their lengths as given, a date_key exactly when a date; ns_feed_sniff
 * never reads past the input (ASan).
 */
#include <string.h>

#include "date.h"
#include "error.h"
#include "feed.h"
#include "fuzz.h"

static int on_item(void *ctx, const struct ns_article *a)
{
	(void)ctx;
	FUZZ_CHECK(a->id && *a->id);
	FUZZ_CHECK(fuzz_valid_utf8(a->id, strlen(a->id)));
	FUZZ_CHECK(fuzz_valid_utf8(a->title, strlen(a->title)));
	FUZZ_CHECK(strlen(a->body) == a->body_len);
	FUZZ_CHECK(fuzz_valid_utf8(a->body, a->body_len));
	FUZZ_CHECK(fuzz_valid_utf8(a->source, strlen(a->source)));
	FUZZ_CHECK(fuzz_valid_utf8(a->url, strlen(a->url)));
	FUZZ_CHECK((*a->date != 0) == (a->date_key != NS_DATE_NONE));
	return NS_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int rc;

	(void)ns_feed_sniff((const char *)data, size);
	rc = ns_feed_read((const char *)data, size, "fuzz.rss", "fuzz.rss", on_item, NULL);
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_INPUT || rc == NS_ERR_NOMEM);
	return 0;
}
