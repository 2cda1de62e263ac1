/* SPDX-License-Identifier: MIT */
/* varint.c -- LEB128 unsigned varints (see varint.h). */
#include "varint.h"

size_t ns_varint_put(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

int ns_varint_get_long(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	const uint8_t *q = *p;
	uint64_t x = 0;
	unsigned shift = 0;

	while (q < end) {
		uint8_t c = *q++;
		if (shift == 63 && c > 1)
			return -1;	/* would overflow 64 bits */
		x |= (uint64_t)(c & 0x7f) << shift;
		if (c < 0x80) {
			*v = x;
			*p = q;
			return 0;
		}
		shift += 7;
		if (shift > 63)
			return -1;
	}
	return -1;
}

int ns_varint_get32(const uint8_t **p, const uint8_t *end, uint32_t *v)
{
	const uint8_t *q = *p;
	uint64_t x;

	if (ns_varint_get(&q, end, &x) != 0 || x > UINT32_MAX)
		return -1;
	*v = (uint32_t)x;
	*p = q;
	return 0;
}

int ns_varint_skip(const uint8_t **p, const uint8_t *end, size_t n)
{
	const uint8_t *q = *p;

	while (n > 0) {
		if (q >= end)
			return -1;
		if (*q++ < 0x80)
			n--;
	}
	*p = q;
	return 0;
}
