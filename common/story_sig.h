/* SPDX-License-Identifier: MIT */
/* story_sig.h -- the copy signatures of an article: an exact fingerprint
 * and a SimHash of its normalised text.
 *
 * The text is the body (the title when the body has no word), so a copy
 * under a new headline has the same signatures.  Normalised: ASCII letters
 * lowercased, every run of bytes that are not letters or digits (bytes of
 * 0x80 and up count as letters: UTF-8 words stay whole) becomes one space.
 *
 * exact: the FNV-1a 64 hashes of the normalised words, chained (h = (h ^
 * word) * FNV prime): equal for copies that differ only in case, spacing
 * and punctuation.
 * near:  a 64-bit SimHash (Charikar) of the word 3-shingles, each shingle
 * counted once per occurrence: copies with small edits (boilerplate around
 * the text, an appended correction) differ in a few bits, unrelated texts
 * in about 32.
 */
#ifndef NS_STORY_SIG_H
#define NS_STORY_SIG_H

#include <stddef.h>
#include <stdint.h>

/* Two articles whose near signatures differ in at most this many bits are
 * near copies (about 1 in 10^11 for unrelated texts). */
#define NS_STORY_NEAR_BITS 5

struct ns_story_sig {
	uint64_t exact;
	uint64_t near;
};

/* Signatures of an article's title and body (neither NUL-terminated;
 * either may be empty). */
void ns_story_sig(const char *title, size_t title_len, const char *body, size_t body_len,
		  struct ns_story_sig *out);

/* Number of bits in which a and b differ.  SWAR: without -mpopcnt the
 * builtin is a call into libgcc, and this runs for every candidate. */
static inline int ns_story_hamming(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ b;

	x -= (x >> 1) & 0x5555555555555555ull;
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (int)((x * 0x0101010101010101ull) >> 56);
}

/* The id a story takes from the exact fingerprint of the article that
 * starts it (before any bump that makes it unique; format.h): splitmix64's
 * finaliser, a bijection, so the story file need not store the exact
 * fingerprint of a document whose story id is its own (story_file.h). */
uint64_t ns_story_id_of_exact(uint64_t exact);
/* Its inverse: ns_story_exact_of_id(ns_story_id_of_exact(x)) == x. */
uint64_t ns_story_exact_of_id(uint64_t id);

/* 32-bit hash of a term, the key of story centroids (story_file.h). */
uint32_t ns_story_term_hash(const char *term, size_t len);

#endif /* NS_STORY_SIG_H */
