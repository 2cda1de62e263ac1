/* SPDX-License-Identifier: MIT */
/* crc32_clmul.h -- CRC-32 (zlib's polynomial, as crc32()) by carry-less
 * multiplication, for ns_crc32_update() (fileio.h).
 *
 * Every chunk, record and postings block is checked by its CRC when read:
 * the table-driven CRCs took ~2-4 instructions per byte (3% of the bench
 * query set's instructions, a 64 KiB doc-table chunk ~260,000).  Folding
 * 16 bytes at a time with PCLMULQDQ takes ~0.3.
 */
#ifndef NS_CRC32_CLMUL_H
#define NS_CRC32_CLMUL_H

#include <stddef.h>
#include <stdint.h>

/* Bytes below which the caller's table version is as fast. */
#define NS_CRC32_CLMUL_MIN 64

/* Continues *crc (pre- and post-inverted, as zlib's crc32()) over
 * p[0..n), n >= NS_CRC32_CLMUL_MIN and a multiple of 16.  Returns 1, or 0
 * (and does nothing) where the CPU lacks PCLMULQDQ or SSE4.1, or the
 * build is not for x86-64. */
int ns_crc32_clmul(uint32_t *crc, const uint8_t *p, size_t n);

#endif /* NS_CRC32_CLMUL_H */
