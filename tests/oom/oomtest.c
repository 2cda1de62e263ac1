/* SPDX-License-Identifier: MIT */
/* oomtest.c -- every allocation of an indexing run and of a search failed
 * in turn (the approach of SQLite's fts5fault tests and zlib's infcover).
 *
 * The runner is linked with -Wl,--wrap=malloc,calloc,realloc,strdup,
 * strndup,realpath (Makefile): every allocation that the code of common/,
 * indexer/ and searcher/ makes, or asks the C library for, goes through
 * the wrappers below, which fail the Nth one when armed.  (Allocations
 * inside zlib, libstemmer and the C library's own are not counted: they
 * are not our code.)  The operations: 9 searches of every kind through
 * the public API (nsearch.h: open, options, search with count, --expand,
 * every hit's fields with snippets, an explanation), some of them again
 * on two indexes opened as one (ns_index_open_many: every id clashes, so
 * every hit is shown as name:id; in one thread and in two), a
 * first build (JSON Lines, text and gzip files), an update (a file
 * changed, one removed, one added) and a compaction.  For N = 1, 2, ... an
 * operation runs with the Nth allocation failed, until it runs without
 * reaching N; each run that met its failure must
 *   - return NS_ERR_NOMEM (a search: from whichever call met it), or
 *     NS_OK where the code has a fallback (the merge policy plans nothing,
 *     a size for the statistics or a garbage file's removal is left out),
 *     and then give the same index: generation, live articles and answers
 *     (and for a compaction its segments), after which the index before
 *     is put back to fail the next allocation;
 *   - leak nothing (the sanitizer build's leak checker, at exit);
 *   - for an update: leave the previous index as it was (ns_check_index()
 *     finds nothing, and a battery of searches answers as before), and
 *     release the lock (the next run goes ahead);
 * and the run that met no failure must give what a run without the
 * wrappers gives.  The indexer runs on one thread (the fault hooks of
 * fileio.h are armed, never firing), so the Nth allocation is the same
 * one in every run.
 *
 *   oomtest [-v]
 * NS_OOM_ABORT=S:N aborts at allocation N of stage S (0 searches, 1 first
 * build, 2 update, 3 compaction), for a debugger's backtrace.
 * Ends with "oomtest: N passed, N failed" (N: runs with a failure injected).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "build.h"
#include "check.h"
#include "error.h"
#include "index.h"
#include "nsearch.h"

/* ---- the allocator wrappers ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
char *__real_realpath(const char *path, char *resolved);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
char *__wrap_realpath(const char *path, char *resolved);

static long fail_at;		/* the allocation to fail (1-based); 0 = none */
static long n_allocs;		/* allocations since armed */
static int injected;		/* the failure happened */
static int stage;		/* the operation running: 0 searches, 1 first
				 * build, 2 update, 3 compaction */
static int trap_stage = -1;	/* NS_OOM_ABORT=S:N aborts at the failure */
static long trap_at;		/* of allocation N in stage S (for a debugger's
				 * backtrace) */

static void trap(void)
{
	if (stage == trap_stage && fail_at == trap_at)
		abort();
}

static void arm(long n)
{
	fail_at = n;
	n_allocs = 0;
	injected = 0;
}

static void disarm(void)
{
	fail_at = 0;
}

static int fails(void)
{
	if (fail_at <= 0)
		return 0;
	if (++n_allocs != fail_at)
		return 0;
	injected = 1;
	trap();
	errno = ENOMEM;
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return fails() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fails() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fails() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fails() ? NULL : __real_strndup(s, n);
}

/* realpath() allocates the result when resolved is NULL. */
char *__wrap_realpath(const char *path, char *resolved)
{
	return !resolved && fails() ? NULL : __real_realpath(path, resolved);
}

/* ---- helpers ---- */

static long n_passed, n_failed;
static int verbose;

static void failure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failure(const char *fmt, ...)
{
	va_list ap;

	n_failed++;
	if (n_failed > 30)
		return;
	fputs("oomtest: FAIL ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static char tmp[256];

static void path_of(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", tmp, name);
}

static int write_text(const char *name, const char *text)
{
	char p[512];
	FILE *f;

	path_of(p, sizeof(p), name);
	f = fopen(p, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static int write_gz(const char *name, const char *text)
{
	char p[512];
	gzFile g;

	path_of(p, sizeof(p), name);
	g = gzopen(p, "wb");
	if (!g)
		return -1;
	if (gzputs(g, text) < 0) {
		gzclose(g);
		return -1;
	}
	return gzclose(g) == Z_OK ? 0 : -1;
}

/* A JSON Lines file of n articles: word lists that overlap, so queries of
 * every kind find something. */
static int write_jsonl(const char *name, int first, int n, int version)
{
	static const char *const w[] = { "iran", "talks", "oil", "sanctions", "geneva",
					 "airspace", "saudi", "arabia", "strike", "negotiators",
					 "markets", "ceasefire" };
	char p[512];
	FILE *f;

	path_of(p, sizeof(p), name);
	f = fopen(p, "w");
	if (!f)
		return -1;
	for (int i = first; i < first + n; i++) {
		fprintf(f, "{\"id\": \"j%d\", \"title\": \"%s %s v%d\", \"body\": \"", i, w[i % 12],
			w[(i * 5 + 1) % 12], version);
		for (int k = 0; k < 12 + i % 9; k++)
			fprintf(f, "%s%s", k ? " " : "", w[(i * 7 + k * k + k) % 12]);
		fprintf(f, ". The %s said.\", \"date\": \"2026-0%d-%02dT10:00:00Z\"", w[i % 5],
			1 + i % 3, 1 + i % 28);
		if (i % 3)
			fprintf(f, ", \"source\": \"%s\"", i % 2 ? "wire" : "herald");
		fprintf(f, ", \"url\": \"https://example.com/%d\"}\n", i);
	}
	return fclose(f);
}

static int make_sources(void)
{
	char p[512];

	path_of(p, sizeof(p), "src");
	if (mkdir(p, 0700) != 0)
		return -1;
	if (write_jsonl("src/a.jsonl", 0, 30, 1) != 0 || write_jsonl("src/b.jsonl", 100, 12, 1) != 0)
		return -1;
	if (write_text("src/one.txt", "Saudi airspace closed to Iran flights\n\nFebruary 16th, 2026\n\n"
				       "Saudi Arabia closed its airspace. Iran's negotiators met "
				       "in Geneva on oil and sanctions.\n") != 0)
		return -1;
	if (write_text("src/two.txt", "Markets after the ceasefire\n\n2026-02-20\n\nOil markets "
				       "rose after the ceasefire talks; sanctions stay.\n") != 0)
		return -1;
	return write_gz("src/three.txt.gz", "Geneva talks resume\n\nThe negotiators of Iran "
					   "resumed talks in Geneva about the strike.\n");
}

/* The second version of the sources: a changed file, a removed one and a
 * new one. */
static int change_sources(void)
{
	char p[512];

	if (write_jsonl("src/b.jsonl", 100, 14, 2) != 0 || write_jsonl("src/c.jsonl", 200, 8, 1) != 0)
		return -1;
	path_of(p, sizeof(p), "src/two.txt");
	return unlink(p);
}

static int build(const char *idx, int compact, char *msg, size_t cap)
{
	char src[512];
	const char *sources[1] = { src };
	struct ns_build_opts o;
	struct ns_build_stats st;

	path_of(src, sizeof(src), "src");
	memset(&o, 0, sizeof(o));
	o.index_dir = idx;
	o.sources = sources;
	o.n_sources = 1;
	o.memory_bytes = 16u << 20;
	o.compact = compact;
	msg[0] = 0;
	return ns_build(&o, NULL, &st, msg, cap);
}

static void count_problem(void *ctx, const char *file, const char *what)
{
	(*(int *)ctx)++;
	if (verbose)
		fprintf(stderr, "oomtest: check: %s: %s\n", file, what);
}

/* ---- searches ---- */

struct qcase {
	const char *text;
	int any;
	enum ns_order order;
	size_t limit, offset;
	int expand;
};

static const struct qcase queries[] = {
	{ "iran", 0, NS_ORDER_SCORE, 5, 0, 0 },
	{ "oil sanctions -ceasefire", 0, NS_ORDER_SCORE, 3, 1, 0 },
	{ "\"saudi arabia\" NEAR/5 airspace", 0, NS_ORDER_SCORE, 10, 0, 0 },
	{ "geneva OR markets OR strike", 0, NS_ORDER_SCORE, 2, 0, 0 },
	{ "negotiat* title:talks", 1, NS_ORDER_DATE_DESC, 10, 0, 0 },
	{ "oil ADJ/3 sanctions date:2026-02..", 0, NS_ORDER_DATE, 10, 0, 0 },
	{ "(iran AND source:wire) NOT (talks NEAR/2 geneva)", 0, NS_ORDER_SCORE, 4, 0, 0 },
	{ "iran SENTENCE (oil OR \"saudi arabia\") markets PARAGRAPH talks", 0, NS_ORDER_SCORE,
	  5, 0, 0 },
	{ "iran talks", 0, NS_ORDER_SCORE, 5, 0, 1 },
};
static const size_t n_queries = sizeof(queries) / sizeof(queries[0]);

/* Opens the index through the public API (nsearch.h), runs query q and
 * prints its count and hits (every field, snippets and highlights; the
 * first hit explained) into out.  NS_OK or the first error. */
static int search(const char *dir, const struct qcase *q, char *out, size_t cap)
{
	ns_index *idx = NULL;
	ns_opts *o = NULL;
	ns_results *r = NULL;
	FILE *f = NULL;
	int rc;

	memset(out, 0, cap);
	if (strchr(dir, ':')) {
		/* "A:B": two indexes opened as one */
		char a[512], *b;
		const char *two[2];
		snprintf(a, sizeof(a), "%s", dir);
		b = strchr(a, ':');
		*b++ = 0;
		two[0] = a;
		two[1] = b;
		rc = ns_index_open_many(two, 2, &idx);
	} else {
		rc = ns_index_open(dir, &idx);
	}
	if (rc == NS_OK && !(o = ns_opts_new()))
		rc = NS_ERR_NOMEM;
	if (rc == NS_OK)
		rc = ns_opts_set_limit(o, q->limit);
	if (rc == NS_OK)
		rc = ns_opts_set_offset(o, q->offset);
	if (rc == NS_OK)
		rc = ns_opts_set_order(o, q->order);
	if (rc == NS_OK)
		rc = ns_opts_set_any(o, q->any);
	if (rc == NS_OK)
		rc = ns_opts_set_expand(o, q->expand);
	if (rc == NS_OK)
		rc = ns_search(idx, q->text, o, &r);
	if (rc == NS_OK) {
		f = fmemopen(out, cap - 1, "w");
		if (!f)
			rc = NS_ERR_IO;
	}
	if (rc == NS_OK) {
		fprintf(f, "%llu matches\n", (unsigned long long)ns_results_total(r));
		for (size_t i = 0; i < ns_results_size(r) && rc == NS_OK; i++) {
			const ns_result *h;
			const ns_explanation *ex;
			rc = ns_results_hit(r, i, &h);
			if (rc != NS_OK)
				break;
			fprintf(f, "%zu %.17g %llu %.*s|%.*s|%s|%.*s|%.*s|%.*s|%.*s|", h->rank, h->score,
				(unsigned long long)h->docid, (int)h->id_len, h->id, (int)h->title_len,
				h->title, h->date, (int)h->source_len, h->source, (int)h->url_len,
				h->url, (int)h->path_len, h->path, (int)h->snippet_bytes, h->snippet);
			for (size_t k = 0; k < h->n_highlights; k++)
				fprintf(f, " [%zu,%zu)", h->highlights[k][0], h->highlights[k][1]);
			fputc('\n', f);
			if (i == 0 && (rc = ns_results_explain(r, 0, &ex)) == NS_OK)
				fprintf(f, "explain %.17g %.17g %zu\n", ex->score, ex->proximity,
					ex->n_items);
		}
	}
	if (f && fclose(f) != 0 && rc == NS_OK)
		rc = NS_ERR_IO;
	ns_results_free(r);
	ns_opts_free(o);
	ns_index_close(idx);
	return rc;
}

#define OUT_CAP 65536

/* The answers of every query, concatenated; NULL on an error. */
static char *battery(const char *dir)
{
	char *all = calloc(n_queries, OUT_CAP);

	for (size_t i = 0; all && i < n_queries; i++) {
		int rc = search(dir, &queries[i], all + i * OUT_CAP, OUT_CAP);
		if (rc != NS_OK) {
			failure("query [%s] on %s: %s", queries[i].text, dir, ns_strerror(rc));
			free(all);
			return NULL;
		}
	}
	return all;
}

static int same_battery(const char *dir, const char *expect)
{
	char *got = battery(dir);
	int same = got && memcmp(got, expect, n_queries * OUT_CAP) == 0;

	free(got);
	return same;
}

/* One version of the index, as built without failures. */
struct version {
	char *answers;			/* battery() */
	struct ns_check_stats st;
};

static int version_of(const char *dir, struct version *v)
{
	char msg[512];
	int problems = 0;

	v->answers = battery(dir);
	return v->answers && ns_check_index(dir, count_problem, &problems, &v->st, msg,
					    sizeof(msg)) == NS_OK && problems == 0 ? 0 : -1;
}

/* The index in dir checks clean, is the generation v is, with as many
 * live articles, and answers as v.  Its segments may differ (a merge of
 * the policy left out for want of memory is no error) unless compacted:
 * an explicit compaction must happen. */
static int index_intact(const char *dir, const struct version *v, int compacted)
{
	struct ns_check_stats st;
	char msg[512];
	int problems = 0, rc = ns_check_index(dir, count_problem, &problems, &st, msg, sizeof(msg));

	if (rc == NS_OK && verbose && (st.generation != v->st.generation || st.n_docs != v->st.n_docs))
		fprintf(stderr, "oomtest: %s: generation %llu, %llu articles; expected %llu, %llu\n",
			dir, (unsigned long long)st.generation, (unsigned long long)st.n_docs,
			(unsigned long long)v->st.generation, (unsigned long long)v->st.n_docs);
	if (compacted && (st.n_segments != v->st.n_segments || st.n_deleted != v->st.n_deleted))
		return 0;
	return rc == NS_OK && problems == 0 && st.generation == v->st.generation &&
	       st.n_docs == v->st.n_docs && same_battery(dir, v->answers);
}

/* ---- the loops ---- */

static int shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int shell(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* No index in dir (a first build that failed publishes nothing). */
static int no_index(const char *dir)
{
	struct ns_index *ix = NULL;
	char msg[512];
	int rc = ns_idx_open(dir, &ix, msg, sizeof(msg));

	if (ix)
		ns_idx_close(ix);
	return rc == NS_ERR_NOTFOUND;
}

/* Fails each allocation of a search in turn. */
static void oom_search(const char *dir, const struct qcase *q)
{
	char *expect = malloc(OUT_CAP), *got = malloc(OUT_CAP);
	long n;
	int rc;

	if (!expect || !got || search(dir, q, expect, OUT_CAP) != NS_OK) {
		failure("query [%s]: no baseline", q->text);
		goto out;
	}
	stage = 0;
	for (n = 1;; n++) {
		arm(n);
		rc = search(dir, q, got, OUT_CAP);
		disarm();
		if (!injected) {
			if (rc != NS_OK || memcmp(got, expect, OUT_CAP) != 0)
				failure("query [%s]: the run without a failure differs", q->text);
			break;
		}
		if (rc == NS_ERR_NOMEM || (rc == NS_OK && memcmp(got, expect, OUT_CAP) == 0))
			n_passed++;
		else
			failure("query [%s], allocation %ld failed: %s", q->text, n,
				rc == NS_OK ? "different answer" : ns_strerror(rc));
	}
	if (verbose)
		fprintf(stderr, "oomtest: query [%s]: %ld allocations\n", q->text, n - 1);
out:
	free(expect);
	free(got);
}

/* Fails each allocation of an update of dir (whose answers are before)
 * in turn; the update that finally succeeds must answer as after (the
 * same update made without failures).  before NULL: a first build. */
static void oom_update(const char *what, const char *dir, const struct version *before,
		       const struct version *after, int compact)
{
	char msg[1024], snap[600];
	long n;
	int rc;

	/* the index as it was, to go back to after a failure absorbed */
	snprintf(snap, sizeof(snap), "%s.snap", dir);
	if (shell("rm -rf '%s' && { [ ! -e '%s' ] || cp -a '%s' '%s'; }", snap, dir, dir, snap) != 0) {
		failure("%s: cannot copy the index", what);
		return;
	}
	stage = before ? compact ? 3 : 2 : 1;
	for (n = 1;; n++) {
		arm(n);
		rc = build(dir, compact, msg, sizeof(msg));
		disarm();
		if (!injected) {
			if (rc != NS_OK)
				failure("%s: the run without a failure: %s (%s)", what, ns_strerror(rc),
					msg);
			else if (!index_intact(dir, after, compact))
				failure("%s: the index differs from one built without failures", what);
			break;
		}
		if (rc == NS_OK) {
			/* handled by a fallback: must be the same index; then
			 * back to the index before, to fail the next ones */
			if (!index_intact(dir, after, compact))
				failure("%s, allocation %ld failed: NS_OK but a different index",
					what, n);
			else
				n_passed++;
			if (verbose)
				fprintf(stderr, "oomtest: %s: allocation %ld failed, absorbed\n", what,
					n);
			if (shell("rm -rf '%s' && { [ ! -e '%s' ] || cp -a '%s' '%s'; }", dir, snap,
				  snap, dir) != 0) {
				failure("%s: cannot restore the index", what);
				break;
			}
			continue;
		}
		if (rc != NS_ERR_NOMEM) {
			failure("%s, allocation %ld failed: %s (%s)", what, n, ns_strerror(rc), msg);
			continue;
		}
		if (before ? !index_intact(dir, before, 0) : !no_index(dir)) {
			failure("%s, allocation %ld failed: the previous index changed", what, n);
			break;
		}
		n_passed++;
	}
	if (verbose)
		fprintf(stderr, "oomtest: %s: %ld allocations\n", what, n - 1);
}

/* LeakSanitizer's check, in the sanitizer build (weak: absent elsewhere). */
int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

static void remove_tmp(void)
{
	char cmd[400];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "oomtest: could not remove %s\n", tmp);
}

int main(int argc, char **argv)
{
	char idx[512], ref[512], msg[1024];
	struct version v1 = { 0 }, v2 = { 0 }, v3 = { 0 };
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	if (getenv("NS_OOM_ABORT"))
		sscanf(getenv("NS_OOM_ABORT"), "%d:%ld", &trap_stage, &trap_at);
	/* Armed but never firing: the indexer stays on one thread, so the
	 * Nth allocation is the same in every run. */
	setenv("NS_FAIL_AFTER_WRITES", "2000000000", 1);
	snprintf(tmp, sizeof(tmp), "%s/nsoom.XXXXXX", base);
	if (!mkdtemp(tmp) || make_sources() != 0) {
		fprintf(stderr, "oomtest: cannot make the sources\n");
		return 1;
	}
	path_of(idx, sizeof(idx), "idx");
	path_of(ref, sizeof(ref), "ref");

	/* The answers of each version, from a reference index built without
	 * failures. */
	if (build(ref, 0, msg, sizeof(msg)) != NS_OK || version_of(ref, &v1) != 0 ||
	    change_sources() != 0 || build(ref, 0, msg, sizeof(msg)) != NS_OK ||
	    version_of(ref, &v2) != 0 || build(ref, 1, msg, sizeof(msg)) != NS_OK ||
	    version_of(ref, &v3) != 0) {
		failure("reference index: %s", msg);
		goto out;
	}
	if (verbose)
		fprintf(stderr, "oomtest: reference built\n");

	/* Searches of every kind on the updated reference (two segments,
	 * deletions) and its compaction. */
	for (size_t i = 0; i < n_queries; i++)
		oom_search(ref, &queries[i]);

	/* Some again on two indexes searched as one: the reference and a
	 * fresh index of the same sources, in one thread, then in two. */
	{
		char ref2[512], both[1100];
		path_of(ref2, sizeof(ref2), "ref2");
		snprintf(both, sizeof(both), "%s:%s", ref, ref2);
		if (build(ref2, 0, msg, sizeof(msg)) != NS_OK) {
			failure("second index: %s", msg);
			goto out;
		}
		for (int threads = 1; threads <= 2; threads++) {
			setenv("NSEARCH_THREADS", threads == 1 ? "1" : "2", 1);
			for (size_t i = 0; i < n_queries; i += 2)
				oom_search(both, &queries[i]);
		}
		unsetenv("NSEARCH_THREADS");
	}

	/* Indexing: a first build of version 1, then the update to version
	 * 2, then a compaction. */
	{
		char src2[600], src1[512];
		/* back to version 1 of the sources for the first build */
		path_of(src1, sizeof(src1), "src");
		snprintf(src2, sizeof(src2), "%s.v2", src1);
		if (rename(src1, src2) != 0 || make_sources() != 0) {
			failure("cannot remake the sources");
			goto out;
		}
		oom_update("first build", idx, NULL, &v1, 0);
		if (change_sources() != 0) {
			failure("cannot change the sources");
			goto out;
		}
		oom_update("update", idx, &v1, &v2, 0);
		oom_update("compaction", idx, &v2, &v3, 1);
	}
out:
	free(v1.answers);
	free(v2.answers);
	free(v3.answers);
	remove_tmp();
	/* Every run above that met its failure must have freed all it took:
	 * a leak is counted as a failure here (and reported at exit). */
	if (__lsan_do_recoverable_leak_check && __lsan_do_recoverable_leak_check() != 0)
		failure("memory leaked (LeakSanitizer's report above)");
	printf("oomtest: %ld passed, %ld failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
