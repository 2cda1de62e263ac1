/* SPDX-License-Identifier: MIT */
/* fuzz_jsonl.c -- the JSON Lines parser on arbitrary bytes.
 *
 * The input is parsed whole as one line, then split at '\n' and parsed line
 * by line with the same (reused) parser state, as the indexer does.
 * Oracle (jsonl.h): the result is NS_OK, NS_DONE, NS_ERR_INPUT (with a
 * column inside the line + 1 and a reason) or NS_ERR_NOMEM; after NS_OK
 * every field is valid UTF-8 with no NUL and ns_jsonl_get's length is its
 * strlen; a field is present only when it has a value.  A line that parses
 * must parse the same again (no state leaks from line to line).
 */
#include <string.h>

#include "error.h"
#include "fuzz.h"
#include "jsonl.h"

static struct ns_jsonl js, js2;
static int ready;

static void check_line(struct ns_jsonl *j, const char *s, size_t len)
{
	int rc = ns_jsonl_parse(j, s, len);

	FUZZ_CHECK(rc == NS_OK || rc == NS_DONE || rc == NS_ERR_INPUT || rc == NS_ERR_NOMEM);
	if (rc == NS_ERR_INPUT) {
		FUZZ_CHECK(j->err_col >= 1 && j->err_col <= len + 1);
		FUZZ_CHECK(j->err_what && *j->err_what);
		return;
	}
	if (rc != NS_OK)
		return;
	for (int f = 0; f < NS_JF_COUNT; f++) {
		size_t n = 12345;
		const char *v = ns_jsonl_get(j, (enum ns_jsonl_field)f, &n);
		FUZZ_CHECK(v != NULL);
		FUZZ_CHECK(strlen(v) == n);
		FUZZ_CHECK(fuzz_valid_utf8(v, n));
		if (!ns_jsonl_has(j, (enum ns_jsonl_field)f))
			FUZZ_CHECK(n == 0);
	}
	{
		size_t n;
		const char *body = ns_jsonl_body(j, &n);
		FUZZ_CHECK(strlen(body) == n);
	}
	/* Parsing it again with a fresh parser gives the same fields. */
	FUZZ_CHECK(ns_jsonl_parse(&js2, s, len) == NS_OK);
	for (int f = 0; f < NS_JF_COUNT; f++) {
		size_t a, b;
		const char *va = ns_jsonl_get(j, (enum ns_jsonl_field)f, &a);
		const char *vb = ns_jsonl_get(&js2, (enum ns_jsonl_field)f, &b);
		FUZZ_CHECK(a == b && memcmp(va, vb, a) == 0);
		FUZZ_CHECK(ns_jsonl_has(j, (enum ns_jsonl_field)f) ==
			   ns_jsonl_has(&js2, (enum ns_jsonl_field)f));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t start = 0;

	if (!ready) {
		ns_jsonl_init(&js);
		ns_jsonl_init(&js2);
		ready = 1;
	}
	check_line(&js, s, size);
	while (start < size) {
		const char *nl = memchr(s + start, '\n', size - start);
		size_t end = nl ? (size_t)(nl - s) : size;
		check_line(&js, s + start, end - start);
		start = end + 1;
	}
	{
		/* ns_utf8_append_clean always yields valid UTF-8 without NUL. */
		struct ns_buf b = NS_BUF_INIT;
		ns_utf8_append_clean(&b, s, size);
		FUZZ_CHECK(b.err || (fuzz_valid_utf8(b.data, b.len) &&
				     (b.len == 0 || !memchr(b.data, 0, b.len))));
		ns_buf_release(&b);
	}
	return 0;
}
