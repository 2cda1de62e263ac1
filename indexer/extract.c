/* SPDX-License-Identifier: MIT */
/* extract.c -- main-content extraction from a libxml2 HTML tree (see extract.h).
 *
 * Every walk is iterative (parent/next pointers), never recursive: libxml2
 * builds trees as deep as the markup nests, and a hostile page nests
 * deeply.  Per-element counts live in one array reached through each
 * element's _private pointer, filled by a post-order pass (measure()).
 *
 * The scoring follows Mozilla Readability (Apache-2.0), whose reference
 * outputs are our closest proxy for human judgement; the constants are
 * its constants unless a comment says why not.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

#include "dom.h"
#include "error.h"

#define MIN_PARA_CHARS 25	/* shorter blocks earn no score */
#define CLASS_WEIGHT 25
#define N_TOP 5
#define LIST_LINKS 0.3	/* a list with more link text than this is a link list */
#define ALT_RATIO 0.75		/* alternative candidates: share of the best score */
#define GUARD_SHARE 0.4	/* a boilerplate-named element holding more of the
				 * page's paragraph text than this is kept for
				 * scoring (broken markup puts articles there) */

/* Counts for one element, its whole subtree. */
struct est {
	size_t text;		/* characters, whitespace runs counted once */
	size_t inl;		/* of which not inside a block child */
	size_t link;		/* characters inside <a> */
	size_t heading;		/* characters inside h1-h6 */
	size_t ptext;		/* characters inside <p> */
	size_t commas;
	unsigned p, img, li, input, embed;
	double score;
	int scored;		/* score was initialised */
	unsigned char kind;	/* enum kind + 1, 0 until known */
};

enum kind { K_INLINE, K_BLOCK, K_DROP };

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if ((*list)[0] == name[0] && strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* Elements that never hold article text. */
static const char *const never[] = {
	"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
	"canvas", "math", "video", "audio", "source", "track", "map", "button", "input",
	"select", "textarea", "option", "label", "figure", "figcaption", "picture", "dialog", "menu", "link", "meta", "head",
	"title", "base", NULL,
};

/* Elements whose content is not text at all. */
static const char *const invisible[] = {
	"script", "style", "noscript", "template", "svg", "math", "head", "title", "select",
	"option", "textarea", NULL,
};

/* Tags of boilerplate regions (dropped unless they hold the article). */
static const char *const regions[] = { "nav", "aside", "footer", "header", NULL };

/* Elements that start a paragraph. */
static const char *const blocks[] = {
	"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
	"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td",
	"th", "thead", "tbody", "tfoot", "caption", "br", "hr", "address", "center",
	"details", "summary", "form", "fieldset", "body", "html", "header", "footer",
	"nav", "aside", "figure", "figcaption", "hgroup", NULL,
};

static enum kind classify(const char *name)
{
	if (in_list(name, never))
		return K_DROP;
	return in_list(name, blocks) ? K_BLOCK : K_INLINE;
}

/* The kind of n, kept in its counts once measure() has given it some. */
static enum kind kind_of(const xmlNode *n)
{
	struct est *e = (struct est *)n->_private;

	if (!e)
		return classify((const char *)n->name);
	if (!e->kind)
		e->kind = (unsigned char)(classify((const char *)n->name) + 1);
	return (enum kind)(e->kind - 1);
}

static int is_heading(const xmlNode *n)
{
	const char *s = (const char *)n->name;
	return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == 0;
}

static struct est *E(const xmlNode *n)
{
	return (struct est *)n->_private;
}

/* ---- class and id names ---- */

/* class and id of n, lowercased, into out[cap]. */
static void names_of(const xmlNode *n, char *out, size_t cap)
{
	const char *c = ns_dom_attr(n, "class"), *i = ns_dom_attr(n, "id");
	size_t k = 0;

	for (int pass = 0; pass < 2; pass++) {
		const char *s = pass ? i : c;
		if (!s)
			continue;
		while (*s && k + 2 < cap) {
			char ch = *s++;
			out[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
		}
		if (k + 1 < cap)
			out[k++] = ' ';
	}
	out[k] = 0;
}

static int any_of(const char *s, const char *const *pats)
{
	for (; *pats; pats++)
		if (strstr(s, *pats))
			return 1;
	return 0;
}

/* Names that mark boilerplate, and names that rescue an element. */
static const char *const unlikely[] = {
	"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
	"disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
	"replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
	NULL,
};
static const char *const maybe[] = {
	"and", "article", "body", "column", "content", "main", "shadow", NULL,
};
/* Always boilerplate unless the element holds much of the page (these are
 * the list: share bars, captions, cookie and subscription notices,
 * comments, related links, promotions). */
static const char *const strong[] = {
	"share", "sharing", "social", "cookie", "consent", "newsletter", "subscri", "signup",
	"sign-up", "caption", "credit", "related", "recommend", "promo", "advert", "outbrain",
	"taboola", "comment", "breadcrumb", "sidebar", "popup", "modal", "byline",
	"author-bio", "most-popular", "mostpopular", "trending", "more-stories", "read-more",
	"readmore", "sr-only", "visually-hidden", "screen-reader", "print-only", "skip-link",
	"tags", "tag-list", "timestamp", "dateline", NULL,
};
static const char *const negative[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
	"masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
	"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", NULL,
};
static const char *const positive[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
	"pagination", "post", "text", "blog", "story", NULL,
};

static int class_weight(const xmlNode *n)
{
	char s[512];
	int w = 0;

	names_of(n, s, sizeof(s));
	if (!s[0])
		return 0;
	if (any_of(s, negative))
		w -= CLASS_WEIGHT;
	if (any_of(s, positive))
		w += CLASS_WEIGHT;
	return w;
}

static int hidden(const xmlNode *n)
{
	const char *s = ns_dom_attr(n, "style"), *r;

	if (ns_dom_attr(n, "hidden"))
		return 1;
	if ((r = ns_dom_attr(n, "aria-hidden")) && strcmp(r, "true") == 0)
		return 1;
	if (s) {
		char t[256];
		size_t k = 0;
		for (; *s && k + 1 < sizeof(t); s++)
			if (*s != ' ')
				t[k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
		t[k] = 0;
		if (strstr(t, "display:none") || strstr(t, "visibility:hidden"))
			return 1;
	}
	return 0;
}

static int boilerplate_role(const xmlNode *n)
{
	static const char *const roles[] = {
		"navigation", "complementary", "contentinfo", "banner", "menu", "menubar",
		"dialog", "alertdialog", "search", "tablist", NULL,
	};
	const char *r = ns_dom_attr(n, "role");
	return r && in_list(r, roles);
}

/* ---- counting ---- */

static int utf8_lead(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

static int space_at(const unsigned char *s, size_t *w)
{
	if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f') {
		*w = 1;
		return 1;
	}
	if (s[0] == 0xC2 && s[1] == 0xA0) {	/* no-break space */
		*w = 2;
		return 1;
	}
	return 0;
}

static void count_text(const unsigned char *s, size_t *chars, size_t *commas)
{
	int sp = 1;
	size_t w;

	*chars = *commas = 0;
	while (*s) {
		if (space_at(s, &w)) {
			s += w;
			if (!sp)
				(*chars)++;
			sp = 1;
			continue;
		}
		sp = 0;
		if (*s == ',')
			(*commas)++;
		else if (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8C)	/* U+FF0C */
			(*commas)++;
		else if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x81)	/* U+3001 */
			(*commas)++;
		if (utf8_lead(*s))
			(*chars)++;
		s++;
	}
}

/* What finish() needs to know of an element's name, found with one look
 * at its first letter instead of a dozen string comparisons. */
enum {
	T_A = 1, T_P = 2, T_IMG = 4, T_LI = 8, T_INPUT = 16, T_EMBED = 32, T_HEADING = 64,
	T_INVISIBLE = 128,
};

static unsigned tag_bits(const xmlNode *n)
{
	const char *s = (const char *)n->name;

	switch (s[0]) {
	case 'a':
		return s[1] == 0 ? T_A : 0;
	case 'p':
		return s[1] == 0 ? T_P : 0;
	case 'h':
		return is_heading(n) ? T_HEADING : in_list(s, invisible) ? T_INVISIBLE : 0;
	case 'i':
		return strcmp(s, "img") == 0 ? T_IMG : strcmp(s, "input") == 0 ? T_INPUT
		       : strcmp(s, "iframe") == 0 ? T_EMBED : 0;
	case 'l':
		return s[1] == 'i' && s[2] == 0 ? T_LI : 0;
	case 'o':
		return strcmp(s, "object") == 0 ? T_EMBED : strcmp(s, "option") == 0 ? T_INVISIBLE : 0;
	case 'e':
		return strcmp(s, "embed") == 0 ? T_EMBED : 0;
	case 's':
		return strcmp(s, "select") == 0 ? T_INPUT | T_INVISIBLE
		       : in_list(s, invisible) ? T_INVISIBLE : 0;
	case 't':
		return strcmp(s, "textarea") == 0 ? T_INPUT | T_INVISIBLE
		       : in_list(s, invisible) ? T_INVISIBLE : 0;
	case 'm': case 'n':
		return in_list(s, invisible) ? T_INVISIBLE : 0;
	default:
		return 0;
	}
}

static void finish(xmlNodePtr n, xmlNodePtr root)
{
	struct est *e = E(n), *p;
	unsigned bits = tag_bits(n);

	if (bits & T_A)
		e->link = e->text;
	if (bits & T_HEADING)
		e->heading = e->text;
	if (bits & T_P)
		e->ptext = e->text;
	if (n == root || !n->parent || n->parent->type != XML_ELEMENT_NODE)
		return;
	p = E(n->parent);
	if (!p || (bits & T_INVISIBLE))
		return;
	p->ptext += e->ptext;
	p->text += e->text;
	p->link += e->link;
	p->heading += e->heading;
	p->commas += e->commas;
	p->p += e->p + !!(bits & T_P);
	p->img += e->img + !!(bits & T_IMG);
	p->li += e->li + !!(bits & T_LI);
	p->input += e->input + !!(bits & T_INPUT);
	p->embed += e->embed + !!(bits & T_EMBED);
	if (kind_of(n) != K_BLOCK)
		p->inl += e->inl;
}

struct measuring {
	xmlNodePtr root;
	struct est *pool;
	size_t used;
};

static int measure_enter(xmlNodePtr n, void *ctx)
{
	struct measuring *m = ctx;

	if (n->type == XML_ELEMENT_NODE) {
		n->_private = &m->pool[m->used++];
		return 1;
	}
	if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->parent &&
	    n->parent->type == XML_ELEMENT_NODE && n->content) {
		struct est *p = E(n->parent);
		size_t c, k;
		count_text(n->content, &c, &k);
		p->text += c;
		p->inl += c;
		p->commas += k;
	}
	return 0;
}

static void measure_leave(xmlNodePtr n, void *ctx)
{
	if (n->type == XML_ELEMENT_NODE)
		finish(n, ((struct measuring *)ctx)->root);
}

/* Fills the counts of every element under root (post-order). */
static int measure(xmlNodePtr root, struct est **pool, size_t *cap)
{
	size_t count = 0;

	for (xmlNodePtr n = root; n; n = ns_dom_next(n, root, 1))
		if (n->type == XML_ELEMENT_NODE)
			count++;
	if (count > *cap) {
		struct est *p = realloc(*pool, count * sizeof(*p));
		if (!p)
			return NS_ERR_NOMEM;
		*pool = p;
		*cap = count;
	}
	memset(*pool, 0, count * sizeof(**pool));

	struct measuring m = { root, *pool, 0 };
	ns_dom_walk(root, measure_enter, measure_leave, &m);
	return NS_OK;
}

/* ---- pruning ---- */

static void drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Removes what never holds the article.  total: paragraph characters of
 * the page. */
static void prune(xmlNodePtr root, size_t total)
{
	xmlNodePtr n = root, next;
	char names[512];

	while (n) {
		int del = 0;
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			del = 1;
		} else if (n->type == XML_ELEMENT_NODE && n != root) {
			const char *name = (const char *)n->name;
			int structural = strcmp(name, "article") == 0 || strcmp(name, "main") == 0 ||
					 strcmp(name, "body") == 0;
			int guarded = E(n) && (double)E(n)->ptext > GUARD_SHARE * (double)total;
			if (guarded && !hidden(n) && !in_list(name, invisible)) {
				del = 0;
			} else if (kind_of(n) == K_DROP || hidden(n) || boilerplate_role(n) ||
				   in_list(name, regions)) {
				del = 1;
			} else if (!ns_dom_is(n, "a")) {
				names_of(n, names, sizeof(names));
				if (names[0] && any_of(names, strong))
					del = 1;
				else if (names[0] && !structural && any_of(names, unlikely) &&
					 !any_of(names, maybe))
					del = 1;
			}
		}
		next = ns_dom_next(n, root, !del);
		if (del && getenv("NS_EXTRACT_DEBUG") && n->type == XML_ELEMENT_NODE && E(n) && E(n)->text > 200) {
			names_of(n, names, sizeof(names));
			fprintf(stderr, "prune <%s> '%s' text %zu\n", (const char *)n->name, names, E(n)->text);
		}
		if (del)
			drop(n);
		n = next;
	}
}

/* ---- scoring ---- */

static void init_score(xmlNodePtr n)
{
	struct est *e = E(n);
	const char *s = (const char *)n->name;

	if (e->scored)
		return;
	e->scored = 1;
	if (strcmp(s, "div") == 0)
		e->score = 5;
	else if (strcmp(s, "pre") == 0 || strcmp(s, "td") == 0 || strcmp(s, "blockquote") == 0)
		e->score = 3;
	else if (in_list(s, (const char *const[]){ "address", "ol", "ul", "dl", "dd", "dt", "li",
						   "form", NULL }))
		e->score = -3;
	else if (is_heading(n) || strcmp(s, "th") == 0)
		e->score = -5;
	e->score += class_weight(n);
}

static double link_density(const xmlNode *n)
{
	const struct est *e = E(n);
	return e->text ? (double)e->link / (double)e->text : 0;
}

/* Credits the ancestors of each paragraph-like block. */
static void score_blocks(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = ns_dom_next(n, root, 1)) {
		const char *s;
		size_t len, commas;
		double sc;

		if (n->type != XML_ELEMENT_NODE || n == root)
			continue;
		s = (const char *)n->name;
		if (strcmp(s, "p") == 0 || strcmp(s, "pre") == 0 || strcmp(s, "td") == 0) {
			len = E(n)->text;
			commas = E(n)->commas;
		} else if (is_heading(n) && !ns_dom_is(n, "h1")) {
			/* section headings count as Readability counts them */
			len = E(n)->text;
			commas = E(n)->commas;
		} else if (kind_of(n) == K_BLOCK && !ns_dom_is(n, "li") && !ns_dom_is(n, "dd") && !ns_dom_is(n, "dt") &&
			   !ns_dom_is(n, "ul") && !ns_dom_is(n, "ol") && !ns_dom_is(n, "table") && !ns_dom_is(n, "tr") &&
			   !is_heading(n)) {
			/* a div's own loose text counts as a paragraph */
			len = E(n)->inl;
			commas = E(n)->text ? E(n)->commas * len / E(n)->text : 0;
		} else {
			continue;
		}
		if (len < MIN_PARA_CHARS)
			continue;
		sc = 1 + (double)commas + (double)(len / 100 < 3 ? len / 100 : 3);
		xmlNodePtr a = n->parent;
		for (int level = 0; level < 5 && a && a->type == XML_ELEMENT_NODE && E(a);
		     level++, a = a->parent) {
			init_score(a);
			E(a)->score += sc / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		}
	}
}

static int contains(const xmlNode *anc, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == anc)
			return 1;
	return 0;
}

/* The element that holds the article, or NULL when nothing scored. */
static xmlNodePtr pick_top(xmlNodePtr root)
{
	xmlNodePtr top[N_TOP] = { 0 }, best, p;
	double last, threshold;

	for (xmlNodePtr n = root; n; n = ns_dom_next(n, root, 1)) {
		if (n->type != XML_ELEMENT_NODE || !E(n)->scored)
			continue;
		E(n)->score *= 1 - link_density(n);
		for (int k = 0; k < N_TOP; k++) {
			if (!top[k] || E(n)->score > E(top[k])->score) {
				memmove(top + k + 1, top + k, (N_TOP - k - 1) * sizeof(top[0]));
				top[k] = n;
				break;
			}
		}
	}
	best = top[0];
	if (!best)
		return NULL;
	/* several good candidates under one ancestor: take the ancestor */
	if (best == root)
		return best;
	for (p = best->parent; p && p != root && p->type == XML_ELEMENT_NODE && E(p); p = p->parent) {
		int alts = 0;
		for (int k = 1; k < N_TOP; k++)
			if (top[k] && E(top[k])->score >= ALT_RATIO * E(best)->score &&
			    contains(p, top[k]))
				alts++;
		if (alts >= 2) {
			best = p;
			break;
		}
	}
	init_score(best);
	/* climb while the parent scores better */
	last = E(best)->score;
	threshold = last / 3;
	for (p = best->parent; p && p != root && p->type == XML_ELEMENT_NODE && E(p); p = p->parent) {
		if (!E(p)->scored)
			continue;
		if (E(p)->score < threshold)
			break;
		if (E(p)->score > last) {
			best = p;
			break;
		}
		last = E(p)->score;
	}
	/* an only child says nothing more than its parent */
	while (best->parent && best->parent != root && best->parent->type == XML_ELEMENT_NODE) {
		int kids = 0;
		for (xmlNodePtr c = best->parent->children; c; c = c->next)
			kids += c->type == XML_ELEMENT_NODE;
		if (kids != 1)
			break;
		best = best->parent;
	}
	return best;
}

/* ---- rendering ---- */

struct out {
	struct ns_buf *b;
	int space;	/* a space is due before the next word */
	int par;	/* a paragraph break is due */
	size_t mark;	/* where the current paragraph began */
	size_t mark0;	/* where the text began */
};

static void put_text(struct out *o, const unsigned char *s)
{
	size_t w;

	while (*s) {
		if (space_at(s, &w)) {
			s += w;
			o->space = 1;
			continue;
		}
		size_t run = 1;
		while (s[run] && !space_at(s + run, &w))
			run++;
		if (o->par) {
			if (o->b->len > 0)
				ns_buf_append(o->b, "\n\n", 2);
			o->par = 0;
			o->space = 0;
			o->mark = o->b->len;
		} else if (o->space && o->b->len > o->mark) {
			ns_buf_putc(o->b, ' ');
		}
		o->space = 0;
		ns_buf_append(o->b, s, run);
		s += run;
	}
}

static int is_list(const xmlNode *n)
{
	return ns_dom_is(n, "ul") || ns_dom_is(n, "ol");
}

static int in_figure(const xmlNode *n)
{
	for (; n; n = n->parent)
		if (ns_dom_is(n, "figure"))
			return 1;
	return 0;
}

/* Readability's "clean conditionally": containers that look like widgets,
 * link lists or forms rather than prose. */
static int looks_like_junk(const xmlNode *n, size_t whole)
{
	const struct est *e = E(n);
	int weight, list = is_list(n);
	double ld, p, img, li;

	if (!e || !(ns_dom_is(n, "div") || ns_dom_is(n, "section") || ns_dom_is(n, "table") || list || ns_dom_is(n, "form") ||
		    ns_dom_is(n, "fieldset") || ns_dom_is(n, "dl")))
		return 0;
	weight = class_weight(n);
	/* the wrapper of most of the article is the article, whatever its
	 * class says ("elementor-widget-container") */
	if (weight + (e->scored ? e->score : 0) < 0 && 2 * e->text <= whole)
		return 1;
	ld = link_density(n);
	if (list && ld > LIST_LINKS)
		return 1;	/* a list of links: navigation, related stories */
	if (e->commas >= 10)
		return 0;
	p = e->p;
	img = e->img;
	li = (double)e->li - 100;
	if (img > 1 && p / img < 0.5 && !in_figure(n))
		return 1;
	if (!list && li > p)
		return 1;
	if (e->input > e->p / 3)
		return 1;
	if (!list && e->text < MIN_PARA_CHARS && e->heading * 10 < e->text * 9 &&
	    (img == 0 || img > 2) && !in_figure(n))
		return 1;
	if (!list && weight < CLASS_WEIGHT && ld > 0.2)
		return 1;
	if (weight >= CLASS_WEIGHT && ld > 0.5)
		return 1;
	if ((e->embed == 1 && e->text < 75) || e->embed > 1)
		return 1;
	return 0;
}

/* Compares the words of a heading with the title, ignoring case, spaces
 * and punctuation. */
static int same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a && !((*a >= '0' && *a <= '9') || (*a >= 'A' && *a <= 'Z') ||
			       (*a >= 'a' && *a <= 'z') || (unsigned char)*a >= 0x80))
			a++;
		while (*b && !((*b >= '0' && *b <= '9') || (*b >= 'A' && *b <= 'Z') ||
			       (*b >= 'a' && *b <= 'z') || (unsigned char)*b >= 0x80))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		char x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
		char y = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b;
		if (x != y)
			return 0;
		a++;
		b++;
	}
}

struct rendering {
	xmlNodePtr root;
	struct out *o;
	int clean;	/* apply the junk and title rules */
	const char *title;
	struct ns_buf *scratch;
};

/* Puts n's text; says whether what n holds is rendered too. */
static int render_enter(xmlNodePtr n, void *ctx)
{
	struct rendering *r = ctx;

	if (n->type == XML_ELEMENT_NODE) {
		enum kind k = kind_of(n);
		if (k == K_DROP || hidden(n))
			return 0;
		if (r->clean && n != r->root &&
		    looks_like_junk(n, E(r->root) ? E(r->root)->text : 0))
			return 0;
		if (r->clean && is_heading(n) && r->title && *r->title) {
			ns_buf_reset(r->scratch);
			ns_extract_line(n, r->scratch);
			if (ns_buf_cstr(r->scratch) && same_words((char *)r->scratch->data, r->title))
				return 0;
			if (class_weight(n) < 0)
				return 0;
		}
		if (k == K_BLOCK)
			r->o->par = 1;
	} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
		put_text(r->o, n->content);
	}
	return 1;
}

static void render_leave(xmlNodePtr n, void *ctx)
{
	if (n->type == XML_ELEMENT_NODE && kind_of(n) == K_BLOCK)
		((struct rendering *)ctx)->o->par = 1;
}

/* Renders the subtree at root; clean: apply the junk and title rules. */
static void render(xmlNodePtr root, struct out *o, int clean, const char *title,
		   struct ns_buf *scratch)
{
	struct rendering r = { root, o, clean, title, scratch };

	ns_dom_walk(root, render_enter, render_leave, &r);
}

void ns_extract_line(xmlNodePtr node, struct ns_buf *out)
{
	struct out o = { out, 0, 0, out->len, out->len };
	size_t start = out->len;

	for (xmlNodePtr n = node; n;
	     n = ns_dom_next(n, node, n == node || (n->type == XML_ELEMENT_NODE && kind_of(n) != K_DROP)))
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			put_text(&o, n->content);
	(void)start;
}

int ns_extract_text(xmlNodePtr node, struct ns_buf *out)
{
	struct out o = { out, 0, 0, out->len, out->len };
	struct ns_buf scratch = NS_BUF_INIT;

	render(node, &o, 0, NULL, &scratch);
	ns_buf_release(&scratch);
	return out->err ? NS_ERR_NOMEM : NS_OK;
}

/* ---- boilerplate lines ---- */

/* Short paragraphs that open so are links to elsewhere, credits, labels or
 * notices, not the article ("Read more: ...", "Photo: ...", "Lesen Sie
 * auch", "À lire aussi").  Compared without regard to ASCII case. */
static const char *const boiler_starts[] = {
	"read more", "read also", "also read", "see also", "related:", "related stories",
	"more on this", "you may also like", "recommended", "advertisement", "sponsored",
	"photo:", "photo by", "photograph by", "photos:", "image:", "image by", "credit:",
	"credits:", "picture:", "source:", "share this", "share on", "sign up", "subscribe",
	"never miss", "follow us", "click here", "copyright", "\xc2\xa9", "all rights reserved",
	"lesen sie auch", "lesen sie mehr", "mehr zum thema", "zum weiterlesen", "auch interessant",
	"das k\xc3\xb6nnte dich", "das k\xc3\xb6nnte sie", "weitere informationen",
	"weitere artikel", "anzeige", "foto:", "fotos:", "bild:", "quelle:", "teilen",
	"\xc3\xa0 lire aussi", "lire aussi", "voir aussi", "cr\xc3\xa9" "dits photos", "cr\xc3\xa9" "dit photo",
	"lee tambi\xc3\xa9n", "puedes ver", "ver tambi\xc3\xa9n", "leggi anche", "leia tamb\xc3\xa9m",
	NULL,
};

#define BOILER_MAX 100	/* longer paragraphs are text, whatever they open with */

static int boiler_para(const char *p, size_t n)
{
	if (n > BOILER_MAX)
		return 0;
	for (size_t k = 0; boiler_starts[k]; k++) {
		size_t l = strlen(boiler_starts[k]);
		if (l <= n && strncasecmp(p, boiler_starts[k], l) == 0)
			return 1;
	}
	return 0;
}

/* Drops the boilerplate paragraphs of b from offset from on. */
static void drop_boiler(struct ns_buf *b, size_t from)
{
	size_t r = from, w = from;

	while (r < b->len) {
		const uint8_t *e = memchr(b->data + r, '\n', b->len - r);
		size_t end = e ? (size_t)(e - b->data) : b->len, next = end;
		while (next < b->len && b->data[next] == '\n')
			next++;
		if (!boiler_para((const char *)b->data + r, end - r)) {
			if (w > from) {
				b->data[w++] = '\n';
				b->data[w++] = '\n';
			}
			memmove(b->data + w, b->data + r, end - r);
			w += end - r;
		}
		r = next;
	}
	b->len = w;
}

/* ---- the article ---- */

static xmlNodePtr body_of(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (!root)
		return NULL;
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (ns_dom_is(c, "body"))
			return c;
	return root;
}

/* Is s (a sibling of the top candidate) part of the article too? */
static int sibling_belongs(xmlNodePtr s, xmlNodePtr top)
{
	double threshold = E(top)->score * 0.2, bonus = 0;
	const char *a = ns_dom_attr(s, "class"), *b = ns_dom_attr(top, "class");

	if (threshold < 10)
		threshold = 10;
	if (a && b && *a && strcmp(a, b) == 0)
		bonus = E(top)->score * 0.2;
	if (E(s)->scored && E(s)->score + bonus >= threshold)
		return 1;
	if (ns_dom_is(s, "p")) {
		double ld = link_density(s);
		size_t len = E(s)->text;
		if (len > 80 && ld < 0.25)
			return 1;
		if (len > 0 && len < 80 && ld == 0 && s->children) {
			/* a short paragraph that ends a sentence */
			struct ns_buf t = NS_BUF_INIT;
			int ok;
			ns_extract_line(s, &t);
			ok = t.len > 0 && t.data[t.len - 1] == '.';
			ns_buf_release(&t);
			return ok;
		}
	}
	return 0;
}

int ns_extract_main(htmlDocPtr doc, const char *title, struct ns_buf *out)
{
	xmlNodePtr body = body_of(doc), top;
	struct est *pool = NULL;
	size_t cap = 0;
	struct ns_buf scratch = NS_BUF_INIT;
	struct out o = { out, 0, 0, out->len, out->len };
	int rc;

	if (!body)
		return NS_OK;
	if ((rc = measure(body, &pool, &cap)) != NS_OK)
		goto out;
	prune(body, E(body)->ptext);
	if ((rc = measure(body, &pool, &cap)) != NS_OK)
		goto out;
	score_blocks(body);
	top = pick_top(body);
	if (getenv("NS_EXTRACT_DEBUG") && top) {
		char nm[512];
		names_of(top, nm, sizeof(nm));
		fprintf(stderr, "top <%s> '%s' score %.1f text %zu link %zu\n", (const char *)top->name,
			nm, E(top)->score, E(top)->text, E(top)->link);
	}
	if (!top || top == body || !top->parent) {
		render(body, &o, 1, title, &scratch);
	} else {
		for (xmlNodePtr s = top->parent->children; s; s = s->next) {
			if (s->type != XML_ELEMENT_NODE)
				continue;
			if (s == top || sibling_belongs(s, top)) {
				o.par = 1;
				render(s, &o, 1, title, &scratch);
			}
		}
	}
	rc = out->err || scratch.err ? NS_ERR_NOMEM : NS_OK;
	if (rc == NS_OK)
		drop_boiler(out, o.mark0);
out:
	/* the pool dies here: leave no dangling pointers in the tree */
	for (xmlNodePtr n = body; n; n = ns_dom_next(n, body, 1))
		n->_private = NULL;
	free(pool);
	ns_buf_release(&scratch);
	return rc;
}
