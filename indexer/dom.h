/* SPDX-License-Identifier: MIT */
/* dom.h -- small helpers over a libxml2 tree, shared by the web readers
 * (html.c: metadata, extract.c: main content, feed.c: RSS/Atom). */
#ifndef NS_DOM_H
#define NS_DOM_H

#include <string.h>
#include <strings.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* Is n the element called name (lowercase, as the HTML parser names them)? */
static inline int ns_dom_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The value of attribute name of n (case ignored), borrowed; "" for an
 * attribute without a value, NULL if absent. */
static inline const char *ns_dom_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0)
			return a->children && a->children->content ? (const char *)a->children->content
								   : "";
	return NULL;
}

/* The node after n in document order within root, into n's children when
 * down; NULL past the end of root. */
static inline xmlNodePtr ns_dom_next(xmlNodePtr n, xmlNodePtr root, int down)
{
	if (down && n->children)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Walks root's subtree in document order: enter(n, ctx) on the way down
 * (n's children follow when it returns nonzero), then leave(n, ctx) once n
 * and all it holds are done (leave may be NULL). */
static inline void ns_dom_walk(xmlNodePtr root, int (*enter)(xmlNodePtr, void *),
			       void (*leave)(xmlNodePtr, void *), void *ctx)
{
	xmlNodePtr n = root;

	while (n) {
		if (enter(n, ctx) && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {	/* leaving n and its ancestors that end here */
			if (leave)
				leave(n, ctx);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

static inline void ns_dom_quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static inline void ns_dom_quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* libxml2 reports a document's faults through its global error handlers,
 * even with the NOERROR options; a page's or feed's faults are not the
 * user's business (readers report what they skip themselves). */
static inline void ns_dom_silence(void)
{
	xmlSetGenericErrorFunc(NULL, ns_dom_quiet);
	xmlSetStructuredErrorFunc(NULL, ns_dom_quiet_structured);
}

#endif /* NS_DOM_H */
