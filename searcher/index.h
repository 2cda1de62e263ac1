/* SPDX-License-Identifier: MIT */
/* index.h -- an open index: its MANIFEST, its segments, global statistics.
 *
 * Statistics for ranking (document count, average length, document
 * frequencies) are global over all segments, so a query scores the same
 * whether the index has one segment or many.
 */
#ifndef NS_INDEX_H
#define NS_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "manifest.h"
#include "segreader.h"

struct ns_index {
	char *dir;
	struct ns_manifest m;
	struct ns_segr **segs;	/* m.n_segs open segments */
	uint64_t *base;		/* global docid of each segment's docid 0 */
	uint64_t n_docs;	/* documents in all segments */
	uint64_t n_tokens;	/* words in all documents */
	double avg_doc_len;	/* n_tokens / n_docs (1 when empty) */
	struct ns_analyzer *an;	/* the index's language */
};

/* Opens the index in dir.  NS_OK; NS_ERR_NOTFOUND when dir holds no index;
 * NS_ERR_CORRUPT / VERSION / IO / NOMEM, with a message naming the file in
 * msg. */
int ns_index_open(const char *dir, struct ns_index **out, char *msg, size_t msglen);
void ns_index_close(struct ns_index *idx);

/* Sum of a term's document frequency over all segments.  NS_OK or
 * NS_ERR_CORRUPT. */
int ns_index_df(struct ns_index *idx, const char *term, size_t len, uint64_t *df);

/* Segment and local docid of a global docid. */
void ns_index_locate(const struct ns_index *idx, uint64_t docid, uint32_t *seg, uint32_t *local);

#endif /* NS_INDEX_H */
