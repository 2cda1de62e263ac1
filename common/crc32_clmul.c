/* SPDX-License-Identifier: MIT */
/* crc32_clmul.c -- CRC-32 by folding with carry-less multiplication
 * (crc32_clmul.h).
 *
 * The method of Gopal, Ozturk, Guilford et al., "Fast CRC Computation for
 * Generic Polynomials Using PCLMULQDQ Instruction" (Intel, 2009), for the
 * bit-reflected polynomial 0x04C11DB7 of zlib: four 128-bit accumulators
 * are folded forward over 64 bytes at a time (multiplying by x^(512+64)
 * and x^512 mod P), folded into one, then over 16 bytes at a time; the
 * last 128 bits are reduced to 64, then 32, and a Barrett reduction gives
 * the CRC.  The constants are those of the paper for that polynomial
 * (bit-reflected, shifted left by one): k1 = x^(4*128+64) mod P,
 * k2 = x^(4*128) mod P, k3 = x^(128+64) mod P, k4 = x^128 mod P,
 * k5 = x^96 mod P, mu = floor(x^64 / P), and P itself.
 */
#include "crc32_clmul.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
	!defined(NS_CRC32_NO_CLMUL)
#include <immintrin.h>

#define TARGET __attribute__((target("pclmul,sse4.1")))

TARGET static inline __m128i load16(const uint8_t *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

/* x times the constants k (its low half by k's low, its high half by
 * k's high), plus the next 16 bytes. */
TARGET static inline __m128i fold16(__m128i x, __m128i next, __m128i k)
{
	return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00),
					   _mm_clmulepi64_si128(x, k, 0x11)),
			     next);
}

TARGET static uint32_t crc_fold(uint32_t crc, const uint8_t *p, size_t n)
{
	const __m128i k1k2 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
	const __m128i k3k4 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
	const __m128i k5 = _mm_set_epi64x(0, 0x163cd6124);
	const __m128i poly_mu = _mm_set_epi64x(0x1f7011641, 0x1db710641);
	const __m128i low32 = _mm_set_epi32(0, 0, 0, -1);
	__m128i x0 = _mm_xor_si128(load16(p), _mm_cvtsi32_si128((int)crc));
	__m128i x1 = load16(p + 16), x2 = load16(p + 32), x3 = load16(p + 48), t;

	for (p += 64, n -= 64; n >= 64; p += 64, n -= 64) {
		x0 = fold16(x0, load16(p), k1k2);
		x1 = fold16(x1, load16(p + 16), k1k2);
		x2 = fold16(x2, load16(p + 32), k1k2);
		x3 = fold16(x3, load16(p + 48), k1k2);
	}
	x0 = fold16(x0, x1, k3k4);
	x0 = fold16(x0, x2, k3k4);
	x0 = fold16(x0, x3, k3k4);
	for (; n >= 16; p += 16, n -= 16)
		x0 = fold16(x0, load16(p), k3k4);
	/* 128 bits to 64: the low half times k4, plus the high half */
	t = _mm_clmulepi64_si128(x0, k3k4, 0x10);
	x0 = _mm_xor_si128(_mm_srli_si128(x0, 8), t);
	/* 64 to 32: the low 32 bits times k5, plus the rest */
	t = _mm_clmulepi64_si128(_mm_and_si128(x0, low32), k5, 0x00);
	x0 = _mm_xor_si128(_mm_srli_si128(x0, 4), t);
	/* Barrett: q = (low 32 bits * mu) mod x^32, crc = x0 + q * P */
	t = _mm_and_si128(_mm_clmulepi64_si128(_mm_and_si128(x0, low32), poly_mu, 0x10), low32);
	t = _mm_clmulepi64_si128(t, poly_mu, 0x00);
	return (uint32_t)_mm_extract_epi32(_mm_xor_si128(x0, t), 1);
}

int ns_crc32_clmul(uint32_t *crc, const uint8_t *p, size_t n)
{
	if (n < NS_CRC32_CLMUL_MIN || n % 16 || !__builtin_cpu_supports("pclmul") ||
	    !__builtin_cpu_supports("sse4.1"))
		return 0;
	*crc = ~crc_fold(~*crc, p, n);
	return 1;
}
#else
int ns_crc32_clmul(uint32_t *crc, const uint8_t *p, size_t n)
{
	(void)crc;
	(void)p;
	(void)n;
	return 0;
}
#endif
