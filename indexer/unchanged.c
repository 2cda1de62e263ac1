/* SPDX-License-Identifier: MIT */
/* unchanged.c -- compare an article with its indexed copy (see unchanged.h). */
#include "unchanged.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

struct live {
	struct ns_segr *seg;
	int found;
	uint32_t docid;
};

static int on_id(void *ctx, uint32_t docid)
{
	struct live *l = ctx;

	if (!ns_segr_is_deleted(l->seg, docid)) {
		l->found = 1;
		l->docid = docid;
	}
	return 0;
}

static int eq(const struct ns_str *s, const char *t)
{
	size_t n = strlen(t);
	return s->len == n && memcmp(s->p, t, n) == 0;
}

int ns_unchanged(struct ns_segr *const *segs, size_t n, const struct ns_article *a, int *same)
{
	*same = 0;
	for (size_t i = n; i-- > 0;) {
		struct live l = { segs[i], 0, 0 };
		struct ns_doc d;
		char *text;
		size_t len;
		int rc = ns_segr_find_id(segs[i], a->id, strlen(a->id), on_id, &l);
		if (rc != NS_OK)
			return rc;
		if (!l.found)
			continue;
		if ((rc = ns_segr_doc(segs[i], l.docid, &d)) != NS_OK)
			return rc;
		if (!eq(&d.title, a->title) || !eq(&d.date, a->date) || !eq(&d.source, a->source) ||
		    !eq(&d.url, a->url) || d.text_len != a->body_len)
			return NS_OK;
		if ((rc = ns_doc_text(&d, &text, &len)) != NS_OK)
			return rc;
		*same = len == a->body_len && memcmp(text, a->body, len) == 0;
		free(text);
		return NS_OK;
	}
	return NS_OK;
}
