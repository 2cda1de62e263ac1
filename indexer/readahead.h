/* SPDX-License-Identifier: MIT */
/* readahead.h -- web page files read and parsed ahead, on worker threads.
 *
 * Parsing a web page (html.h) costs several times what indexing its text
 * does.  The caller announces the files it is about to read, in its order;
 * worker threads (pagepool.h) read each one (gzip inflated, content
 * hashed, sniffed, as corpus.c reads it) and parse it, while the caller
 * indexes the pages before.  When the caller comes to the file it takes
 * the result, in the same order: its articles, ids and index are those of
 * a run on one thread.
 *
 * Only what reads cleanly is taken: a regular file named as a web page
 * (.html, .htm, optionally .gz), read whole, that opened, read without
 * error, does not sniff as binary, and holds at most NS_READAHEAD_MAX_PAGE
 * bytes (and no more than the article size limit).  Anything else, and
 * any problem, the caller reads again itself, so its messages come out as
 * they always do, in order.  Memory: the pool's (pagepool.h), from the
 * budget given.
 *
 * No read-ahead (ns_readahead_new() gives NULL) when pagepool.h would give
 * no pool: one core, fault hooks armed, NS_PAGE_WORKERS=0.
 */
#ifndef NS_READAHEAD_H
#define NS_READAHEAD_H

#include <stddef.h>
#include <stdint.h>

#include "corpus.h"
#include "html.h"

#define NS_READAHEAD_MAX_PAGE (2u << 20)

struct ns_readahead;

/* max_article: the caller's article size limit; mem_bytes: the memory the
 * files in flight may hold (ns_pagepool_bytes(mem_bytes) at most).  *out =
 * NULL when there is no second core to use or too little memory for two
 * files in flight (see above).  NS_OK or NS_ERR_NOMEM. */
int ns_readahead_new(uint64_t max_article, uint64_t mem_bytes, struct ns_readahead **out);
void ns_readahead_free(struct ns_readahead *ra);

/* Whether f may be read ahead (a regular file named as a web page). */
int ns_readahead_wanted(const struct ns_source_file *f);

/* f will be read whole after the files announced before it.  Returns 1
 * when it is on its way, 0 when every slot is in flight (announce it
 * again later).  f must stay valid until it is taken or dropped. */
int ns_readahead_announce(struct ns_readahead *ra, const struct ns_source_file *f);

/* What reading f ahead found. */
struct ns_readahead_file {
	struct ns_page *page;	/* the page, parsed; borrowed until ns_readahead_done() */
	int rc;			/* ns_html_read()'s value */
	int gzip;		/* the content was gzip-compressed */
	uint64_t content_len;	/* content bytes */
	uint64_t hash;		/* ns_fmt_hash of the content */
	uint64_t file_bytes;	/* bytes read from the file */
};

/* f's result, waiting for it: 1 with *got filled (then ns_readahead_done()
 * when done with it), or 0 when f was not announced or did not read
 * cleanly (the caller reads it).  Files announced before f and never
 * asked for are dropped. */
int ns_readahead_take(struct ns_readahead *ra, const struct ns_source_file *f,
		      struct ns_readahead_file *got);
void ns_readahead_done(struct ns_readahead *ra);

#endif /* NS_READAHEAD_H */
