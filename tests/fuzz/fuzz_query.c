/* SPDX-License-Identifier: MIT */
/* fuzz_query.c -- the query parser, then the compiled query run against a
 * small index built in-process (fuzz_build_index), with its hits printed
 * in every format through the public API (snippets from the stored text).
 *
 * The input (up to its first NUL) is the query text, parsed with AND and
 * with OR as the default operator, then sorted by date.  Oracle (query.h, match.h): parsing
 * returns NS_OK, NS_ERR_QUERY with a "column N: ..." message, NS_ERR_LIMIT
 * or NS_ERR_NOMEM; on a healthy index compiling returns NS_OK or
 * NS_ERR_QUERY with a message, and running returns NS_OK; the top-k hits
 * are at most the count, sorted best first (by score), and counting alone
 * gives the same count; printing succeeds in every format, and so does
 * explaining the best hit's score.  A query with SENTENCE and no negation
 * matches no more articles than with PARAGRAPH in their place (a sentence
 * lies in one paragraph).  (Not "no more than with AND": an AND drops
 * stopword operands, which SENTENCE keeps.)  Fuzzy words (word~, word~2)
 * walk the index's word forms like any query.  Then spelling (spell.h):
 * NS_OK with a corrected text or NS_DONE, and the correction parses
 * exactly when the query does (only words are replaced, never syntax).
 */
#include <string.h>

#include "error.h"
#include "fuzz.h"
#include "index.h"
#include "match.h"
#include "query.h"
#include "rank.h"
#include "output.h"
#include "spell.h"

#define MAX_QUERY 65536

static struct ns_index *idx;
static ns_index *pub;		/* the same index through the public API */
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[4096], msg[1024];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/idx", fuzz_tmpdir());
	if (fuzz_build_index(dir) != 0 || ns_idx_open(dir, &idx, msg, sizeof(msg)) != NS_OK ||
	    ns_index_open(dir, &pub) != NS_OK) {
		fprintf(stderr, "fuzz_query: no index: %s\n", msg);
		abort();
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

/* The same search through the public API, every hit printed as nsearch
 * prints it (searcher/output.c) in each format, and the best hit's score
 * explained: the same count and the same hits as the engine's. */
static void print_hits(const char *text, int default_or, enum ns_sort sort, uint64_t n_top,
		       const struct ns_topk *top)
{
	static const enum ns_output_format formats[] = { NS_OUTPUT_TEXT, NS_OUTPUT_TSV,
							 NS_OUTPUT_JSON };
	struct ns_output_opts fo;
	ns_results *r;
	ns_opts *o = ns_opts_new();

	FUZZ_CHECK(o != NULL);
	FUZZ_CHECK(ns_opts_set_limit(o, 5) == NS_OK && ns_opts_set_any(o, default_or) == NS_OK);
	FUZZ_CHECK(ns_opts_set_order(o, sort == NS_SORT_DATE ? NS_ORDER_DATE
				     : sort == NS_SORT_DATE_DESC ? NS_ORDER_DATE_DESC
								: NS_ORDER_SCORE) == NS_OK);
	FUZZ_CHECK(ns_search(pub, text, o, &r) == NS_OK);
	FUZZ_CHECK(ns_results_total(r) == n_top && ns_results_size(r) == top->n);
	memset(&fo, 0, sizeof(fo));
	for (size_t i = 0; i < ns_results_size(r); i++) {
		const ns_result *h;
		const ns_explanation *ex = NULL;
		FUZZ_CHECK(ns_results_hit(r, i, &h) == NS_OK);
		FUZZ_CHECK(h->docid == top->heap[i].docid && h->score == top->heap[i].score);
		if (i == 0 && ns_results_explain(r, 0, &ex) != NS_OK)
			ex = NULL;
		fo.color = (int)(i & 1);
		for (size_t k = 0; k < 3; k++) {
			fo.format = formats[k];
			FUZZ_CHECK(ns_output_hit(devnull, &fo, h, ex) == 0);
		}
	}
	ns_results_free(r);
	ns_opts_free(o);
}

/* Turns every node of kind from into kind to; *negs counts the negated
 * operands met (they would turn the oracle around).  Returns the nodes
 * changed. */
static size_t swap_kind(struct ns_qnode *q, enum ns_qkind from, enum ns_qkind to, size_t *negs)
{
	size_t n = q->kind == from;

	if (n)
		q->kind = to;
	*negs += q->n_negs;
	for (size_t i = 0; i < q->n_kids; i++)
		n += swap_kind(q->kids[i], from, to, negs);
	return n;
}

/* The count of text with every SENTENCE made a PARAGRAPH, or UINT64_MAX
 * when it does not compile or run. */
static uint64_t widened_count(const char *text, int default_or)
{
	struct ns_qnode *q = NULL;
	struct ns_match *m = NULL;
	uint64_t n = UINT64_MAX;
	size_t negs = 0;

	if (ns_query_parse(text, default_or, &q, NULL, 0) != NS_OK)
		return n;
	swap_kind(q, NS_Q_SENTENCE, NS_Q_PARAGRAPH, &negs);
	if (ns_match_compile(idx, q, &m, NULL, 0) == NS_OK && ns_match_run(m, NULL, &n) != NS_OK)
		n = UINT64_MAX;
	ns_match_free(m);
	ns_query_free(q);
	return n;
}

/* Parses text and runs it with the given default operator and order. */
static void run(const char *text, int default_or, enum ns_sort sort)
{
	struct ns_match_opts mo;
	struct ns_qnode *q = NULL;
	struct ns_match *m = NULL;
	struct ns_topk top;
	uint64_t n_top = 0, n_count = 0;
	size_t units;
	char msg[512];
	int rc;

	rc = ns_query_parse(text, default_or, &q, msg, sizeof(msg));
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_QUERY || rc == NS_ERR_LIMIT || rc == NS_ERR_NOMEM);
	if (rc == NS_ERR_QUERY)
		FUZZ_CHECK(strncmp(msg, "column ", 7) == 0);
	if (rc != NS_OK) {
		FUZZ_CHECK(q == NULL);
		return;
	}
	{
		char *s = ns_query_to_string(q);
		FUZZ_CHECK(s != NULL);
		free(s);
		/* a tree copy to widen: the text parsed again */
		size_t negs = 0;
		units = swap_kind(q, NS_Q_SENTENCE, NS_Q_SENTENCE, &negs);
		units = negs ? 0 : units;
	}
	msg[0] = 0;
	memset(&mo, 0, sizeof(mo));
	mo.sort = sort;
	rc = ns_match_compile_opts(idx, q, &mo, &m, msg, sizeof(msg));
	ns_query_free(q);
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_QUERY || rc == NS_ERR_LIMIT || rc == NS_ERR_NOMEM);
	if (rc == NS_ERR_QUERY)
		FUZZ_CHECK(msg[0] != 0);
	if (rc != NS_OK)
		return;
	FUZZ_CHECK(ns_topk_init(&top, 5) == NS_OK);
	rc = ns_match_run(m, &top, &n_top);
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_LIMIT);
	if (rc == NS_OK) {
		FUZZ_CHECK(top.n <= n_top && top.n <= 5);
		FUZZ_CHECK(ns_match_run(m, NULL, &n_count) == NS_OK);
		FUZZ_CHECK(n_count == n_top);
		if (units > 0 && sort == NS_SORT_SCORE) {
			uint64_t para = widened_count(text, default_or);
			FUZZ_CHECK(para == UINT64_MAX || para >= n_count);
		}
		ns_topk_sort(&top);
		for (size_t i = 1; i < top.n; i++)
			if (sort == NS_SORT_SCORE)
				FUZZ_CHECK(top.heap[i - 1].score > top.heap[i].score ||
					   (top.heap[i - 1].score == top.heap[i].score &&
					    top.heap[i - 1].docid < top.heap[i].docid));
		print_hits(text, default_or, sort, n_top, &top);
	}
	ns_topk_release(&top);
	ns_match_free(m);
}

/* Whether two query trees have one shape: the same operators, fields,
 * distances and operands, whatever the words (a correction changes words
 * only: "PARAGRAPHH" must not become the operator PARAGRAPH). */
static int same_shape(const struct ns_qnode *a, const struct ns_qnode *b)
{
	if (a->kind != b->kind || a->field != b->field || a->dist != b->dist ||
	    a->n_kids != b->n_kids || a->n_negs != b->n_negs)
		return 0;
	for (size_t i = 0; i < a->n_kids; i++)
		if (!same_shape(a->kids[i], b->kids[i]))
			return 0;
	for (size_t i = 0; i < a->n_negs; i++)
		if (!same_shape(a->negs[i], b->negs[i]))
			return 0;
	return 1;
}

/* --spell on text: the oracle above. */
static void spell(const char *text)
{
	struct ns_qnode *q = NULL, *q2 = NULL;
	char *fixed = NULL, msg[512];
	int rc = ns_spell_query(idx, text, 0, &fixed, NULL, msg, sizeof(msg));
	int parsed, reparsed;

	FUZZ_CHECK(rc == NS_OK || rc == NS_DONE || rc == NS_ERR_NOMEM);
	if (rc != NS_OK) {
		FUZZ_CHECK(fixed == NULL);
		return;
	}
	FUZZ_CHECK(fixed != NULL && strcmp(fixed, text) != 0);
	parsed = ns_query_parse(text, 0, &q, NULL, 0) == NS_OK;
	reparsed = ns_query_parse(fixed, 0, &q2, NULL, 0) == NS_OK;
	FUZZ_CHECK(parsed == reparsed);
	FUZZ_CHECK(!parsed || same_shape(q, q2));
	ns_query_free(q);
	ns_query_free(q2);
	free(fixed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (!idx)
		LLVMFuzzerInitialize(NULL, NULL);
	if (size > MAX_QUERY)
		return 0;
	text = malloc(size + 1);
	FUZZ_CHECK(text != NULL);
	memcpy(text, data, size);
	text[size] = 0;
	run(text, 0, NS_SORT_SCORE);
	run(text, 1, NS_SORT_SCORE);
	run(text, 0, size & 1 ? NS_SORT_DATE : NS_SORT_DATE_DESC);
	spell(text);
	free(text);
	return 0;
}
