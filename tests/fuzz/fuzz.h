/* SPDX-License-Identifier: MIT */
/* fuzz.h -- helpers shared by the fuzz targets (tests/fuzz/fuzz_*.c).
 *
 * A target states its oracle with FUZZ_CHECK(cond): when cond is false it
 * prints the failed condition and aborts, which libFuzzer (and the replay
 * driver, via the sanitizers' abort) reports as a crash with the input.
 */
#ifndef NS_FUZZ_H
#define NS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                          \
	do {                                                                      \
		if (!(cond)) {                                                    \
			fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, \
				__LINE__, #cond);                                 \
			abort();                                                  \
		}                                                                 \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* 1 when s[0..n) is valid UTF-8 (no overlongs, surrogates or values above
 * U+10FFFF). */
int fuzz_valid_utf8(const void *s, size_t n);

/* A private scratch directory, created on first use and removed (with its
 * contents, one level of subdirectories deep) at exit. */
const char *fuzz_tmpdir(void);

/* Writes data[0..n) to path (replacing it); 0 or -1. */
int fuzz_write_file(const char *path, const void *data, size_t n);

/* Reads a whole file into a malloc'd buffer; NULL on error. */
uint8_t *fuzz_read_file(const char *path, size_t *n);

/* Builds the small index the query and index targets search, once per
 * process, in dir: about 300 generated articles (so some terms span three
 * postings blocks and have skip tables) plus a few real news snippets,
 * then an update that replaces two of them, so the index has two segments
 * and a deletion file (seg-00000001.del-2).  Returns 0 or -1 (message on
 * stderr). */
int fuzz_build_index(const char *dir);

/* MANIFEST bytes (format.h): the offset of head_crc found by walking the
 * head, 0 when it does not parse; and both CRCs recomputed in place. */
size_t fuzz_manifest_head_crc_at(const uint8_t *d, size_t n);
void fuzz_manifest_fix_crcs(uint8_t *d, size_t n);
/* Offset of segment record i in a MANIFEST's head, 0 when out of bounds. */
size_t fuzz_manifest_seg_at(const uint8_t *d, size_t n, uint32_t i);

#endif /* NS_FUZZ_H */
