/* SPDX-License-Identifier: MIT */
/* pagepool.h -- web pages parsed on worker threads, handed back in order.
 *
 * Parsing and extracting a page (html.h) costs several times what indexing
 * its text does, so a WARC's records are parsed on worker threads while
 * the caller goes on reading the stream.  The caller fills jobs in order
 * and takes them back in the same order, each with its page parsed: the
 * articles, their ids and the index are those of a run on one thread.
 *
 * Memory is bounded and counted against the caller's budget (nindex
 * --memory): a pool given mem_bytes keeps at most mem_bytes /
 * NS_PAGEPOOL_JOB_BYTES jobs in flight (NS_PAGEPOOL_SLOTS at most), each
 * holding a page of at most NS_PAGEPOOL_MAX_PAGE bytes (larger pages are
 * parsed by the caller, after the jobs before them), and uses no pool when
 * fewer than two fit.
 *
 * A job may also have its page loaded on the worker (job->load: a web
 * page file read ahead, readahead.h) before it is parsed.
 *
 * No pool (ns_pagepool_new() gives NULL, and the caller parses pages
 * itself) on one core, when the fault hooks of fileio.h are armed (their
 * tests and the out-of-memory suite need one order of events), or when the
 * environment says NS_PAGE_WORKERS=0 (tests compare the two ways).
 */
#ifndef NS_PAGEPOOL_H
#define NS_PAGEPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "html.h"

#define NS_PAGEPOOL_SLOTS 6
#define NS_PAGEPOOL_MAX_PAGE (1u << 20)
/* What one job in flight may cost: a page read ahead (2 MB at most,
 * readahead.h), its parse tree while a worker holds it (libxml2's tree is
 * a few times the page; html.c frees it before the job comes back) and
 * the article extracted from it. */
#define NS_PAGEPOOL_JOB_BYTES (4u << 20)
#define NS_PAGEPOOL_MIN_SLOTS 2	/* one parsing while the caller indexes */

/* One page to parse, or a note kept in its place in the order. */
struct ns_pagejob {
	/* filled by the caller */
	int parse;		/* 1: a page to parse; 0: a note (nothing to do) */
	struct ns_buf data;	/* the page */
	struct ns_buf encoding;	/* charset from outside the page, or empty */
	struct ns_buf url;	/* where the page came from, or empty */
	struct ns_buf date;	/* the caller's own (a record's date) */
	struct ns_buf what;	/* a note's text */
	uint64_t off;		/* the caller's own (a record's offset) */
	/* run on the worker first, when set: fills data; returns 1 to parse
	 * it, 0 not (parse is then left as it was set) */
	int (*load)(struct ns_pagejob *job);
	void *ext;		/* the caller's own, per slot: set once (ns_pagepool_slot()) */
	/* filled by the worker */
	struct ns_page page;
	int rc;			/* ns_html_read()'s value */
};

struct ns_pagepool;

/* The jobs a pool given mem_bytes keeps in flight: 0 (no pool) when fewer
 * than NS_PAGEPOOL_MIN_SLOTS fit, else at most NS_PAGEPOOL_SLOTS. */
size_t ns_pagepool_slots_for(uint64_t mem_bytes);

/* The most a pool given mem_bytes holds: the slots times
 * NS_PAGEPOOL_JOB_BYTES, 0 when it would be no pool. */
uint64_t ns_pagepool_bytes(uint64_t mem_bytes);

/* A pool with its workers and ns_pagepool_slots_for(mem_bytes) slots, or
 * *out = NULL when pages are best parsed by the caller (see above).
 * NS_OK, or NS_ERR_NOMEM. */
int ns_pagepool_new(uint64_t mem_bytes, struct ns_pagepool **out);
/* The pool's number of slots. */
size_t ns_pagepool_slots(const struct ns_pagepool *pp);
/* Slot i's job (i < ns_pagepool_slots()), to set its ext once. */
struct ns_pagejob *ns_pagepool_slot(struct ns_pagepool *pp, size_t i);
/* Stops the workers (waiting for the jobs in flight) and frees. */
void ns_pagepool_free(struct ns_pagepool *pp);

/* The next job to fill (emptied), or NULL when every slot is in flight
 * (take the oldest back first). */
struct ns_pagejob *ns_pagepool_free_job(struct ns_pagepool *pp);
/* Hands the job just filled to the workers (a note is done at once). */
void ns_pagepool_submit(struct ns_pagepool *pp, struct ns_pagejob *job);
/* Jobs handed in and not yet taken back: those of slots oldest_slot(),
 * oldest_slot() + 1, ... (modulo ns_pagepool_slots()). */
size_t ns_pagepool_in_flight(const struct ns_pagepool *pp);
size_t ns_pagepool_oldest_slot(const struct ns_pagepool *pp);
/* The oldest job in flight once it is done: waits for it when wait is
 * set, else NULL when it is not done yet; NULL when none is in flight.
 * The job stays the caller's until ns_pagepool_done(). */
struct ns_pagejob *ns_pagepool_oldest(struct ns_pagepool *pp, int wait);
/* The oldest job, taken back: its slot is free again. */
void ns_pagepool_done(struct ns_pagepool *pp);

#endif /* NS_PAGEPOOL_H */
