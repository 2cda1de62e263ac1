/* SPDX-License-Identifier: MIT */
/* feed.c -- feeds to articles (see feed.h). */
#include "feed.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "dom.h"
#include "error.h"
#include "extract.h"
#include "html.h"
#include "jsonl.h"

/* Never NOENT (entity substitution) nor DTDLOAD: nothing is fetched or
 * expanded from outside the file. */
#define FEED_OPTS (XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | \
		   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

static int named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int has_prefix(const xmlNode *n, const char *prefix)
{
	return n->ns && n->ns->prefix && strcmp((const char *)n->ns->prefix, prefix) == 0;
}

int ns_feed_sniff(const char *data, size_t n)
{
	size_t i = 0;

	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (int guard = 0; guard < 64; guard++) {
		while (i < n && strchr(" \t\r\n", data[i]))
			i++;
		if (i + 1 < n && data[i] == '<' && (data[i + 1] == '?' || data[i + 1] == '!')) {
			/* declaration, comment, DOCTYPE: skip to its '>' */
			const char *e = memchr(data + i, '>', n - i);
			if (!e)
				return 0;
			if (i + 4 <= n && memcmp(data + i, "<!--", 4) == 0) {
				e = NULL;
				for (size_t k = i + 4; k + 3 <= n; k++)
					if (memcmp(data + k, "-->", 3) == 0) {
						e = data + k + 2;
						break;
					}
				if (!e)
					return 0;
			}
			i = (size_t)(e - data) + 1;
			continue;
		}
		break;
	}
	return (i + 4 <= n && strncmp(data + i, "<rss", 4) == 0 &&
		(i + 4 == n || strchr(" \t\r\n>", data[i + 4]))) ||
	       (i + 5 <= n && strncmp(data + i, "<feed", 5) == 0 &&
		(i + 5 == n || strchr(" \t\r\n>", data[i + 5]))) ||
	       (i + 8 <= n && strncmp(data + i, "<rdf:RDF", 8) == 0);
}

/* The text of element n, whitespace collapsed, into out (reset first). */
static void line_of(xmlNodePtr n, struct ns_buf *out)
{
	ns_buf_reset(out);
	if (n)
		ns_extract_line(n, out);
}

/* The raw character content of n (text and CDATA children). */
static void raw_of(xmlNodePtr n, struct ns_buf *out)
{
	ns_buf_reset(out);
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			ns_buf_puts(out, (const char *)c->content);
}

struct item_bufs {
	struct ns_buf id, title, url, date, body, raw, source;
};

/* Does s hold an inline HTML tag (<b>, </em>, <br/>, ...)?  RSS titles are
 * text, yet publishers escape markup into them; "<summer>" stays text. */
static int has_inline_tag(const char *s)
{
	static const char *const tags[] = { "b", "i", "em", "strong", "span", "a", "br", "sup",
					    "sub", "abbr", "q", "code", "small", "mark", NULL };
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		const char *q = p + 1 + (p[1] == '/');
		for (size_t k = 0; tags[k]; k++) {
			size_t l = strlen(tags[k]);
			if (strncasecmp(q, tags[k], l) == 0 && strchr(" />", q[l]))
				return 1;
		}
	}
	return 0;
}

/* Title text: a title may carry escaped HTML; reduce it to text. */
static int title_text(xmlNodePtr t, struct item_bufs *b)
{
	xmlChar *ty;
	int html;

	ns_buf_reset(&b->title);
	if (!t)
		return NS_OK;
	raw_of(t, &b->raw);
	ty = xmlGetProp(t, (const xmlChar *)"type");
	html = ty && strcmp((const char *)ty, "html") == 0;
	xmlFree(ty);
	if (b->raw.len && ns_buf_cstr(&b->raw) &&
	    (html || has_inline_tag((const char *)b->raw.data))) {
		int rc = ns_html_fragment_text((const char *)b->raw.data, b->raw.len, &b->title);
		for (size_t i = 0; i < b->title.len; i++)
			if (b->title.data[i] == '\n')
				b->title.data[i] = ' ';
		return rc;
	}
	line_of(t, &b->title);
	return NS_OK;
}

/* Body text of content element c: HTML unless Atom says text or xhtml. */
static int body_text(xmlNodePtr c, struct item_bufs *b)
{
	const char *type;
	xmlChar *ty;
	int rc = NS_OK;

	ns_buf_reset(&b->body);
	if (!c)
		return NS_OK;
	ty = xmlGetProp(c, (const xmlChar *)"type");
	type = ty ? (const char *)ty : "";
	if (strcmp(type, "xhtml") == 0) {
		rc = ns_extract_text(c, &b->body);
	} else if (strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0) {
		raw_of(c, &b->raw);
		ns_utf8_append_clean(&b->body, b->raw.data ? (const char *)b->raw.data : "",
				     b->raw.len);
	} else {
		raw_of(c, &b->raw);
		rc = ns_html_fragment_text(b->raw.data ? (const char *)b->raw.data : "", b->raw.len,
					   &b->body);
	}
	xmlFree(ty);
	return rc;
}

static xmlNodePtr child(xmlNodePtr n, const char *name, const char *prefix)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (named(c, name) && (prefix ? has_prefix(c, prefix) : !c->ns || !c->ns->prefix))
			return c;
	return NULL;
}

static xmlNodePtr content_encoded(xmlNodePtr item)
{
	for (xmlNodePtr c = item->children; c; c = c->next)
		if (named(c, "encoded") && c->ns && c->ns->href &&
		    strcmp((const char *)c->ns->href, NS_CONTENT) == 0)
			return c;
	return NULL;
}

/* The Atom link of an entry: rel="alternate" (or no rel), else the first. */
static void atom_link(xmlNodePtr e, struct ns_buf *out)
{
	xmlChar *best = NULL;

	ns_buf_reset(out);
	for (xmlNodePtr c = e->children; c; c = c->next) {
		if (!named(c, "link"))
			continue;
		xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
		xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
		int alt = !rel || strcmp((const char *)rel, "alternate") == 0;
		xmlFree(rel);
		if (href && (alt || !best)) {
			xmlFree(best);
			best = href;
			if (alt)
				break;
		} else {
			xmlFree(href);
		}
	}
	if (best) {
		ns_buf_puts(out, (const char *)best);
		xmlFree(best);
	}
}

static void trim(struct ns_buf *b)
{
	size_t s = 0, e = b->len;
	while (s < e && strchr(" \t\r\n", b->data[s]))
		s++;
	while (e > s && strchr(" \t\r\n", b->data[e - 1]))
		e--;
	if (s)
		memmove(b->data, b->data + s, e - s);
	b->len = e - s;
}

static int emit_item(struct item_bufs *b, uint64_t k, const char *path, const char *file_id,
		     ns_article_fn on_article, void *ctx)
{
	struct ns_article a;
	int64_t t = NS_DATE_NONE;
	char num[64];

	trim(&b->id);
	trim(&b->url);
	trim(&b->date);
	if (b->id.len == 0) {
		ns_buf_puts(&b->id, file_id);
		snprintf(num, sizeof(num), "#%llu", (unsigned long long)k);
		ns_buf_puts(&b->id, num);
	}
	if (b->date.len && ns_date_parse((const char *)b->date.data, b->date.len, &t) != 0) {
		t = NS_DATE_NONE;
		b->date.len = 0;
	}
	/* everything handed out is valid UTF-8 (libxml2 gives UTF-8; the
	 * cleaning is for what it let through) */
	struct ns_buf *fields[] = { &b->id, &b->title, &b->url, &b->date, &b->body, &b->source };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		ns_buf_reset(&b->raw);
		ns_utf8_append_clean(&b->raw, fields[i]->data ? (const char *)fields[i]->data : "",
				     fields[i]->len);
		ns_buf_reset(fields[i]);
		ns_buf_append(fields[i], b->raw.data, b->raw.len);
		if (!ns_buf_cstr(fields[i]))
			return NS_ERR_NOMEM;
	}
	memset(&a, 0, sizeof(a));
	a.id = (const char *)b->id.data;
	a.title = (const char *)b->title.data;
	a.body = (const char *)b->body.data;
	a.body_len = b->body.len;
	a.date = (const char *)b->date.data;
	a.date_key = t;
	a.source = (const char *)b->source.data;
	a.url = (const char *)b->url.data;
	a.path = path;
	a.line = 0;
	return on_article(ctx, &a);
}

int ns_feed_read(const char *data, size_t n, const char *path, const char *file_id,
		 ns_article_fn on_article, void *ctx)
{
	struct item_bufs b;
	xmlDocPtr doc;
	xmlNodePtr root, chan, items;
	uint64_t k = 0;
	int rc = NS_OK, atom;

	ns_dom_silence();
	if (n > INT32_MAX)
		return NS_ERR_INPUT;
	doc = xmlReadMemory(data, (int)n, NULL, NULL, FEED_OPTS);
	if (!doc)
		return NS_ERR_INPUT;
	root = xmlDocGetRootElement(doc);
	atom = named(root, "feed");
	if (!root || !(atom || named(root, "rss") || named(root, "RDF"))) {
		xmlFreeDoc(doc);
		return NS_ERR_INPUT;
	}
	memset(&b, 0, sizeof(b));
	chan = atom ? root : child(root, "channel", NULL);
	line_of(chan ? child(chan, "title", NULL) : NULL, &b.source);
	/* RSS 2.0 items are in the channel, RSS 1.0 items beside it */
	items = atom ? root : named(root, "rss") ? chan : root;
	for (xmlNodePtr it = items ? items->children : NULL; it && rc == NS_OK; it = it->next) {
		if (!named(it, atom ? "entry" : "item"))
			continue;
		k++;
		ns_buf_reset(&b.id);
		ns_buf_reset(&b.url);
		ns_buf_reset(&b.date);
		if (atom) {
			xmlNodePtr c = child(it, "content", NULL);
			atom_link(it, &b.url);
			if (!b.url.len)
				raw_of(child(it, "id", NULL), &b.id);
			raw_of(child(it, "published", NULL), &b.date);
			if (!b.date.len)
				raw_of(child(it, "updated", NULL), &b.date);
			rc = body_text(c ? c : child(it, "summary", NULL), &b);
		} else {
			xmlNodePtr c = content_encoded(it);
			raw_of(child(it, "link", NULL), &b.url);
			trim(&b.url);
			if (!b.url.len)
				raw_of(child(it, "guid", NULL), &b.id);
			raw_of(child(it, "pubDate", NULL), &b.date);
			if (!b.date.len)
				raw_of(child(it, "date", "dc"), &b.date);
			rc = body_text(c ? c : child(it, "description", NULL), &b);
		}
		if (rc == NS_OK && b.url.len)
			ns_buf_append(&b.id, b.url.data, b.url.len);
		if (rc == NS_OK)
			rc = title_text(child(it, "title", NULL), &b);
		if (rc == NS_OK)
			rc = emit_item(&b, k, path, file_id, on_article, ctx);
	}
	struct ns_buf *all[] = { &b.id, &b.title, &b.url, &b.date, &b.body, &b.raw, &b.source };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		ns_buf_release(all[i]);
	xmlFreeDoc(doc);
	return rc;
}
