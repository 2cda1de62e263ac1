/* SPDX-License-Identifier: MIT */
/* segreader.c -- open one segment (layout in format.h): check its headers,
 * trailers and term index, map its deletion file; its counts.
 *
 * Checks are lazy where the data is large: opening a segment verifies only
 * the trailers and the term index; a dictionary block, a norms or doc-table
 * chunk, or a postings list is CRC-checked the first time it is used (by
 * segdict_read.c, segdocs_read.c, segpost_read.c).  So a query touching
 * three terms pays for three terms, not for the whole index.  What was
 * verified is remembered for as long as the segment is open, so a
 * long-lived reader (nsearch --bench, a server) checks each part once.
 */
#include "segreader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "deletes.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "segr_int.h"

static int in_file(uint64_t off, uint64_t len, uint64_t file_len)
{
	return off <= file_len && len <= file_len - off;
}

static uint64_t chunked_len(uint32_t n, uint32_t per_chunk, uint32_t entry_len)
{
	uint64_t chunks = ((uint64_t)n + per_chunk - 1) / per_chunk;
	return chunks * 4 + (uint64_t)n * entry_len;
}

static int open_nsp(struct ns_segr *s)
{
	const uint8_t *d = s->nsp.data, *t;
	uint64_t len = s->nsp.len, off[8];
	uint32_t tindex_crc;
	int rc = ns_fmt_check_header(d, len, NS_FMT_MAGIC_POSTINGS);

	if (rc != NS_OK)
		return rc;
	if (len < NS_FMT_HEADER_LEN + NS_FMT_NSP_TRAILER)
		return NS_CORRUPT();
	t = d + len - NS_FMT_NSP_TRAILER;
	if (memcmp(t + NS_FMT_NSP_T_MAGIC, NS_FMT_MAGIC_POSTINGS, 4) != 0 ||
	    ns_crc32(t, NS_FMT_NSP_T_CRC) != ns_get_u32(t + NS_FMT_NSP_T_CRC))
		return NS_CORRUPT();
	for (int i = 0; i < 8; i++)
		off[i] = ns_get_u64(t + NS_FMT_NSP_T_SECTIONS + 8 * i);
	for (int i = 0; i < 8; i += 2)
		if (!in_file(off[i], off[i + 1], len - NS_FMT_NSP_TRAILER))
			return NS_CORRUPT();
	if (ns_get_u32(t + NS_FMT_NSP_T_N_DOCS) != s->n_docs)
		return NS_CORRUPT();
	s->n_terms = ns_get_u32(t + NS_FMT_NSP_T_N_TERMS);
	s->n_tokens = ns_get_u64(t + NS_FMT_NSP_T_N_TOKENS);
	tindex_crc = ns_get_u32(t + NS_FMT_NSP_T_TINDEX_CRC);

	s->postings = d + off[0];
	s->postings_len = off[1];
	s->terms = d + off[2];
	s->terms_len = off[3];
	s->norms = d + off[6];
	s->norms_len = off[7];
	if (s->norms_len != chunked_len(s->n_docs, NS_FMT_NORM_CHUNK, NS_FMT_NORM_ENTRY_LEN))
		return NS_CORRUPT();

	/* The term index is small and read by every lookup: check it whole. */
	if (off[5] < 4 || ns_crc32(d + off[4], off[5]) != tindex_crc)
		return NS_CORRUPT();
	s->n_tblocks = ns_get_u32(d + off[4]);
	if (s->n_tblocks > (off[5] - 4) / NS_FMT_TINDEX_REC_LEN ||
	    (uint64_t)s->n_tblocks * NS_FMT_TERMS_PER_BLOCK < s->n_terms ||
	    (s->n_terms > 0 && s->n_tblocks == 0))
		return NS_CORRUPT();
	s->tindex = d + off[4] + 4;
	s->tstrings = s->tindex + (uint64_t)s->n_tblocks * NS_FMT_TINDEX_REC_LEN;
	s->tstrings_len = off[5] - 4 - (uint64_t)s->n_tblocks * NS_FMT_TINDEX_REC_LEN;
	for (uint32_t b = 0; b < s->n_tblocks; b++) {
		const uint8_t *r = ns_segr_tindex_rec(s, b);
		uint32_t soff = ns_get_u32(r + NS_FMT_TINDEX_FIRST_OFF);
		if (ns_get_u32(r + NS_FMT_TINDEX_BLOCK_OFF) >= s->terms_len || soff >= s->tstrings_len ||
		    s->tstrings[soff] == 0 || s->tstrings[soff] > s->tstrings_len - soff - 1 ||
		    ns_get_u64(r + NS_FMT_TINDEX_POSTINGS_OFF) < off[0] ||
		    ns_get_u64(r + NS_FMT_TINDEX_POSTINGS_OFF) > off[0] + off[1])
			return NS_CORRUPT();
	}
	return NS_OK;
}

static int open_nsd(struct ns_segr *s)
{
	const uint8_t *d = s->nsd.data, *t;
	uint64_t len = s->nsd.len, off[4], ids_len, col_len;
	int rc = ns_fmt_check_header(d, len, NS_FMT_MAGIC_DOCS);

	if (rc != NS_OK)
		return rc;
	if (len < NS_FMT_HEADER_LEN + NS_FMT_NSD_TRAILER)
		return NS_CORRUPT();
	t = d + len - NS_FMT_NSD_TRAILER;
	if (memcmp(t + NS_FMT_NSD_T_MAGIC, NS_FMT_MAGIC_DOCS, 4) != 0 ||
	    ns_crc32(t, NS_FMT_NSD_T_CRC) != ns_get_u32(t + NS_FMT_NSD_T_CRC))
		return NS_CORRUPT();
	for (int i = 0; i < 4; i++)
		off[i] = ns_get_u64(t + NS_FMT_NSD_T_SECTIONS + 8 * i);
	for (int i = 0; i < 4; i += 2)
		if (!in_file(off[i], off[i + 1], len - NS_FMT_NSD_TRAILER))
			return NS_CORRUPT();
	if (ns_get_u32(t + NS_FMT_NSD_T_N_DOCS) != s->n_docs)
		return NS_CORRUPT();
	s->records = d + off[0];
	s->records_len = off[1];
	s->doctab = d + off[2];
	s->doctab_len = chunked_len(s->n_docs, NS_FMT_DOC_CHUNK, NS_FMT_DOC_ENTRY_LEN);
	ids_len = chunked_len(s->n_docs, NS_FMT_ID_CHUNK, NS_FMT_ID_ENTRY_LEN);
	col_len = chunked_len(s->n_docs, NS_FMT_COL_CHUNK, NS_FMT_COL_ENTRY_LEN);
	/* the columns end the section: the source table's length is checked
	 * when it is first used (segcols_read.c) */
	if (off[3] < s->doctab_len + ids_len + 2 * col_len + 8)
		return NS_CORRUPT();
	s->ids = s->doctab + s->doctab_len;
	s->cols[NS_COL_DAY] = s->ids + ids_len;
	s->cols[NS_COL_SOURCE] = s->cols[NS_COL_DAY] + col_len;
	s->srctab = s->cols[NS_COL_SOURCE] + col_len;
	s->srctab_len = off[3] - (s->doctab_len + ids_len + 2 * col_len);
	return NS_OK;
}

/* The flags of what has been checked, all clear. */
static int new_checks(struct ns_segr *s)
{
	s->tblock_ok = calloc(s->n_tblocks + 1, 1);
	s->norm_ok = calloc(s->n_docs / NS_FMT_NORM_CHUNK + 1, 1);
	s->doc_ok = calloc(s->n_docs / NS_FMT_DOC_CHUNK + 1, 1);
	s->id_ok = calloc(s->n_docs / NS_FMT_ID_CHUNK + 1, 1);
	s->col_ok[0] = calloc(s->n_docs / NS_FMT_COL_CHUNK + 1, 1);
	s->col_ok[1] = calloc(s->n_docs / NS_FMT_COL_CHUNK + 1, 1);
	s->srctab_ok = 0;
	return s->tblock_ok && s->norm_ok && s->doc_ok && s->id_ok && s->col_ok[0] && s->col_ok[1]
	       ? NS_OK : NS_ERR_NOMEM;
}

int ns_segr_open(const char *dir, const struct ns_seginfo *info, struct ns_segr **out,
		 char *msg, size_t msglen)
{
	struct ns_segr *s;
	char name[32], *path = NULL;
	int rc;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NS_ERR_NOMEM;
	s->n_docs = info->n_docs;

	ns_fmt_segment_name(name, info->id, "nsp");
	path = ns_path_join(dir, name);
	rc = path ? ns_map_file(path, &s->nsp) : NS_ERR_NOMEM;
	if (rc == NS_OK) {
		rc = open_nsp(s);
		if (rc == NS_OK && s->n_tokens != info->n_tokens)
			rc = NS_CORRUPT();
	}
	if (rc != NS_OK)
		goto fail;
	free(path);
	ns_fmt_segment_name(name, info->id, "nsd");
	path = ns_path_join(dir, name);
	rc = path ? ns_map_file(path, &s->nsd) : NS_ERR_NOMEM;
	if (rc == NS_OK)
		rc = open_nsd(s);
	if (rc != NS_OK)
		goto fail;
	rc = new_checks(s);
	if (rc != NS_OK)
		goto fail;
	if (info->del_gen != 0) {
		char dname[48];
		free(path);
		ns_fmt_deletes_name(dname, info->id, info->del_gen);
		path = ns_path_join(dir, dname);
		rc = path ? ns_map_file(path, &s->del) : NS_ERR_NOMEM;
		if (rc == NS_OK)
			rc = ns_del_parse(s->del.data, s->del.len, info->id, info->n_docs,
					  info->n_deleted, info->del_crc, &s->del_bits);
		if (rc != NS_OK)
			goto fail;
		s->n_deleted = info->n_deleted;
	} else if (info->n_deleted != 0) {
		rc = NS_CORRUPT();
		goto fail;
	}
	free(path);
	*out = s;
	return NS_OK;

fail:
	if (rc == NS_ERR_NOTFOUND)
		ns_msgf(msg, msglen, "%s: segment file missing", path ? path : name);
	else if (rc == NS_ERR_IO)
		ns_msgf(msg, msglen, "%s: %s", path ? path : name, strerror(errno));
	else
		ns_msgf(msg, msglen, "%s: %s", path ? path : name, ns_strerror(rc));
	free(path);
	ns_segr_close(s);
	return rc;
}

int ns_segr_twin(const struct ns_segr *of, struct ns_segr **out)
{
	struct ns_segr *s = malloc(sizeof(*s));
	int rc;

	*out = NULL;
	if (!s)
		return NS_ERR_NOMEM;
	*s = *of;	/* the maps and where each section is in them */
	s->twin = 1;
	/* its own state: nothing checked, no text read */
	s->tdict_read = 0;
	s->tdict = NULL;
	s->tz = NULL;
	s->tg = NULL;
	s->traw = NULL;
	s->traw_cap = 0;
	s->seen = NULL;
	s->seen_mask = 0;
	s->seen_n = 0;
	rc = new_checks(s);
	if (rc != NS_OK) {
		ns_segr_close(s);
		return rc;
	}
	*out = s;
	return NS_OK;
}

void ns_segr_close(struct ns_segr *s)
{
	if (!s)
		return;
	ZSTD_freeDCtx(s->tz);
	ZSTD_freeDDict(s->tdict);	/* it reads the mapping in place */
	if (!s->twin) {
		ns_unmap_file(&s->nsp);
		ns_unmap_file(&s->nsd);
		ns_unmap_file(&s->del);
	}
	free(s->tblock_ok);
	free(s->norm_ok);
	free(s->doc_ok);
	free(s->id_ok);
	free(s->col_ok[0]);
	free(s->col_ok[1]);
	ns_segr_span_release(s);
	free(s->traw);
	free(s);
}

uint32_t ns_segr_text_dict_len(const struct ns_segr *s)
{
	return s->records_len >= NS_FMT_DICT_HEAD ? ns_get_u32(s->records + NS_FMT_DICT_LEN) : 0;
}

uint32_t ns_segr_n_docs(const struct ns_segr *s)
{
	return s->n_docs;
}

uint32_t ns_segr_n_terms(const struct ns_segr *s)
{
	return s->n_terms;
}

uint64_t ns_segr_n_tokens(const struct ns_segr *s)
{
	return s->n_tokens;
}

uint32_t ns_segr_n_deleted(const struct ns_segr *s)
{
	return s->n_deleted;
}

const uint8_t *ns_segr_deleted(const struct ns_segr *s)
{
	return s->del_bits;
}

int ns_segr_is_deleted(const struct ns_segr *s, uint32_t docid)
{
	return s->del_bits && docid < s->n_docs && ns_del_test(s->del_bits, docid);
}

void ns_segr_set_deleted(struct ns_segr *s, const uint8_t *bits)
{
	s->del_bits = bits;
	s->n_deleted = bits ? ns_del_count(bits, s->n_docs) : 0;
}

void ns_segr_sizes(const struct ns_segr *s, uint64_t *nsp_bytes, uint64_t *nsd_bytes,
		   uint64_t *postings_bytes, uint64_t *dict_bytes)
{
	*nsp_bytes = s->nsp.len;
	*nsd_bytes = s->nsd.len;
	*postings_bytes = s->postings_len;
	*dict_bytes = s->terms_len;
}
