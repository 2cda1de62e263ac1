/* SPDX-License-Identifier: MIT */
/* inflect.h -- whether two words are one word with other inflections.
 *
 * The speller (spell.h) takes a word the archive repeats for a slip of a
 * much commoner word of the same stem only when the two differ in more
 * than an inflectional ending: "attaches" beside "attached", "acquirers"
 * beside "acquires" are words, while "independant", "possiblity",
 * "developement" (a vowel, a letter, inside the word or in a derivational
 * suffix) are slips of "independent", "possibility", "development".
 *
 * Two words differ only in their inflection when, after some common
 * prefix, what is left of each is one of the English endings
 * "", s, es, ies, d, ed, ied, ing, r, rs, er, ers, st, est, y, ly, ily,
 * e -- but not one word the other with an e at its end (befor, before:
 * a silent e left out is a slip; hope and hoped differ in d).  Bytes
 * compare as they are (folded words, ASCII endings).
 */
#ifndef NS_INFLECT_H
#define NS_INFLECT_H

#include <stddef.h>

/* 1 when a[0..al) and b[0..bl) differ and differ only in their endings
 * (above), else 0. */
int ns_inflect_only(const char *a, size_t al, const char *b, size_t bl);

#endif /* NS_INFLECT_H */
