/* SPDX-License-Identifier: MIT */
/* editdist.h -- edit distance between folded words, in characters.
 *
 * The distance is the optimal string alignment distance (OSA, "restricted
 * Damerau-Levenshtein"): insertions, deletions, substitutions and
 * transpositions of two adjacent characters each cost 1, and no substring
 * is edited twice (so "ca" -> "abc" is 3, where unrestricted
 * Damerau-Levenshtein says 2).  It is what a trie walk can compute one
 * character at a time (fuzzy.h), and it counts the common typing slip,
 * two letters swapped, as one edit.
 */
#ifndef NS_EDITDIST_H
#define NS_EDITDIST_H

#include <stddef.h>
#include <stdint.h>

#define NS_EDIT_MAX_CHARS 64	/* longest word measured, in characters */

/* Decodes UTF-8 s[0..len) into at most cap code points; a byte that does
 * not start a valid sequence stands for itself (0xDC00 + byte).  Returns
 * the number of code points, or cap + 1 when there are more. */
size_t ns_utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap);

/* OSA distance of a[0..an) and b[0..bn) (an, bn <= NS_EDIT_MAX_CHARS). */
int ns_osa_distance(const uint32_t *a, size_t an, const uint32_t *b, size_t bn);

/* The same on UTF-8 words; words longer than NS_EDIT_MAX_CHARS characters
 * are cut there. */
int ns_osa_distance_utf8(const char *a, size_t alen, const char *b, size_t blen);

#endif /* NS_EDITDIST_H */
