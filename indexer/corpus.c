/* SPDX-License-Identifier: MIT */
/* corpus.c -- read source files into articles (corpus.h).
 *
 * Every file goes through one content reader (gzin.h), which inflates
 * gzip and passes anything else through, so "x.jsonl.gz" and "x.txt.gz"
 * need no special casing.  Which reader parses the content is kind.h's
 * decision (the name, then the first bytes); the readers are the table
 * `readers` below: plain text (textart.h), JSON Lines (linesplit.h cuts
 * the lines, jsonl.h parses each), web pages and feeds (kept whole, then
 * parsed by web.h) and WARC (streamed to web.h record by record).  Listing the files is listing.c's job.
 *
 * Ids and paths are built from file names; one that is not valid UTF-8 is
 * handed out cleaned like the text (the raw name still goes to on_problem).
 *
 * JSON Lines: the file id used for fallback ids ("<file id>:<line>") is the
 * same as a text file's id (relative path, or base name; "-" for stdin).  A
 * date field that ns_date_parse() does not read is reported at file:line
 * and the article is kept without a date key (the date string is kept).
 */
#include "corpus.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "error.h"
#include "fileio.h"
#include "gzin.h"
#include "jsonl.h"
#include "kind.h"
#include "linesplit.h"
#include "pagepool.h"
#include "readahead.h"
#include "textart.h"
#include "web.h"

#define READ_CHUNK (256u * 1024u)
#define BIG_BUF (64u << 20)	/* a bigger read buffer is not kept between files */

struct walk {
	ns_article_fn on_article;
	ns_problem_fn on_problem;
	void *ctx;
	struct ns_corpus_stats st;
	struct ns_buf raw;	/* content of the file being read, not yet parsed */
	struct ns_buf id, where, what;
	struct ns_buf clean_id, clean_path;	/* names that were not UTF-8 */
	struct ns_textart ta;	/* the plain-text article */
	struct ns_jsonl js;	/* the JSON line parser */
	uint8_t *zbuf;		/* NS_GZIN_CHUNK raw bytes of the file being read */
	uint64_t max_article;	/* content bytes kept per article */
	struct ns_web *web;	/* web pages, feeds and WARC (web.h) */
	struct ns_readahead *ra;	/* web pages read ahead, or NULL */
	int ra_tried;			/* ns_readahead_new() was called */
	uint64_t workers;		/* ns_corpus_set_workers(): both pools' budget */
};

struct ns_corpus {
	struct walk w;
};

/* ---- problems ---- */

static void problem(struct walk *w, const char *where, const char *what)
{
	if (w->on_problem)
		w->on_problem(w->ctx, where, what);
}

/* where = "path:line" or "path:line:col" (line, col 0 = left out). */
static void problem_at(struct walk *w, const char *path, uint64_t line, uint64_t col,
		       const char *what1, const char *what2)
{
	char num[48];

	ns_buf_reset(&w->where);
	ns_buf_puts(&w->where, path);
	if (line) {
		if (col)
			snprintf(num, sizeof(num), ":%llu:%llu", (unsigned long long)line,
				 (unsigned long long)col);
		else
			snprintf(num, sizeof(num), ":%llu", (unsigned long long)line);
		ns_buf_puts(&w->where, num);
	}
	ns_buf_reset(&w->what);
	ns_buf_puts(&w->what, what1);
	if (what2)
		ns_buf_puts(&w->what, what2);
	if (ns_buf_cstr(&w->where) && ns_buf_cstr(&w->what))
		problem(w, (const char *)w->where.data, (const char *)w->what.data);
	else
		problem(w, path, what1);
}

static void skipped(struct walk *w, const char *where, const char *what)
{
	problem(w, where, what);
	w->st.n_skipped++;
}

/* ---- handing out articles ---- */

static int valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, k;

	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = ns_utf8_seq(u + i, n - i, NULL);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* Hands out an article.  Ids and paths come from file names, which need not
 * be UTF-8: those that are not are handed out cleaned (U+FFFD). */
static int emit(struct walk *w, const struct ns_article *a)
{
	struct ns_article c;

	w->st.n_articles++;
	if (!w->on_article)
		return NS_OK;
	if (valid_utf8(a->id) && valid_utf8(a->path))
		return w->on_article(w->ctx, a);
	c = *a;
	ns_buf_reset(&w->clean_id);
	ns_utf8_append_clean(&w->clean_id, a->id, strlen(a->id));
	ns_buf_reset(&w->clean_path);
	ns_utf8_append_clean(&w->clean_path, a->path, strlen(a->path));
	c.id = ns_buf_cstr(&w->clean_id);
	c.path = ns_buf_cstr(&w->clean_path);
	if (!c.id || !c.path)
		return NS_ERR_NOMEM;
	return w->on_article(w->ctx, &c);
}

/* ---- plain-text articles ---- */

static int text_article(struct walk *w, const char *path, const char *id)
{
	struct ns_article a;
	int rc = ns_textart_parse(&w->ta, (const char *)w->raw.data, w->raw.len);

	if (rc == NS_DONE)
		return NS_OK;	/* no text: no article, no problem */
	if (rc != NS_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.title = ns_textart_title(&w->ta);
	a.body = ns_textart_body(&w->ta, &a.body_len);
	a.date = ns_textart_date(&w->ta, &a.date_key);
	a.source = "";
	a.url = "";
	a.path = path;
	a.line = 0;
	return emit(w, &a);
}

/* ---- JSON Lines ---- */

/* A JSON line longer than the article size limit: JSON cannot be parsed
 * in part, so the line is reported and skipped (the splitter, linesplit.h,
 * never holds more of it than the limit). */
static void too_long_line(struct walk *w, const char *path, uint64_t lineno)
{
	char what[128];

	snprintf(what, sizeof(what),
		 "JSON line longer than the article size limit of %llu bytes (--max-article), "
		 "skipped", (unsigned long long)w->max_article);
	problem_at(w, path, lineno, 0, what, NULL);
	w->st.n_bad_lines++;
}

static int json_line(struct walk *w, const char *s, size_t len, uint64_t lineno, const char *path,
		     const char *fileid)
{
	struct ns_article a;
	const char *id, *date;
	size_t date_len;
	int64_t key = NS_DATE_NONE;
	int rc;

	rc = ns_jsonl_parse(&w->js, s, len);
	if (rc == NS_DONE)
		return NS_OK;
	if (rc == NS_ERR_INPUT) {
		w->st.n_bad_lines++;
		problem_at(w, path, lineno, w->js.err_col, "not valid JSON: ", w->js.err_what);
		return NS_OK;
	}
	if (rc != NS_OK)
		return rc;
	id = ns_jsonl_get(&w->js, NS_JF_ID, NULL);
	if (!*id) {
		char num[32];
		snprintf(num, sizeof(num), ":%llu", (unsigned long long)lineno);
		ns_buf_reset(&w->id);
		ns_buf_puts(&w->id, fileid);
		ns_buf_puts(&w->id, num);
		id = ns_buf_cstr(&w->id);
		if (!id)
			return NS_ERR_NOMEM;
	}
	date = ns_jsonl_get(&w->js, NS_JF_DATE, &date_len);
	if (date_len && ns_date_parse(date, date_len, &key) != 0) {
		key = NS_DATE_NONE;
		problem_at(w, path, lineno, 0, "date not recognised, kept without a date key: ",
			   date_len > 60 ? "(too long to show)" : date);
	}
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.title = ns_jsonl_get(&w->js, NS_JF_TITLE, NULL);
	a.body = ns_jsonl_body(&w->js, &a.body_len);
	a.date = date;
	a.date_key = key;
	a.source = ns_jsonl_get(&w->js, NS_JF_SOURCE, NULL);
	a.url = ns_jsonl_get(&w->js, NS_JF_URL, NULL);
	a.path = path;
	a.line = lineno;
	return emit(w, &a);
}

/* ---- reading one file ---- */

/* One file being read (read_fd() and its steps). */
struct reading {
	struct walk *w;
	const char *path, *id;
	enum ns_kind kind;		/* the reader (by name until sniffed) */
	const struct ns_read_opts *o;
	struct ns_read_result *r;	/* may be NULL */
	struct ns_gzin z;
	struct ns_hash hash;		/* of the content read */
	uint64_t limit;			/* content bytes to read, UINT64_MAX all */
	uint64_t got_total;		/* content bytes read */
	int sniffing;			/* content not looked at yet (kind.h) */
	int err;			/* the read stopped at an error */
	int cut;			/* text longer than the limit: cut */
	uint8_t after_cut;		/* the content byte at the cut */
	struct ns_lines lines;		/* JSON Lines: the splitter */
	int warc_begun;			/* WARC: the record reader is set up */
};

/* A plain-text file was longer than the article size limit: w->raw holds
 * its first max_article bytes, `next` was the byte after them.  Cuts
 * before the word that did not fit whole (within the last 256 bytes; else
 * at a UTF-8 boundary) and reports it. */
static void cut_article(struct walk *w, const char *path, uint8_t next, uint64_t whole)
{
	uint8_t *d = w->raw.data;
	size_t n = w->raw.len, k = n;
	char what[160];

	if (!ns_textart_is_blank(next) && next != '\n') {
		while (k > 0 && n - k < 256 && !ns_textart_is_blank(d[k - 1]) && d[k - 1] != '\n')
			k--;
		if (k == 0 || n - k >= 256) {
			k = n;
			while (k > 0 && ((k == n ? next : d[k]) & 0xC0) == 0x80)
				k--;
		}
	}
	w->raw.len = k;
	w->st.n_cut++;
	snprintf(what, sizeof(what),
		 "article of %llu bytes cut to its first %llu (the article size limit, "
		 "--max-article)",
		 (unsigned long long)whole, (unsigned long long)k);
	problem(w, path, what);
}

/* Plain text, as content arrives: keep the first max_article bytes; the
 * rest is only hashed. */
static int text_chunk(struct reading *rd)
{
	struct ns_buf *raw = &rd->w->raw;

	if (raw->len > rd->w->max_article) {
		if (!rd->cut)
			rd->after_cut = raw->data[rd->w->max_article];
		rd->cut = 1;
		raw->len = (size_t)rd->w->max_article;
	}
	return NS_OK;
}

/* Plain text, at the end: one article. */
static int text_end(struct reading *rd)
{
	if (rd->r) {
		rd->r->done_off = rd->r->content_len;
		rd->r->done_lines = 0;
	}
	if (rd->cut)
		cut_article(rd->w, rd->path, rd->after_cut, rd->o->start_off + rd->got_total);
	return text_article(rd->w, rd->path, rd->id);
}

/* A line the splitter found: parsed, or reported as over-long. */
static int jsonl_event(struct reading *rd, enum ns_lines_event ev, const struct ns_line *ln)
{
	struct walk *w = rd->w;

	if (ev == NS_LINES_LONG) {
		too_long_line(w, rd->path, ln->lineno);
		return NS_OK;
	}
	return json_line(w, (const char *)w->raw.data + ln->start, ln->len, ln->lineno, rd->path,
			 rd->id);
}

/* JSON Lines, as content arrives: hand out the complete lines, keep the
 * partial last one (once sniffing is over). */
static int jsonl_chunk(struct reading *rd)
{
	struct ns_buf *raw = &rd->w->raw;
	enum ns_lines_event ev;
	struct ns_line ln;
	size_t k;

	if (rd->sniffing)
		return NS_OK;
	while ((ev = ns_lines_next(&rd->lines, raw->data, raw->len, &ln)) != NS_LINES_NEED) {
		int rc = jsonl_event(rd, ev, &ln);
		if (rc)
			return rc;
	}
	k = ns_lines_drop(&rd->lines, raw->len);
	if (k > 0) {
		memmove(raw->data, raw->data + k, raw->len - k);
		raw->len -= k;
	}
	return NS_OK;
}

/* JSON Lines, at the end: the lines of a short file, or the tail of a long
 * one; after a read error a last line without its LF is dropped (it is
 * likely cut).  What was handed out ended with a LF; an over-long or
 * unfinished last line is read again next time. */
static int jsonl_end(struct reading *rd)
{
	struct walk *w = rd->w;
	enum ns_lines_event ev;
	struct ns_line ln;
	int rc = NS_OK;

	while (rc == NS_OK && (ev = ns_lines_finish(&rd->lines, w->raw.data, w->raw.len, rd->err,
						    &ln)) != NS_LINES_NEED) {
		uint64_t had = w->st.n_articles;
		rc = jsonl_event(rd, ev, &ln);
		if (rd->r && !ln.terminated && w->st.n_articles > had)
			rd->r->tail_article = 1;
	}
	if (rd->r) {
		rd->r->done_off = rd->lines.done_off;
		rd->r->done_lines = rd->lines.done_lines;
	}
	return rc;
}

/* ---- web pages, feeds and WARC (web.h) ---- */

static int emit_fn(void *ctx, const struct ns_article *a)
{
	return emit(ctx, a);
}

static void problem_fn(void *ctx, const char *where, const char *what)
{
	problem(ctx, where, what);
}

static int need_web(struct walk *w)
{
	if (!w->web && ns_web_new(&w->web) != NS_OK)
		return NS_ERR_NOMEM;
	ns_web_set_workers(w->web, w->workers / 2);
	return NS_OK;
}

/* A web page or a feed, at the end: kept whole (as plain text is, up to
 * the article size limit), then parsed. */
static int web_end(struct reading *rd)
{
	struct walk *w = rd->w;
	int rc, feed = rd->kind == NS_KIND_FEED;

	if (rd->r) {
		rd->r->done_off = rd->r->content_len;
		rd->r->done_lines = 0;
	}
	if (rd->cut)
		cut_article(w, rd->path, rd->after_cut, rd->o->start_off + rd->got_total);
	if ((rc = need_web(w)) != NS_OK)
		return rc;
	rc = ns_web_read(w->web, feed, w->raw.data ? (const char *)w->raw.data : "", w->raw.len,
			 rd->id, rd->path, emit_fn, w);
	if (rc == NS_ERR_INPUT) {
		problem(w, rd->path, feed ? "not a feed (RSS or Atom)" : "not an HTML document");
		return NS_OK;
	}
	return rc;
}

/* WARC, as content arrives: record by record, in bounded memory. */
static int warc_chunk(struct reading *rd)
{
	struct walk *w = rd->w;
	int rc;

	if (!rd->warc_begun) {
		if ((rc = need_web(w)) != NS_OK)
			return rc;
		rc = ns_web_warc_begin(w->web, rd->path, w->max_article, emit_fn, problem_fn, w);
		if (rc != NS_OK)
			return rc;
		rd->warc_begun = 1;
	}
	rc = ns_web_warc_feed(w->web, w->raw.data, w->raw.len);
	w->raw.len = 0;
	return rc;
}

static int warc_end(struct reading *rd)
{
	int rc;

	if (rd->r) {
		rd->r->done_off = rd->r->content_len;
		rd->r->done_lines = 0;
	}
	if ((rc = warc_chunk(rd)) != NS_OK)
		return rc;
	return ns_web_warc_end(rd->w->web);
}

/* The readers, by kind (kind.h): chunk() sees the content as it arrives
 * in w->raw (and may consume it), end() makes the articles of what is left. */
static const struct reader {
	int (*chunk)(struct reading *rd);
	int (*end)(struct reading *rd);
} readers[] = {
	[NS_KIND_TEXT] = { text_chunk, text_end },
	[NS_KIND_JSONL] = { jsonl_chunk, jsonl_end },
	[NS_KIND_HTML] = { text_chunk, web_end },
	[NS_KIND_FEED] = { text_chunk, web_end },
	[NS_KIND_WARC] = { warc_chunk, warc_end },
};

/* Sets up the reading of fd from o->start_off.  Returns 0, or -1 when the
 * seek failed (rd->err set, as for a read error). */
static int read_start(struct reading *rd, struct walk *w, int fd, const struct ns_read_opts *o)
{
	rd->w = w;
	rd->o = o;
	rd->limit = o->limit;
	rd->sniffing = o->start_off == 0;	/* sniff only from the start */
	ns_hash_init(&rd->hash);
	ns_gzin_init(&rd->z, fd, w->zbuf);
	rd->z.counter = &w->st.n_file_bytes;
	ns_lines_init(&rd->lines, w->max_article, o->start_off, o->start_line);
	if (rd->limit != UINT64_MAX)
		rd->limit = rd->limit > o->start_off ? rd->limit - o->start_off : 0;
	/* do not keep the memory of one huge file for the rest of the walk */
	if (w->raw.cap > BIG_BUF)
		ns_buf_release(&w->raw);
	ns_buf_reset(&w->raw);
	if (o->start_off > 0 && lseek(fd, (off_t)o->start_off, SEEK_SET) < 0) {
		rd->z.io_err = 1;
		rd->z.eno = errno;
		rd->err = 1;
		return -1;
	}
	return 0;
}

/* Appends the next piece of content to w->raw, *got bytes (0 at the end
 * or after a read or data error, which sets rd->err).  NS_OK or
 * NS_ERR_NOMEM. */
static int read_chunk(struct reading *rd, size_t *got)
{
	struct walk *w = rd->w;
	struct ns_buf *raw = &w->raw;
	size_t want = READ_CHUNK;
	long k;

	*got = 0;
	if (ns_buf_reserve(raw, READ_CHUNK) != NS_OK)
		return NS_ERR_NOMEM;
	if (rd->limit != UINT64_MAX && rd->got_total + want > rd->limit)
		want = (size_t)(rd->limit - rd->got_total);
	k = want ? ns_gzin_read(&rd->z, raw->data + raw->len, want) : 0;
	if (k == -2)
		return NS_ERR_NOMEM;
	if (k < 0) {
		rd->err = 1;
		return NS_OK;
	}
	if (rd->z.gzip == 1 && rd->limit != UINT64_MAX && rd->o->start_off == 0)
		rd->limit = UINT64_MAX;	/* a limit is for plain content */
	ns_hash_update(&rd->hash, raw->data + raw->len, (size_t)k);
	raw->len += (size_t)k;
	rd->got_total += (uint64_t)k;
	w->st.n_bytes += (uint64_t)k;
	*got = (size_t)k;
	return NS_OK;
}

/* Sniffs the content once enough of it (or all of it, at the end) is in:
 * 1 when the file is binary and must be skipped. */
static int sniffed_binary(struct reading *rd, int at_end)
{
	struct ns_buf *raw = &rd->w->raw;
	enum ns_kind kind;

	if (!rd->sniffing || (!at_end && raw->len < NS_KIND_SNIFF_BYTES))
		return 0;
	rd->sniffing = 0;
	kind = ns_kind_sniff(rd->kind, raw->data, raw->len);
	if (kind == NS_KIND_BINARY)
		return 1;
	rd->kind = kind;	/* text that is a web page or a feed (kind.h) */
	return 0;
}

/* Skips a file sniffed as binary.  When its state is kept (rd->r), the
 * rest is read too, for the hash of the content judged binary: the next
 * run sees the file unchanged, as any file, instead of reading and
 * reporting it again only when its mtime was racy (build.c).  NS_DONE,
 * NS_ERR_IO after a failing read(2), NS_ERR_NOMEM. */
static int skip_binary(struct reading *rd)
{
	struct walk *w = rd->w;
	size_t got = 1;
	int rc = NS_OK;

	skipped(w, rd->path, "binary file");
	while (rd->r && got > 0 && !rd->err && rc == NS_OK) {
		w->raw.len = 0;	/* only hashed: memory stays one chunk */
		rc = read_chunk(rd, &got);
	}
	if (rc != NS_OK)
		return rc;
	if (rd->err)
		problem(w, rd->path, ns_gzin_what(&rd->z));
	return rd->err && rd->z.io_err ? NS_ERR_IO : NS_DONE;
}

/* Reads the content and hands it to the reader as it comes.  Returns NS_OK
 * (with rd->err when a read failed), NS_DONE when the file was skipped as
 * binary, or an error. */
static int read_content(struct reading *rd)
{
	while (!rd->err) {
		size_t got;
		int rc = read_chunk(rd, &got);
		if (rc != NS_OK)
			return rc;
		if (got == 0)
			break;
		if (sniffed_binary(rd, 0))
			return skip_binary(rd);
		rc = readers[rd->kind].chunk(rd);	/* the kind may change once sniffed */
		if (rc != NS_OK)
			return rc;
	}
	return NS_OK;
}

/* After the content: stops at a failing disk, skips a file that gave
 * nothing or is binary (NS_DONE), else hands the rest to the reader. */
static int read_end(struct reading *rd)
{
	struct walk *w = rd->w;
	struct ns_read_result *r = rd->r;

	if (rd->warc_begun && rd->err) {
		/* the records read before the error come before its message */
		int rc = ns_web_warc_flush(w->web);
		if (rc != NS_OK)
			return rc;
	}
	if (rd->err && rd->z.io_err) {
		/* a failing disk: stop, so that nothing is published without
		 * this file's articles */
		problem(w, rd->path, ns_gzin_what(&rd->z));
		return NS_ERR_IO;
	}
	if (rd->err && ((rd->kind != NS_KIND_JSONL && rd->kind != NS_KIND_WARC) || rd->sniffing)) {
		/* nothing handed out yet (JSON Lines and WARC have handed
		 * out what came before the damage): the file is skipped */
		skipped(w, rd->path, ns_gzin_what(&rd->z));
		return NS_DONE;
	}
	if (sniffed_binary(rd, 1)) {
		skipped(w, rd->path, "binary file");
		return NS_DONE;
	}
	w->st.n_files++;
	if (rd->err)
		problem(w, rd->path, ns_gzin_what(&rd->z));
	if (r) {
		r->read = 1;
		r->gzip = rd->z.gzip == 1;
		r->damaged = rd->err;
		r->content_len = rd->o->start_off + rd->got_total;
		r->hash = ns_hash_value(&rd->hash);
	}
	return readers[rd->kind].end(rd);
}

/* Reads fd (closed here) as the kind says; o and r may be NULL (a plain
 * walk). */
static int read_fd(struct walk *w, int fd, const char *path, const char *id, enum ns_kind kind,
		   const struct ns_read_opts *o, struct ns_read_result *r)
{
	static const struct ns_read_opts whole = { 0, 0, UINT64_MAX, 0 };
	uint64_t before = w->st.n_articles;
	struct reading rd;
	int rc = NS_OK;

	if (!w->zbuf && !(w->zbuf = malloc(NS_GZIN_CHUNK))) {
		close(fd);
		return NS_ERR_NOMEM;
	}
	memset(&rd, 0, sizeof(rd));
	rd.path = path;
	rd.id = id;
	rd.kind = kind;
	rd.r = r;
	if (r)
		r->opened = 1;
	if (read_start(&rd, w, fd, o ? o : &whole) == 0) {
		if (kind == NS_KIND_WARC)
			rd.sniffing = 0;	/* records carry binary payloads */
		rc = read_content(&rd);
	}
	if (rc == NS_OK)
		rc = read_end(&rd);
	if (rc == NS_DONE && r) {
		/* skipped, nothing handed out; what was read still makes the
		 * file's state: a damaged file is read again next run */
		memset(r, 0, sizeof(*r));
		r->opened = 1;
		r->gzip = rd.z.gzip == 1;
		r->damaged = rd.err;
		r->content_len = rd.o->start_off + rd.got_total;
		r->hash = ns_hash_value(&rd.hash);
	} else if (r) {
		r->n_articles = w->st.n_articles - before;
	}
	ns_gzin_release(&rd.z);
	close(fd);
	return rc == NS_DONE ? NS_OK : rc;
}

static int read_path(struct walk *w, const char *path, const char *id, enum ns_kind kind,
		     const struct ns_read_opts *o, struct ns_read_result *r)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		skipped(w, path, strerror(errno));
		return NS_OK;
	}
	return read_fd(w, fd, path, id, kind, o, r);
}

/* A web page file read ahead (readahead.h): what read_fd() would have
 * counted and handed out. */
static int read_ahead(struct walk *w, const struct ns_source_file *f,
		      const struct ns_readahead_file *g, struct ns_read_result *r)
{
	uint64_t before = w->st.n_articles;
	int rc;

	w->st.n_file_bytes += g->file_bytes;
	w->st.n_bytes += g->content_len;
	w->st.n_files++;
	rc = need_web(w);
	if (rc == NS_OK)
		rc = ns_web_parsed(g->page, g->rc, f->id, f->path, emit_fn, w);
	if (rc == NS_ERR_INPUT) {
		problem(w, f->path, "not an HTML document");
		rc = NS_OK;
	}
	if (r) {
		r->opened = 1;
		r->read = 1;
		r->gzip = g->gzip;
		r->content_len = g->content_len;
		r->hash = g->hash;
		r->done_off = g->content_len;
		r->n_articles = w->st.n_articles - before;
	}
	return rc;
}

int ns_corpus_announce(struct ns_corpus *c, const struct ns_source_file *f)
{
	struct walk *w = &c->w;

	if (!w->workers || !ns_readahead_wanted(f))
		return 0;
	if (!w->ra_tried) {
		w->ra_tried = 1;
		if (ns_readahead_new(w->max_article, w->workers / 2, &w->ra) != NS_OK)
			return 0;	/* read as usual, on this thread */
	}
	if (!w->ra)
		return 0;
	return ns_readahead_announce(w->ra, f) ? 1 : -1;
}

/* ---- reading listed files ---- */

static void walk_init(struct walk *w)
{
	memset(w, 0, sizeof(*w));
	ns_buf_init(&w->raw);
	ns_buf_init(&w->id);
	ns_buf_init(&w->where);
	ns_buf_init(&w->what);
	ns_buf_init(&w->clean_id);
	ns_buf_init(&w->clean_path);
	ns_textart_init(&w->ta);
	ns_jsonl_init(&w->js);
	w->max_article = NS_CORPUS_MAX_ARTICLE;
}

static void walk_release(struct walk *w)
{
	ns_buf_release(&w->raw);
	ns_buf_release(&w->id);
	ns_buf_release(&w->where);
	ns_buf_release(&w->what);
	ns_buf_release(&w->clean_id);
	ns_buf_release(&w->clean_path);
	ns_textart_release(&w->ta);
	ns_readahead_free(w->ra);
	ns_web_free(w->web);
	ns_jsonl_release(&w->js);
	free(w->zbuf);
}

int ns_corpus_new(struct ns_corpus **out)
{
	struct ns_corpus *c = malloc(sizeof(*c));

	*out = c;
	if (!c)
		return NS_ERR_NOMEM;
	walk_init(&c->w);
	return NS_OK;
}

void ns_corpus_free(struct ns_corpus *c)
{
	if (!c)
		return;
	walk_release(&c->w);
	free(c);
}

void ns_corpus_set_max_article(struct ns_corpus *c, uint64_t max_bytes)
{
	c->w.max_article = max_bytes < NS_CORPUS_MIN_ARTICLE ? NS_CORPUS_MIN_ARTICLE : max_bytes;
}

void ns_corpus_set_workers(struct ns_corpus *c, uint64_t mem_bytes)
{
	c->w.workers = mem_bytes;
}

const struct ns_corpus_stats *ns_corpus_stats(const struct ns_corpus *c)
{
	return &c->w.st;
}

uint64_t ns_corpus_workers_bytes(uint64_t mem_bytes)
{
	return 2 * ns_pagepool_bytes(mem_bytes / 2);
}

int ns_corpus_read(struct ns_corpus *c, const struct ns_source_file *f,
		   const struct ns_read_opts *o, ns_article_fn on_article, ns_problem_fn on_problem,
		   void *ctx, struct ns_read_result *r)
{
	struct walk *w = &c->w;
	int fd;

	if (r)
		memset(r, 0, sizeof(*r));
	w->on_article = on_article;
	w->on_problem = on_problem;
	w->ctx = ctx;
	if (strcmp(f->path, "-") == 0 && !f->regular) {
		fd = dup(o && o->stdin_fd > 0 ? o->stdin_fd : STDIN_FILENO);
		if (fd < 0) {
			skipped(w, "-", strerror(errno));
			return NS_OK;
		}
		return read_fd(w, fd, "-", "-", NS_KIND_JSONL, o, r);
	}
	if (w->ra && o && o->start_off == 0 && o->limit == f->size) {
		struct ns_readahead_file got;
		if (ns_readahead_take(w->ra, f, &got)) {
			int rc = read_ahead(w, f, &got, r);
			ns_readahead_done(w->ra);
			return rc;
		}
	}
	return read_path(w, f->path, f->id, f->jsonl ? NS_KIND_JSONL : ns_kind_by_name(f->path), o,
			 r);
}

int ns_corpus_hash(struct ns_corpus *c, const char *path, uint64_t at, uint64_t limit,
		   uint64_t *hash, uint64_t *hash_at, uint64_t *len, int *gzip)
{
	struct walk *w = &c->w;
	struct ns_hash h;
	struct ns_gzin z;
	uint64_t total = 0;
	int fd, rc = NS_OK;

	*hash = *hash_at = *len = 0;
	*gzip = 0;
	if (!w->zbuf && !(w->zbuf = malloc(NS_GZIN_CHUNK)))
		return NS_ERR_NOMEM;
	if (ns_buf_reserve(&w->raw, READ_CHUNK) != NS_OK)
		return NS_ERR_NOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NS_ERR_IO;
	ns_gzin_init(&z, fd, w->zbuf);
	z.counter = &w->st.n_file_bytes;
	ns_hash_init(&h);
	if (at == 0)
		*hash_at = ns_hash_value(&h);
	for (;;) {
		size_t want = READ_CHUNK;
		long got;
		if (z.gzip != 1 && limit != UINT64_MAX && total + want > limit)
			want = (size_t)(limit - total);
		got = want ? ns_gzin_read(&z, w->raw.data, want) : 0;
		if (got == -2) {
			rc = NS_ERR_NOMEM;
			break;
		}
		if (got < 0) {
			rc = z.io_err ? NS_ERR_IO : NS_ERR_INPUT;
			break;
		}
		if (got == 0)
			break;
		if (total < at && total + (uint64_t)got >= at) {
			ns_hash_update(&h, w->raw.data, (size_t)(at - total));
			*hash_at = ns_hash_value(&h);
			ns_hash_update(&h, w->raw.data + (at - total),
				       (size_t)((uint64_t)got - (at - total)));
		} else {
			ns_hash_update(&h, w->raw.data, (size_t)got);
		}
		total += (uint64_t)got;
	}
	*gzip = z.gzip == 1;
	ns_gzin_release(&z);
	close(fd);
	if (rc == NS_ERR_IO)
		errno = z.eno;
	*hash = ns_hash_value(&h);
	*len = total;
	return rc;
}

int ns_corpus_walk(const char *const *sources, size_t n_sources, ns_article_fn on_article,
		   ns_problem_fn on_problem, void *ctx, struct ns_corpus_stats *st)
{
	struct ns_file_list list;
	struct ns_corpus *c;
	struct ns_corpus_stats lst;
	int rc, lrc;

	memset(&lst, 0, sizeof(lst));
	rc = ns_corpus_new(&c);
	if (rc != NS_OK)
		return rc;
	lrc = ns_corpus_list(sources, n_sources, on_problem, ctx, &list, &lst);
	rc = lrc == NS_ERR_IO ? NS_OK : lrc;
	for (size_t i = 0; i < list.n && rc == NS_OK; i++)
		rc = ns_corpus_read(c, &list.files[i], NULL, on_article, on_problem, ctx, NULL);
	if (st) {
		*st = c->w.st;
		st->n_skipped += lst.n_skipped;
	}
	ns_corpus_free(c);
	ns_file_list_release(&list);
	if (rc == NS_OK && lrc == NS_ERR_IO)
		rc = NS_ERR_IO;
	return rc;
}
