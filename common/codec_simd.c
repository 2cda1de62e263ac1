/* SPDX-License-Identifier: MIT */
/* codec_simd.c -- AVX2 unpacking of a codec block (codec_simd.h).
 *
 * The scalar "fastunpack" of codec_unpack.h takes ~3.5-5 instructions per
 * value; the unpacking was ~8% of all the instructions of the bench query
 * set.  Here eight values come out of four vector instructions: the
 * values 8g..8g+7 of a width-w block start in bytes g*w + (k*w)/8 at bit
 * (k*w) mod 8 (k = 0..7), the same offsets for every group g.  So one
 * byte shuffle per group (vpshufb, within each 128-bit half: the low half
 * loaded from the group's first byte, the high half from value 4's) puts
 * each value's four bytes in its lane, a per-lane shift (vpsrlvd) and a
 * mask finish it -- the horizontal-layout vector unpacking of Lemire and
 * Boytsov, "Decoding billions of integers per second through
 * vectorization" (2015), section 5, here on the byte-aligned groups of
 * eight that the format already has.  The packed bytes are copied into a
 * zero-padded buffer first, so the 16-byte loads of the last groups never
 * read past the block, and a run's tail (fewer bytes) unpacks the same way.
 */
#include "codec_simd.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
	!defined(NS_CODEC_NO_SIMD)
#include <immintrin.h>

#define BLOCK 128
#define PAD 32

__attribute__((target("avx2"))) static void unpack_avx2(uint32_t *out, const uint8_t *in,
							 size_t len, unsigned w)
{
	uint8_t buf[16 * NS_CODEC_SIMD_MAX_WIDTH + PAD];
	const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
	const __m256i mask = _mm256_set1_epi32((int)((1u << w) - 1));
	const unsigned half = 4 * w / 8;	/* byte of value 4 in its group */
	__m256i bit, shift, byte, shuf;

	memcpy(buf, in, len);
	memset(buf + len, 0, 16 * (size_t)w + PAD - len);
	/* lane k: bit k*w of the group, its byte (less half for the high
	 * half's lanes) and shift; the shuffle takes bytes byte..byte+3 */
	bit = _mm256_mullo_epi32(lane, _mm256_set1_epi32((int)w));
	shift = _mm256_and_si256(bit, _mm256_set1_epi32(7));
	byte = _mm256_srli_epi32(bit, 3);
	byte = _mm256_sub_epi32(byte, _mm256_setr_epi32(0, 0, 0, 0, (int)half, (int)half,
							(int)half, (int)half));
	shuf = _mm256_add_epi32(_mm256_mullo_epi32(byte, _mm256_set1_epi32(0x01010101)),
				_mm256_set1_epi32(0x03020100));
	for (unsigned g = 0; g < BLOCK / 8; g++) {
		const uint8_t *at = buf + (size_t)g * w;
		__m256i v = _mm256_inserti128_si256(
			_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)at)),
			_mm_loadu_si128((const __m128i *)(const void *)(at + half)), 1);
		v = _mm256_shuffle_epi8(v, shuf);
		v = _mm256_and_si256(_mm256_srlv_epi32(v, shift), mask);
		_mm256_storeu_si256((__m256i *)(void *)(out + 8 * g), v);
	}
}

int ns_codec_simd_unpack(uint32_t *out, const uint8_t *in, size_t len, unsigned w)
{
	if (w == 0 || w > NS_CODEC_SIMD_MAX_WIDTH || len > 16 * (size_t)w ||
	    !__builtin_cpu_supports("avx2"))
		return 0;
	unpack_avx2(out, in, len, w);
	return 1;
}
#else
int ns_codec_simd_unpack(uint32_t *out, const uint8_t *in, size_t len, unsigned w)
{
	(void)out;
	(void)in;
	(void)len;
	(void)w;
	return 0;
}
#endif
