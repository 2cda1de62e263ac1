/* SPDX-License-Identifier: MIT */
/* jsonl.h -- parse one line of JSON Lines into the string fields of an article.
 *
 * A line is one JSON object (RFC 8259).  The members read are id, title,
 * body, text, content, date, source and url (keys compared byte for byte
 * after unescaping, so "b\u006fdy" is body); every other member is skipped,
 * whatever its value (nested objects and arrays included, to any depth,
 * without recursion).  For the members read:
 *
 *   - a string value is decoded: every JSON escape, \uXXXX included; a
 *     surrogate pair becomes its code point, a lone surrogate U+FFFD, \u0000
 *     a space.  The result is valid UTF-8: raw invalid bytes become U+FFFD
 *     (see ns_utf8_append_clean), a raw NUL a space, CR LF becomes LF;
 *   - null reads as empty and counts as absent (so {"body": null, "text":
 *     "x"} has body "x", and {"id": null} falls back to the default id);
 *   - a number is taken verbatim as text for id only ({"id": 17} -> "17");
 *     numbers, true, false, objects and arrays are ignored for the others
 *     (they neither set nor clear the field);
 *   - duplicate keys: the last string or null wins.
 *
 * Leniency: raw control characters inside strings are accepted (strict JSON
 * wants them escaped); a UTF-8 BOM at the start of the line is skipped.
 * Whitespace around the object is allowed; anything else after it is an
 * error.  A line holding only whitespace is not an error: NS_DONE.
 *
 * Lines may be of any length: the parser is a single linear pass over the
 * bytes, and memory grows with the fields kept, never with nesting depth
 * beyond one byte per level.
 */
#ifndef NS_JSONL_H
#define NS_JSONL_H

#include <stddef.h>

#include "buf.h"

enum ns_jsonl_field {
	NS_JF_ID,
	NS_JF_TITLE,
	NS_JF_BODY,
	NS_JF_TEXT,
	NS_JF_CONTENT,
	NS_JF_DATE,
	NS_JF_SOURCE,
	NS_JF_URL,
	NS_JF_COUNT
};

/* Parser state and the fields of the last line parsed; reuse it for every
 * line of a file (the buffers keep their allocations). */
struct ns_jsonl {
	struct ns_buf val[NS_JF_COUNT];	/* decoded values */
	unsigned present;		/* bit (1u << field): had a value */
	struct ns_buf key;		/* scratch: the key being read */
	struct ns_buf stack;		/* scratch: nesting while skipping */
	size_t err_col;			/* after NS_ERR_INPUT: 1-based byte
					 * column of the error in the line */
	const char *err_what;		/* after NS_ERR_INPUT: short reason,
					 * e.g. "expected ':'" (static) */
};

void ns_jsonl_init(struct ns_jsonl *j);
void ns_jsonl_release(struct ns_jsonl *j);

/* Parses line[0..len) (no line terminator needed; a final CR is whitespace).
 * Returns NS_OK (fields set), NS_DONE (blank line, no fields),
 * NS_ERR_INPUT (malformed: err_col and err_what set, fields undefined) or
 * NS_ERR_NOMEM.  Reasons given: "expected '{'", "expected a string key",
 * "expected ':'", "expected a value", "expected ',' or '}'", "expected ','
 * or ']'", "unterminated string", "invalid escape", "invalid \\u escape",
 * "invalid number", "unexpected end of line", "trailing characters after
 * object". */
int ns_jsonl_parse(struct ns_jsonl *j, const char *line, size_t len);

/* 1 when the field had a value in the last line parsed (a string, or a
 * number for id), else 0. */
int ns_jsonl_has(const struct ns_jsonl *j, enum ns_jsonl_field f);

/* The field's NUL-terminated value after NS_OK, "" when absent; *len (may be
 * NULL) gets its length in bytes. */
const char *ns_jsonl_get(const struct ns_jsonl *j, enum ns_jsonl_field f, size_t *len);

/* The article text: body if present, else text, else content, else "". */
const char *ns_jsonl_body(const struct ns_jsonl *j, size_t *len);

/* Appends s[0..n) to out as valid UTF-8: each invalid sequence (maximal
 * subpart, as Unicode recommends: overlong forms, surrogates, code points
 * above U+10FFFF, stray continuation bytes, truncated sequences) becomes
 * U+FFFD, NUL becomes a space, CR LF becomes LF (also when the CR ended the
 * previous append to out).  Returns the number of invalid sequences. */
size_t ns_utf8_append_clean(struct ns_buf *out, const char *s, size_t n);

/* Length of the valid UTF-8 sequence at s[0..n) (1..4), or 0 when invalid,
 * with *bad (may be NULL) set to the bytes to replace by one U+FFFD. */
size_t ns_utf8_seq(const unsigned char *s, size_t n, size_t *bad);

#endif /* NS_JSONL_H */
