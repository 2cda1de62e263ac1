/* SPDX-License-Identifier: MIT */
/* story_text.c -- an article's sketch made from its text (story_text.h). */
#include "story_text.h"

#include <stdlib.h>
#include <string.h>

#include "article_terms.h"
#include "error.h"
#include "story_sig.h"

/* A term of the article: its string in the pool, its counts. */
struct tf_slot {
	uint32_t off;		/* in the pool, + 1 (0 = empty slot) */
	uint32_t len;
	uint32_t hash;
	uint32_t tf;
	uint32_t tf_title;
};

struct tf_table {
	struct tf_slot *e;
	size_t cap;		/* power of two */
	size_t n;
	char *pool;
	size_t pool_len, pool_cap;
};

static int grow(struct tf_table *t)
{
	size_t cap = t->cap ? 2 * t->cap : 256;
	struct tf_slot *e = calloc(cap, sizeof(*e));

	if (!e)
		return NS_ERR_NOMEM;
	for (size_t k = 0; k < t->cap; k++) {
		size_t i;
		if (!t->e[k].off)
			continue;
		for (i = t->e[k].hash & (cap - 1); e[i].off; i = (i + 1) & (cap - 1))
			;
		e[i] = t->e[k];
	}
	free(t->e);
	t->e = e;
	t->cap = cap;
	return NS_OK;
}

static int tf_add(struct tf_table *t, const char *term, size_t len, int title)
{
	uint32_t h = ns_story_term_hash(term, len);
	size_t i;

	if (2 * (t->n + 1) > t->cap && grow(t) != NS_OK)
		return NS_ERR_NOMEM;
	for (i = h & (t->cap - 1); t->e[i].off; i = (i + 1) & (t->cap - 1))
		if (t->e[i].hash == h && t->e[i].len == len &&
		    memcmp(t->pool + t->e[i].off - 1, term, len) == 0)
			break;
	if (!t->e[i].off) {
		if (t->pool_len + len > t->pool_cap) {
			size_t c = t->pool_cap ? 2 * t->pool_cap : 4096;
			char *p;
			while (c < t->pool_len + len)
				c *= 2;
			if (c > UINT32_MAX || !(p = realloc(t->pool, c)))
				return NS_ERR_NOMEM;
			t->pool = p;
			t->pool_cap = c;
		}
		memcpy(t->pool + t->pool_len, term, len);
		t->e[i] = (struct tf_slot){ (uint32_t)t->pool_len + 1, (uint32_t)len, h, 0, 0 };
		t->pool_len += len;
		t->n++;
	}
	t->e[i].tf++;
	t->e[i].tf_title += title != 0;
	return NS_OK;
}

/* ns_article_term_fn: counts a term that is not a function word. */
static int count_term(void *ctx, const char *term, size_t len, const struct ns_token *tok,
		      int in_title)
{
	(void)tok;
	return ns_story_is_stopword(term, len) ? NS_OK : tf_add(ctx, term, len, in_title);
}

/* The name of the sketch term of hash h (terms of one hash: the first in
 * the table, as ns_story_sketch_finish keeps one weight per hash too). */
static char *name_of(const struct tf_table *t, uint32_t h)
{
	for (size_t i = 0; i < t->cap; i++) {
		const struct tf_slot *e = &t->e[i];
		char *s;
		if (!e->off || e->hash != h)
			continue;
		s = malloc((size_t)e->len + 1);
		if (s) {
			memcpy(s, t->pool + e->off - 1, e->len);
			s[e->len] = 0;
		}
		return s;
	}
	return NULL;
}

int ns_story_text_sketch(struct ns_analyzer *an, const char *title, size_t title_len,
			 const char *body, size_t body_len, ns_story_df_fn df, void *df_ctx,
			 uint64_t n_docs, struct ns_story_term *out, size_t *n,
			 size_t *n_distinct)
{
	return ns_story_text_sketch_named(an, title, title_len, body, body_len, df, df_ctx,
					  n_docs, out, NULL, n, n_distinct);
}

int ns_story_text_sketch_named(struct ns_analyzer *an, const char *title, size_t title_len,
			       const char *body, size_t body_len, ns_story_df_fn df,
			       void *df_ctx, uint64_t n_docs, struct ns_story_term *out,
			       char **names, size_t *n, size_t *n_distinct)
{
	struct tf_table t = { NULL, 0, 0, NULL, 0, 0 };
	struct ns_story_term *all = NULL;
	size_t m = 0;
	int rc = grow(&t);

	*n = *n_distinct = 0;
	if (rc == NS_OK)
		rc = ns_article_terms(an, title, title_len, body, body_len, count_term, &t);
	if (rc == NS_OK && !(all = malloc((t.n + 1) * sizeof(*all))))
		rc = NS_ERR_NOMEM;
	for (size_t i = 0; i < t.cap && rc == NS_OK; i++) {
		const struct tf_slot *e = &t.e[i];
		uint64_t f;
		if (!e->off)
			continue;
		rc = df(df_ctx, t.pool + e->off - 1, e->len, &f);
		all[m++] = (struct ns_story_term){
			e->hash, (float)ns_story_weight(e->tf, e->tf_title, f, n_docs) };
	}
	if (rc == NS_OK) {
		*n_distinct = m;
		*n = ns_story_sketch_finish(all, m);
		memcpy(out, all, *n * sizeof(*out));
		for (size_t i = 0; names && i < *n && rc == NS_OK; i++)
			if (!(names[i] = name_of(&t, out[i].hash))) {
				while (i-- > 0)
					free(names[i]);
				rc = NS_ERR_NOMEM;
			}
		if (rc != NS_OK)
			*n = *n_distinct = 0;
	}
	free(all);
	free(t.e);
	free(t.pool);
	return rc;
}
