/* SPDX-License-Identifier: MIT */
/* tokenize.h -- UTF-8 text to folded words with positions and byte offsets.
 *
 * The same code runs at index time and at query time, so a word in a query
 * always becomes the same bytes as the word in an article.  A token is a run
 * of word characters (letters and digits of any script), folded:
 *
 *   - case folding (Unicode simple lower case) for Latin, Greek, Cyrillic,
 *     Armenian and the full-width ASCII forms; final sigma becomes sigma;
 *   - accent folding: diacritics are removed (é->e, ñ->n, ά->α, ё->е), and
 *     combining marks (U+0300..U+036F etc.) are dropped inside a word; the
 *     ligatures and special letters fold to ASCII (ß->ss, æ->ae, œ->oe,
 *     ø->o, đ->d, ł->l, þ->th, ĳ->ij);
 *   - apostrophes ' U+2019 U+2018 U+02BC U+FF07 are one character, written
 *     as ASCII '; one between two letters stays inside the word ("don't",
 *     "o'brien"), a final possessive 's or s' is dropped ("Iran’s" -> "iran",
 *     "states'" -> "states"), and leading/trailing apostrophes are dropped;
 *   - acronyms: single letters separated by dots ("U.S.", "U.S", "e.g.")
 *     become one word without dots ("us", "eg");
 *   - numbers are words; digits joined by '.' or ',' stay one word, with ','
 *     removed and '.' kept ("1,000" -> "1000", "3.14" -> "3.14");
 *   - an underscore between two letters or digits joins them
 *     ("actual_format" is one word, as in UAX #29); leading and trailing
 *     underscores separate ("_got_" -> "got");
 *   - hyphens and dashes of every kind (U+002D, U+2010..U+2015, U+2212,
 *     U+FE58, U+FE63, U+FF0D) and every other punctuation, symbol or space
 *     separate words; words split by a hyphen take consecutive positions, so
 *     "Mar‑a‑Lago" is the three words mar, a, lago;
 *   - the soft hyphen U+00AD and zero-width characters (U+200B..U+200D,
 *     U+2060, U+FEFF) are ignored inside a word (they neither split it nor
 *     appear in it);
 *   - each CJK ideograph, kana or hangul syllable is a word by itself;
 *   - invalid UTF-8 bytes, NUL and other control characters separate words;
 *     they never stop the tokenizer or make it read past the end;
 *   - a folded word longer than NS_TOK_MAX_LEN bytes is dropped and takes no
 *     position (it is noise: base64, URLs run together).
 *
 * Positions count the words kept, starting at first_pos.
 */
#ifndef NS_TOKENIZE_H
#define NS_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#define NS_TOK_MAX_LEN 64	/* longest folded word kept, in bytes */

struct ns_token {
	const char *term;	/* folded UTF-8 bytes, NUL-terminated; borrowed
				 * from the tokenizer, valid until the next call */
	size_t term_len;	/* bytes in term, 1..NS_TOK_MAX_LEN */
	uint32_t pos;		/* word position */
	size_t off;		/* byte offset of the word's first byte in text */
	size_t len;		/* bytes the word spans in text (with any
				 * apostrophe-s, dots of an acronym, etc.) */
};

/* Iterator state; lives on the caller's stack.  Borrows text, which must
 * stay valid while the tokenizer is used. */
struct ns_tokenizer {
	const uint8_t *text;	/* input */
	size_t len;		/* input bytes */
	size_t at;		/* next byte to look at */
	uint32_t next_pos;	/* position of the next token */
	char term[4 * NS_TOK_MAX_LEN + 16];	/* folded word being built */
};

/* Starts tokenizing text[0..len) with the first word at position first_pos. */
void ns_tok_init(struct ns_tokenizer *t, const char *text, size_t len, uint32_t first_pos);

/* Fills *tok with the next word.  Returns 1 when a word was produced, 0 at
 * the end of the text.  Never fails. */
int ns_tok_next(struct ns_tokenizer *t, struct ns_token *tok);

/* Position the next word would get (= number of words so far + first_pos). */
static inline uint32_t ns_tok_position(const struct ns_tokenizer *t)
{
	return t->next_pos;
}

#endif /* NS_TOKENIZE_H */
