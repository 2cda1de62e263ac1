/* SPDX-License-Identifier: MIT */
/* fuzz_corpus.c -- the corpus reader on an arbitrary file: the title rule
 * and the date finder of plain-text articles, and JSON Lines files line by
 * line (long lines, missing final newline, bad lines in the middle).
 *
 * Input: mode:u8 then the file's bytes; mode & 1 names the file
 * "a.jsonl", else "a.txt".  Oracle (corpus.h): the walk returns NS_OK;
 * every article's strings are valid UTF-8 (NUL-terminated, no NUL inside
 * the body: body_len == strlen(body)); a JSON article's line is within the
 * file's lines; a text file gives at most one article; every problem has a
 * where and a what.
 */
#include <string.h>
#include <unistd.h>

#include "corpus.h"
#include "error.h"
#include "fuzz.h"

struct ctx {
	size_t n_articles;
	uint64_t max_line;
};

static void check_str(const char *s)
{
	FUZZ_CHECK(s != NULL);
	FUZZ_CHECK(fuzz_valid_utf8(s, strlen(s)));
}

static int on_article(void *vctx, const struct ns_article *a)
{
	struct ctx *c = vctx;

	check_str(a->id);
	FUZZ_CHECK(a->id[0] != 0);
	check_str(a->title);
	check_str(a->body);
	FUZZ_CHECK(strlen(a->body) == a->body_len);
	check_str(a->date);
	check_str(a->source);
	check_str(a->url);
	check_str(a->path);
	FUZZ_CHECK(a->line <= c->max_line);
	c->n_articles++;
	return NS_OK;
}

static void on_problem(void *vctx, const char *where, const char *what)
{
	(void)vctx;
	FUZZ_CHECK(where && *where && what && *what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4200];
	const char *src[1];
	struct ctx c;
	struct ns_corpus_stats st;
	int jsonl, rc;

	if (size < 1)
		return 0;
	jsonl = data[0] & 1;
	snprintf(path, sizeof(path), "%s/a.%s", fuzz_tmpdir(), jsonl ? "jsonl" : "txt");
	FUZZ_CHECK(fuzz_write_file(path, data + 1, size - 1) == 0);
	memset(&c, 0, sizeof(c));
	c.max_line = 1;
	for (size_t i = 1; i < size; i++)
		c.max_line += data[i] == '\n';
	src[0] = path;
	rc = ns_corpus_walk(src, 1, on_article, on_problem, &c, &st);
	FUZZ_CHECK(rc == NS_OK);
	FUZZ_CHECK(st.n_articles == c.n_articles);
	if (!jsonl)
		FUZZ_CHECK(c.n_articles <= 1);
	unlink(path);
	return 0;
}
