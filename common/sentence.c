/* SPDX-License-Identifier: MIT */
/* sentence.c -- sentence and paragraph starts of news text (see
 * sentence.h).
 *
 * One forward scan: only newlines and sentence punctuation stop it, and
 * each looks a few bytes around itself (the word before a '.', the word
 * after it, the line it ends), so the cost is linear in the text.
 */
#include "sentence.h"

#include <string.h>

/* Titles before a name: no sentence ends after them. */
static const char *const titles[] = {
	"Adm", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Fr", "Gen",
	"Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Pres",
	"Prof", "Pvt", "Rep", "Reps", "Rev", "Rt", "Sen", "Sens", "Sgt", "St", "Supt",
};

/* Abbreviations that end a sentence only before a sentence opener. */
static const char *const abbrevs[] = {
	"Apr", "Assn", "Aug", "Ave", "Blvd", "Bros", "Co", "Corp", "Dec", "Dept", "Feb", "Fig",
	"Inc", "Jan", "Jr", "Jul", "Jun", "Ltd", "Mar", "No", "Nos", "Nov", "Oct", "Rd",
	"Sep", "Sept", "Sr", "Univ", "Vol", "al", "approx", "ca", "cf", "est", "etc", "pp", "vs",
};

/* Words that typically open a sentence (after an abbreviation, they say
 * it ended). */
static const char *const openers[] = {
	"A", "According", "After", "Also", "Although", "An", "And", "As", "At", "Before",
	"Both", "But", "By", "Despite", "Each", "For", "From", "He", "Her", "Here", "His",
	"How", "However", "I", "If", "In", "It", "Its", "Meanwhile", "Most", "My", "Now", "On",
	"One", "Our", "She", "Since", "So", "Some", "Still", "Such", "That", "The", "Their",
	"Then", "There", "These", "They", "This", "Those", "Though", "Under", "We", "What",
	"When", "Where", "Which", "While", "Who", "Why", "With", "Yet", "You",
};

/* Short function words a title-case headline leaves in lower case. */
static const char *const small_words[] = {
	"a", "about", "against", "among", "an", "and", "as", "at", "between", "but", "by",
	"de", "for", "from", "in", "into", "near", "nor", "of", "off", "on", "onto", "or", "out",
	"over", "per", "than", "the", "to", "under", "up", "upon", "via", "vs", "with",
	"within", "without",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Whether w[0..len) is one of the n words of list (short, sorted). */
static int in_list(const char *const *list, size_t n, const unsigned char *w, size_t len)
{
	if (len == 0 || len > 9)
		return 0;	/* no listed word is longer */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)list[i][0] == w[0] && strncmp(list[i], (const char *)w, len) == 0 &&
		    list[i][len] == 0)
			return 1;
	return 0;
}

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_alpha(unsigned char c)
{
	return is_upper(c) || is_lower(c);
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Bytes of the space at t[i] (not a newline): ASCII blanks and U+00A0. */
static size_t hspace(const struct ns_sentences *s, size_t i)
{
	unsigned char c = s->t[i];

	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && i + 1 < s->len && s->t[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* Whether t[i..] starts with the three bytes E2 80 x. */
static int e280(const struct ns_sentences *s, size_t i, unsigned char x)
{
	return i + 2 < s->len && s->t[i] == 0xE2 && s->t[i + 1] == 0x80 && s->t[i + 2] == x;
}

/* Bytes of the closing quote or bracket at t[i], or 0. */
static size_t closer(const struct ns_sentences *s, size_t i)
{
	unsigned char c = s->t[i];

	if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
		return 1;
	if (c == 0xC2 && i + 1 < s->len && s->t[i + 1] == 0xBB)	/* » */
		return 2;
	if (e280(s, i, 0x99) || e280(s, i, 0x9D) || e280(s, i, 0xBA))	/* ’ ” › */
		return 3;
	return 0;
}

/* Bytes of the opening quote or bracket at t[i], or 0. */
static size_t opener_mark(const struct ns_sentences *s, size_t i)
{
	unsigned char c = s->t[i];

	if (c == '"' || c == '\'' || c == '(' || c == '[')
		return 1;
	if (c == 0xC2 && i + 1 < s->len && s->t[i + 1] == 0xAB)	/* « */
		return 2;
	if (e280(s, i, 0x98) || e280(s, i, 0x9C))	/* ‘ “ */
		return 3;
	return 0;
}

/* Whether a bullet starts the line at t[k] (its first byte that is not a
 * space): a marker, then a space. */
static int is_bullet(const struct ns_sentences *s, size_t k)
{
	size_t m = 0, d = 0;
	unsigned char c = s->t[k];

	if (c == '-' || c == '*')
		m = 1;
	else if (c == 0xC2 && k + 1 < s->len && s->t[k + 1] == 0xB7)	/* · */
		m = 2;
	else if (e280(s, k, 0xA2) || e280(s, k, 0xA3) || e280(s, k, 0x93))	/* • ‣ – */
		m = 3;
	else if (k + 2 < s->len && s->t[k] == 0xE2 &&
		 ((s->t[k + 1] == 0x96 && s->t[k + 2] == 0xAA) ||	/* ▪ */
		  (s->t[k + 1] == 0x97 && s->t[k + 2] == 0xA6)))	/* ◦ */
		m = 3;
	while (!m && d < 3 && k + d < s->len && is_digit(s->t[k + d]))
		d++;
	if (!m && d > 0 && d < 3 && k + d < s->len && (s->t[k + d] == '.' || s->t[k + d] == ')'))
		m = d + 1;
	return m && k + m < s->len && (s->t[k + m] == ' ' || s->t[k + m] == '\t');
}

/* Whether the line t[a, b) (no newline in it) is a headline: no final
 * punctuation, title case with at least two capitalised words. */
static int is_headline(const struct ns_sentences *s, size_t a, size_t b)
{
	size_t n_sig = 0, n_words = 0, n_upper = 0, i;
	unsigned char c;

	while (a < b && hspace(s, a))
		a += hspace(s, a);
	while (b > a && (s->t[b - 1] == ' ' || s->t[b - 1] == '\t' || s->t[b - 1] == '\r'))
		b--;
	if (a == b || !(is_upper(s->t[a]) || is_digit(s->t[a])))
		return 0;
	c = s->t[b - 1];
	if (c < 0x80 && !is_alpha(c) && !is_digit(c))
		return 0;
	if (c >= 0x80) {
		size_t st = b - 1;
		while (st > a && (s->t[st] & 0xC0) == 0x80)
			st--;
		if (s->t[st] == 0xE2 || (s->t[st] == 0xC2 && s->t[st + 1] == 0xBB))
			return 0;	/* quotes, dashes, ellipsis, bullets */
	}
	for (i = a; i < b;) {
		size_t w, e;
		while (i < b && (s->t[i] == ' ' || s->t[i] == '\t'))
			i++;
		if (i >= b)
			break;
		for (e = i; e < b && s->t[e] != ' ' && s->t[e] != '\t'; e++)
			;
		n_words++;
		for (w = i; w < e && opener_mark(s, w); w += opener_mark(s, w))
			;
		if (w < e && is_lower(s->t[w])) {
			size_t l = w;
			while (l < e && is_alpha(s->t[l]))
				l++;
			if (!in_list(small_words, N(small_words), s->t + w, l - w))
				return 0;
		} else if (w < e && (is_upper(s->t[w]) || is_digit(s->t[w]))) {
			n_sig++;
		}
		for (; w < e && is_upper(s->t[w]); w++)
			n_upper++;
		if (w < e)
			n_upper = 0;	/* not all capitals */
		i = e;
	}
	/* one word in capitals of its own ("TAGS") is a label, too */
	return (n_sig >= 2 && n_words <= 25) || (n_words == 1 && n_upper >= 3);
}

/* The end of the line holding byte k: its '\n' or the end of the text. */
static size_t line_end(const struct ns_sentences *s, size_t k)
{
	const unsigned char *nl = memchr(s->t + k, '\n', s->len - k);

	return nl ? (size_t)(nl - s->t) : s->len;
}

/* Whether the word at t[k] (after opening quotes) opens sentences. */
static int starts_opener(const struct ns_sentences *s, size_t k)
{
	size_t e;

	while (k < s->len && opener_mark(s, k))
		k += opener_mark(s, k);
	for (e = k; e < s->len && is_alpha(s->t[e]); e++)
		;
	return e > k && in_list(openers, N(openers), s->t + k, e - k);
}

/* Whether a '.' at t[i] that is followed by a sentence-like start at t[k]
 * ends a sentence, judging by the word before it. */
static int dot_ends(const struct ns_sentences *s, size_t i, size_t k)
{
	size_t w = i, dots = 0;

	while (w > 0 && (is_alpha(s->t[w - 1]) || s->t[w - 1] == '.')) {
		w--;
		dots += s->t[w] == '.';
	}
	while (w < i && s->t[w] == '.')	/* "..U" is no acronym */
		w++, dots--;
	if (w == i)
		return 1;	/* after a number, a bracket, a quote */
	if (in_list(titles, N(titles), s->t + w, i - w))
		return 0;
	if (dots > 0 || i - w == 1 || in_list(abbrevs, N(abbrevs), s->t + w, i - w))
		return starts_opener(s, k);
	return 1;
}

/* Skips the spaces and newlines from t[j]: *k is the first other byte (or
 * the end), *line the start of its line; returns the newlines skipped. */
static size_t skip_space(struct ns_sentences *s, size_t j, size_t *k, size_t *line)
{
	size_t nl = 0;

	for (;;) {
		if (j < s->len && s->t[j] == '\n') {
			nl++;
			*line = ++j;
		} else if (j < s->len && hspace(s, j)) {
			j += hspace(s, j);
		} else {
			break;
		}
	}
	*k = j;
	return nl;
}

/* Sentence punctuation at t[i]: a boundary at *k (1), or none, and the
 * scan goes on at *next (0). */
static int at_punct(struct ns_sentences *s, size_t i, size_t *k, int *para, size_t *next)
{
	size_t j = i, n_dots = 0, line = s->line, nl;
	int only_dots = 1;

	for (;;) {
		if (j < s->len && s->t[j] == '.') {
			n_dots++;
			j++;
		} else if (j < s->len && (s->t[j] == '!' || s->t[j] == '?')) {
			only_dots = 0;
			j++;
		} else if (e280(s, j, 0xA6)) {	/* … */
			n_dots += 3;
			j += 3;
		} else {
			break;
		}
	}
	while (j < s->len && closer(s, j))
		j += closer(s, j);
	*next = j;
	if (j >= s->len || (s->t[j] != '\n' && !hspace(s, j)))
		return 0;	/* glued: 3.5, U.S.-Iran, site.com */
	nl = skip_space(s, j, k, &line);
	if (*k >= s->len)
		return 0;
	*para = nl >= 2;
	if (!*para && is_lower(s->t[*k]))
		return 0;
	if (!*para && only_dots && n_dots == 1 && !dot_ends(s, i, *k))
		return 0;
	s->line = line;
	return 1;
}

/* A newline at t[i]: a paragraph at a blank line, a sentence after a
 * headline or before a bullet or a headline. */
static int at_newline(struct ns_sentences *s, size_t i, size_t *k, int *para)
{
	size_t line = i + 1, nl = skip_space(s, i + 1, k, &line);

	if (*k >= s->len)
		return 0;
	*para = nl >= 1;	/* this newline and one more: a blank line */
	if (!*para && !is_lower(s->t[*k]) &&
	    (is_headline(s, s->line, i) || is_bullet(s, *k) ||
	     is_headline(s, *k, line_end(s, *k)))) {
		s->line = line;
		return 1;
	}
	if (*para) {
		s->line = line;
		return 1;
	}
	s->line = i + 1;
	return 0;
}

/* The bytes the scan stops at: newline, sentence punctuation, and the
 * lead byte of U+2026 (and of other E2 80 xx characters). */
static const unsigned char stops[256] = {
	['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1,
};

void ns_sent_init(struct ns_sentences *s, const char *text, size_t len)
{
	s->t = (const unsigned char *)text;
	s->len = len;
	s->at = 0;
	s->line = 0;
}

int ns_sent_next(struct ns_sentences *s, size_t *off, int *para)
{
	const unsigned char *t = s->t;
	size_t i = s->at, len = s->len, k, next;

	for (;;) {
		unsigned char c;
		while (i < len && !stops[t[i]])	/* most bytes: a load, a test */
			i++;
		if (i >= len)
			break;
		c = t[i];
		if (c == '\n') {
			if (at_newline(s, i, &k, para))
				goto found;
			i++;
		} else if (c == '.' || c == '!' || c == '?' || e280(s, i, 0xA6)) {
			if (at_punct(s, i, &k, para, &next))
				goto found;
			i = next;
		} else {
			i++;
		}
	}
	s->at = s->len;
	return 0;
found:
	s->at = k;
	*off = k;
	return 1;
}
