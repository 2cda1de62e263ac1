/* SPDX-License-Identifier: MIT */
/* textdict.c -- a raw-content dictionary for the stored texts (see
 * textdict.h).
 *
 * Measured on the first 50,000 articles of the 1M synthetic archive
 * (bodies cut into 32 KB groups, level 3): no dictionary 0.435 of the
 * text, a 64 KB trained one 0.387, a 1 MB trained one 0.329, a 16 MB raw
 * one with level 3's own tables 0.300 (its 2^17-entry tables find few of
 * the dictionary's matches) and with 2^22-entry tables 0.119 (dictionary
 * not counted).  Copying tables that size into the context for every
 * 32 KB frame cost ten times the compression time, so the frame reads the
 * dictionary's tables in place (zstd's "attach" mode).
 */
#include "textdict.h"

#include <stdlib.h>
#include <string.h>

#include "format.h"

#define RAW_TABLE_LOG 22	/* hash and chain table entries: 2^22 each */
#define RAW_WINDOW_LOG 24	/* matches reach back over the whole dictionary */

ZSTD_CDict *ns_textdict_raw_cdict(const uint8_t *dict, size_t len, int level)
{
	ZSTD_compressionParameters cp = ZSTD_getCParams(level, NS_FMT_TEXT_GROUP, len);

	cp.hashLog = RAW_TABLE_LOG;
	cp.chainLog = RAW_TABLE_LOG;
	if (cp.windowLog < RAW_WINDOW_LOG)
		cp.windowLog = RAW_WINDOW_LOG;
	return ZSTD_createCDict_advanced(dict, len, ZSTD_dlm_byRef, ZSTD_dct_rawContent, cp,
					 ZSTD_defaultCMem);
}

size_t ns_textdict_compress(ZSTD_CCtx *zc, const ZSTD_CDict *cd, void *dst, size_t cap,
			    const void *src, size_t n)
{
	size_t rc;

	ZSTD_CCtx_reset(zc, ZSTD_reset_session_and_parameters);
	rc = ZSTD_CCtx_refCDict(zc, cd);
	if (!ZSTD_isError(rc))
		rc = ZSTD_CCtx_setParameter(zc, ZSTD_c_forceAttachDict, ZSTD_dictForceAttach);
	if (!ZSTD_isError(rc))
		rc = ZSTD_compress2(zc, dst, cap, src, n);
	return rc;
}

/* Bytes of probe[0..n) compressed in NS_FMT_TEXT_GROUP pieces, with the raw
 * dictionary raw (or, raw NULL, the trained one, or none); 0 on an error. */
static size_t probe_size(ZSTD_CCtx *zc, const ZSTD_CDict *raw, const ZSTD_CDict *trained,
			 int level, const uint8_t *probe, size_t n, uint8_t *z, size_t cap)
{
	size_t total = 0;

	for (size_t o = 0; o < n; o += NS_FMT_TEXT_GROUP) {
		size_t k = n - o < NS_FMT_TEXT_GROUP ? n - o : NS_FMT_TEXT_GROUP, got;
		if (raw)
			got = ns_textdict_compress(zc, raw, z, cap, probe + o, k);
		else if (trained)
			got = ZSTD_compress_usingCDict(zc, z, cap, probe + o, k, trained);
		else
			got = ZSTD_compressCCtx(zc, z, cap, probe + o, k, level);
		if (ZSTD_isError(got))
			return 0;
		total += got;
	}
	return total;
}

int ns_textdict_raw_pays(const uint8_t *text, size_t len, const void *trained,
			 size_t trained_len, int level)
{
	static const uint8_t magic[4] = { 0x37, 0xa4, 0x30, 0xec };	/* ZSTD_MAGIC_DICTIONARY */
	size_t cap = ZSTD_compressBound(NS_FMT_TEXT_GROUP), z_raw = 0, z_trained = 0;
	ZSTD_CCtx *zc = ZSTD_createCCtx();
	ZSTD_CDict *cd_raw = NULL, *cd_trained = NULL;
	uint8_t *z = malloc(cap);
	const uint8_t *probe = text + NS_TEXTDICT_LEN;

	if (len < NS_TEXTDICT_SAMPLE || memcmp(text, magic, 4) == 0 || !zc || !z)
		goto out;
	cd_raw = ns_textdict_raw_cdict(text, NS_TEXTDICT_LEN, level);
	if (trained_len)
		cd_trained = ZSTD_createCDict(trained, trained_len, level);
	if (!cd_raw || (trained_len && !cd_trained))
		goto out;
	z_raw = probe_size(zc, cd_raw, NULL, level, probe, NS_TEXTDICT_PROBE, z, cap);
	ZSTD_CCtx_reset(zc, ZSTD_reset_session_and_parameters);
	z_trained = probe_size(zc, NULL, cd_trained, level, probe, NS_TEXTDICT_PROBE, z, cap);
out:
	ZSTD_freeCDict(cd_raw);
	ZSTD_freeCDict(cd_trained);
	ZSTD_freeCCtx(zc);
	free(z);
	return z_raw && z_trained && 3 * z_raw <= 2 * z_trained;
}
