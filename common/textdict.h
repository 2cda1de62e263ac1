/* SPDX-License-Identifier: MIT */
/* textdict.h -- a raw-content dictionary for the stored texts (format.h
 * .nsd dict): the segment's first texts themselves, chosen only when the
 * archive measurably repeats itself.
 *
 * The trained dictionary (recwriter.c) gives a 32 KB group the language's
 * common strings.  An archive that reprints the same sentences (wire copy
 * run by many papers, updated versions of a story, an archive made of
 * recombined articles) gains far more from whole earlier texts to copy
 * from: a zstd dictionary may be any bytes ("raw content", RFC 8878
 * section 5), so the first NS_TEXTDICT_LEN bytes of text can serve as one,
 * long-range matching with random access kept per group.  The groups that
 * hold those same texts then compress to a few bytes each, so the cost of
 * storing the dictionary raw is about its length times (1 - the usual
 * ratio); it pays only when the rest compresses much better, which
 * ns_textdict_raw_pays() measures on the text that follows.
 */
#ifndef NS_TEXTDICT_H
#define NS_TEXTDICT_H

#define ZSTD_STATIC_LINKING_ONLY	/* dictionary parameters, attach mode */
#include <stddef.h>
#include <stdint.h>
#include <zstd.h>

#define NS_TEXTDICT_LEN ((size_t)15 << 20)	/* bytes of the raw dictionary */
#define NS_TEXTDICT_PROBE ((size_t)1 << 20)	/* text after it that decides */
#define NS_TEXTDICT_SAMPLE (NS_TEXTDICT_LEN + NS_TEXTDICT_PROBE)

/* 1 when the raw dictionary text[0..NS_TEXTDICT_LEN) compresses the probe
 * text[NS_TEXTDICT_LEN..NS_TEXTDICT_SAMPLE), cut like the groups, at least
 * a third smaller than the trained dictionary trained[0..trained_len) (a
 * zstd dictionary; NULL/0: none) does at the same level; then the
 * dictionary's cost is paid back within some 100 MB of further text.  0
 * otherwise, also when text cannot be read as raw content (it starts with
 * the zstd dictionary magic) or memory runs out.  len >= NS_TEXTDICT_SAMPLE. */
int ns_textdict_raw_pays(const uint8_t *text, size_t len, const void *trained,
			 size_t trained_len, int level);

/* A compression dictionary for raw content dict[0..len) (not copied: dict
 * must outlive it), with match tables sized for it.  NULL on no memory. */
ZSTD_CDict *ns_textdict_raw_cdict(const uint8_t *dict, size_t len, int level);

/* Compresses src[0..n) into dst (cap >= ZSTD_compressBound(n)) as one
 * frame with its content size, against cd made by ns_textdict_raw_cdict(),
 * whose tables are read in place rather than copied per frame.  Returns
 * zstd's result (check with ZSTD_isError). */
size_t ns_textdict_compress(ZSTD_CCtx *zc, const ZSTD_CDict *cd, void *dst, size_t cap,
			    const void *src, size_t n);

#endif /* NS_TEXTDICT_H */
