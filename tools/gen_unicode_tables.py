#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen_unicode_tables.py -- writes common/unicode_tables.{c,h} for tokenize.c.

Usage (from the top of the tree):  python3 tools/gen_unicode_tables.py

The data comes from Python's unicodedata module, so the Unicode version is
the one of the python3 that runs this script (it is recorded in the output).
For every code point below 0x40000 the tables give a class (what the
tokenizer does with it) and a folded form (what it writes for it):

  fold = the special letters below, or simple case folding, or NFKD (NFD
         when the compatibility form would bring in spaces or punctuation)
         without diacritic marks, apostrophes and ignorables; repeated
         until nothing changes.  Decimal digits of any script become ASCII;
         CJK ideographs, kana and hangul syllables stay as they are (NFKC).

A diacritic mark is one with a nonzero combining class (accents, Hebrew and
Arabic points, virama, nukta), an enclosing mark, or one in a block of
combining diacritics; other marks (Indic and Thai vowel signs) are spelling
and stay in the word.

Code points from 0x40000 up are handled in unicode_tables.h without a table.
"""

import os
import sys
import unicodedata as ud

LIMIT = 0x40000		# table covers planes 0..3
SHIFT = 7		# code points per block = 1 << SHIFT

SEP, LETTER, DIGIT, SINGLE, MARK, MARK_KEEP, IGNORE, APOS, DOT, COMMA = range(10)
CLASS_NAMES = ["SEP", "LETTER", "DIGIT", "SINGLE", "MARK", "MARK_KEEP",
	       "IGNORE", "APOS", "DOT", "COMMA"]

APOSTROPHES = {0x27, 0x2019, 0x2018, 0x2BC, 0xFF07}

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt): invisible
# characters that neither split a word nor appear in it.
IGNORABLE = [(0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C),
	     (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
	     (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F),
	     (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
	     (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
	     (0x1D173, 0x1D17A)]

# Blocks of accents for any script: dropped even when their combining
# class is 0.
DIACRITIC_BLOCKS = [(0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF),
		    (0x20D0, 0x20FF), (0xFE20, 0xFE2F)]

# Letters that no decomposition turns into ASCII.
SPECIAL = {
	"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l",
	"þ": "th", "ĳ": "ij", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t",
	"ŀ": "l", "ȷ": "j", "ς": "σ",
}

# Letters whose diacritic makes a different letter that stemmers rely on
# (Russian "-ий", "-ой"): kept as they are.
KEEP = {"й"}

KANA = [(0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9D),
	(0x1AFF0, 0x1B16F)]
IDEOGRAPH_NAMES = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH",
		   "TANGUT", "KHITAN SMALL SCRIPT", "NUSHU CHARACTER")
IDEOGRAPH_EXTRA = [(0x3005, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B)]


def in_ranges(cp, ranges):
	return any(lo <= cp <= hi for lo, hi in ranges)


def is_single(cp, ch, cat):
	if 0xAC00 <= cp <= 0xD7A3:
		return True
	if in_ranges(cp, IDEOGRAPH_EXTRA):
		return True
	if cat[0] != "L":
		return False
	return in_ranges(cp, KANA) or ud.name(ch, "").startswith(IDEOGRAPH_NAMES)


def classify(cp):
	ch = chr(cp)
	cat = ud.category(ch)
	if cp in APOSTROPHES:
		return APOS
	if cp == 0x2E:
		return DOT
	if cp == 0x2C:
		return COMMA
	if in_ranges(cp, IGNORABLE):
		return IGNORE
	if 0x20000 <= cp < LIMIT:
		# Planes 2 and 3 hold only ideographs, including ones newer than
		# this Unicode version.
		return SEP if (cp & 0xFFFE) == 0xFFFE else SINGLE
	if cp in (0xFF9E, 0xFF9F):	# half-width (semi-)voiced sound marks
		return MARK
	if is_single(cp, ch, cat):
		return SINGLE
	if cat[0] == "L":
		return LETTER
	if cat == "Nd":
		return DIGIT
	if cat[0] == "M":
		if ud.combining(ch) or cat == "Me" or in_ranges(cp, DIACRITIC_BLOCKS):
			return MARK
		return MARK_KEEP
	return SEP


def dropped(ch):
	return classify(ord(ch)) in (MARK, IGNORE, APOS)


def wordish(ch):
	return classify(ord(ch)) in (LETTER, DIGIT, SINGLE, MARK, MARK_KEEP,
				     IGNORE, APOS)


def starts_word(ch):
	return classify(ord(ch)) in (LETTER, DIGIT)


def check_fold(cp, cls, f):
	"""Exits unless the fold tokenizes as the same word again."""
	classes = [classify(ord(x)) for x in f]
	if cls == SINGLE:
		ok = classes == [SINGLE]
	elif cls in (LETTER, DIGIT):
		ok = (classes[0] in (LETTER, DIGIT) and
		      all(c in (LETTER, DIGIT, MARK_KEEP) for c in classes))
	elif cls == MARK_KEEP:
		ok = all(c in (LETTER, DIGIT, MARK_KEEP) for c in classes)
	else:
		return
	if not ok or (cls != SINGLE and fold_str(f, 0) != f):
		sys.exit("gen_unicode_tables: fold of U+%04X is %r, which does not "
			 "fold to itself" % (cp, f))


def fold_str(s, depth):
	if depth > 8:
		sys.exit("gen_unicode_tables: folding does not settle for %r" % s)
	return "".join(fold_char(ch, depth) for ch in s)


def fold_char(ch, depth):
	if ch in SPECIAL:
		return fold_str(SPECIAL[ch], depth + 1)
	cf = ch.casefold()
	low = cf if len(cf) == 1 else ch.lower()	# simple case folding
	if low != ch:
		return fold_str(low, depth + 1)
	if ch in KEEP:
		return ch
	if dropped(ch):
		return ""
	for form in ("NFKD", "NFD"):
		d = ud.normalize(form, ch)
		if d != ch and all(wordish(x) for x in d):
			kept = "".join(x for x in d if not dropped(x))
			# A fold must not start with a mark: no word starts so.
			if kept and starts_word(kept[0]):
				return fold_str(kept, depth + 1)
	return ch


def fold(cp, cls):
	ch = chr(cp)
	if cls == DIGIT:
		return str(ud.digit(ch))
	if cls == SINGLE:
		n = ud.normalize("NFKC", ch)
		return n if len(n) == 1 else ch
	if cls in (LETTER, MARK_KEEP):
		f = fold_str(ch, 0)
		return f if f else ch
	return ch


def build():
	props = {}		# (cls, fold bytes or None for identity) -> index
	prop_list = []
	pool = bytearray()
	pool_at = {}
	per_cp = []
	for cp in range(LIMIT):
		cls = classify(cp)
		f = fold(cp, cls)
		check_fold(cp, cls, f)
		key = (cls, None) if f == chr(cp) else (cls, f.encode("utf-8"))
		if key not in props:
			props[key] = len(prop_list)
			off, n = 0, 0
			if key[1] is not None:
				b = key[1]
				if b not in pool_at:
					pool_at[b] = len(pool)
					pool.extend(b)
				off, n = pool_at[b], len(b)
			prop_list.append((cls, n, off, key[1]))
		per_cp.append(props[key])
	size = 1 << SHIFT
	blocks = {}
	block_list = []
	stage1 = []
	for base in range(0, LIMIT, size):
		blk = tuple(per_cp[base:base + size])
		if blk not in blocks:
			blocks[blk] = len(block_list)
			block_list.append(blk)
		stage1.append(blocks[blk])
	assert len(prop_list) < 65536 and len(pool) < 65536
	assert max(n for _, n, _, _ in prop_list) < 256
	return stage1, block_list, prop_list, pool


def c_array(values, per_line, width):
	lines = []
	for i in range(0, len(values), per_line):
		row = values[i:i + per_line]
		lines.append("\t" + ",".join("%*d" % (width, v) for v in row) + ",")
	return "\n".join(lines)


HEADER = """/* SPDX-License-Identifier: MIT */
/* unicode_tables.h -- per code point class and folded form for tokenize.c.
 *
 * GENERATED by tools/gen_unicode_tables.py from Unicode %(version)s; do not
 * edit.  Regenerate with:  python3 tools/gen_unicode_tables.py
 *
 * A code point below 0x40000 maps through two tables: its block (cp >> %(shift)d)
 * picks a row of %(size)d property indexes.  A property is a class and a
 * folded form: fold_len bytes at ns_unicode_fold + fold_off, or the code
 * point's own UTF-8 bytes when fold_len is 0.
 */
#ifndef NS_UNICODE_TABLES_H
#define NS_UNICODE_TABLES_H

#include <stdint.h>

enum ns_uclass {
	NS_UC_SEP = 0,		/* ends a word: space, punctuation, symbol, control */
	NS_UC_LETTER,		/* a letter (L*): starts or continues a word */
	NS_UC_DIGIT,		/* a decimal digit (Nd), folded to ASCII */
	NS_UC_SINGLE,		/* CJK ideograph, kana, hangul syllable: a word alone */
	NS_UC_MARK,		/* diacritic mark: continues a word, dropped */
	NS_UC_MARK_KEEP,	/* vowel sign etc. (combining class 0): continues
				 * a word and is kept */
	NS_UC_IGNORE,		/* default-ignorable: skipped everywhere */
	NS_UC_APOS,		/* ' U+2019 U+2018 U+02BC U+FF07 */
	NS_UC_DOT,		/* '.': acronyms and numbers */
	NS_UC_COMMA,		/* ',': numbers */
};

struct ns_uprop {
	uint8_t cls;		/* enum ns_uclass */
	uint8_t fold_len;	/* bytes of folded form; 0: the code point itself */
	uint16_t fold_off;	/* offset of the folded form in ns_unicode_fold */
};

#define NS_UNICODE_LIMIT 0x%(limit)XU	/* first code point not in the tables */
#define NS_UNICODE_SHIFT %(shift)d

extern const uint16_t ns_unicode_block[NS_UNICODE_LIMIT >> NS_UNICODE_SHIFT];
extern const uint16_t ns_unicode_row[][1 << NS_UNICODE_SHIFT];
extern const struct ns_uprop ns_unicode_prop[];
extern const uint8_t ns_unicode_fold[];

/* Indexed by any byte: the folded byte of an ASCII letter or digit, 0 for
 * every other byte (the other ASCII bytes and all bytes from 0x80). */
extern const uint8_t ns_unicode_ascii_fold[256];

/* Properties of code point cp (any value; above 0x10FFFF is a separator). */
static inline const struct ns_uprop *ns_unicode_lookup(uint32_t cp)
{
	if (cp < NS_UNICODE_LIMIT)
		return &ns_unicode_prop[ns_unicode_row[ns_unicode_block[cp >> NS_UNICODE_SHIFT]]
				       [cp & ((1U << NS_UNICODE_SHIFT) - 1)]];
	/* Tags and variation selectors supplement are default-ignorable. */
	if (cp >= 0xE0000 && cp <= 0xE0FFF)
		return &ns_unicode_prop[%(ignore)d];
	return &ns_unicode_prop[%(sep)d];
}

#endif /* NS_UNICODE_TABLES_H */
"""


def write(root):
	stage1, rows, prop_list, pool = build()
	index = {(c, b): i for i, (c, _, _, b) in enumerate(prop_list)}
	version = ud.unidata_version
	subst = {"version": version, "shift": SHIFT, "size": 1 << SHIFT,
		 "limit": LIMIT, "ignore": index[(IGNORE, None)],
		 "sep": index[(SEP, None)]}
	with open(os.path.join(root, "common/unicode_tables.h"), "w") as f:
		f.write(HEADER % subst)
	out = []
	out.append("/* SPDX-License-Identifier: MIT */")
	out.append("/* unicode_tables.c -- Unicode %s data for tokenize.c (see the .h)." % version)
	out.append(" *")
	out.append(" * GENERATED by tools/gen_unicode_tables.py; do not edit.  Regenerate with:")
	out.append(" *   python3 tools/gen_unicode_tables.py")
	out.append(" */")
	out.append('#include "unicode_tables.h"')
	out.append("")
	out.append("const uint8_t ns_unicode_ascii_fold[256] = {")
	ascii = [0] * 256
	for cp in range(128):
		c = classify(cp)
		ascii[cp] = ord(fold(cp, c)) if c in (LETTER, DIGIT) else 0
	out.append(c_array(ascii, 16, 3))
	out.append("};")
	out.append("")
	out.append("const uint16_t ns_unicode_block[NS_UNICODE_LIMIT >> NS_UNICODE_SHIFT] = {")
	out.append(c_array(stage1, 16, 3))
	out.append("};")
	out.append("")
	out.append("const uint16_t ns_unicode_row[][1 << NS_UNICODE_SHIFT] = {")
	for i, row in enumerate(rows):
		out.append("\t{ /* %d */" % i)
		out.append(c_array(list(row), 16, 0).replace("\t", "\t\t"))
		out.append("\t},")
	out.append("};")
	out.append("")
	out.append("const struct ns_uprop ns_unicode_prop[] = {")
	for c, n, off, _ in prop_list:
		out.append("\t{NS_UC_%s, %d, %d}," % (CLASS_NAMES[c], n, off))
	out.append("};")
	out.append("")
	out.append("const uint8_t ns_unicode_fold[] = {")
	out.append(c_array(list(pool), 16, 0))
	out.append("};")
	with open(os.path.join(root, "common/unicode_tables.c"), "w") as f:
		f.write("\n".join(out) + "\n")
	print("gen_unicode_tables: Unicode %s, %d blocks, %d rows, %d properties, "
	      "%d fold bytes" % (version, len(stage1), len(rows), len(prop_list),
				 len(pool)))


if __name__ == "__main__":
	write(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
