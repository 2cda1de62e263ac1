/* SPDX-License-Identifier: MIT */
/* api.c -- tests of the public API (include/nsearch.h) through nothing but
 * that header: every function, its error paths, and several threads
 * searching one open index.  Prints "api: N passed, N failed".
 */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsearch.h"

static long passed, failed;

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (cond) {                                                          \
			passed++;                                                    \
		} else {                                                             \
			failed++;                                                    \
			fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                    \
	} while (0)

static char root[256];

static void path_in(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", root, name);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(2);
	}
}

static const ns_new_article articles[] = {
	{ "a1", "Iran weighs talks", "Iran weighs new talks in Geneva after the strikes. Putin calls.",
	  "2026-01-10", "reuters", "https://example.com/a1" },
	{ "a2", "Markets calm", "Markets stayed calm as the bank kept its rates. Iran was not mentioned "
	  "by the bank.", "2026-02-03", "bloomberg", NULL },
	{ "a3", "Putin in Geneva", "Putin met envoys in Geneva to discuss Iran and the talks.",
	  "2026-02-20", "reuters", NULL },
	{ "a4", NULL, "A bridge closed for repairs; traffic moved to the old bridge.", NULL, NULL,
	  NULL },
	{ "a5", "Iran, again", "Iran Iran Iran: the talks about Iran go on, said the envoy.",
	  "2026-03-01", "ap", NULL },
};
#define N_ARTICLES (sizeof(articles) / sizeof(articles[0]))

static void test_basics(void)
{
	CHECK(strcmp(ns_version(), NSEARCH_VERSION) == 0);
	CHECK(ns_format_version() > 0);
	CHECK(strcmp(ns_strerror(NS_OK), ns_strerror(NS_ERR_CORRUPT)) != 0);
	for (int rc = NS_ERR_NOTFOUND; rc <= NS_DONE; rc++)
		CHECK(ns_strerror(rc) != NULL && ns_strerror(rc)[0] != 0);
	CHECK(ns_strerror(-1000) != NULL);
	CHECK(ns_lang_ok("english") && ns_lang_ok("none") && !ns_lang_ok("klingon") &&
	      !ns_lang_ok(NULL));
	{
		char langs[1024] = "";
		ns_lang_list(langs, sizeof(langs));
		CHECK(strstr(langs, "english") != NULL);
	}
}

static int n_problems;

static void on_problem(void *ctx, const char *where, const char *what)
{
	(void)ctx, (void)where, (void)what;
	n_problems++;
}

static int n_progress_done;

static void on_progress(void *ctx, const ns_writer_stats *st, int done)
{
	(void)ctx, (void)st;
	n_progress_done += done;
}

static void test_writer(const char *idx)
{
	ns_writer *w, *w2;
	ns_writer_stats st;
	ns_new_article bad = { NULL, "t", "b", NULL, NULL, NULL };

	CHECK(ns_writer_open(idx, 0, &w) == NS_OK);
	CHECK(ns_writer_errmsg(w)[0] == 0);
	/* the lock: a second writer on the same index is refused */
	CHECK(ns_writer_open(idx, 0, &w2) == NS_ERR_LIMIT);
	CHECK(strstr(ns_writer_errmsg(w2), "being updated") != NULL);
	CHECK(ns_writer_add_source(w2, "x") == NS_ERR_USAGE);	/* a failed handle */
	ns_writer_close(w2);

	CHECK(ns_writer_set_lang(w, "klingon") == NS_ERR_USAGE);
	CHECK(ns_writer_set_lang(w, "english") == NS_OK);
	CHECK(ns_writer_set_memory(w, 1000) == NS_ERR_USAGE);
	CHECK(ns_writer_set_memory(w, 64u << 20) == NS_OK);
	CHECK(ns_writer_set_max_article(w, 0) == NS_OK);
	CHECK(ns_writer_set_full(w, 0) == NS_OK);
	CHECK(ns_writer_set_compact(w, 0) == NS_OK);
	CHECK(ns_writer_set_callbacks(w, on_problem, on_progress, NULL) == NS_OK);
	CHECK(ns_writer_add_article(w, NULL) == NS_ERR_USAGE);
	CHECK(ns_writer_add_article(w, &bad) == NS_ERR_USAGE);
	for (size_t i = 0; i < N_ARTICLES; i++)
		CHECK(ns_writer_add_article(w, &articles[i]) == NS_OK);
	CHECK(ns_writer_add_source(w, "-") == NS_ERR_USAGE);	/* not with articles */
	CHECK(ns_writer_publish(w, &st) == NS_OK);
	CHECK(st.docs == N_ARTICLES && st.added == N_ARTICLES && st.generation >= 1);
	CHECK(n_progress_done == 1);
	/* the same id again replaces the article; the others stay */
	{
		ns_new_article again = { "a4", "Bridge open", "The bridge opened again.", "2026-03-05",
					 "local", NULL };
		CHECK(ns_writer_add_article(w, &again) == NS_OK);
		CHECK(ns_writer_publish(w, &st) == NS_OK);
		CHECK(st.updated == 1 && st.added == 0);
	}
	ns_writer_close(w);

	/* NULL arguments */
	CHECK(ns_writer_open(NULL, 0, NULL) == NS_ERR_USAGE);
	CHECK(ns_writer_open(NULL, 0, &w) == NS_ERR_USAGE);
	ns_writer_close(w);
	CHECK(ns_writer_publish(NULL, NULL) == NS_ERR_USAGE);
	CHECK(ns_writer_add_article(NULL, &articles[0]) == NS_ERR_USAGE);
	ns_writer_close(NULL);
}

/* Reads back what a counting call printed into f. */
static void read_back(FILE *f, char *out, size_t n)
{
	size_t len;

	rewind(f);
	len = fread(out, 1, n - 1, f);
	out[len] = 0;
	fclose(f);
}

/* New since a generation, timelines and facets (the index of test_writer:
 * a1..a5 in generation 1, a4 replaced in generation 2). */
static void test_counts(const char *idx)
{
	ns_index *x;
	ns_opts *o = ns_opts_new();
	uint64_t gen = 0, id = 0, n = 0;
	char buf[512];
	FILE *f;

	CHECK(ns_index_open(idx, &x) == NS_OK);
	CHECK(ns_index_generation(x, &gen, &id) == NS_OK && gen == 2 && id != 0);
	CHECK(ns_opts_set_arrived_after(o, 1) == NS_OK);
	CHECK(ns_count(x, "bridge", o, &n) == NS_OK && n == 1);	/* a4, replaced */
	CHECK(ns_count(x, "iran", o, &n) == NS_OK && n == 0);
	CHECK(ns_opts_set_arrived_after(o, 2) == NS_OK);
	CHECK(ns_count(x, "bridge", o, &n) == NS_OK && n == 0);
	CHECK(ns_opts_set_arrived_after(o, 0) == NS_OK);
	CHECK(ns_count(x, "bridge", o, &n) == NS_OK && n == 1);
	CHECK(ns_opts_set_arrived_after(NULL, 1) == NS_ERR_USAGE);

	f = tmpfile();
	CHECK(f && ns_timeline(x, "iran", NULL, "month", f, 0, 80, &n) == NS_OK && n == 4);
	if (f) {
		read_back(f, buf, sizeof(buf));
		CHECK(strcmp(buf, "2026-01\t1\n2026-02\t2\n2026-03\t1\n") == 0);
	}
	f = tmpfile();
	CHECK(f && ns_facet(x, "iran", NULL, "source", 10, f, 0, &n) == NS_OK && n == 4);
	if (f) {
		read_back(f, buf, sizeof(buf));
		CHECK(strcmp(buf, "reuters\t2\nap\t1\nbloomberg\t1\n") == 0);
	}
	f = tmpfile();
	CHECK(f && ns_timeline(x, "iran", NULL, "fortnight", f, 0, 80, &n) == NS_ERR_USAGE);
	CHECK(strstr(ns_index_errmsg(x), "fortnight") != NULL);
	CHECK(f && ns_facet(x, "iran", NULL, "color", 10, f, 0, &n) == NS_ERR_USAGE);
	CHECK(ns_facet(x, "iran", NULL, NULL, 10, f, 0, &n) == NS_ERR_USAGE);
	CHECK(ns_timeline(x, "iran", NULL, NULL, NULL, 0, 80, &n) == NS_ERR_USAGE);
	if (f)
		fclose(f);
	ns_opts_free(o);
	ns_index_close(x);
}

static void test_sources(void)
{
	char dir[300], file[320], idx[300];
	ns_writer *w;
	ns_writer_stats st;
	ns_index *x;
	uint64_t n = 0;

	path_in(dir, sizeof(dir), "src");
	path_in(idx, sizeof(idx), "src.idx");
	CHECK(mkdir(dir, 0777) == 0);
	snprintf(file, sizeof(file), "%s/zebra.txt", dir);
	write_file(file, "Zebras crossing\n\nA herd of zebras crossed the river.\n");
	n_problems = 0;
	CHECK(ns_writer_open(idx, NS_WRITER_WAIT, &w) == NS_OK);
	CHECK(ns_writer_set_callbacks(w, on_problem, NULL, NULL) == NS_OK);
	CHECK(ns_writer_add_source(w, dir) == NS_OK);
	snprintf(file, sizeof(file), "%s/binary.txt", dir);
	write_file(file, "\x01\x02\x03\x04 not text at all \x05\x06\x07\x08");
	CHECK(ns_writer_publish(w, &st) == NS_OK);
	CHECK(st.docs == 1 && st.skipped == 1 && n_problems == 1);	/* binary: skipped */
	ns_writer_close(w);
	CHECK(ns_index_open(idx, &x) == NS_OK);
	CHECK(ns_count(x, "zebra", NULL, &n) == NS_OK && n == 1);
	ns_index_close(x);
}

/* Flips a byte of the first copy of text found in the files of dir;
 * 1 when one was found. */
static int flip_text_in(const char *dir, const char *text)
{
	char cmd[700], name[340], path[700];
	int found = 0;
	FILE *ls;

	snprintf(cmd, sizeof(cmd), "ls '%s'", dir);
	if (!(ls = popen(cmd, "r")))
		return 0;
	while (!found && fgets(name, sizeof(name), ls)) {
		char *buf;
		size_t n;
		FILE *f;
		name[strcspn(name, "\n")] = 0;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (!(f = fopen(path, "r+b")))
			continue;
		buf = malloc(1 << 20);
		n = buf ? fread(buf, 1, 1 << 20, f) : 0;
		for (size_t i = 0; i + strlen(text) <= n && !found; i++)
			if (memcmp(buf + i, text, strlen(text)) == 0) {
				buf[i] ^= 0x20;
				found = fseek(f, (long)i, SEEK_SET) == 0 && fputc(buf[i], f) != EOF;
			}
		free(buf);
		if (fclose(f) != 0)
			found = 0;
	}
	pclose(ls);
	return found;
}

/* Hits read part by part (ns_results_score, ns_results_field): the same
 * values as ns_results_hit gives, the same strings, and nothing read that
 * was not asked: a hit whose record is corrupt still has its score. */
static void test_fields(const char *idx)
{
	static const enum ns_field order[] = { NS_FIELD_PATH, NS_FIELD_ID, NS_FIELD_DATE,
					       NS_FIELD_URL, NS_FIELD_TITLE, NS_FIELD_SOURCE };
	ns_index *x;
	ns_results *r, *whole;
	const ns_result *h;
	const char *v, *v2;
	size_t len = 0;
	char bad[300];

	CHECK(ns_index_open(idx, &x) == NS_OK);
	CHECK(ns_search(x, "iran OR bridge", NULL, &r) == NS_OK && ns_results_size(r) == 5);
	CHECK(ns_search(x, "iran OR bridge", NULL, &whole) == NS_OK);
	for (size_t i = 0; i < ns_results_size(r); i++) {
		const char *want[6];
		size_t want_len[6];
		if (ns_results_hit(whole, i, &h) != NS_OK) {
			CHECK(!"hit readable");
			continue;
		}
		want[NS_FIELD_ID] = h->id, want_len[NS_FIELD_ID] = h->id_len;
		want[NS_FIELD_TITLE] = h->title, want_len[NS_FIELD_TITLE] = h->title_len;
		want[NS_FIELD_DATE] = h->date, want_len[NS_FIELD_DATE] = strlen(h->date);
		want[NS_FIELD_SOURCE] = h->source, want_len[NS_FIELD_SOURCE] = h->source_len;
		want[NS_FIELD_URL] = h->url, want_len[NS_FIELD_URL] = h->url_len;
		want[NS_FIELD_PATH] = h->path, want_len[NS_FIELD_PATH] = h->path_len;
		CHECK(ns_results_score(r, i) == h->score && ns_results_docid(r, i) == h->docid);
		/* one field first, on some hits only; then all of them */
		for (size_t k = 0; k < (i % 2 ? 1 : 6); k++) {
			enum ns_field f = order[(i + k) % 6];
			CHECK(ns_results_field(r, i, f, &v, &len) == NS_OK && len == want_len[f] &&
			      memcmp(v, want[f], len + 1) == 0);
			CHECK(ns_results_field(r, i, f, &v2, NULL) == NS_OK && v2 == v);
		}
		if (ns_results_hit(r, i, &h) != NS_OK) {
			CHECK(!"hit readable after its fields");
			continue;
		}
		CHECK(ns_results_field(r, i, NS_FIELD_TITLE, &v, &len) == NS_OK && v == h->title &&
		      len == h->title_len);
		CHECK(ns_results_field(r, i, NS_FIELD_DATE, &v, NULL) == NS_OK && v == h->date);
		CHECK(h->rank == i + 1);
	}
	CHECK(ns_results_field(r, 0, NS_FIELD_ID, &v, NULL) == NS_OK &&
	      ns_results_field(r, 0, NS_FIELD_ID, &v2, NULL) == NS_OK && v == v2);
	CHECK(ns_results_field(r, 5, NS_FIELD_ID, &v, NULL) == NS_ERR_USAGE);
	CHECK(ns_results_field(r, 0, (enum ns_field)99, &v, NULL) == NS_ERR_USAGE);
	CHECK(ns_results_field(r, 0, NS_FIELD_ID, NULL, NULL) == NS_ERR_USAGE);
	CHECK(ns_results_field(NULL, 0, NS_FIELD_ID, &v, NULL) == NS_ERR_USAGE);
	CHECK(ns_results_score(r, 5) == 0 && ns_results_docid(r, 5) == 0);
	CHECK(ns_results_score(NULL, 0) == 0 && ns_results_docid(NULL, 0) == 0);
	ns_results_free(whole);
	ns_results_free(r);
	ns_index_close(x);

	/* a5's record corrupt: its score without reading it, its fields not */
	path_in(bad, sizeof(bad), "badrecord.idx");
	{
		char cmd[700];
		snprintf(cmd, sizeof(cmd), "cp -r '%s' '%s'", idx, bad);
		CHECK(system(cmd) == 0);
	}
	CHECK(flip_text_in(bad, "Iran, again"));
	CHECK(ns_index_open(bad, &x) == NS_OK);
	CHECK(ns_search(x, "iran", NULL, &r) == NS_OK && ns_results_size(r) == 4);
	CHECK(ns_results_score(r, 0) > 0 && ns_results_score(r, 0) >= ns_results_score(r, 1));
	CHECK(ns_results_field(r, 0, NS_FIELD_ID, &v, NULL) == NS_ERR_CORRUPT);
	CHECK(ns_index_errcode(x) == NS_ERR_CORRUPT);
	CHECK(ns_results_hit(r, 0, &h) == NS_ERR_CORRUPT);
	CHECK(ns_results_field(r, 1, NS_FIELD_ID, &v, NULL) == NS_OK && strcmp(v, "a5") != 0);
	ns_results_free(r);
	ns_index_close(x);
}

static void test_open_errors(const char *idx)
{
	ns_index *x;
	char bad[300], manifest[340];

	CHECK(ns_index_open(NULL, NULL) == NS_ERR_USAGE);
	CHECK(ns_index_open(NULL, &x) == NS_ERR_USAGE);
	CHECK(ns_index_errmsg(x)[0] != 0);
	ns_index_close(x);
	path_in(bad, sizeof(bad), "nothing-here");
	CHECK(ns_index_open(bad, &x) == NS_ERR_NOTFOUND);
	CHECK(x != NULL && strstr(ns_index_errmsg(x), "not an index") != NULL);
	CHECK(ns_index_errcode(x) == NS_ERR_NOTFOUND);
	{
		ns_results *r = (ns_results *)1;
		CHECK(ns_search(x, "iran", NULL, &r) == NS_ERR_USAGE && r == NULL);
	}
	ns_index_close(x);
	ns_index_close(NULL);

	/* a corrupt index: a MANIFEST with bytes flipped */
	path_in(bad, sizeof(bad), "corrupt.idx");
	{
		char cmd[700];
		snprintf(cmd, sizeof(cmd), "cp -r '%s' '%s'", idx, bad);
		CHECK(system(cmd) == 0);
	}
	snprintf(manifest, sizeof(manifest), "%s/MANIFEST", bad);
	{
		int fd = open(manifest, O_RDWR);
		char b[8];
		CHECK(fd >= 0);
		CHECK(pread(fd, b, sizeof(b), 24) == (ssize_t)sizeof(b));
		for (size_t i = 0; i < sizeof(b); i++)
			b[i] = (char)~b[i];
		CHECK(pwrite(fd, b, sizeof(b), 24) == (ssize_t)sizeof(b));
		close(fd);
	}
	CHECK(ns_index_open(bad, &x) == NS_ERR_CORRUPT);
	CHECK(strstr(ns_index_errmsg(x), "MANIFEST") != NULL);
	ns_index_close(x);
	{
		ns_check_result cr;
		char msg[512];
		int rc = ns_check(bad, NULL, NULL, &cr, msg, sizeof(msg));
		CHECK((rc == NS_OK && cr.problems > 0) || (rc != NS_OK && msg[0]));
	}
}

static void test_search(const char *idx)
{
	ns_index *x;
	ns_opts *o;
	ns_results *r, *r2;
	const ns_result *h;
	const ns_explanation *ex;
	ns_index_stats st;
	ns_work wk;
	uint64_t n = 0;
	char lo[11], hi[11];

	CHECK(ns_index_open(idx, &x) == NS_OK);
	CHECK(ns_index_errmsg(x)[0] == 0 && ns_index_errcode(x) == NS_OK);

	/* statistics */
	CHECK(ns_index_stats_get(x, &st) == NS_OK);
	CHECK(st.docs == N_ARTICLES && st.deleted_docs == 1 && st.segments >= 1);
	CHECK(strcmp(st.language, "english") == 0);
	CHECK(strcmp(st.first_date, "2026-01-10") == 0 && strcmp(st.last_date, "2026-03-05") == 0);
	CHECK(st.dated_docs == N_ARTICLES && st.generation == 2 && strcmp(st.built, "unknown") != 0);
	CHECK(ns_index_stats_get(x, NULL) == NS_ERR_USAGE);
	CHECK(ns_index_stats_get(NULL, &st) == NS_ERR_USAGE);

	/* a plain search: every article about Iran, best first */
	CHECK(ns_search(x, "iran", NULL, &r) == NS_OK);
	CHECK(ns_results_total(r) == 4 && ns_results_size(r) == 4);
	CHECK(ns_results_query(r) != NULL && strcmp(ns_results_query(r), "iran") == 0);
	CHECK(ns_results_hit(r, 0, &h) == NS_OK);
	CHECK(h->rank == 1 && strcmp(h->id, "a5") == 0 && h->id_len == 2);
	CHECK(strcmp(h->title, "Iran, again") == 0 && strcmp(h->date, "2026-03-01") == 0);
	CHECK(strcmp(h->source, "ap") == 0 && h->url[0] == 0 && h->path[0] == '-');
	CHECK(h->n_highlights >= 4 && h->snippet_bytes == strlen(h->snippet));
	CHECK(h->n_highlights && strncmp(h->snippet + h->highlights[0][0], "Iran", 4) == 0 &&
	      h->highlights[0][1] - h->highlights[0][0] == 4);
	for (size_t i = 1; i < ns_results_size(r); i++) {
		const ns_result *p = NULL, *q = NULL;
		if (!(ns_results_hit(r, i - 1, &p) == NS_OK && ns_results_hit(r, i, &q) == NS_OK)) {
			CHECK(!"hits readable");
			continue;
		}
		CHECK(p->score >= q->score && q->rank == i + 1);
	}
	CHECK(ns_results_hit(r, 4, &h) == NS_ERR_USAGE);
	CHECK(ns_results_hit(r, 0, NULL) == NS_ERR_USAGE);
	CHECK(ns_results_explain(r, 0, &ex) == NS_OK);
	CHECK(ex->n_items == 1 && strcmp(ex->items[0].text, "iran") == 0);
	CHECK(ns_results_hit(r, 0, &h) == NS_OK && fabs(ex->score - h->score) < 1e-3);
	CHECK(ex->items[0].df == 4 && ex->n_docs == N_ARTICLES && ex->items[0].tf >= 5);
	CHECK(ns_results_explain(r, 9, &ex) == NS_ERR_USAGE);
	CHECK(ns_results_work(r, &wk) == NS_OK && wk.matches == 4 && wk.terms >= 1);
	CHECK(ns_results_work(NULL, &wk) == NS_ERR_USAGE);

	/* limit and offset: a page of the same list */
	CHECK((o = ns_opts_new()) != NULL);
	CHECK(ns_opts_set_limit(o, 2) == NS_OK && ns_opts_set_offset(o, 1) == NS_OK);
	CHECK(ns_opts_set_limit(o, NS_MAX_LIMIT + 1) == NS_ERR_USAGE);
	CHECK(ns_search(x, "iran", o, &r2) == NS_OK);
	CHECK(ns_results_total(r2) == 4 && ns_results_size(r2) == 2);
	for (size_t i = 0; i < 2; i++) {
		const ns_result *p = NULL, *q = NULL;
		if (!(ns_results_hit(r2, i, &p) == NS_OK && ns_results_hit(r, i + 1, &q) == NS_OK)) {
			CHECK(!"hits readable");
			continue;
		}
		CHECK(strcmp(p->id, q->id) == 0 && p->rank == i + 2 && p->score == q->score);
	}
	ns_results_free(r2);
	ns_results_free(r);

	/* count: exact, whatever the limit */
	CHECK(ns_opts_set_limit(o, 1) == NS_OK && ns_opts_set_offset(o, 0) == NS_OK);
	CHECK(ns_count(x, "iran", o, &n) == NS_OK && n == 4);
	CHECK(ns_count(x, "iran", o, NULL) == NS_ERR_USAGE);
	CHECK(ns_count(x, "zebra", NULL, &n) == NS_OK && n == 0);

	/* any / all */
	CHECK(ns_count(x, "putin bridge", NULL, &n) == NS_OK && n == 0);
	CHECK(ns_opts_set_any(o, 1) == NS_OK);
	CHECK(ns_count(x, "putin bridge", o, &n) == NS_OK && n == 3);
	CHECK(ns_opts_set_any(o, 0) == NS_OK);

	/* order by date, and a date range */
	CHECK(ns_opts_set_limit(o, 10) == NS_OK);
	CHECK(ns_opts_set_order(o, NS_ORDER_DATE) == NS_OK);
	CHECK(ns_opts_set_order(o, (enum ns_order)7) == NS_ERR_USAGE);
	CHECK(ns_search(x, "iran", o, &r) == NS_OK);
	for (size_t i = 1; i < ns_results_size(r); i++) {
		const ns_result *p = NULL, *q = NULL;
		if (!(ns_results_hit(r, i - 1, &p) == NS_OK && ns_results_hit(r, i, &q) == NS_OK)) {
			CHECK(!"hits readable");
			continue;
		}
		CHECK(strcmp(p->date, q->date) <= 0);
	}
	ns_results_free(r);
	CHECK(ns_opts_get_range(o, lo, hi) == 0);
	CHECK(ns_opts_set_since(o, "2026-02") == NS_OK && ns_opts_set_until(o, "2026-02") == NS_OK);
	CHECK(ns_opts_get_range(o, lo, hi) == 1 && strcmp(lo, "2026-02-01") == 0 &&
	      strcmp(hi, "2026-02-28") == 0);
	CHECK(ns_opts_set_since(o, "last tuesday") == NS_ERR_USAGE);
	CHECK(ns_count(x, "iran", o, &n) == NS_OK && n == 2);
	CHECK(ns_count(x, NULL, o, &n) == NS_OK && n == 2);	/* all of February */
	CHECK(ns_opts_set_since(o, "2026-03") == NS_OK);
	CHECK(ns_opts_range_is_empty(o));
	CHECK(ns_search(x, "iran", o, &r) == NS_ERR_USAGE && r == NULL);
	CHECK(ns_opts_set_since(o, NULL) == NS_OK && ns_opts_set_until(o, NULL) == NS_OK);
	CHECK(ns_opts_get_range(o, lo, hi) == 0 && !ns_opts_range_is_empty(o));

	/* snippets off */
	CHECK(ns_opts_set_snippet_len(o, 0) == NS_OK);
	CHECK(ns_search(x, "geneva", o, &r) == NS_OK && ns_results_size(r) == 2);
	CHECK(ns_results_hit(r, 0, &h) == NS_OK && h->snippet[0] == 0 && h->n_highlights == 0);
	ns_results_free(r);

	/* without the exact total: the same hits (pruned top-k), total unknown */
	CHECK(ns_opts_set_order(o, NS_ORDER_SCORE) == NS_OK);
	CHECK(ns_opts_set_total(NULL, 0) == NS_ERR_USAGE);
	{
		ns_results *exact = NULL, *pruned = NULL;
		const ns_result *a = NULL, *b = NULL;
		CHECK(ns_opts_set_limit(o, 2) == NS_OK);
		CHECK(ns_search(x, "iran OR geneva OR bridge", o, &exact) == NS_OK);
		CHECK(ns_results_total(exact) == 5 && ns_results_size(exact) == 2);
		CHECK(ns_opts_set_total(o, 0) == NS_OK);
		CHECK(ns_search(x, "iran OR geneva OR bridge", o, &pruned) == NS_OK);
		CHECK(ns_results_total(pruned) == NS_TOTAL_UNKNOWN);
		CHECK(ns_results_size(pruned) == ns_results_size(exact));
		for (size_t i = 0; i < ns_results_size(exact) && i < ns_results_size(pruned); i++)
			CHECK(ns_results_hit(exact, i, &a) == NS_OK &&
			      ns_results_hit(pruned, i, &b) == NS_OK && strcmp(a->id, b->id) == 0 &&
			      a->score == b->score);
		CHECK(ns_count(x, "iran OR geneva OR bridge", o, &n) == NS_OK && n == 5);
		CHECK(ns_opts_set_total(o, 1) == NS_OK && ns_opts_set_limit(o, 10) == NS_OK);
		ns_results_free(exact);
		ns_results_free(pruned);
	}

	/* more like this */
	CHECK(ns_opts_set_similar(o, "a1") == NS_OK);
	CHECK(ns_search(x, "iran", o, &r) == NS_ERR_USAGE);	/* no query with similar */
	CHECK(ns_search(x, NULL, o, &r) == NS_OK && ns_results_size(r) >= 1);
	for (size_t i = 0; i < ns_results_size(r); i++)
		CHECK(ns_results_hit(r, i, &h) == NS_OK && strcmp(h->id, "a1") != 0);
	CHECK(ns_results_query(r) == NULL);
	ns_results_free(r);
	CHECK(ns_opts_set_similar(o, "no-such-id") == NS_OK);
	CHECK(ns_search(x, NULL, o, &r) == NS_ERR_NOTFOUND);
	CHECK(strstr(ns_index_errmsg(x), "no-such-id") != NULL);
	CHECK(ns_opts_set_similar(o, NULL) == NS_OK);

	/* expansion adds words; the original hits stay */
	CHECK(ns_opts_set_expand(o, 1) == NS_OK);
	CHECK(ns_count(x, "geneva", o, &n) == NS_OK && n >= 2);
	CHECK(ns_opts_set_expand(o, 0) == NS_OK);

	/* syntax errors: message and column */
	CHECK(ns_search(x, "iran )", NULL, &r) == NS_ERR_QUERY && r == NULL);
	CHECK(ns_index_errcode(x) == NS_ERR_QUERY);
	CHECK(ns_index_errcol(x) == 6);
	CHECK(strstr(ns_index_errmsg(x), "column 6") != NULL);
	CHECK(ns_search(x, "(iran", NULL, &r) == NS_ERR_QUERY && ns_index_errcol(x) > 0);
	CHECK(ns_search(x, "-iran", NULL, &r) == NS_ERR_QUERY);

	/* NULL and invalid arguments */
	CHECK(ns_search(NULL, "iran", NULL, &r) == NS_ERR_USAGE);
	CHECK(ns_search(x, "iran", NULL, NULL) == NS_ERR_USAGE);
	CHECK(ns_search(x, NULL, NULL, &r) == NS_ERR_USAGE);	/* no query, no dates */
	CHECK(ns_opts_set_limit(NULL, 1) == NS_ERR_USAGE && ns_opts_set_any(NULL, 1) == NS_ERR_USAGE);
	CHECK(ns_opts_set_offset(NULL, 1) == NS_ERR_USAGE && ns_opts_set_since(NULL, "2026") ==
	      NS_ERR_USAGE);
	CHECK(ns_opts_set_similar(NULL, "a") == NS_ERR_USAGE &&
	      ns_opts_set_expand(NULL, 1) == NS_ERR_USAGE);
	CHECK(ns_opts_set_snippet_len(NULL, 1) == NS_ERR_USAGE &&
	      ns_opts_get_range(NULL, lo, hi) == NS_ERR_USAGE);
	CHECK(ns_results_size(NULL) == 0 && ns_results_total(NULL) == 0 &&
	      ns_results_query(NULL) == NULL);
	ns_results_free(NULL);
	ns_opts_free(NULL);
	ns_opts_free(o);

	/* stored text */
	{
		char *text = NULL;
		size_t len = 0;
		CHECK(ns_index_article(x, "a3", &text, &len) == NS_OK);
		CHECK(text && strcmp(text, articles[2].body) == 0 && len == strlen(articles[2].body));
		free(text);
		CHECK(ns_index_article(x, "a4", &text, NULL) == NS_OK);	/* the new version */
		CHECK(text && strcmp(text, "The bridge opened again.") == 0);
		free(text);
		CHECK(ns_index_article(x, "zz", &text, &len) == NS_ERR_NOTFOUND && text == NULL);
		CHECK(ns_index_article(x, NULL, &text, &len) == NS_ERR_USAGE);
		CHECK(ns_index_article(NULL, "a1", &text, &len) == NS_ERR_USAGE);
	}
	/* stored fields */
	{
		ns_result f;
		char *store = NULL;
		CHECK(ns_index_article_fields(x, "a3", &f, &store) == NS_OK && store);
		CHECK(strcmp(f.id, "a3") == 0 && f.id_len == 2 && f.rank == 0 && *f.snippet == 0);
		CHECK(strcmp(f.title, articles[2].title) == 0 &&
		      f.title_len == strlen(articles[2].title));
		free(store);
		CHECK(ns_index_article_fields(x, "zz", &f, &store) == NS_ERR_NOTFOUND && !store);
		CHECK(ns_index_article_fields(x, NULL, &f, &store) == NS_ERR_USAGE);
		CHECK(ns_index_article_fields(NULL, "a1", &f, &store) == NS_ERR_USAGE);
	}
	ns_index_close(x);
}

/* ---- threads ---- */

static const char *const thread_queries[] = {
	"iran", "iran talks", "putin OR bridge", "\"the talks\"", "geneva NEAR/5 putin", "tal*",
	"title:iran", "source:reuters", "iran -putin", "date:2026-02",
};
#define N_TQ (sizeof(thread_queries) / sizeof(thread_queries[0]))

/* One search's answer as text: count, then id, score and snippet per hit. */
static char *answer(ns_index *x, const char *q)
{
	ns_results *r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	ns_opts *o = ns_opts_new();

	if (!o || ns_opts_set_limit(o, 40) != NS_OK || ns_search(x, q, o, &r) != NS_OK) {
		fprintf(f, "error %d %s\n", ns_index_errcode(x), ns_index_errmsg(x));
	} else {
		fprintf(f, "%llu\n", (unsigned long long)ns_results_total(r));
		for (size_t i = 0; i < ns_results_size(r); i++) {
			const ns_result *h;
			const ns_explanation *ex;
			if (ns_results_hit(r, i, &h) != NS_OK) {
				fputs("hit error\n", f);
				continue;
			}
			fprintf(f, "%s %.6f %s\n", h->id, h->score, h->snippet);
			if (ns_results_explain(r, i, &ex) == NS_OK)
				fprintf(f, "  %.6f %zu\n", ex->score, ex->n_items);
		}
		ns_results_free(r);
	}
	ns_opts_free(o);
	fclose(f);
	return buf;
}

struct worker {
	ns_index *x;
	char **expected;
	int rounds;
	int mismatches;
	int errmsg_leaks;
};

static void *work(void *arg)
{
	struct worker *wk = arg;

	for (int round = 0; round < wk->rounds; round++) {
		for (size_t i = 0; i < N_TQ; i++) {
			size_t q = (i + (size_t)round) % N_TQ;
			char *a = answer(wk->x, thread_queries[q]);
			if (!a || strcmp(a, wk->expected[q]) != 0)
				wk->mismatches++;
			free(a);
		}
		/* a syntax error in this thread is this thread's */
		if (round % 3 == 0) {
			ns_results *r;
			if (ns_search(wk->x, "((", NULL, &r) != NS_ERR_QUERY ||
			    ns_index_errcol(wk->x) == 0)
				wk->errmsg_leaks++;
		} else if (ns_index_errcode(wk->x) != NS_OK &&
			   ns_index_errcode(wk->x) != NS_ERR_QUERY) {
			wk->errmsg_leaks++;
		}
	}
	return NULL;
}

/* Articles doc<lo>..doc<hi-1> of a fixed sequence of 1500 (the same
 * article for the same number whatever the range). */
static void build_range(const char *idx, int lo, int hi)
{
	static const char *const words[] = {
		"iran", "talks", "putin", "bridge", "geneva", "envoy", "markets", "bank",
		"rates", "strikes", "the", "said", "river", "storm", "election", "vote",
	};
	ns_writer *w;
	char id[32], title[128], body[2048];
	unsigned seed = 12345;

	CHECK(ns_writer_open(idx, 0, &w) == NS_OK);
	for (int d = 0; d < 1500; d++) {
		size_t at = 0;
		ns_new_article a = { id, title, body, NULL, d % 3 ? "reuters" : "ap", NULL };
		char date[16];
		snprintf(id, sizeof(id), "doc%d", d);
		snprintf(title, sizeof(title), "%s %s number %d", words[d % 16], words[(d / 16) % 16],
			 d);
		for (int k = 0; k < 120 && at + 16 < sizeof(body); k++) {
			seed = seed * 1103515245u + 12345u;
			at += (size_t)snprintf(body + at, sizeof(body) - at, "%s%s", k ? " " : "",
					       words[(seed >> 16) % 16]);
		}
		snprintf(date, sizeof(date), "2026-%02d-%02d", 1 + d % 12, 1 + d % 28);
		a.date = date;
		if (d >= lo && d < hi)
			CHECK(ns_writer_add_article(w, &a) == NS_OK);
	}
	CHECK(ns_writer_publish(w, NULL) == NS_OK);
	ns_writer_close(w);
}

/* An index big enough that the hits' texts lie in several compressed
 * groups, so threads reading snippets at once would step on a segment's
 * inflation state if the library let them. */
static void build_big(const char *idx)
{
	build_range(idx, 0, 1500);
}

/* Several indexes opened as one (ns_index_open_many) answer every query
 * exactly as one index of the same articles, in one thread or several;
 * an id live in two of them is shown and found as "name:id". */
static void test_many(const char *big)
{
	char p0[300], p1[300], p2[300], fr[300];
	const char *pieces[2], *name, *path;
	ns_index *one, *many, *x;
	char *text = NULL;

	path_in(p0, sizeof(p0), "p0.idx");
	path_in(p1, sizeof(p1), "p1.idx");
	build_range(p0, 0, 500);
	build_range(p1, 500, 1500);
	pieces[0] = p0;
	pieces[1] = p1;
	CHECK(ns_index_open(big, &one) == NS_OK);
	CHECK(ns_index_open_many(pieces, 2, &many) == NS_OK);
	CHECK(ns_index_n_pieces(one) == 0 && ns_index_n_pieces(many) == 2);
	CHECK(ns_index_piece(many, 1, &name, &path) == NS_OK && strcmp(name, "p1.idx") == 0 &&
	      strcmp(path, p1) == 0);
	CHECK(ns_index_piece(many, 2, &name, &path) == NS_ERR_USAGE);
	for (int threads = 1; threads <= 2; threads++) {
		setenv("NSEARCH_THREADS", threads == 1 ? "1" : "2", 1);
		for (size_t i = 0; i < N_TQ; i++) {
			char *a = answer(one, thread_queries[i]), *b = answer(many, thread_queries[i]);
			CHECK(a && b && strncmp(a, "error", 5) != 0 && strcmp(a, b) == 0);
			free(a);
			free(b);
		}
	}
	unsetenv("NSEARCH_THREADS");
	ns_index_close(one);
	ns_index_close(many);

	/* doc3 again, in a third index */
	{
		ns_writer *w;
		ns_results *r;
		const ns_result *h;
		const ns_new_article again = { "doc3", "Zebra", "A zebra crossed the bridge.", NULL,
					       NULL, NULL };
		path_in(p2, sizeof(p2), "p2.idx");
		CHECK(ns_writer_open(p2, 0, &w) == NS_OK);
		CHECK(ns_writer_add_article(w, &again) == NS_OK);
		CHECK(ns_writer_publish(w, NULL) == NS_OK);
		ns_writer_close(w);
		pieces[1] = p2;
		CHECK(ns_index_open_many(pieces, 2, &x) == NS_OK);
		CHECK(ns_search(x, "zebra", NULL, &r) == NS_OK);
		CHECK(ns_results_size(r) == 1 && ns_results_hit(r, 0, &h) == NS_OK &&
		      strcmp(h->id, "p2.idx:doc3") == 0 && h->id_len == 11);
		ns_results_free(r);
		CHECK(ns_search(x, "doc4 OR number", NULL, &r) == NS_OK);
		for (size_t i = 0; i < ns_results_size(r); i++)
			CHECK(ns_results_hit(r, i, &h) == NS_OK &&
			      (strcmp(h->id, "p0.idx:doc3") == 0 || strchr(h->id, ':') == NULL));
		ns_results_free(r);
		CHECK(ns_index_article(x, "p2.idx:doc3", &text, NULL) == NS_OK && text &&
		      strstr(text, "zebra") != NULL);
		free(text);
		text = NULL;
		CHECK(ns_index_article(x, "doc3", &text, NULL) == NS_ERR_NOTFOUND);
		CHECK(ns_index_article(x, "doc4", &text, NULL) == NS_OK);
		free(text);
		/* stories are kept per index: none over several */
		{
			ns_opts *so = ns_opts_new();
			const ns_story_explanation *why;
			const ns_result *v;
			size_t n_filled, n_all;
			CHECK(ns_search(x, "zebra", NULL, &r) == NS_OK);
			CHECK(ns_results_hit(r, 0, &h) == NS_OK && strcmp(h->story, "") == 0 &&
			      h->story_size == 0);
			CHECK(ns_results_story_explain(r, 0, &why) == NS_DONE);
			CHECK(ns_results_versions(r, 0, 5, &v, &n_filled, &n_all) == NS_OK &&
			      n_all == 0);
			ns_results_free(r);
			CHECK(ns_opts_set_collapse(so, NS_COLLAPSE_STORIES) == NS_OK);
			CHECK(ns_search(x, "zebra", so, &r) == NS_ERR_USAGE && r == NULL &&
			      strstr(ns_index_errmsg(x), "stories are kept per index") != NULL);
			CHECK(ns_stories(x, "zebra", NULL, &r) == NS_ERR_USAGE && r == NULL);
			CHECK(ns_story(x, "doc4", &r) == NS_ERR_USAGE && r == NULL);
			ns_opts_free(so);
		}
		ns_index_close(x);

		/* each piece counts its own generations: p2 gets a second */
		const ns_new_article more = { "zz9", "Zebra again", "Another zebra.", NULL, NULL,
					      NULL };
		uint64_t g0 = 0, g1 = 0, id0 = 0, id1 = 0, n = 0;
		ns_opts *o = ns_opts_new();
		CHECK(ns_writer_open(p2, 0, &w) == NS_OK);
		CHECK(ns_writer_add_article(w, &more) == NS_OK);
		CHECK(ns_writer_publish(w, NULL) == NS_OK);
		ns_writer_close(w);
		CHECK(ns_index_open_many(pieces, 2, &x) == NS_OK);
		CHECK(ns_index_piece_generation(x, 0, &g0, &id0) == NS_OK && g0 == 1 && id0 != 0);
		CHECK(ns_index_piece_generation(x, 1, &g1, &id1) == NS_OK && g1 == 2 && id1 != 0 &&
		      id1 != id0);
		CHECK(ns_index_piece_generation(x, 2, &g1, &id1) == NS_ERR_USAGE);
		CHECK(ns_index_generation(x, &g1, &id1) == NS_OK && g1 == 2 && id1 == 0);
		CHECK(ns_count(x, "zebra OR number", o, &n) == NS_OK && n > 2);
		CHECK(ns_opts_set_piece_arrived_after(o, 1, 1) == NS_OK);
		CHECK(ns_count(x, "zebra", o, &n) == NS_OK && n == 1);	/* zz9 alone */
		CHECK(ns_count(x, "number", o, &n) == NS_OK && n > 0);	/* p0: all */
		CHECK(ns_opts_set_piece_arrived_after(o, 0, 1) == NS_OK);
		CHECK(ns_count(x, "zebra OR number", o, &n) == NS_OK && n == 1);
		CHECK(ns_search(x, "zebra OR number", o, &r) == NS_OK);
		CHECK(ns_results_size(r) == 1 && ns_results_hit(r, 0, &h) == NS_OK &&
		      strcmp(h->id, "zz9") == 0);
		ns_results_free(r);
		/* the marks of the pieces win over the one for all */
		CHECK(ns_opts_set_arrived_after(o, 2) == NS_OK);
		CHECK(ns_count(x, "zebra", o, &n) == NS_OK && n == 1);
		CHECK(ns_opts_set_piece_arrived_after(o, 1, 0) == NS_OK);
		CHECK(ns_count(x, "zebra", o, &n) == NS_OK && n == 2);
		CHECK(ns_opts_set_piece_arrived_after(o, 4096, 1) == NS_ERR_USAGE);
		CHECK(ns_opts_set_piece_arrived_after(NULL, 0, 1) == NS_ERR_USAGE);
		ns_opts_free(o);
		ns_index_close(x);
	}

	/* errors: no paths, none, another language */
	CHECK(ns_index_open_many(NULL, 2, &x) == NS_ERR_USAGE);
	ns_index_close(x);
	CHECK(ns_index_open_many(pieces, 0, &x) == NS_ERR_LIMIT);
	ns_index_close(x);
	{
		ns_writer *w;
		const ns_new_article a = { "f1", "Titre", "Les ponts sont fermés.", NULL, NULL, NULL };
		path_in(fr, sizeof(fr), "fr.idx");
		CHECK(ns_writer_open(fr, 0, &w) == NS_OK);
		CHECK(ns_writer_set_lang(w, "french") == NS_OK);
		CHECK(ns_writer_add_article(w, &a) == NS_OK);
		CHECK(ns_writer_publish(w, NULL) == NS_OK);
		ns_writer_close(w);
		pieces[1] = fr;
		CHECK(ns_index_open_many(pieces, 2, &x) == NS_ERR_USAGE);
		CHECK(strstr(ns_index_errmsg(x), "language") != NULL);
		ns_index_close(x);
	}
}

static void test_threads(const char *idx)
{
	enum { N_THREADS = 4 };
	ns_index *x;
	char *expected[N_TQ];
	pthread_t t[N_THREADS];
	struct worker wk[N_THREADS];

	CHECK(ns_index_open(idx, &x) == NS_OK);
	for (size_t i = 0; i < N_TQ; i++) {
		expected[i] = answer(x, thread_queries[i]);
		CHECK(expected[i] != NULL && strncmp(expected[i], "error", 5) != 0);
	}
	for (int i = 0; i < N_THREADS; i++) {
		wk[i] = (struct worker){ x, expected, 6, 0, 0 };
		CHECK(pthread_create(&t[i], NULL, work, &wk[i]) == 0);
	}
	for (int i = 0; i < N_THREADS; i++) {
		CHECK(pthread_join(t[i], NULL) == 0);
		CHECK(wk[i].mismatches == 0);
		CHECK(wk[i].errmsg_leaks == 0);
	}
	/* the main thread's last error is still none */
	CHECK(ns_index_errcode(x) == NS_OK && ns_index_errmsg(x)[0] == 0);
	for (size_t i = 0; i < N_TQ; i++)
		free(expected[i]);
	ns_index_close(x);
}

/* Reads a file whole (NUL-terminated); NULL on failure. */
static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = 0;
		}
	}
	if (f)
		fclose(f);
	return buf;
}

/* The id prefix ("000", "cop") of hit i of r, or "". */
static const char *prefix(ns_results *r, size_t i, char out[4])
{
	const ns_result *h;

	out[0] = 0;
	if (ns_results_hit(r, i, &h) == NS_OK)
		snprintf(out, 4, "%s", h->id);
	return out;
}

/* Stories on the bundled corpus: 000, 001 and 002 retell one story, 003
 * is another; "copy" is 000's text under a new headline. */
static void test_stories(void)
{
	static const char *const seed[] = { "000_cb9e7fc10d88d411.txt", "001_b25f0445ea50a163.txt",
					    "002_787faffb991260da.txt", "003_814b0d2deb047309.txt" };
	char idx[300], src[300], file[400], p[4];
	char *text = read_all("corpus/000_cb9e7fc10d88d411.txt"), *body;
	ns_writer *w;
	ns_index *x;
	ns_results *r;
	ns_opts *o;
	const ns_result *h, *v;
	const ns_story_explanation *ex;
	const ns_story_summary *sum;
	size_t n_filled, n_all;
	uint64_t n;
	char story0[17] = "", story3[17] = "";

	CHECK(text != NULL);
	if (!text)
		return;
	/* the corpus, and the copy as a file read the same way as 000 */
	path_in(src, sizeof(src), "stories-src");
	CHECK(mkdir(src, 0777) == 0);
	for (size_t i = 0; i < 4; i++) {
		char from[100], *t;
		snprintf(from, sizeof(from), "corpus/%s", seed[i]);
		snprintf(file, sizeof(file), "%s/%s", src, seed[i]);
		t = read_all(from);
		CHECK(t != NULL);
		if (t)
			write_file(file, t);
		free(t);
	}
	body = strchr(text, '\n');
	snprintf(file, sizeof(file), "%s/copy.txt", src);
	{
		size_t len = strlen(body ? body : "") + 64;
		char *c = malloc(len);
		CHECK(c != NULL);
		if (c) {
			snprintf(c, len, "Netanyahu Got a Green Light, Sources Say%s", body ? body : "");
			write_file(file, c);
		}
		free(c);
	}
	path_in(idx, sizeof(idx), "stories.idx");
	CHECK(ns_writer_open(idx, 0, &w) == NS_OK);
	CHECK(ns_writer_add_source(w, src) == NS_OK);
	CHECK(ns_writer_publish(w, NULL) == NS_OK);
	ns_writer_close(w);
	free(text);
	CHECK(ns_index_open(idx, &x) == NS_OK);
	o = ns_opts_new();
	CHECK(o != NULL);
	CHECK(ns_opts_set_collapse(o, (enum ns_collapse)7) == NS_ERR_USAGE);
	CHECK(ns_opts_set_collapse(NULL, NS_COLLAPSE_OFF) == NS_ERR_USAGE);

	/* every article carries its story */
	CHECK(ns_search(x, "iran", o, &r) == NS_OK);
	CHECK(ns_results_size(r) == 5);
	for (size_t i = 0; i < ns_results_size(r); i++) {
		CHECK(ns_results_hit(r, i, &h) == NS_OK);
		CHECK(strlen(h->story) == 16 && strspn(h->story, "0123456789abcdef") == 16);
		if (strncmp(h->id, "000", 3) == 0)
			snprintf(story0, sizeof(story0), "%s", h->story);
		if (strncmp(h->id, "003", 3) == 0)
			snprintf(story3, sizeof(story3), "%s", h->story);
	}
	CHECK(story0[0] && story3[0] && strcmp(story0, story3) != 0);
	for (size_t i = 0; i < ns_results_size(r); i++) {
		CHECK(ns_results_hit(r, i, &h) == NS_OK);
		if (strncmp(h->id, "003", 3) == 0)
			CHECK(h->story_size == 1);
		else
			CHECK(strcmp(h->story, story0) == 0 && h->story_size == 4);
	}
	/* without collapsing nothing is folded */
	CHECK(ns_results_versions(r, 0, 10, &v, &n_filled, &n_all) == NS_OK && n_all == 0);
	CHECK(ns_results_versions(r, 5, 10, &v, &n_filled, &n_all) == NS_ERR_USAGE);
	ns_results_free(r);

	/* one hit per story; the versions oldest first (002 is the dated one) */
	CHECK(ns_opts_set_collapse(o, NS_COLLAPSE_STORIES) == NS_OK);
	CHECK(ns_search(x, "iran", o, &r) == NS_OK);
	CHECK(ns_results_size(r) == 2 && ns_results_total(r) == 5);
	CHECK(ns_results_hit(r, 0, &h) == NS_OK && strcmp(h->story, story0) == 0);
	CHECK(ns_results_versions(r, 0, 2, &v, &n_filled, &n_all) == NS_OK);
	CHECK(n_all == 3 && n_filled == 2 && strncmp(v[0].id, "002", 3) == 0 &&
	      strcmp(v[0].date, "2026-02-16") == 0 && v[0].score == 0.0 && v[0].snippet[0] == 0);
	CHECK(ns_results_versions(r, 0, 10, &v, &n_filled, &n_all) == NS_OK && n_filled == 3);
	CHECK(ns_results_versions(r, 1, 10, &v, &n_filled, &n_all) == NS_OK && n_all == 0);
	CHECK(strcmp(prefix(r, 1, p), "003") == 0);
	/* why: 003 is alone; the lead retells its story */
	CHECK(ns_results_story_explain(r, 1, &ex) == NS_OK && ex->reason == NS_STORY_ALONE &&
	      ex->story_size == 1 && strcmp(ex->story, story3) == 0);
	CHECK(ns_results_story_explain(r, 0, &ex) == NS_OK);
	if (strcmp(prefix(r, 0, p), "000") != 0 && strcmp(p, "cop") != 0)
		CHECK(ex->reason == NS_STORY_RETELLING && ex->similarity >= ex->threshold &&
		      ex->n_shared_terms > 0 && ex->story_size == 4);
	ns_results_free(r);
	CHECK(ns_count(x, "iran", o, &n) == NS_OK && n == 2);
	/* limit and offset count stories */
	CHECK(ns_opts_set_offset(o, 1) == NS_OK && ns_opts_set_limit(o, 1) == NS_OK);
	CHECK(ns_search(x, "iran", o, &r) == NS_OK && ns_results_size(r) == 1);
	CHECK(strcmp(prefix(r, 0, p), "003") == 0);
	CHECK(ns_results_hit(r, 0, &h) == NS_OK && h->rank == 2);
	ns_results_free(r);
	CHECK(ns_opts_set_offset(o, 0) == NS_OK && ns_opts_set_limit(o, 10) == NS_OK);

	/* copies only: the copy folds into 000 (or 000 into it) */
	CHECK(ns_opts_set_collapse(o, NS_COLLAPSE_COPIES) == NS_OK);
	CHECK(ns_count(x, "iran", o, &n) == NS_OK && n == 4);
	CHECK(ns_search(x, "iran", o, &r) == NS_OK && ns_results_size(r) == 4);
	for (size_t i = 0; i < ns_results_size(r); i++) {
		prefix(r, i, p);
		CHECK(ns_results_versions(r, i, 10, &v, &n_filled, &n_all) == NS_OK);
		if (strcmp(p, "000") == 0 || strcmp(p, "cop") == 0) {
			CHECK(n_all == 1 && n_filled == 1);
			CHECK(n_filled == 1 && strncmp(v[0].id, strcmp(p, "000") ? "000" : "copy", 3) == 0);
			CHECK(ns_results_story_explain(r, i, &ex) == NS_OK);
			CHECK(ex->reason == NS_STORY_EXACT_COPY && ex->copy_of_len > 0);
		} else {
			CHECK(n_all == 0);
		}
	}
	ns_results_free(r);
	CHECK(ns_opts_set_collapse(o, NS_COLLAPSE_OFF) == NS_OK);
	CHECK(ns_count(x, "iran", o, &n) == NS_OK && n == 5);

	/* matching stories at a glance */
	CHECK(ns_stories(x, "iran", o, &r) == NS_OK && ns_results_size(r) == 2);
	CHECK(ns_results_story(r, 0, &sum) == NS_OK && sum->size == 4 &&
	      strcmp(sum->story, story0) == 0 && strcmp(sum->first_date, "2026-02-16") == 0 &&
	      strcmp(sum->last_date, "2026-02-16") == 0 && sum->n_sources == 0);
	CHECK(ns_results_story(r, 1, &sum) == NS_OK && sum->size == 1 && sum->first_date[0] == 0);
	CHECK(ns_results_story(r, 2, &sum) == NS_ERR_USAGE);
	ns_results_free(r);

	/* a story's timeline, by its id or an article's */
	CHECK(ns_story(x, story0, &r) == NS_OK && ns_results_size(r) == 4);
	CHECK(strcmp(prefix(r, 0, p), "002") == 0);
	for (size_t i = 0; i < ns_results_size(r); i++)
		CHECK(ns_results_hit(r, i, &h) == NS_OK && h->rank == i + 1 &&
		      strcmp(h->story, story0) == 0);
	ns_results_free(r);
	CHECK(ns_story(x, "003_814b0d2deb047309.txt", &r) == NS_OK && ns_results_size(r) == 1);
	CHECK(ns_results_hit(r, 0, &h) == NS_OK && strcmp(h->story, story3) == 0);
	CHECK(ns_results_explain(r, 0, &(const ns_explanation *){ NULL }) == NS_DONE);
	ns_results_free(r);
	CHECK(ns_story(x, "no-such-story", &r) == NS_ERR_NOTFOUND && r == NULL);
	CHECK(strstr(ns_index_errmsg(x), "no-such-story") != NULL);
	CHECK(ns_story(x, NULL, &r) == NS_ERR_USAGE);

	/* every article, with its text */
	CHECK(ns_opts_set_all(o, 1) == NS_OK);
	CHECK(ns_search(x, "iran", o, &r) == NS_ERR_USAGE);
	CHECK(ns_opts_set_limit(o, NS_LIMIT_ALL) == NS_OK);
	CHECK(ns_search(x, NULL, o, &r) == NS_OK && ns_results_size(r) == 5 &&
	      ns_results_total(r) == 5);
	{
		char *t = NULL, *want = NULL;
		CHECK(ns_results_hit(r, 2, &h) == NS_OK && ns_results_text(r, 2, &t, NULL) == NS_OK);
		CHECK(ns_index_article(x, h->id, &want, NULL) == NS_OK);
		CHECK(t && want && strcmp(t, want) == 0);
		free(t);
		free(want);
	}
	ns_results_free(r);
	CHECK(ns_opts_set_all(o, 0) == NS_OK);
	CHECK(ns_search(x, "iran", o, &r) == NS_ERR_USAGE);	/* no limit without all */
	ns_opts_free(o);
	ns_index_close(x);
}

/* ns_spell(): a misspelled word replaced, the rest of the query kept; a
 * well-spelled query, fuzzy words and bad arguments; fuzzy words' work in
 * ns_work. */
static void test_spell(const char *path)
{
	ns_index *idx = NULL;
	ns_results *r = NULL;
	ns_work w;
	char *out = NULL;

	CHECK(ns_index_open(path, &idx) == NS_OK);
	CHECK(ns_spell(idx, "genva talks", NULL, &out) == NS_OK && out &&
	      strcmp(out, "genva talks") != 0 && strstr(out, "geneva talks") != NULL);
	free(out);
	out = NULL;
	CHECK(ns_spell(idx, "title:(Genva OR bridge*)", NULL, &out) == NS_OK && out &&
	      strcmp(out, "title:(Geneva OR bridge*)") == 0);
	free(out);
	out = (char *)"x";
	CHECK(ns_spell(idx, "geneva talks", NULL, &out) == NS_DONE && out == NULL);
	CHECK(ns_spell(idx, "genva~ talks", NULL, &out) == NS_DONE && out == NULL);
	CHECK(ns_spell(NULL, "genva", NULL, &out) == NS_ERR_USAGE);
	CHECK(ns_spell(idx, NULL, NULL, &out) == NS_ERR_USAGE);
	CHECK(ns_search(idx, "genva~", NULL, &r) == NS_OK && ns_results_total(r) >= 1);
	CHECK(r && ns_results_work(r, &w) == NS_OK && w.fuzzy_visited > 0 &&
	      w.fuzzy_entries > 0);
	ns_results_free(r);
	ns_index_close(idx);
}

/* ns_suggest(): the correction and its count when worth saying; a query
 * that matched articles with every word's stem known well is answered
 * from the lexicon alone -- with the word forms files gone, it still gets
 * NS_DONE, while a misspelled one needs them (NS_ERR_CORRUPT). */
static void test_suggest(void)
{
	char path[300], name[600], body[64];
	ns_writer *w = NULL;
	ns_index *idx = NULL;
	char *out = NULL;
	uint64_t n = 0;
	DIR *d;
	struct dirent *e;
	int gone = 0;

	path_in(path, sizeof(path), "suggest.idx");
	CHECK(ns_writer_open(path, 0, &w) == NS_OK);
	for (int i = 0; i < 31 && w; i++) {
		char id[16];
		ns_new_article a = { id, "Report", body, NULL, NULL, NULL };
		snprintf(id, sizeof(id), "m%d", i);
		snprintf(body, sizeof(body), i < 30 ? "The market report %d." : "The markte report.", i);
		CHECK(ns_writer_add_article(w, &a) == NS_OK);
	}
	CHECK(ns_writer_publish(w, NULL) == NS_OK);
	ns_writer_close(w);

	CHECK(ns_index_open(path, &idx) == NS_OK);
	CHECK(ns_suggest(idx, "markte", NULL, 1, &out, &n) == NS_OK && out &&
	      strcmp(out, "market") == 0 && n == 30);
	free(out);
	out = (char *)"x";
	CHECK(ns_suggest(idx, "market report", NULL, 30, &out, &n) == NS_DONE && out == NULL);
	CHECK(ns_suggest(idx, "markte", NULL, 0, NULL, &n) == NS_ERR_USAGE);
	ns_index_close(idx);

	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".nsw") == 0) {
			snprintf(name, sizeof(name), "%s/%s", path, e->d_name);
			gone += unlink(name) == 0;
		}
	}
	if (d)
		closedir(d);
	CHECK(gone == 1);
	CHECK(ns_index_open(path, &idx) == NS_OK);
	CHECK(ns_suggest(idx, "market report", NULL, 30, &out, &n) == NS_DONE && out == NULL);
	CHECK(ns_suggest(idx, "markte", NULL, 1, &out, &n) == NS_ERR_CORRUPT && out == NULL);
	ns_index_close(idx);
}

/* A top k without an exact count checks a NEAR candidate's positions only
 * when its weights plus the bound of its proximity score by its length
 * and tfs can beat the k-th best (searcher/leaf.h, ns_leaf_prox_doc_ub()).
 * 10 articles have "alpha beta" side by side in 55 words, 2,000 have them
 * 48 words apart in 60 (and 6,000 neither): the 2,000 fall below the 10
 * even with the best proximity their lengths allow, though not with the
 * query's bound for any document, so without the bound by length each of
 * them is checked for positions. */
static void test_prox_bound(void)
{
	char idx[300], id[16], body[1024];
	ns_writer *w;
	ns_index *ix;
	ns_opts *o;
	ns_results *r;
	ns_work wk;

	path_in(idx, sizeof(idx), "prox.idx");
	CHECK(ns_writer_open(idx, 0, &w) == NS_OK);
	for (int d = 0; d < 8010; d++) {
		ns_new_article a = { id, NULL, body, NULL, NULL, NULL };
		size_t at = 0;
		int before = d < 10 ? 20 : d < 2010 ? 0 : 60, mid = d < 10 ? 0 : 48,
		    after = d < 10 ? 33 : 10;
		snprintf(id, sizeof(id), "%c%04d", d < 10 ? 't' : d < 2010 ? 'r' : 'f', d);
		for (int k = 0; k < before; k++)
			at += (size_t)snprintf(body + at, sizeof(body) - at, "w%d ", k % 37);
		if (d < 2010) {
			at += (size_t)snprintf(body + at, sizeof(body) - at, "alpha ");
			for (int k = 0; k < mid; k++)
				at += (size_t)snprintf(body + at, sizeof(body) - at, "w%d ", k % 37);
			at += (size_t)snprintf(body + at, sizeof(body) - at, "beta");
			for (int k = 0; k < after; k++)
				at += (size_t)snprintf(body + at, sizeof(body) - at, " w%d", k % 37);
		}
		CHECK(ns_writer_add_article(w, &a) == NS_OK);
	}
	CHECK(ns_writer_publish(w, NULL) == NS_OK);
	ns_writer_close(w);
	CHECK(ns_index_open(idx, &ix) == NS_OK);
	o = ns_opts_new();
	CHECK(o && ns_opts_set_limit(o, 10) == NS_OK && ns_opts_set_total(o, 0) == NS_OK);
	CHECK(ns_search(ix, "alpha NEAR/60 beta", o, &r) == NS_OK);
	CHECK(ns_results_size(r) == 10 && ns_results_work(r, &wk) == NS_OK);
	CHECK(wk.position_checks <= 20 && wk.proximity <= 20);
	for (size_t i = 0; i < ns_results_size(r); i++) {
		const char *hid;
		CHECK(ns_results_field(r, i, NS_FIELD_ID, &hid, NULL) == NS_OK && hid[0] == 't');
	}
	ns_results_free(r);
	/* a count alone (nsearch -c): a term's is its df, no block decoded;
	 * "a NOT b" counts a's documents less those b shares */
	CHECK(ns_opts_set_limit(o, 0) == NS_OK && ns_opts_set_total(o, 1) == NS_OK);
	CHECK(ns_search(ix, "alpha", o, &r) == NS_OK);
	CHECK(ns_results_total(r) == 2010 && ns_results_work(r, &wk) == NS_OK && wk.blocks == 0);
	ns_results_free(r);
	CHECK(ns_search(ix, "w36 NOT alpha", o, &r) == NS_OK && ns_results_total(r) == 6000);
	ns_results_free(r);
	ns_opts_free(o);
	ns_index_close(ix);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char idx[300], cmd[300];

	snprintf(root, sizeof(root), "%s/nsapi-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 2;
	}
	path_in(idx, sizeof(idx), "news.idx");
	test_basics();
	test_writer(idx);
	test_sources();
	test_search(idx);
	test_fields(idx);
	test_counts(idx);
	test_stories();
	test_spell(idx);
	test_suggest();
	test_prox_bound();
	{
		ns_check_result cr;
		char msg[256];
		CHECK(ns_check(idx, NULL, NULL, &cr, msg, sizeof(msg)) == NS_OK);
		CHECK(cr.problems == 0 && cr.docs == N_ARTICLES && cr.deleted == 1);
		CHECK(ns_check(NULL, NULL, NULL, &cr, msg, sizeof(msg)) == NS_ERR_USAGE);
	}
	{
		char big[300];
		path_in(big, sizeof(big), "big.idx");
		build_big(big);
		test_threads(big);
		test_many(big);
	}
	test_open_errors(idx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	printf("api: %ld passed, %ld failed\n", passed, failed);
	return failed ? 1 : 0;
}
