/* SPDX-License-Identifier: MIT */
/* codec.h -- the integer codec of the postings: blocks of 128 bit-packed
 * integers with exceptions (patched frame of reference), and a tail.
 *
 * Postings store runs of small unsigned integers (document-id gaps, term
 * frequencies minus one, word-position gaps).  A run of n values is cut into
 * full blocks of NS_CODEC_BLOCK values and one tail of fewer values:
 *
 *   run      := block* tail
 *   block    := packing                  (exactly NS_CODEC_BLOCK values)
 *   tail     := varint*                  (k = n mod NS_CODEC_BLOCK values,
 *                                         when k < NS_CODEC_TAIL_PACK)
 *             | packing                  (the k values, otherwise)
 *   packing  := head:u8 packed [exceptions]
 *   head     := width | 0x40 when exceptions follow; width 0..32, and no
 *               exceptions with width 32 (other heads are malformed)
 *   packed   := m * width bits for the packing's m values, value i at bit
 *               i*width, least significant bit first, bytes little-endian,
 *               padded with zero bits to a whole byte (so a full block has
 *               16 * width bytes; width 0: no packed bytes)
 *   exceptions := count-1:u8 (index:u8 high:varint)*count
 *               indexes strictly increasing and < m; value[index] gets high
 *               << width added: high >= 1 and fits 32 - width bits
 *
 * The width is the one giving the fewest bytes (the smallest on a tie): the
 * few large values of a block (a long gap, a high tf, a word far into an
 * article) no longer widen all 128, the idea of PFor (Zukowski, Heman,
 * Nes & Boncz, "Super-scalar RAM-CPU cache compression", 2006), with the
 * exceptions kept out of the packed words so the unpacking stays the
 * branch-free "fastunpack" of Lemire & Boytsov (2015) plus a patch loop.
 * Decoders take an end pointer and never read past it.
 */
#ifndef NS_CODEC_H
#define NS_CODEC_H

#include <stddef.h>
#include <stdint.h>

#define NS_CODEC_BLOCK 128
#define NS_CODEC_TAIL_PACK 4	/* shorter tails are varints */

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
