/* SPDX-License-Identifier: MIT */
/* headline.c -- comparing and cutting headline strings (see headline.h). */
#include "headline.h"

#include <string.h>

#include "textdate.h"

/* ---- words ---- */

/* The code point at s[i..n) and its length (a bad byte is itself). */
static unsigned decode(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	unsigned c = s[i];
	size_t k, need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;

	*len = 1;
	if (c < 0x80 || need == 1 || i + need > n)
		return c;
	c &= 0xFF >> (need + 1);
	for (k = 1; k < need; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return s[i];
		c = (c << 6) | (s[i + k] & 0x3F);
	}
	*len = need;
	return c;
}

static int word_cp(unsigned c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c <= 0xBF || c == 0xD7 || c == 0xF7)
		return 0;	/* Latin-1 punctuation, no-break space, signs */
	if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x2190 && c <= 0x21FF) ||
	    (c >= 0x2500 && c <= 0x27BF))
		return 0;	/* general punctuation, arrows, boxes, shapes, dingbats */
	if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
	    (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
		return 0;	/* CJK and full-width punctuation */
	return 1;
}

/* The next word of s[*i..n): sets [*b, *e) and moves *i past it. */
static int next_word(const char *str, size_t n, size_t *i, size_t *b, size_t *e)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;

	while (*i < n && !word_cp(decode(s, n, *i, &len)))
		*i += len;
	if (*i >= n)
		return 0;
	*b = *i;
	while (*i < n && word_cp(decode(s, n, *i, &len)))
		*i += len;
	*e = *i;
	return 1;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

int ns_headline_same(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, k = 0, ab, ae, bb, be;

	for (;;) {
		int ha = next_word(a, an, &i, &ab, &ae), hb = next_word(b, bn, &k, &bb, &be);
		if (!ha || !hb)
			return ha == hb;
		if (ae - ab != be - bb)
			return 0;
		for (size_t j = 0; j < ae - ab; j++)
			if (lower(a[ab + j]) != lower(b[bb + j]))
				return 0;
	}
}

size_t ns_headline_words(const char *s, size_t n)
{
	size_t i = 0, b, e, w = 0;

	while (next_word(s, n, &i, &b, &e))
		w++;
	return w;
}

/* ---- separators ---- */

/* Separators between a headline and the rest, most telling first.
 * loose: a short part beside a long one is cut even when nothing says it
 * is the site (" : " only cuts sites and dates: it also starts subtitles). */
static const struct {
	const char *s;
	int loose;
} seps[] = {
	{ " | ", 1 }, { " - ", 1 }, { " \xE2\x80\x93 ", 1 }, { " \xE2\x80\x94 ", 1 },
	{ " :: ", 1 }, { " \xC2\xB7 ", 1 }, { " \xC2\xBB ", 1 }, { " / ", 1 }, { " : ", 0 },
};
#define N_SEPS (sizeof(seps) / sizeof(seps[0]))

/* Separators written without spaces in Chinese and Japanese titles. */
static const char *const tight_seps[] = { "-", "_", "|", "\xEF\xBD\x9C", NULL };

/* The next occurrence of sep in s[from..n), or n. */
static size_t find(const char *s, size_t n, size_t from, const char *sep)
{
	size_t l = strlen(sep);

	for (size_t i = from; i + l <= n; i++)
		if (s[i] == sep[0] && memcmp(s + i, sep, l) == 0)
			return i;
	return n;
}

/* Is the separator at s[i] tight between two characters of three bytes
 * (CJK)? */
static int tight_at(const char *s, size_t n, size_t i, size_t l)
{
	const unsigned char *u = (const unsigned char *)s;
	return i >= 3 && (u[i - 3] & 0xF0) == 0xE0 && i + l < n && (u[i + l] & 0xF0) == 0xE0;
}

int ns_headline_part(const char *r, size_t rn, const char *s, size_t sn, size_t *off,
		     size_t *len)
{
	if (ns_headline_words(s, sn) == 0)
		return 0;
	if (ns_headline_same(r, rn, s, sn)) {
		*off = 0;
		*len = rn;
		return 1;
	}
	for (size_t k = 0; k < N_SEPS + 4; k++) {
		const char *sep = k < N_SEPS ? seps[k].s : tight_seps[k - N_SEPS];
		size_t l = strlen(sep);
		for (size_t i = find(r, rn, 0, sep); i < rn; i = find(r, rn, i + l, sep)) {
			if (k >= N_SEPS && !tight_at(r, rn, i, l))
				continue;
			if (ns_headline_same(r, i, s, sn)) {
				*off = 0;
				*len = i;
				return 1;
			}
			if (ns_headline_same(r + i + l, rn - i - l, s, sn)) {
				*off = i + l;
				*len = rn - i - l;
				return 1;
			}
		}
	}
	return 0;
}

/* ---- the site's name ---- */

void ns_headline_host(const char *url, char *out, size_t cap)
{
	const char *h, *end, *best = NULL;
	size_t best_n = 0;

	out[0] = 0;
	if (!url || !(h = strstr(url, "://")))
		return;
	h += 3;
	end = h + strcspn(h, "/?#:");
	/* every label but the last (the top-level domain) */
	for (const char *l = h; l < end;) {
		const char *dot = memchr(l, '.', (size_t)(end - l));
		if (!dot)
			break;
		if ((size_t)(dot - l) > best_n && !((size_t)(dot - l) == 3 && memcmp(l, "www", 3) == 0)) {
			best = l;
			best_n = (size_t)(dot - l);
		}
		l = dot + 1;
	}
	if (!best || best_n + 1 > cap)
		return;
	for (size_t i = 0; i < best_n; i++)
		out[i] = lower(best[i]);
	out[best_n] = 0;
}

#define SITE_MAX_WORDS 5	/* a longer part is not a site's name */

int ns_headline_is_site(const char *s, size_t n, const char *site, const char *host)
{
	char run[256];
	size_t i = 0, b, e, r = 0, hn = 0;
	char hl[256];

	if (site && *site && ns_headline_same(s, n, site, strlen(site)))
		return 1;
	if (!host || !*host || ns_headline_words(s, n) > SITE_MAX_WORDS)
		return 0;
	for (const char *h = host; *h && hn + 1 < sizeof(hl); h++)
		if ((*h >= 'a' && *h <= 'z') || (*h >= '0' && *h <= '9'))
			hl[hn++] = *h;
	hl[hn] = 0;
	if (hn < 3)
		return 0;
	/* "Four Years Remaining" on fouryears.eu: the first words spell it */
	while (next_word(s, n, &i, &b, &e)) {
		for (size_t j = b; j < e && r + 1 < sizeof(run); j++)
			run[r++] = lower(s[j]);
		if (r > hn || memcmp(run, hl, r) != 0)
			return 0;
		if (r == hn)
			return 1;
	}
	return 0;
}

/* ---- cutting ---- */

#define DATE_PART_WORDS 7	/* "06.11.2023, 11.41 Uhr", "Montag, 1. Februar 2022" */
#define DATE_PART_LETTERS 20

/* Is s[0..n) only a date (and a time)? */
static int date_part(const char *s, size_t n)
{
	size_t letters = 0;
	int64_t t;

	if (ns_headline_words(s, n) > DATE_PART_WORDS)
		return 0;
	for (size_t i = 0; i < n; i++)
		letters += (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			   (unsigned char)s[i] >= 0x80;
	return letters <= DATE_PART_LETTERS && ns_textdate_find(s, n, &t) == 0;
}

static void keep(struct ns_buf *t, size_t off, size_t len)
{
	memmove(t->data, t->data + off, len);
	t->len = len;
}

/* One cut of t; 1 when something was cut. */
static int cut_once(struct ns_buf *t, const char *site, const char *host, const char *h1,
		    int loose, int *cut_lead)
{
	const char *s = (const char *)t->data;
	size_t n = t->len, h1n = h1 ? strlen(h1) : 0;

	for (size_t k = 0; k < N_SEPS; k++) {
		size_t sl = strlen(seps[k].s), first = find(s, n, 0, seps[k].s), last = first;
		if (first >= n)
			continue;
		for (size_t q; (q = find(s, n, last + sl, seps[k].s)) < n;)
			last = q;
		/* head = [0, last), tail = [last + sl, n); lead = [0, first), rest */
		size_t tail = last + sl, rest = first + sl;
		size_t head_n = last, tail_n = n - tail, lead_n = first, rest_n = n - rest;
		int tail_site = ns_headline_is_site(s + tail, tail_n, site, host) ||
				date_part(s + tail, tail_n);
		int lead_site = ns_headline_is_site(s, lead_n, site, host) || date_part(s, lead_n);
		size_t tail_w = ns_headline_words(s + tail, tail_n), off, len;
		if (h1n && ns_headline_same(s, head_n, h1, h1n)) {
			off = 0, len = head_n;
		} else if (h1n && ns_headline_same(s + rest, rest_n, h1, h1n)) {
			off = rest, len = rest_n;
		} else if (tail_site || (loose && seps[k].loose && !lead_site && tail_w <= (k == 0 ? 4u : 3u) &&
					 ns_headline_words(s, head_n) >= 2 * tail_w)) {
			off = 0, len = head_n;
		} else if (lead_site || (loose && (k == 0 || (*cut_lead && seps[k].loose)) && first == last &&
					 ns_headline_words(s, lead_n) <= 2 &&
					 ns_headline_words(s + rest, rest_n) >= 4)) {
			/* a section label after the site's name: "Site - News - Headline" */
			off = rest, len = rest_n;
		} else {
			continue;
		}
		if (ns_headline_words(s + off, len) == 0)
			return 0;
		*cut_lead = off > 0;
		keep(t, off, len);
		return 1;
	}
	return 0;
}

void ns_headline_strip(struct ns_buf *t, const char *site, const char *host, const char *h1,
			int loose)
{
	if (!t->data || t->len == 0)
		return;
	if (h1 && ns_headline_same((const char *)t->data, t->len, h1, strlen(h1)))
		return;
	/* "gipfelbuch.ch - Outdoornews - Headline": one part at a time */
	for (int round = 0, cut_lead = 0; round < 3; round++) {
		size_t before = t->len;
		if (!cut_once(t, site, host, h1, loose, &cut_lead) || t->len == before)
			break;
		if (h1 && ns_headline_same((const char *)t->data, t->len, h1, strlen(h1)))
			break;
	}
	while (t->len && (t->data[t->len - 1] == ' '))
		t->len--;
}
