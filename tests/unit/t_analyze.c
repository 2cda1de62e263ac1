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

/* The read-ahead hook's record: the hashes it was given, in order. */
struct ahead_log {
	uint32_t hash[64];
	unsigned n;
};

static void log_ahead(void *ctx, uint32_t hash)
{
	struct ahead_log *l = ctx;

	if (l->n < 64)
		l->hash[l->n] = hash;
	l->n++;
}

/* The walk that reads ahead hands out what the tokenizer and
 * ns_analyzer_next_tagged() do: tokens, terms, tags (slots shared by
 * words, words too long for a slot), the position after the end; and its
 * hook sees each word's hash NS_WALK_AHEAD - 1 words early. */
static void test_walk(const char *lang)
{
	struct ns_analyzer *a = NULL, *b = NULL;
	struct ns_term_walk w;
	struct ns_tokenizer t;
	struct ns_token tw, tt;
	struct ahead_log log = { { 0 }, 0 };
	const char *term_w, *term_t;
	size_t len_w, len_t;
	uint64_t *tag_w, *tag_t;
	unsigned n = 0;
	const char *text = "Nations' banks said: the nation's BANKING rates, 3.5% rates "
			   "abcdefghijklmnopqrstuvwxyzabcdefgh, nations said banks "
			   "U.S. Straße naïve said said rates x";

	CHECK_INT_EQ(ns_analyzer_new(lang, &a), NS_OK);
	CHECK_INT_EQ(ns_analyzer_new(lang, &b), NS_OK);
	if (!a || !b)
		goto out;
	ns_term_walk_init(&w, text, strlen(text), 5);
	ns_term_walk_set_ahead(&w, log_ahead, &log);
	ns_tok_init(&t, text, strlen(text), 5);
	for (;;) {
		int more_w = ns_term_walk_next(a, &w, &tw, &term_w, &len_w, &tag_w);
		int more_t = ns_analyzer_next_tagged(b, &t, &tt, &term_t, &len_t, &tag_t);
		CHECK_INT_EQ(more_w, more_t);
		if (!more_w || !more_t)
			break;
		CHECK(tw.term_len == tt.term_len && memcmp(tw.term, tt.term, tt.term_len) == 0);
		CHECK(tw.pos == tt.pos && tw.off == tt.off && tw.len == tt.len);
		CHECK(len_w == len_t && memcmp(term_w, term_t, len_t) == 0);
		CHECK((tag_w == NULL) == (tag_t == NULL));
		if (tag_w && tag_t) {
			CHECK(*tag_w == *tag_t);
			*tag_w = *tag_t = 1000 + n;	/* as the indexer does */
		}
		CHECK_INT_EQ(ns_term_walk_hash(&w), ns_word_hash(tt.term, tt.term_len));
		/* the hook has seen this word and up to NS_WALK_AHEAD - 1 more */
		CHECK(log.n > n && log.n <= n + NS_WALK_AHEAD);
		if (n < 64)
			CHECK_INT_EQ(log.hash[n], ns_word_hash(tt.term, tt.term_len));
		n++;
	}
	CHECK(n > 2 * NS_WALK_AHEAD);
	CHECK_INT_EQ(log.n, n);
	CHECK_INT_EQ(ns_term_walk_position(&w), ns_tok_position(&t));
	/* a second text on the same walk starts afresh */
	ns_term_walk_init(&w, "banks", 5, 0);
	CHECK(ns_term_walk_next(a, &w, &tw, &term_w, &len_w, &tag_w));
	CHECK_INT_EQ(tw.pos, 0);
	CHECK(!ns_term_walk_next(a, &w, &tw, &term_w, &len_w, &tag_w));
	CHECK_INT_EQ(ns_term_walk_position(&w), 1);
out:
	ns_analyzer_free(a);
	ns_analyzer_free(b);
}

NS_SUITE(analyze)
{
	test_stems_match_libstemmer();
	test_tags();
	test_walk("english");
	test_walk("none");
}
