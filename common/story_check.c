/* SPDX-License-Identifier: MIT */
/* story_check.c -- check the story map (story_check.h). */
#include "story_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "story_file.h"
#include "story_sig.h"

struct ctx {
	ns_check_fn report;
	void *ctx;
	unsigned long *n_problems;
	char name[48];
	unsigned long n_sig;	/* signature mismatches (reported once) */
};

static void problem(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct ctx *c, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	(*c->n_problems)++;
	if (c->report)
		c->report(c->ctx, c->name, what);
}

/* Recomputes the signatures of live document d of segment s. */
static int check_sig(struct ctx *c, struct ns_segr *s, uint32_t d, const struct ns_story_doc *e,
		     uint64_t g)
{
	struct ns_story_sig sig;
	struct ns_doc doc;
	char *text;
	size_t len;
	int rc = ns_segr_doc(s, d, &doc);

	if (rc == NS_OK)
		rc = ns_doc_text(&doc, &text, &len);
	if (rc == NS_ERR_NOMEM)
		return rc;
	if (rc != NS_OK)
		return NS_OK;	/* the segment check reports it */
	ns_story_sig(doc.title.p, doc.title.len, text, len, &sig);
	free(text);
	if ((sig.exact != e->exact || sig.near != e->near) && c->n_sig++ == 0)
		problem(c, "document %llu: copy signatures differ from its text's",
			(unsigned long long)g);
	return NS_OK;
}

int ns_story_check(const char *dir, const struct ns_manifest *m, struct ns_segr **segs,
		   ns_check_fn report, void *ctx, unsigned long *n_problems)
{
	struct ctx c = { report, ctx, n_problems, "", 0 };
	struct ns_story_map map;
	uint64_t total = 0, g = 0;
	char why[256] = "";
	int rc;

	ns_story_file_name(c.name, m->generation);
	for (uint32_t i = 0; i < m->n_segs; i++)
		total += m->segs[i].n_docs;
	rc = ns_story_map_read(dir, m->generation, &map);
	if (rc == NS_ERR_NOMEM)
		return rc;
	if (rc != NS_OK) {
		problem(&c, "%s", rc == NS_ERR_NOTFOUND ? "missing" : ns_strerror(rc));
		return NS_OK;
	}
	if (map.n_docs != total) {
		problem(&c, "%u documents, the MANIFEST's segments hold %llu", map.n_docs,
			(unsigned long long)total);
		goto out;
	}
	rc = ns_story_map_validate(&map, why, sizeof(why));
	if (rc == NS_ERR_NOMEM)
		goto out;
	if (rc != NS_OK)
		problem(&c, "%s", why);
	rc = NS_OK;
	for (uint32_t i = 0; i < m->n_segs && rc == NS_OK; i++) {
		for (uint32_t d = 0; d < m->segs[i].n_docs && rc == NS_OK; d++, g++) {
			const struct ns_story_doc *e = &map.docs[g];
			int deleted;
			if (!segs[i])
				continue;
			deleted = ns_segr_is_deleted(segs[i], d);
			if (deleted != (e->story == NS_STORY_NONE)) {
				problem(&c, "document %llu is %s but %s a story",
					(unsigned long long)g, deleted ? "deleted" : "live",
					deleted ? "has" : "lacks");
				continue;
			}
			if (!deleted)
				rc = check_sig(&c, segs[i], d, e, g);
		}
	}
	if (c.n_sig > 1)
		problem(&c, "%lu documents in all have copy signatures unlike their text's", c.n_sig);
out:
	ns_story_map_release(&map);
	return rc;
}
