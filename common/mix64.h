/* SPDX-License-Identifier: MIT */
/* mix64.h -- splitmix64's finaliser: spreads a 64-bit hash over all its
 * bits (FNV's high bits are weak for short inputs), for SimHash features
 * (story_sig.c) and hash-table keys (searcher/colcount.c). */
#ifndef NS_MIX64_H
#define NS_MIX64_H

#include <stdint.h>

static inline uint64_t ns_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

#endif /* NS_MIX64_H */
