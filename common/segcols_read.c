/* SPDX-License-Identifier: MIT */
/* segcols_read.c -- a segment's day and source columns and its source
 * table (segcols.h; written by segcols_write.c).
 */
#include "segcols.h"

#include "error.h"
#include "fileio.h"
#include "format.h"
#include "segr_int.h"

int ns_segr_col_chunk(struct ns_segr *s, enum ns_segr_col col, uint32_t c,
		      const uint8_t **entries, uint32_t *n)
{
	const uint8_t *chunk = s->cols[col] + (uint64_t)c * (4 + NS_FMT_COL_CHUNK * NS_FMT_COL_ENTRY_LEN);
	uint32_t k;

	if ((uint64_t)c * NS_FMT_COL_CHUNK >= s->n_docs)
		return NS_CORRUPT();
	k = s->n_docs - c * NS_FMT_COL_CHUNK < NS_FMT_COL_CHUNK ? s->n_docs - c * NS_FMT_COL_CHUNK
								 : NS_FMT_COL_CHUNK;
	if (!s->col_ok[col][c]) {
		if (ns_crc32(chunk + 4, (size_t)k * NS_FMT_COL_ENTRY_LEN) != ns_get_u32(chunk))
			return NS_CORRUPT();
		s->col_ok[col][c] = 1;
	}
	*entries = chunk + 4;
	*n = k;
	return NS_OK;
}

/* Checks the source table once: its CRC, that its offsets never decrease
 * and that its bytes end the section. */
static int check_srctab(struct ns_segr *s)
{
	uint64_t n, offs_len;
	const uint8_t *offs;

	if (s->srctab_ok)
		return NS_OK;
	n = ns_get_u32(s->srctab);
	offs_len = (n + 1) * 4;
	if (s->srctab_len < 8 || offs_len > s->srctab_len - 8)
		return NS_CORRUPT();
	offs = s->srctab + 8;
	if (ns_get_u32(offs) != 0 ||
	    ns_get_u32(offs + 4 * n) != s->srctab_len - 8 - offs_len ||
	    ns_crc32(offs, (size_t)(s->srctab_len - 8)) != ns_get_u32(s->srctab + 4))
		return NS_CORRUPT();
	for (uint64_t i = 0; i < n; i++)
		if (ns_get_u32(offs + 4 * i) > ns_get_u32(offs + 4 * (i + 1)))
			return NS_CORRUPT();
	s->srctab_ok = 1;
	return NS_OK;
}

int ns_segr_n_sources(struct ns_segr *s, uint32_t *n)
{
	int rc = check_srctab(s);

	*n = rc == NS_OK ? ns_get_u32(s->srctab) : 0;
	return rc;
}

int ns_segr_source(struct ns_segr *s, uint32_t i, struct ns_str *name)
{
	uint32_t n;
	const uint8_t *offs;
	int rc = ns_segr_n_sources(s, &n);

	if (rc != NS_OK)
		return rc;
	if (i >= n)
		return NS_CORRUPT();
	offs = s->srctab + 8;
	name->p = (const char *)offs + 4 * ((size_t)n + 1) + ns_get_u32(offs + 4 * (size_t)i);
	name->len = ns_get_u32(offs + 4 * ((size_t)i + 1)) - ns_get_u32(offs + 4 * (size_t)i);
	return NS_OK;
}
