/* SPDX-License-Identifier: MIT */
/* corpus.h -- walk the sources of an archive and parse them into articles.
 *
 * A source is a directory (walked recursively, in byte order of names, so
 * the same tree always yields articles in the same order), a file, or "-"
 * for JSON Lines on standard input.  Files:
 *
 *   *.jsonl, *.ndjson (optionally .gz)  JSON Lines, one article per line:
 *       string fields id, title, body (or text, or content), date (ISO 8601),
 *       source, url; other fields and non-string values are ignored; null
 *       reads as empty.  A line without an id gets "<file id>:<line>".
 *       A malformed line is reported as file:line:column and skipped; the
 *       rest of the file is still read.  Empty lines are skipped silently.
 *   anything else (optionally .gz)  one plain-text article; id = path
 *       relative to the source root (the directory given, or for a file
 *       source, its base name).  The first line is the title when it looks
 *       like a headline (see corpus.c: short, not a paragraph); else the
 *       title is empty and all the text is body.  A date near the top of the
 *       text ("February 16th, 2026", "2026-02-16") becomes the date.
 *
 * Files that look binary (a NUL byte or mostly invalid UTF-8 near the start)
 * are reported and skipped, as are unreadable files.  Hidden files and
 * directories (name starting with '.') are skipped.  Symbolic links are
 * followed only while they stay inside the source root; a loop is reported.
 *
 * All text handed out is valid UTF-8: invalid sequences become U+FFFD, a
 * leading BOM is dropped, CR LF becomes LF.  NUL bytes become spaces.
 */
#ifndef NS_CORPUS_H
#define NS_CORPUS_H

#include <stddef.h>
#include <stdint.h>

/* One article.  Every string is borrowed, NUL-terminated valid UTF-8 (empty
 * when absent), valid only during the callback. */
struct ns_article {
	const char *id;		/* unique name within the archive */
	const char *title;	/* headline, may be empty */
	const char *body;	/* text */
	size_t body_len;	/* bytes in body (strlen(body)) */
	const char *date;	/* as written in the source (ISO 8601 or as found
				 * in the text), may be empty */
	int64_t date_key;	/* seconds since 1970-01-01 UTC of date, or
				 * NS_DATE_NONE */
	const char *source;	/* publisher / feed, may be empty */
	const char *url;	/* may be empty */
	const char *path;	/* file the article was read from ("-" for stdin) */
	uint64_t line;		/* 1-based line for JSON Lines, 0 for text files */
};

/* What the walk met, for the summary line. */
struct ns_corpus_stats {
	uint64_t n_files;	/* files opened and read */
	uint64_t n_skipped;	/* files skipped: binary, unreadable, ... */
	uint64_t n_articles;	/* articles handed to the callback */
	uint64_t n_bad_lines;	/* malformed JSON lines skipped */
	uint64_t n_bytes;	/* input bytes read (uncompressed) */
};

/* Receives each article.  Returns NS_OK to go on; any other value stops the
 * walk, which returns that value. */
typedef int (*ns_article_fn)(void *ctx, const struct ns_article *a);

/* Receives each problem that was skipped over: where is "file", "file:line"
 * or "file:line:column"; what is a short phrase ("not valid JSON: expected
 * ':'", "binary file", "Permission denied"). */
typedef void (*ns_problem_fn)(void *ctx, const char *where, const char *what);

/* Walks sources[0..n_sources) in order.  Returns NS_OK when everything that
 * could be read was read (problems are reported, not returned), the
 * callback's value if it stopped the walk, NS_ERR_NOMEM, or NS_ERR_IO when a
 * source given on the command line does not exist at all (the message goes
 * to on_problem first).  st may be NULL. */
int ns_corpus_walk(const char *const *sources, size_t n_sources, ns_article_fn on_article,
		   ns_problem_fn on_problem, void *ctx, struct ns_corpus_stats *st);

#endif /* NS_CORPUS_H */
