/* SPDX-License-Identifier: MIT */
/* blockdec.c -- docids and term frequencies of a postings block
 * (blockdec.h): a portable loop, and an SSE2 one on x86-64.
 *
 * A frequent term's cursor decodes every block it crosses, 128 documents
 * at a time, and before this the two scalar loops here cost ~13
 * instructions per posting of the ~37 a block took (callgrind, two-word
 * ANDs on 100k synthetic articles).  The vector versions do four lanes at
 * once: the docids by an in-register prefix sum (two shifted adds and a
 * broadcast carry per four values: the SIMD delta decoding of Lemire,
 * Boytsov and Kurz, "SIMD compression and the intersection of sorted
 * integers", 2016), the tf checks by compares OR-ed into one mask tested
 * once per block instead of two branches per document.
 */
#include "blockdec.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

uint64_t ns_blockdec_docids_portable(uint32_t *docs, const uint32_t *gaps, uint32_t n,
				     uint64_t base)
{
	for (uint32_t i = 0; i < n; i++) {
		base += gaps[i];
		docs[i] = (uint32_t)base;
		base++;
	}
	return base;
}

int ns_blockdec_tfs_portable(uint32_t *tfs, const uint32_t *tts, uint32_t n)
{
	int ok = 1;

	for (uint32_t i = 0; i < n; i++) {
		tfs[i] += 1;
		if (tfs[i] == 0 || (tts && tts[i] > tfs[i]))
			ok = 0;
	}
	return ok;
}

uint64_t ns_blockdec_starts_portable(uint32_t *starts, const uint32_t *tfs, uint32_t n)
{
	uint64_t total = 0;

	for (uint32_t i = 0; i < n; i++) {
		starts[i] = (uint32_t)total;
		total += tfs[i];
	}
	starts[n] = (uint32_t)total;
	return total;
}

#if defined(__SSE2__)
/* The vector scans sum in 32-bit lanes.  They are exact when no sum can
 * pass 2^32: base < 2^31 and every value < 2^23 (128 of them add up to <
 * 2^30); other blocks (none in a real index) take the portable loop. */
#define FAST_BASE_LIMIT (UINT64_C(1) << 31)
#define FAST_GAP_BITS 23

uint64_t ns_blockdec_docids(uint32_t *docs, const uint32_t *gaps, uint32_t n, uint64_t base)
{
	const __m128i ones = _mm_set1_epi32(1);
	__m128i carry, any = _mm_setzero_si128();
	uint32_t i = 0, last;

	if (n == 0 || n > 128 || base >= FAST_BASE_LIMIT)
		return ns_blockdec_docids_portable(docs, gaps, n, base);
	/* docs[i] = (base - 1) + sum of (gaps[j] + 1) for j <= i; base - 1
	 * wraps to 2^32 - 1 for base 0 and the first + 1 brings it back. */
	carry = _mm_set1_epi32((int)(uint32_t)(base - 1));
	for (; i + 4 <= n; i += 4) {
		__m128i g = _mm_loadu_si128((const __m128i *)(const void *)(gaps + i));
		__m128i v = _mm_add_epi32(g, ones);
		any = _mm_or_si128(any, g);
		v = _mm_add_epi32(v, _mm_slli_si128(v, 4));
		v = _mm_add_epi32(v, _mm_slli_si128(v, 8));
		v = _mm_add_epi32(v, carry);
		_mm_storeu_si128((__m128i *)(void *)(docs + i), v);
		carry = _mm_shuffle_epi32(v, 0xff);
	}
	last = (uint32_t)_mm_cvtsi128_si32(carry);
	for (; i < n; i++) {
		any = _mm_or_si128(any, _mm_cvtsi32_si128((int)gaps[i]));
		last += gaps[i] + 1;
		docs[i] = last;
	}
	{
		__m128i high = _mm_srli_epi32(any, FAST_GAP_BITS);
		if (_mm_movemask_epi8(_mm_cmpeq_epi32(high, _mm_setzero_si128())) != 0xffff)
			return ns_blockdec_docids_portable(docs, gaps, n, base);
	}
	return (uint64_t)last + 1;
}

int ns_blockdec_tfs(uint32_t *tfs, const uint32_t *tts, uint32_t n)
{
	const __m128i ones = _mm_set1_epi32(1), zero = _mm_setzero_si128();
	const __m128i sign = _mm_set1_epi32((int)0x80000000u);
	__m128i bad = zero;
	uint32_t i = 0;
	int ok = 1;

	if (tts) {
		for (; i + 4 <= n; i += 4) {
			__m128i v = _mm_add_epi32(
				_mm_loadu_si128((const __m128i *)(const void *)(tfs + i)), ones);
			/* unsigned tt > tf, as signed after flipping the top bits */
			__m128i t = _mm_loadu_si128((const __m128i *)(const void *)(tts + i));
			_mm_storeu_si128((__m128i *)(void *)(tfs + i), v);
			bad = _mm_or_si128(bad, _mm_cmpeq_epi32(v, zero));
			bad = _mm_or_si128(bad, _mm_cmpgt_epi32(_mm_xor_si128(t, sign),
								_mm_xor_si128(v, sign)));
		}
	} else {
		for (; i + 4 <= n; i += 4) {
			__m128i v = _mm_add_epi32(
				_mm_loadu_si128((const __m128i *)(const void *)(tfs + i)), ones);
			_mm_storeu_si128((__m128i *)(void *)(tfs + i), v);
			bad = _mm_or_si128(bad, _mm_cmpeq_epi32(v, zero));
		}
	}
	if (_mm_movemask_epi8(bad))
		ok = 0;
	if (i < n && !ns_blockdec_tfs_portable(tfs + i, tts ? tts + i : NULL, n - i))
		ok = 0;
	return ok;
}

uint64_t ns_blockdec_starts(uint32_t *starts, const uint32_t *tfs, uint32_t n)
{
	__m128i carry = _mm_setzero_si128(), any = _mm_setzero_si128();
	uint32_t i = 0, total;

	/* exclusive scan: the inclusive one of four lanes, shifted by one */
	for (; i + 4 <= n; i += 4) {
		__m128i t = _mm_loadu_si128((const __m128i *)(const void *)(tfs + i));
		__m128i v = _mm_add_epi32(t, _mm_slli_si128(t, 4));
		any = _mm_or_si128(any, t);
		v = _mm_add_epi32(v, _mm_slli_si128(v, 8));
		v = _mm_add_epi32(v, carry);
		_mm_storeu_si128((__m128i *)(void *)(starts + i), _mm_sub_epi32(v, t));
		carry = _mm_shuffle_epi32(v, 0xff);
	}
	total = (uint32_t)_mm_cvtsi128_si32(carry);
	for (; i < n; i++) {
		any = _mm_or_si128(any, _mm_cvtsi32_si128((int)tfs[i]));
		starts[i] = total;
		total += tfs[i];
	}
	starts[n] = total;
	/* exact when every tf < 2^23 (128 of them: < 2^30) */
	if (n > 128 || _mm_movemask_epi8(_mm_cmpeq_epi32(_mm_srli_epi32(any, FAST_GAP_BITS),
							 _mm_setzero_si128())) != 0xffff)
		return ns_blockdec_starts_portable(starts, tfs, n);
	return total;
}
#else
uint64_t ns_blockdec_starts(uint32_t *starts, const uint32_t *tfs, uint32_t n)
{
	return ns_blockdec_starts_portable(starts, tfs, n);
}

uint64_t ns_blockdec_docids(uint32_t *docs, const uint32_t *gaps, uint32_t n, uint64_t base)
{
	return ns_blockdec_docids_portable(docs, gaps, n, base);
}

int ns_blockdec_tfs(uint32_t *tfs, const uint32_t *tts, uint32_t n)
{
	return ns_blockdec_tfs_portable(tfs, tts, n);
}
#endif
