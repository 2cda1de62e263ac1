/* SPDX-License-Identifier: MIT */
/* fuzzy.c -- a trie walk with an OSA row per character (see fuzzy.h). */
#include "fuzzy.h"

#include <stdlib.h>
#include <string.h>

#include "editdist.h"
#include "error.h"
#include "format.h"

#define CACHE_SLOTS 1024


struct walk {
	struct ns_wfr *r;
	uint32_t q[NS_EDIT_MAX_CHARS + 1];	/* the word's characters */
	size_t qn;
	int k;
	ns_fuzzy_fn fn;
	void *ctx;
	uint64_t visited;	/* forms read */
	uint64_t probes;	/* prefix table entries looked at */
	/* rows[d]: the table's row after d characters of the prefix;
	 * cps[d - 1]: its d-th character */
	uint8_t rows[NS_FMT_MAX_FORM_LEN + 2][NS_EDIT_MAX_CHARS + 1];
	uint32_t cps[NS_FMT_MAX_FORM_LEN + 1];
	uint8_t prefix[NS_FMT_MAX_FORM_LEN + 1];
	/* recently decoded forms by number: searches in one range share
	 * their first probes */
	uint32_t cache_id[CACHE_SLOTS];	/* number + 1; 0 = empty */
	struct ns_wform cache[CACHE_SLOTS];
};

static int get(struct walk *w, uint32_t i, struct ns_wform *f)
{
	uint32_t slot = i % CACHE_SLOTS;
	int rc;

	if (w->cache_id[slot] == i + 1) {
		*f = w->cache[slot];
		return NS_OK;
	}
	w->visited++;
	rc = ns_wfr_get(w->r, i, f);
	if (rc == NS_OK) {
		w->cache_id[slot] = i + 1;
		w->cache[slot] = *f;
	}
	return rc;
}

/* Bytes of the character a lead byte starts (1 for an odd byte). */
static size_t seq_len(uint8_t c)
{
	return c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF8 ? 4 : 1;
}

/* The character of the complete sequence s[0..n), as ns_utf8_decode()
 * reads valid UTF-8. */
static uint32_t decode(const uint8_t *s, size_t n)
{
	uint32_t v;

	if (n == 1)
		return s[0] < 0x80 ? s[0] : 0xDC00u + s[0];
	v = s[0] & (0x3F >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0x110000u + s[0];	/* odd sequence */
		v = v << 6 | (s[i] & 0x3F);
	}
	return v;
}

/* Fills rows[d] for character c; returns the row's minimum. */
static int next_row(struct walk *w, size_t d, uint32_t c)
{
	const uint8_t *prev = w->rows[d - 1], *pp = d >= 2 ? w->rows[d - 2] : NULL;
	uint8_t *row = w->rows[d];
	int least;

	w->cps[d - 1] = c;
	row[0] = (uint8_t)(prev[0] + 1 > 255 ? 255 : prev[0] + 1);
	least = row[0];
	for (size_t j = 1; j <= w->qn; j++) {
		int v = prev[j] + 1, x = row[j - 1] + 1, s = prev[j - 1] + (w->q[j - 1] != c);
		if (x < v)
			v = x;
		if (s < v)
			v = s;
		if (pp && j >= 2 && w->q[j - 1] == w->cps[d - 2] && w->q[j - 2] == c &&
		    pp[j - 2] + 1 < v)
			v = pp[j - 2] + 1;
		row[j] = (uint8_t)(v > 255 ? 255 : v);
		if (v < least)
			least = v;
	}
	return least;
}

/* The first form in [lo, hi) whose byte at depth is above c (all forms
 * there are longer than depth and sorted): galloping, then binary. */
static int group_end(struct walk *w, uint32_t lo, uint32_t hi, size_t depth, uint8_t c,
		     uint32_t *end)
{
	uint32_t step = 1, a = lo, b;
	struct ns_wform f;
	int rc;

	/* invariant: form a has byte c at depth */
	for (;;) {
		b = a + step;
		if (b >= hi) {
			b = hi;
			break;
		}
		rc = get(w, b, &f);
		if (rc != NS_OK)
			return rc;
		if (f.len <= depth)
			return NS_CORRUPT();
		if ((uint8_t)f.form[depth] != c)
			break;
		a = b;
		step *= 2;
	}
	/* form a has c, form b (or hi) does not */
	while (b - a > 1) {
		uint32_t mid = a + (b - a) / 2;
		rc = get(w, mid, &f);
		if (rc != NS_OK)
			return rc;
		if (f.len <= depth)
			return NS_CORRUPT();
		if ((uint8_t)f.form[depth] == c)
			a = mid;
		else
			b = mid;
	}
	*end = b;
	return NS_OK;
}


/* Whether form f is below key (mode 0), or starts with it (mode 1). */
static int holds(const struct ns_wform *f, const uint8_t *key, size_t len, int mode)
{
	if (mode == 0)
		return ns_fmt_term_cmp(f->form, f->len, (const char *)key, len) < 0;
	return f->len >= len && memcmp(f->form, key, len) == 0;
}

/* The first form in [from, hi) for which holds() is false (hi when none;
 * it holds for a first run of them): galloping from from, then binary,
 * so a bound near from costs few reads. */
static int gallop(struct walk *w, uint32_t from, uint32_t hi, const uint8_t *key, size_t len,
		  int mode, uint32_t *out)
{
	uint32_t a = from, b = hi, step = 1;	/* holds below a; not at b */
	struct ns_wform f;
	int rc;

	while (a < hi) {
		uint32_t probe = a + step - 1;
		if (probe >= hi)
			break;
		rc = get(w, probe, &f);
		if (rc != NS_OK)
			return rc;
		if (!holds(&f, key, len, mode)) {
			b = probe;
			break;
		}
		a = probe + 1;
		step *= 2;
	}
	while (a < b) {
		uint32_t mid = a + (b - a) / 2;
		rc = get(w, mid, &f);
		if (rc != NS_OK)
			return rc;
		if (holds(&f, key, len, mode))
			a = mid + 1;
		else
			b = mid;
	}
	*out = a;
	return NS_OK;
}

/* UTF-8 bytes of a character of the word (an odd byte 0xDC00 + b is b). */
static size_t encode(uint32_t c, uint8_t *b)
{
	if (c < 0x80 || (c >= 0xDC80 && c <= 0xDCFF)) {
		b[0] = (uint8_t)(c < 0x80 ? c : c - 0xDC00);
		return 1;
	}
	if (c < 0x800) {
		b[0] = (uint8_t)(0xC0 | c >> 6);
		b[1] = (uint8_t)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (uint8_t)(0xE0 | c >> 12);
		b[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
		b[2] = (uint8_t)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (uint8_t)(0xF0 | c >> 18);
	b[1] = (uint8_t)(0x80 | (c >> 12 & 0x3F));
	b[2] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
	b[3] = (uint8_t)(0x80 | (c & 0x3F));
	return 4;
}

static int descend(struct walk *w, uint32_t lo, uint32_t hi, size_t depth, size_t cd, size_t pend);

/* Byte order of two characters' UTF-8. */
static int char_cmp(uint32_t a, uint32_t b)
{
	uint8_t x[4], y[4];
	size_t xn = encode(a, x), yn = encode(b, y);

	return ns_fmt_term_cmp((const char *)x, xn, (const char *)y, yn);
}

/* The prefix's row is all >= k: a next character keeps some entry <= k
 * only by matching the word (a character of it at an entry <= k, or the
 * first half of a transposition), so instead of every child, seek the
 * children those few characters make -- the walk of a Levenshtein
 * automaton over a sorted dictionary. */
/* The forms [*a, *b) within [lo, hi) whose first len bytes are
 * w->prefix's (len <= NS_FMT_FORM_PREFIX_MAX), from the prefix table. */
static void table_range(struct walk *w, size_t len, uint32_t lo, uint32_t hi, uint32_t *a,
			uint32_t *b)
{
	const uint8_t *t;
	uint32_t n, x = 0, y;

	ns_wfr_prefixes(w->r, len, &t, &n);
	y = n;
	while (x < y) {
		uint32_t mid = x + (y - x) / 2;
		w->probes++;
		if (memcmp(t + (size_t)mid * NS_FMT_FORM_PREFIX_ENTRY, w->prefix, len) < 0)
			x = mid + 1;
		else
			y = mid;
	}
	*a = *b = lo;
	if (x >= n || memcmp(t + (size_t)x * NS_FMT_FORM_PREFIX_ENTRY, w->prefix, len) != 0)
		return;
	*a = ns_get_u32(t + (size_t)x * NS_FMT_FORM_PREFIX_ENTRY + NS_FMT_FORM_PREFIX_FIRST);
	*b = x + 1 < n ? ns_get_u32(t + (size_t)(x + 1) * NS_FMT_FORM_PREFIX_ENTRY +
				    NS_FMT_FORM_PREFIX_FIRST)
		       : hi;
	*a = *a > lo ? *a : lo;
	*b = *b < hi ? *b : hi;
	if (*a > *b)
		*a = *b;
}

static int seek_children(struct walk *w, uint32_t lo, uint32_t hi, size_t depth, size_t cd)
{
	const uint8_t *row = w->rows[cd];
	uint32_t cand[2 * NS_EDIT_MAX_CHARS], from = lo;
	size_t n = 0;

	for (size_t j = 1; j <= w->qn; j++) {
		if (row[j - 1] <= w->k)
			cand[n++] = w->q[j - 1];
		if (cd >= 1 && j >= 2 && w->q[j - 1] == w->cps[cd - 1])
			cand[n++] = w->q[j - 2];
	}
	/* in the dictionary's order, so forms come out in term order */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && char_cmp(cand[j - 1], cand[j]) > 0; j--) {
			uint32_t t = cand[j];
			cand[j] = cand[j - 1];
			cand[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		uint8_t *key = w->prefix;
		size_t len;
		uint32_t a, b;
		int dup = 0, rc;
		/* candidates come in order: each one's forms are after the
		 * last one's, so the search starts there, galloping */
		for (size_t j = 0; j < i && !dup; j++)
			dup = cand[j] == cand[i];
		if (dup || depth + 4 > NS_FMT_MAX_FORM_LEN)
			continue;
		len = encode(cand[i], key + depth);
		if (depth + len <= NS_FMT_FORM_PREFIX_MAX) {
			table_range(w, depth + len, lo, hi, &a, &b);
		} else {
			rc = gallop(w, from, hi, key, depth + len, 0, &a);
			if (rc == NS_OK)
				rc = gallop(w, a, hi, key, depth + len, 1, &b);
			if (rc != NS_OK)
				return rc;
			from = b;
		}
		if (a < b && next_row(w, cd + 1, cand[i]) <= w->k) {
			rc = descend(w, a, b, depth + len, cd + 1, 0);
			if (rc != NS_OK)
				return rc;
		}
	}
	return NS_OK;
}

/* The child of the prefix (depth bytes, cd characters and pend bytes of
 * one more) whose next byte is c, forms [lo, hi): its row once its
 * character is complete, and the walk below it unless the row is all
 * above k. */
static int child(struct walk *w, uint32_t lo, uint32_t hi, size_t depth, size_t cd, size_t pend,
		 uint8_t c)
{
	const uint8_t *start = w->prefix + depth - pend;

	w->prefix[depth] = c;
	if (pend == 0 && seq_len(c) == 1)
		return next_row(w, cd + 1, decode(&c, 1)) <= w->k
			       ? descend(w, lo, hi, depth + 1, cd + 1, 0)
			       : NS_OK;
	if (pend + 1 < seq_len(start[0]))
		return descend(w, lo, hi, depth + 1, cd, pend + 1);
	return next_row(w, cd + 1, decode(start, pend + 1)) <= w->k
		       ? descend(w, lo, hi, depth + 1, cd + 1, 0)
		       : NS_OK;
}

/* The first bytes of the characters seek_children() would seek, as a
 * bitmap; returns 1. */
static int candidate_bytes(const struct walk *w, size_t cd, uint8_t *allowed)
{
	const uint8_t *row = w->rows[cd];

	memset(allowed, 0, 32);
	for (size_t j = 1; j <= w->qn; j++) {
		uint8_t b[4];
		if (row[j - 1] <= w->k) {
			encode(w->q[j - 1], b);
			allowed[b[0] >> 3] |= (uint8_t)(1u << (b[0] & 7));
		}
		if (cd >= 1 && j >= 2 && w->q[j - 1] == w->cps[cd - 1]) {
			encode(w->q[j - 2], b);
			allowed[b[0] >> 3] |= (uint8_t)(1u << (b[0] & 7));
		}
	}
	return 1;
}

/* descend() at the top of the trie, from the prefix table
 * (wordforms_read.h): the children of a prefix of fewer than
 * NS_FMT_FORM_PREFIX_MAX bytes and their ranges are read there, not found
 * among the forms, so the walk reads a form only below that depth or when
 * a short form is within k. */
static int descend_top(struct walk *w, uint32_t lo, uint32_t hi, size_t depth, size_t cd,
		       size_t pend)
{
	const uint8_t *t;
	uint32_t n, a = 0, b, first_child;
	uint8_t allowed[32];
	int rc = NS_OK, seek = 0;

	ns_wfr_prefixes(w->r, depth + 1, &t, &n);
	b = n;
	while (a < b) {	/* the first entry not below the prefix */
		uint32_t mid = a + (b - a) / 2;
		w->probes++;
		if (memcmp(t + (size_t)mid * NS_FMT_FORM_PREFIX_ENTRY, w->prefix, depth) < 0)
			a = mid + 1;
		else
			b = mid;
	}
	first_child = hi;
	if (a < n && !memcmp(t + (size_t)a * NS_FMT_FORM_PREFIX_ENTRY, w->prefix, depth))
		first_child = ns_get_u32(t + (size_t)a * NS_FMT_FORM_PREFIX_ENTRY +
					 NS_FMT_FORM_PREFIX_FIRST);
	if (depth > 0 && lo < first_child && lo < hi && pend == 0 &&
	    w->rows[cd][w->qn] <= w->k) {
		/* the prefix itself is a form */
		struct ns_wform f;
		rc = get(w, lo, &f);
		if (rc != NS_OK)
			return rc;
		if (f.len != depth)
			return NS_CORRUPT();
		rc = w->fn(w->ctx, &f, w->rows[cd][w->qn]);
	}
	if (rc == NS_OK && pend == 0 && depth > 0) {
		int least = 255;
		for (size_t j = 0; j <= w->qn; j++)
			if (w->rows[cd][j] < least)
				least = w->rows[cd][j];
		/* as in descend(): only the word's characters can keep a row
		 * at k, so only children starting one of them are walked */
		if (least >= w->k)
			seek = candidate_bytes(w, cd, allowed);
	}
	for (uint32_t i = a; i < n && rc == NS_OK; i++) {
		const uint8_t *e = t + (size_t)i * NS_FMT_FORM_PREFIX_ENTRY;
		uint32_t clo, chi;
		w->probes++;
		if (memcmp(e, w->prefix, depth) != 0)
			break;
		clo = ns_get_u32(e + NS_FMT_FORM_PREFIX_FIRST);
		chi = i + 1 < n ? ns_get_u32(e + NS_FMT_FORM_PREFIX_ENTRY + NS_FMT_FORM_PREFIX_FIRST)
				: hi;
		clo = clo > lo ? clo : lo;
		chi = chi < hi ? chi : hi;
		if (seek && !(allowed[e[depth] >> 3] & (1u << (e[depth] & 7))))
			continue;
		if (clo < chi)
			rc = child(w, clo, chi, depth, cd, pend, e[depth]);
	}
	return rc;
}

/* Whether no edit is left below the prefix of cd characters: its row is
 * all >= k and the one before all >= k - 1, so a form below it is within
 * k only by ending with exactly the rest of the word after a column of
 * the row that is k, or by swapping the prefix's last character with the
 * next and then ending so (a transposition from a column at k - 1 a row
 * back).  Its distance is then k. */
static int no_edit_left(const struct walk *w, size_t cd)
{
	if (cd < 1 || cd >= sizeof(w->rows) / sizeof(w->rows[0]))
		return 0;
	for (size_t j = 0; j <= w->qn; j++)
		if (w->rows[cd][j] < w->k || w->rows[cd - 1][j] + 1 < w->k)
			return 0;
	return 1;
}

struct tail {
	uint8_t b[NS_FMT_MAX_FORM_LEN + 1];
	size_t len;
};

static int by_bytes(const void *x, const void *y)
{
	const struct tail *a = x, *b = y;

	return ns_fmt_term_cmp((const char *)a->b, a->len, (const char *)b->b, b->len);
}

/* The forms [lo, hi) below the prefix (depth bytes, cd characters) when
 * no edit is left (no_edit_left()): the prefix followed by each rest of
 * the word, looked up in term order -- a few searches instead of a walk
 * one character at a time. */
static int exact_tails(struct walk *w, uint32_t lo, uint32_t hi, size_t depth, size_t cd)
{
	struct tail t[2 * (NS_EDIT_MAX_CHARS + 1)];
	uint8_t key[NS_FMT_MAX_FORM_LEN + 1];
	size_t n = 0;
	uint32_t from = lo;

	for (size_t j = 0; j <= w->qn; j++) {
		/* the rest after column j; or, a swap, q[j - 2] then the rest
		 * after column j */
		for (int swap = 0; swap < 2; swap++) {
			size_t len = 0, x = j;
			if (swap ? j < 2 || w->rows[cd - 1][j - 2] + 1 != w->k ||
					   w->q[j - 1] != w->cps[cd - 1]
				 : w->rows[cd][j] != w->k)
				continue;
			if (swap)
				len = encode(w->q[j - 2], t[n].b);
			for (; x < w->qn && len + 8 + depth <= NS_FMT_MAX_FORM_LEN; x++)
				len += encode(w->q[x], t[n].b + len);
			t[n++].len = len;
		}
	}
	qsort(t, n, sizeof(t[0]), by_bytes);
	memcpy(key, w->prefix, depth);
	for (size_t i = 0; i < n && from < hi; i++) {
		struct ns_wform f;
		uint32_t at;
		int rc;
		if (i > 0 && by_bytes(&t[i - 1], &t[i]) == 0)
			continue;	/* the same rest twice */
		memcpy(key + depth, t[i].b, t[i].len);
		rc = gallop(w, from, hi, key, depth + t[i].len, 0, &at);
		if (rc == NS_OK && at < hi)
			rc = get(w, at, &f);
		if (rc != NS_OK)
			return rc;
		from = at;
		if (at < hi && f.len == depth + t[i].len && memcmp(f.form, key, f.len) == 0) {
			rc = w->fn(w->ctx, &f, w->k);
			if (rc != 0)
				return rc;
		}
	}
	return NS_OK;
}

/* Forms [lo, hi) share the depth bytes of w->prefix; the prefix has
 * cd complete characters and pend bytes of an unfinished one after them. */
static int descend(struct walk *w, uint32_t lo, uint32_t hi, size_t depth, size_t cd, size_t pend)
{
	struct ns_wform f;
	int rc;

	if (lo >= hi)
		return NS_OK;
	if (depth < NS_FMT_FORM_PREFIX_MAX)
		return descend_top(w, lo, hi, depth, cd, pend);
	if (pend == 0 && no_edit_left(w, cd))
		return exact_tails(w, lo, hi, depth, cd);

	rc = get(w, lo, &f);
	if (rc != NS_OK)
		return rc;
	if (f.len == depth) {
		if (pend == 0 && w->rows[cd][w->qn] <= w->k) {
			rc = w->fn(w->ctx, &f, w->rows[cd][w->qn]);
			if (rc != 0)
				return rc;
		}
		lo++;
	}
	if (depth >= NS_FMT_MAX_FORM_LEN)
		return lo < hi ? NS_CORRUPT() : NS_OK;
	if (pend == 0 && lo < hi) {
		int least = 255;
		for (size_t j = 0; j <= w->qn; j++)
			if (w->rows[cd][j] < least)
				least = w->rows[cd][j];
		if (least >= w->k)
			return seek_children(w, lo, hi, depth, cd);
	}
	while (lo < hi) {
		uint32_t end = hi;
		uint8_t c;
		rc = get(w, lo, &f);
		if (rc != NS_OK)
			return rc;
		if (f.len <= depth || memcmp(f.form, w->prefix, depth) != 0)
			return NS_CORRUPT();	/* not sorted */
		c = (uint8_t)f.form[depth];
		rc = group_end(w, lo, hi, depth, c, &end);
		if (rc != NS_OK)
			return rc;
		rc = child(w, lo, end, depth, cd, pend, c);
		if (rc != NS_OK)
			return rc;
		lo = end;
	}
	return NS_OK;
}

/* The walk below the word's first character alone: the forms that begin
 * with it, from the prefix table, and the row that character makes. */
static int descend_same_first(struct walk *w)
{
	uint8_t b[4];
	size_t len;
	uint32_t a, e;

	if (w->qn == 0)
		return NS_OK;
	len = encode(w->q[0], b);
	if (len > NS_FMT_FORM_PREFIX_MAX)
		return NS_OK;
	memcpy(w->prefix, b, len);
	table_range(w, len, 0, ns_wfr_n_forms(w->r), &a, &e);
	next_row(w, 1, w->q[0]);
	return descend(w, a, e, len, 1, 0);
}

static int walk(struct ns_wfr *r, const char *word, size_t len, int k, int same_first,
		ns_fuzzy_fn fn, void *ctx, struct ns_fuzzy_count *cnt)
{
	struct walk *w = calloc(1, sizeof(*w));
	int rc;

	if (!w)
		return NS_ERR_NOMEM;
	w->r = r;
	w->qn = ns_utf8_decode(word, len, w->q, NS_EDIT_MAX_CHARS);
	if (w->qn > NS_EDIT_MAX_CHARS)
		w->qn = NS_EDIT_MAX_CHARS;
	w->k = k < 0 ? 0 : k > NS_FUZZY_MAX_EDITS ? NS_FUZZY_MAX_EDITS : k;
	w->fn = fn;
	w->ctx = ctx;
	for (size_t j = 0; j <= w->qn; j++)
		w->rows[0][j] = (uint8_t)j;
	rc = same_first ? descend_same_first(w) : descend(w, 0, ns_wfr_n_forms(r), 0, 0, 0);
	cnt->forms += w->visited;
	cnt->prefixes += w->probes;
	free(w);
	return rc;
}

int ns_fuzzy_walk(struct ns_wfr *r, const char *word, size_t len, int k, ns_fuzzy_fn fn, void *ctx,
		  struct ns_fuzzy_count *cnt)
{
	return walk(r, word, len, k, 0, fn, ctx, cnt);
}

int ns_fuzzy_walk_same_first(struct ns_wfr *r, const char *word, size_t len, int k,
			     ns_fuzzy_fn fn, void *ctx, struct ns_fuzzy_count *cnt)
{
	return walk(r, word, len, k, 1, fn, ctx, cnt);
}
