/* SPDX-License-Identifier: MIT */
/* story_sig.c -- exact fingerprint and SimHash of an article (story_sig.h). */
#include "story_sig.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "mix64.h"

#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

/* Per byte: 0 for a separator, else the byte as the exact fingerprint
 * takes it (ASCII letters lowercased; bytes from 0x80 kept: UTF-8 words
 * stay whole). */
static const uint8_t fold[256] = {
#define R16(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, \
	       b + 11, b + 12, b + 13, b + 14, b + 15
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f',
	['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l',
	['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
	['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x',
	['Y'] = 'y', ['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
	['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l',
	['m'] = 'm', ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r',
	['s'] = 's', ['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x',
	['y'] = 'y', ['z'] = 'z',
	[0x80] = R16(0x80), [0x90] = R16(0x90), [0xa0] = R16(0xa0), [0xb0] = R16(0xb0),
	[0xc0] = R16(0xc0), [0xd0] = R16(0xd0), [0xe0] = R16(0xe0), [0xf0] = R16(0xf0),
#undef R16
};

static int is_word_byte(unsigned char c)
{
	return fold[c] != 0;
}

static int has_word(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_word_byte((unsigned char)s[i]))
			return 1;
	return 0;
}

/* Counts, per bit position, the features with that bit set: bit-sliced,
 * eight byte-wide counters per word (lane j of acc8[k] counts bit 8j+k),
 * spilled into 32-bit counts before a lane can overflow.  Eight additions
 * a feature instead of 64. */
struct bitcount {
	union {
		uint64_t acc8[8];
#ifdef __SSE2__
		__m128i v[4];	/* acc8[2j], acc8[2j + 1] */
#endif
	} a;
	uint32_t n8;		/* features in acc8 (< 255) */
	uint32_t count[64];
	uint32_t n;		/* features in all */
};

static void spill(struct bitcount *c)
{
	for (int k = 0; k < 8; k++) {
		for (int j = 0; j < 8; j++)
			c->count[8 * j + k] += (uint32_t)(c->a.acc8[k] >> (8 * j) & 0xff);
		c->a.acc8[k] = 0;
	}
	c->n8 = 0;
}

static inline void add_feature(struct bitcount *c, uint64_t h)
{
#ifdef __SSE2__
	/* two words at once: lanes h and h >> 1, shifted by 2j */
	const __m128i ones = _mm_set1_epi8(1);
	__m128i x = _mm_set_epi64x((long long)(h >> 1), (long long)h);

	c->a.v[0] = _mm_add_epi8(c->a.v[0], _mm_and_si128(x, ones));
	c->a.v[1] = _mm_add_epi8(c->a.v[1], _mm_and_si128(_mm_srli_epi64(x, 2), ones));
	c->a.v[2] = _mm_add_epi8(c->a.v[2], _mm_and_si128(_mm_srli_epi64(x, 4), ones));
	c->a.v[3] = _mm_add_epi8(c->a.v[3], _mm_and_si128(_mm_srli_epi64(x, 6), ones));
#else
	for (int k = 0; k < 8; k++)
		c->a.acc8[k] += (h >> k) & 0x0101010101010101ull;
#endif
	c->n++;
	if (++c->n8 == 255)
		spill(c);
}

void ns_story_sig(const char *title, size_t title_len, const char *body, size_t body_len,
		  struct ns_story_sig *out)
{
	const char *s = has_word(body, body_len) ? body : title;
	size_t n = s == body ? body_len : title_len;
	uint64_t exact = FNV_OFFSET, w[3] = { 0, 0, 0 };
	struct bitcount acc;
	size_t n_words = 0;

	memset(&acc, 0, sizeof(acc));
	for (size_t i = 0; i < n;) {
		uint64_t h = FNV_OFFSET;
		if (!is_word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		for (uint8_t c; i < n && (c = fold[(unsigned char)s[i]]) != 0; i++)
			h = (h ^ c) * FNV_PRIME;
		/* the text's hash chains its words' */
		exact = (exact ^ h) * FNV_PRIME;
		w[0] = w[1];
		w[1] = w[2];
		w[2] = h;
		n_words++;
		if (n_words >= 3)
			add_feature(&acc, ns_mix64(w[0] * 31 * 31 + w[1] * 31 + w[2]));
	}
	/* fewer than three words: the words are the features */
	for (size_t k = 0; n_words < 3 && k < n_words; k++)
		add_feature(&acc, ns_mix64(w[2 - k]));
	spill(&acc);
	out->exact = exact;
	out->near = 0;
	/* a bit is set when more features have it set than not */
	for (int bit = 0; bit < 64; bit++)
		if (2 * acc.count[bit] > acc.n)
			out->near |= 1ull << bit;
}

uint32_t ns_story_term_hash(const char *term, size_t len)
{
	uint64_t h = FNV_OFFSET;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)term[i]) * FNV_PRIME;
	return (uint32_t)(h ^ (h >> 32));
}

#define ID_SALT 0x9e3779b97f4a7c15ull
#define ID_M1 0xbf58476d1ce4e5b9ull
#define ID_M2 0x94d049bb133111ebull

uint64_t ns_story_id_of_exact(uint64_t exact)
{
	uint64_t x = exact ^ ID_SALT;

	x = (x ^ (x >> 30)) * ID_M1;
	x = (x ^ (x >> 27)) * ID_M2;
	return x ^ (x >> 31);
}

/* The inverse of a * x mod 2^64 for odd a (Newton: each step doubles the
 * correct low bits, from 3). */
static uint64_t mul_inverse(uint64_t a)
{
	uint64_t x = a;

	for (int i = 0; i < 5; i++)
		x *= 2 - a * x;
	return x;
}

/* The inverse of y = x ^ (x >> s): the top s bits of x are y's, and each
 * step recovers s more. */
static uint64_t unshift_xor(uint64_t y, int s)
{
	uint64_t x = y;

	for (int k = s; k < 64; k += s)
		x = y ^ (x >> s);
	return x;
}

uint64_t ns_story_exact_of_id(uint64_t id)
{
	uint64_t x = unshift_xor(id, 31);

	x = unshift_xor(x * mul_inverse(ID_M2), 27);
	x = unshift_xor(x * mul_inverse(ID_M1), 30);
	return x ^ ID_SALT;
}
