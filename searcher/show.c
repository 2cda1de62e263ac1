/* SPDX-License-Identifier: MIT */
/* show.c -- snippets (see show.h). */
#include "show.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "tokenize.h"

#define DEFAULT_SNIPPET 200
#define ELLIPSIS "\xe2\x80\xa6"	/* U+2026 */

/* ---------------------------------------------------------------------- */
/* Snippets                                                                */
/* ---------------------------------------------------------------------- */

/* Index of the term t[0..len) in the sorted terms, or -1. */
static long term_index(const char *const *terms, size_t n, const char *t, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(terms[mid], t, len);
		if (c == 0 && terms[mid][len] != 0)
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

struct mhit {
	size_t off, len;	/* bytes of the matched word in the text */
	size_t term;		/* index into the sorted terms */
};

/* A candidate passage: the hits [first, end) within one window. */
struct window {
	size_t first, end;
	size_t fresh;		/* distinct terms not already shown */
	size_t distinct;	/* distinct terms */
	size_t count;		/* hits */
};

static int better(const struct window *a, const struct window *b)
{
	if (a->fresh != b->fresh)
		return a->fresh > b->fresh;
	if (a->distinct != b->distinct)
		return a->distinct > b->distinct;
	return a->count > b->count;
}

/* The best window of w bytes starting at a hit of h[lo, hi): most terms
 * not in shown, then most distinct terms, then most hits; the earliest on
 * ties.  counts (one per term, all zero) is left all zero. */
static void best_window(const struct mhit *h, size_t lo, size_t hi, size_t w, const uint8_t *shown,
			size_t *counts, struct window *best)
{
	struct window cur = { lo, lo, 0, 0, 0 };

	for (size_t i = lo; i < hi; i++) {
		if (cur.end < i)
			cur.end = i;
		/* A window holds at least its first hit, however long. */
		while (cur.end < hi &&
		       (cur.end == i || h[cur.end].off + h[cur.end].len <= h[i].off + w)) {
			size_t t = h[cur.end].term;
			if (counts[t]++ == 0) {
				cur.distinct++;
				cur.fresh += !shown[t];
			}
			cur.count++;
			cur.end++;
		}
		cur.first = i;
		if (best->end == best->first || better(&cur, best))
			*best = cur;
		/* Slide: drop hit i. */
		if (cur.end > i) {
			size_t t = h[i].term;
			if (--counts[t] == 0) {
				cur.distinct--;
				cur.fresh -= !shown[t];
			}
			cur.count--;
		}
	}
	for (size_t i = lo; i < hi; i++)
		counts[h[i].term] = 0;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Moves i back to a word boundary (white space). */
static size_t word_start(const char *t, size_t i)
{
	while (i > 0 && !is_blank(t[i - 1]))
		i--;
	return i;
}

static size_t word_end(const char *t, size_t len, size_t i)
{
	while (i < len && !is_blank(t[i]))
		i++;
	return i;
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* Whether a sentence ends right after t[i]: ". ", "!\n", "?" at the end,
 * but not after an initial or an acronym ("J. Smith", "the U.S. team") nor
 * before a lower-case word ("approx. ten"). */
static int sentence_end(const char *t, size_t len, size_t i)
{
	size_t j = i + 1;

	if ((t[i] != '.' && t[i] != '!' && t[i] != '?') || (j < len && !is_blank(t[j])))
		return 0;
	while (j < len && is_blank(t[j]))
		j++;
	if (j < len && is_lower(t[j]))
		return 0;
	if (t[i] == '.' && i > 0 && !is_blank(t[i - 1])) {
		size_t w = word_start(t, i);
		if (i - w == 1 || memchr(t + w, '.', i - w))
			return 0;	/* "J." or "U.S." */
	}
	return 1;
}

/* Byte range [*from, *to) of a passage of about w bytes holding the
 * matches from first_off to last_end (no match: first_off = 0). */
static void passage(const char *text, size_t len, size_t first_off, size_t last_end, size_t w,
		    size_t *from, size_t *to)
{
	size_t lead = w * 3 / 10, f = 0, t;

	if (first_off > 0) {
		size_t lo = first_off > lead ? first_off - lead : 0;
		int found = 0;
		/* Prefer the start of the sentence that holds the match. */
		for (size_t i = first_off; i > lo && !found; i--) {
			if (text[i - 1] == '\n' || sentence_end(text, len, i - 1)) {
				f = i;
				found = 1;
			}
		}
		if (!found)
			f = word_start(text, lo);
	}
	while (f < len && is_blank(text[f]))
		f++;
	t = f + w < len ? word_end(text, len, f + w) : len;
	if (t < last_end)	/* the lead pushed the last match out */
		t = word_end(text, len, last_end);
	if (t > f + w + w / 5 && t > last_end) {	/* one huge "word": cut it anyway */
		t = f + w > last_end ? f + w : last_end;
		while (t > f && t < len && ((unsigned char)text[t] & 0xC0) == 0x80)
			t--;	/* never inside a UTF-8 character */
	}
	/* Near the end of the text: use the room left for earlier context,
	 * from a sentence start if there is one. */
	if (t == len && f > 0 && len - f < w) {
		if (len <= w) {
			f = 0;
		} else {
			for (size_t i = len - w; i < f; i++) {
				if (text[i - 1] == '\n' || sentence_end(text, len, i - 1)) {
					f = i;
					break;
				}
			}
		}
		while (f < len && is_blank(text[f]))
			f++;
	}
	/* Prefer to end with a sentence, if one ends in the last part. */
	if (t < len) {
		size_t floor_ = f + w / 2 > last_end ? f + w / 2 : last_end;
		for (size_t i = t; i > floor_; i--) {
			if (sentence_end(text, len, i - 1)) {
				t = i;
				break;
			}
		}
	}
	*from = f;
	*to = t;
}

/* Bytes of a multi-byte character at s that some programs take for a line
 * break or a control character: C1 controls (U+0080..U+009F, NEL among
 * them), U+2028 and U+2029; else 0. */
static size_t line_break_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
		return 2;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
		return 3;
	return 0;
}

/* Appends text[a..b) with runs of white space and control characters
 * folded to one space. */
static void append_folded(struct ns_buf *out, const char *text, size_t a, size_t b)
{
	int space = 0;

	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)text[i];
		size_t k = line_break_len(text + i, b - i);
		if (c < 0x20 || c == ' ' || c == 0x7f || k) {
			space = 1;
			i += k ? k - 1 : 0;
			continue;
		}
		if (space && out->len > 0 && out->data[out->len - 1] != ' ')
			ns_buf_putc(out, ' ');
		space = 0;
		ns_buf_putc(out, c);
	}
	if (space && out->len > 0 && out->data[out->len - 1] != ' ')
		ns_buf_putc(out, ' ');
}

static int push_hl(struct ns_snip *s, size_t *cap, size_t start, size_t end)
{
	if (s->n_hl == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		size_t(*nh)[2] = realloc(s->hl, nc * sizeof(*nh));
		if (!nh)
			return NS_ERR_NOMEM;
		s->hl = nh;
		*cap = nc;
	}
	s->hl[s->n_hl][0] = start;
	s->hl[s->n_hl][1] = end;
	s->n_hl++;
	return NS_OK;
}

/* Appends the passage [from, to) with its matches recorded. */
static int render(struct ns_buf *out, struct ns_snip *s, size_t *hl_cap, const char *text,
		  size_t from, size_t to, const struct mhit *h, size_t n_hits)
{
	size_t k = 0;

	while (k < n_hits && h[k].off < from)
		k++;
	for (size_t at = from; at < to;) {
		if (k < n_hits && h[k].off < to) {
			size_t end = h[k].off + h[k].len, start;
			if (end > to)
				end = to;
			append_folded(out, text, at, h[k].off);
			start = out->len;
			append_folded(out, text, h[k].off, end);
			while (out->len > start && out->data[out->len - 1] == ' ')
				out->len--;
			if (out->len > start && push_hl(s, hl_cap, start, out->len) != NS_OK)
				return NS_ERR_NOMEM;
			at = end;
			k++;
		} else {
			append_folded(out, text, at, to);
			at = to;
		}
	}
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->len--;
	return NS_OK;
}

static int only_blanks(const char *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (!is_blank(t[i]))
			return 0;
	return 1;
}

/* When the best passage of max_len bytes misses query terms found
 * elsewhere, two passages of half the size: the best one, then the best
 * one clear of it for the terms the first lacks.  Returns 1 with their
 * ranges in text order, or 0 when one passage shows as much. */
static int two_passages(const char *text, size_t len, const struct mhit *h, size_t n,
			size_t n_distinct, size_t max_len, uint8_t *shown, size_t *counts,
			size_t from[2], size_t to[2])
{
	struct window one = { 0, 0, 0, 0, 0 }, a = { 0, 0, 0, 0, 0 }, c = { 0, 0, 0, 0, 0 },
		      c2 = { 0, 0, 0, 0, 0 }, first, second;
	size_t half = max_len / 2, lo, hi, before = 0, after = n;

	best_window(h, 0, n, max_len, shown, counts, &one);
	if (one.distinct >= n_distinct || len <= max_len)
		return 0;
	best_window(h, 0, n, half, shown, counts, &a);
	for (size_t i = a.first; i < a.end; i++)
		shown[h[i].term] = 1;
	/* The second passage's hits keep clear of the first's: before lo or
	 * after hi. */
	lo = h[a.first].off > half ? h[a.first].off - half : 0;
	hi = h[a.end - 1].off + h[a.end - 1].len + half;
	while (before < n && h[before].off + h[before].len <= lo)
		before++;
	while (after > 0 && h[after - 1].off >= hi)
		after--;
	if (before > 0)
		best_window(h, 0, before, half, shown, counts, &c);
	if (after < n && after >= before)
		best_window(h, after, n, half, shown, counts, &c2);
	if (c2.end > c2.first && (c.end == c.first || better(&c2, &c)))
		c = c2;
	for (size_t i = a.first; i < a.end; i++)
		shown[h[i].term] = 0;
	if (c.end == c.first || c.fresh == 0)
		return 0;
	first = a.first < c.first ? a : c;
	second = a.first < c.first ? c : a;
	passage(text, len, h[first.first].off, h[first.end - 1].off + h[first.end - 1].len, half,
		&from[0], &to[0]);
	passage(text, len, h[second.first].off, h[second.end - 1].off + h[second.end - 1].len, half,
		&from[1], &to[1]);
	return 1;
}

int ns_snippet_build(struct ns_analyzer *an, const char *text, size_t len,
		     const char *const *terms, size_t n_terms, size_t max_len, struct ns_snip *out)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	struct mhit *h = NULL;
	size_t n = 0, cap = 0, hl_cap = 0, *counts = NULL, n_distinct = 0;
	uint8_t *shown = NULL;
	struct ns_buf b = NS_BUF_INIT;
	size_t from[2], to[2], n_pass = 1;
	const char *term;
	size_t term_len;
	int rc = NS_ERR_NOMEM;

	memset(out, 0, sizeof(*out));
	if (max_len == 0)
		max_len = DEFAULT_SNIPPET;
	ns_tok_init(&t, text, len, 0);
	while (n_terms > 0 && ns_analyzer_next(an, &t, &tok, &term, &term_len)) {
		long ti = term_index(terms, n_terms, term, term_len);
		if (ti < 0)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 32;
			struct mhit *nh = realloc(h, nc * sizeof(*nh));
			if (!nh)
				goto out;
			h = nh;
			cap = nc;
		}
		h[n].off = tok.off;
		h[n].len = tok.len;
		h[n].term = (size_t)ti;
		n++;
	}
	counts = calloc(n_terms + 1, sizeof(*counts));
	shown = calloc(n_terms + 1, 1);
	if (!counts || !shown)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (!counts[h[i].term]++)
			n_distinct++;
	memset(counts, 0, (n_terms + 1) * sizeof(*counts));

	if (n == 0) {
		passage(text, len, 0, 0, max_len, &from[0], &to[0]);
	} else if (!two_passages(text, len, h, n, n_distinct, max_len, shown, counts, from, to)) {
		struct window one = { 0, 0, 0, 0, 0 };
		best_window(h, 0, n, max_len, shown, counts, &one);
		passage(text, len, h[one.first].off, h[one.end - 1].off + h[one.end - 1].len, max_len,
			&from[0], &to[0]);
	} else {
		n_pass = from[1] > to[0] + 1 ? 2 : 1;
		if (n_pass == 1) {	/* they touch: one passage */
			from[0] = from[1] < from[0] ? from[1] : from[0];
			to[0] = to[1] > to[0] ? to[1] : to[0];
		}
	}

	if (from[0] > 0 && !only_blanks(text, 0, from[0]))
		ns_buf_puts(&b, ELLIPSIS);
	for (size_t p = 0; p < n_pass; p++) {
		if (p > 0)
			ns_buf_puts(&b, " " ELLIPSIS " ");
		if (render(&b, out, &hl_cap, text, from[p], to[p], h, n) != NS_OK)
			goto out;
	}
	/* Only white space left: the snippet reached the end. */
	if (!only_blanks(text, to[n_pass - 1], len))
		ns_buf_puts(&b, ELLIPSIS);
	if (!ns_buf_cstr(&b))
		goto out;
	out->len = b.len;
	out->text = (char *)ns_buf_detach(&b, NULL);
	rc = NS_OK;
out:
	free(h);
	free(counts);
	free(shown);
	ns_buf_release(&b);
	if (rc != NS_OK)
		ns_snip_release(out);
	return rc;
}

void ns_snip_release(struct ns_snip *s)
{
	free(s->text);
	free(s->hl);
	memset(s, 0, sizeof(*s));
}

char *ns_snippet(struct ns_analyzer *an, const char *text, size_t len, const char *const *terms,
		 size_t n_terms, size_t max_len, const char *hl_on, const char *hl_off)
{
	struct ns_snip s;
	struct ns_buf b = NS_BUF_INIT;
	size_t at = 0;

	if (ns_snippet_build(an, text, len, terms, n_terms, max_len, &s) != NS_OK)
		return NULL;
	for (size_t i = 0; i < s.n_hl; i++) {
		ns_buf_append(&b, s.text + at, s.hl[i][0] - at);
		ns_buf_puts(&b, hl_on);
		ns_buf_append(&b, s.text + s.hl[i][0], s.hl[i][1] - s.hl[i][0]);
		ns_buf_puts(&b, hl_off);
		at = s.hl[i][1];
	}
	ns_buf_append(&b, s.text + at, s.len - at);
	ns_snip_release(&s);
	if (!ns_buf_cstr(&b)) {
		ns_buf_release(&b);
		return NULL;
	}
	return (char *)ns_buf_detach(&b, NULL);
}
