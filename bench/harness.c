/* SPDX-License-Identifier: MIT */
/* bench/harness.c -- the query-file harness of nsbench (harness.h). */
#include "harness.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nsearch.h>
#include <stdio.h>

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

/* The options of one query of the file: k hits, no snippets (only ids are
 * wanted), the class's default operator, RM3 and grouping when asked; the
 * exact total only when count is set, so the top-k alone is the pruned
 * search. */
static ns_opts *query_opts(const struct bench_query *q, size_t k, int count,
			   const struct ns_bench_opts *bo)
{
	ns_opts *o = ns_opts_new();

	if (o && (ns_opts_set_limit(o, k) != NS_OK || ns_opts_set_snippet_len(o, 0) != NS_OK ||
		  ns_opts_set_any(o, q->default_or) != NS_OK ||
		  ns_opts_set_expand(o, bo->expand) != NS_OK ||
		  ns_opts_set_collapse(o, bo->collapse) != NS_OK ||
		  ns_opts_set_total(o, count) != NS_OK)) {
		ns_opts_free(o);
		o = NULL;
	}
	return o;
}

/* One timed execution: parse, compile, run, look up the hits' ids.  On
 * NS_OK *res holds the hits (the caller frees them). */
static int run_once(ns_index *idx, const struct bench_query *q, const ns_opts *o,
		    uint64_t *n_matches, ns_results **res, char *msg, size_t msglen)
{
	ns_results *r;
	int rc = ns_search(idx, q->text, o, &r);

	if (rc != NS_OK) {
		snprintf(msg, msglen, "%s", ns_index_errmsg(idx));
		return rc;
	}
	for (size_t i = 0; i < ns_results_size(r); i++) {
		const char *id;
		if ((rc = ns_results_field(r, i, NS_FIELD_ID, &id, NULL)) != NS_OK) {
			snprintf(msg, msglen, "%s", ns_index_errmsg(idx));
			ns_results_free(r);
			return rc;
		}
	}
	if (n_matches)
		*n_matches = ns_results_total(r);
	*res = r;
	return NS_OK;
}

static void print_ids(FILE *out, ns_results *r)
{
	for (size_t i = 0; i < ns_results_size(r); i++) {
		const char *id;
		size_t len;
		if (ns_results_field(r, i, NS_FIELD_ID, &id, &len) != NS_OK)
			continue;
		fprintf(out, "%s%.*s", i ? " " : "", (int)len, id);
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

int ns_bench_trec(ns_index *idx, const char *queries_path, size_t k, const char *tag,
		  const struct ns_bench_opts *bo, FILE *out, char *msg, size_t msglen)
{
	struct bench_query *qs = NULL;
	size_t n = 0;
	int rc = read_queries(queries_path, &qs, &n);

	if (rc != NS_OK) {
		snprintf(msg, msglen, "%s: %s", queries_path, strerror(errno));
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		char err[512] = "";
		ns_opts *o = query_opts(&qs[i], k, 0, bo);
		ns_results *r;
		if (!o) {
			free_queries(qs, n);
			snprintf(msg, msglen, "%s", ns_strerror(NS_ERR_NOMEM));
			return NS_ERR_NOMEM;
		}
		rc = run_once(idx, &qs[i], o, NULL, &r, err, sizeof(err));
		ns_opts_free(o);
		if (rc != NS_OK) {
			fprintf(stderr, "nsearch: query %s: %s\n", qs[i].qid, err[0] ? err : "failed");
			continue;
		}
		for (size_t j = 0; j < ns_results_size(r); j++) {
			const char *id;
			size_t len;
			if (ns_results_field(r, j, NS_FIELD_ID, &id, &len) != NS_OK)
				continue;
			fprintf(out, "%s Q0 %.*s %zu %.6f %s\n", qs[i].qid, (int)len, id, j + 1,
				ns_results_score(r, j), tag);
		}
		ns_results_free(r);
	}
	free_queries(qs, n);
	return NS_OK;
}

int ns_bench_run(ns_index *idx, const char *queries_path, int repeat, size_t k,
		 const struct ns_bench_opts *bo, FILE *out, char *msg, size_t msglen)
{
	struct bench_query *qs = NULL;
	ns_index_stats st;
	size_t n = 0;
	double *t_top, *t_full;
	int rc;

	rc = read_queries(queries_path, &qs, &n);
	if (rc != NS_OK) {
		snprintf(msg, msglen, "%s: %s", queries_path, strerror(errno));
		return rc;
	}
	if ((rc = ns_index_stats_get(idx, &st)) != NS_OK) {
		snprintf(msg, msglen, "%s", ns_index_errmsg(idx));
		free_queries(qs, n);
		return rc;
	}
	if (repeat < 1)
		repeat = 1;
	t_top = malloc((size_t)repeat * sizeof(*t_top));
	t_full = malloc((size_t)repeat * sizeof(*t_full));
	if (!t_top || !t_full) {
		free(t_top);
		free(t_full);
		free_queries(qs, n);
		snprintf(msg, msglen, "%s", ns_strerror(NS_ERR_NOMEM));
		return NS_ERR_NOMEM;
	}
	/* Warm-up pass: page in the index as the peers' drivers do. */
	for (size_t i = 0; i < n; i++) {
		char err[256];
		ns_opts *o = query_opts(&qs[i], k, 1, bo);
		ns_results *r;
		if (o && run_once(idx, &qs[i], o, NULL, &r, err, sizeof(err)) == NS_OK)
			ns_results_free(r);
		ns_opts_free(o);
	}
	fprintf(out, "# engine=nsearch docs=%llu repeat=%d k=%zu collapse=%s\n",
		(unsigned long long)st.docs, repeat, k,
		bo->collapse == NS_COLLAPSE_STORIES ? "story"
		: bo->collapse == NS_COLLAPSE_COPIES ? "dups" : "none");
	fprintf(out, "# qid\tclass\tnmatch\tus_top\tus_full\tids\n");
	for (size_t i = 0; i < n; i++) {
		uint64_t cnt = 0;
		char err[512] = "";
		ns_opts *o_top = query_opts(&qs[i], k, 0, bo);
		ns_opts *o_full = query_opts(&qs[i], k, 1, bo);
		ns_results *top = NULL, *full = NULL;
		int ok = o_top && o_full;
		if (!ok)
			snprintf(err, sizeof(err), "%s", ns_strerror(NS_ERR_NOMEM));
		for (int r = 0; r < repeat && ok; r++) {
			ns_results_free(top);
			ns_results_free(full);
			top = full = NULL;
			double t0 = now_us();
			ok = run_once(idx, &qs[i], o_top, NULL, &top, err, sizeof(err)) == NS_OK;
			double t1 = now_us();
			ok = ok && run_once(idx, &qs[i], o_full, &cnt, &full, err, sizeof(err)) == NS_OK;
			double t2 = now_us();
			t_top[r] = t1 - t0;
			t_full[r] = t2 - t1;
		}
		ns_opts_free(o_top);
		ns_opts_free(o_full);
		if (!ok) {
			fprintf(stderr, "nsearch: query %s: %s\n", qs[i].qid, err[0] ? err : "failed");
			fprintf(out, "%s\t%s\t-1\t-\t-\t\n", qs[i].qid, qs[i].cls);
			ns_results_free(top);
			ns_results_free(full);
			continue;
		}
		fprintf(out, "%s\t%s\t%llu\t%.1f\t%.1f\t", qs[i].qid, qs[i].cls,
			(unsigned long long)cnt, median(t_top, repeat), median(t_full, repeat));
		print_ids(out, top);
		putc('\n', out);
		ns_results_free(top);
		ns_results_free(full);
	}
	free_queries(qs, n);
	free(t_top);
	free(t_full);
	return NS_OK;
}
