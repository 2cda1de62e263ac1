/* SPDX-License-Identifier: MIT */
/* index.h -- an open index: its MANIFEST, its segments, global statistics.
 *
 * Statistics for ranking (document count, average length, document
 * frequencies) are global over all segments and count live documents only
 * (format.h, I7), so a query scores exactly the same whether the index is
 * one segment built fresh or many segments with deletions.
 *
 * Deleted documents keep their docids: global docids run over every
 * document of every segment (n_docids of them), while n_docs counts the
 * live ones, the N of BM25.
 */
#ifndef NS_INDEX_H
#define NS_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analyze.h"
#include "manifest.h"
#include "segreader.h"

struct ns_index {
	char *dir;
	struct ns_manifest m;
	struct ns_segr **segs;	/* m.n_segs open segments */
	uint64_t *base;		/* global docid of each segment's docid 0 */
	uint64_t n_docs;	/* live documents in all segments */
	uint64_t n_tokens;	/* words in the live documents */
	double avg_doc_len;	/* n_tokens / n_docs (1 when empty) */
	struct ns_analyzer *an;	/* the index's language */
	uint64_t n_docids;	/* documents in all segments, deleted included:
				 * global docids are 0..n_docids-1 */
	uint64_t n_deleted;	/* n_docids - n_docs */
	uint32_t **deleted;	/* per segment: its deleted docids, increasing
				 * (NULL when none) */
	uint64_t n_df_probes;	/* statistics work: cursor moves spent on
				 * deletion-adjusted dfs (for tests) */
	struct ns_piece *pieces;	/* several indexes opened as one
					 * (pieces.h); NULL for one index */
	uint32_t n_pieces;
	char *id_buf;		/* pieces.c: a clashing id with its prefix */
	size_t id_buf_cap;
	struct ns_formdict *forms;	/* word forms, opened on first use
					 * (formdict.h), or NULL */
};

/* Opens the index in dir.  NS_OK; NS_ERR_NOTFOUND when dir holds no index;
 * NS_ERR_CORRUPT / VERSION / IO / NOMEM, with a message naming the file in
 * msg. */
int ns_idx_open(const char *dir, struct ns_index **out, char *msg, size_t msglen);
void ns_idx_close(struct ns_index *idx);

/* Sets base, n_docids, n_deleted, n_docs, n_tokens and avg_doc_len from
 * m.segs (their live documents, I7).  For ns_idx_open() and pieces.c. */
void ns_index_sum_stats(struct ns_index *idx);

/* A term's document frequency over the live documents of all segments:
 * the dictionary's df minus the deleted documents that contain the term,
 * found by moving a cursor to each deleted docid when a segment has few
 * deletions for the term's df, else by walking the term's postings.
 * NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_index_df(struct ns_index *idx, const char *term, size_t len, uint64_t *df);

/* Writes "key=value" lines about the index's updates for --stats:
 * generation, built (UTC, ISO 8601), segments, deleted documents. */
void ns_index_print_update_stats(const struct ns_index *idx, FILE *out);

/* Segment and local docid of a global docid. */
void ns_index_locate(const struct ns_index *idx, uint64_t docid, uint32_t *seg, uint32_t *local);

#endif /* NS_INDEX_H */
