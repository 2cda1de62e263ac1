/* SPDX-License-Identifier: MIT */
/* spell.c -- query correction (see spell.h). */
#include "spell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "buf.h"
#include "editdist.h"
#include "errmodel.h"
#include "error.h"
#include "formdict.h"
#include "inflect.h"
#include "match.h"
#include "query.h"
#include "tokenize.h"

#define MAX_WORDS 32		/* words of one query looked at */
#define MAX_FORMS 100000	/* forms one walk may gather */

struct word {
	size_t off, len;			/* as typed in the query */
	char form[NS_TOK_MAX_LEN + 1];		/* folded */
	size_t form_len;
	int known;				/* common enough: a context word */
	int settled;				/* known well: never corrected */
	int fixed;
	char fix[NS_FMT_MAX_FORM_LEN + 1];	/* the replacement form */
};

struct speller {
	struct ns_index *idx;
	struct ns_formdict *d;
	struct ns_spell_stats *st;
	struct word words[MAX_WORDS];
	size_t n;
	const char *text;
	int default_or;
	int picked;			/* looking at a pick, not a typed word
					 * (second_hop()) */
	const struct ns_formhit *given;	/* ...with the forms within 1 of it
					 * among these, when not NULL */
	size_t n_given;
	char *msg;
	size_t msglen;
};

/* ---- which bytes of the query are words (query.h's lexer, in short) ---- */

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int ends_chunk(unsigned char c)
{
	return is_space(c) || c == '(' || c == ')' || c == '"';
}

static int span_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

static int is_operator(const char *s, size_t n)
{
	return span_is(s, n, "AND") || span_is(s, n, "OR") || span_is(s, n, "NOT") ||
	       span_is(s, n, "NEAR") || span_is(s, n, "ADJ") || span_is(s, n, "SENTENCE") ||
	       span_is(s, n, "PARAGRAPH") || (n > 5 && !memcmp(s, "NEAR/", 5)) ||
	       (n > 4 && !memcmp(s, "ADJ/", 4));
}

static int has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* The words of text[s..e) (a plain chunk or a phrase's text), but for
 * those a '~', '*' or ':' follows. */
static void add_words(struct speller *sp, size_t s, size_t e)
{
	struct ns_tokenizer t;
	struct ns_token tok;

	ns_tok_init(&t, sp->text + s, e - s, 0);
	while (sp->n < MAX_WORDS && ns_tok_next(&t, &tok)) {
		size_t end = s + tok.off + tok.len;
		struct word *w;
		if (end < e && (sp->text[end] == '~' || sp->text[end] == '*' || sp->text[end] == ':'))
			continue;	/* a fuzzy word, a prefix, a would-be field */
		if (has_digit(tok.term, tok.term_len))
			continue;
		w = &sp->words[sp->n++];
		memset(w, 0, sizeof(*w));
		w->off = s + tok.off;
		w->len = tok.len;
		memcpy(w->form, tok.term, tok.term_len);
		w->form_len = tok.term_len;
	}
}

/* A chunk of text[s..e) between spaces, parentheses and quotes; *skip is
 * set when the phrase or group after it is a source: or date: operand. */
static void chunk(struct speller *sp, size_t s, size_t e, int *skip)
{
	static const char *const fields[] = { "title:", "body:" };
	const char *p = sp->text;

	while (s < e && p[s] == '-')
		s++;
	if (s == e || is_operator(p + s, e - s))
		return;
	if ((e - s >= 7 && !memcmp(p + s, "source:", 7)) || (e - s >= 5 && !memcmp(p + s, "date:", 5))) {
		*skip = (e - s == 7 && p[s] == 's') || (e - s == 5 && p[s] == 'd');
		return;
	}
	for (size_t i = 0; i < 2; i++)
		if (e - s >= strlen(fields[i]) && !memcmp(p + s, fields[i], strlen(fields[i])))
			s += strlen(fields[i]);
	if (s == e || p[e - 1] == '*' || p[e - 1] == '~' ||
	    (e - s >= 2 && p[e - 2] == '~'))
		return;
	add_words(sp, s, e);
}

static void scan(struct speller *sp)
{
	const char *p = sp->text;
	size_t len = strlen(p), pos = 0;
	int skip = 0;

	while (pos < len && sp->n < MAX_WORDS) {
		unsigned char c = (unsigned char)p[pos];
		if (c == '"') {
			const char *q = memchr(p + pos + 1, '"', len - pos - 1);
			size_t end = q ? (size_t)(q - p) : len;
			if (!skip)
				add_words(sp, pos + 1, end);
			skip = 0;
			pos = q ? end + 1 : len;
		} else if (c == '(' && skip) {
			int depth = 0;	/* source:( ... ): all of it */
			for (; pos < len; pos++) {
				depth += p[pos] == '(';
				depth -= p[pos] == ')';
				if (depth == 0)
					break;
			}
			skip = 0;
			pos++;
		} else if (is_space(c) || c == '(' || c == ')') {
			skip = 0;
			pos++;
		} else {
			size_t e = pos;
			while (e < len && !ends_chunk((unsigned char)p[e]))
				e++;
			skip = 0;
			chunk(sp, pos, e, &skip);
			pos = e;
		}
	}
}

/* ---- scoring ---- */

int ns_spell_known_well(uint64_t df, uint64_t n_docs)
{
	return df >= NS_SPELL_KNOWN_DF || (df >= NS_SPELL_RARE_DF && df * NS_SPELL_KNOWN_SHARE >= n_docs);
}

struct cand {
	struct ns_formhit h;
	double cost;	/* of the slips (errmodel.h) */
	double score;
};

static int by_score(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return ns_fmt_term_cmp(a->h.form, a->h.len, b->h.form, b->h.len);
}

/* Articles matching query text q (0 when it does not parse). */
static int count_query(struct speller *sp, const char *text, uint64_t *count)
{
	struct ns_qnode *q = NULL;
	struct ns_match *m = NULL;
	int rc;

	*count = 0;
	sp->st->n_cooc++;
	rc = ns_query_parse(text, 0, &q, NULL, 0);
	if (rc == NS_OK)
		rc = ns_match_compile(sp->idx, q, &m, NULL, 0);
	if (rc == NS_OK)
		rc = ns_match_run(m, NULL, count);
	ns_match_free(m);
	ns_query_free(q);
	return rc == NS_ERR_QUERY || rc == NS_ERR_LIMIT ? NS_OK : rc;
}

/* The form a context word stands for: its correction when it has one. */
static void put_context(struct ns_buf *b, const struct word *w)
{
	if (w->fixed)
		ns_buf_puts(b, w->fix);
	else
		ns_buf_append(b, w->form, w->form_len);
}

static int usable(const struct word *w)
{
	return w->known || w->fixed;
}

/* How well form fits where word self stands: the articles with the
 * phrases it makes with its neighbours in the query ("new york" for
 * "new yrok"), or, with no usable neighbour, with all the known words.
 * NS_DONE when the query has no other word to tell. */
static int cooc(struct speller *sp, const struct word *self, const char *form, uint64_t *count)
{
	size_t i = (size_t)(self - sp->words), n_ctx = 0;
	uint64_t c = 0;
	int rc = NS_OK;

	*count = 0;
	for (int side = 0; side < 2 && rc == NS_OK; side++) {
		const struct word *nb = side == 0 ? (i > 0 ? &sp->words[i - 1] : NULL)
						  : (i + 1 < sp->n ? &sp->words[i + 1] : NULL);
		struct ns_buf b = NS_BUF_INIT;
		if (!nb || !usable(nb))
			continue;
		ns_buf_putc(&b, '"');
		if (side == 0) {
			put_context(&b, nb);
			ns_buf_putc(&b, ' ');
		}
		ns_buf_puts(&b, form);
		if (side == 1) {
			ns_buf_putc(&b, ' ');
			put_context(&b, nb);
		}
		ns_buf_putc(&b, '"');
		rc = ns_buf_cstr(&b) ? count_query(sp, (const char *)b.data, &c) : NS_ERR_NOMEM;
		ns_buf_release(&b);
		*count += c;
		n_ctx++;
	}
	if (rc != NS_OK || n_ctx > 0)
		return rc;
	{
		struct ns_buf b = NS_BUF_INIT;
		ns_buf_putc(&b, '"');
		ns_buf_puts(&b, form);
		ns_buf_putc(&b, '"');
		for (size_t j = 0; j < sp->n; j++) {
			if (j == i || !usable(&sp->words[j]))
				continue;
			ns_buf_puts(&b, " AND \"");
			put_context(&b, &sp->words[j]);
			ns_buf_putc(&b, '"');
			n_ctx++;
		}
		if (n_ctx > 0)
			rc = ns_buf_cstr(&b) ? count_query(sp, (const char *)b.data, count)
					     : NS_ERR_NOMEM;
		ns_buf_release(&b);
	}
	return rc != NS_OK ? rc : n_ctx ? NS_OK : NS_DONE;
}

/* Whether the typed word w goes with the query's other words at least as
 * often as form does (*keep); 0 when the query has no other word. */
static int fits_as_well(struct speller *sp, const struct word *w, const char *form, int *keep)
{
	uint64_t self, other;
	int rc = cooc(sp, w, w->form, &self);

	*keep = 0;
	if (rc == NS_OK)
		rc = cooc(sp, w, form, &other);
	if (rc == NS_OK)
		*keep = self > 0 && self >= other;
	return rc == NS_DONE ? NS_OK : rc;
}

/* Of candidates within 2 edits, when one is within 1: those within 1 and
 * those within 2 whose slips are cheap (two doubles written single, tuneling),
 * as a plain edit explains the word better than two edits of which one
 * is not cheap.  Returns how many are kept, at the front of c. */
static size_t keep_cheap(struct cand *c, size_t n)
{
	size_t kept = 0;
	int one = 0;

	for (size_t i = 0; i < n; i++)
		one |= c[i].h.dist <= 1;
	for (size_t i = 0; i < n; i++)
		if (!one || c[i].h.dist <= 1 || c[i].cost <= NS_SPELL_CHEAP2)
			c[kept++] = c[i];
	return kept;
}

/* Whether a[0..al) and b[0..bl) stem alike: one matches what the other does. */
static int stems_alike(struct speller *sp, const char *a, size_t al, const char *b, size_t bl)
{
	char first[NS_TOK_MAX_LEN * 2 + 1];
	const char *s;
	size_t n, n1;

	s = ns_analyzer_stem(sp->idx->an, a, al, &n1);
	if (!s || n1 >= sizeof(first))
		return 0;
	memcpy(first, s, n1);
	s = ns_analyzer_stem(sp->idx->an, b, bl, &n);
	return s && n == n1 && !memcmp(first, s, n);
}

/* Whether form h stems as w does: replacing w by it matches the same. */
static int same_stem(struct speller *sp, const struct word *w, const struct ns_formhit *h)
{
	return stems_alike(sp, w->form, w->form_len, h->form, h->len);
}

/* Of the best candidate c[0] and the other forms of its stem among the
 * first top, the one the slip explains best moves to the front: their
 * stem is as common in all of them, so how common each ending is weighs
 * only NS_SPELL_ENDING_WEIGHT (not NS_SPELL_PRIOR_WEIGHT) -- "adsd" is
 * adds, "yeasr" years, though add and year are commoner. */
static void pick_ending(struct speller *sp, struct cand *c, size_t top)
{
	size_t best = 0;
	double best_score = 0;

	for (size_t i = 0; i < top; i++) {
		double s = c[i].score - (NS_SPELL_PRIOR_WEIGHT - NS_SPELL_ENDING_WEIGHT) *
						log((double)c[i].h.df - NS_SPELL_PRIOR_DISCOUNT);
		if (i > 0 && !stems_alike(sp, c[0].h.form, c[0].h.len, c[i].h.form, c[i].h.len))
			continue;
		if (i == 0 || s > best_score) {
			best = i;
			best_score = s;
		}
	}
	/* only c[0]'s form is used after this: the scores stay as they
	 * were and no longer decide the order */
	if (best > 0) {
		struct cand t = c[0];
		c[0] = c[best];
		c[best] = t;
	}
}

/* Whether form h is the word w with another inflection: the same stem
 * and another ending (inflect.h), "housed" and "houses", "attaches" and
 * "attached".  A word the archive has twice or more is not replaced by
 * one: the archive attests the form, and both match the same articles.
 * A slip inside the stem ("possiblity") or in a derivational suffix
 * ("independant") is no other inflection. */
static int other_inflection(struct speller *sp, const struct word *w, const struct ns_formhit *h)
{
	return ns_inflect_only(w->form, w->form_len, h->form, h->len) && same_stem(sp, w, h);
}

/* Whether the word is form h with an e at its end (unite and unit,
 * finale and final): a word the archive has twice or more is then a word
 * of its own, not a slip of h.  The slip is the other way, a silent e
 * left out (befor); no longer another inflection (inflect.h), an e added
 * is kept out here. */
static int e_added(const struct word *w, const struct ns_formhit *h)
{
	return w->form_len == h->len + 1 && w->form[h->len] == 'e' &&
	       memcmp(w->form, h->form, h->len) == 0;
}

/* Whether w and h differ in one letter doubled (commited, committed):
 * the longer is the shorter with its letter at some place written twice.
 * An i and an e swapped cost as little (errmodel.h) but are no double. */
static int double_slip(const struct word *w, const struct ns_formhit *h)
{
	const char *a = w->form, *b = h->form;
	size_t al = w->form_len, bl = h->len, i = 0;

	if (al + 1 == bl) {	/* the longer one as a */
		a = h->form;
		b = w->form;
		al = h->len;
		bl = w->form_len;
	} else if (bl + 1 != al) {
		return 0;
	}
	while (i < bl && a[i] == b[i])
		i++;
	return i > 0 && a[i] == a[i - 1] && memcmp(a + i + 1, b + i, bl - i) == 0;
}

/* Whether a word the archive has in df >= 2 documents, fewer than 1 in
 * NS_SPELL_KNOWN_SHARE, reads as a slip the archive repeats of form h,
 * cost away: a cheap slip (NS_SPELL_HELD_COST; a dropped or added letter
 * may cost a whole edit in a long word, where a letter is easily lost),
 * h in NS_SPELL_HELD_RATIO times its documents or more (NS_SPELL_HELD_SHORT
 * times more for a shorter word; only NS_SPELL_HELD_CHEAP_RATIO for the
 * cheap slips of a long word and the cheapest of a word of
 * NS_SPELL_HELD_MID characters or more -- a letter swapped, doubled or
 * left out, not a vowel for another, which often makes another word,
 * throat and threat -- unless one word is the other with an ending;
 * NS_SPELL_HELD_DOUBLE_RATIO for a double written single or a single
 * doubled there, the slip people make most).
 * (That the first letter is kept and h is no other inflection of the
 * word, correct() checks for every repeated word.) */
static int repeated_slip(struct speller *sp, const struct word *w, uint64_t df, size_t chars,
			 const struct ns_formhit *h, double cost)
{
	/* one word the other with letters added at its end: a derivation
	 * (stead, steady) sooner than a slip */
	int derived = (h->len > w->form_len && !memcmp(h->form, w->form, w->form_len)) ||
		      (w->form_len > h->len && !memcmp(h->form, w->form, h->len));
	int cheap = (chars >= NS_SPELL_LONG && cost <= NS_SPELL_HELD_CHEAP) ||
		    (chars >= NS_SPELL_HELD_MID && cost <= NS_SPELL_HELD_CHEAPEST && !derived);
	double need = ((double)df - NS_SPELL_DISCOUNT) *
		      (chars >= NS_SPELL_HELD_MID && cost <= NS_ERR_DOUBLE && double_slip(w, h)
			       ? NS_SPELL_HELD_DOUBLE_RATIO
		       : cheap ? NS_SPELL_HELD_CHEAP_RATIO : NS_SPELL_HELD_RATIO) *
		      (chars < NS_SPELL_SHORT ? NS_SPELL_SHORT_RATIO : 1) *
		      (chars < NS_SPELL_HELD_LONG && !cheap ? NS_SPELL_HELD_SHORT : 1);
	double dearest = chars >= NS_SPELL_HELD_LONG && h->len != w->form_len
				 ? NS_SPELL_HELD_COST_LONG : NS_SPELL_HELD_COST;

	return df >= 2 && df * NS_SPELL_KNOWN_SHARE < sp->idx->n_docs && cost <= dearest &&
	       (double)h->df >= need;
}

/* NSEARCH_SPELL_DEBUG set (to anything): each word's candidates, their
 * documents, slip costs and scores, on stderr -- for studying misses. */
static int debugging(void)
{
	static int on = -1;

	if (on < 0)
		on = getenv("NSEARCH_SPELL_DEBUG") != NULL;
	return on;
}

static void debug_cands(const struct word *w, uint64_t df, const struct cand *c, size_t n,
			const char *when)
{
	if (!debugging())
		return;
	fprintf(stderr, "spell: %.*s (%llu documents), %s:", (int)w->form_len, w->form,
		(unsigned long long)df, when);
	for (size_t i = 0; i < n && i < 12; i++)
		fprintf(stderr, " %s(%llu, cost %.2f, %.2f)", c[i].h.form,
			(unsigned long long)c[i].h.df, c[i].cost, c[i].score);
	fputc('\n', stderr);
}

static int correct(struct speller *sp, struct word *w, uint64_t df, int hop);

/* The forms within 1 edit of w among sp->given (what a walk within 1
 * would find when the given forms hold every form within 1 of w), into
 * *out (malloc'd, *n of them). */
static int forms_given(struct speller *sp, const struct word *w, struct ns_formhit **out, size_t *n)
{
	*n = 0;
	*out = malloc((sp->n_given + 1) * sizeof(**out));
	if (!*out)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < sp->n_given; i++) {
		const struct ns_formhit *g = &sp->given[i];
		int d = ns_osa_distance_utf8(w->form, w->form_len, g->form, g->len);
		if (d > 1)
			continue;
		(*out)[*n] = *g;
		(*out)[(*n)++].dist = d;
	}
	return NS_OK;
}

/* Whether the form picked for w, h, is one the speller would correct in
 * turn, had it been typed where w stands (a misspelling the archive
 * holds: "betwen", "enviroment"), and then its correction in its stead:
 * a user wants the word, not the archive's misspelling of it that
 * happens to be nearer to what was typed.  The correction keeps the
 * pick's first letter (the pick may have changed the typed word's only
 * when the typed word is not repeated; no second change).  hop: how many
 * such looks are left (NS_SPELL_HOPS in all: beggining, begining,
 * beginning). */
static int second_hop(struct speller *sp, struct word *w, const struct ns_formhit *h, int hop,
		      const struct ns_formhit *hits, size_t n_hits, int walked)
{
	struct word typed = *w;
	const struct ns_formhit *outer = sp->given;
	size_t n_outer = sp->n_given;
	int rc;

	if (ns_spell_known_well(h->df, sp->idx->n_docs) || h->len > NS_TOK_MAX_LEN)
		return NS_OK;
	memcpy(w->form, h->form, h->len + 1);
	w->form_len = h->len;
	w->fixed = 0;
	/* every form within 1 of a pick d from the typed word is within d + 1
	 * of that word: when its walk went that far, no second walk is
	 * needed (a walk within 3 kept the first letter, as the correction
	 * of a pick must).  Only then: a list given to an outer look holds
	 * the forms near ITS word, not near this pick (up to 3 edits from
	 * what was typed). */
	if (walked > h->dist && sp->picked == 0) {
		sp->given = hits;
		sp->n_given = n_hits;
	} else {
		sp->given = NULL;
		sp->n_given = 0;
	}
	sp->picked++;
	rc = correct(sp, w, h->df, hop - 1);
	sp->picked--;
	sp->given = outer;
	sp->n_given = n_outer;
	if (rc == NS_OK && w->fixed && strcmp(w->fix, typed.form) != 0 &&
	    w->fix[0] == h->form[0]) {
		if (debugging())
			fprintf(stderr, "spell: %s, a slip itself: %s\n", h->form, w->fix);
		memcpy(typed.fix, w->fix, strlen(w->fix) + 1);
		sp->st->n_hops++;
	}
	*w = typed;
	return rc;
}

/* Picks the replacement of w (w->fixed, w->fix) among forms within k;
 * hop: how many times the pick may be corrected in turn (second_hop()). */
static int correct(struct speller *sp, struct word *w, uint64_t df, int hop)
{
	struct ns_formhit *hits = NULL;
	struct cand *c = NULL;
	size_t n_hits = 0, n = 0, chars;
	uint32_t cps[NS_EDIT_MAX_CHARS + 1];
	int rc = NS_OK, k0, kmax, walked = 0, keep = 0;

	chars = ns_utf8_decode(w->form, w->form_len, cps, NS_EDIT_MAX_CHARS);
	if (chars < NS_SPELL_MIN_CHARS)
		return NS_OK;
	/* a long word: two cheap slips (tuneling) may explain it better
	 * than one plain edit does, so its candidates within 2 are scored
	 * from the start */
	k0 = chars >= NS_SPELL_LONG ? 2 : 1;
	/* a pick looked at in turn: its correction one edit away (the
	 * archive's misspellings are mostly one slip from their word), which
	 * keeps the second look's walk small */
	kmax = sp->picked ? 1 : chars >= NS_SPELL_LONG3 ? 3 : 2;
	k0 = k0 < kmax ? k0 : kmax;
	for (int k = k0; k <= kmax && n == 0 && rc == NS_OK; k++) {
		if (k == 2 && chars < 5)
			break;	/* two edits of a short word: anything */
		walked = k;
		free(hits);
		hits = NULL;
		struct ns_fuzzy_count cnt = { 0, 0 };
		if (sp->given)
			rc = forms_given(sp, w, &hits, &n_hits);
		else if (k == 3)	/* the first letter kept: people rarely
					 * get it wrong, and the walk is 3 edits
					 * deep below one letter, not all */
			rc = ns_formdict_near_same_first(sp->d, w->form, w->form_len, k,
							 MAX_FORMS, &hits, &n_hits, &cnt);
		else
			rc = ns_formdict_near(sp->d, w->form, w->form_len, k, MAX_FORMS, &hits,
					      &n_hits, &cnt);
		sp->st->n_visited += cnt.forms;
		if (rc == NS_ERR_LIMIT) {
			rc = NS_OK;
			break;
		}
		free(c);
		c = calloc(n_hits + 1, sizeof(*c));
		if (!c && rc == NS_OK)
			rc = NS_ERR_NOMEM;
		for (size_t i = 0; i < n_hits && rc == NS_OK; i++) {
			const struct ns_formhit *h = &hits[i];
			double cost, need;
			if (h->dist == 0 || h->df == 0)
				continue;
			if (df >= 2 && h->form[0] != w->form[0])
				continue;	/* a repeated word: people rarely get
						 * the first letter wrong */
			if (df >= 2 && (other_inflection(sp, w, h) || e_added(w, h)))
				continue;
			cost = ns_errmodel_cost(w->form, w->form_len, h->form, h->len);
			if (h->dist == 3 && cost > NS_SPELL_COST3 * (double)chars)
				continue;	/* three slips, too dear for its length */
			need = df ? ((double)df - NS_SPELL_DISCOUNT) *
					    pow(NS_SPELL_RATIO, cost) *
					    (chars < NS_SPELL_SHORT ? NS_SPELL_SHORT_RATIO : 1)
				  : 0;
			if ((df >= NS_SPELL_RARE_DF || (double)h->df < need) &&
			    !repeated_slip(sp, w, df, chars, h, cost))
				continue;
			c[n].h = *h;
			c[n].cost = cost;
			/* the prior: its articles, a form seen once counting less,
			 * tempered (NS_SPELL_PRIOR_WEIGHT) */
			c[n].score = NS_SPELL_PRIOR_WEIGHT *
					     log((double)h->df - NS_SPELL_PRIOR_DISCOUNT) -
				     NS_SPELL_EDIT_COST * cost;
			n++;
		}
		if (k == 2 && k0 == 2)
			n = keep_cheap(c, n);
	}
	if (rc == NS_OK && n > 0) {
		size_t top = n < NS_SPELL_CONTEXT_TOP ? n : NS_SPELL_CONTEXT_TOP;
		qsort(c, n, sizeof(*c), by_score);
		/* context: the best few, by how often they go with the rest */
		for (size_t i = 0; i < top && rc == NS_OK && n > 1; i++) {
			uint64_t count;
			rc = cooc(sp, w, c[i].h.form, &count);
			if (rc == NS_DONE) {
				rc = NS_OK;
				break;
			}
			c[i].score += NS_SPELL_CONTEXT * log(1.0 + (double)count);
		}
		if (rc == NS_OK)
			qsort(c, top, sizeof(*c), by_score);
		if (rc == NS_OK)
			pick_ending(sp, c, top);
		/* a word the archive repeats stays when it goes with the rest of
		 * the query as well as its correction does ("causal inference") */
		if (rc == NS_OK && df >= 2)
			rc = fits_as_well(sp, w, c[0].h.form, &keep);
		debug_cands(w, df, c, n, "picked first");
		if (rc == NS_OK && !keep) {
			w->fixed = 1;
			memcpy(w->fix, c[0].h.form, c[0].h.len + 1);
			if (hop > 0)
				rc = second_hop(sp, w, &c[0].h, hop, hits, n_hits, walked);
		}
	}
	free(hits);
	free(c);
	return rc;
}

static int prepare(struct speller *sp, struct ns_index *idx, struct ns_spell_stats *st,
		   struct ns_spell_stats *local, char *msg, size_t msglen)
{
	memset(sp, 0, sizeof(*sp));
	sp->idx = idx;
	sp->st = st ? st : local;
	memset(local, 0, sizeof(*local));
	sp->msg = msg;
	sp->msglen = msglen;
	return NS_OK;
}

/* Looks at each word: known ones become context, the others get their
 * replacement (or none). */
static int look(struct speller *sp, int *any_fixed)
{
	uint64_t df[MAX_WORDS];
	int rc = NS_OK;

	*any_fixed = 0;
	for (size_t i = 0; i < sp->n && rc == NS_OK; i++) {
		struct word *w = &sp->words[i];
		uint64_t cf;
		sp->st->n_words++;
		if (!sp->d)
			rc = ns_formdict_of(sp->idx, &sp->d, sp->msg, sp->msglen);
		if (rc == NS_OK)
			rc = ns_formdict_counts(sp->d, w->form, w->form_len, &cf, &df[i]);
		w->known = rc == NS_OK && df[i] >= NS_SPELL_CONTEXT_DF;
		w->settled = rc == NS_OK && ns_spell_known_well(df[i], sp->idx->n_docs);
	}
	for (size_t i = 0; i < sp->n && rc == NS_OK; i++) {
		if (sp->words[i].settled)
			continue;
		sp->st->n_unknown++;
		rc = correct(sp, &sp->words[i], df[i], NS_SPELL_HOPS);
		*any_fixed |= sp->words[i].fixed;
	}
	return rc;
}

/* Whether a folded word is an operator once in capitals. */
static int is_operator_ci(const char *w)
{
	return !strcmp(w, "and") || !strcmp(w, "or") || !strcmp(w, "not") || !strcmp(w, "near") ||
	       !strcmp(w, "adj") || !strcmp(w, "sentence") || !strcmp(w, "paragraph");
}

/* Writes the replacement in the case the word was typed in: Capitalized
 * or ALL CAPS (ASCII letters). */
static void put_cased(struct ns_buf *b, const char *typed, size_t tlen, const char *fix)
{
	int upper = 0, lower = 0;

	for (size_t i = 0; i < tlen; i++) {
		upper += typed[i] >= 'A' && typed[i] <= 'Z';
		lower += typed[i] >= 'a' && typed[i] <= 'z';
	}
	/* all capitals would make "anf" -> "AND" an operator */
	if (upper > 1 && lower == 0 && is_operator_ci(fix))
		upper = 1;
	for (size_t i = 0; fix[i]; i++) {
		char ch = fix[i];
		if (ch >= 'a' && ch <= 'z' && ((upper > 1 && lower == 0) ||
					       (i == 0 && upper >= 1 && typed[0] >= 'A' && typed[0] <= 'Z')))
			ch = (char)(ch - 'a' + 'A');
		ns_buf_putc(b, (uint8_t)ch);
	}
}

int ns_spell_query(struct ns_index *idx, const char *text, int default_or, char **out,
		   struct ns_spell_stats *st, char *msg, size_t msglen)
{
	struct ns_spell_stats local;
	struct speller *sp = malloc(sizeof(*sp));
	struct ns_buf b = NS_BUF_INIT;
	size_t at = 0;
	int rc, any;

	*out = NULL;
	if (!sp)
		return NS_ERR_NOMEM;
	rc = prepare(sp, idx, st, &local, msg, msglen);
	sp->text = text;
	sp->default_or = default_or;
	if (rc == NS_OK) {
		scan(sp);
		rc = look(sp, &any);
	}
	if (rc == NS_OK && !any)
		rc = NS_DONE;
	for (size_t i = 0; i < sp->n && rc == NS_OK; i++) {
		const struct word *w = &sp->words[i];
		if (!w->fixed)
			continue;
		ns_buf_append(&b, text + at, w->off - at);
		put_cased(&b, text + w->off, w->len, w->fix);
		at = w->off + w->len;
	}
	if (rc == NS_OK) {
		ns_buf_puts(&b, text + at);
		if (!ns_buf_cstr(&b))
			rc = NS_ERR_NOMEM;
		else
			*out = (char *)ns_buf_detach(&b, NULL);
	}
	ns_buf_release(&b);
	free(sp);
	return rc;
}

int ns_spell_word(struct ns_index *idx, const char *word, char *out, size_t outlen,
		  struct ns_spell_stats *st, char *msg, size_t msglen)
{
	struct ns_spell_stats local;
	struct speller *sp = malloc(sizeof(*sp));
	int rc, any = 0;

	if (!sp)
		return NS_ERR_NOMEM;
	rc = prepare(sp, idx, st, &local, msg, msglen);
	sp->text = word;
	if (rc == NS_OK) {
		add_words(sp, 0, strlen(word));
		sp->n = sp->n > 1 ? 1 : sp->n;
		rc = look(sp, &any);
	}
	if (rc == NS_OK && any && strlen(sp->words[0].fix) < outlen)
		memcpy(out, sp->words[0].fix, strlen(sp->words[0].fix) + 1);
	else if (rc == NS_OK)
		rc = NS_DONE;
	free(sp);
	return rc;
}

int ns_spell_suggest(struct ns_index *idx, const char *text, int default_or,
		     const struct ns_match_opts *o, char **out, uint64_t *n_out,
		     struct ns_spell_stats *st, char *msg, size_t msglen)
{
	struct ns_qnode *q = NULL;
	struct ns_match *m = NULL;
	int rc = ns_spell_query(idx, text, default_or, out, st, msg, msglen);

	*n_out = 0;
	if (rc != NS_OK)
		return rc;
	rc = ns_query_parse(*out, default_or, &q, NULL, 0);
	if (rc == NS_OK)
		rc = o ? ns_match_compile_opts(idx, q, o, &m, NULL, 0)
		       : ns_match_compile(idx, q, &m, NULL, 0);
	if (rc == NS_OK)
		rc = ns_match_run(m, NULL, n_out);
	ns_match_free(m);
	ns_query_free(q);
	if (rc == NS_ERR_QUERY || rc == NS_ERR_LIMIT)
		rc = NS_DONE;	/* a correction that is no query: none */
	if (rc != NS_OK) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

int ns_spell_worth_saying(uint64_t n_matches, uint64_t n_fixed)
{
	return n_fixed > 0 && (n_matches == 0 || n_fixed / NS_SPELL_FEWER >= n_matches);
}

int ns_spell_may_suggest(struct ns_index *idx, const char *text, int default_or,
			 uint64_t n_matches, int *may)
{
	struct ns_spell_stats local;
	struct speller *sp;
	int rc = NS_OK;

	*may = 1;
	if (n_matches == 0)
		return NS_OK;	/* nothing matched: always worth a look */
	sp = malloc(sizeof(*sp));
	if (!sp)
		return NS_ERR_NOMEM;
	prepare(sp, idx, NULL, &local, NULL, 0);
	sp->text = text;
	sp->default_or = default_or;
	scan(sp);
	*may = 0;
	for (size_t i = 0; i < sp->n && rc == NS_OK && !*may; i++) {
		const struct word *w = &sp->words[i];
		size_t len;
		uint64_t df = 0;
		const char *term = ns_analyzer_stem(idx->an, w->form, w->form_len, &len);
		rc = term ? ns_index_df(idx, term, len, &df) : NS_ERR_NOMEM;
		*may = rc == NS_OK && !ns_spell_known_well(df, idx->n_docs);
	}
	free(sp);
	if (rc != NS_OK)
		*may = 1;	/* cannot tell: let the speller look */
	return rc;
}
