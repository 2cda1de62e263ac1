/* SPDX-License-Identifier: MIT */
/* codec_simd.h -- a vector unpacker for the postings codec's full blocks
 * (codec.h: 128 values packed at one width, value i at bit i * width).
 *
 * codec.c calls it first and falls back to its scalar unpackers, which stay
 * the reference: both write the same 128 values for every input.
 */
#ifndef NS_CODEC_SIMD_H
#define NS_CODEC_SIMD_H

#include <stdint.h>

/* Widest packing the vector unpacker takes: a value and its bit offset
 * inside its first byte (< 8) must fit one 32-bit lane. */
#define NS_CODEC_SIMD_MAX_WIDTH 25

/* Unpacks the 128 values of width w at in (16 * w bytes, never read past)
 * into out[0..128) and returns 1 when the CPU has AVX2 and 1 <= w <=
 * NS_CODEC_SIMD_MAX_WIDTH; else returns 0 and writes nothing. */
int ns_codec_simd_unpack(uint32_t *out, const uint8_t *in, unsigned w);

#endif /* NS_CODEC_SIMD_H */
