/* SPDX-License-Identifier: MIT */
/* varint.h -- LEB128 unsigned variable-length integers.
 *
 * 7 bits per byte, low bits first, high bit set on every byte but the last.
 * A uint32_t takes 1-5 bytes, a uint64_t 1-10.  Every decoder takes an end
 * pointer and never reads past it: index bytes may be corrupt.
 */
#ifndef NS_VARINT_H
#define NS_VARINT_H

#include <stddef.h>
#include <stdint.h>

#define NS_VARINT_MAX64 10	/* longest encoding of a uint64_t */

/* Writes v at p (room for NS_VARINT_MAX64 bytes); returns bytes written. */
size_t ns_varint_put(uint8_t *p, uint64_t v);

/* Reads one varint from [*p, end) into *v and advances *p.  Returns 0 on
 * success, -1 if the bytes end first or the value overflows 64 bits (then
 * *p is unchanged).  One byte holds most values of the dictionary, the
 * records and the blocks: that case is inline (the call was ~28
 * instructions, ~4% of the bench query set's), the others go to
 * ns_varint_get_long(). */
int ns_varint_get_long(const uint8_t **p, const uint8_t *end, uint64_t *v);

static inline int ns_varint_get(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	if (*p < end && **p < 0x80) {
		*v = *(*p)++;
		return 0;
	}
	return ns_varint_get_long(p, end, v);
}

/* As ns_varint_get, but also fails (-1) when the value exceeds UINT32_MAX. */
int ns_varint_get32(const uint8_t **p, const uint8_t *end, uint32_t *v);

/* Skips n varints; returns 0, or -1 if the bytes end first. */
int ns_varint_skip(const uint8_t **p, const uint8_t *end, size_t n);

#endif /* NS_VARINT_H */
