/* SPDX-License-Identifier: MIT */
/* lexicon.c -- walks over the dictionaries of all segments (see lexicon.h). */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fieldterm.h"
#include "tokenize.h"

#define MSG_TEXT_MAX 32

enum { SCAN_STOP = 1, SCAN_TOO_MANY = 2 };	/* scan callbacks' non-zero returns */

void ns_termset_release(struct ns_termset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->terms[i]);
	free(s->terms);
	memset(s, 0, sizeof(*s));
}

static int cmp_term(const char *a, const char *b, size_t blen)
{
	size_t alen = strlen(a), n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

int ns_termset_insert(struct ns_termset *s, size_t at, const char *term, size_t len)
{
	char *copy;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **nt = realloc(s->terms, cap * sizeof(*nt));
		if (!nt)
			return NS_ERR_NOMEM;
		s->terms = nt;
		s->cap = cap;
	}
	copy = malloc(len + 1);
	if (!copy)
		return NS_ERR_NOMEM;
	memcpy(copy, term, len);
	copy[len] = 0;
	memmove(s->terms + at + 1, s->terms + at, (s->n - at) * sizeof(*s->terms));
	s->terms[at] = copy;
	s->n++;
	return NS_OK;
}

/* Adds term[0..len) unless present.  0 added or present, SCAN_TOO_MANY
 * when the set would grow past max, NS_ERR_NOMEM. */
static int set_add(struct ns_termset *s, const char *term, size_t len, size_t max)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_term(s->terms[mid], term, len);
		if (c == 0)
			return 0;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (s->n >= max)
		return SCAN_TOO_MANY;
	return ns_termset_insert(s, lo, term, len);
}

struct prefix_walk {
	const char *prefix;
	size_t len;
	int words;		/* word terms only (never field terms) */
	struct ns_termset *set;
	size_t max;
};

static int on_prefix_term(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct prefix_walk *w = ctx;

	(void)ti;
	if (len < w->len || memcmp(term, w->prefix, w->len) != 0)
		return SCAN_STOP;
	if (w->words && ns_ft_is_field(term, len))
		return 0;
	return set_add(w->set, term, len, w->max);
}

static int scan_all(struct ns_index *idx, const char *from, size_t len, ns_term_fn fn, void *ctx)
{
	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		int rc = ns_segr_scan(idx->segs[i], from, len, fn, ctx);
		if (rc != NS_OK && rc != SCAN_STOP)
			return rc;
	}
	return NS_OK;
}

static size_t n_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* The stem of word + ending when it is a proper prefix of word of at
 * least NS_PREFIX_MIN_CHARS characters, or the stem of word itself
 * (ending ""; "ferry" -> "ferri"): add it if the index has it. */
static int add_short_stem(struct ns_index *idx, const char *word, size_t len, const char *ending,
			  struct ns_termset *set, size_t max)
{
	char buf[4 * NS_TOK_MAX_LEN + 32];
	size_t elen = strlen(ending), slen;
	const char *stem;
	uint64_t df;
	int rc;

	if (len + elen >= sizeof(buf))
		return NS_OK;
	memcpy(buf, word, len);
	memcpy(buf + len, ending, elen);
	stem = ns_analyzer_stem(idx->an, buf, len + elen, &slen);
	if (!stem)
		return NS_ERR_NOMEM;
	if (elen > 0 && (slen >= len || memcmp(stem, word, slen) != 0 ||
			 n_chars(stem, slen) < NS_PREFIX_MIN_CHARS))
		return NS_OK;
	if (slen == 0 || ns_ft_is_field(stem, slen))
		return NS_OK;
	memcpy(buf, stem, slen);	/* stem is borrowed until the next call */
	rc = ns_index_df(idx, buf, slen, &df);
	if (rc != NS_OK || df == 0)
		return rc;
	rc = set_add(set, buf, slen, max);
	return rc == SCAN_TOO_MANY ? SCAN_TOO_MANY : rc;
}

static int english(const char *lang)
{
	return strcmp(lang, "english") == 0 || strcmp(lang, "porter") == 0;
}

int ns_lexicon_prefix(struct ns_index *idx, const char *text, int source, size_t max_terms,
		      struct ns_termset *out, char *msg, size_t msglen)
{
	/* Endings after which the English stemmer cuts into the word: a
	 * prefix cut just before one of them ("negotiat" + "e") has a stem
	 * shorter than itself. */
	static const char *const endings[] = {
		"", "e", "s", "es", "ed", "ing", "ion", "ions", "ive", "al", "ly", "er", "or",
		"y", "ies", "ity", "ment", "ence", "ance", "able", "ate", "ation", "t", "ts",
	};
	struct ns_tokenizer t;
	struct ns_token tok;
	char word[NS_FT_MAX_LEN + 4 * NS_TOK_MAX_LEN];
	size_t len, tlen = strlen(text);
	struct prefix_walk w;
	int rc;

	memset(out, 0, sizeof(*out));
	ns_tok_init(&t, text, tlen, 0);
	if (!ns_tok_next(&t, &tok)) {
		ns_msgf(msg, msglen, "'%.*s*': a prefix needs at least %d letters or digits",
			(int)(tlen > MSG_TEXT_MAX ? MSG_TEXT_MAX : tlen), text, NS_PREFIX_MIN_CHARS);
		return NS_ERR_QUERY;
	}
	if (source) {
		len = ns_ft_source(word, tok.term, tok.term_len);
	} else {
		memcpy(word, tok.term, tok.term_len);
		len = tok.term_len;
	}
	if (ns_tok_next(&t, &tok)) {
		ns_msgf(msg, msglen, "'%.*s*': a prefix must be one word",
			(int)(tlen > MSG_TEXT_MAX ? MSG_TEXT_MAX : tlen), text);
		return NS_ERR_QUERY;
	}
	if (n_chars(word, len) - (source ? 2 : 0) < NS_PREFIX_MIN_CHARS) {
		ns_msgf(msg, msglen, "'%.*s*': a prefix needs at least %d letters or digits",
			(int)(tlen > MSG_TEXT_MAX ? MSG_TEXT_MAX : tlen), text, NS_PREFIX_MIN_CHARS);
		return NS_ERR_QUERY;
	}
	w.prefix = word;
	w.len = len;
	w.words = !source;
	w.set = out;
	w.max = max_terms;
	rc = scan_all(idx, word, len, on_prefix_term, &w);
	for (size_t i = 0; rc == NS_OK && !source && i < sizeof(endings) / sizeof(endings[0]); i++) {
		if (i > 0 && !english(idx->m.lang))
			break;
		rc = add_short_stem(idx, word, len, endings[i], out, max_terms);
	}
	if (rc == SCAN_TOO_MANY) {
		ns_msgf(msg, msglen, "'%.*s*' stands for more than %zu words; make the prefix longer",
			(int)(tlen > MSG_TEXT_MAX ? MSG_TEXT_MAX : tlen), text, max_terms);
		return NS_ERR_QUERY;
	}
	return rc;
}

struct year_walk {
	int first, last;
	int found;
};

static int on_year(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct year_walk *w = ctx;
	int y = 0;

	(void)ti;
	if (len != 6 || term[0] != NS_FT_MARK || term[1] != NS_FT_YEAR)
		return SCAN_STOP;
	for (size_t i = 2; i < 6; i++) {
		if (term[i] < '0' || term[i] > '9')
			return 0;
		y = y * 10 + (term[i] - '0');
	}
	if (!w->found || y < w->first)
		w->first = y;
	if (!w->found || y > w->last)
		w->last = y;
	w->found = 1;
	return 0;
}

int ns_lexicon_years(struct ns_index *idx, int *first, int *last)
{
	static const char from[2] = { NS_FT_MARK, NS_FT_YEAR };
	struct year_walk w = { 0, 0, 0 };
	int rc = scan_all(idx, from, 2, on_year, &w);

	if (rc != NS_OK)
		return rc;
	*first = w.first;
	*last = w.last;
	return w.found ? NS_OK : NS_DONE;
}

static int on_stat_term(void *ctx, const char *term, size_t len, const struct ns_term_info *ti)
{
	struct ns_lexicon_stats *st = ctx;

	if (!ns_ft_is_field(term, len)) {
		st->n_word_terms++;
		st->n_postings += ti->df;
		st->n_positions += ti->cf;
		return 0;
	}
	st->n_field_terms++;
	st->n_field_postings += ti->df;
	if (len >= 2 && term[1] == NS_FT_YEAR)
		st->n_dated_docs += ti->df;
	if (len == 12 && term[1] == NS_FT_DAY) {
		if (!st->first_day[0] || memcmp(term + 2, st->first_day, 10) < 0)
			memcpy(st->first_day, term + 2, 10);
		if (!st->last_day[0] || memcmp(term + 2, st->last_day, 10) > 0)
			memcpy(st->last_day, term + 2, 10);
	}
	return 0;
}

int ns_lexicon_stats(struct ns_index *idx, struct ns_lexicon_stats *st)
{
	memset(st, 0, sizeof(*st));
	return scan_all(idx, "", 0, on_stat_term, st);
}
