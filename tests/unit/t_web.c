/* SPDX-License-Identifier: MIT */
/* t_web.c -- tests of the web readers' parts: textdate.c, jsonld.c,
 * textclean.c, http.c, warc.c, html.c (metadata, sniffing, url dates),
 * headline.c (titles), htmllean.c (what libxml2 is spared) and extract.c
 * (what the main text keeps). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "feed.h"
#include "headline.h"
#include "html.h"
#include "htmllean.h"
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
		{ "15 \xd0\xb0\xd0\xb2\xd0\xb3\xd1\x83\xd1\x81\xd1\x82\xd0\xb0 2016, 13:43", 2016, 8, 15 },
		{ "3 \xd0\x9c\xd0\x90\xd0\xaf 2021", 2021, 5, 3 },	/* "3 МАЯ 2021" */
		{ "1 \xd0\xbb\xd0\xb8\xd1\x81\xd1\x82\xd0\xbe\xd0\xbf\xd0\xb0\xd0\xb4\xd0\xb0 2022", 2022, 11, 1 },
		{ "12 wrze\xc5\x9bnia 2019 r.", 2019, 9, 12 },
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

NS_SUITE(headline)
{
	struct ns_buf t = NS_BUF_INIT;
	char host[64];
	size_t off = 0, len = 0;
	static const struct {
		const char *in, *site, *host, *h1;
		int loose;
		const char *out;
	} cuts[] = {
		/* the site's name, from og:site_name or from the host */
		{ "Headline of the day | The Site", "The Site", "", NULL, 1, "Headline of the day" },
		{ "EU-Taxonomie: Atomkraft ist nicht nachhaltig | Umweltbundesamt", "Umweltbundesamt",
		  "", NULL, 0, "EU-Taxonomie: Atomkraft ist nicht nachhaltig" },
		{ "Four Years Remaining \xc2\xbb Blog Archive \xc2\xbb Interning of Small Integers",
		  NULL, "fouryears", NULL, 1, "Interning of Small Integers" },
		{ "gipfelbuch.ch - Outdoornews - Neue Schneekarten auf der Seite", NULL, "gipfelbuch",
		  NULL, 1, "Neue Schneekarten auf der Seite" },
		{ "Gregory Szorc's Digital Home | Reflections on Python 3", NULL, "gregoryszorc", NULL,
		  1, "Reflections on Python 3" },
		/* a date is no part of a headline */
		{ "23.01.2022 - Wierer darf beim Abschluss noch jubeln", NULL, "", NULL, 0,
		  "Wierer darf beim Abschluss noch jubeln" },
		{ "Ein Quantensprung f\xc3\xbcr Nordhausen : 06.11.2023, 11.41 Uhr", NULL, "", NULL, 0,
		  "Ein Quantensprung f\xc3\xbcr Nordhausen" },
		/* " : " starts subtitles: only sites and dates are cut there */
		{ "Rentr\xc3\xa9" "e : le grand retour des classes", NULL, "", NULL, 1,
		  "Rentr\xc3\xa9" "e : le grand retour des classes" },
		/* strict (a visible h1): a short tail is not cut without evidence */
		{ "FUTURE of HOPE \xe2\x80\x93 Island befreit sich \xe2\x80\x93 der Film", NULL, "",
		  NULL, 0, "FUTURE of HOPE \xe2\x80\x93 Island befreit sich \xe2\x80\x93 der Film" },
		{ "FUTURE of HOPE \xe2\x80\x93 Island befreit sich von allen \xe2\x80\x93 der Film",
		  NULL, "", NULL, 1, "FUTURE of HOPE \xe2\x80\x93 Island befreit sich von allen" },
		/* the page's h1 keeps a title whole */
		{ "Dogs - the Good, the Bad", NULL, "", "Dogs - the Good, the Bad", 1,
		  "Dogs - the Good, the Bad" },
		/* a headline that names the host's brand is not a site name */
		{ "Apple Unveils Its Newest Phone Model Today At A Big Event", NULL, "apple", NULL, 1,
		  "Apple Unveils Its Newest Phone Model Today At A Big Event" },
	};

	/* words: case and punctuation (ASCII and Unicode) do not count */
	CHECK(ns_headline_same("DaF Blog \xe2\x80\x93 MMF3", 17, "daf blog - mmf3", 15));
	CHECK(ns_headline_same("\xe2\x80\x9eLoriot\xe2\x80\x9c!", 12, "Loriot", 6));
	CHECK(!ns_headline_same("Loriot 100", 10, "Loriot", 6));
	CHECK(ns_headline_same("\xe6\xad\xa6\xe6\xb1\x89\xef\xbc\x81", 9, "\xe6\xad\xa6\xe6\xb1\x89", 6));
	CHECK_INT_EQ(ns_headline_words("Kim Jong Un \xe2\x80\x94 \xc2\xab" "Diktator\xc2\xbb", 27), 4);

	/* parts */
	const char *r = "Coronavirus: New York ramps up burials - BBC News";
	CHECK(ns_headline_part(r, strlen(r), "coronavirus new york ramps up burials", 37, &off, &len));
	CHECK_INT_EQ(off, 0);
	CHECK_INT_EQ(len, strlen("Coronavirus: New York ramps up burials"));
	CHECK(ns_headline_part(r, strlen(r), "BBC News", 8, &off, &len));
	CHECK_INT_EQ(off, strlen("Coronavirus: New York ramps up burials - "));
	CHECK(!ns_headline_part(r, strlen(r), "New York", 8, &off, &len));
	const char *cjk = "\xe6\xad\xa6\xe6\xb1\x89\xe7\x9a\x84\xe5\xa3\xb0\xe9\x9f\xb3-"
			  "\xe6\x96\xb0\xe5\x8d\x8e\xe7\xbd\x91";	/* 武汉的声音-新华网 */
	CHECK(ns_headline_part(cjk, strlen(cjk), cjk, 15, &off, &len));
	CHECK_INT_EQ(len, 15);
	CHECK(!ns_headline_part("EU-Taxonomie", 12, "EU", 2, &off, &len));

	/* hosts */
	ns_headline_host("https://www.four-years.eu/2019/x", host, sizeof(host));
	CHECK_STR_EQ(host, "four-years");
	ns_headline_host("http://uk.trustpilot.com/reviews", host, sizeof(host));
	CHECK_STR_EQ(host, "trustpilot");
	ns_headline_host("tests/data/page.html", host, sizeof(host));
	CHECK_STR_EQ(host, "");
	ns_headline_host(NULL, host, sizeof(host));
	CHECK_STR_EQ(host, "");
	CHECK(ns_headline_is_site("Four Years Remaining", 20, NULL, "four-years"));
	CHECK(ns_headline_is_site("seelenradio", 11, NULL, "seelenradio"));
	CHECK(!ns_headline_is_site("Fourier transforms explained", 28, NULL, "four-years"));
	CHECK(ns_headline_is_site("the site", 8, "The Site", ""));

	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		ns_buf_reset(&t);
		ns_buf_puts(&t, cuts[i].in);
		ns_headline_strip(&t, cuts[i].site, cuts[i].host, cuts[i].h1, cuts[i].loose);
		CHECK_STR_EQ(ns_buf_cstr(&t), cuts[i].out);
	}
	ns_buf_release(&t);
}

/* The title and date html.c chooses among what a page offers. */
NS_SUITE(html_choose)
{
	struct ns_page p;
	static const struct {
		const char *page, *url, *title, *date;
	} cases[] = {
		/* several h1s: the one the metadata repeats, wherever it is */
		{ "<title>Coronavirus: New York ramps up burials - BBC News</title>"
		  "<meta property='og:title' content='New York ramps up burials amid outbreak'>"
		  "<h1>Coronavirus: New York ramps up burials</h1><article><h1>Ask the experts now"
		  "</h1><p>x</p></article>",
		  NULL, "Coronavirus: New York ramps up burials", NULL },
		/* an h1 with a section label before the headline og:title gives */
		{ "<meta property='og:title' content='Brothel catering to lawyers busted in Boston'>"
		  "<h1>Local News | Brothel catering to lawyers busted in Boston</h1><p>x</p>",
		  NULL, "Brothel catering to lawyers busted in Boston", NULL },
		/* a short h1 that shares no word with the title is a section label */
		{ "<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>"
		  "<h1>Allergies Health Center</h1><p>x</p>",
		  NULL, "Babies Who Eat Peanuts Early May Avoid Allergy", NULL },
		/* ... but not when the title says less than it */
		{ "<title>Home</title><h1>Time to say goodbye.</h1><p>x</p>", NULL,
		  "Time to say goodbye.", NULL },
		/* the page's short h1 is the site's name, cut from the title */
		{ "<title>seelenradio \xc2\xbb Nummer zwei: Leo</title><h1>seelenradio</h1><p>x</p>",
		  NULL, "Nummer zwei: Leo", NULL },
		/* the host names the site */
		{ "<title>Four Years Remaining \xc2\xbb Blog Archive \xc2\xbb Interning of Small Integers"
		  "</title><h1>Four Years Remaining</h1><p>x</p>",
		  "http://fouryears.eu/2019/10/21/interning/", "Interning of Small Integers", "2019-10-21" },
		/* the last change is a last resort; the publication wins */
		{ "<meta property='article:modified_time' content='2025-01-07T09:08:22+00:00'>"
		  "<script type='application/ld+json'>{\"datePublished\": \"2020-07-10T14:15:42+00:00\"}"
		  "</script><p>x</p>",
		  NULL, "", "2020-07-10T14:15:42+00:00" },
		{ "<meta property='article:modified_time' content='2025-01-07T09:08:22+00:00'><p>x</p>",
		  NULL, "", "2025-01-07T09:08:22+00:00" },
		/* a year alone names no day */
		{ "<meta itemprop='datePublished' content='1988'><meta name='dc.date' content='2017-01-30'>"
		  "<p>x</p>", NULL, "", "2017-01-30" },
		/* a labelled date: in the same text, in the element after the label */
		{ "<div><p>Erstellt am: 01.11.2023</p></div><p>x</p>", NULL, "", "2023-11-01" },
		{ "<ul><li><p class='t'>Mise en ligne</p><p>23 mai 2019</p></li></ul><p>x</p>", NULL, "",
		  "2019-05-23" },
		{ "<span>Datum</span> <span>25.01.2022</span><p>x</p>", NULL, "", "2022-01-25" },
		/* a UTC moment a day away from the day the page shows (west) */
		{ "<meta property='article:published_time' content='2023-11-09T05:30:59+00:00'>"
		  "<time datetime='2023-11-08 23:30:59'>November 8, 2023</time><p>x</p>",
		  NULL, "", "2023-11-08" },
		/* ... (east) */
		{ "<meta property='article:published_time' content='2018-12-31T23:11:59+00:00'>"
		  "<h2>2019-01-01</h2><p>x</p>", NULL, "", "2019-01-01" },
		/* ... but a mid-day moment stays, whatever a comment's date says */
		{ "<meta property='article:published_time' content='2015-12-12T05:00:37+00:00'>"
		  "<time datetime='2015-12-13T01:10:03+01:00'>13.12.</time><p>x</p>",
		  NULL, "", "2015-12-12T05:00:37+00:00" },
		/* the URL's date and a date shown in a date element come before a
		 * generic date meta (often the last change) */
		{ "<meta name='date' content='2020-04-30'><ul><li class='Date'><time>29.04.2020, 12:01 Uhr"
		  "</time></li></ul><p>x</p>", NULL, "", "2020-04-29" },
		{ "<meta name='date' content='2020-03-29'><p>x</p>", "https://a.example/2017/06/29/x", "",
		  "2017-06-29" },
		/* ... and before the first <time>, often a related story's */
		{ "<aside><time datetime='2009-04-11 18:06:36'>11. April 2009</time></aside><p>x</p>",
		  "https://a.example/2019/10/22/x/", "", "2019-10-22" },
		/* a date alone in an element, when nothing else says */
		{ "<div><h2>2019-01-01</h2></div><p>Some text, 2 of 3000 things.</p>", NULL, "",
		  "2019-01-01" },
	};

	ns_page_init(&p);
	/* a moment with a zone offset counts on the publisher's clock: the
	 * day the page shows, not the day in UTC */
	static const struct {
		const char *meta;
		int64_t key;
	} clocks[] = {
		{ "2022-05-03T22:46:08-03:00", 22 * 3600 + 46 * 60 + 8 },
		{ "2022-05-03T22:46:08.274-0300", 22 * 3600 + 46 * 60 + 8 },
		{ "2022-05-03 23:30:00+02:00", 23 * 3600 + 30 * 60 },
		{ "2022-05-03T01:00:00Z", 3600 },
		{ "2022-05-03", 0 },
	};
	for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		char pg[200];
		snprintf(pg, sizeof(pg), "<meta property='article:published_time' content='%s'><p>x</p>",
			 clocks[i].meta);
		CHECK_INT_EQ(ns_html_read(&p, pg, strlen(pg), NULL, NULL), NS_OK);
		CHECK_STR_EQ(ns_buf_cstr(&p.date), clocks[i].meta);
		CHECK_INT_EQ(p.date_key, day(2022, 5, 3) + clocks[i].key);
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *pg = cases[i].page;
		CHECK_INT_EQ(ns_html_read(&p, pg, strlen(pg), NULL, cases[i].url), NS_OK);
		if (cases[i].title)
			CHECK_STR_EQ(ns_buf_cstr(&p.title), cases[i].title);
		if (cases[i].date)
			CHECK_STR_EQ(ns_buf_cstr(&p.date), cases[i].date);
	}
	ns_page_release(&p);
}

NS_SUITE(html_lean)
{
	struct ns_buf b = NS_BUF_INIT;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "<p>a<script>var x = '<p>no</p>';</script>b</p>", "<p>a<script></script>b</p>" },
		{ "<STYLE type=text/css>p { color: red }</sTyLe >x", "<STYLE type=text/css></sTyLe >x" },
		{ "a<!-- <script> -->b<!---->c", "abc" },
		/* JSON-LD stays, "<!--" in it included */
		{ "<script type=\"application/ld+json\">{\"a\": \"<!-- x -->\"}</script><!--c-->",
		  "<script type=\"application/ld+json\">{\"a\": \"<!-- x -->\"}</script>" },
		/* a ">" or "<script" inside a quoted attribute is not markup */
		{ "<a class='x > <script>' title=\"<!--\">t</a><script>s</script>",
		  "<a class='x > <script>'>t</a><script></script>" },
		/* only the attributes the readers look at stay, as written;
		 * href on <link> only */
		{ "<IMG SRC=a.jpg alt=\"A > b\" Class=pic data-x='1' hidden/><a href=/x id=k>l</a>",
		  "<IMG Class=pic hidden/><a id=k>l</a>" },
		{ "<link rel=canonical href=https://a.example/x/><meta charset=utf-8>",
		  "<link rel=canonical href=https://a.example/x/><meta charset=utf-8>" },
		{ "<div\n\tclass = \"c\"  onclick=f() style='display:none'>x",
		  "<div class = \"c\" style='display:none'>x" },
		{ "<br/><p =x b>x", "<br/><p>x" },
		/* blanks between tags: one, a newline when they hold one; not
		 * in <pre>, nor in text */
		{ "<ul>\n    <li>a  b</li>   \t <li>c</li>\n</ul>  x",
		  "<ul>\n<li>a  b</li> <li>c</li>\n</ul>  x" },
		{ "<pre>  <b>x</b>\n\n  <i>y</i></pre>\n\n<p>z",
		  "<pre>  <b>x</b>\n\n  <i>y</i></pre>\n<p>z" },
		/* emptied: content out, nesting counted; kept when it holds
		 * paragraphs (unclosed, or misused) */
		{ "<figure class=f><figure><img src=a></figure><figcaption>c</figcaption></figure>t",
		  "<figure class=f></figure>t" },
		{ "<button>x<p>article</p></button>t", "<button>x<p>article</p></button>t" },
		{ "<select><option>a</option></select><label>l</label>t",
		  "<select></select><label></label>t" },
		/* nested SVG */
		{ "<svg><g><svg viewBox='0 0 1 1'><path/></svg></g></svg>after",
		  "<svg></svg>after" },
		{ "<svg/><p>kept</p>", "<svg/><p>kept</p>" },
		{ "<noscript><img src=x></noscript>t", "<noscript></noscript>t" },
		/* a name that only starts like one */
		{ "<scripts>x</scripts><styles>y</styles>", "<scripts>x</scripts><styles>y</styles>" },
		/* the parser ends "<script/>" at once too */
		{ "<script src=a.js />text", "<script/>text" },
		/* unterminated: left as it is */
		{ "a<script>b", "a<script>b" },
		{ "a<!-- b", "a<!-- b" },
		{ "a<div class='b", "a<div class='b" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ns_buf_reset(&b);
		CHECK_INT_EQ(ns_html_lean(cases[i].in, strlen(cases[i].in), &b), NS_OK);
		ns_buf_putc(&b, 0);
		CHECK_STR_EQ((const char *)b.data, cases[i].out);
	}
	CHECK(ns_html_lean_ok("<p>x</p>", 8, NULL));
	CHECK(ns_html_lean_ok("<p>x</p>", 8, "windows-1252"));
	CHECK(!ns_html_lean_ok("<p>x</p>", 8, "UTF-16LE"));
	CHECK(!ns_html_lean_ok("<\0p\0>\0", 6, NULL));
	ns_buf_release(&b);
}
