/* SPDX-License-Identifier: MIT */
/* warc.h -- split a WARC stream (ISO 28500) into records, in bounded memory.
 *
 * The reader is pushed the file's content in pieces of any size (already
 * inflated: a .warc.gz is one gzip member per record, which the corpus
 * reader inflates as one stream) and calls on_record for each "response"
 * record whose block fits the size limit, with the record's
 * WARC-Target-URI, WARC-Date and its block (the HTTP response, headers
 * included).  Other records (request, warcinfo, metadata, resource, ...)
 * are skipped without being held.  Memory: one record header (at most
 * NS_WARC_MAX_HEADER bytes) and one kept block (at most max_block bytes).
 *
 * Problems go to on_problem with the content offset of the record:
 * a response larger than the limit (skipped), a header that is not WARC
 * (the rest of the stream is not read: there is no reliable way to find
 * the next record), a truncated last record (ns_warc_finish()).
 */
#ifndef NS_WARC_H
#define NS_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define NS_WARC_MAX_HEADER (64u << 10)

/* A response record.  Strings are NUL-terminated, borrowed for the call.
 * Returns NS_OK to go on, anything else stops the reader (returned by
 * ns_warc_feed). */
typedef int (*ns_warc_record_fn)(void *ctx, const char *uri, const char *date,
				 const uint8_t *block, size_t n);
/* A problem at content offset off; what is a short phrase. */
typedef void (*ns_warc_problem_fn)(void *ctx, uint64_t off, const char *what);

struct ns_warc {
	ns_warc_record_fn on_record;
	ns_warc_problem_fn on_problem;
	void *ctx;
	uint64_t max_block;	/* larger response blocks are skipped */
	int state;		/* see warc.c */
	uint64_t off;		/* content offset of the next byte fed */
	uint64_t rec_off;	/* content offset where the record began */
	uint64_t need;		/* block bytes still to come */
	int keep;		/* the block of this record is kept */
	struct ns_buf head, block, uri, date;
	uint64_t n_records;	/* records seen */
	uint64_t n_responses;	/* response records handed out */
};

void ns_warc_init(struct ns_warc *w, uint64_t max_block, ns_warc_record_fn on_record,
		  ns_warc_problem_fn on_problem, void *ctx);
void ns_warc_release(struct ns_warc *w);

/* Feeds the next n bytes of the stream.  Returns NS_OK, on_record's value
 * when it stopped the reader, or NS_ERR_NOMEM. */
int ns_warc_feed(struct ns_warc *w, const uint8_t *data, size_t n);

/* The stream ended: reports a record left unfinished.  NS_OK. */
int ns_warc_finish(struct ns_warc *w);

#endif /* NS_WARC_H */
