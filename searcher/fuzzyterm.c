/* SPDX-License-Identifier: MIT */
/* fuzzyterm.c -- word~k to index terms (see fuzzyterm.h). */
#include "fuzzyterm.h"

#include <stdlib.h>
#include <string.h>

#include "editdist.h"
#include "error.h"
#include "fieldterm.h"
#include "formdict.h"
#include "tokenize.h"

#define MSG_TEXT_MAX 32

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


/* Adds the stem of form when a live document holds it. */
static int add_stem(struct ns_index *idx, const char *form, size_t len, struct ns_termset *s)
{
	char buf[4 * NS_TOK_MAX_LEN + 16];
	const char *stem = ns_analyzer_stem(idx->an, form, len, &len);
	uint64_t df;
	int rc;

	if (!stem)
		return NS_ERR_NOMEM;
	if (len == 0 || len >= sizeof(buf) || ns_ft_is_field(stem, len))
		return NS_OK;
	memcpy(buf, stem, len);	/* borrowed until the next stemming */
	rc = ns_index_df(idx, buf, len, &df);
	if (rc != NS_OK || df == 0)
		return rc;
	return ns_termset_insert(s, s->n, buf, len);	/* deduplicated at the end */
}

int ns_fuzzy_terms(struct ns_index *idx, const char *text, int k, size_t max_terms,
		   struct ns_termset *out, struct ns_fuzzy_count *cnt, uint64_t *entries, char *msg,
		   size_t msglen)
{
	struct ns_tokenizer t;
	struct ns_token tok;
	struct ns_formdict *d;
	struct ns_formhit *hits = NULL;
	char word[NS_TOK_MAX_LEN + 1];
	uint32_t cps[NS_EDIT_MAX_CHARS + 1];
	size_t len, n_hits = 0, tlen = strlen(text), m = 0;
	int show = (int)(tlen > MSG_TEXT_MAX ? MSG_TEXT_MAX : tlen), rc;

	memset(out, 0, sizeof(*out));
	ns_tok_init(&t, text, tlen, 0);
	if (!ns_tok_next(&t, &tok)) {
		ns_msgf(msg, msglen, "'%.*s~%d': a fuzzy word needs letters or digits", show, text,
			k);
		return NS_ERR_QUERY;
	}
	memcpy(word, tok.term, tok.term_len);
	len = tok.term_len;
	if (ns_tok_next(&t, &tok)) {
		ns_msgf(msg, msglen, "'%.*s~%d': a fuzzy word must be one word", show, text, k);
		return NS_ERR_QUERY;
	}
	if (ns_utf8_decode(word, len, cps, NS_EDIT_MAX_CHARS) <
	    (size_t)(NS_FUZZY_MIN_CHARS_PER_EDIT * k)) {
		ns_msgf(msg, msglen, "'%.*s~%d': a word needs at least %d letters for %d edit%s",
			show, text, k, NS_FUZZY_MIN_CHARS_PER_EDIT * k, k, k > 1 ? "s" : "");
		return NS_ERR_QUERY;
	}
	rc = ns_formdict_of(idx, &d, msg, msglen);
	if (rc != NS_OK)
		return rc;
	*entries += ns_formdict_n_entries(d);
	rc = ns_formdict_near(d, word, len, k, NS_FUZZY_FORMS_PER_TERM * max_terms, &hits, &n_hits,
			      cnt);
	/* the word's own stem, even when no article has this very form */
	if (rc == NS_OK)
		rc = add_stem(idx, word, len, out);
	for (size_t i = 0; i < n_hits && rc == NS_OK; i++)
		rc = add_stem(idx, hits[i].form, hits[i].len, out);
	free(hits);
	if (out->n > 1)
		qsort(out->terms, out->n, sizeof(*out->terms), cmp_cstr);
	for (size_t i = 0; i < out->n; i++) {
		if (m && strcmp(out->terms[m - 1], out->terms[i]) == 0) {
			free(out->terms[i]);
			continue;
		}
		out->terms[m++] = out->terms[i];
	}
	out->n = m;
	if (rc == NS_ERR_LIMIT || (rc == NS_OK && out->n > max_terms)) {
		ns_msgf(msg, msglen,
			"'%.*s~%d' stands for more than %zu words; use fewer edits or a longer word",
			show, text, k, max_terms);
		return NS_ERR_QUERY;
	}
	return rc;
}
