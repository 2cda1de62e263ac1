/* SPDX-License-Identifier: MIT */
/* codec_simd.h -- a vector unpacker for the postings codec's full blocks
 * (codec.h: 128 values packed at one width, value i at bit i * width).
 *
 * codec.c calls it first and falls back to its scalar unpackers, which stay
 * the reference: both write the same 128 values for every input.
 */
#ifndef NS_CODEC_SIMD_H
#define NS_CODEC_SIMD_H

#include <stddef.h>
#include <stdint.h>

/* Widest packing the vector unpacker takes: a value and its bit offset
 * inside its first byte (< 8) must fit one 32-bit lane. */
#define NS_CODEC_SIMD_MAX_WIDTH 25

/* Tails of runs (codec.h) at least this long go through the vector
 * unpacker too: below it, unpacking the values one by one is cheaper than
 * a whole block. */
#define NS_CODEC_SIMD_MIN_TAIL 24

/* Unpacks 128 values of width w from the len bytes at in (never read past;
 * len <= 16 * w: a full block has 16 * w, a run's tail fewer, its missing
 * bits read as 0) into out[0..128), and returns 1, when the CPU has AVX2
 * and 1 <= w <= NS_CODEC_SIMD_MAX_WIDTH; else returns 0 and writes
 * nothing. */
int ns_codec_simd_unpack(uint32_t *out, const uint8_t *in, size_t len, unsigned w);

#endif /* NS_CODEC_SIMD_H */
