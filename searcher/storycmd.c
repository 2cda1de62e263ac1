/* SPDX-License-Identifier: MIT */
/* storycmd.c -- nsearch's story output (storycmd.h). */
#include "storycmd.h"

#include <string.h>

int ns_storycmd_parse_collapse(const char *s, enum ns_collapse *how)
{
	if (strcmp(s, "story") == 0)
		*how = NS_COLLAPSE_STORIES;
	else if (strcmp(s, "dups") == 0)
		*how = NS_COLLAPSE_COPIES;
	else if (strcmp(s, "none") == 0)
		*how = NS_COLLAPSE_OFF;
	else
		return -1;
	return 0;
}

int ns_storycmd_hit(FILE *out, ns_results *r, size_t i, const struct ns_output_opts *o,
		    const ns_explanation *ex, int explain_story)
{
	const ns_story_explanation *why = NULL;
	const ns_result *h, *v = NULL;
	size_t n_shown = 0, n_all = 0;
	int text = o->format == NS_OUTPUT_TEXT;
	int rc = ns_results_hit(r, i, &h);

	if (rc == NS_OK && text)
		rc = ns_results_versions(r, i, NS_STORYCMD_VERSIONS, &v, &n_shown, &n_all);
	if (rc == NS_OK && text && explain_story &&
	    (rc = ns_results_story_explain(r, i, &why)) == NS_DONE)
		rc = NS_OK;	/* no story map: several indexes as one */
	if (rc != NS_OK)
		return rc;
	if (ns_output_hit(out, o, h, ex) != 0 || (why && ns_output_story_explain(out, why) != 0) ||
	    ns_output_versions(out, o, v, n_shown, n_all) != 0)
		return NS_ERR_IO;
	return NS_OK;
}

int ns_storycmd_rank(FILE *out, ns_results *r, const struct ns_output_opts *o)
{
	for (size_t i = 0; i < ns_results_size(r); i++) {
		const ns_story_summary *s;
		const ns_result *h;
		int rc = ns_results_hit(r, i, &h);
		if (rc == NS_OK)
			rc = ns_results_story(r, i, &s);
		if (rc != NS_OK)
			return rc;
		if (ns_output_story(out, o, h->rank, h, s) != 0)
			return NS_ERR_IO;
	}
	return NS_OK;
}

int ns_storycmd_timeline(FILE *out, ns_index *idx, const char *id,
			 const struct ns_output_opts *o, int header)
{
	ns_results *r;
	const ns_result *h;
	int rc = ns_story(idx, id, &r);

	if (rc != NS_OK)
		return rc;
	/* the first article read before anything is printed */
	rc = ns_results_size(r) ? ns_results_hit(r, 0, &h) : NS_ERR_CORRUPT;
	if (rc == NS_OK && header && ns_output_header(out, o) != 0)
		rc = NS_ERR_IO;
	if (rc == NS_OK && ns_output_timeline_head(out, o, h->story, ns_results_size(r)) != 0)
		rc = NS_ERR_IO;
	for (size_t i = 0; rc == NS_OK && i < ns_results_size(r); i++) {
		rc = ns_results_hit(r, i, &h);
		if (rc == NS_OK && ns_output_timeline_entry(out, o, h) != 0)
			rc = NS_ERR_IO;
	}
	ns_results_free(r);
	return rc;
}
