/* SPDX-License-Identifier: MIT */
/* readahead.c -- web page files read and parsed ahead (see readahead.h).
 *
 * Each slot of the pool carries a `struct ahead` (its ext): the file it
 * reads and what reading found.  The workers read a file as corpus.c does
 * (the same gzip reader, the same pieces, the same sniffing), so a file
 * that reads cleanly here would have given the caller the same content.
 */
#include "readahead.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"
#include "gzin.h"
#include "kind.h"
#include "pagepool.h"

#define READ_CHUNK (256u * 1024u)	/* as corpus.c reads */

struct ahead {
	const struct ns_source_file *f;	/* announced; NULL when the slot is free */
	uint64_t max;			/* content bytes taken at most */
	uint8_t *zbuf;			/* NS_GZIN_CHUNK bytes for the gzip reader */
	int gzip;
	uint64_t content_len, hash, file_bytes;
};

struct ns_readahead {
	struct ns_pagepool *pool;
	struct ahead slot[NS_PAGEPOOL_SLOTS];
	uint64_t max;
};

int ns_readahead_wanted(const struct ns_source_file *f)
{
	return f->regular && !f->jsonl && ns_kind_by_name(f->path) == NS_KIND_HTML;
}

int ns_readahead_new(uint64_t max_article, uint64_t mem_bytes, struct ns_readahead **out)
{
	struct ns_readahead *ra;
	int rc;

	*out = NULL;
	ra = calloc(1, sizeof(*ra));
	if (!ra)
		return NS_ERR_NOMEM;
	rc = ns_pagepool_new(mem_bytes, &ra->pool);
	if (rc != NS_OK || !ra->pool) {
		free(ra);
		return rc;
	}
	ra->max = max_article < NS_READAHEAD_MAX_PAGE ? max_article : NS_READAHEAD_MAX_PAGE;
	for (size_t i = 0; i < ns_pagepool_slots(ra->pool); i++) {
		ra->slot[i].zbuf = malloc(NS_GZIN_CHUNK);
		if (!ra->slot[i].zbuf) {
			ns_readahead_free(ra);
			return NS_ERR_NOMEM;
		}
		ns_pagepool_slot(ra->pool, i)->ext = &ra->slot[i];
	}
	*out = ra;
	return NS_OK;
}

void ns_readahead_free(struct ns_readahead *ra)
{
	if (!ra)
		return;
	ns_pagepool_free(ra->pool);	/* waits for the files in flight */
	for (size_t i = 0; i < NS_PAGEPOOL_SLOTS; i++)
		free(ra->slot[i].zbuf);
	free(ra);
}

/* On a worker: reads the file whole into job->data as corpus.c would.
 * 1 when it read cleanly (then parsed), 0 when the caller must read it. */
static int load(struct ns_pagejob *job)
{
	struct ahead *a = job->ext;
	struct ns_buf *raw = &job->data;
	struct ns_gzin z;
	struct ns_hash h;
	uint64_t limit = a->f->size;
	int fd, sniffing = 1, ok = 1;

	a->file_bytes = 0;
	fd = open(a->f->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ns_gzin_init(&z, fd, a->zbuf);
	z.counter = &a->file_bytes;
	ns_hash_init(&h);
	for (;;) {
		size_t want = READ_CHUNK;
		long k;
		if (ns_buf_reserve(raw, READ_CHUNK) != NS_OK) {
			ok = 0;
			break;
		}
		if (limit != UINT64_MAX && raw->len + want > limit)
			want = (size_t)(limit - raw->len);
		k = want ? ns_gzin_read(&z, raw->data + raw->len, want) : 0;
		if (k < 0) {
			ok = 0;	/* damaged, unreadable, out of memory */
			break;
		}
		if (z.gzip == 1)
			limit = UINT64_MAX;	/* a limit is for plain content */
		ns_hash_update(&h, raw->data + raw->len, (size_t)k);
		raw->len += (size_t)k;
		if (k == 0)
			break;
		if (sniffing && raw->len >= NS_KIND_SNIFF_BYTES) {
			sniffing = 0;
			if (ns_kind_sniff(NS_KIND_HTML, raw->data, raw->len) != NS_KIND_HTML) {
				ok = 0;
				break;
			}
		}
		if (raw->len > a->max) {
			ok = 0;	/* cut to the limit, or too big to hold here */
			break;
		}
	}
	if (ok && sniffing && ns_kind_sniff(NS_KIND_HTML, raw->data ? raw->data : (const uint8_t *)"",
					    raw->len) != NS_KIND_HTML)
		ok = 0;
	a->gzip = z.gzip == 1;
	a->content_len = raw->len;
	a->hash = ns_hash_value(&h);
	ns_gzin_release(&z);
	close(fd);
	return ok;
}

int ns_readahead_announce(struct ns_readahead *ra, const struct ns_source_file *f)
{
	struct ns_pagejob *j = ns_pagepool_free_job(ra->pool);
	struct ahead *a;

	if (!j)
		return 0;
	a = j->ext;
	a->f = f;
	a->max = ra->max;
	j->parse = 1;
	j->load = load;
	ns_pagepool_submit(ra->pool, j);
	return 1;
}

int ns_readahead_take(struct ns_readahead *ra, const struct ns_source_file *f,
		      struct ns_readahead_file *got)
{
	struct ns_pagejob *j;
	size_t n = ns_pagepool_in_flight(ra->pool), k;

	/* is f in flight at all?  (announced in order: after the head) */
	for (k = 0; k < n; k++) {
		const struct ahead *a = &ra->slot[(ns_pagepool_oldest_slot(ra->pool) + k) %
						  ns_pagepool_slots(ra->pool)];
		if (a->f == f)
			break;
	}
	if (k == n)
		return 0;
	while (k-- > 0) {	/* announced, never asked for */
		ns_pagepool_oldest(ra->pool, 1);
		ns_pagepool_done(ra->pool);
	}
	j = ns_pagepool_oldest(ra->pool, 1);
	if (!j->parse) {
		ns_pagepool_done(ra->pool);
		return 0;	/* the caller reads it, and reports what it finds */
	}
	memset(got, 0, sizeof(*got));
	got->page = &j->page;
	got->rc = j->rc;
	got->gzip = ((struct ahead *)j->ext)->gzip;
	got->content_len = ((struct ahead *)j->ext)->content_len;
	got->hash = ((struct ahead *)j->ext)->hash;
	got->file_bytes = ((struct ahead *)j->ext)->file_bytes;
	return 1;
}

void ns_readahead_done(struct ns_readahead *ra)
{
	ns_pagepool_done(ra->pool);
}
