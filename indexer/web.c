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
	free(w);
}

/* The page in w->page as an article.  fallback_date: used when the page
 * states none (may be NULL). */
static int page_article(struct ns_web *w, const char *id, const char *path, const char *url,
			const char *fallback_date, ns_article_fn on_article, void *ctx)
{
	struct ns_page *p = &w->page;
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
	return page_article(w, id, path, NULL, NULL, on_article, ctx);
}

/* ---- WARC ---- */

static void warc_problem(void *ctx, uint64_t off, const char *what)
{
	struct ns_web *w = ctx;
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

static int is_page_type(const char *t)
{
	return strcmp(t, "text/html") == 0 || strcmp(t, "application/xhtml+xml") == 0;
}

static int warc_record(void *ctx, const char *uri, const char *date, const uint8_t *block,
		       size_t n)
{
	struct ns_web *w = ctx;
	const char *what = NULL, *type;
	int rc;

	rc = ns_http_parse(&w->http, block, n, w->max_block, &what);
	if (rc == NS_ERR_INPUT) {
		if (uri && !*uri)
			warc_problem(w, w->warc.rec_off, what);
		return NS_OK;	/* a response of another protocol */
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
		return NS_OK;
	}
	rc = ns_html_read(&w->page, (const char *)w->http.body.data, w->http.body.len,
			  w->http.charset.len ? (const char *)w->http.charset.data : NULL, uri);
	if (rc == NS_ERR_INPUT) {
		warc_problem(w, w->warc.rec_off, "response is not an HTML document; skipped");
		return NS_OK;
	}
	if (rc != NS_OK)
		return rc;
	return page_article(w, uri, w->path, uri, date, w->on_article, w->ctx);
}

int ns_web_warc_begin(struct ns_web *w, const char *path, uint64_t max_block,
		      ns_article_fn on_article, ns_problem_fn on_problem, void *ctx)
{
	ns_warc_release(&w->warc);
	ns_warc_init(&w->warc, max_block, warc_record, warc_problem, w);
	w->path = path;
	w->max_block = max_block;
	w->on_article = on_article;
	w->on_problem = on_problem;
	w->ctx = ctx;
	return NS_OK;
}

int ns_web_warc_feed(struct ns_web *w, const uint8_t *data, size_t n)
{
	return ns_warc_feed(&w->warc, data, n);
}

int ns_web_warc_end(struct ns_web *w)
{
	int rc = ns_warc_finish(&w->warc);

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
