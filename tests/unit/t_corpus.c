/* SPDX-License-Identifier: MIT */
/* t_corpus.c -- tests of indexer/corpus.c: walking sources into articles.
 *
 * Everything is built in a fresh directory under $TMPDIR (or /tmp) and
 * removed at the end; the seed articles are read from ./corpus (tests run
 * from the repository root).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "corpus.h"
#include "date.h"
#include "error.h"
#include "fileio.h"
#include "unit.h"

struct art {
	char *id, *title, *body, *date, *source, *url, *path;
	size_t body_len;
	int64_t key;
	uint64_t line;
};

struct coll {
	struct art *a;
	size_t n, cap;
	char **probs;	/* "where|what" */
	size_t n_probs, cap_probs;
	size_t stop_at;	/* return 42 at this article (1-based), 0 = never */
	struct ns_corpus_stats st;
	int rc;
};

static char *dupstr(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n + 1);
	if (p)
		memcpy(p, s, n + 1);
	return p;
}

static int on_article(void *ctx, const struct ns_article *a)
{
	struct coll *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->a = realloc(c->a, c->cap * sizeof(*c->a));
		if (!c->a)
			abort();
	}
	struct art *x = &c->a[c->n++];
	x->id = dupstr(a->id);
	x->title = dupstr(a->title);
	x->body = dupstr(a->body);
	x->date = dupstr(a->date);
	x->source = dupstr(a->source);
	x->url = dupstr(a->url);
	x->path = dupstr(a->path);
	x->body_len = a->body_len;
	x->key = a->date_key;
	x->line = a->line;
	if (strlen(a->body) != a->body_len)
		NS_UNIT_FAIL("body_len %zu != strlen %zu for %s", a->body_len, strlen(a->body),
			     a->id);
	return c->stop_at && c->n == c->stop_at ? 42 : NS_OK;
}

static void on_problem(void *ctx, const char *where, const char *what)
{
	struct coll *c = ctx;
	size_t n = strlen(where) + strlen(what) + 2;
	char *p = malloc(n);

	if (!p)
		abort();
	snprintf(p, n, "%s|%s", where, what);
	if (c->n_probs == c->cap_probs) {
		c->cap_probs = c->cap_probs ? 2 * c->cap_probs : 16;
		c->probs = realloc(c->probs, c->cap_probs * sizeof(*c->probs));
		if (!c->probs)
			abort();
	}
	c->probs[c->n_probs++] = p;
}

static void coll_free(struct coll *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct art *x = &c->a[i];
		free(x->id);
		free(x->title);
		free(x->body);
		free(x->date);
		free(x->source);
		free(x->url);
		free(x->path);
	}
	for (size_t i = 0; i < c->n_probs; i++)
		free(c->probs[i]);
	free(c->a);
	free(c->probs);
	memset(c, 0, sizeof(*c));
}

static void walk(struct coll *c, const char *const *src, size_t n)
{
	coll_free(c);
	c->rc = ns_corpus_walk(src, n, on_article, on_problem, c, &c->st);
}

static void walk1(struct coll *c, const char *src)
{
	walk(c, &src, 1);
}

/* The article with this id, or NULL. */
static const struct art *by_id(const struct coll *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->a[i].id, id) == 0)
			return &c->a[i];
	return NULL;
}

/* 1 when a problem "where|what" was reported (what compared as a prefix). */
static int has_problem(const struct coll *c, const char *where, const char *what)
{
	size_t wl = strlen(where), tl = strlen(what);

	for (size_t i = 0; i < c->n_probs; i++) {
		const char *p = c->probs[i];
		if (strncmp(p, where, wl) == 0 && p[wl] == '|' && strncmp(p + wl + 1, what, tl) == 0)
			return 1;
	}
	return 0;
}

static void dump_problems(const struct coll *c)
{
	for (size_t i = 0; i < c->n_probs; i++)
		fprintf(stderr, "  problem: %s\n", c->probs[i]);
}

/* out = a b c; a path too long for out is a test failure. */
static void cat3(char *out, size_t n, const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);

	if (la + lb + lc >= n) {
		NS_UNIT_FAIL("path too long: %s%s%s", a, b, c);
		out[0] = 0;
		return;
	}
	memcpy(out, a, la);
	memcpy(out + la, b, lb);
	memcpy(out + la + lb, c, lc + 1);
}

/* ---- temporary files ---- */

static char tmpdir[4096];

static void path_of(char *out, size_t n, const char *rel)
{
	cat3(out, n, tmpdir, "/", rel);
}

/* Writes bytes to tmpdir/rel, creating the directories on the way. */
static void put(const char *rel, const void *data, size_t len)
{
	char p[8192];
	FILE *f;

	path_of(p, sizeof(p), rel);
	for (char *s = p + strlen(tmpdir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	f = fopen(p, "wb");
	if (!f) {
		NS_UNIT_FAIL("cannot create %s", p);
		return;
	}
	if (len && fwrite(data, 1, len, f) != len)
		NS_UNIT_FAIL("cannot write %s", p);
	fclose(f);
}

static void puts_file(const char *rel, const char *s)
{
	put(rel, s, strlen(s));
}

static void put_gz(const char *rel, const char *s, size_t len)
{
	char p[8192];
	gzFile gz;

	path_of(p, sizeof(p), rel);
	gz = gzopen(p, "wb");
	if (!gz) {
		NS_UNIT_FAIL("cannot create %s", p);
		return;
	}
	if (gzwrite(gz, s, (unsigned)len) != (int)len)
		NS_UNIT_FAIL("cannot write %s", p);
	gzclose(gz);
}

static void rm_rf(const char *p)
{
	struct stat sb;

	if (lstat(p, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode)) {
		DIR *d;
		struct dirent *de;
		chmod(p, 0700);
		d = opendir(p);
		if (d) {
			while ((de = readdir(d)) != NULL) {
				char q[8192];
				if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
					continue;
				cat3(q, sizeof(q), p, "/", de->d_name);
				rm_rf(q);
			}
			closedir(d);
		}
		rmdir(p);
	} else {
		unlink(p);
	}
}

static const char *seed_titles[4][2] = {
	{ "000_cb9e7fc10d88d411.txt",
	  "Trump Told Netanyahu He\xE2\x80\x99" "d Back Israeli Strikes on Iran\xE2\x80\x99s Missile "
	  "Sites If Talks Fail \xE2\x80\x94 U.S. Weighs How to Help" },
	{ "001_b25f0445ea50a163.txt",
	  "Breaking News: Trump Offers Strong Support to Israel on Iran Strike if Talks Collapse" },
	{ "002_787faffb991260da.txt", "" },
	{ "003_814b0d2deb047309.txt",
	  "Trump hints at U.S. missiles joining Israel\xE2\x80\x99s Iran strikes\xE2\x80\x94Putin "
	  "steps in to mediate?" },
};

static void test_seeds(struct coll *c)
{
	walk1(c, "corpus");
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 4);
	CHECK_INT_EQ(c->n_probs, 0);
	if (c->n != 4) {
		fprintf(stderr, "t_corpus: run the tests from the repository root (./corpus)\n");
		return;
	}
	for (int i = 0; i < 4; i++) {
		char path[128];
		CHECK_STR_EQ(c->a[i].id, seed_titles[i][0]);
		CHECK_STR_EQ(c->a[i].title, seed_titles[i][1]);
		cat3(path, sizeof(path), "corpus/", seed_titles[i][0], "");
		CHECK_STR_EQ(c->a[i].path, path);
		CHECK_INT_EQ(c->a[i].line, 0);
		CHECK(c->a[i].body_len > 1000);
	}
	CHECK(strncmp(c->a[0].body, "U.S. reports say President Trump", 32) == 0);
	CHECK(strncmp(c->a[1].body, "U.S. President Donald Trump has", 31) == 0);
	CHECK(strncmp(c->a[2].body, "February 16th, 2026: U.S. President", 35) == 0);
	CHECK(strncmp(c->a[3].body, "Trump says U.S. may join", 24) == 0);
	CHECK_STR_EQ(c->a[2].date, "February 16th, 2026");
	{
		char day[11];
		ns_date_format_day(c->a[2].key, day);
		CHECK_STR_EQ(day, "2026-02-16");
		CHECK_INT_EQ(c->a[2].key, 1771200000LL);
	}
	CHECK_INT_EQ(c->st.n_files, 4);
	CHECK_INT_EQ(c->st.n_articles, 4);
	CHECK_INT_EQ(c->st.n_skipped, 0);

	/* a file given directly: id is its base name, path as given */
	walk1(c, "corpus/002_787faffb991260da.txt");
	CHECK_INT_EQ(c->n, 1);
	if (c->n == 1) {
		CHECK_STR_EQ(c->a[0].id, "002_787faffb991260da.txt");
		CHECK_STR_EQ(c->a[0].path, "corpus/002_787faffb991260da.txt");
		CHECK_STR_EQ(c->a[0].title, "");
	}
}

static void test_walk_order(struct coll *c)
{
	char root[4200], root_slash[4200], p[4200];
	static const char *const want[] = { "B.txt",	"a.txt",	"a0/e.txt",
					    "b.txt",	"sub/c.txt",	"sub/deeper/d.txt",
					    "sub/deeper/z.md" };

	puts_file("w/b.txt", "Bee\n\nbody b\n");
	puts_file("w/a.txt", "Ay\n\nbody a\n");
	puts_file("w/B.txt", "Big bee\n\nbody B\n");
	puts_file("w/a0/e.txt", "E\n\nbody e\n");
	puts_file("w/sub/c.txt", "C\n\nbody c\n");
	puts_file("w/sub/deeper/d.txt", "D\n\nbody d\n");
	puts_file("w/sub/deeper/z.md", "Z\n\nbody z\n");
	puts_file("w/.hidden.txt", "hidden\n\nno\n");
	puts_file("w/.git/x.txt", "hidden dir\n\nno\n");
	puts_file("w/sub/.h/y.txt", "hidden dir\n\nno\n");
	path_of(root, sizeof(root), "w");
	cat3(root_slash, sizeof(root_slash), root, "/", "");

	walk1(c, root);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 7);
	for (size_t i = 0; i < 7 && i < c->n; i++) {
		CHECK_STR_EQ(c->a[i].id, want[i]);
		cat3(p, sizeof(p), root, "/", want[i]);
		CHECK_STR_EQ(c->a[i].path, p);
	}
	if (c->n >= 2) {
		CHECK_STR_EQ(c->a[1].title, "Ay");
		CHECK_STR_EQ(c->a[1].body, "body a\n");
	}
	CHECK_INT_EQ(c->n_probs, 0);

	/* trailing slash on the root: no "//" in paths, same ids */
	walk1(c, root_slash);
	CHECK_INT_EQ(c->n, 7);
	if (c->n == 7) {
		cat3(p, sizeof(p), root, "/sub/c.txt", "");
		CHECK_STR_EQ(c->a[4].path, p);
		CHECK_STR_EQ(c->a[4].id, "sub/c.txt");
	}

	/* several sources in the order given; a hidden file named directly is read */
	{
		char s1[4200], s2[4200];
		path_of(s1, sizeof(s1), "w/sub");
		path_of(s2, sizeof(s2), "w/.hidden.txt");
		const char *src[] = { s1, s2 };
		walk(c, src, 2);
		CHECK_INT_EQ(c->rc, NS_OK);
		CHECK_INT_EQ(c->n, 4);
		if (c->n == 4) {
			CHECK_STR_EQ(c->a[0].id, "c.txt");
			CHECK_STR_EQ(c->a[2].id, "deeper/z.md");
			CHECK_STR_EQ(c->a[3].id, ".hidden.txt");
		}
	}

	/* the callback stops the walk */
	coll_free(c);
	c->stop_at = 3;
	{
		const char *src = root;
		c->rc = ns_corpus_walk(&src, 1, on_article, on_problem, c, &c->st);
	}
	CHECK_INT_EQ(c->rc, 42);
	CHECK_INT_EQ(c->n, 3);
	c->stop_at = 0;

	/* a missing source: reported, the others still walked, NS_ERR_IO */
	{
		char missing[4200];
		path_of(missing, sizeof(missing), "no/such/dir");
		const char *src[] = { missing, root };
		walk(c, src, 2);
		CHECK_INT_EQ(c->rc, NS_ERR_IO);
		CHECK_INT_EQ(c->n, 7);
		CHECK(has_problem(c, missing, "No such file or directory"));
	}
}

static void test_title_rule(struct coll *c)
{
	static const struct {
		const char *name, *text, *title, *body;
	} cases[] = {
		{ "t01", "One line only", "", "One line only" },
		{ "t02", "One line only\n\n\n", "", "One line only\n\n\n" },
		{ "t03", "Headline without blank\nBody text.", "Headline without blank", "Body text." },
		{ "t04", "A sentence ending with a period.\nNext line.", "",
		  "A sentence ending with a period.\nNext line." },
		{ "t05", "Ends with colon:\nNext line.", "", "Ends with colon:\nNext line." },
		{ "t06", "Ends with comma,\nNext line.", "", "Ends with comma,\nNext line." },
		{ "t07", "Ends with semicolon;\nNext line.", "", "Ends with semicolon;\nNext line." },
		{ "t08", "A headline ending in a period.\n\nBody.", "A headline ending in a period.",
		  "Body." },
		{ "t09", "Is this a question?\nBody.", "Is this a question?", "Body." },
		{ "t10", "\n\n  \t Spaced title  \n \n\n  body\n", "Spaced title", "  body\n" },
		{ "t11", "\xEF\xBB\xBFHead\r\n\r\nBody line\r\nmore\r\n", "Head", "Body line\nmore\n" },
		{ "t12", "", NULL, NULL },
		{ "t13", " \n\t\n\r\n", NULL, NULL },
	};
	char big[512];
	char name[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cat3(name, sizeof(name), "title/", cases[i].name, ".txt");
		puts_file(name, cases[i].text);
	}
	/* 200 bytes is a title, 201 is not; 30 words is a title, 31 is not */
	memset(big, 'x', 200);
	memcpy(big + 200, "\n\nbody\n", 8);
	puts_file("title/u200.txt", big);
	memset(big, 'x', 201);
	memcpy(big + 201, "\n\nbody\n", 8);
	puts_file("title/u201.txt", big);
	big[0] = 0;
	for (int w = 0; w < 30; w++)
		strcat(big, w ? " w" : "w");
	strcat(big, "\n\nbody\n");
	puts_file("title/w30.txt", big);
	big[0] = 0;
	for (int w = 0; w < 31; w++)
		strcat(big, w ? " w" : "w");
	strcat(big, "\n\nbody\n");
	puts_file("title/w31.txt", big);

	path_of(big, sizeof(big), "title");
	walk1(c, big);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n_probs, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cat3(name, sizeof(name), cases[i].name, ".txt", "");
		const struct art *a = by_id(c, name);
		if (!cases[i].title) {
			CHECK(a == NULL);	/* empty / blank file: no article */
			continue;
		}
		CHECK(a != NULL);
		if (!a)
			continue;
		if (strcmp(a->title, cases[i].title) != 0 || strcmp(a->body, cases[i].body) != 0)
			NS_UNIT_FAIL("title rule %s: title \"%s\" body \"%s\"", name, a->title,
				     a->body);
		else
			ns_unit_passed++;
	}
	CHECK_INT_EQ(c->st.n_files, sizeof(cases) / sizeof(cases[0]) + 4);
	CHECK_INT_EQ(c->st.n_articles, sizeof(cases) / sizeof(cases[0]) - 2 + 4);
	const struct art *a;
	CHECK((a = by_id(c, "u200.txt")) != NULL && strlen(a->title) == 200);
	CHECK((a = by_id(c, "u201.txt")) != NULL && a->title[0] == 0);
	CHECK((a = by_id(c, "w30.txt")) != NULL && strlen(a->title) == 59);
	CHECK((a = by_id(c, "w31.txt")) != NULL && a->title[0] == 0);
}

static void test_text_files(struct coll *c)
{
	char root[4200], p[4200];
	static const char nul_text[] = "Title\n\nbody with a \0 NUL byte\n";
	char *late;

	puts_file("tx/utf8.txt", "Caf\xC3\xA9 news\n\nBody \xFF bad \xC3( \xED\xA0\x80 end\n");
	put("tx/nul.txt", nul_text, sizeof(nul_text) - 1);
	{
		char junk[2000];
		for (size_t i = 0; i < sizeof(junk); i++)
			junk[i] = (char)(0x80 + (i * 37) % 0x7F);
		put("tx/junk.bin", junk, sizeof(junk));
	}
	/* a NUL after the first 8 KB is not binary: it becomes a space */
	late = malloc(10001);
	if (late) {
		memset(late, 'a', 10000);
		memcpy(late, "Late NUL\n\n", 10);
		for (size_t i = 20; i < 10000; i += 10)
			late[i] = ' ';
		late[9000] = 0;
		put("tx/latenul.txt", late, 10000);
		free(late);
	}
	puts_file("tx/empty.txt", "");
	{
		const char *t = "Gzipped headline\n\nThe body, compressed. Published 2025-03-05.\n";
		put_gz("tx/zipped.txt.gz", t, strlen(t));
		/* a truncated gzip file: reported and skipped */
		char q[4200];
		path_of(q, sizeof(q), "tx/zipped.txt.gz");
		FILE *f = fopen(q, "rb");
		char buf[4096];
		size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;
		if (f)
			fclose(f);
		put("tx/trunc.txt.gz", buf, n > 20 ? n - 12 : n);
	}
	puts_file("tx/secret.txt", "Secret\n\nbody\n");
	path_of(p, sizeof(p), "tx/secret.txt");
	chmod(p, 0);

	path_of(root, sizeof(root), "tx");
	walk1(c, root);
	CHECK_INT_EQ(c->rc, NS_OK);

	const struct art *a = by_id(c, "utf8.txt");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR_EQ(a->title, "Caf\xC3\xA9 news");
		CHECK_STR_EQ(a->body, "Body \xEF\xBF\xBD bad \xEF\xBF\xBD( "
				      "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end\n");
	}
	CHECK(by_id(c, "nul.txt") == NULL);
	path_of(p, sizeof(p), "tx/nul.txt");
	CHECK(has_problem(c, p, "binary file"));
	CHECK(by_id(c, "junk.bin") == NULL);
	path_of(p, sizeof(p), "tx/junk.bin");
	CHECK(has_problem(c, p, "binary file"));
	a = by_id(c, "latenul.txt");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR_EQ(a->title, "Late NUL");
		CHECK_INT_EQ(a->body_len, 10000 - 10);
		CHECK(a->body[9000 - 10] == ' ');
	}
	CHECK(by_id(c, "empty.txt") == NULL);
	a = by_id(c, "zipped.txt.gz");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR_EQ(a->title, "Gzipped headline");
		CHECK_STR_EQ(a->body, "The body, compressed. Published 2025-03-05.\n");
		CHECK_STR_EQ(a->date, "2025-03-05");
		CHECK_INT_EQ(a->key, 1741132800LL);
	}
	CHECK(by_id(c, "trunc.txt.gz") == NULL);
	path_of(p, sizeof(p), "tx/trunc.txt.gz");
	CHECK(has_problem(c, p, ""));
	path_of(p, sizeof(p), "tx/secret.txt");
	if (geteuid() != 0) {
		CHECK(by_id(c, "secret.txt") == NULL);
		CHECK(has_problem(c, p, "Permission denied"));
		CHECK_INT_EQ(c->st.n_skipped, 4);
		CHECK_INT_EQ(c->st.n_files, 4);
	} else {
		CHECK_INT_EQ(c->st.n_skipped, 3);	/* root reads mode 000 files */
		CHECK_INT_EQ(c->st.n_files, 5);
	}
	/* no article without a problem, no problem twice */
	CHECK_INT_EQ(c->n + c->n_probs, 7);
	chmod(p, 0644);
}

static void test_jsonl_files(struct coll *c)
{
	char root[4200], p[4200];
	const char *x =
		"{\"id\":\"x1\",\"title\":\"First\",\"body\":\"one\",\"date\":\"2026-02-16T15:01:01Z\","
		"\"source\":\"Wire\",\"url\":\"https://e.x/1\"}\n"
		"\n"
		"{\"title\":\"No id\",\"text\":\"caf\\u00e9 \\ud83d\\ude00\"}\r\n"
		"{\"id\":\"x4\" \"body\":\"malformed\"}\n"
		"   \r\n"
		"{\"id\":17,\"meta\":{\"body\":\"inner\",\"list\":[1,{\"a\":[]},null]},\"content\":\"c\"}\n"
		"{\"id\":\"x7\",\"body\":null,\"title\":null,\"date\":\"someday\"}\n"
		"{\"id\":\"x8\",\"body\":\"last, no newline\"}";

	puts_file("j/x.jsonl", x);
	puts_file("j/y.ndjson", "{\"id\":\"y1\",\"body\":\"nd\"}\n");
	{
		const char *z = "{\"id\":\"z1\",\"body\":\"gz one\"}\n{\"body\":\"gz two\"}\n";
		put_gz("j/z.jsonl.gz", z, strlen(z));
	}
	puts_file("j/w.JSONL", "{\"id\":\"w1\"}\n");
	puts_file("j/notjson.txt", "{\"id\":\"t\"}\n\nplain text, not parsed\n");
	path_of(root, sizeof(root), "j");
	walk1(c, root);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->st.n_bad_lines, 1);
	path_of(p, sizeof(p), "j/x.jsonl:4:12");
	CHECK(has_problem(c, p, "not valid JSON: expected ',' or '}'"));
	path_of(p, sizeof(p), "j/x.jsonl:7");
	CHECK(has_problem(c, p, "date not recognised"));
	if (c->n_probs != 2)
		dump_problems(c);
	CHECK_INT_EQ(c->n_probs, 2);

	/* order: notjson.txt, w.JSONL, x.jsonl (5 articles), y.ndjson, z.jsonl.gz (2) */
	CHECK_INT_EQ(c->n, 10);
	if (c->n != 10)
		return;
	CHECK_STR_EQ(c->a[0].id, "notjson.txt");
	CHECK_STR_EQ(c->a[0].title, "{\"id\":\"t\"}");
	CHECK_STR_EQ(c->a[1].id, "w1");
	const struct art *a = &c->a[2];
	CHECK_STR_EQ(a->id, "x1");
	CHECK_STR_EQ(a->title, "First");
	CHECK_STR_EQ(a->body, "one");
	CHECK_STR_EQ(a->date, "2026-02-16T15:01:01Z");
	CHECK_INT_EQ(a->key, 1771254061LL);
	CHECK_STR_EQ(a->source, "Wire");
	CHECK_STR_EQ(a->url, "https://e.x/1");
	path_of(p, sizeof(p), "j/x.jsonl");
	CHECK_STR_EQ(a->path, p);
	CHECK_INT_EQ(a->line, 1);
	a = &c->a[3];
	CHECK_STR_EQ(a->id, "x.jsonl:3");
	CHECK_STR_EQ(a->title, "No id");
	CHECK_STR_EQ(a->body, "caf\xC3\xA9 \xF0\x9F\x98\x80");
	CHECK_INT_EQ(a->line, 3);
	CHECK_INT_EQ(a->key, NS_DATE_NONE);
	CHECK_STR_EQ(a->date, "");
	a = &c->a[4];
	CHECK_STR_EQ(a->id, "17");
	CHECK_STR_EQ(a->body, "c");
	CHECK_INT_EQ(a->line, 6);
	a = &c->a[5];
	CHECK_STR_EQ(a->id, "x7");
	CHECK_STR_EQ(a->body, "");
	CHECK_STR_EQ(a->title, "");
	CHECK_STR_EQ(a->date, "someday");
	CHECK_INT_EQ(a->key, NS_DATE_NONE);
	a = &c->a[6];
	CHECK_STR_EQ(a->id, "x8");
	CHECK_STR_EQ(a->body, "last, no newline");
	CHECK_INT_EQ(a->line, 8);
	CHECK_STR_EQ(c->a[7].id, "y1");
	CHECK_STR_EQ(c->a[8].id, "z1");
	CHECK_STR_EQ(c->a[8].body, "gz one");
	CHECK_STR_EQ(c->a[9].id, "z.jsonl.gz:2");
	CHECK_STR_EQ(c->a[9].body, "gz two");
	CHECK_INT_EQ(c->a[9].line, 2);
}

static void test_jsonl_direct_and_stdin(struct coll *c)
{
	char p[4200];
	int saved, fd;

	/* a file given directly: fallback ids use its base name */
	path_of(p, sizeof(p), "j/z.jsonl.gz");
	walk1(c, p);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 2);
	if (c->n == 2) {
		CHECK_STR_EQ(c->a[1].id, "z.jsonl.gz:2");
		CHECK_STR_EQ(c->a[1].path, p);
	}

	/* "-" reads JSON Lines (gzipped here) from standard input */
	fflush(stdout);
	saved = dup(STDIN_FILENO);
	fd = open(p, O_RDONLY);
	CHECK(saved >= 0 && fd >= 0);
	if (saved < 0 || fd < 0)
		return;
	dup2(fd, STDIN_FILENO);
	close(fd);
	walk1(c, "-");
	dup2(saved, STDIN_FILENO);
	close(saved);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 2);
	if (c->n == 2) {
		CHECK_STR_EQ(c->a[0].id, "z1");
		CHECK_STR_EQ(c->a[0].path, "-");
		CHECK_STR_EQ(c->a[1].id, "-:2");
		CHECK_INT_EQ(c->a[1].line, 2);
	}
}

static void test_symlinks(struct coll *c)
{
	char root[4200], p[4200], q[4200];

	puts_file("s/a.txt", "A\n\nbody a\n");
	puts_file("s/sub/b.txt", "B\n\nbody b\n");
	puts_file("outside.txt", "Outside\n\nbody o\n");
	path_of(p, sizeof(p), "s/loop1");
	CHECK(symlink("loop2", p) == 0);
	path_of(p, sizeof(p), "s/loop2");
	CHECK(symlink("loop1", p) == 0);
	path_of(p, sizeof(p), "s/sub/up");	/* a cycle through ".." */
	CHECK(symlink("..", p) == 0);
	path_of(p, sizeof(p), "s/link.txt");	/* inside: followed */
	CHECK(symlink("sub/b.txt", p) == 0);
	path_of(p, sizeof(p), "s/out.txt");	/* outside: not followed */
	CHECK(symlink("../outside.txt", p) == 0);
	path_of(p, sizeof(p), "s/dangling");
	CHECK(symlink("nowhere", p) == 0);
	path_of(root, sizeof(root), "s");
	walk1(c, root);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 3);
	if (c->n == 3) {
		CHECK_STR_EQ(c->a[0].id, "a.txt");
		CHECK_STR_EQ(c->a[1].id, "link.txt");
		CHECK_STR_EQ(c->a[1].body, "body b\n");
		CHECK_STR_EQ(c->a[2].id, "sub/b.txt");
	}
	path_of(q, sizeof(q), "s/loop1");
	CHECK(has_problem(c, q, "symbolic link loop"));
	path_of(q, sizeof(q), "s/loop2");
	CHECK(has_problem(c, q, "symbolic link loop"));
	path_of(q, sizeof(q), "s/sub/up");
	CHECK(has_problem(c, q, "symbolic link loop"));
	path_of(q, sizeof(q), "s/out.txt");
	CHECK(has_problem(c, q, "symbolic link leads outside"));
	path_of(q, sizeof(q), "s/dangling");
	CHECK(has_problem(c, q, "broken symbolic link"));
	if (c->n_probs != 5)
		dump_problems(c);
	CHECK_INT_EQ(c->n_probs, 5);
	CHECK_INT_EQ(c->st.n_skipped, 5);

	/* a link named on the command line is simply followed */
	path_of(p, sizeof(p), "s/out.txt");
	walk1(c, p);
	CHECK_INT_EQ(c->n, 1);
	if (c->n == 1)
		CHECK_STR_EQ(c->a[0].id, "out.txt");
	/* a root reached through a link: links inside are judged by the target */
	path_of(p, sizeof(p), "slink");
	CHECK(symlink("s", p) == 0);
	walk1(c, p);
	CHECK_INT_EQ(c->n, 3);
	CHECK_INT_EQ(c->n_probs, 5);
}

static void test_big_line(struct coll *c)
{
	size_t words = 2000000, n = 0;	/* 2e6 * 10 bytes = 20 MB of body */
	char *l = malloc(words * 10 + 200), p[4200];
	clock_t c0;

	CHECK(l != NULL);
	if (!l)
		return;
	n += (size_t)sprintf(l, "{\"id\":\"big\",\"title\":\"Big\",\"body\":\"");
	for (size_t i = 0; i < words; i++) {
		memcpy(l + n, i % 1000 ? "word word " : "\\u00e9tat ", 10);
		n += 10;
	}
	n += (size_t)sprintf(l + n, "\",\"extra\":[1,2,3]}\n{\"id\":\"after\"}\n");
	put("big/big.jsonl", l, n);
	put_gz("big/big2.jsonl.gz", l, n);
	free(l);
	path_of(p, sizeof(p), "big");
	c0 = clock();
	walk1(c, p);
	double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 4);
	CHECK_INT_EQ(c->n_probs, 0);
	if (c->n == 4) {
		CHECK_STR_EQ(c->a[0].id, "big");
		CHECK_INT_EQ(c->a[0].body_len, words * 10 - (words / 1000) * 4);
		CHECK(strncmp(c->a[0].body, "\xC3\xA9tat word word ", 16) == 0);
		CHECK_STR_EQ(c->a[1].id, "after");
		CHECK_INT_EQ(c->a[1].line, 2);
		CHECK_STR_EQ(c->a[2].id, "big");
		CHECK_INT_EQ(c->a[2].body_len, c->a[0].body_len);
		CHECK_STR_EQ(c->a[3].id, "after");
	}
	/* linear: 40 MB of input in well under this bound even with sanitizers */
	CHECK(secs < 30.0);
}

/* Reads one file through a corpus reader with the given article size limit. */
static int read_limited(struct coll *c, const char *rel, int jsonl, uint64_t max,
			struct ns_read_result *r)
{
	struct ns_source_file f;
	struct ns_corpus *cr;
	char p[4200];
	int rc;

	coll_free(c);
	path_of(p, sizeof(p), rel);
	memset(&f, 0, sizeof(f));
	f.path = p;
	f.id = (char *)(jsonl ? "j" : "t");
	f.jsonl = jsonl;
	f.regular = 1;
	if (ns_corpus_new(&cr) != NS_OK)
		return NS_ERR_NOMEM;
	ns_corpus_set_max_article(cr, max);
	rc = ns_corpus_read(cr, &f, NULL, on_article, on_problem, c, r);
	c->st = *ns_corpus_stats(cr);
	ns_corpus_free(cr);
	return rc;
}

static int utf8_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBF &&
		    (unsigned char)s[2] == 0xBD)
			return 0;	/* U+FFFD: something was cut in two */
	return 1;
}

/* The article size limit: a long text file is cut before its last whole
 * word, a long JSON line skipped without losing the lines after it. */
static void test_size_limit(struct coll *c)
{
	const size_t max = NS_CORPUS_MIN_ARTICLE;	/* 64 KiB */
	size_t n = 0, cap = 400000;
	char *t = malloc(cap), where[4200];
	struct ns_read_result r;
	struct ns_hash h;
	size_t off4;

	CHECK(t != NULL);
	if (!t)
		return;
	/* 1. plain text: words of 7 letters, the cut falls inside one */
	n = (size_t)sprintf(t, "Long Title\n\nstartmark ");
	while (n < 300000)
		n += (size_t)sprintf(t + n, "abcdefg ");
	n += (size_t)sprintf(t + n, "endmark\n");
	put("lim/long.txt", t, n);
	CHECK_INT_EQ(read_limited(c, "lim/long.txt", 0, 1000, &r), NS_OK);
	CHECK_INT_EQ(c->n, 1);	/* asking below the minimum gives the minimum */
	CHECK_INT_EQ(c->st.n_cut, 1);
	CHECK_INT_EQ(r.content_len, n);	/* the whole file is read ... */
	ns_hash_init(&h);
	ns_hash_update(&h, t, n);
	CHECK(r.hash == ns_hash_value(&h));	/* ... and hashed */
	CHECK_INT_EQ(c->n_probs, 1);
	if (c->n_probs == 1) {
		char want[96];
		snprintf(want, sizeof(want), "long.txt|article of %zu bytes cut to its first ", n);
		CHECK(strstr(c->probs[0], want) != NULL);
	}
	if (c->n == 1) {
		const char *b = c->a[0].body;
		size_t bl = c->a[0].body_len;
		CHECK_STR_EQ(c->a[0].title, "Long Title");
		CHECK(strncmp(b, "startmark abcdefg", 17) == 0);
		CHECK(strstr(b, "endmark") == NULL);
		CHECK(bl <= max && bl > max - 300);
		/* ends with whole words: "... abcdefg " */
		CHECK(bl >= 8 && memcmp(b + bl - 8, "abcdefg ", 8) == 0);
	}
	/* under the limit nothing changes */
	CHECK_INT_EQ(read_limited(c, "lim/long.txt", 0, 1 << 20, &r), NS_OK);
	CHECK_INT_EQ(c->st.n_cut, 0);
	CHECK_INT_EQ(c->n_probs, 0);
	if (c->n == 1)
		CHECK(strstr(c->a[0].body, "endmark") != NULL);

	/* 2. no space to cut at: the cut keeps UTF-8 sequences whole */
	n = 0;
	while (n < 200000)
		n += (size_t)sprintf(t + n, "\xC3\xA9\xE2\x82\xAC");	/* é€ */
	put("lim/nospace.txt", t, n);
	CHECK_INT_EQ(read_limited(c, "lim/nospace.txt", 0, max + 1, &r), NS_OK);
	CHECK_INT_EQ(c->n, 1);
	if (c->n == 1) {
		CHECK(c->a[0].body_len <= max + 1 && c->a[0].body_len >= max - 3);
		CHECK(utf8_ok(c->a[0].body));
	}
	/* gzip: the limit is on the content */
	put_gz("lim/nospace.txt.gz", t, n);
	CHECK_INT_EQ(read_limited(c, "lim/nospace.txt.gz", 0, max, &r), NS_OK);
	CHECK_INT_EQ(c->st.n_cut, 1);
	CHECK_INT_EQ(r.content_len, n);
	if (c->n == 1)
		CHECK(c->a[0].body_len <= max && utf8_ok(c->a[0].body));

	/* 3. JSON Lines: a line just under the limit parses; longer ones are
	 * skipped at file:line, the next lines read; an over-long last line
	 * without LF is left for the next run (done_off stays before it) */
	n = (size_t)sprintf(t, "{\"id\":\"one\",\"body\":\"first\"}\n");
	{
		size_t s0 = n;
		n += (size_t)sprintf(t + n, "{\"id\":\"fits\",\"body\":\"");
		while (n - s0 < max - 3)
			t[n++] = 'x';
		n += (size_t)sprintf(t + n, "\"}\n");	/* max bytes with the LF */
	}
	n += (size_t)sprintf(t + n, "{\"id\":\"long\",\"body\":\"");
	for (size_t i = 0; i < 150000; i++)
		t[n++] = i % 8 == 7 ? ' ' : 'y';
	n += (size_t)sprintf(t + n, "\"}\n{\"id\":\"after\",\"body\":\"second\"}\n");
	off4 = n;
	n += (size_t)sprintf(t + n, "{\"id\":\"tail\",\"body\":\"");
	while (n < off4 + 2 * max)
		t[n++] = 'z';
	put("lim/l.jsonl", t, n);
	CHECK_INT_EQ(read_limited(c, "lim/l.jsonl", 1, max, &r), NS_OK);
	CHECK_INT_EQ(c->n, 3);
	if (c->n == 3) {
		CHECK_STR_EQ(c->a[0].id, "one");
		CHECK_STR_EQ(c->a[1].id, "fits");
		CHECK_STR_EQ(c->a[2].id, "after");
		CHECK_INT_EQ(c->a[2].line, 4);
	}
	CHECK_INT_EQ(c->st.n_bad_lines, 2);
	CHECK_INT_EQ(c->n_probs, 2);
	path_of(where, sizeof(where), "lim/l.jsonl:3");
	CHECK(has_problem(c, where, "JSON line longer than the article size limit of 65536"));
	path_of(where, sizeof(where), "lim/l.jsonl:5");
	CHECK(has_problem(c, where, "JSON line longer than the article size limit"));
	CHECK_INT_EQ(r.done_off, off4);
	CHECK_INT_EQ(r.done_lines, 4);
	CHECK(r.tail_article == 0);
	/* reading on from there skips the unfinished line again, and only it */
	{
		struct ns_source_file f;
		struct ns_read_opts o = { off4, 4, UINT64_MAX, 0 };
		struct ns_corpus *cr;
		char p[4200];

		coll_free(c);
		path_of(p, sizeof(p), "lim/l.jsonl");
		memset(&f, 0, sizeof(f));
		f.path = p;
		f.id = (char *)"j";
		f.jsonl = 1;
		f.regular = 1;
		CHECK(ns_corpus_new(&cr) == NS_OK);
		ns_corpus_set_max_article(cr, max);
		CHECK_INT_EQ(ns_corpus_read(cr, &f, &o, on_article, on_problem, c, &r), NS_OK);
		ns_corpus_free(cr);
		CHECK_INT_EQ(c->n, 0);
		CHECK(has_problem(c, where, "JSON line longer than the article size limit"));
		CHECK_INT_EQ(r.done_off, off4);
	}
	free(t);
}

/* A file skipped whole still gets a state that the next run can trust:
 * a binary one the hash of its whole content (read to its end, plain or
 * gzip), a damaged one the mark that has it read again. */
static void test_skipped_state(struct coll *c)
{
	size_t n = 600000;	/* over two read chunks */
	char *t = malloc(n), p[4200];
	struct ns_read_result r;
	struct ns_hash h;
	uint64_t hash, at, len;
	int gz;

	CHECK(t != NULL);
	if (!t)
		return;
	for (size_t i = 0; i < n; i++)
		t[i] = (char)(i * 7919 % 251);	/* NULs among them: binary */
	ns_hash_init(&h);
	ns_hash_update(&h, t, n);
	put("skip/blob.bin", t, n);
	put_gz("skip/blob.bin.gz", t, n);
	for (int k = 0; k < 2; k++) {
		const char *rel = k ? "skip/blob.bin.gz" : "skip/blob.bin";
		CHECK_INT_EQ(read_limited(c, rel, 0, NS_CORPUS_MAX_ARTICLE, &r), NS_OK);
		CHECK_INT_EQ(c->n, 0);
		CHECK_INT_EQ(c->st.n_skipped, 1);
		CHECK(r.opened == 1 && r.read == 0 && r.damaged == 0);
		CHECK_INT_EQ(r.gzip, k);
		CHECK_INT_EQ(r.content_len, n);
		CHECK(r.hash == ns_hash_value(&h));
		/* what the next run's hash of the file gives */
		{
			struct ns_corpus *cr;
			CHECK(ns_corpus_new(&cr) == NS_OK);
			path_of(p, sizeof(p), rel);
			CHECK_INT_EQ(ns_corpus_hash(cr, p, 0, UINT64_MAX, &hash, &at, &len, &gz),
				     NS_OK);
			ns_corpus_free(cr);
			CHECK(hash == r.hash && len == r.content_len);
		}
	}
	/* a text file cut short in its gzip data, skipped whole */
	for (size_t i = 0; i < n; i++)
		t[i] = (char)('a' + i * 7919 % 26);
	put_gz("skip/cut.txt.gz", t, n);
	path_of(p, sizeof(p), "skip/cut.txt.gz");
	CHECK(truncate(p, 40) == 0);
	CHECK_INT_EQ(read_limited(c, "skip/cut.txt.gz", 0, NS_CORPUS_MAX_ARTICLE, &r), NS_OK);
	CHECK_INT_EQ(c->n, 0);
	CHECK_INT_EQ(c->st.n_skipped, 1);
	CHECK(r.opened == 1 && r.read == 0 && r.gzip == 1);
	CHECK(r.damaged == 1);
	free(t);
}

static void test_odd_names(struct coll *c)
{
	char root[4200], p[4200];

	puts_file("n/bad\xFFname.txt", "Odd\n\nname\n");
	puts_file("n/q\xFE.jsonl", "{\"body\":\"x\"}\n");
	path_of(p, sizeof(p), "n/fifo");
	CHECK(mkfifo(p, 0600) == 0);
	path_of(root, sizeof(root), "n");
	walk1(c, root);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 2);
	if (c->n == 2) {
		CHECK_STR_EQ(c->a[0].id, "bad\xEF\xBF\xBDname.txt");
		CHECK(strstr(c->a[0].path, "/n/bad\xEF\xBF\xBDname.txt") != NULL);
		CHECK_STR_EQ(c->a[1].id, "q\xEF\xBF\xBD.jsonl:1");
	}
	CHECK(has_problem(c, p, "not a regular file"));
	CHECK_INT_EQ(c->n_probs, 1);
	CHECK_INT_EQ(c->st.n_skipped, 1);
}

/* The one date rule (date.h): every reader dates an article by the
 * publisher's wall clock as written; a zone offset is not applied. */
static void test_date_rule(struct coll *c)
{
	static const char *const ids[] = { "j", "text.txt", "page.html", "https://r.example/1",
					   "https://a.example/1", "https://w.example/1" };
	const int64_t want = 1651617960;	/* 2022-05-03 22:46:00 as written */
	char root[4200], warc[2048], http[1024];
	const char *page = "<html><head><title>Warc page headline</title></head><body><article>"
			   "<h1>Warc page headline</h1><p>A paragraph of the page in the crawl, "
			   "long enough to be the body of the article.</p></article></body></html>";

	puts_file("dr/a.jsonl", "{\"id\":\"j\",\"title\":\"J\",\"body\":\"b\","
				"\"date\":\"2022-05-03T22:46:00-03:00\"}\n");
	puts_file("dr/text.txt", "Text headline\n\nPosted 2022-05-03T22:46-03:00 by the desk. "
				 "Body words.\n");
	puts_file("dr/page.html",
		  "<html><head><meta property='article:published_time' "
		  "content='2022-05-03T22:46:00-03:00'><title>Html headline here</title></head>"
		  "<body><article><h1>Html headline here</h1><p>The body paragraph of the page, "
		  "long enough to be kept as the article.</p></article></body></html>");
	puts_file("dr/f.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>R</title>"
			      "<item><title>Feed item</title><link>https://r.example/1</link>"
			      "<pubDate>Tue, 03 May 2022 22:46:00 +0200</pubDate>"
			      "<description>Item text.</description></item></channel></rss>");
	puts_file("dr/f.atom", "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
			       "<title>A</title><entry><title>Atom entry</title>"
			       "<link href='https://a.example/1'/><id>https://a.example/1</id>"
			       "<updated>2022-05-03T22:46:00-07:00</updated>"
			       "<content type='html'>Entry text.</content></entry></feed>");
	/* a page with no date of its own: WARC-Date, in UTC as written */
	snprintf(http, sizeof(http),
		 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %zu\r\n\r\n%s",
		 strlen(page), page);
	snprintf(warc, sizeof(warc),
		 "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://w.example/1\r\n"
		 "WARC-Date: 2022-05-03T22:46:00Z\r\n"
		 "Content-Type: application/http; msgtype=response\r\nContent-Length: %zu\r\n\r\n"
		 "%s\r\n\r\n",
		 strlen(http), http);
	puts_file("dr/crawl.warc", warc);
	path_of(root, sizeof(root), "dr");
	walk1(c, root);
	CHECK_INT_EQ(c->rc, NS_OK);
	CHECK_INT_EQ(c->n, 6);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct art *a = by_id(c, ids[i]);
		if (!a) {
			NS_UNIT_FAIL("date rule: no article '%s'", ids[i]);
			continue;
		}
		if (a->key != want)
			NS_UNIT_FAIL("date rule: '%s' (date '%s') has key %lld, want %lld", ids[i],
				     a->date, (long long)a->key, (long long)want);
	}
	if (c->n != 6)
		dump_problems(c);
}

NS_SUITE(corpus)
{
	struct coll c;
	const char *base = getenv("TMPDIR");

	memset(&c, 0, sizeof(c));
	test_seeds(&c);

	cat3(tmpdir, sizeof(tmpdir), base && *base ? base : "/tmp", "/ns_corpus_XXXXXX", "");
	if (!mkdtemp(tmpdir)) {
		NS_UNIT_FAIL("mkdtemp %s: %s", tmpdir, strerror(errno));
		coll_free(&c);
		return;
	}
	test_walk_order(&c);
	test_title_rule(&c);
	test_text_files(&c);
	test_jsonl_files(&c);
	test_jsonl_direct_and_stdin(&c);
	test_symlinks(&c);
	test_odd_names(&c);
	test_date_rule(&c);
	test_big_line(&c);
	test_size_limit(&c);
	test_skipped_state(&c);
	coll_free(&c);
	rm_rf(tmpdir);
}
