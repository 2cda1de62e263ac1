/* SPDX-License-Identifier: MIT */
/* segwriter.h -- write one immutable segment (.nsp + .nsd, see format.h).
 *
 * Documents are added first, in docid order (the postings' bounds use their
 * lengths, format.h); then postings are added term by term in strictly
 * increasing byte order of terms, each term's documents in increasing docid
 * order.  Nothing is visible under the final names until ns_segw_finish()
 * succeeds; the MANIFEST that publishes the segment is written separately
 * (manifest.h).  The writer's parts: segpost_write.c, segdict_write.c,
 * segdocs_write.c, around segwriter.c (their shared state: segw_int.h).
 */
#ifndef NS_SEGWRITER_H
#define NS_SEGWRITER_H

#include <stddef.h>
#include <stdint.h>

#include "segreader.h"	/* struct ns_doc */

struct ns_segw;

/* What is stored of a document besides its text.  Strings are borrowed for
 * the duration of the call; NULL reads as "". */
struct ns_doc_meta {
	const char *id;
	const char *title;
	const char *date;	/* as written in the source */
	int64_t date_key;	/* seconds since epoch, or NS_DATE_NONE */
	const char *source;
	const char *url;
	const char *path;
};

/* Starts segment seg_id in directory dir.  NS_OK, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_segw_open(const char *dir, uint32_t seg_id, struct ns_segw **out);

/* Adds the next document (docid = number of documents added before):
 * its metadata, its body text (stored zlib-compressed), and its lengths in
 * words (title_len words of title, doc_len words in all). */
int ns_segw_add_doc(struct ns_segw *w, const struct ns_doc_meta *meta, const char *body,
		    size_t body_len, uint32_t title_len, uint32_t doc_len);

/* Sets the lengths of document docid, added with 0 and 0 before they were
 * known (the indexer inverts on two threads): they must be set before the
 * first ns_segw_term_begin().  NS_OK or NS_ERR_USAGE (title_len >
 * doc_len, an unknown docid, postings begun). */
int ns_segw_set_lengths(struct ns_segw *w, uint32_t docid, uint32_t title_len, uint32_t doc_len);

/* Adds the next document from a record read from another segment: the
 * stored fields and the compressed text are copied as they are (a merge
 * neither inflates nor deflates).  d's bytes are borrowed for the call. */
int ns_segw_add_stored(struct ns_segw *w, const struct ns_doc *d, uint32_t title_len,
		       uint32_t doc_len);

/* Postings: begin a term, give each of its documents with the positions
 * (strictly increasing, tf >= 1 of them), end it.  term_len is
 * 1..NS_FMT_MAX_TERM_LEN. */
int ns_segw_term_begin(struct ns_segw *w, const char *term, size_t term_len);
int ns_segw_term_doc(struct ns_segw *w, uint32_t docid, const uint32_t *pos, uint32_t tf);
int ns_segw_term_end(struct ns_segw *w);

/* Lets the segment's stored texts take a raw-content dictionary when that
 * pays (recwriter.h, textdict.h): for writers with some 100 MB of memory
 * to spare.  Call before the first document. */
void ns_segw_allow_raw_dict(struct ns_segw *w);

/* Documents added so far. */
uint32_t ns_segw_n_docs(const struct ns_segw *w);
/* Bytes held per document added (lengths, dates, id hashes, record
 * offsets), for a memory budget. */
uint64_t ns_segw_doc_mem(const struct ns_segw *w);
/* ns_fmt_id_hash of document docid's id (docid < ns_segw_n_docs()). */
uint64_t ns_segw_id_hash(const struct ns_segw *w, uint32_t docid);
/* Sum of doc_len and of title_len over the documents added. */
uint64_t ns_segw_n_tokens(const struct ns_segw *w);
uint64_t ns_segw_n_title_tokens(const struct ns_segw *w);

/* Writes dictionary, norms, tables and trailers, fsyncs and renames both
 * files to their final names, and frees w.  Returns the first error met
 * during the whole write (then nothing is left behind). */
int ns_segw_finish(struct ns_segw *w);

/* Deletes the partial files and frees w; NULL is fine. */
void ns_segw_abort(struct ns_segw *w);

#endif /* NS_SEGWRITER_H */
