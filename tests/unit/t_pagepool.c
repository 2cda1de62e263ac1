/* SPDX-License-Identifier: MIT */
/* t_pagepool.c -- pages parsed on worker threads come back in order and as
 * the caller would parse them (pagepool.c), and web page files read ahead
 * are those corpus.c would read (readahead.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "corpus.h"
#include "error.h"
#include "fileio.h"
#include "html.h"
#include "pagepool.h"
#include "readahead.h"
#include "unit.h"

/* Page k: long or short, so that the workers finish out of order. */
static void make_page(struct ns_buf *b, int k)
{
	char line[128];
	int paras = k % 3 == 0 ? 400 : 1 + k % 5;

	ns_buf_reset(b);
	snprintf(line, sizeof(line), "<html><head><title>Page %d</title></head><body><article>", k);
	ns_buf_puts(b, line);
	for (int p = 0; p < paras; p++) {
		snprintf(line, sizeof(line), "<p>Page %d paragraph %d about the harbour ferry.</p>", k,
			 p);
		ns_buf_puts(b, line);
	}
	ns_buf_puts(b, "</article></body></html>");
}

static int same_page(struct ns_page *a, struct ns_page *b)
{
	return a->title.len == b->title.len && a->body.len == b->body.len &&
	       memcmp(ns_buf_cstr(&a->title), ns_buf_cstr(&b->title), a->title.len) == 0 &&
	       memcmp(ns_buf_cstr(&a->body), ns_buf_cstr(&b->body), a->body.len) == 0;
}

/* 40 pages and notes through a pool given mem bytes: back in order, as
 * the caller would parse them, never more in flight than the budget's
 * slots. */
static void pages_in_order(uint64_t mem, size_t want_slots)
{
	struct ns_pagepool *pp;
	struct ns_page want;
	struct ns_buf src = NS_BUF_INIT;
	int next_out = 0, in = 0, ok = 1;
	size_t most = 0;
	const int n = 40;

	setenv("NS_PAGE_WORKERS", "2", 1);
	CHECK(ns_pagepool_new(mem, &pp) == NS_OK);
	unsetenv("NS_PAGE_WORKERS");
	if (!pp)
		return;	/* threads refused: nothing to test */
	CHECK_INT_EQ(ns_pagepool_slots(pp), want_slots);
	ns_page_init(&want);
	while (next_out < n) {
		struct ns_pagejob *j;
		/* fill while there is room: pages, and every 7th a note */
		while (in < n && (j = ns_pagepool_free_job(pp)) != NULL) {
			if (in % 7 == 6) {
				j->parse = 0;
				ns_buf_puts(&j->what, "note");
			} else {
				make_page(&j->data, in);
				j->parse = 1;
			}
			j->off = (uint64_t)in++;
			ns_pagepool_submit(pp, j);
		}
		if (ns_pagepool_in_flight(pp) > most)
			most = ns_pagepool_in_flight(pp);
		j = ns_pagepool_oldest(pp, 1);
		if (!j || j->off != (uint64_t)next_out) {
			ok = 0;
			break;
		}
		if (next_out % 7 == 6) {
			ok &= !j->parse && strcmp(ns_buf_cstr(&j->what), "note") == 0;
		} else {
			make_page(&src, next_out);
			ok &= ns_html_read(&want, (const char *)src.data, src.len, NULL, NULL) == NS_OK;
			ok &= j->rc == NS_OK && same_page(&j->page, &want);
		}
		ns_pagepool_done(pp);
		next_out++;
	}
	CHECK(ok);
	CHECK_INT_EQ(most, want_slots);	/* the budget's slots, filled */
	CHECK(ns_pagepool_oldest(pp, 1) == NULL);
	ns_pagepool_free(pp);
	ns_page_release(&want);
	ns_buf_release(&src);
}

NS_SUITE(pagepool)
{
	struct ns_pagepool *pp;
	const uint64_t job = NS_PAGEPOOL_JOB_BYTES;

	/* the pages in flight are counted against the budget given */
	CHECK_INT_EQ(ns_pagepool_slots_for(0), 0);
	CHECK_INT_EQ(ns_pagepool_slots_for(2 * job - 1), 0);
	CHECK_INT_EQ(ns_pagepool_slots_for(2 * job), 2);
	CHECK_INT_EQ(ns_pagepool_slots_for(5 * job + 7), 5);
	CHECK_INT_EQ(ns_pagepool_slots_for(1000 * job), NS_PAGEPOOL_SLOTS);
	CHECK(ns_pagepool_bytes(2 * job - 1) == 0);
	CHECK(ns_pagepool_bytes(3 * job + 1) == 3 * job);
	CHECK(ns_pagepool_bytes(UINT64_MAX) == NS_PAGEPOOL_SLOTS * job);
	CHECK(ns_corpus_workers_bytes(4 * job) == 4 * job);
	CHECK(ns_corpus_workers_bytes(4 * job - 1) == 0);

	setenv("NS_PAGE_WORKERS", "0", 1);
	CHECK(ns_pagepool_new(UINT64_MAX, &pp) == NS_OK && pp == NULL);	/* turned off */
	setenv("NS_PAGE_WORKERS", "2", 1);
	CHECK(ns_pagepool_new(2 * job - 1, &pp) == NS_OK && pp == NULL);	/* too little */
	unsetenv("NS_PAGE_WORKERS");
	pages_in_order(UINT64_MAX, NS_PAGEPOOL_SLOTS);
	pages_in_order(2 * job, 2);
	pages_in_order(3 * job, 3);
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(p, 1, n, f);
		fclose(f);
	}
}

NS_SUITE(readahead)
{
	char *dir = ns_unit_tmpdir("readahead");
	struct ns_source_file files[10];
	struct ns_readahead *ra;
	struct ns_buf b = NS_BUF_INIT;
	struct ns_page want;
	int ok = 1;

	if (!dir)
		return;
	ns_page_init(&want);
	memset(files, 0, sizeof(files));
	for (int k = 0; k < 10; k++) {
		char name[64];
		snprintf(name, sizeof(name), "%d.html", k);
		files[k].path = ns_path_join(dir, name);
		files[k].id = strdup(name);
		files[k].regular = 1;
		make_page(&b, k);
		if (k == 4) {	/* binary: the caller reads it and says so */
			ns_buf_reset(&b);
			ns_buf_append(&b, "\0\0\0\0", 4);
		}
		write_file(files[k].path, b.data, b.len);
		files[k].size = b.len;
	}
	CHECK(ns_readahead_wanted(&files[0]));
	files[9].regular = 0;
	CHECK(!ns_readahead_wanted(&files[9]));
	files[9].regular = 1;
	setenv("NS_PAGE_WORKERS", "2", 1);
	CHECK(ns_readahead_new(NS_CORPUS_MAX_ARTICLE, UINT64_MAX, &ra) == NS_OK);
	unsetenv("NS_PAGE_WORKERS");
	if (ra) {
		struct ns_readahead_file got;
		int k = 0;
		for (int a = 0; a < 10;) {
			while (a < 10 && ns_readahead_announce(ra, &files[a]))
				a++;
			/* file 2 is never asked for: dropped when 3 is */
			if (k == 2)
				k++;
			if (k == 4) {
				ok &= !ns_readahead_take(ra, &files[k], &got);
			} else if (ns_readahead_take(ra, &files[k], &got)) {
				make_page(&b, k);
				ok &= ns_html_read(&want, (const char *)b.data, b.len, NULL, NULL) ==
				      NS_OK;
				ok &= got.rc == NS_OK && same_page(got.page, &want);
				ok &= got.content_len == b.len && !got.gzip;
				ok &= got.file_bytes == b.len;
				ns_readahead_done(ra);
			} else {
				ok = 0;
			}
			k++;
		}
		/* the rest were announced; one not announced is not taken */
		for (; k < 10; k++) {
			ok &= ns_readahead_take(ra, &files[k], &got) == 1;
			ns_readahead_done(ra);
		}
		ok &= !ns_readahead_take(ra, &files[0], &got);
		CHECK(ok);
		ns_readahead_free(ra);
	}
	for (int k = 0; k < 10; k++) {
		free(files[k].path);
		free(files[k].id);
	}
	ns_page_release(&want);
	ns_buf_release(&b);
	ns_unit_rmtree(dir);
	free(dir);
}

/* A WARC of n response records with targets prefix0, prefix1, ... */
static void write_warc(const char *path, const char *prefix, int n)
{
	struct ns_buf w = NS_BUF_INIT, page = NS_BUF_INIT;
	char head[256], http[128];

	for (int k = 0; k < n; k++) {
		make_page(&page, k);
		snprintf(http, sizeof(http),
			 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %zu\r\n\r\n",
			 page.len);
		snprintf(head, sizeof(head),
			 "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s%d\r\n"
			 "Content-Type: application/http; msgtype=response\r\n"
			 "Content-Length: %zu\r\n\r\n",
			 prefix, k, strlen(http) + page.len);
		ns_buf_puts(&w, head);
		ns_buf_puts(&w, http);
		ns_buf_append(&w, page.data, page.len);
		ns_buf_puts(&w, "\r\n\r\n");
	}
	write_file(path, w.data, w.len);
	ns_buf_release(&w);
	ns_buf_release(&page);
}

struct stopper {
	int n, stop_at, wrong;
	const char *want_prefix;
};

static int on_warc_article(void *ctx, const struct ns_article *a)
{
	struct stopper *s = ctx;

	if (strncmp(a->id, s->want_prefix, strlen(s->want_prefix)) != 0 || a->line != 0)
		s->wrong++;
	if (++s->n == s->stop_at)
		return NS_ERR_IO;
	return NS_OK;
}

/* A WARC whose reader stops (the article callback's error) while records
 * are in flight: those are dropped, never handed out with the next file. */
NS_SUITE(pagepool_stop)
{
	char *dir = ns_unit_tmpdir("pagepool");
	struct ns_source_file fa, fb;
	struct ns_corpus *c;
	struct stopper s;
	char ida[] = "a.warc", idb[] = "b.warc";

	if (!dir)
		return;
	memset(&fa, 0, sizeof(fa));
	memset(&fb, 0, sizeof(fb));
	fa.path = ns_path_join(dir, "a.warc");
	fb.path = ns_path_join(dir, "b.warc");
	fa.id = ida;
	fb.id = idb;
	fa.regular = fb.regular = 1;
	write_warc(fa.path, "https://a.example/", 30);
	write_warc(fb.path, "https://b.example/", 10);
	setenv("NS_PAGE_WORKERS", "2", 1);
	if (ns_corpus_new(&c) == NS_OK) {
		ns_corpus_set_workers(c, UINT64_MAX);
		memset(&s, 0, sizeof(s));
		s.stop_at = 3;
		s.want_prefix = "https://a.example/";
		CHECK(ns_corpus_read(c, &fa, NULL, on_warc_article, NULL, &s, NULL) == NS_ERR_IO);
		CHECK(s.n == 3 && s.wrong == 0);
		memset(&s, 0, sizeof(s));
		s.want_prefix = "https://b.example/";
		CHECK(ns_corpus_read(c, &fb, NULL, on_warc_article, NULL, &s, NULL) == NS_OK);
		CHECK(s.n == 10);
		CHECK(s.wrong == 0);
		ns_corpus_free(c);
	}
	unsetenv("NS_PAGE_WORKERS");
	free(fa.path);
	free(fb.path);
	ns_unit_rmtree(dir);
	free(dir);
}
