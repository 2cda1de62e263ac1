/* SPDX-License-Identifier: MIT */
/* article.c -- one stored article, whole (see article.h). */
#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "segreader.h"
#include "show.h"

struct live {
	struct ns_segr *seg;
	int found;
	uint32_t docid;
};

static int on_id(void *ctx, uint32_t docid)
{
	struct live *l = ctx;

	if (ns_segr_is_deleted(l->seg, docid))
		return 0;
	l->found = 1;
	l->docid = docid;	/* the last live one in docid order: the newest */
	return 0;
}

static void json_field(FILE *out, const char *name, const struct ns_str *s)
{
	fprintf(out, ",\"%s\":", name);
	if (s->len)
		ns_show_json_string(out, s->p, s->len);
	else
		fputs("null", out);
}

static void text_field(FILE *out, const char *name, const struct ns_str *s)
{
	if (s->len)
		fprintf(out, "%s: %.*s\n", name, (int)s->len, s->p);
}

int ns_article_show(FILE *out, struct ns_index *idx, const char *id, int json, char *msg,
		    size_t msglen)
{
	struct ns_segr *seg = NULL;
	struct ns_doc d;
	uint32_t docid = 0;
	char *text;
	size_t len;
	int rc;

	/* segments are in age order: a later live copy is the newer */
	for (uint32_t s = 0; s < idx->m.n_segs; s++) {
		struct live l = { idx->segs[s], 0, 0 };
		rc = ns_segr_find_id(idx->segs[s], id, strlen(id), on_id, &l);
		if (rc != NS_OK) {
			ns_msgf(msg, msglen, "%s: %s", idx->dir, ns_strerror(rc));
			return rc;
		}
		if (l.found) {
			seg = idx->segs[s];
			docid = l.docid;
		}
	}
	if (!seg) {
		ns_msgf(msg, msglen, "--show: no article has the id '%s'", id);
		return NS_ERR_NOTFOUND;
	}
	if ((rc = ns_segr_doc(seg, docid, &d)) != NS_OK ||
	    (rc = ns_doc_text(&d, &text, &len)) != NS_OK) {
		ns_msgf(msg, msglen, "%s: %s", idx->dir, ns_strerror(rc));
		return rc;
	}
	if (json) {
		fputs("{\"id\":", out);
		ns_show_json_string(out, d.id.p, d.id.len);
		json_field(out, "title", &d.title);
		json_field(out, "date", &d.date);
		json_field(out, "source", &d.source);
		json_field(out, "url", &d.url);
		json_field(out, "path", &d.path);
		fputs(",\"body\":", out);
		ns_show_json_string(out, text, len);
		fputs("}\n", out);
	} else {
		fprintf(out, "%.*s\n", (int)d.title.len, d.title.p);
		text_field(out, "date", &d.date);
		text_field(out, "source", &d.source);
		text_field(out, "url", &d.url);
		text_field(out, "path", &d.path);
		fputc('\n', out);
		fwrite(text, 1, len, out);
		if (len && text[len - 1] != '\n')
			fputc('\n', out);
	}
	free(text);
	return NS_OK;
}
