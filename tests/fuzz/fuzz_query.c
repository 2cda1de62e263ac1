/* SPDX-License-Identifier: MIT */
/* fuzz_query.c -- the query parser, then the compiled query run against a
 * small index built in-process (fuzz_build_index), with its hits printed
 * in both formats (snippets from the stored text).
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
 * stopword operands, which SENTENCE keeps.)
 */
#include <string.h>

#include "error.h"
#include "fuzz.h"
#include "index.h"
#include "match.h"
#include "query.h"
#include "rank.h"
#include "show.h"

#define MAX_QUERY 65536

static struct ns_index *idx;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[4096], msg[1024];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/idx", fuzz_tmpdir());
	if (fuzz_build_index(dir) != 0 || ns_index_open(dir, &idx, msg, sizeof(msg)) != NS_OK) {
		fprintf(stderr, "fuzz_query: no index: %s\n", msg);
		abort();
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
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
	struct ns_show_opts o;
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
		memset(&o, 0, sizeof(o));
		o.snippet_len = 200;
		ns_match_terms(m, &o.terms, &o.n_terms);
		for (size_t i = 0; i < top.n; i++) {
			struct ns_explain ex;
			FUZZ_CHECK(top.heap[i].docid < idx->n_docids);
			if (i > 0 && sort == NS_SORT_SCORE)
				FUZZ_CHECK(top.heap[i - 1].score > top.heap[i].score ||
					   (top.heap[i - 1].score == top.heap[i].score &&
					    top.heap[i - 1].docid < top.heap[i].docid));
			o.format = NS_SHOW_TEXT;
			o.color = (int)(i & 1);
			FUZZ_CHECK(ns_show_hit(devnull, idx, &o, i + 1, &top.heap[i]) == NS_OK);
			o.format = NS_SHOW_TSV;
			FUZZ_CHECK(ns_show_hit(devnull, idx, &o, i + 1, &top.heap[i]) == NS_OK);
			o.format = NS_SHOW_JSON;
			FUZZ_CHECK(ns_show_hit(devnull, idx, &o, i + 1, &top.heap[i]) == NS_OK);
			/* --explain: the hit's score, term by term */
			if (i == 0 && ns_match_explain(m, top.heap[i].docid, &ex) == NS_OK) {
				o.format = NS_SHOW_TEXT;
				FUZZ_CHECK(ns_show_hit_explained(devnull, idx, &o, 1, &top.heap[i],
								 &ex) == NS_OK);
				ns_explain_release(&ex);
			}
		}
	}
	ns_topk_release(&top);
	ns_match_free(m);
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
	free(text);
	return 0;
}
