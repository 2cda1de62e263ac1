/* SPDX-License-Identifier: MIT */
/* web.c -- web pages, feeds and WARC records into articles (see web.h). */
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "error.h"
#include "feed.h"
#include "html.h"
#include "http.h"
#include "kind.h"
#include "pagepool.h"
#include "warc.h"

struct ns_web {
	struct ns_page page;
	struct ns_http http;
	struct ns_warc warc;
	struct ns_buf where;
	const char *path;	/* of the WARC being read */
	ns_article_fn on_article;
	ns_problem_fn on_problem;
	void *ctx;
	uint64_t max_block;
	struct ns_pagepool *pool;	/* WARC records' pages in flight, or NULL */
	int pool_tried;			/* ns_pagepool_new() was called */
	uint64_t workers;		/* ns_web_set_workers(): the pool's budget */
	int err;			/* a record's article stopped the reader */
};

static int ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && strncasecmp(s + n - k, suf, k) == 0;
}

int ns_web_new(struct ns_web **out)
{
	struct ns_web *w = calloc(1, sizeof(*w));

	*out = w;
	if (!w)
		return NS_ERR_NOMEM;
	ns_page_init(&w->page);
	ns_http_init(&w->http);
	ns_warc_init(&w->warc, 0, NULL, NULL, NULL);
	return NS_OK;
}

void ns_web_free(struct ns_web *w)
{
	if (!w)
		return;
	ns_page_release(&w->page);
	ns_http_release(&w->http);
	ns_warc_release(&w->warc);
	ns_buf_release(&w->where);
	ns_pagepool_free(w->pool);
	free(w);
}

void ns_web_set_workers(struct ns_web *w, uint64_t mem_bytes)
{
	w->workers = mem_bytes;
}

/* The page p as an article.  fallback_date: used when the page states
 * none (may be NULL). */
static int page_article(struct ns_page *p, const char *id, const char *path, const char *url,
			const char *fallback_date, ns_article_fn on_article, void *ctx)
{
	struct ns_article a;
	int64_t t;

	if (p->body.len == 0 && p->title.len == 0)
		return NS_OK;
	if (p->date_key == NS_DATE_NONE && fallback_date && *fallback_date &&
	    ns_date_parse(fallback_date, strlen(fallback_date), &t) == 0) {
		ns_buf_reset(&p->date);
		ns_buf_puts(&p->date, fallback_date);
		p->date_key = t;
	}
	if (p->url.len == 0 && url)
		ns_buf_puts(&p->url, url);
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.title = ns_buf_cstr(&p->title);
	a.body = ns_buf_cstr(&p->body);
	a.body_len = p->body.len;
	a.date = ns_buf_cstr(&p->date);
	a.date_key = p->date_key;
	a.source = ns_buf_cstr(&p->source);
	a.url = ns_buf_cstr(&p->url);
	a.path = path;
	a.line = 0;
	if (!a.title || !a.body || !a.date || !a.source || !a.url)
		return NS_ERR_NOMEM;
	return on_article(ctx, &a);
}

int ns_web_page(struct ns_web *w, const char *data, size_t n, const char *id, const char *path,
		ns_article_fn on_article, void *ctx)
{
	int rc = ns_html_read(&w->page, data, n, NULL, NULL);

	if (rc != NS_OK)
		return rc;
	return page_article(&w->page, id, path, NULL, NULL, on_article, ctx);
}

int ns_web_parsed(struct ns_page *p, int rc, const char *id, const char *path,
		  ns_article_fn on_article, void *ctx)
{
	if (rc != NS_OK)
		return rc;
	return page_article(p, id, path, NULL, NULL, on_article, ctx);
}

/* ---- WARC ---- */

/* A problem at content offset off, reported now. */
static void report(struct ns_web *w, uint64_t off, const char *what)
{
	char num[32];

	if (!w->on_problem)
		return;
	ns_buf_reset(&w->where);
	ns_buf_puts(&w->where, w->path);
	snprintf(num, sizeof(num), ":%llu", (unsigned long long)off);
	ns_buf_puts(&w->where, num);
	if (ns_buf_cstr(&w->where))
		w->on_problem(w->ctx, (const char *)w->where.data, what);
}

/* A parsed record's page: its article, or its problem. */
static int record_page(struct ns_web *w, struct ns_page *page, int rc, uint64_t off,
		       const char *uri, const char *date)
{
	if (rc == NS_ERR_INPUT) {
		report(w, off, "response is not an HTML document; skipped");
		return NS_OK;
	}
	if (rc != NS_OK)
		return rc;
	return page_article(page, uri, w->path, uri, date, w->on_article, w->ctx);
}

/* Takes back the oldest job of the pool (waiting for it when wait is
 * set): its problem or its article.  After an error the jobs are only
 * taken back.  Returns NS_DONE when there was none to take. */
static int take_oldest(struct ns_web *w, int wait)
{
	struct ns_pagejob *j = ns_pagepool_oldest(w->pool, wait);
	int rc = NS_OK;

	if (!j)
		return NS_DONE;
	if (w->err == NS_OK) {
		if (!j->parse)
			report(w, j->off, ns_buf_cstr(&j->what) ? (const char *)j->what.data : "");
		else
			rc = record_page(w, &j->page, j->rc, j->off, ns_buf_cstr(&j->url),
					 ns_buf_cstr(&j->date));
		w->err = rc;
	}
	ns_pagepool_done(w->pool);
	return w->err;
}

/* Takes back every job in flight, in order. */
static int drain(struct ns_web *w)
{
	int rc;

	while (w->pool && (rc = take_oldest(w, 1)) != NS_DONE)
		(void)rc;
	return w->err;
}

/* A free job of the pool, taking the oldest back when all are in flight.
 * NULL after an error (w->err). */
static struct ns_pagejob *free_job(struct ns_web *w)
{
	struct ns_pagejob *j;

	while (!(j = ns_pagepool_free_job(w->pool)))
		if (take_oldest(w, 1) != NS_OK && w->err != NS_OK)
			return NULL;
	return w->err == NS_OK ? j : NULL;
}

/* A problem of the record at off: reported in its place among the
 * articles (after those of the records before it still in flight). */
static void warc_problem(void *ctx, uint64_t off, const char *what)
{
	struct ns_web *w = ctx;
	struct ns_pagejob *j;

	if (!w->pool || ns_pagepool_in_flight(w->pool) == 0) {
		report(w, off, what);
		return;
	}
	if (!(j = free_job(w)))
		return;	/* stopped: nothing more is reported */
	j->off = off;
	ns_buf_puts(&j->what, what);
	if (!ns_buf_cstr(&j->what)) {
		w->err = NS_ERR_NOMEM;
		return;
	}
	ns_pagepool_submit(w->pool, j);
}

static int is_page_type(const char *t)
{
	return strcmp(t, "text/html") == 0 || strcmp(t, "application/xhtml+xml") == 0;
}

/* The record's page handed to the pool, to come back in order. */
static int record_to_pool(struct ns_web *w, const char *uri, const char *date, const char *cs)
{
	struct ns_pagejob *j = free_job(w);

	if (!j)
		return w->err;
	j->parse = 1;
	j->off = w->warc.rec_off;
	ns_buf_append(&j->data, w->http.body.data, w->http.body.len);
	if (cs)
		ns_buf_puts(&j->encoding, cs);
	ns_buf_puts(&j->url, uri);
	ns_buf_puts(&j->date, date ? date : "");
	if (j->data.err || !ns_buf_cstr(&j->encoding) || !ns_buf_cstr(&j->url) ||
	    !ns_buf_cstr(&j->date))
		return w->err = NS_ERR_NOMEM;
	ns_pagepool_submit(w->pool, j);
	/* hand out what is ready, so that few jobs wait */
	while (take_oldest(w, 0) == NS_OK)
		;
	return w->err;
}

static int warc_record(void *ctx, const char *uri, const char *date, const uint8_t *block,
		       size_t n)
{
	struct ns_web *w = ctx;
	const char *what = NULL, *type, *cs;
	int rc;

	if (w->err != NS_OK)
		return w->err;
	rc = ns_http_parse(&w->http, block, n, w->max_block, &what);
	if (rc == NS_ERR_INPUT) {
		if (uri && !*uri)
			warc_problem(w, w->warc.rec_off, what);
		return w->err;	/* a response of another protocol */
	}
	if (rc != NS_OK)
		return rc;
	if (w->http.status < 200 || w->http.status > 299)
		return NS_OK;	/* redirects, errors: no article */
	type = (const char *)w->http.content_type.data;
	if (type && *type ? !is_page_type(type)
			  : !ns_html_sniff((const char *)w->http.body.data, w->http.body.len))
		return NS_OK;
	if (!uri || !*uri) {
		warc_problem(w, w->warc.rec_off, "response record without WARC-Target-URI; skipped");
		return w->err;
	}
	cs = w->http.charset.len ? (const char *)w->http.charset.data : NULL;
	if (w->pool && w->http.body.len <= NS_PAGEPOOL_MAX_PAGE)
		return record_to_pool(w, uri, date, cs);
	/* one thread, or a big page: parsed here, after the records before */
	if ((rc = drain(w)) != NS_OK)
		return rc;
	rc = ns_html_read(&w->page, (const char *)w->http.body.data, w->http.body.len, cs, uri);
	return record_page(w, &w->page, rc, w->warc.rec_off, uri, date);
}

int ns_web_warc_begin(struct ns_web *w, const char *path, uint64_t max_block,
		      ns_article_fn on_article, ns_problem_fn on_problem, void *ctx)
{
	/* jobs left by a WARC that stopped: taken back, not handed out */
	w->err = NS_ERR_INPUT;
	drain(w);
	if (!w->pool_tried && w->workers) {
		w->pool_tried = 1;
		if (ns_pagepool_new(w->workers, &w->pool) != NS_OK)
			return NS_ERR_NOMEM;
	}
	ns_warc_release(&w->warc);
	ns_warc_init(&w->warc, max_block, warc_record, warc_problem, w);
	w->path = path;
	w->max_block = max_block;
	w->on_article = on_article;
	w->on_problem = on_problem;
	w->ctx = ctx;
	w->err = NS_OK;
	return NS_OK;
}

int ns_web_warc_feed(struct ns_web *w, const uint8_t *data, size_t n)
{
	return ns_warc_feed(&w->warc, data, n);
}

int ns_web_warc_flush(struct ns_web *w)
{
	return drain(w);
}

int ns_web_warc_end(struct ns_web *w)
{
	int rc = w->err != NS_OK ? w->err : ns_warc_finish(&w->warc);

	if (drain(w) != NS_OK && rc == NS_OK)
		rc = w->err;

	/* a big WARC's last record need not stay in memory */
	if (w->warc.block.cap > (1u << 20))
		ns_buf_release(&w->warc.block);
	if (w->http.body.cap > (1u << 20)) {
		ns_http_release(&w->http);
		ns_http_init(&w->http);
	}
	return rc;
}

int ns_web_read(struct ns_web *w, int feed, const char *data, size_t n, const char *id,
		const char *path, ns_article_fn on_article, void *ctx)
{
	if (feed)
		return ns_feed_read(data, n, path, id, on_article, ctx);
	return ns_web_page(w, data, n, id, path, on_article, ctx);
}

int ns_web_accumulates(const char *path)
{
	size_t len = strlen(path);

	if (ends_with(path, len, ".gz"))
		len -= 3;
	return ns_kind_by_name(path) == NS_KIND_FEED || ends_with(path, len, ".xml");
}
