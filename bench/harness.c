/* SPDX-License-Identifier: MIT */
/* bench/harness.c -- the query-file harness of nsbench (harness.h). */
#include "harness.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "expand.h"
#include "match.h"
#include "pieces.h"
#include "query.h"
#include "rank.h"

struct bench_query {
	char *qid, *cls, *text;
	int default_or;
};

int ns_bench_class_is_or(const char *cls)
{
	return cls[0] == 'o' && cls[1] == 'r' && !isalpha((unsigned char)cls[2]);
}

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int read_queries(const char *path, struct bench_query **out, size_t *n_out)
{
	FILE *f = fopen(path, "r");
	struct bench_query *qs = NULL;
	size_t n = 0, cap = 0, linecap = 0;
	char *line = NULL;
	ssize_t len;

	if (!f)
		return NS_ERR_IO;
	while ((len = getline(&line, &linecap, f)) >= 0) {
		char *a, *b;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (len == 0 || line[0] == '#')
			continue;
		a = strchr(line, '\t');
		if (!a)
			continue;
		*a++ = 0;
		b = strchr(a, '\t');
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct bench_query *nq = realloc(qs, nc * sizeof(*nq));
			if (!nq)
				break;
			qs = nq;
			cap = nc;
		}
		qs[n].qid = strdup(line);
		if (b) {
			*b++ = 0;
			qs[n].cls = strdup(a);
			qs[n].text = strdup(b);
		} else {
			qs[n].cls = strdup("");
			qs[n].text = strdup(a);
		}
		if (!qs[n].qid || !qs[n].cls || !qs[n].text)
			break;
		qs[n].default_or = ns_bench_class_is_or(qs[n].cls);
		n++;
	}
	free(line);
	fclose(f);
	*out = qs;
	*n_out = n;
	return NS_OK;
}

/* One timed execution: parse, compile, run, look up ids. */
static int run_once(struct ns_index *idx, const struct bench_query *q, size_t k, int count,
		    int expand, struct ns_topk *top, uint64_t *n_matches, char *msg, size_t msglen)
{
	struct ns_qnode *tree;
	struct ns_match *m;
	int rc = ns_query_parse(q->text, q->default_or, &tree, msg, msglen);

	if (rc != NS_OK)
		return rc;
	rc = ns_match_compile(idx, tree, &m, msg, msglen);
	ns_query_free(tree);
	if (rc != NS_OK)
		return rc;
	if (expand && (rc = ns_expand_rm3(idx, m, q->default_or)) != NS_OK) {
		ns_match_free(m);
		return rc;
	}
	top->n = 0;
	top->k = k;
	rc = ns_match_run(m, top, count ? n_matches : NULL);
	ns_match_free(m);
	if (rc != NS_OK)
		return rc;
	ns_topk_sort(top);
	for (size_t i = 0; i < top->n; i++) {
		uint32_t seg, local;
		struct ns_doc d;
		ns_index_locate(idx, top->heap[i].docid, &seg, &local);
		rc = ns_segr_doc(idx->segs[seg], local, &d);
		if (rc != NS_OK)
			return rc;
	}
	return NS_OK;
}

static void print_ids(FILE *out, struct ns_index *idx, const struct ns_topk *top)
{
	for (size_t i = 0; i < top->n; i++) {
		uint32_t seg, local;
		struct ns_doc d;
		ns_index_locate(idx, top->heap[i].docid, &seg, &local);
		if (ns_segr_doc(idx->segs[seg], local, &d) != NS_OK ||
		    ns_pieces_shown_id(idx, top->heap[i].docid, &d, &d.id) != NS_OK)
			continue;
		fprintf(out, "%s%.*s", i ? " " : "", (int)d.id.len, d.id.p);
	}
}

static void free_queries(struct bench_query *qs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(qs[i].qid);
		free(qs[i].cls);
		free(qs[i].text);
	}
	free(qs);
}

int ns_bench_trec(struct ns_index *idx, const char *queries_path, size_t k, const char *tag,
		  int expand, FILE *out, char *msg, size_t msglen)
{
	struct bench_query *qs = NULL;
	struct ns_topk top;
	size_t n = 0;
	int rc = read_queries(queries_path, &qs, &n);

	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "%s: %s", queries_path, strerror(errno));
		return rc;
	}
	if (ns_topk_init(&top, k) != NS_OK) {
		free_queries(qs, n);
		return NS_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t cnt;
		char err[512] = "";
		if (run_once(idx, &qs[i], k, 0, expand, &top, &cnt, err, sizeof(err)) != NS_OK) {
			fprintf(stderr, "nsearch: query %s: %s\n", qs[i].qid, err[0] ? err : "failed");
			continue;
		}
		for (size_t r = 0; r < top.n; r++) {
			uint32_t seg, local;
			struct ns_doc d;
			ns_index_locate(idx, top.heap[r].docid, &seg, &local);
			if (ns_segr_doc(idx->segs[seg], local, &d) != NS_OK ||
			    ns_pieces_shown_id(idx, top.heap[r].docid, &d, &d.id) != NS_OK)
				continue;
			fprintf(out, "%s Q0 %.*s %zu %.6f %s\n", qs[i].qid, (int)d.id.len, d.id.p, r + 1,
				top.heap[r].score, tag);
		}
	}
	free_queries(qs, n);
	ns_topk_release(&top);
	return NS_OK;
}

int ns_bench_run(struct ns_index *idx, const char *queries_path, int repeat, size_t k,
		 int expand, FILE *out, char *msg, size_t msglen)
{
	struct bench_query *qs = NULL;
	struct ns_topk top;
	size_t n = 0;
	double *t_top, *t_full;
	int rc;

	rc = read_queries(queries_path, &qs, &n);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "%s: %s", queries_path, strerror(errno));
		return rc;
	}
	if (repeat < 1)
		repeat = 1;
	t_top = malloc((size_t)repeat * sizeof(*t_top));
	t_full = malloc((size_t)repeat * sizeof(*t_full));
	if (!t_top || !t_full || ns_topk_init(&top, k) != NS_OK) {
		free(t_top);
		free(t_full);
		return NS_ERR_NOMEM;
	}
	/* Warm-up pass: page in the index as the peers' drivers do. */
	for (size_t i = 0; i < n; i++) {
		uint64_t cnt;
		char err[256];
		run_once(idx, &qs[i], k, 1, expand, &top, &cnt, err, sizeof(err));
	}
	fprintf(out, "# engine=nsearch docs=%llu repeat=%d k=%zu\n",
		(unsigned long long)idx->n_docs, repeat, k);
	fprintf(out, "# qid\tclass\tnmatch\tus_top\tus_full\tids\n");
	for (size_t i = 0; i < n; i++) {
		uint64_t cnt = 0;
		char err[512] = "";
		int ok = 1;
		for (int r = 0; r < repeat && ok; r++) {
			double t0 = now_us();
			ok = run_once(idx, &qs[i], k, 0, expand, &top, &cnt, err, sizeof(err)) == NS_OK;
			double t1 = now_us();
			ok = ok && run_once(idx, &qs[i], k, 1, expand, &top, &cnt, err, sizeof(err)) == NS_OK;
			double t2 = now_us();
			t_top[r] = t1 - t0;
			t_full[r] = t2 - t1;
		}
		if (!ok) {
			fprintf(stderr, "nsearch: query %s: %s\n", qs[i].qid, err[0] ? err : "failed");
			fprintf(out, "%s\t%s\t-1\t-\t-\t\n", qs[i].qid, qs[i].cls);
			continue;
		}
		fprintf(out, "%s\t%s\t%llu\t%.1f\t%.1f\t", qs[i].qid, qs[i].cls,
			(unsigned long long)cnt, median(t_top, repeat), median(t_full, repeat));
		print_ids(out, idx, &top);
		putc('\n', out);
	}
	free_queries(qs, n);
	free(t_top);
	free(t_full);
	ns_topk_release(&top);
	return NS_OK;
}
