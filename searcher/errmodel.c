/* SPDX-License-Identifier: MIT */
/* errmodel.c -- weighted edit costs of common slips (see errmodel.h). */
#include "errmodel.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "editdist.h"

int ns_errmodel_keys_touch(char a, char b)
{
	static const char *const rows[] = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };
	int ra = -1, ca = 0, rb = -1, cb = 0;

	for (int r = 0; r < 3; r++) {
		const char *x = a ? strchr(rows[r], a) : NULL, *y = b ? strchr(rows[r], b) : NULL;
		if (x) {
			ra = r;
			ca = (int)(x - rows[r]);
		}
		if (y) {
			rb = r;
			cb = (int)(y - rows[r]);
		}
	}
	if (ra < 0 || rb < 0 || a == b)
		return 0;
	/* rows are staggered: a key touches two keys of the row below */
	if (ra == rb)
		return abs(ca - cb) == 1;
	if (abs(ra - rb) != 1)
		return 0;
	return ra < rb ? cb == ca || cb == ca - 1 : ca == cb || ca == cb - 1;
}

static int letter(uint32_t c)
{
	return c >= 'a' && c <= 'z';
}

static int vowel(uint32_t c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int consonant(uint32_t c)
{
	return letter(c) && !vowel(c);
}

/* Letters written for each other because they sound alike. */
static int sound_alike(uint32_t a, uint32_t b)
{
	static const char *const pairs[] = { "cs", "ck", "sz", "iy", "gj", "mn", "kq" };

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if ((a == (uint8_t)pairs[i][0] && b == (uint8_t)pairs[i][1]) ||
		    (b == (uint8_t)pairs[i][0] && a == (uint8_t)pairs[i][1]))
			return 1;
	return 0;
}

/* Consonants that differ only in voicing: said alike in an unstressed
 * syllable or a cluster (describtion, intented, prohipiting); not g and
 * k, which spelling keeps apart (tunelink is no slip of tuneling). */
static int voicing(uint32_t a, uint32_t b)
{
	static const char *const pairs[] = { "dt", "bp", "fv" };

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if ((a == (uint8_t)pairs[i][0] && b == (uint8_t)pairs[i][1]) ||
		    (b == (uint8_t)pairs[i][0] && a == (uint8_t)pairs[i][1]))
			return 1;
	return 0;
}

/* "ie" or "ei": which comes first is the best known doubt of English
 * spelling (recieve, wierd, peices). */
static int ie_pair(uint32_t a, uint32_t b)
{
	return (a == 'i' && b == 'e') || (a == 'e' && b == 'i');
}

static double sub_cost(uint32_t a, uint32_t b)
{
	if (vowel(a) && vowel(b))
		return NS_ERR_VOWEL;
	if (letter(a) && letter(b) && ns_errmodel_keys_touch((char)a, (char)b))
		return NS_ERR_KEY;
	if (sound_alike(a, b))
		return NS_ERR_SOUND;
	if (voicing(a, b))
		return NS_ERR_VOICE;
	return 1;
}

/* Leaving out c[i] (n characters). */
static double drop_cost(const uint32_t *c, size_t n, size_t i)
{
	uint32_t prev = i > 0 ? c[i - 1] : 0, next = i + 1 < n ? c[i + 1] : 0;

	/* the second of a double: leaving out both is not one slip twice */
	if (c[i] == prev)
		return NS_ERR_DOUBLE;
	if (vowel(c[i]) && consonant(prev) && consonant(next))
		return NS_ERR_SCHWA;
	return NS_ERR_DROP;
}

/* Adding t[j] (n characters). */
static double add_cost(const uint32_t *t, size_t n, size_t j)
{
	uint32_t prev = j > 0 ? t[j - 1] : 0, next = j + 1 < n ? t[j + 1] : 0;

	if (t[j] == prev)
		return NS_ERR_DOUBLE;	/* the second of a double */
	if (j + 1 == n && j > 0 && t[j] != 'e')
		return NS_ERR_TAIL;
	/* -es for -s (expectes, registeres), but not the e that lengthens a
	 * single vowel before the consonant (planes, cares): that e makes a
	 * word of its own, no slip of plans or cars (an -er stays a slip) */
	if (t[j] == 'e' && consonant(prev) && next == 's' && j + 2 == n &&
	    !(j >= 2 && vowel(t[j - 2]) && !(j >= 3 && vowel(t[j - 3])) &&
	      !(t[j - 2] == 'e' && prev == 'r')))
		return NS_ERR_ADD_ES;
	if (letter(t[j]) && ((letter(prev) && ns_errmodel_keys_touch((char)t[j], (char)prev)) ||
			     (letter(next) && ns_errmodel_keys_touch((char)t[j], (char)next))))
		return NS_ERR_KEY;	/* two keys pressed at once */
	if (t[j] == 'e' && consonant(prev))
		return NS_ERR_ADD_E;	/* a silent e written (arguement) */
	return 1;
}

static double min2(double a, double b)
{
	return a < b ? a : b;
}

double ns_errmodel_cost(const char *typed, size_t tl, const char *cand, size_t cl)
{
	uint32_t t[NS_EDIT_MAX_CHARS + 1], c[NS_EDIT_MAX_CHARS + 1];
	static const size_t W = NS_EDIT_MAX_CHARS + 1;
	double d[(NS_EDIT_MAX_CHARS + 1) * (NS_EDIT_MAX_CHARS + 1)];
	size_t n = ns_utf8_decode(typed, tl, t, NS_EDIT_MAX_CHARS);
	size_t m = ns_utf8_decode(cand, cl, c, NS_EDIT_MAX_CHARS);

	n = n > NS_EDIT_MAX_CHARS ? NS_EDIT_MAX_CHARS : n;
	m = m > NS_EDIT_MAX_CHARS ? NS_EDIT_MAX_CHARS : m;
	/* d[i * W + j]: turning the intended c[0..i) into the typed t[0..j) */
	d[0] = 0;
	for (size_t j = 1; j <= n; j++)
		d[j] = d[j - 1] + add_cost(t, n, j - 1);
	for (size_t i = 1; i <= m; i++) {
		d[i * W] = d[(i - 1) * W] + drop_cost(c, m, i - 1);
		for (size_t j = 1; j <= n; j++) {
			double v = d[(i - 1) * W + j] + drop_cost(c, m, i - 1);
			v = min2(v, d[i * W + j - 1] + add_cost(t, n, j - 1));
			v = min2(v, d[(i - 1) * W + j - 1] +
					    (c[i - 1] == t[j - 1] ? 0 : sub_cost(c[i - 1], t[j - 1])));
			if (i >= 2 && j >= 2 && c[i - 1] == t[j - 2] && c[i - 2] == t[j - 1] &&
			    c[i - 1] != c[i - 2])
				v = min2(v, d[(i - 2) * W + j - 2] +
						    (ie_pair(c[i - 2], c[i - 1]) ? NS_ERR_SWAP_IE
										: NS_ERR_SWAP));
			/* "ph" written "f", and "f" written "ph" */
			if (i >= 2 && c[i - 2] == 'p' && c[i - 1] == 'h' && t[j - 1] == 'f')
				v = min2(v, d[(i - 2) * W + j - 1] + NS_ERR_SOUND);
			if (j >= 2 && t[j - 2] == 'p' && t[j - 1] == 'h' && c[i - 1] == 'f')
				v = min2(v, d[(i - 1) * W + j - 2] + NS_ERR_SOUND);
			d[i * W + j] = v;
		}
	}
	return d[m * W + n];
}
