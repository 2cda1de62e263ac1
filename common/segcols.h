/* SPDX-License-Identifier: MIT */
/* segcols.h -- a segment's columns (format.h, .nsd): each document's day
 * and source number, and the table of its distinct sources, for counting
 * matches by date or source in a few instructions per match (timeline.h,
 * facet.h) without reading their records or their date terms.
 *
 * Columns are read a chunk (NS_FMT_COL_CHUNK documents) at a time, each
 * chunk's CRC checked the first time; the source table is checked the
 * first time it is used.  Entries point into the mapped file: valid until
 * ns_segr_close().
 */
#ifndef NS_SEGCOLS_H
#define NS_SEGCOLS_H

#include <stddef.h>
#include <stdint.h>

struct ns_segr;
struct ns_str;

enum ns_segr_col { NS_COL_DAY, NS_COL_SOURCE };

/* Chunk c of column col: *entries gets the u32 entries (format.h) of
 * documents c * NS_FMT_COL_CHUNK .. + *n - 1.  NS_OK or NS_ERR_CORRUPT
 * (c out of range, or a failed CRC). */
int ns_segr_col_chunk(struct ns_segr *s, enum ns_segr_col col, uint32_t c,
		      const uint8_t **entries, uint32_t *n);

/* The number of distinct sources (the source table checked on first use).
 * NS_OK or NS_ERR_CORRUPT. */
int ns_segr_n_sources(struct ns_segr *s, uint32_t *n);

/* Source number i as written (not NUL-terminated).  NS_OK or
 * NS_ERR_CORRUPT. */
int ns_segr_source(struct ns_segr *s, uint32_t i, struct ns_str *name);

#endif /* NS_SEGCOLS_H */
