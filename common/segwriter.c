/* SPDX-License-Identifier: MIT */
/* segwriter.c -- write one segment: open both files, write the .nsp's
 * trailer, commit or abort.  Its parts: segpost_write.c (postings),
 * segdict_write.c (dictionary), segdocs_write.c (documents, norms, the
 * .nsd's tables and trailer).
 *
 * Both files are written front to back in one pass, so memory stays bounded
 * by one term's doc part plus one block's positions: a term's positions go
 * straight to the file block by block (pos_part first, see format.h), while
 * its doc blocks, which are small, wait in memory until the skip table in
 * front of them is known.  The documents' texts and records go through the
 * record writer (recwriter.h), which compresses them on another core.
 */
#include "segwriter.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "recwriter.h"
#include "segw_int.h"

int ns_segw_open(const char *dir, uint32_t seg_id, struct ns_segw **out)
{
	struct ns_segw *w;
	char name[32];
	char *path;
	int rc;
	uint8_t hdr[NS_FMT_HEADER_LEN];

	*out = NULL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return NS_ERR_NOMEM;
	w->nsp.fd = w->nsd.fd = -1;
	w->dir = strdup(dir);
	if (!w->dir) {
		free(w);
		return NS_ERR_NOMEM;
	}
	ns_diskarr_init(&w->norms_tab, w->dir, 2 * sizeof(uint32_t));
	ns_diskarr_init(&w->docs_tab, w->dir, sizeof(struct doc_entry));
	ns_diskarr_init(&w->ids_tab, w->dir, sizeof(struct id_entry));
	ns_fmt_segment_name(name, seg_id, "nsp");
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&w->nsp, path) : NS_ERR_NOMEM;
	free(path);
	if (rc != NS_OK)
		goto fail;
	ns_fmt_segment_name(name, seg_id, "nsd");
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&w->nsd, path) : NS_ERR_NOMEM;
	free(path);
	if (rc != NS_OK)
		goto fail;

	ns_fmt_put_header(hdr, NS_FMT_MAGIC_POSTINGS);
	ns_wfile_write(&w->nsp, hdr, sizeof(hdr));
	ns_fmt_put_header(hdr, NS_FMT_MAGIC_DOCS);
	ns_wfile_write(&w->nsd, hdr, sizeof(hdr));
	rc = ns_recw_new(&w->nsd, w->dir, STORE_ZLEVEL, 1, &w->recw);
	if (rc != NS_OK)
		goto fail;
	*out = w;
	return NS_OK;

fail:
	ns_segw_abort(w);
	return rc;
}

void ns_segw_allow_raw_dict(struct ns_segw *w)
{
	ns_recw_allow_raw_dict(w->recw);
}

uint32_t ns_segw_n_docs(const struct ns_segw *w)
{
	return w->n_docs;
}

uint64_t ns_segw_n_tokens(const struct ns_segw *w)
{
	return w->n_tokens;
}

uint64_t ns_segw_n_title_tokens(const struct ns_segw *w)
{
	return w->n_title_tokens;
}

/* Writes the dictionary, the norms and the trailer after the postings. */
static int finish_postings(struct ns_segw *w)
{
	uint8_t trailer[NS_FMT_NSP_TRAILER], *t = trailer + NS_FMT_NSP_T_SECTIONS;
	uint64_t postings_len = w->nsp.off - NS_FMT_HEADER_LEN;
	uint64_t terms_off = 0, tindex_off = 0, tindex_len = 0, norms_off;
	uint32_t tindex_crc = 0;

	ns_segw_dict_write(w, &terms_off, &tindex_off, &tindex_len, &tindex_crc);
	if (w->err)
		return w->err;
	norms_off = w->nsp.off;
	if (ns_segw_write_norms(w) != NS_OK)
		return w->err;

	ns_put_u64(t, NS_FMT_HEADER_LEN), t += 8;
	ns_put_u64(t, postings_len), t += 8;
	ns_put_u64(t, terms_off), t += 8;
	ns_put_u64(t, w->terms.len), t += 8;
	ns_put_u64(t, tindex_off), t += 8;
	ns_put_u64(t, tindex_len), t += 8;
	ns_put_u64(t, norms_off), t += 8;
	ns_put_u64(t, w->nsp.off - norms_off);
	ns_put_u32(trailer + NS_FMT_NSP_T_N_DOCS, w->n_docs);
	ns_put_u32(trailer + NS_FMT_NSP_T_N_TERMS, w->n_terms);
	ns_put_u64(trailer + NS_FMT_NSP_T_N_TOKENS, w->n_tokens);
	ns_put_u32(trailer + NS_FMT_NSP_T_TINDEX_CRC, tindex_crc);
	ns_put_u32(trailer + NS_FMT_NSP_T_CRC, ns_crc32(trailer, NS_FMT_NSP_T_CRC));
	memcpy(trailer + NS_FMT_NSP_T_MAGIC, NS_FMT_MAGIC_POSTINGS, 4);
	ns_wfile_write(&w->nsp, trailer, sizeof(trailer));
	return w->nsp.err ? ns_segw_fail(w, w->nsp.err) : NS_OK;
}

static void free_segw(struct ns_segw *w)
{
	ns_recw_abort(w->recw);
	ns_diskarr_release(&w->norms_tab);
	ns_diskarr_release(&w->docs_tab);
	ns_diskarr_release(&w->ids_tab);
	free(w->blk_pos);
	free(w->dir);
	ns_buf_release(&w->rec);
	ns_buf_release(&w->group_head);
	ns_segw_sources_release(w);
	ns_buf_release(&w->doc_blocks);
	ns_buf_release(&w->skips);
	ns_buf_release(&w->enc);
	ns_buf_release(&w->terms);
	ns_buf_release(&w->block);
	ns_buf_release(&w->tindex);
	ns_buf_release(&w->tstrings);
	free(w);
}

int ns_segw_finish(struct ns_segw *w)
{
	int rc;

	if (w->in_term)
		ns_segw_fail(w, NS_ERR_USAGE);
	if (!w->err)
		finish_postings(w);
	if (!w->err)
		ns_segw_finish_docs(w);
	if (w->err) {
		rc = w->err;
		ns_segw_abort(w);
		return rc;
	}
	rc = ns_wfile_commit(&w->nsp);
	if (rc == NS_OK)
		rc = ns_wfile_commit(&w->nsd);
	else
		ns_wfile_abort(&w->nsd);
	if (rc == NS_OK)
		rc = ns_fsync_dir(w->dir);
	free_segw(w);
	return rc;
}

void ns_segw_abort(struct ns_segw *w)
{
	if (!w)
		return;
	ns_recw_abort(w->recw);	/* its worker writes to nsd: stop it first */
	w->recw = NULL;
	ns_wfile_abort(&w->nsp);
	ns_wfile_abort(&w->nsd);
	free_segw(w);
}
