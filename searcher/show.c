/* SPDX-License-Identifier: MIT */
/* show.c -- result lines and snippets (see show.h). */
#include "show.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "pieces.h"
#include "tokenize.h"

#define BOLD_ON "\033[1m"
#define BOLD_OFF "\033[0m"
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

/* ---------------------------------------------------------------------- */
/* Formats                                                                 */
/* ---------------------------------------------------------------------- */

/* Writes s with tabs, newlines and other control characters (C0, DEL,
 * C1, U+2028, U+2029) as spaces. */
static void put_field(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t k = line_break_len(s + i, n - i);
		if (k) {
			putc(' ', out);
			i += k - 1;
			continue;
		}
		putc(c < 0x20 || c == 0x7f ? ' ' : c, out);
	}
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid
 * (overlongs, surrogates and values above U+10FFFF are invalid). */
static size_t utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t k;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		k = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		k = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		k = 4, c &= 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((k == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (k == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return k;
}

void ns_show_json_string(FILE *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	putc('"', out);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_len(p + i, len - i, &cp);
		if (k == 0) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		switch (cp) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		default:
			/* U+2028/2029 are valid JSON but end lines in JavaScript. */
			if (cp < 0x20 || cp == 0x2028 || cp == 0x2029)
				fprintf(out, "\\u%04x", (unsigned)cp);
			else
				fwrite(p + i, 1, k, out);
		}
		i += k;
	}
	putc('"', out);
}

static void json_str_or_null(FILE *out, const char *s, size_t len)
{
	if (len)
		ns_show_json_string(out, s, len);
	else
		fputs("null", out);
}

static void format_date(const struct ns_doc *d, char *buf, size_t buflen)
{
	if (d->date_key != NS_DATE_NONE) {
		char day[11];
		ns_date_format_day(d->date_key, day);
		snprintf(buf, buflen, "%s", day);
	} else {
		size_t n = d->date.len < buflen - 1 ? d->date.len : buflen - 1;
		memcpy(buf, d->date.p, n);
		buf[n] = 0;
	}
}

int ns_show_header(FILE *out, const struct ns_show_opts *o)
{
	if (o->format == NS_SHOW_TSV)
		fputs("rank\tscore\tid\tdate\ttitle\turl_or_path\n", out);
	return ferror(out) ? NS_ERR_IO : NS_OK;
}

static void text_explain(FILE *out, const struct ns_explain *ex)
{
	fprintf(out, "    score %.4f = sum of the weights w below + proximity %.4f\n", ex->score,
		ex->proximity);
	for (size_t i = 0; i < ex->n_terms; i++) {
		const struct ns_explain_term *e = &ex->terms[i];
		if (e->filter)
			fputs("      restriction  ", out);
		else
			fprintf(out, "      %.4f  ", e->weight);
		put_field(out, e->text, strlen(e->text));
		if (e->filter)
			fprintf(out, "  (df %llu, adds nothing)\n", (unsigned long long)e->df);
		else
			fprintf(out, "  tf %u (%u in title), idf %.4f (df %llu of %llu)%s\n", e->tf,
				e->tf_title, e->idf, (unsigned long long)e->df,
				(unsigned long long)ex->n_docs, e->boost != 1.0 ? ", expansion" : "");
		if (!e->filter && e->boost != 1.0)
			fprintf(out, "             boost %.4f\n", e->boost);
	}
	fprintf(out,
		"      w = boost * idf * tf' * (k1 + 1) / (tf' + norm), tf' = %.0f * title tf + body tf\n"
		"      norm = k1 * (1 - b + b * dl' / avgdl), dl' = dl + %.0f * title words"
		" = %.2f * (%.2f + %.2f * (%u + %.0f * %u) / %.1f) = %.4f\n"
		"      proximity = %.2f * sum over the terms of min(1, idf) * acc * (k1 + 1) / (acc + K),"
		" acc = sum of the neighbouring other terms' idf / distance^2\n",
		ex->title_weight, ex->title_weight - 1, ex->k1, 1 - ex->b, ex->b, ex->doc_len,
		ex->title_weight - 1, ex->title_len, ex->avg_doc_len, ex->norm, ex->prox_weight);
}

static void json_explain(FILE *out, const struct ns_explain *ex)
{
	fprintf(out,
		",\"explain\":{\"score\":%.6g,\"n_docs\":%llu,\"doc_len\":%u,\"avg_doc_len\":%.6g,"
		"\"k1\":%.6g,\"b\":%.6g,\"norm\":%.6g,\"title_len\":%u,\"title_weight\":%.6g,"
		"\"proximity\":%.6g,\"prox_weight\":%.6g,\"terms\":[",
		ex->score, (unsigned long long)ex->n_docs, ex->doc_len, ex->avg_doc_len, ex->k1, ex->b,
		ex->norm, ex->title_len, ex->title_weight, ex->proximity, ex->prox_weight);
	for (size_t i = 0; i < ex->n_terms; i++) {
		const struct ns_explain_term *e = &ex->terms[i];
		fputs(i ? ",{\"term\":" : "{\"term\":", out);
		ns_show_json_string(out, e->text, strlen(e->text));
		fprintf(out,
			",\"restriction\":%s,\"tf\":%u,\"tf_title\":%u,\"df\":%llu,\"idf\":%.6g,"
			"\"boost\":%.6g,\"weight\":%.6g}",
			e->filter ? "true" : "false", e->tf, e->tf_title, (unsigned long long)e->df,
			e->idf, e->boost, e->weight);
	}
	fputs("]}", out);
}

static int show_json(FILE *out, struct ns_index *idx, const struct ns_show_opts *o, size_t rank,
		     const struct ns_hit *hit, const struct ns_doc *d, const char *date,
		     const struct ns_explain *ex)
{
	struct ns_snip s;
	char *text;
	size_t len;
	int rc = ns_doc_text(d, &text, &len);

	if (rc != NS_OK)
		return rc;
	rc = ns_snippet_build(idx->an, text, len, o->terms, o->n_terms, o->snippet_len, &s);
	free(text);
	if (rc != NS_OK)
		return rc;
	fprintf(out, "{\"version\":%d,\"rank\":%zu,\"score\":%.4f,\"id\":", NS_SHOW_JSON_VERSION,
		rank, hit->score);
	ns_show_json_string(out, d->id.p, d->id.len);
	fputs(",\"title\":", out);
	json_str_or_null(out, d->title.p, d->title.len);
	fputs(",\"date\":", out);
	json_str_or_null(out, date, strlen(date));
	fputs(",\"source\":", out);
	json_str_or_null(out, d->source.p, d->source.len);
	fputs(",\"url\":", out);
	json_str_or_null(out, d->url.p, d->url.len);
	fputs(",\"path\":", out);
	json_str_or_null(out, d->path.p, d->path.len);
	fputs(",\"snippet\":", out);
	ns_show_json_string(out, s.text, s.len);
	fputs(",\"highlights\":[", out);
	for (size_t i = 0; i < s.n_hl; i++)
		fprintf(out, "%s[%zu,%zu]", i ? "," : "", s.hl[i][0], s.hl[i][1]);
	putc(']', out);
	if (ex)
		json_explain(out, ex);
	fputs("}\n", out);
	ns_snip_release(&s);
	return NS_OK;
}

static int show_text(FILE *out, struct ns_index *idx, const struct ns_show_opts *o, size_t rank,
		     const struct ns_doc *d, const char *date, const struct ns_explain *ex)
{
	char *text, *snip;
	size_t len;
	int rc;

	fprintf(out, "%s%2zu. ", rank > 1 ? "\n" : "", rank);
	if (o->color)
		fputs(BOLD_ON, out);
	if (d->title.len)
		put_field(out, d->title.p, d->title.len);
	else
		fputs("(no title)", out);
	if (o->color)
		fputs(BOLD_OFF, out);
	fputs("\n    ", out);
	put_field(out, d->id.p, d->id.len);
	if (date[0]) {
		fputs("  ", out);
		put_field(out, date, strlen(date));
	}
	if (d->source.len) {
		fputs("  ", out);
		put_field(out, d->source.p, d->source.len);
	}
	putc('\n', out);
	rc = ns_doc_text(d, &text, &len);
	if (rc != NS_OK)
		return rc;
	snip = ns_snippet(idx->an, text, len, o->terms, o->n_terms, o->snippet_len,
			  o->color ? BOLD_ON : "", o->color ? BOLD_OFF : "");
	free(text);
	if (!snip)
		return NS_ERR_NOMEM;
	if (snip[0])
		fprintf(out, "    %s\n", snip);
	free(snip);
	if (ex)
		text_explain(out, ex);
	return NS_OK;
}

int ns_show_hit_explained(FILE *out, struct ns_index *idx, const struct ns_show_opts *o,
			  size_t rank, const struct ns_hit *hit, const struct ns_explain *ex)
{
	struct ns_doc d;
	uint32_t seg, local;
	char date[64];
	int rc;

	ns_index_locate(idx, hit->docid, &seg, &local);
	rc = ns_segr_doc(idx->segs[seg], local, &d);
	if (rc == NS_OK)	/* an id two pieces share gets its piece's name */
		rc = ns_pieces_shown_id(idx, hit->docid, &d, &d.id);
	if (rc != NS_OK)
		return rc;
	format_date(&d, date, sizeof(date));
	switch (o->format) {
	case NS_SHOW_TSV: {
		const struct ns_str *where = d.url.len ? &d.url : &d.path;
		fprintf(out, "%zu\t%.4f\t", rank, hit->score);
		put_field(out, d.id.p, d.id.len);
		putc('\t', out);
		put_field(out, date, strlen(date));
		putc('\t', out);
		put_field(out, d.title.p, d.title.len);
		putc('\t', out);
		put_field(out, where->p, where->len);
		putc('\n', out);
		break;
	}
	case NS_SHOW_IDS:
		if (o->nul) {
			fwrite(d.id.p, 1, d.id.len, out);
			putc('\0', out);
		} else {
			put_field(out, d.id.p, d.id.len);
			putc('\n', out);
		}
		break;
	case NS_SHOW_JSON:
		rc = show_json(out, idx, o, rank, hit, &d, date, ex);
		break;
	case NS_SHOW_TEXT:
	default:
		rc = show_text(out, idx, o, rank, &d, date, ex);
		break;
	}
	if (rc != NS_OK)
		return rc;
	if (ferror(out))
		return NS_ERR_IO;
	return NS_OK;
}

int ns_show_hit(FILE *out, struct ns_index *idx, const struct ns_show_opts *o, size_t rank,
		const struct ns_hit *hit)
{
	return ns_show_hit_explained(out, idx, o, rank, hit, NULL);
}
