/* SPDX-License-Identifier: MIT */
/* segdocs.h -- a segment's documents: norms, dates, records, stored text
 * and the id index (segdocs_read.c; written by segdocs_write.c).
 *
 * Each norms, doc-table and id-index chunk is CRC-checked the first time
 * it is used, each record and text group every time it is read.  Strings
 * point into the mapped files and are valid until ns_segr_close().
 */
#ifndef NS_SEGDOCS_H
#define NS_SEGDOCS_H

#include <stddef.h>
#include <stdint.h>

struct ns_segr;

/* Word counts of a document: in the title, and in title + body. */
int ns_segr_norms(struct ns_segr *s, uint32_t docid, uint32_t *title_len, uint32_t *doc_len);

/* Date of a document (seconds since epoch) or NS_DATE_NONE. */
int ns_segr_date(struct ns_segr *s, uint32_t docid, int64_t *date_key);

/* A string inside the mapped files: not NUL-terminated. */
struct ns_str {
	const char *p;
	size_t len;
};

struct ns_doc {
	struct ns_str id, title, date, source, url, path;
	int64_t date_key;	/* NS_DATE_NONE when unknown */
	uint64_t text_len;	/* bytes of the body */
	struct ns_segr *seg;	/* for ns_doc_text(): */
	const uint8_t *group;	/* the body's text group (format.h) */
	uint64_t text_off;	/* where it starts in the group's bytes */
};

/* Reads document docid's record (CRC-checked; its text group is checked
 * by ns_doc_text()). */
int ns_segr_doc(struct ns_segr *s, uint32_t docid, struct ns_doc *d);

/* Id index: calls fn(ctx, docid) for each document whose id is id[0..len)
 * (deleted ones included, in docid order) until fn returns non-zero (that
 * value is returned); NS_OK; NS_ERR_CORRUPT. */
typedef int (*ns_id_fn)(void *ctx, uint32_t docid);
int ns_segr_find_id(struct ns_segr *s, const char *id, size_t len, ns_id_fn fn, void *ctx);

/* Entry i (0..n_docs-1) of the id index, for checks. */
int ns_segr_id_entry(struct ns_segr *s, uint32_t i, uint64_t *hash, uint32_t *docid);

/* Inflates a document's body into a malloc'd NUL-terminated buffer.  The
 * segment keeps the group last inflated (and where its inflation stopped),
 * so reading the texts of one group's documents inflates it once.  The
 * group is checked before (its CRC) and after (its raw text's CRC, which
 * also covers what the frame took from the text dictionary). */
int ns_doc_text(const struct ns_doc *d, char **text, size_t *len);

/* The whole text dictionary's CRC (format.h .nsd dict), which reading
 * texts does not check (--check does): NS_OK or NS_ERR_CORRUPT. */
int ns_segr_check_text_dict(const struct ns_segr *s);

#endif /* NS_SEGDOCS_H */
