/* SPDX-License-Identifier: MIT */
/* t_web.c -- tests of the web readers' parts: textdate.c, jsonld.c,
 * textclean.c, http.c, warc.c, html.c (metadata, sniffing, url dates) and
 * extract.c (what the main text keeps). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "feed.h"
#include "html.h"
#include "http.h"
#include "jsonld.h"
#include "textclean.h"
#include "textdate.h"
#include "unit.h"
#include "warc.h"

static int64_t day(int y, int m, int d)
{
	return ns_date_from_civil(y, m, d);
}

NS_SUITE(textdate)
{
	static const struct {
		const char *s;
		int y, m, d;
	} good[] = {
		{ "Posted on 23.01.2022 by admin", 2022, 1, 23 },
		{ "Montag, 1. Februar 2022, 10:31 Uhr", 2022, 2, 1 },
		{ "le 10 d\xc3\xa9" "cembre 2019", 2019, 12, 10 },
		{ "3 de mayo de 2022", 2022, 5, 3 },
		{ "Published May 3, 2022", 2022, 5, 3 },
		{ "February 16th, 2026 -", 2026, 2, 16 },
		{ "updated 2020-02-19 08:00", 2020, 2, 19 },
		{ "2020\xe5\xb9\xb4" "02\xe6\x9c\x88" "19\xe6\x97\xa5", 2020, 2, 19 },
		{ "31/12/2021", 2021, 12, 31 },
		{ "21. M\xc3\xa4rz 2023", 2023, 3, 21 },
		{ "7 settembre 2021", 2021, 9, 7 },
	};
	static const char *const bad[] = {
		"no date here", "version 1.2.3", "31.02.2022", "12/11/2021", "May 2022",
		"1. Februar", "page 2022 of 3", "call 555-12-34", "",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int64_t t = 0;
		int rc = ns_textdate_find(good[i].s, strlen(good[i].s), &t);
		CHECK_INT_EQ(rc, 0);
		if (rc == 0 && t != day(good[i].y, good[i].m, good[i].d))
			NS_UNIT_FAIL("textdate '%s'", good[i].s);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t t;
		if (ns_textdate_find(bad[i], strlen(bad[i]), &t) == 0)
			NS_UNIT_FAIL("textdate found a date in '%s'", bad[i]);
		else
			ns_unit_passed++;
	}
}

NS_SUITE(jsonld)
{
	struct ns_jsonld j;
	const char *a = "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\","
			"\"name\":\"Page\"},{\"@type\":\"NewsArticle\",\"headline\":\"Caf\\u00e9 "
			"\\\"opens\\\"\",\"dateCreated\":\"2020-01-01\",\"datePublished\":"
			"\"2024-05-02T17:05:00Z\",\"publisher\":{\"@type\":\"Organization\","
			"\"name\":\"Gazette\",\"logo\":{\"name\":\"not this\"}},"
			"\"articleBody\":\"Short.\"}]}";
	const char *b = "[{\"headline\":\"Second\",\"articleBody\":\"A longer body \\ud83d\\ude00.\","
			"\"datePublished\":\"2025-01-01\"},{\"publisher\":[{\"name\":\"Late\"}]}";
	ns_jsonld_init(&j);
	CHECK_INT_EQ(ns_jsonld_scan(&j, a, strlen(a)), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&j.headline), "Caf\xc3\xa9 \"opens\"");
	CHECK_STR_EQ(ns_buf_cstr(&j.date), "2024-05-02T17:05:00Z");
	CHECK_STR_EQ(ns_buf_cstr(&j.publisher), "Gazette");
	CHECK_STR_EQ(ns_buf_cstr(&j.body), "Short.");
	/* a second block: first values stay, the longest body wins; the
	 * block is cut short (no final ']'): what was read is kept */
	CHECK_INT_EQ(ns_jsonld_scan(&j, b, strlen(b)), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&j.headline), "Caf\xc3\xa9 \"opens\"");
	CHECK_STR_EQ(ns_buf_cstr(&j.date), "2024-05-02T17:05:00Z");
	CHECK_STR_EQ(ns_buf_cstr(&j.body), "A longer body \xf0\x9f\x98\x80.");
	ns_jsonld_reset(&j);
	CHECK_INT_EQ(ns_jsonld_scan(&j, b, strlen(b)), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&j.publisher), "Late");
	CHECK_STR_EQ(ns_buf_cstr(&j.date), "2025-01-01");
	/* garbage and deep nesting are not errors */
	ns_jsonld_reset(&j);
	CHECK_INT_EQ(ns_jsonld_scan(&j, "{\"headline\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 50),
		     NS_OK);
	CHECK_INT_EQ(ns_jsonld_scan(&j, "}}}\"\\", 5), NS_OK);
	CHECK_INT_EQ(j.headline.len, 0);
	ns_jsonld_release(&j);
}

NS_SUITE(textclean)
{
	struct ns_buf t = NS_BUF_INIT;
	const char *in = "Key Takeaways\n\n  \xe2\x80\xa2 3Several Gulf states\n- 12\xc3\x89tats\n"
			 "\xe2\x80\xa2 2024 was a year\n3Several stays\n";
	ns_buf_puts(&t, in);
	CHECK_INT_EQ(ns_textclean_lists(&t), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&t), "Key Takeaways\n\n  \xe2\x80\xa2 3 Several Gulf states\n- 12 "
				      "\xc3\x89tats\n\xe2\x80\xa2 2024 was a year\n3Several stays\n");
	ns_buf_release(&t);
	CHECK(ns_textclean_is_label("Key Takeaways", 13));
	CHECK(ns_textclean_is_label("  TAGS \r", 8));
	CHECK(ns_textclean_is_label("Related articles:", 17));
	CHECK(!ns_textclean_is_label("Trump hints at U.S. missiles", 28));
	CHECK(!ns_textclean_is_label("NATO summit opens", 17));
	CHECK(!ns_textclean_is_label("", 0));
}

NS_SUITE(http)
{
	struct ns_http h;
	const char *what = NULL;
	const char *plain = "HTTP/1.1 200 OK\r\nContent-Type: text/HTML; charset=\"ISO-8859-1\"\r\n\r\nhi";
	const char *chunked = "HTTP/1.0 200 OK\nTransfer-Encoding: chunked\n\n3;x=y\r\nabc\r\n2\r\nde\r\n"
			      "0\r\n\r\n";
	const char *cut = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nff\r\nonly this";
	ns_http_init(&h);
	CHECK_INT_EQ(ns_http_parse(&h, (const uint8_t *)plain, strlen(plain), 100, &what), NS_OK);
	CHECK_INT_EQ(h.status, 200);
	CHECK_STR_EQ((char *)h.content_type.data, "text/html");
	CHECK_STR_EQ((char *)h.charset.data, "ISO-8859-1");
	CHECK_STR_EQ((char *)h.body.data, "hi");
	CHECK_INT_EQ(ns_http_parse(&h, (const uint8_t *)chunked, strlen(chunked), 100, &what),
		     NS_OK);
	CHECK_STR_EQ((char *)h.body.data, "abcde");
	CHECK_INT_EQ(ns_http_parse(&h, (const uint8_t *)cut, strlen(cut), 100, &what), NS_OK);
	CHECK_STR_EQ((char *)h.body.data, "only this");
	CHECK_INT_EQ(ns_http_parse(&h, (const uint8_t *)cut, strlen(cut), 4, &what), NS_OK);
	CHECK_STR_EQ((char *)h.body.data, "only");
	CHECK_INT_EQ(ns_http_parse(&h, (const uint8_t *)"GET / HTTP/1.1\r\n\r\n", 18, 100, &what),
		     NS_ERR_INPUT);
	CHECK_INT_EQ(ns_http_parse(&h, (const uint8_t *)"HTTP/1.1 200 OK\r\nA: b", 21, 100, &what),
		     NS_ERR_INPUT);
	ns_http_release(&h);
}

struct warc_seen {
	int n;
	char uris[4][64];
	size_t lens[4];
	int problems;
	uint64_t last_off;
};

static int on_rec(void *ctx, const char *uri, const char *date, const uint8_t *b, size_t n)
{
	struct warc_seen *s = ctx;
	(void)date;
	(void)b;
	if (s->n < 4) {
		snprintf(s->uris[s->n], sizeof(s->uris[0]), "%s", uri);
		s->lens[s->n] = n;
	}
	s->n++;
	return NS_OK;
}

static void on_prob(void *ctx, uint64_t off, const char *what)
{
	struct warc_seen *s = ctx;
	(void)what;
	s->problems++;
	s->last_off = off;
}

NS_SUITE(warc)
{
	const char *w = "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"
			"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <http://a/>\r\n"
			"Content-Type: application/http\r\nContent-Length: 5\r\n\r\nHTTP/\r\n\r\n"
			"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://b/\r\n"
			"Content-Length: 20\r\n\r\n0123456789";
	struct warc_seen s;
	struct ns_warc r;

	/* fed one byte at a time and whole: the same records */
	for (int bytewise = 0; bytewise < 2; bytewise++) {
		memset(&s, 0, sizeof(s));
		ns_warc_init(&r, 1000, on_rec, on_prob, &s);
		if (bytewise)
			for (size_t i = 0; i < strlen(w); i++)
				CHECK_INT_EQ(ns_warc_feed(&r, (const uint8_t *)w + i, 1), NS_OK);
		else
			CHECK_INT_EQ(ns_warc_feed(&r, (const uint8_t *)w, strlen(w)), NS_OK);
		CHECK_INT_EQ(ns_warc_finish(&r), NS_OK);
		CHECK_INT_EQ(s.n, 1);
		CHECK_STR_EQ(s.uris[0], "http://a/");
		CHECK_INT_EQ(s.lens[0], 5);
		CHECK_INT_EQ(s.problems, 1);	/* the cut last record */
		CHECK_INT_EQ(s.last_off, strstr(w, "WARC/1.1\r\nWARC-Type: response") - w);
		CHECK_INT_EQ(r.n_records, 3);
		ns_warc_release(&r);
	}
	/* a response over the limit is skipped and reported; not WARC stops */
	memset(&s, 0, sizeof(s));
	ns_warc_init(&r, 2, on_rec, on_prob, &s);
	CHECK_INT_EQ(ns_warc_feed(&r, (const uint8_t *)w, strlen(w)), NS_OK);
	CHECK_INT_EQ(s.n, 0);
	CHECK_INT_EQ(s.problems, 2);
	ns_warc_release(&r);
	memset(&s, 0, sizeof(s));
	ns_warc_init(&r, 1000, on_rec, on_prob, &s);
	CHECK_INT_EQ(ns_warc_feed(&r, (const uint8_t *)"GET / HTTP/1.1\r\n\r\nWARC/1.1\r\n", 28),
		     NS_OK);
	CHECK_INT_EQ(ns_warc_finish(&r), NS_OK);
	CHECK_INT_EQ(s.problems, 1);
	CHECK_INT_EQ(s.n, 0);
	ns_warc_release(&r);
}

NS_SUITE(html_meta)
{
	struct ns_page p;
	int64_t t;
	const char *page =
		"<html><head><title>Fallback | Site</title>"
		"<meta property='og:title' content='Headline | The Site'>"
		"<meta property='og:site_name' content='The Site'>"
		"<meta name='pubdate' content='not a date'>"
		"<meta name='dc.date' content='2023-04-05'>"
		"<link rel='canonical' href='https://site.example/a'></head>"
		"<body><div class='nav'><a href='/'>Home</a></div>"
		"<p>First paragraph of the article, long enough to count as text here.</p>"
		"<p>Second paragraph, with a comma, and another, and more words to score.</p>"
		"</body></html>";
	ns_page_init(&p);
	CHECK_INT_EQ(ns_html_read(&p, page, strlen(page), NULL, NULL), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&p.title), "Headline");
	CHECK_STR_EQ(ns_buf_cstr(&p.source), "The Site");
	CHECK_STR_EQ(ns_buf_cstr(&p.url), "https://site.example/a");
	CHECK_STR_EQ(ns_buf_cstr(&p.date), "2023-04-05");
	CHECK_STR_EQ(ns_buf_cstr(&p.body),
		     "First paragraph of the article, long enough to count as text here.\n\n"
		     "Second paragraph, with a comma, and another, and more words to score.");
	/* the headline h1 of the article wins over og:title; a date in the
	 * text near it; Site - Headline */
	const char *page2 = "<html><head><title>The Site - A different SEO title</title></head>"
			    "<body><article><div><h1>What the reader sees first</h1>"
			    "<span class='x'>Montag, 1. Februar 2022</span></div>"
			    "<p>Body text of the second page, which is long enough to score.</p>"
			    "</article></body></html>";
	CHECK_INT_EQ(ns_html_read(&p, page2, strlen(page2), NULL, "https://x/news/1"), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&p.title), "What the reader sees first");
	CHECK_INT_EQ(p.date_key, day(2022, 2, 1));
	CHECK_STR_EQ(ns_buf_cstr(&p.url), "https://x/news/1");
	/* bytes that are not UTF-8 are read as the declared charset */
	const char *latin = "<meta charset=iso-8859-15><title>Caf\xe9 \xa4</title><p>x</p>";
	CHECK_INT_EQ(ns_html_read(&p, latin, strlen(latin), NULL, NULL), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&p.title), "Caf\xc3\xa9 \xe2\x82\xac");
	/* UTF-8 with one bad byte: libxml2 would stop there; the text after
	 * it is kept (the byte becomes U+FFFD) */
	const char *bad = "<meta charset=utf-8><title>T</title><p>Before \xff after the bad byte, "
			  "caf\xc3\xa9 and the rest of the page text.</p>";
	CHECK_INT_EQ(ns_html_read(&p, bad, strlen(bad), NULL, NULL), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&p.body), "Before \xef\xbf\xbd after the bad byte, caf\xc3\xa9 and "
					  "the rest of the page text.");
	/* ISO-8859-1 is read as Windows-1252, as browsers read it */
	const char *w1252 = "<meta charset=iso-8859-1><title>T</title><p>Price 5\x80, caf\xe9 "
			    "au lait \x96 the whole page text here.</p>";
	CHECK_INT_EQ(ns_html_read(&p, w1252, strlen(w1252), NULL, NULL), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&p.body), "Price 5\xe2\x82\xac, caf\xc3\xa9 au lait \xe2\x80\x93 the "
					  "whole page text here.");
	/* a page inside a web archive's frame: the frame says UTF-8 first,
	 * the page GB2312 (read as GB18030) */
	const char *framed = "<meta charset=\"utf-8\"><meta charset=gb2312><title>\xd6\xd0\xce\xc4"
			     "</title><p>\xd6\xd0\xce\xc4 \xd6\xd0\xce\xc4 \xd6\xd0\xce\xc4</p>";
	CHECK_INT_EQ(ns_html_read(&p, framed, strlen(framed), NULL, NULL), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&p.title), "\xe4\xb8\xad\xe6\x96\x87");
	/* credit, "read more" and newsletter lines go; a long paragraph that
	 * opens like one stays */
	const char *lines = "<article><p>The first paragraph of the story, long enough, with a comma.</p>"
			    "<p>Photo: Lena Hart</p><p>Read more: Harbour talks resume</p>"
			    "<p>SIGN UP FOR OUR NEWSLETTER</p><p>Source: the harbour master's "
			    "figures, published on Monday, show eleven ships diverted since the ban "
			    "began.</p></article>";
	CHECK_INT_EQ(ns_html_read(&p, lines, strlen(lines), NULL, NULL), NS_OK);
	CHECK_STR_EQ(ns_buf_cstr(&p.body), "The first paragraph of the story, long enough, with a "
					  "comma.\n\nSource: the harbour master's figures, published "
					  "on Monday, show eleven ships diverted since the ban began.");
	/* nothing at all */
	CHECK_INT_EQ(ns_html_read(&p, "", 0, NULL, NULL), NS_OK);
	CHECK_INT_EQ(p.body.len, 0);
	ns_page_release(&p);

	CHECK_INT_EQ(ns_html_url_date("https://a.example/2024/05/12/story", &t), 0);
	CHECK_INT_EQ(t, day(2024, 5, 12));
	CHECK_INT_EQ(ns_html_url_date("https://a.example/news/2019-01-03-title", &t), 0);
	CHECK_INT_EQ(t, day(2019, 1, 3));
	CHECK_INT_EQ(ns_html_url_date("https://a.example/20240229/x", &t), 0);
	CHECK_INT_EQ(t, day(2024, 2, 29));
	CHECK_INT_EQ(ns_html_url_date("https://a.example/12345678901/x", &t), -1);
	CHECK_INT_EQ(ns_html_url_date("https://a.example/2024/13/01/x", &t), -1);

	CHECK(ns_html_sniff("\xef\xbb\xbf <!-- x --> <!DOCTYPE HTML>", 32));
	CHECK(ns_html_sniff("<html lang=en>", 14));
	CHECK(!ns_html_sniff("Notes on <html>", 15));
	CHECK(!ns_html_sniff("<!-- never closed <html>", 24));
	CHECK(ns_feed_sniff("<?xml version='1.0'?><!-- c --><rss version='2.0'>", 51));
	CHECK(ns_feed_sniff("<feed xmlns='http://www.w3.org/2005/Atom'>", 42));
	CHECK(!ns_feed_sniff("<?xml version='1.0'?><feedback/>", 32));
}
