/* SPDX-License-Identifier: MIT */
/* editdist.c -- OSA distance (see editdist.h). */
#include "editdist.h"

size_t ns_utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	size_t n = 0;

	while (p < end) {
		uint32_t c = *p, need = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
		int ok = c < 0x80 || (need > 0 && c < 0xF8);
		if (c >= 0x80 && c < 0xC2)
			ok = 0;
		if (ok && need && (size_t)(end - p) > need) {
			uint32_t v = c & (0x3F >> need);
			for (uint32_t i = 1; i <= need && ok; i++) {
				ok = (p[i] & 0xC0) == 0x80;
				v = v << 6 | (p[i] & 0x3F);
			}
			if (ok)
				c = v;
		} else if (need) {
			ok = 0;
		}
		if (n == cap)
			return cap + 1;
		out[n++] = ok ? c : 0xDC00u + *p;
		p += ok ? need + 1 : 1;
	}
	return n;
}

int ns_osa_distance(const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
	uint8_t d[NS_EDIT_MAX_CHARS + 1][NS_EDIT_MAX_CHARS + 1];

	for (size_t j = 0; j <= bn; j++)
		d[0][j] = (uint8_t)j;
	for (size_t i = 1; i <= an; i++) {
		d[i][0] = (uint8_t)i;
		for (size_t j = 1; j <= bn; j++) {
			int v = d[i - 1][j] + 1, w = d[i][j - 1] + 1, s = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (w < v)
				v = w;
			if (s < v)
				v = s;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = (uint8_t)v;
		}
	}
	return d[an][bn];
}

int ns_osa_distance_utf8(const char *a, size_t alen, const char *b, size_t blen)
{
	uint32_t x[NS_EDIT_MAX_CHARS + 1], y[NS_EDIT_MAX_CHARS + 1];
	size_t xn = ns_utf8_decode(a, alen, x, NS_EDIT_MAX_CHARS);
	size_t yn = ns_utf8_decode(b, blen, y, NS_EDIT_MAX_CHARS);

	if (xn > NS_EDIT_MAX_CHARS)
		xn = NS_EDIT_MAX_CHARS;
	if (yn > NS_EDIT_MAX_CHARS)
		yn = NS_EDIT_MAX_CHARS;
	return ns_osa_distance(x, xn, y, yn);
}
