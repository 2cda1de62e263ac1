/* SPDX-License-Identifier: MIT */
/* t_analyze.c -- the analyzer's stem cache gives the stemmer's own stems:
 * words that fit a cache slot and words that do not, first seen and seen
 * again, many words sharing slots; and the tag the indexer keeps there. */
#include <libstemmer.h>
#include <stdlib.h>

#include "analyze.h"
#include "error.h"
#include "unit.h"

/* The stem libstemmer itself gives for word, NUL-terminated in out. */
static void reference_stem(struct sb_stemmer *s, const char *word, char *out, size_t cap)
{
	const sb_symbol *r = sb_stemmer_stem(s, (const sb_symbol *)word, (int)strlen(word));
	int n = sb_stemmer_length(s);

	snprintf(out, cap, "%.*s", n, (const char *)r);
}

/* Word number i of a made-up vocabulary: short, cache-sized and long
 * words (up to 60 bytes), with inflections the stemmer removes. */
static void make_word(unsigned i, char *out, size_t cap)
{
	static const char *const ends[] = { "", "s", "ing", "ed", "ation", "ies", "ness" };
	unsigned len = 3 + (i * 7919u) % 55;
	size_t k = 0;

	for (unsigned j = 0; j < len && k + 1 < cap; j++)
		out[k++] = (char)('a' + (i * 31u + j * 17u + (i >> 3) * j) % 26);
	snprintf(out + k, cap - k, "%s", ends[i % 7]);
}

static void test_stems_match_libstemmer(void)
{
	struct ns_analyzer *a = NULL;
	struct sb_stemmer *s = sb_stemmer_new("english", "UTF_8");
	char word[80], want[80];
	size_t len;

	CHECK_INT_EQ(ns_analyzer_new("english", &a), NS_OK);
	if (!a || !s)
		goto out;
	/* 200000 words over 3 passes: far more words than slots, so slots
	 * are refilled; the later passes meet both hits and evictions */
	for (int pass = 0; pass < 3; pass++) {
		long bad = 0;
		for (unsigned i = 0; i < 200000; i++) {
			const char *t;
			make_word(pass == 1 ? i % 5000 : i, word, sizeof(word));
			t = ns_analyzer_stem(a, word, strlen(word), &len);
			reference_stem(s, word, want, sizeof(want));
			if (!t || len != strlen(want) || memcmp(t, want, len) != 0) {
				if (bad++ < 3)
					NS_UNIT_FAIL("stem of %s: \"%.*s\", libstemmer \"%s\"", word,
						     (int)len, t ? t : "", want);
			}
		}
		CHECK_INT_EQ(bad, 0);
	}
out:
	ns_analyzer_free(a);
	if (s)
		sb_stemmer_delete(s);
}

static void test_tags(void)
{
	struct ns_analyzer *a = NULL;
	struct ns_tokenizer t;
	struct ns_token tok;
	const char *term;
	size_t term_len;
	uint64_t *tag = NULL;
	/* 27 letters fit a slot, 28 do not (analyze.c: CACHE_WORD_MAX) */
	const char *text = "nations abcdefghijklmnopqrstuvwxyzabcdefgh nations";
	const char *fits = "abcdefghijklmnopqrstuvwxyza";

	CHECK_INT_EQ(ns_analyzer_new("english", &a), NS_OK);
	if (!a)
		return;
	ns_tok_init(&t, text, strlen(text), 0);
	CHECK(ns_analyzer_next_tagged(a, &t, &tok, &term, &term_len, &tag));
	CHECK(term_len == 6 && memcmp(term, "nation", 6) == 0);
	CHECK(tag != NULL && *tag == 0);
	if (tag)
		*tag = 42;	/* the indexer's term number */
	CHECK(ns_analyzer_next_tagged(a, &t, &tok, &term, &term_len, &tag));
	CHECK(tag == NULL);	/* too long for a slot: stemmed, not cached */
	CHECK_INT_EQ(term_len, 34);
	CHECK(ns_analyzer_next_tagged(a, &t, &tok, &term, &term_len, &tag));
	CHECK(tag != NULL && *tag == 42);	/* the slot kept it */
	CHECK(!ns_analyzer_next_tagged(a, &t, &tok, &term, &term_len, &tag));

	ns_tok_init(&t, fits, strlen(fits), 0);
	CHECK(ns_analyzer_next_tagged(a, &t, &tok, &term, &term_len, &tag));
	CHECK(tag != NULL);
	ns_analyzer_free(a);
}

NS_SUITE(analyze)
{
	test_stems_match_libstemmer();
	test_tags();
}
