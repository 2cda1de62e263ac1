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
 *       like a headline (see textart.h: short, not a paragraph); else the
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
 *
 * Article size limit (ns_corpus_set_max_article): memory per article is
 * bounded, whatever the input.  A plain-text file longer than the limit
 * gives an article of its first max bytes (cut before the last word that
 * does not fit whole), reported as "article of N bytes cut to the first
 * M"; the whole file is still read for its content hash.  A JSON line
 * longer than the limit cannot be parsed in part: it is reported at
 * file:line and skipped like a malformed line, without being held in
 * memory, and the lines after it are read.
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
	uint64_t n_bad_lines;	/* malformed or over-long JSON lines skipped */
	uint64_t n_cut;		/* plain-text articles cut to the size limit */
	uint64_t n_bytes;	/* input bytes read (uncompressed) */
	uint64_t n_file_bytes;	/* bytes read from files (compressed) */
};

/* Receives each article.  Returns NS_OK to go on; any other value stops the
 * walk, which returns that value. */
typedef int (*ns_article_fn)(void *ctx, const struct ns_article *a);

/* Receives each problem that was skipped over: where is "file", "file:line"
 * or "file:line:column"; what is a short phrase ("not valid JSON: expected
 * ':'", "binary file", "Permission denied"). */
typedef void (*ns_problem_fn)(void *ctx, const char *where, const char *what);

/* Gzip data and read errors.  Every file goes through one reader that
 * inflates gzip content (several members are read in turn, bytes after the
 * last member are ignored) and passes anything else through.  A damaged or
 * truncated gzip stream is a problem with that file (what is read before
 * the damage is kept for JSON Lines, as with a bad line); a failing read(2)
 * (EIO: a disk or network error) stops the walk with NS_ERR_IO, so nindex
 * never publishes an index that lost articles to a transient error. */

/* Walks sources[0..n_sources) in order.  Returns NS_OK when everything that
 * could be read was read (problems are reported, not returned), the
 * callback's value if it stopped the walk, NS_ERR_NOMEM, or NS_ERR_IO when a
 * source given on the command line does not exist at all (the message goes
 * to on_problem first).  st may be NULL. */
int ns_corpus_walk(const char *const *sources, size_t n_sources, ns_article_fn on_article,
		   ns_problem_fn on_problem, void *ctx, struct ns_corpus_stats *st);

/* ---- the walk in two steps, for incremental updates ----
 * ns_corpus_list() finds the files (no reading), ns_corpus_read() reads one
 * of them, whole or from an offset; ns_corpus_walk() is the two together. */

/* A file to read, found by ns_corpus_list(). */
struct ns_source_file {
	char *path;		/* as opened; "-" = standard input */
	char *id;		/* article id (text) or id prefix (JSON Lines) */
	int jsonl;		/* read as JSON Lines */
	int regular;		/* a regular file (can be read again, has a
				 * meaningful size and mtime) */
	uint64_t size;		/* st_size */
	int64_t mtime_ns;	/* st_mtim in nanoseconds */
};

struct ns_file_list {
	struct ns_source_file *files;	/* in walk order */
	size_t n;
	size_t cap;
};

void ns_file_list_release(struct ns_file_list *l);

/* Lists the files of the sources in the order ns_corpus_walk() reads them.
 * Problems of the walk itself (links leading out, loops, special files,
 * unreadable directories) go to on_problem and count in st->n_skipped.
 * Returns NS_OK, NS_ERR_NOMEM, or NS_ERR_IO when a source given does not
 * exist (after telling on_problem).  Release *out even on error. */
int ns_corpus_list(const char *const *sources, size_t n_sources, ns_problem_fn on_problem,
		   void *ctx, struct ns_file_list *out, struct ns_corpus_stats *st);

/* How to read a file. */
struct ns_read_opts {
	uint64_t start_off;	/* content offset to start at (a line start of
				 * a JSON Lines file; plain content only) */
	uint64_t start_line;	/* lines before start_off */
	uint64_t limit;		/* read at most this many content bytes from
				 * offset 0 (plain content only; UINT64_MAX =
				 * to the end) */
	int stdin_fd;		/* what "-" reads (0: standard input) */
};

/* What reading a file found. */
struct ns_read_result {
	int opened;		/* the file could be opened */
	int read;		/* 0: skipped (unreadable, binary) */
	int gzip;		/* the content was gzip-compressed */
	int damaged;		/* a gzip data error cut the content short
				 * (read or skipped) */
	uint64_t content_len;	/* content offset where reading stopped */
	uint64_t hash;		/* ns_fmt_hash of the content read from
				 * start_off (of all of it when 0; a file
				 * skipped as binary is read to its end) */
	uint64_t done_off;	/* content offset after the last LF read */
	uint64_t done_lines;	/* lines before done_off */
	int tail_article;	/* the last article came from a last line
				 * without LF (JSON Lines) */
	uint64_t n_articles;	/* articles handed out */
};

struct ns_corpus;

int ns_corpus_new(struct ns_corpus **out);
void ns_corpus_free(struct ns_corpus *c);

/* The article size limit, in bytes of content (before cleaning); values
 * below NS_CORPUS_MIN_ARTICLE are raised to it.  A new corpus reader (and
 * ns_corpus_walk) uses NS_CORPUS_MAX_ARTICLE. */
#define NS_CORPUS_MAX_ARTICLE (64ull << 20)
#define NS_CORPUS_MIN_ARTICLE (64ull << 10)
void ns_corpus_set_max_article(struct ns_corpus *c, uint64_t max_bytes);

/* Reads one listed file, handing its articles to on_article.  Returns as
 * ns_corpus_walk() does (problems with the file are reported and the file
 * skipped; NS_ERR_IO after a failing read(2)).  c->stats accumulate. */
int ns_corpus_read(struct ns_corpus *c, const struct ns_source_file *f,
		   const struct ns_read_opts *o, ns_article_fn on_article, ns_problem_fn on_problem,
		   void *ctx, struct ns_read_result *r);

/* Lets web pages be read and parsed on worker threads: files announced
 * (below) and WARC records (web.h), in at most ns_corpus_workers_bytes()
 * of memory out of mem_bytes (half for each kind; pagepool.h).  0 (the
 * default in a new reader): not. */
void ns_corpus_set_workers(struct ns_corpus *c, uint64_t mem_bytes);

/* The most the pages in flight hold when the workers are given mem_bytes
 * (0 when that is too little for them: no workers). */
uint64_t ns_corpus_workers_bytes(uint64_t mem_bytes);

/* Announces that f (a listed file) will be read whole (no start offset,
 * limit f->size) after the files announced before it, so that a web page
 * may be read and parsed ahead on another thread (readahead.h); the
 * articles come out as without it.  Returns 1 when f was taken up, 0 when
 * it is not read ahead, -1 when every slot is busy (announce it again
 * later).  f must stay valid until it is read. */
int ns_corpus_announce(struct ns_corpus *c, const struct ns_source_file *f);

/* Content hash of a regular file, reading it with the same reader:
 * *hash of all its content (of at most limit bytes when it is not gzip),
 * *hash_at of its first `at` bytes (when it has that many; else 0), *len
 * its content length, *gzip.  NS_OK, NS_ERR_IO (errno), NS_ERR_INPUT
 * (damaged gzip), NS_ERR_NOMEM. */
int ns_corpus_hash(struct ns_corpus *c, const char *path, uint64_t at, uint64_t limit,
		   uint64_t *hash, uint64_t *hash_at, uint64_t *len, int *gzip);

/* Counters of everything read through c so far. */
const struct ns_corpus_stats *ns_corpus_stats(const struct ns_corpus *c);

#endif /* NS_CORPUS_H */
