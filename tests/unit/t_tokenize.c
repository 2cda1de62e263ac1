/* SPDX-License-Identifier: MIT */
/* t_tokenize.c -- tokenizer cases: text in, folded terms, positions and
 * byte spans out; then random bytes that must never break it. */
#include <stdlib.h>

#include "tokenize.h"
#include "unit.h"

enum { TERMS, POSITIONS, SPANS };

/* Checks what every token must satisfy; returns 0 (and reports) if not. */
static int token_ok(const struct ns_token *tok, size_t text_len, uint32_t want_pos,
		    size_t min_off)
{
	if (tok->term_len < 1 || tok->term_len > NS_TOK_MAX_LEN ||
	    strlen(tok->term) != tok->term_len || tok->pos != want_pos ||
	    tok->len < 1 || tok->off < min_off || tok->off > text_len ||
	    tok->len > text_len - tok->off) {
		NS_UNIT_FAIL("bad token \"%s\" term_len %zu pos %u off %zu len %zu"
			     " (text %zu bytes)", tok->term, tok->term_len,
			     (unsigned)tok->pos, tok->off, tok->len, text_len);
		return 0;
	}
	return 1;
}

/* Tokenizes text[0..len) from first_pos and writes, space-separated, each
 * term (TERMS), term/pos (POSITIONS) or the text a token spans (SPANS,
 * '|'-separated). */
static void render(const char *text, size_t len, uint32_t first_pos, int what,
		   char *out, size_t cap)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	uint32_t pos = first_pos;
	size_t used = 0, min_off = 0;

	out[0] = '\0';
	ns_tok_init(&t, text, len, first_pos);
	while (ns_tok_next(&t, &tok)) {
		int n;

		if (!token_ok(&tok, len, pos, min_off))
			return;
		pos++;
		min_off = tok.off + tok.len;
		if (what == TERMS)
			n = snprintf(out + used, cap - used, "%s%s", used ? " " : "", tok.term);
		else if (what == POSITIONS)
			n = snprintf(out + used, cap - used, "%s%s/%u", used ? " " : "",
				     tok.term, (unsigned)tok.pos);
		else
			n = snprintf(out + used, cap - used, "%s%.*s", used ? "|" : "",
				     (int)tok.len, text + tok.off);
		if (n < 0 || (size_t)n >= cap - used) {
			NS_UNIT_FAIL("render: output too long for \"%.40s\"", text);
			return;
		}
		used += (size_t)n;
	}
	CHECK_INT_EQ(ns_tok_position(&t), pos);
	CHECK(!ns_tok_next(&t, &tok));	/* stays at the end */
}

struct tcase {
	const char *text;	/* input, NUL-terminated */
	const char *want;	/* expected rendering */
};

static const struct tcase term_cases[] = {
	/* Plain words, case, empty input. */
	{"", ""},
	{"   \t\n ", ""},
	{"Hello, World!", "hello world"},
	{"a", "a"},
	{"ABC def GhI", "abc def ghi"},
	{"snake_case x+y a/b (c) [d] {e} <f> @g #h", "snake_case x y a b c d e f g h"},
	{"what we've _got_ is", "what we've got is"},
	{"actual_format phigs_ws_type_x_drawable", "actual_format phigs_ws_type_x_drawable"},
	{"foo__bar _x a_ __init__ 2_000", "foo bar x a init 2_000"},
	{"\"quoted\" ... ;;; :::", "quoted"},

	/* Apostrophes and possessives. */
	{"Iran’s", "iran"},
	{"Netanyahu's", "netanyahu"},
	{"the states' rights", "the states rights"},
	{"negotiators’ proposals", "negotiators proposals"},
	{"IRAN'S", "iran"},
	{"don't", "don't"},
	{"Don’t", "don't"},
	{"O’Brien o‘brien Oʼbrien O＇Brien", "o'brien o'brien o'brien o'brien"},
	{"He’d", "he'd"},
	{"it’s", "it"},
	{"I'm", "i'm"},
	{"l’État", "l'etat"},
	{"o'sullivan", "o'sullivan"},
	{"ma'am's", "ma'am"},
	{"'tis 'quoted' ‘single’", "tis quoted single"},
	{"don''t", "don t"},
	{"rock'n'roll", "rock'n'roll"},
	{"1990's", "1990"},
	{"80'x", "80 x"},
	{"x' y", "x y"},
	{"'", ""},
	{"’s", "s"},

	/* Acronyms. */
	{"U.S.", "us"},
	{"U.S", "us"},
	{"e.g.", "eg"},
	{"e.g., i.e.", "eg ie"},
	{"U.S.A.", "usa"},
	{"U.S.-Iran", "us iran"},
	{"U.S.–Iran talks", "us iran talks"},
	{"the U.S. Then", "the us then"},
	{"U.S's", "us"},
	{"Plan B. Then", "plan b then"},
	{"B.Then", "b then"},
	{"U.Sa", "u sa"},
	{"x.", "x"},
	{".a.", "a"},
	{"É.U.", "eu"},
	{"J.R.R. Tolkien", "jrr tolkien"},
	{"end.Next", "end next"},

	/* Numbers. */
	{"2026", "2026"},
	{"1,000", "1000"},
	{"1,000,000.50 USD", "1000000.50 usd"},
	{"3.14", "3.14"},
	{"16th", "16th"},
	{"v1.2.3", "v1.2.3"},
	{"2025.", "2025"},
	{"2025, 2026", "2025 2026"},
	{"2025,x 7.y", "2025 x 7 y"},
	{"1.,2", "1 2"},
	{",5 .5", "5 5"},
	{"٢٠٢٦", "2026"},
	{"１２３", "123"},

	/* Hyphens and dashes of every kind separate. */
	{"Mar‑a‑Lago", "mar a lago"},
	{"mid‑air", "mid air"},
	{"long-range", "long range"},
	{"a‐b a‒b a–b a—b a―b a−b a﹘b a﹣b a－b", "a b a b a b a b a b a b a b a b a b"},
	{"post‑2025", "post 2025"},
	{"Non‑Proliferation", "non proliferation"},

	/* Invisible characters join. */
	{"ex\u00ADample", "example"},
	{"ex\u200Bam\u200Cp\u200Dle", "example"},
	{"a\u2060b", "ab"},
	{"\uFEFFBOM", "bom"},
	{"\u200B \u00AD", ""},

	/* Case and accent folding. */
	{"ΑΘΗΝΑ Αθήνα", "αθηνα αθηνα"},
	{"ΟΔΟΣ οδός", "οδοσ οδοσ"},
	{"Ёлка ёлка", "елка елка"},
	{"Москва МОСКВА", "москва москва"},
	{"Йошкар-Ола", "йошкар ола"},
	{"Café CAFÉ", "cafe cafe"},
	{"Cafe\u0301", "cafe"},
	{"ÉCOLE École", "ecole ecole"},
	{"naïve façade Ñandú", "naive facade nandu"},
	{"straße STRASSE Straẞe", "strasse strasse strasse"},
	{"Ærø Œuvre", "aero oeuvre"},
	{"Łódź Đorđe Þór ĳs", "lodz dorde thor ijs"},
	{"İstanbul", "istanbul"},
	{"ＡＢＣ ｘｙｚ", "abc xyz"},
	{"ﬁnance", "finance"},
	{"Ǆemal", "dzemal"},

	/* CJK: one word per ideograph, kana or hangul syllable. */
	{"東京タワー", "東 京 タ ワ ー"},
	{"서울 시청", "서 울 시 청"},
	{"日本語abc", "日 本 語 abc"},
	{"abc東京", "abc 東 京"},
	{"𠀋", "𠀋"},

	/* Invalid UTF-8, NUL and controls separate; truncation at the end. */
	{"ab\xff" "cd", "ab cd"},
	{"ab\xc3", "ab"},
	{"caf\xc3\xa9\xc3", "cafe"},
	{"\xe2\x80", ""},
	{"Iran\xe2\x80", "iran"},
	{"\xc0\xaf" "ab", "ab"},
	{"a\xc0\x80" "b", "a b"},
	{"a\xed\xa0\x80" "b", "a b"},
	{"a\xf4\x90\x80\x80" "b", "a b"},
	{"a\xf8\x88\x80\x80\x80" "b", "a b"},
	{"a\x01" "b\x7f" "c", "a b c"},
	{"a\x80\x80\x80" "b", "a b"},

	/* Sentences from the seed articles. */
	{"In a private meeting at Trump’s Mar‑a‑Lago estate in December 2025,",
	 "in a private meeting at trump mar a lago estate in december 2025"},
	{"if U.S.–Iran talks collapse.", "if us iran talks collapse"},
	{"Israeli leaders prioritise Iran’s growing missile capabilities — "
	 "medium-range systems",
	 "israeli leaders prioritise iran growing missile capabilities medium range systems"},
	{"Plans under review include providing mid‑air refueling support",
	 "plans under review include providing mid air refueling support"},
	{"February 16th, 2026: U.S. President Donald Trump",
	 "february 16th 2026 us president donald trump"},
	{"Tel Aviv, Haifa, and Be’er Sheva were among",
	 "tel aviv haifa and be'er sheva were among"},
	{"the president’s phrasing—”it’s possible we could get involved”—has",
	 "the president phrasing it possible we could get involved has"},
	{"Editor's\nDesk", "editor desk"},
	{"  \xe2\x80\xa2 1President Trump", "1president trump"},
};

static const struct tcase span_cases[] = {
	{"Trump’s Mar‑a‑Lago estate", "Trump’s|Mar|a|Lago|estate"},
	{"U.S.–Iran", "U.S.|Iran"},
	{"U.S", "U.S"},
	{"Plan B. Then", "Plan|B|Then"},
	{"the states' rights", "the|states'|rights"},
	{"'quoted'", "quoted"},
	{"Cafe\u0301 au lait", "Cafe\u0301|au|lait"},
	{"ex\u00ADample", "ex\u00ADample"},
	{"word\u200B next", "word|next"},
	{"1,000 3.14.", "1,000|3.14"},
	{"\xff" "abc\xff", "abc"},
	{"日本", "日|本"},
};

static void run_table(const struct tcase *cases, size_t n, int what)
{
	char got[1024];

	for (size_t i = 0; i < n; i++) {
		render(cases[i].text, strlen(cases[i].text), 0, what, got, sizeof(got));
		CHECK_STR_EQ(got, cases[i].want);
	}
}

static void test_tokenize_positions(void)
{
	char got[256], text[256];
	char *big = malloc(10000 + 32);

	render("Mar‑a‑Lago", strlen("Mar‑a‑Lago"), 100, POSITIONS, got, sizeof(got));
	CHECK_STR_EQ(got, "mar/100 a/101 lago/102");
	render("U.S.-Iran talks", 15, 7, POSITIONS, got, sizeof(got));
	CHECK_STR_EQ(got, "us/7 iran/8 talks/9");

	/* 64 bytes are kept, 65 are dropped and take no position. */
	memset(text, 'x', 64);
	strcpy(text + 64, " y");
	render(text, strlen(text), 0, POSITIONS, got, sizeof(got));
	CHECK_INT_EQ(strlen(got), 64 + 2 + 4);
	CHECK_STR_EQ(got + 64, "/0 y/1");
	memset(text, 'x', 65);
	strcpy(text + 65, " y");
	render(text, strlen(text), 0, POSITIONS, got, sizeof(got));
	CHECK_STR_EQ(got, "y/0");
	/* The limit is on folded bytes: 32 two-byte letters fit, 33 do not. */
	text[0] = '\0';
	for (int i = 0; i < 32; i++)
		strcat(text, "Ж");
	render(text, strlen(text), 0, TERMS, got, sizeof(got));
	CHECK_INT_EQ(strlen(got), 64);
	strcat(text, "ж");
	render(text, strlen(text), 0, TERMS, got, sizeof(got));
	CHECK_STR_EQ(got, "");
	/* ß folds to two bytes, "ss". */
	text[0] = '\0';
	for (int i = 0; i < 32; i++)
		strcat(text, "ß");
	render(text, strlen(text), 0, TERMS, got, sizeof(got));
	CHECK_INT_EQ(strlen(got), 64);
	strcat(text, "ß");
	render(text, strlen(text), 0, TERMS, got, sizeof(got));
	CHECK_STR_EQ(got, "");

	/* A 10,000-byte word between two words. */
	CHECK(big != NULL);
	if (!big)
		return;
	strcpy(big, "before ");
	memset(big + 7, 'a', 10000);
	strcpy(big + 7 + 10000, " after");
	render(big, strlen(big), 0, POSITIONS, got, sizeof(got));
	CHECK_STR_EQ(got, "before/0 after/1");
	render(big, strlen(big), 0, SPANS, got, sizeof(got));
	CHECK_STR_EQ(got, "before|after");
	free(big);
}

static void test_tokenize_nul_and_bounds(void)
{
	static const char with_nul[] = "ab\0cd";
	char got[64];
	struct ns_tokenizer t;
	struct ns_token tok;

	render(with_nul, 5, 0, TERMS, got, sizeof(got));
	CHECK_STR_EQ(got, "ab cd");
	/* len, not the NUL, bounds the text: "abcdef" cut at 3 bytes. */
	render("abcdef", 3, 0, TERMS, got, sizeof(got));
	CHECK_STR_EQ(got, "abc");
	/* A multibyte letter cut by len is not read past len. */
	render("caf\xc3\xa9", 4, 0, TERMS, got, sizeof(got));
	CHECK_STR_EQ(got, "caf");
	/* Acronym and possessive look-ahead stops at len. */
	render("U.S", 2, 0, SPANS, got, sizeof(got));
	CHECK_STR_EQ(got, "U");
	render("Iran's", 5, 0, TERMS, got, sizeof(got));
	CHECK_STR_EQ(got, "iran");

	ns_tok_init(&t, NULL, 0, 3);
	CHECK(!ns_tok_next(&t, &tok));
	CHECK_INT_EQ(ns_tok_position(&t), 3);
	ns_tok_init(&t, "x y", 3, 0);
	CHECK(ns_tok_next(&t, &tok));
	CHECK_INT_EQ(ns_tok_position(&t), 1);
	CHECK_STR_EQ(tok.term, "x");
}

/* xorshift64*: the same sequence on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint32_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

/* Pieces random texts are built from: the tokenizer's hard cases. */
static const char *const pieces[] = {
	"a", "S", "s", "x", "1", "0", " ", ".", ",", "'", "-", "’", "‘", "ʼ",
	"＇", "é", "É", "e\u0301", "\u0301", "\u00AD", "\u200B", "\uFEFF", "ß",
	"ς", "Σ", "ё", "東", "서", "ｶ", "\xff", "\xc3", "\xe2\x80", "\xf0\x9f",
	"\0", "\n", "—", "‑", "ǅ", "ﬁ", "٣", "ा", "क", "्",
};

/* Mostly the BMP, some of planes 1-3 and 14, now and then a space. */
static uint32_t random_code_point(void)
{
	uint32_t r = rng();

	switch (r % 8) {
	case 0:
		return ' ';
	case 1:
		return 0x10000 + rng() % 0x30000;
	case 2:
		return 0xE0000 + rng() % 0x1000;
	default:
		r = rng() % 0x10000;
		return r >= 0xD800 && r <= 0xDFFF ? 'z' : r;
	}
}

static size_t put_utf8(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static int valid_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t k = p[i] < 0x80 ? 1 : p[i] < 0xE0 ? 2 : p[i] < 0xF0 ? 3 : 4;

		if (p[i] >= 0x80 && p[i] < 0xC2)
			return 0;
		if (i + k > n)
			return 0;
		for (size_t j = 1; j < k; j++)
			if ((p[i + j] & 0xC0) != 0x80)
				return 0;
		i += k;
	}
	return 1;
}

/* Every term, tokenized again, is itself: queries and articles agree. */
static int term_is_stable(const struct ns_token *tok)
{
	struct ns_tokenizer t;
	struct ns_token again;
	char copy[NS_TOK_MAX_LEN + 1];

	memcpy(copy, tok->term, tok->term_len + 1);
	ns_tok_init(&t, copy, tok->term_len, 0);
	return ns_tok_next(&t, &again) && again.term_len == tok->term_len &&
	       memcmp(again.term, copy, tok->term_len) == 0 && !ns_tok_next(&t, &again);
}

static void test_tokenize_random(void)
{
	enum { ITERATIONS = 20000, MAX_TEXT = 400 };
	char *text = malloc(MAX_TEXT);
	long bad = 0, tokens = 0;

	CHECK(text != NULL);
	if (!text)
		return;
	for (int it = 0; it < ITERATIONS && bad < 5; it++) {
		size_t len = 0, want = rng() % MAX_TEXT;
		int mode = it % 4;	/* raw bytes, pieces, a mix, code points */

		while (len < want) {
			if (mode == 0 || (mode == 2 && rng() % 4 == 0)) {
				text[len++] = (char)rng();
				continue;
			}
			if (mode == 3) {
				if (len + 4 > want)
					break;
				len += put_utf8(text + len, random_code_point());
				continue;
			}
			const char *pc = pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
			size_t n = pc[0] ? strlen(pc) : 1;
			if (len + n > want)
				break;
			memcpy(text + len, pc, n);
			len += n;
		}

		/* An exact-size heap copy lets ASan catch any read past len. */
		char *exact = malloc(len ? len : 1);
		struct ns_tokenizer t;
		struct ns_token tok;
		uint32_t pos = 5;
		size_t min_off = 0;

		if (!exact)
			break;
		memcpy(exact, text, len);
		ns_tok_init(&t, exact, len, 5);
		while (ns_tok_next(&t, &tok)) {
			tokens++;
			if (!token_ok(&tok, len, pos, min_off) ||
			    !valid_utf8(tok.term, tok.term_len)) {
				bad++;
				break;
			}
			if (!term_is_stable(&tok)) {
				NS_UNIT_FAIL("term \"%s\" does not tokenize to itself", tok.term);
				bad++;
			}
			pos++;
			min_off = tok.off + tok.len;
		}
		if (ns_tok_position(&t) != pos)
			bad++;
		free(exact);
	}
	free(text);
	CHECK_INT_EQ(bad, 0);
	CHECK(tokens > ITERATIONS);
}

NS_SUITE(tokenize)
{
	run_table(term_cases, sizeof(term_cases) / sizeof(term_cases[0]), TERMS);
	run_table(span_cases, sizeof(span_cases) / sizeof(span_cases[0]), SPANS);
	test_tokenize_positions();
	test_tokenize_nul_and_bounds();
	test_tokenize_random();
}
