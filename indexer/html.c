/* SPDX-License-Identifier: MIT */
/* html.c -- one web page -> one article (see html.h).
 *
 * Two passes over the libxml2 tree: meta() collects what publishers put in
 * <head> and JSON-LD before extract.c prunes the tree, then the main text
 * is extracted and the metadata chosen.
 */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "dom.h"
#include "error.h"
#include "extract.h"
#include "headline.h"
#include "htmllean.h"
#include "jsonl.h"
#include "jsonld.h"
#include "textdate.h"

/* Parser options: recover from anything, stay quiet, never fetch. */
#define HTML_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT)
#define H1_MAX 8		/* h1 elements looked at as headlines */
#define JSONLD_BODY_MIN 1.25	/* articleBody wins when the extracted text is
				 * shorter than 1/this of it */

/* Meta tags naming the publication date, best first. */
static const char *const date_metas[] = {
	"article:published_time", "og:article:published_time", "published_time",
	"article:published", "datepublished", "pubdate", "publishdate", "publish-date",
	"publish_date", "publication_date", "dc.date.issued", "dcterms.issued", "sailthru.date",
	"parsely-pub-date", "article.published", "cxenseparse:recs:publishtime",
	"og:published_time", "prism.publicationdate", "citation_publication_date", NULL,
};
/* Meta tags that name some date of the page: often its last change, so
 * they come after the dates the page shows. */
static const char *const weak_date_metas[] = {
	"date", "dc.date", "dcterms.date", "dcterms.created", NULL,
};
#define N_DATE_METAS (sizeof(date_metas) / sizeof(date_metas[0]))
#define N_WEAK_METAS (sizeof(weak_date_metas) / sizeof(weak_date_metas[0]))

/* Labels pages write before the publication date ("Erstellt am:
 * 01.11.2023", "Mise en ligne 23 mai 2019"), compared with the start of a
 * short text, ASCII case ignored. */
static const char *const date_labels[] = {
	"published", "posted on", "date:", "datum", "ver\xc3\xb6" "ffentlicht", "erschienen am",
	"erstellt am", "publiziert", "stand:", "publi\xc3\xa9", "mise en ligne", "publicado",
	"fecha", "pubblicato", "data di pubblicazione", NULL,
};
#define LABEL_TEXT_MAX 40
#define BARE_DATE_MAX 40	/* text of an element holding only a date */	/* a longer text is prose, not a label */

/* What the first pass collected (strings borrowed from the tree, or in
 * the JSON-LD buffers). */
struct meta {
	const char *og_title, *tw_title, *og_site, *app_name, *og_url, *canonical;
	const char *date[N_DATE_METAS], *weak_date[N_WEAK_METAS], *modified;
	const char *itemprop_date, *time_date;
	int64_t label_date;	/* a date after a label, or NS_DATE_NONE */
	xmlNodePtr title_el, h1;
	xmlNodePtr article_h1;	/* the first h1 inside <article> or <main> */
	int n_h1;
	xmlNodePtr h1s[H1_MAX];	/* the first h1s, those in <article> or <main> first */
	int n_h1s, n_article_h1s;
	int64_t shown_date;	/* a date in an element named for dates, or NS_DATE_NONE */
	int64_t bare_date;	/* the first element that holds only a date, or NS_DATE_NONE */
	struct ns_buf scratch;
	struct ns_jsonld ld;
};

void ns_page_init(struct ns_page *p)
{
	memset(p, 0, sizeof(*p));
	p->date_key = NS_DATE_NONE;
}

void ns_page_release(struct ns_page *p)
{
	ns_buf_release(&p->title);
	ns_buf_release(&p->date);
	ns_buf_release(&p->source);
	ns_buf_release(&p->url);
	ns_buf_release(&p->body);
	p->date_key = NS_DATE_NONE;
}

void ns_page_reset(struct ns_page *p)
{
	ns_buf_reset(&p->title);
	ns_buf_reset(&p->date);
	ns_buf_reset(&p->source);
	ns_buf_reset(&p->url);
	ns_buf_reset(&p->body);
	p->date_key = NS_DATE_NONE;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

static void set_if(const char **dst, const char *v)
{
	if (!*dst && !blank(v))
		*dst = v;
}

static void meta_tag(struct meta *m, const xmlNode *n)
{
	const char *key = ns_dom_attr(n, "property"), *v = ns_dom_attr(n, "content");

	if (!key)
		key = ns_dom_attr(n, "name");
	if (!key)
		key = ns_dom_attr(n, "itemprop");
	if (!key || !v)
		return;
	if (strcasecmp(key, "og:title") == 0)
		set_if(&m->og_title, v);
	else if (strcasecmp(key, "twitter:title") == 0)
		set_if(&m->tw_title, v);
	else if (strcasecmp(key, "og:site_name") == 0)
		set_if(&m->og_site, v);
	else if (strcasecmp(key, "application-name") == 0)
		set_if(&m->app_name, v);
	else if (strcasecmp(key, "og:url") == 0)
		set_if(&m->og_url, v);
	else if (strcasecmp(key, "article:modified_time") == 0)
		set_if(&m->modified, v);
	else {
		for (size_t i = 0; date_metas[i]; i++)
			if (strcasecmp(key, date_metas[i]) == 0)
				set_if(&m->date[i], v);
		for (size_t i = 0; weak_date_metas[i]; i++)
			if (strcasecmp(key, weak_date_metas[i]) == 0)
				set_if(&m->weak_date[i], v);
	}
}

/* The text of node into out (reset first), stopping after max bytes. */
static void text_prefix(xmlNodePtr node, struct ns_buf *out, size_t max)
{
	ns_buf_reset(out);
	for (xmlNodePtr n = node; n && out->len < max;
	     n = ns_dom_next(n, node, n->type == XML_ELEMENT_NODE && !ns_dom_is(n, "script") &&
				      !ns_dom_is(n, "style") && !ns_dom_is(n, "noscript"))) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
			ns_buf_puts(out, (const char *)n->content);
			ns_buf_putc(out, ' ');
		}
	}
}

/* Does the class or id of n name a date ("date", "time", "published",
 * "posted", German "datum", Spanish "fecha")? */
static int date_named(const xmlNode *n)
{
	static const char *const pats[] = { "date", "time", "publish", "posted", "datum", "fecha",
					    "meta", NULL };
	const char *v[2] = { ns_dom_attr(n, "class"), ns_dom_attr(n, "id") };
	for (int k = 0; k < 2; k++) {
		char low[128];
		size_t i = 0;
		if (!v[k])
			continue;
		for (; v[k][i] && i + 1 < sizeof(low); i++)
			low[i] = (char)(v[k][i] >= 'A' && v[k][i] <= 'Z' ? v[k][i] - 'A' + 'a' : v[k][i]);
		low[i] = 0;
		if (strstr(low, "update") || strstr(low, "modif"))
			continue;
		for (size_t p = 0; pats[p]; p++)
			if (strstr(low, pats[p]))
				return 1;
	}
	return 0;
}

/* The digits of s, counted up to 4 (a date has a year). */
static int digit_count(const char *s)
{
	int d = 0;
	for (; *s && d < 4; s++)
		d += *s >= '0' && *s <= '9';
	return d;
}

/* A date after a label: n is a short text starting with one, the date
 * follows in it ("Erstellt am: 01.11.2023") or in the element after the
 * label's ("<span>Datum</span> <span>25.01.2022</span>"). */
static int label_date(struct meta *m, xmlNodePtr n)
{
	const char *s = (const char *)n->content;
	size_t len;
	int64_t t;

	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	len = strlen(s);
	if (len == 0 || len > LABEL_TEXT_MAX)
		return NS_OK;
	for (size_t k = 0; date_labels[k]; k++) {
		size_t l;
		xmlNodePtr next = n->next ? n->next : n->parent->next;
		if ((s[0] | 0x20) != date_labels[k][0] ||
		    strncasecmp(s, date_labels[k], l = strlen(date_labels[k])) != 0)
			continue;
		if (ns_textdate_find(s + l, len - l, &t) == 0) {
			m->label_date = t;
			return NS_OK;
		}
		while (next && next->type != XML_ELEMENT_NODE)
			next = next->next;
		if (!next)
			return NS_OK;
		text_prefix(next, &m->scratch, 200);
		if (m->scratch.err)
			return NS_ERR_NOMEM;
		if (m->scratch.len < 200 &&
		    ns_textdate_find((const char *)m->scratch.data, m->scratch.len, &t) == 0)
			m->label_date = t;
		return NS_OK;
	}
	return NS_OK;
}

/* The first pass: everything but the text. */
static int meta(struct meta *m, xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = ns_dom_next(n, root, 1)) {
		const char *v;
		if (n->type == XML_TEXT_NODE && m->label_date == NS_DATE_NONE && n->content &&
		    n->parent) {
			if (label_date(m, n) != NS_OK)
				return NS_ERR_NOMEM;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (ns_dom_is(n, "meta")) {
			meta_tag(m, n);
		} else if (ns_dom_is(n, "link")) {
			const char *rel = ns_dom_attr(n, "rel");
			if (rel && strcasecmp(rel, "canonical") == 0)
				set_if(&m->canonical, ns_dom_attr(n, "href"));
		} else if (ns_dom_is(n, "title")) {
			if (!m->title_el)
				m->title_el = n;
		} else if (ns_dom_is(n, "h1")) {
			if (!m->h1)
				m->h1 = n;
			m->n_h1++;
			int in_article = 0;
			for (xmlNodePtr a = n->parent; a && !in_article; a = a->parent)
				in_article = ns_dom_is(a, "article") || ns_dom_is(a, "main");
			if (in_article && !m->article_h1)
				m->article_h1 = n;
			if (m->n_h1s < H1_MAX) {
				int at = in_article ? m->n_article_h1s++ : m->n_h1s;
				memmove(m->h1s + at + 1, m->h1s + at,
					(size_t)(m->n_h1s - at) * sizeof(m->h1s[0]));
				m->h1s[at] = n;
				m->n_h1s++;
			}
		} else if (ns_dom_is(n, "time")) {
			set_if(&m->time_date, ns_dom_attr(n, "datetime"));
		} else if (ns_dom_is(n, "script")) {
			v = ns_dom_attr(n, "type");
			if (v && strcasecmp(v, "application/ld+json") == 0 && n->children &&
			    n->children->content) {
				const char *s = (const char *)n->children->content;
				if (ns_jsonld_scan(&m->ld, s, strlen(s)) != NS_OK)
					return NS_ERR_NOMEM;
			}
		}
		if (m->bare_date == NS_DATE_NONE && n->children && !n->children->next &&
		    n->children->type == XML_TEXT_NODE && n->children->content &&
		    !ns_dom_is(n, "script") && !ns_dom_is(n, "style") && !ns_dom_is(n, "title")) {
			/* "<h2>2019-01-01</h2>": a date standing alone */
			const char *c = (const char *)n->children->content;
			size_t cl = strlen(c);
			int64_t t;
			if (cl <= BARE_DATE_MAX && digit_count(c) >= 4 && ns_headline_words(c, cl) <= 3 &&
			    ns_textdate_find(c, cl, &t) == 0)
				m->bare_date = t;
		}
		if (m->shown_date == NS_DATE_NONE && (ns_dom_is(n, "time") || date_named(n))) {
			int64_t t;
			text_prefix(n, &m->scratch, 200);
			if (m->scratch.err)
				return NS_ERR_NOMEM;
			if (m->scratch.len < 200 &&
			    ns_textdate_find((const char *)m->scratch.data, m->scratch.len, &t) == 0)
				m->shown_date = t;
		}
		if ((v = ns_dom_attr(n, "itemprop")) && strcasecmp(v, "datePublished") == 0) {
			const char *d = ns_dom_attr(n, "datetime");
			if (!d)
				d = ns_dom_attr(n, "content");
			set_if(&m->itemprop_date, d);
		}
	}
	return NS_OK;
}

/* Appends s with whitespace collapsed and HTML entities left as they are
 * (meta content is already decoded by the parser). */
static void put_line(struct ns_buf *b, const char *s, size_t n)
{
	int sp = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
			if (c == 0xC2)
				i++;
			sp = 1;
			continue;
		}
		if (sp && b->len > 0)
			ns_buf_putc(b, ' ');
		sp = 0;
		ns_buf_putc(b, c);
	}
}

/* ---- dates ---- */

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int plausible_ymd(int y, int m, int d)
{
	return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= ns_date_days_in_month(y, m);
}

int ns_html_url_date(const char *url, int64_t *t)
{
	size_t n = url ? strlen(url) : 0;

	for (size_t i = 0; i + 8 <= n; i++) {
		const char *s = url + i;
		if (i > 0 && url[i - 1] >= '0' && url[i - 1] <= '9')
			continue;
		if (!digits(s, 4))
			continue;
		int y = num(s, 4);
		/* /2024/05/12 or 2024-05-12 or 2024_05_12 */
		if (i + 10 <= n && (s[4] == '/' || s[4] == '-' || s[4] == '_') && digits(s + 5, 2) &&
		    s[7] == s[4] && digits(s + 8, 2) && (i + 10 == n || !(s[10] >= '0' && s[10] <= '9'))) {
			int m = num(s + 5, 2), d = num(s + 8, 2);
			if (plausible_ymd(y, m, d)) {
				*t = ns_date_from_civil(y, m, d);
				return 0;
			}
		}
		/* /20240512/ */
		if (i > 0 && url[i - 1] == '/' && digits(s, 8) &&
		    (i + 8 == n || !(s[8] >= '0' && s[8] <= '9'))) {
			int m = num(s + 4, 2), d = num(s + 6, 2);
			if (plausible_ymd(y, m, d)) {
				*t = ns_date_from_civil(y, m, d);
				return 0;
			}
		}
	}
	return -1;
}

#define DAY_SECONDS 86400
#define UTC_WEST_HOURS 10	/* the Americas: a UTC moment before 10:00 may be
				 * the day before there */
#define UTC_EAST_HOURS 2	/* Europe: one after 22:00 the day after */

/* Takes s as the page's date when it names a day (or a moment): a year or
 * a month alone ("1988", "2017/01") says too little. */
static int take_date(struct ns_page *p, const char *s)
{
	int64_t t, end;
	size_t n;

	if (blank(s))
		return 0;
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]))
		n--;
	if (ns_date_parse_range(s, n, &t, &end) != 0 || end - t >= 2 * DAY_SECONDS)
		return 0;
	ns_buf_reset(&p->date);
	put_line(&p->date, s, n);
	p->date_key = t;	/* on the publisher's clock (date.h) */
	return 1;
}

static int ascii_prefix(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

/* ---- the page ---- */

static int clean_into(struct ns_buf *dst, const struct ns_buf *src)
{
	struct ns_buf tmp = NS_BUF_INIT;

	ns_utf8_append_clean(&tmp, src->data ? (const char *)src->data : "", src->len);
	ns_buf_reset(dst);
	ns_buf_append(dst, tmp.data, tmp.len);
	ns_buf_release(&tmp);
	return dst->err || tmp.err ? NS_ERR_NOMEM : NS_OK;
}

/* Does h1 read like a headline: not a site's name, a section label or
 * an empty heading? */
static int headline_h1(const struct ns_buf *h1, const char *site, const char *host)
{
	size_t w = ns_headline_words((const char *)h1->data, h1->len);
	int cjk = h1->len > 0 && h1->data[0] >= 0xE0;

	if (!h1->len || (w < 3 && !(cjk && h1->len >= 15)) || h1->len > 300)
		return 0;
	return !ns_headline_is_site((const char *)h1->data, h1->len, site, host);
}

/* Do a and b share a word of four letters or more (ASCII case ignored)? */
static int share_word(const char *a, size_t an, const char *b, size_t bn)
{
	for (size_t i = 0; i < an;) {
		size_t e = i;
		while (e < an && ((unsigned char)a[e] >= 0x80 || (a[e] | 0x20) >= 'a') &&
		       ((unsigned char)a[e] >= 0x80 || (a[e] | 0x20) <= 'z'))
			e++;
		if (e - i >= 4)
			for (size_t k = 0; k + (e - i) <= bn; k++)
				if (strncasecmp(a + i, b + k, e - i) == 0)
					return 1;
		i = e + 1;
	}
	return 0;
}

/* Does the class of n name a kicker, the line above a headline
 * ("Dachzeile", "toptitle", "subheadline", "overline", ...)? */
static int kicker(const xmlNode *n)
{
	static const char *const pats[] = { "kicker", "dachzeile", "toptitle", "subheadline",
					    "overline", "topline", "roofline", "eyebrow",
					    "supertitle", "pretitle", NULL };
	const char *c = ns_dom_attr(n, "class");
	char low[128];
	size_t i = 0;

	if (!c)
		return 0;
	for (; c[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)(c[i] >= 'A' && c[i] <= 'Z' ? c[i] - 'A' + 'a' : c[i]);
	low[i] = 0;
	for (size_t k = 0; pats[k]; k++)
		if (strstr(low, pats[k]))
			return 1;
	return 0;
}

/* The text of a headline element without its kicker. */
static void headline_text(xmlNodePtr h, struct ns_buf *out)
{
	int has_kicker = 0;

	for (xmlNodePtr c = h->children; c; c = c->next)
		has_kicker |= c->type == XML_ELEMENT_NODE && kicker(c);
	if (!has_kicker) {
		ns_extract_line(h, out);
		return;
	}
	for (xmlNodePtr c = h->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && kicker(c))
			continue;
		if (out->len && out->data[out->len - 1] != ' ')
			ns_buf_putc(out, ' ');
		ns_extract_line(c, out);
	}
	while (out->len && out->data[out->len - 1] == ' ')
		out->len--;
	{
		size_t k = 0;
		while (k < out->len && out->data[k] == ' ')
			k++;
		memmove(out->data, out->data + k, out->len - k);
		out->len -= k;
	}
}

#define UNRELATED_H1_WORDS 3	/* a short h1 sharing no word with the
				 * metadata titles is a section label */

/* The headline.  Publishers repeat it: the visible <h1> that og:title,
 * JSON-LD, twitter:title or <title> repeat (whole or as a part around a
 * separator) is the headline; else the article's h1 or the page's only one,
 * when it reads like a headline; else the metadata, best first, without
 * the site's name. */
static void choose_title(struct ns_page *p, struct meta *m, const char *site, const char *host)
{
	struct ns_buf h1 = NS_BUF_INIT, doc_title = NS_BUF_INIT;
	xmlNodePtr best_h1 = m->article_h1 ? m->article_h1 : m->n_h1 == 1 ? m->h1 : NULL;
	const char *refs[4];
	size_t ref_n[4], n_refs = 0, off, len;

	if (m->title_el)
		ns_extract_line(m->title_el, &doc_title);
	if (m->og_title)
		refs[n_refs++] = m->og_title;
	if (m->ld.headline.len)
		refs[n_refs++] = ns_buf_cstr(&m->ld.headline);
	if (m->tw_title)
		refs[n_refs++] = m->tw_title;
	if (doc_title.len)
		refs[n_refs++] = ns_buf_cstr(&doc_title);
	for (size_t r = 0; r < n_refs; r++)
		ref_n[r] = refs[r] ? strlen(refs[r]) : 0;
	ns_buf_reset(&p->title);
	for (int i = 0; i < m->n_h1s; i++) {
		ns_buf_reset(&h1);
		headline_text(m->h1s[i], &h1);
		if (!ns_buf_cstr(&h1) || !headline_h1(&h1, site, host))
			continue;
		for (size_t r = 0; r < n_refs; r++) {
			/* the h1 is the headline part of the title, not its site part */
			if (ns_headline_part(refs[r], ref_n[r], (const char *)h1.data, h1.len, &off, &len) &&
			    2 * ns_headline_words(refs[r] + off, len) >= ns_headline_words(refs[r], ref_n[r])) {
				ns_buf_append(&p->title, h1.data, h1.len);
				ns_headline_strip(&p->title, site, host, NULL, 0);	/* "23.01.2022 - Headline" */
				goto done;
			}
			/* "Local News | Headline" */
			if (ns_headline_part((const char *)h1.data, h1.len, refs[r], ref_n[r], &off, &len) &&
			    ns_headline_words((const char *)h1.data + off, len) >= 3) {
				ns_buf_append(&p->title, h1.data + off, len);
				goto done;
			}
		}
	}
	ns_buf_reset(&h1);
	if (best_h1)
		headline_text(best_h1, &h1);
	if (ns_buf_cstr(&h1) && headline_h1(&h1, site, host)) {
		size_t w = ns_headline_words((const char *)h1.data, h1.len);
		int unrelated = n_refs > 0 && w <= UNRELATED_H1_WORDS;
		for (size_t r = 0; r < n_refs && unrelated; r++)
			unrelated = !share_word((const char *)h1.data, h1.len, refs[r], ref_n[r]) &&
				    ns_headline_words(refs[r], ref_n[r]) >= w;
		if (!unrelated) {
			ns_buf_append(&p->title, h1.data, h1.len);
			ns_headline_strip(&p->title, site, host, NULL, 0);
			goto done;
		}
	}
	if (n_refs)
		put_line(&p->title, refs[0], ref_n[0]);
	if (p->title.len == 0 && h1.len)
		ns_buf_append(&p->title, h1.data, h1.len);
	/* a page's short h1 that is no headline is mostly the site's name */
	if (ns_buf_cstr(&h1) && !(site && *site) &&
	    ns_headline_words((const char *)h1.data, h1.len) < 3)
		site = ns_buf_cstr(&h1);
	if (p->title.len)
		ns_headline_strip(&p->title, site, host,
				  h1.len && site != ns_buf_cstr(&h1) ? ns_buf_cstr(&h1) : NULL, 1);
done:
	ns_buf_release(&h1);
	ns_buf_release(&doc_title);
}

static void set_day(struct ns_page *p, int64_t t)
{
	char day[11];

	ns_date_format_day(t, day);
	ns_buf_reset(&p->date);
	ns_buf_puts(&p->date, day);
	p->date_key = t;
}

/* Is date string s a moment in UTC ("...Z", "+00:00")? */
static int utc_moment(const char *s)
{
	size_t n = strlen(s);

	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	return n > 10 && (s[n - 1] == 'Z' || (n > 16 && (memcmp(s + n - 6, "+00:00", 6) == 0 ||
							memcmp(s + n - 5, "+0000", 5) == 0)));
}

/* The day the page itself shows, in the publisher's time zone: a date
 * after a label, a <time> without a zone (or with the publisher's), a date
 * in an element named for dates; NS_DATE_NONE if none. */
static int64_t local_day(const struct meta *m)
{
	int64_t t;

	if (m->label_date != NS_DATE_NONE)
		return m->label_date;
	if (m->time_date && !utc_moment(m->time_date) && strlen(m->time_date) >= 10 &&
	    ns_date_parse(m->time_date, 10, &t) == 0)
		return t;
	return m->shown_date != NS_DATE_NONE ? m->shown_date : m->bare_date;
}

/* The publication date, best source first: the meta tags named for
 * publication, JSON-LD datePublished, itemprop=datePublished, a date in
 * the URL (publishers' paths rarely lie; the first <time> is often a
 * sidebar's), a labelled date, <time datetime>, a date in an element named
 * for dates, the generic date metas, a date near the headline or alone in
 * an element; the last change as a last resort.  A moment in
 * UTC a day away from the day the page shows is that day where the
 * publisher is ("2023-11-09T05:30Z" shown as "November 8, 2023 11:30 p.m."). */
static void choose_date(struct ns_page *p, struct meta *m, const char *url)
{
	int64_t t, local = local_day(m);
	int found = 0;

	for (size_t i = 0; date_metas[i] && !found; i++)
		found = m->date[i] && take_date(p, m->date[i]);
	if (!found && m->ld.date.len)
		found = take_date(p, ns_buf_cstr(&m->ld.date));
	if (!found)
		found = take_date(p, m->itemprop_date);
	if (found) {
		int64_t day = p->date_key - ((p->date_key % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
		int64_t hour = (p->date_key - day) / 3600;
		if (local != NS_DATE_NONE && utc_moment(ns_buf_cstr(&p->date)) &&
		    ((local == day - DAY_SECONDS && hour < UTC_WEST_HOURS) ||
		     (local == day + DAY_SECONDS && hour >= 24 - UTC_EAST_HOURS)))
			set_day(p, local);
		return;
	}
	if ((url && ns_html_url_date(url, &t) == 0) ||
	    (m->canonical && ns_html_url_date(m->canonical, &t) == 0) ||
	    (m->og_url && ns_html_url_date(m->og_url, &t) == 0)) {
		set_day(p, t);
		return;
	}
	if (m->label_date != NS_DATE_NONE) {
		set_day(p, m->label_date);
		return;
	}
	if (take_date(p, m->time_date))
		return;
	if (m->shown_date != NS_DATE_NONE) {
		set_day(p, m->shown_date);
		return;
	}
	for (size_t i = 0; weak_date_metas[i]; i++)
		if (m->weak_date[i] && take_date(p, m->weak_date[i]))
			return;
	/* a date written near the headline: in the block around the h1 */
	if (m->h1) {
		xmlNodePtr around = m->h1->parent && m->h1->parent->parent ? m->h1->parent->parent
									   : m->h1;
		text_prefix(around, &m->scratch, 3000);
		if (ns_textdate_find((const char *)m->scratch.data, m->scratch.len, &t) == 0) {
			set_day(p, t);
			return;
		}
	}
	if (m->bare_date != NS_DATE_NONE) {
		set_day(p, m->bare_date);
		return;
	}
	take_date(p, m->modified);
}

/* ---- the charset ---- */

/* Counts the multi-byte UTF-8 sequences of s[0..n) that are valid and
 * those that are not. */
static void utf8_census(const char *s, size_t n, size_t *good, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;

	*good = *bad = 0;
	for (size_t i = 0; i < n;) {
		size_t k, skip = 1;
		uint64_t w;
		/* ASCII, most of a page, eight bytes at a time */
		if (i + 8 <= n && (memcpy(&w, u + i, 8), (w & 0x8080808080808080ull) == 0)) {
			i += 8;
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = ns_utf8_seq(u + i, n - i, &skip);
		if (k) {
			(*good)++;
			i += k;
		} else {
			(*bad)++;
			i += skip ? skip : 1;
		}
	}
}

/* The charset declared near the top of the page (<meta charset=...> or
 * content="text/html; charset=..."), into out[cap]; 0 when none. */
static int is_utf8_name(const char *cs);

static int declared_charset(const char *s, size_t n, char *out, size_t cap, int skip_utf8)
{
	size_t lim = n < 16384 ? n : 16384;

	for (size_t i = 0; i + 8 <= lim; i++) {
		if (strncasecmp(s + i, "charset=", 8) != 0)
			continue;
		size_t k = i + 8, j = 0;
		while (k < lim && (s[k] == '"' || s[k] == '\'' || s[k] == ' '))
			k++;
		while (k < lim && j + 1 < cap &&
		       ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
			(s[k] >= '0' && s[k] <= '9') || strchr("-_.:", s[k])))
			out[j++] = s[k++];
		out[j] = 0;
		if (j > 0 && !(skip_utf8 && is_utf8_name(out)))
			return 1;
	}
	return 0;
}

static int is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0;
}

/* Supersets browsers use for the names pages give (WHATWG Encoding). */
static const char *superset(const char *cs)
{
	if (strcasecmp(cs, "iso-8859-1") == 0 || strcasecmp(cs, "latin1") == 0 ||
	    strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0)
		return "windows-1252";
	if (strcasecmp(cs, "gb2312") == 0 || strcasecmp(cs, "gbk") == 0)
		return "gb18030";
	return cs;
}

/* What to decode the page as.  Text that is valid UTF-8 throughout is
 * UTF-8 whatever it says: legacy-encoded text almost never is, while pages
 * saved or re-served as UTF-8 often keep their old declaration.  Text that
 * is UTF-8 but for a few bad bytes (declared so, or undeclared and mostly
 * valid) is UTF-8 too, and *clean is set: the bad bytes must become U+FFFD
 * first, as libxml2 stops reading at the first byte it cannot decode.  Else
 * the caller's charset (HTTP), the page's, or Windows-1252 (what browsers
 * assume for Latin-1). */
static const char *pick_encoding(const char *data, size_t n, const char *hint, char *buf,
				 size_t cap, int *clean)
{
	size_t good, bad;
	int declared;

	*clean = 0;
	utf8_census(data, n, &good, &bad);
	if (bad == 0)
		return "UTF-8";
	declared = declared_charset(data, n, buf, cap, 0);
	if (declared && is_utf8_name(buf) && 8 * bad > good + 8) {
		/* too broken to be UTF-8: a page saved inside another (a web
		 * archive's frame) declares the frame's charset first */
		declared = declared_charset(data, n, buf, cap, 1);
		if (!declared)
			return "windows-1252";
	}
	if (hint && *hint) {
		if (!is_utf8_name(hint))
			return superset(hint);
	} else if (declared && !is_utf8_name(buf)) {
		return superset(buf);
	} else if (!declared && good <= bad) {
		return "windows-1252";
	}
	*clean = 1;
	return "UTF-8";
}

#define MAX_KEPT_ATTRS 32

/* The attributes the readers look at (htmllean.h), for pages that could
 * not be made lean: libxml2 is spared building the others. */
static void start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	const xmlChar *kept[2 * MAX_KEPT_ATTRS + 1];
	size_t k = 0;

	for (size_t i = 0; atts && atts[i] && k < 2 * MAX_KEPT_ATTRS; i += 2)
		if (ns_html_kept_attr((const char *)atts[i], strlen((const char *)atts[i]))) {
			kept[k++] = atts[i];
			kept[k++] = atts[i + 1];
		}
	kept[k] = NULL;
	xmlSAX2StartElement(ctx, name, k ? kept : NULL);
}

int ns_html_read(struct ns_page *p, const char *data, size_t n, const char *encoding,
		 const char *url)
{
	htmlParserCtxtPtr ctx;
	htmlDocPtr doc;
	xmlNodePtr root;
	struct meta m;
	struct ns_buf raw = NS_BUF_INIT;
	const char *site = NULL, *u;
	char cs[64], host[128];
	int rc, fix, lean = 0;

	ns_page_reset(p);
	ns_dom_silence();
	if (n > INT32_MAX)
		n = INT32_MAX;	/* libxml2 takes an int size */
	encoding = pick_encoding(data ? data : "", n, encoding, cs, sizeof(cs), &fix);
	if (fix) {
		ns_utf8_append_clean(&raw, data, n);
		if (raw.err) {
			ns_buf_release(&raw);
			return NS_ERR_NOMEM;
		}
		data = (const char *)raw.data;
		n = raw.len;
	}
	if (ns_html_lean_ok(data ? data : "", n, encoding)) {
		struct ns_buf lean_copy = NS_BUF_INIT;
		if (ns_html_lean(data ? data : "", n, &lean_copy) != NS_OK) {
			ns_buf_release(&lean_copy);
			ns_buf_release(&raw);
			return NS_ERR_NOMEM;
		}
		ns_buf_release(&raw);
		raw = lean_copy;
		data = raw.data ? (const char *)raw.data : "";
		n = raw.len;
		lean = 1;
	}
	ctx = htmlNewParserCtxt();
	if (!ctx) {
		ns_buf_release(&raw);
		return NS_ERR_NOMEM;
	}
	if (!lean)	/* a lean copy has only the attributes kept already */
		ctx->sax->startElement = start_element;
	doc = htmlCtxtReadMemory(ctx, data ? data : "", (int)n, url, encoding, HTML_OPTS);
	if (!doc && encoding)	/* an encoding libxml2 does not know */
		doc = htmlCtxtReadMemory(ctx, data ? data : "", (int)n, url, NULL, HTML_OPTS);
	htmlFreeParserCtxt(ctx);
	ns_buf_reset(&raw);	/* the cleaned copy is not needed any more */
	if (!doc) {
		ns_buf_release(&raw);
		return n == 0 ? NS_OK : NS_ERR_INPUT;
	}
	root = xmlDocGetRootElement(doc);
	memset(&m, 0, sizeof(m));
	m.shown_date = NS_DATE_NONE;
	m.bare_date = NS_DATE_NONE;
	m.label_date = NS_DATE_NONE;
	ns_jsonld_init(&m.ld);
	rc = root ? meta(&m, root) : NS_OK;
	if (rc != NS_OK)
		goto out;
	/* source first: the title needs it */
	if (m.og_site)
		put_line(&p->source, m.og_site, strlen(m.og_site));
	else if (m.ld.publisher.len)
		put_line(&p->source, (const char *)m.ld.publisher.data, m.ld.publisher.len);
	else if (m.app_name)
		put_line(&p->source, m.app_name, strlen(m.app_name));
	site = ns_buf_cstr(&p->source);
	u = m.canonical && (ascii_prefix(m.canonical, "http://") ||
			    ascii_prefix(m.canonical, "https://"))
		    ? m.canonical
		    : m.og_url ? m.og_url : url;
	if (u)
		put_line(&p->url, u, strlen(u));
	ns_headline_host(u, host, sizeof(host));
	choose_title(p, &m, site, host);
	choose_date(p, &m, url);
	/* the body: extraction prunes the tree, so it comes last */
	if ((rc = ns_extract_main(doc, ns_buf_cstr(&p->title), &raw)) != NS_OK)
		goto out;
	if (m.ld.body.len > 0 && (double)raw.len * JSONLD_BODY_MIN < (double)m.ld.body.len &&
	    !memchr(m.ld.body.data, '<', m.ld.body.len)) {
		ns_buf_reset(&raw);
		put_line(&raw, (const char *)m.ld.body.data, m.ld.body.len);
	}
	rc = clean_into(&p->body, &raw);
	if (rc == NS_OK)
		rc = clean_into(&p->title, &p->title);
	if (rc == NS_OK)
		rc = clean_into(&p->source, &p->source);
	if (rc == NS_OK)
		rc = clean_into(&p->url, &p->url);
	if (rc == NS_OK && (p->date.err || !ns_buf_cstr(&p->date)))
		rc = NS_ERR_NOMEM;
out:
	ns_jsonld_release(&m.ld);
	ns_buf_release(&m.scratch);
	ns_buf_release(&raw);
	xmlFreeDoc(doc);
	return rc;
}

int ns_html_fragment_text(const char *data, size_t n, struct ns_buf *out)
{
	htmlDocPtr doc;
	struct ns_buf raw = NS_BUF_INIT;
	int rc = NS_OK;

	if (n == 0)
		return NS_OK;
	ns_dom_silence();
	if (n > INT32_MAX)
		n = INT32_MAX;
	doc = htmlReadMemory(data, (int)n, NULL, "UTF-8", HTML_OPTS);
	if (!doc)
		return NS_OK;
	if (xmlDocGetRootElement(doc))
		rc = ns_extract_text(xmlDocGetRootElement(doc), &raw);
	if (rc == NS_OK) {
		ns_utf8_append_clean(out, raw.data ? (const char *)raw.data : "", raw.len);
		rc = out->err ? NS_ERR_NOMEM : NS_OK;
	}
	ns_buf_release(&raw);
	xmlFreeDoc(doc);
	return rc;
}

int ns_html_sniff(const char *data, size_t n)
{
	static const char *const starts[] = { "<!doctype html", "<html", "<head", "<body", NULL };
	size_t i = 0;

	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		while (i < n && strchr(" \t\r\n", data[i]))
			i++;
		if (i + 4 <= n && memcmp(data + i, "<!--", 4) == 0) {
			const char *e = NULL;
			for (size_t k = i + 4; k + 3 <= n; k++)
				if (memcmp(data + k, "-->", 3) == 0) {
					e = data + k;
					break;
				}
			if (!e)
				return 0;
			i = (size_t)(e - data) + 3;
			continue;
		}
		break;
	}
	for (size_t k = 0; starts[k]; k++) {
		size_t l = strlen(starts[k]);
		if (i + l <= n && strncasecmp(data + i, starts[k], l) == 0)
			return 1;
	}
	return 0;
}
