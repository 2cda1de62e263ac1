/* SPDX-License-Identifier: MIT */
/* fuzz_tokenize.c -- the tokenizer and the analyzer on arbitrary bytes.
 *
 * Oracle (tokenize.h): every token is 1..NS_TOK_MAX_LEN bytes of valid
 * UTF-8 with no NUL, its span lies inside the text after the previous
 * token's, positions count up by one from first_pos, the tokenizer ends;
 * the English analyzer (Snowball) stems every token to 1..NS_TOK_MAX_LEN
 * bytes; and tokenizing a prefix of the text never reads past it (ASan:
 * the input is an exact-size heap copy).
 */
#include <string.h>

#include "analyze.h"
#include "error.h"
#include "fuzz.h"
#include "tokenize.h"

static struct ns_analyzer *english;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (ns_analyzer_new("english", &english) != NS_OK)
		abort();
	return 0;
}

static size_t tokenize(const uint8_t *data, size_t size, uint32_t first_pos, int stem)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	size_t prev_end = 0, n = 0;
	uint32_t pos = first_pos;

	ns_tok_init(&t, (const char *)data, size, first_pos);
	for (;;) {
		const char *term;
		size_t term_len;
		int more = stem ? ns_analyzer_next(english, &t, &tok, &term, &term_len)
				: ns_tok_next(&t, &tok);
		if (!more)
			break;
		FUZZ_CHECK(tok.term_len >= 1 && tok.term_len <= NS_TOK_MAX_LEN);
		FUZZ_CHECK(strlen(tok.term) == tok.term_len);
		FUZZ_CHECK(fuzz_valid_utf8(tok.term, tok.term_len));
		FUZZ_CHECK(tok.pos == pos);
		FUZZ_CHECK(tok.off >= prev_end && tok.off < size);
		FUZZ_CHECK(tok.len >= 1 && tok.len <= size - tok.off);
		if (stem) {
			FUZZ_CHECK(term_len >= 1 && term_len <= NS_TOK_MAX_LEN);
			FUZZ_CHECK(memchr(term, 0, term_len) == NULL);
		}
		prev_end = tok.off + tok.len;
		pos++;
		n++;
		FUZZ_CHECK(n <= size);
	}
	FUZZ_CHECK(ns_tok_position(&t) == pos);
	/* Finished stays finished. */
	FUZZ_CHECK(ns_tok_next(&t, &tok) == 0);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n;

	if (!english)
		LLVMFuzzerInitialize(NULL, NULL);
	n = tokenize(data, size, 0, 0);
	FUZZ_CHECK(tokenize(data, size, 1000, 1) == n);
	/* A cut anywhere, even inside a UTF-8 sequence, must be safe. */
	if (size > 1)
		tokenize(data, size / 2, UINT32_MAX - (uint32_t)size, 0);
	return 0;
}
