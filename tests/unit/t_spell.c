/* SPDX-License-Identifier: MIT */
/* t_spell.c -- tests of searcher/spell.c on an index built here: which
 * candidate wins (frequency, a neighbouring key, a doubled letter, the
 * query's other words) and when a word is left alone (a rare word the
 * archive has, next to a much commoner one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "error.h"
#include "index.h"
#include "spell.h"
#include "unit.h"

/* n articles whose body is text. */
static void articles(FILE *f, int *id, int n, const char *text)
{
	for (int i = 0; i < n; i++)
		fprintf(f, "{\"id\": \"a%d\", \"body\": \"%s\"}\n", (*id)++, text);
}

static struct ns_index *spell_index(const char *dir)
{
	char src[512], idx[512], msg[512] = "";
	const char *sources[1] = { src };
	struct ns_build_opts o;
	struct ns_build_stats st;
	struct ns_index *x = NULL;
	FILE *f;
	int id = 0;

	snprintf(src, sizeof(src), "%s/news.jsonl", dir);
	snprintf(idx, sizeof(idx), "%s/idx", dir);
	f = fopen(src, "w");
	if (!f)
		return NULL;
	articles(f, &id, 40, "flights to new york");
	articles(f, &id, 60, "yok");
	articles(f, &id, 5, "offer");
	articles(f, &id, 8, "omer");
	articles(f, &id, 8, "cast");
	articles(f, &id, 5, "vast");
	articles(f, &id, 1, "tarde");
	articles(f, &id, 150, "trade");
	articles(f, &id, 1, "bale");
	articles(f, &id, 150, "sale");
	fclose(f);
	memset(&o, 0, sizeof(o));
	o.index_dir = idx;
	o.sources = sources;
	o.n_sources = 1;
	o.memory_bytes = 64u << 20;
	if (ns_build(&o, NULL, &st, msg, sizeof(msg)) != NS_OK ||
	    ns_idx_open(idx, &x, msg, sizeof(msg)) != NS_OK) {
		fprintf(stderr, "t_spell: %s\n", msg);
		return NULL;
	}
	return x;
}

static const char *word(struct ns_index *x, const char *w)
{
	static char out[128];
	int rc = ns_spell_word(x, w, out, sizeof(out), NULL, NULL, 0);

	return rc == NS_OK ? out : rc == NS_DONE ? "(none)" : "(error)";
}

static const char *query(struct ns_index *x, const char *q)
{
	static char out[256];
	char *fixed = NULL;
	int rc = ns_spell_query(x, q, 0, &fixed, NULL, NULL, 0);

	snprintf(out, sizeof(out), "%s", rc == NS_OK ? fixed : rc == NS_DONE ? "(none)" : "(error)");
	free(fixed);
	return out;
}

#define CHECK_STR(got, want)                                                           \
	do {                                                                           \
		const char *g_ = (got);                                                \
		if (strcmp(g_, (want)) == 0)                                           \
			ns_unit_passed++;                                              \
		else                                                                   \
			NS_UNIT_FAIL("%s: got '%s', want '%s'", #got, g_, (want));     \
	} while (0)

NS_SUITE(spell_ranking)
{
	char *dir = ns_unit_tmpdir("spell");
	struct ns_index *x = dir ? spell_index(dir) : NULL;
	struct ns_spell_stats st;
	char *fixed = NULL;

	CHECK(x != NULL);
	if (!x)
		goto out;
	/* alone, the commoner of two one-edit candidates */
	CHECK_STR(word(x, "yrok"), "yok");
	/* with a neighbour, the one that makes a phrase the archive has */
	CHECK_STR(query(x, "new yrok"), "new york");
	CHECK_STR(query(x, "yrok flights"), "yok flights");
	/* a doubled letter dropped beats a commoner word (omer: 8, offer: 5) */
	CHECK_STR(word(x, "ofer"), "offer");
	/* so does a neighbouring key: b -> v, not c (cast: 8, vast: 5) */
	CHECK_STR(word(x, "bast"), "vast");
	/* a word the archive has stays unless a candidate is 100 times
	 * commoner per edit: tarde (1) -> trade (150); a short one needs 1000
	 * times: bale (1) stays beside sale (150) */
	CHECK_STR(word(x, "tarde"), "trade");
	CHECK_STR(word(x, "bale"), "(none)");
	CHECK_STR(word(x, "trade"), "(none)");
	/* never a suggestion out of nothing */
	CHECK_STR(word(x, "qqqqqq"), "(none)");
	/* the work is counted */
	memset(&st, 0, sizeof(st));
	CHECK_INT_EQ(ns_spell_query(x, "new yrok", 0, &fixed, &st, NULL, 0), NS_OK);
	CHECK_INT_EQ(st.n_words, 2);
	CHECK_INT_EQ(st.n_unknown, 1);
	CHECK(st.n_visited > 0);
	CHECK(st.n_cooc > 0);
	free(fixed);
out:
	ns_idx_close(x);
	if (dir)
		ns_unit_rmtree(dir);
	free(dir);
}
