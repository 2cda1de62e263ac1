/* SPDX-License-Identifier: MIT */
/* invert.h -- accumulate postings in memory: term -> documents -> positions.
 *
 * Documents are fed in increasing docid order, one at a time, as (term,
 * position) pairs.  Each term keeps a compact stream of its postings:
 *
 *   stream := (gap:varint tf:varint pos:varint*tf)*
 *     gap = docid - prev - 1 (prev = -1 before the first document of the
 *     stream); positions: the first as is, then each as gap - 1
 *
 * ns_invert_drain() hands the terms out in byte order and empties the
 * inverter, so the indexer can spill a sorted run when memory runs short
 * (runs.h) or feed the segment writer directly.
 */
#ifndef NS_INVERT_H
#define NS_INVERT_H

#include <stddef.h>
#include <stdint.h>

struct ns_invert;

int ns_invert_new(struct ns_invert **out);
void ns_invert_free(struct ns_invert *inv);

/* Starts document docid (greater than any before since the last drain). */
int ns_invert_doc_begin(struct ns_invert *inv, uint32_t docid);
/* One occurrence of term at pos (positions increase within a document). */
int ns_invert_add(struct ns_invert *inv, const char *term, size_t len, uint32_t pos);
/* The same, also giving the term's number: another occurrence can then be
 * added by number, until the epoch changes (the next drain). */
int ns_invert_add_term(struct ns_invert *inv, const char *term, size_t len, uint32_t pos,
		       uint32_t *id);
int ns_invert_add_id(struct ns_invert *inv, uint32_t id, uint32_t pos);
/* Fetches the term numbered (uint32_t)tag into the CPU cache when tag >>
 * 32 is the current epoch (a hint; inv is a struct ns_invert *): the
 * indexer's ns_term_walk_set_tag_ahead() callback, its stem cache tags
 * being epoch << 32 | term number. */
void ns_invert_prefetch_tag(void *inv, uint64_t tag);
/* Changes whenever term numbers are given anew; never 0. */
uint32_t ns_invert_epoch(const struct ns_invert *inv);
/* Ends the document: its occurrences join the terms' streams. */
int ns_invert_doc_end(struct ns_invert *inv);

/* Bytes of memory the inverter holds (an estimate including overheads). */
size_t ns_invert_mem(const struct ns_invert *inv);
/* Distinct terms held. */
uint32_t ns_invert_n_terms(const struct ns_invert *inv);

/* A term and its stream, as ns_invert_sorted() hands them out. */
struct ns_invert_term {
	const char *term;
	size_t len;
	uint32_t df;
	const uint8_t *stream;
	size_t stream_len;
};

/* The terms in byte order: *out is a malloc'd array of *n (free() it),
 * pointing into the inverter until it changes. */
int ns_invert_sorted(struct ns_invert *inv, struct ns_invert_term **out, uint32_t *n);
/* Empties the inverter (as a drain does). */
void ns_invert_clear(struct ns_invert *inv);

/* Calls fn for each term in byte order with its stream; a non-zero return
 * stops and is returned.  Afterwards the inverter is empty (also on error). */
typedef int (*ns_invert_term_fn)(void *ctx, const char *term, size_t len, uint32_t df,
				 const uint8_t *stream, size_t stream_len);
int ns_invert_drain(struct ns_invert *inv, ns_invert_term_fn fn, void *ctx);

/* Reads a stream back.  The positions buffer grows as needed. */
struct ns_stream_reader {
	const uint8_t *p, *end;
	uint32_t prev_plus1;	/* last docid + 1 */
	uint32_t docid;		/* current document */
	uint32_t tf;		/* its number of positions */
	uint32_t *pos;		/* its positions (malloc'd, reused) */
	size_t pos_cap;
};

void ns_stream_reader_init(struct ns_stream_reader *r, const uint8_t *p, size_t len);
/* NS_OK with the next document, NS_DONE at the end, NS_ERR_CORRUPT for a
 * malformed stream (a damaged run file), NS_ERR_NOMEM. */
int ns_stream_reader_next(struct ns_stream_reader *r);
void ns_stream_reader_release(struct ns_stream_reader *r);

#endif /* NS_INVERT_H */
