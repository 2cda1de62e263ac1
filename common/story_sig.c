/* SPDX-License-Identifier: MIT */
/* story_sig.c -- exact fingerprint and SimHash of an article (story_sig.h). */
#include "story_sig.h"

#include <string.h>

#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

static int has_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_word_byte((unsigned char)s[i]))
			return 1;
	return 0;
}

/* splitmix64's finaliser: spreads a shingle's hash over all 64 bits, which
 * SimHash needs (FNV's high bits are weak for short inputs). */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static void add_feature(int32_t *acc, uint64_t h)
{
	for (int bit = 0; bit < 64; bit++)
		acc[bit] += (int32_t)((h >> bit) & 1) * 2 - 1;
}

void ns_story_sig(const char *title, size_t title_len, const char *body, size_t body_len,
		  struct ns_story_sig *out)
{
	const char *s = has_word(body, body_len) ? body : title;
	size_t n = s == body ? body_len : title_len;
	uint64_t exact = FNV_OFFSET, w[3] = { 0, 0, 0 };
	int32_t acc[64];
	size_t n_words = 0;

	memset(acc, 0, sizeof(acc));
	for (size_t i = 0; i < n;) {
		uint64_t h = FNV_OFFSET;
		if (!is_word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		if (n_words > 0)
			exact = (exact ^ ' ') * FNV_PRIME;
		for (; i < n && is_word_byte((unsigned char)s[i]); i++) {
			unsigned char c = (unsigned char)s[i];
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			exact = (exact ^ c) * FNV_PRIME;
			h = (h ^ c) * FNV_PRIME;
		}
		w[0] = w[1];
		w[1] = w[2];
		w[2] = h;
		n_words++;
		if (n_words >= 3)
			add_feature(acc, mix(w[0] * 31 * 31 + w[1] * 31 + w[2]));
	}
	/* fewer than three words: the words are the features */
	for (size_t k = 0; n_words < 3 && k < n_words; k++)
		add_feature(acc, mix(w[2 - k]));
	out->exact = exact;
	out->near = 0;
	for (int bit = 0; bit < 64; bit++)
		if (acc[bit] > 0)
			out->near |= 1ull << bit;
}

uint32_t ns_story_term_hash(const char *term, size_t len)
{
	uint64_t h = FNV_OFFSET;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)term[i]) * FNV_PRIME;
	return (uint32_t)(h ^ (h >> 32));
}
