/* SPDX-License-Identifier: MIT */
/* codec.h -- the integer codec of the postings: blocks of 128 bit-packed
 * integers, with a varint tail.
 *
 * Postings store runs of small unsigned integers (document-id gaps, term
 * frequencies minus one, word-position gaps).  A run of n values is cut into
 * full blocks of NS_CODEC_BLOCK values and one tail of fewer values:
 *
 *   run      := block* tail
 *   block    := width:u8 packed          (exactly NS_CODEC_BLOCK values)
 *   packed   := NS_CODEC_BLOCK * width bits, value i at bit i*width, least
 *               significant bit first, bytes little-endian; width 0..32
 *               (width 0: all values are 0 and no packed bytes follow)
 *   tail     := varint*                  (n mod NS_CODEC_BLOCK LEB128 values)
 *
 * This is "frame of reference" bit packing without exceptions (the family of
 * Lemire & Boytsov, "Decoding billions of integers per second through
 * vectorization", 2015), chosen for its branch-free decoder; a block is
 * 1 + 16*width bytes.  Decoders take an end pointer and never read past it.
 */
#ifndef NS_CODEC_H
#define NS_CODEC_H

#include <stddef.h>
#include <stdint.h>

#define NS_CODEC_BLOCK 128

/* Most bytes ns_codec_encode() can write for n values. */
size_t ns_codec_bound(size_t n);

/* Encodes v[0..n) as a run (above) into out, which has room for
 * ns_codec_bound(n) bytes.  Returns the number of bytes written. */
size_t ns_codec_encode(uint8_t *out, const uint32_t *v, size_t n);

/* Decodes a run of n values from [in, end) into out[0..n).  Returns the
 * number of bytes read, or 0 when the bytes are too short or malformed (a
 * width over 32, a varint over 32 bits).  out must have room for n values
 * rounded up to a multiple of NS_CODEC_BLOCK (the unpacker writes whole
 * blocks). */
size_t ns_codec_decode(uint32_t *out, const uint8_t *in, const uint8_t *end, size_t n);

/* Bytes that ns_codec_decode() would read for a run of n values, without
 * decoding; 0 when malformed.  Lets a reader skip a run it does not need. */
size_t ns_codec_skip(const uint8_t *in, const uint8_t *end, size_t n);

/* Turns gaps into values in place: v[i] = base + v[0] + ... + v[i]. */
void ns_codec_prefix_sum(uint32_t *v, size_t n, uint32_t base);

#endif /* NS_CODEC_H */
