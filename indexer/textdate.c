/* SPDX-License-Identifier: MIT */
/* textdate.c -- dates in visible text (see textdate.h).
 *
 * The text is cut into tokens (numbers, words) with the separator before
 * each; patterns are matched on a window of five tokens.
 */
#include "textdate.h"

#include <string.h>

#include "date.h"

#define WIN 6

struct tok {
	int num;		/* value of a number, -1 for a word */
	int digits;		/* digits of a number */
	int month;		/* 1..12 when the word names a month, else 0 */
	char sep[4];		/* up to 3 separator bytes before it ("" none) */
	int far;		/* more than 3 separator bytes before it */
	const char *p;		/* the token */
	size_t len;
};

static const struct {
	const char *name;
	int month;
} months[] = {
	/* English */
	{ "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 }, { "may", 5 },
	{ "june", 6 }, { "july", 7 }, { "august", 8 }, { "september", 9 }, { "october", 10 },
	{ "november", 11 }, { "december", 12 }, { "jan", 1 }, { "feb", 2 }, { "mar", 3 },
	{ "apr", 4 }, { "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "sept", 9 },
	{ "oct", 10 }, { "nov", 11 }, { "dec", 12 },
	/* German */
	{ "januar", 1 }, { "j\xc3\xa4nner", 1 }, { "februar", 2 }, { "m\xc3\xa4rz", 3 },
	{ "mai", 5 }, { "juni", 6 }, { "juli", 7 }, { "oktober", 10 }, { "dezember", 12 },
	{ "okt", 10 }, { "dez", 12 },
	/* French */
	{ "janvier", 1 }, { "f\xc3\xa9vrier", 2 }, { "mars", 3 }, { "avril", 4 }, { "juin", 6 },
	{ "juillet", 7 }, { "ao\xc3\xbbt", 8 }, { "septembre", 9 }, { "octobre", 10 },
	{ "novembre", 11 }, { "d\xc3\xa9" "cembre", 12 },
	/* Spanish */
	{ "enero", 1 }, { "febrero", 2 }, { "marzo", 3 }, { "abril", 4 }, { "mayo", 5 },
	{ "junio", 6 }, { "julio", 7 }, { "agosto", 8 }, { "septiembre", 9 }, { "setiembre", 9 },
	{ "octubre", 10 }, { "noviembre", 11 }, { "diciembre", 12 },
	/* Italian */
	{ "gennaio", 1 }, { "febbraio", 2 }, { "aprile", 4 }, { "maggio", 5 }, { "giugno", 6 },
	{ "luglio", 7 }, { "settembre", 9 }, { "ottobre", 10 }, { "dicembre", 12 },
	/* Portuguese */
	{ "janeiro", 1 }, { "fevereiro", 2 }, { "mar\xc3\xa7o", 3 }, { "maio", 5 },
	{ "junho", 6 }, { "julho", 7 }, { "setembro", 9 }, { "outubro", 10 },
	{ "dezembro", 12 },
	/* Dutch */
	{ "januari", 1 }, { "februari", 2 }, { "maart", 3 }, { "augustus", 8 },
	/* Russian (genitive: "15 августа 2016") */
	{ "\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80\xd1\x8f", 1 },
	{ "\xd1\x84\xd0\xb5\xd0\xb2\xd1\x80\xd0\xb0\xd0\xbb\xd1\x8f", 2 },
	{ "\xd0\xbc\xd0\xb0\xd1\x80\xd1\x82\xd0\xb0", 3 },
	{ "\xd0\xb0\xd0\xbf\xd1\x80\xd0\xb5\xd0\xbb\xd1\x8f", 4 },
	{ "\xd0\xbc\xd0\xb0\xd1\x8f", 5 },
	{ "\xd0\xb8\xd1\x8e\xd0\xbd\xd1\x8f", 6 },
	{ "\xd0\xb8\xd1\x8e\xd0\xbb\xd1\x8f", 7 },
	{ "\xd0\xb0\xd0\xb2\xd0\xb3\xd1\x83\xd1\x81\xd1\x82\xd0\xb0", 8 },
	{ "\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 9 },
	{ "\xd0\xbe\xd0\xba\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 10 },
	{ "\xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f", 11 },
	{ "\xd0\xb4\xd0\xb5\xd0\xba\xd0\xb0\xd0\xb1\xd1\x80\xd1\x8f", 12 },
	/* Ukrainian (genitive) */
	{ "\xd1\x81\xd1\x96\xd1\x87\xd0\xbd\xd1\x8f", 1 },
	{ "\xd0\xbb\xd1\x8e\xd1\x82\xd0\xbe\xd0\xb3\xd0\xbe", 2 },
	{ "\xd0\xb1\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb7\xd0\xbd\xd1\x8f", 3 },
	{ "\xd0\xba\xd0\xb2\xd1\x96\xd1\x82\xd0\xbd\xd1\x8f", 4 },
	{ "\xd1\x82\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbd\xd1\x8f", 5 },
	{ "\xd1\x87\xd0\xb5\xd1\x80\xd0\xb2\xd0\xbd\xd1\x8f", 6 },
	{ "\xd0\xbb\xd0\xb8\xd0\xbf\xd0\xbd\xd1\x8f", 7 },
	{ "\xd1\x81\xd0\xb5\xd1\x80\xd0\xbf\xd0\xbd\xd1\x8f", 8 },
	{ "\xd0\xb2\xd0\xb5\xd1\x80\xd0\xb5\xd1\x81\xd0\xbd\xd1\x8f", 9 },
	{ "\xd0\xb6\xd0\xbe\xd0\xb2\xd1\x82\xd0\xbd\xd1\x8f", 10 },
	{ "\xd0\xbb\xd0\xb8\xd1\x81\xd1\x82\xd0\xbe\xd0\xbf\xd0\xb0\xd0\xb4\xd0\xb0", 11 },
	{ "\xd0\xb3\xd1\x80\xd1\x83\xd0\xb4\xd0\xbd\xd1\x8f", 12 },
	/* Polish (genitive) */
	{ "stycznia", 1 }, { "lutego", 2 }, { "marca", 3 }, { "kwietnia", 4 }, { "maja", 5 },
	{ "czerwca", 6 }, { "lipca", 7 }, { "sierpnia", 8 }, { "wrze\xc5\x9bnia", 9 },
	{ "pa\xc5\xba" "dziernika", 10 }, { "listopada", 11 }, { "grudnia", 12 },
};

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int month_of(const char *p, size_t len)
{
	char low[32];

	if (len >= sizeof(low))
		return 0;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] - 'A' + 'a' : p[i]);
	/* "MÄRZ", "AOÛT", "АВГУСТА": fold the two-byte capitals the table needs */
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned char a = (unsigned char)low[i], b = (unsigned char)low[i + 1];
		if (a == 0xC3 && b >= 0x80 && b <= 0x9E) {
			low[i + 1] = (char)(b + 0x20);
		} else if (a == 0xD0 && b >= 0x90 && b <= 0x9F) {	/* А..П -> а..п */
			low[i + 1] = (char)(b + 0x20);
		} else if (a == 0xD0 && b >= 0xA0 && b <= 0xAF) {	/* Р..Я -> р..я */
			low[i] = (char)0xD1;
			low[i + 1] = (char)(b - 0x20);
		} else if (a == 0xD0 && b == 0x86) {	/* І -> і */
			low[i] = (char)0xD1;
			low[i + 1] = (char)0x96;
		}
		if (a >= 0xC0)
			i++;
	}
	for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (strlen(months[i].name) == len && memcmp(months[i].name, low, len) == 0)
			return months[i].month;
	return 0;
}

static int ok_ymd(int y, int m, int d)
{
	return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= ns_date_days_in_month(y, m);
}

static int sep_is(const struct tok *t, const char *s)
{
	return !t->far && strcmp(t->sep, s) == 0;
}

/* Blank-only separator (or a comma, for "May 3, 2022"). */
static int sep_space(const struct tok *t, int comma)
{
	if (t->far || !t->sep[0])
		return 0;
	for (const char *s = t->sep; *s; s++)
		if (*s != ' ' && !(comma && *s == ','))
			return 0;
	return 1;
}

static int is_word(const struct tok *t, const char *w)
{
	return t->num < 0 && t->len == strlen(w) && memcmp(t->p, w, t->len) == 0;
}

/* A date starting at w[0], if any (k tokens available). */
static int match(const struct tok *w, int k, int *y, int *m, int *d)
{
	/* 2020-02-19, 2020/02/19 */
	if (k >= 3 && w[0].digits == 4 && w[1].num >= 0 && w[2].num >= 0 &&
	    ((sep_is(&w[1], "-") && sep_is(&w[2], "-")) ||
	     (sep_is(&w[1], "/") && sep_is(&w[2], "/")))) {
		*y = w[0].num, *m = w[1].num, *d = w[2].num;
		return 1;
	}
	/* 2020年02月19日 */
	if (k >= 6 && w[0].digits == 4 && is_word(&w[1], "\xe5\xb9\xb4") && w[2].num >= 0 &&
	    is_word(&w[3], "\xe6\x9c\x88") && w[4].num >= 0 && is_word(&w[5], "\xe6\x97\xa5")) {
		*y = w[0].num, *m = w[2].num, *d = w[4].num;
		return 1;
	}
	/* 23.01.2022, 23/01/2022 (only when 23 cannot be a month) */
	if (k >= 3 && w[0].num >= 0 && w[0].digits <= 2 && w[1].num >= 0 && w[1].digits <= 2 &&
	    w[2].digits == 4) {
		if (sep_is(&w[1], ".") && sep_is(&w[2], ".")) {
			*d = w[0].num, *m = w[1].num, *y = w[2].num;
			return 1;
		}
		if (sep_is(&w[1], "/") && sep_is(&w[2], "/") && w[0].num > 12) {
			*d = w[0].num, *m = w[1].num, *y = w[2].num;
			return 1;
		}
	}
	/* 1. Februar 2022, 10 décembre 2019, 3 de mayo de 2022 */
	if (k >= 3 && w[0].num >= 0 && w[0].digits <= 2) {
		int i = 1;
		if (is_word(&w[i], "de") && (sep_space(&w[i], 0) || sep_is(&w[i], ". ")))
			i++;
		if (i + 1 < k && w[i].month && (sep_space(&w[i], 0) || sep_is(&w[i], ". "))) {
			int mo = w[i].month, j = i + 1;
			if (j + 1 < k && is_word(&w[j], "de") && sep_space(&w[j], 0))
				j++;
			if (w[j].digits == 4 && (sep_space(&w[j], 1) || sep_is(&w[j], ". "))) {
				*d = w[0].num, *m = mo, *y = w[j].num;
				return 1;
			}
		}
	}
	/* May 3, 2022; February 16th, 2026 */
	if (k >= 3 && w[0].month && w[1].num >= 0 && w[1].digits <= 2 && sep_space(&w[1], 0)) {
		int j = 2;
		if (j < k && w[j].num < 0 && w[j].len == 2 && !w[j].sep[0] &&
		    (is_word(&w[j], "st") || is_word(&w[j], "nd") || is_word(&w[j], "rd") ||
		     is_word(&w[j], "th")))
			j++;
		if (j < k && w[j].digits == 4 && sep_space(&w[j], 1)) {
			*m = w[0].month, *d = w[1].num, *y = w[j].num;
			return 1;
		}
	}
	return 0;
}

int ns_textdate_find(const char *s, size_t n, int64_t *t)
{
	struct tok win[WIN];
	int k = 0;
	size_t i = 0;

	while (i < n) {
		size_t sep_start = i;
		while (i < n && !is_digit((unsigned char)s[i]) && !is_letter((unsigned char)s[i]))
			i++;
		if (i >= n)
			break;
		struct tok tk;
		size_t sl = i - sep_start;
		memset(&tk, 0, sizeof(tk));
		tk.far = sl > 3;
		if (!tk.far)
			memcpy(tk.sep, s + sep_start, sl);
		tk.p = s + i;
		if (is_digit((unsigned char)s[i])) {
			long v = 0;
			while (i < n && is_digit((unsigned char)s[i])) {
				if (v < 100000)
					v = v * 10 + (s[i] - '0');
				tk.digits++;
				i++;
			}
			tk.num = (int)v;
		} else {
			tk.num = -1;
			/* CJK date characters stand alone */
			if ((unsigned char)s[i] >= 0xE0) {
				size_t e = i + 1;
				while (e < n && ((unsigned char)s[e] & 0xC0) == 0x80)
					e++;
				i = e;
			} else {
				while (i < n && is_letter((unsigned char)s[i]) &&
				       (unsigned char)s[i] < 0xE0)
					i++;
			}
			tk.month = month_of(tk.p, (size_t)(s + i - tk.p));
		}
		tk.len = (size_t)(s + i - tk.p);
		if (k == WIN) {
			memmove(win, win + 1, (WIN - 1) * sizeof(win[0]));
			k--;
		}
		win[k++] = tk;
		/* try every start in the window that can still complete */
		for (int st = 0; st < k; st++) {
			int y, m, d;
			if (match(win + st, k - st, &y, &m, &d) && ok_ymd(y, m, d)) {
				*t = ns_date_from_civil(y, m, d);
				return 0;
			}
		}
	}
	return -1;
}
