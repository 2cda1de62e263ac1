/* SPDX-License-Identifier: MIT */
/* analyze.c -- tokenize + Snowball stemming, with a stem cache.
 *
 * Snowball is the indexer's most expensive step per word after the
 * tokenizer; news text repeats a small vocabulary, so a direct-mapped
 * cache of recent (word, stem) pairs skips most stemmer calls.
 */
#include "analyze.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* The stem cache: direct-mapped, one 64-byte cache line per slot, so it
 * can hold four times the words of a slot sized for the longest word.
 * Longer words (rare) are stemmed every time.  On 20 Newsgroups 64K slots
 * of 64 bytes cost 4% fewer instructions for the whole build than 16K
 * slots of 144 (the stemmer runs 40% less often) in the same 4 MB. */
#define CACHE_SLOTS 65536	/* power of two */
#define CACHE_WORD_MAX 27	/* longest word (and stem) a slot holds */

struct cache_slot {
	uint64_t tag;		/* the caller's (ns_analyzer_next_tagged) */
	uint8_t word_len;	/* 0 = empty */
	uint8_t stem_len;
	char word[CACHE_WORD_MAX];
	char stem[CACHE_WORD_MAX];
};
_Static_assert(sizeof(struct cache_slot) == 64, "a stem cache slot is one cache line");

struct ns_analyzer {
	struct sb_stemmer *stemmer;	/* NULL for "none" */
	struct cache_slot *cache;	/* CACHE_SLOTS recent stems, 64-byte aligned */
	void *cache_mem;		/* what was allocated for them */
};

int ns_analyzer_lang_ok(const char *lang)
{
	struct sb_stemmer *s;

	if (strcmp(lang, "none") == 0)
		return 1;
	s = sb_stemmer_new(lang, "UTF_8");
	if (!s)
		return 0;
	sb_stemmer_delete(s);
	return 1;
}

void ns_analyzer_list_langs(char *out, size_t outlen)
{
	const char **l = sb_stemmer_list();
	size_t n = 0;

	if (!outlen)
		return;
	out[0] = 0;
	for (; *l && n < outlen; l++) {
		int k = snprintf(out + n, outlen - n, "%s%s", n ? ", " : "", *l);
		if (k < 0)
			break;
		n += (size_t)k;
	}
	if (n < outlen)
		snprintf(out + n, outlen - n, ", none");
}

int ns_analyzer_new(const char *lang, struct ns_analyzer **out)
{
	struct ns_analyzer *a;

	*out = NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NS_ERR_NOMEM;
	if (strcmp(lang, "none") != 0) {
		a->stemmer = sb_stemmer_new(lang, "UTF_8");
		if (!a->stemmer) {
			free(a);
			return NS_ERR_NOTFOUND;
		}
		a->cache_mem = calloc(CACHE_SLOTS + 1, sizeof(*a->cache));
		a->cache = (struct cache_slot *)(((uintptr_t)a->cache_mem + 63) & ~(uintptr_t)63);
		if (!a->cache_mem) {
			sb_stemmer_delete(a->stemmer);
			free(a);
			return NS_ERR_NOMEM;
		}
	}
	*out = a;
	return NS_OK;
}

void ns_analyzer_free(struct ns_analyzer *a)
{
	if (!a)
		return;
	if (a->stemmer)
		sb_stemmer_delete(a->stemmer);
	free(a->cache_mem);
	free(a);
}

/* The slot of a word: eight bytes at a time (a byte-at-a-time FNV-1a
 * waited on one multiply per byte, the indexer's hottest loop). */
uint32_t ns_word_hash(const char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;

	for (; n >= 8; n -= 8, p += 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (n) {
		w = 0;
		memcpy(&w, p, n);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	return (uint32_t)h;
}

/* Whether a and b (n bytes each, n <= NS_TOK_MAX_LEN) are equal. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; n -= 8, a += 8, b += 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* The stem, and the cache slot holding it (NULL when not cached), for a
 * word whose ns_word_hash() is h. */
static const char *stem_slot_hashed(struct ns_analyzer *a, const char *tok, size_t tok_len,
				    uint32_t h, size_t *len, struct cache_slot **out)
{
	struct cache_slot *slot;
	const sb_symbol *s;
	int n;

	*out = NULL;
	if (!a->stemmer || tok_len > NS_TOK_MAX_LEN) {
		*len = tok_len;
		return tok;
	}
	slot = &a->cache[h & (CACHE_SLOTS - 1)];
	if (slot->word_len == tok_len && same_bytes(slot->word, tok, tok_len)) {
		*len = slot->stem_len;
		*out = slot;
		return slot->stem;
	}
	s = sb_stemmer_stem(a->stemmer, (const sb_symbol *)tok, (int)tok_len);
	if (!s)
		return NULL;
	n = sb_stemmer_length(a->stemmer);
	if (n <= 0 || n > NS_TOK_MAX_LEN) {
		/* A stemmer never lengthens much; keep the word as it was. */
		*len = tok_len;
		return tok;
	}
	if (tok_len > CACHE_WORD_MAX || n > CACHE_WORD_MAX) {
		*len = (size_t)n;	/* the stemmer's buffer, until its next call */
		return (const char *)s;
	}
	slot->word_len = (uint8_t)tok_len;
	memcpy(slot->word, tok, tok_len);
	slot->stem_len = (uint8_t)n;
	memcpy(slot->stem, s, (size_t)n);
	slot->tag = 0;
	*len = (size_t)n;
	*out = slot;
	return slot->stem;
}

static const char *stem_slot(struct ns_analyzer *a, const char *tok, size_t tok_len, size_t *len,
			     struct cache_slot **out)
{
	uint32_t h = a->stemmer && tok_len <= NS_TOK_MAX_LEN ? ns_word_hash(tok, tok_len) : 0;

	return stem_slot_hashed(a, tok, tok_len, h, len, out);
}

const char *ns_analyzer_stem(struct ns_analyzer *a, const char *tok, size_t tok_len, size_t *len)
{
	struct cache_slot *slot;

	return stem_slot(a, tok, tok_len, len, &slot);
}

int ns_analyzer_next_tagged(struct ns_analyzer *a, struct ns_tokenizer *t, struct ns_token *tok,
			    const char **term, size_t *term_len, uint64_t **tag)
{
	struct cache_slot *slot;

	*tag = NULL;
	if (!ns_tok_next(t, tok))
		return 0;
	*term = stem_slot(a, tok->term, tok->term_len, term_len, &slot);
	if (!*term) {
		*term = tok->term;
		*term_len = tok->term_len;
	} else if (slot) {
		*tag = &slot->tag;
	}
	return 1;
}

int ns_analyzer_next(struct ns_analyzer *a, struct ns_tokenizer *t, struct ns_token *tok,
		     const char **term, size_t *term_len)
{
	if (!ns_tok_next(t, tok))
		return 0;
	*term = ns_analyzer_stem(a, tok->term, tok->term_len, term_len);
	if (!*term) {
		*term = tok->term;
		*term_len = tok->term_len;
	}
	return 1;
}

void ns_term_walk_init(struct ns_term_walk *w, const char *text, size_t len, uint32_t first_pos)
{
	ns_tok_init(&w->t, text, len, first_pos);
	w->head = w->n = 0;
	w->end = 0;
	w->hash_now = 0;
	w->ahead = NULL;
	w->ahead_ctx = NULL;
	w->tag_ahead = NULL;
	w->tag_ctx = NULL;
}

void ns_term_walk_set_tag_ahead(struct ns_term_walk *w, void (*tag_ahead)(void *ctx, uint64_t tag),
				void *ctx)
{
	w->tag_ahead = tag_ahead;
	w->tag_ctx = ctx;
}

void ns_term_walk_set_ahead(struct ns_term_walk *w, void (*ahead)(void *ctx, uint32_t hash),
			    void *ctx)
{
	w->ahead = ahead;
	w->ahead_ctx = ctx;
}

/* Tokenizes up to NS_WALK_AHEAD words ahead of the caller and asks for
 * their cache slots now: a slot is a random line of a 4 MB table, so the
 * lookup of a word waited on memory (stem_slot was ~10-13% of a build's
 * CPU, almost all of it the slot's first load); by the time the word's
 * turn comes, its slot is in the cache. */
static void walk_fill(struct ns_analyzer *a, struct ns_term_walk *w)
{
	while (!w->end && w->n < NS_WALK_AHEAD) {
		unsigned i = (w->head + w->n) & (NS_WALK_AHEAD - 1);
		struct ns_token *tok = &w->tok[i];

		if (!ns_tok_next(&w->t, tok)) {
			w->end = 1;
			break;
		}
		memcpy(w->term[i], tok->term, tok->term_len + 1);	/* the tokenizer reuses its buffer */
		tok->term = w->term[i];
		w->hash[i] = ns_word_hash(tok->term, tok->term_len);
		if (a->stemmer && tok->term_len <= NS_TOK_MAX_LEN)
			__builtin_prefetch(&a->cache[w->hash[i] & (CACHE_SLOTS - 1)]);
		if (w->ahead)
			w->ahead(w->ahead_ctx, w->hash[i]);
		w->n++;
	}
}

int ns_term_walk_next(struct ns_analyzer *a, struct ns_term_walk *w, struct ns_token *tok,
		      const char **term, size_t *term_len, uint64_t **tag)
{
	struct cache_slot *slot;
	unsigned i;

	*tag = NULL;
	walk_fill(a, w);
	if (w->n == 0)
		return 0;
	i = w->head;
	w->head = (i + 1) & (NS_WALK_AHEAD - 1);
	w->n--;
	*tok = w->tok[i];
	w->hash_now = w->hash[i];
	if (w->tag_ahead && w->n && a->stemmer) {
		/* the next word's slot, fetched a word ago: its tag now, so
		 * the caller can fetch what the tag names (a hint: the slot
		 * may hold another word of the same hash) */
		const struct cache_slot *next = &a->cache[w->hash[w->head] & (CACHE_SLOTS - 1)];
		if (next->word_len == w->tok[w->head].term_len)
			w->tag_ahead(w->tag_ctx, next->tag);
	}
	*term = stem_slot_hashed(a, tok->term, tok->term_len, w->hash[i], term_len, &slot);
	if (!*term) {
		*term = tok->term;
		*term_len = tok->term_len;
	} else if (slot) {
		*tag = &slot->tag;
	}
	return 1;
}
