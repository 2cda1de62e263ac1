/* SPDX-License-Identifier: MIT */
/* corpus.c -- walk the sources of an archive and parse articles (corpus.h).
 *
 * Every file goes through zlib (gzdopen + gzread), which reads plain files
 * as they are, so "x.jsonl.gz" and "x.txt.gz" need no special casing: the
 * kind of a file is decided by its name with or without ".gz".
 *
 * Title rule for a plain-text article (the text after cleaning: BOM
 * dropped, CR LF -> LF, invalid UTF-8 -> U+FFFD, NUL -> space).  Take the
 * first line that is not blank (blank = only spaces, tabs, CR, FF, VT) and
 * trim its surrounding blanks.  It is the title when all of these hold:
 *   1. it is at most TITLE_MAX_BYTES (200) bytes long;
 *   2. it has at most TITLE_MAX_WORDS (30) words (runs of non-blanks);
 *   3. some non-blank text follows it (a lone line is body, not title);
 *   4. the next line is blank, or the line does not end in one of the
 *      sentence punctuation marks '.' ':' ';' ','.
 * Then the body is the text after the title line with its leading blank
 * lines dropped.  Otherwise the title is empty and the whole text is body.
 * A paragraph that opens the text ("February 16th, 2026: U.S. President
 * ... war." 472 bytes) thus fails 1-2, while a headline ending in '?' or
 * '.' followed by a blank line passes.
 *
 * The date of a plain-text article is the first date ns_date_find() sees in
 * the first DATE_SCAN_BYTES bytes of the cleaned text (title included);
 * the article's date string is the text as found ("February 16th, 2026").
 * A text file with no non-blank text gives no article (and no problem).
 *
 * Binary files: a NUL byte in the first SNIFF_BYTES bytes, or more than 30%
 * of those bytes being invalid UTF-8 or control characters other than TAB,
 * LF, CR, FF, VT and ESC.  A NUL further on only becomes a space.
 *
 * Directories: entries whose name starts with '.' are skipped; the others
 * are visited in strcmp() order.  A symbolic link met inside a directory
 * source is followed when its resolved target lies inside the resolved
 * source root; else it is reported ("symbolic link leads outside the
 * source") and skipped.  A link that cannot be resolved because of a cycle
 * ("a -> b -> a") or that leads to a directory already open on the current
 * path (a cycle through "..") is reported as "symbolic link loop".
 * Sockets, FIFOs and devices inside a directory are reported and skipped; as
 * a source named on the command line, anything but a directory is read as a
 * file (so a FIFO or /dev/stdin works).  A source that stat() cannot reach
 * (missing, or permission denied on the way) counts as not existing.
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

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "fileio.h"
#include "jsonl.h"

#define READ_CHUNK (256u * 1024u)
#define SNIFF_BYTES 8192
#define TITLE_MAX_BYTES 200
#define TITLE_MAX_WORDS 30
#define DATE_SCAN_BYTES 1000
#define BIG_BUF (64u << 20)
#define RAW_CHUNK (128u * 1024u)	/* bytes per read(2) */

struct dirid {
	dev_t dev;
	ino_t ino;
};

struct walk {
	ns_article_fn on_article;
	ns_problem_fn on_problem;
	void *ctx;
	struct ns_corpus_stats st;
	struct ns_buf raw;	/* bytes of the file being read */
	struct ns_buf text;	/* cleaned text of a plain-text article */
	struct ns_buf title, date, id, where, what;
	struct ns_buf clean_id, clean_path;	/* names that were not UTF-8 */
	struct ns_jsonl js;
	char *root_real;	/* resolved root of the directory source */
	size_t root_real_len;
	struct dirid *dirs;	/* directories open on the current path */
	size_t n_dirs, cap_dirs;
	struct ns_file_list *list;	/* where listing puts the files */
	uint8_t *zbuf;		/* raw bytes of the file being read */
	uint64_t max_article;	/* content bytes kept per article */
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

/* ---- helpers ---- */

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int blank_span(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Only blanks and line feeds. */
static int blank_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\n' && !is_blank((unsigned char)s[i]))
			return 0;
	return 1;
}

static size_t line_end(const char *t, size_t n, size_t i)
{
	const char *nl = i < n ? memchr(t + i, '\n', n - i) : NULL;
	return nl ? (size_t)(nl - t) : n;
}

static int has_suffix(const char *name, const char *suf)
{
	size_t n = strlen(name), k = strlen(suf);
	return n >= k && strcasecmp(name + n - k, suf) == 0;
}

static int is_jsonl_name(const char *name)
{
	return has_suffix(name, ".jsonl") || has_suffix(name, ".ndjson") ||
	       has_suffix(name, ".jsonl.gz") || has_suffix(name, ".ndjson.gz");
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	int slash = a > 0 && dir[a - 1] != '/';
	char *p = malloc(a + (size_t)slash + b + 1);

	if (!p)
		return NULL;
	memcpy(p, dir, a);
	if (slash)
		p[a] = '/';
	memcpy(p + a + slash, name, b + 1);
	return p;
}

/* Binary: a NUL, or mostly invalid UTF-8 / control bytes, near the start. */
static int looks_binary(const unsigned char *s, size_t n)
{
	size_t lim = n < SNIFF_BYTES ? n : SNIFF_BYTES, bad = 0, i = 0;

	if (lim == 0)
		return 0;
	if (memchr(s, 0, lim))
		return 1;
	while (i < lim) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (c < 0x20 && !(c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
					  c == '\v' || c == 0x1B))
				bad++;
			i++;
			continue;
		}
		size_t sub, k = ns_utf8_seq(s + i, n - i, &sub);
		if (k) {
			i += k;
		} else {
			bad += sub;
			i += sub;
		}
	}
	return bad * 10 > lim * 3;
}

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

/* The title rule (see the top of this file).  Sets [*ts, *te) to the title
 * (empty when none) and *body to the offset where the body starts. */
static void split_title(const char *t, size_t n, size_t *ts, size_t *te, size_t *body)
{
	size_t i = 0, ls, le, a, b, r, words = 0;
	int next_blank = 0, punct;

	*ts = *te = *body = 0;
	for (;;) {
		ls = i;
		le = line_end(t, n, i);
		if (!blank_span(t + ls, le - ls))
			break;
		if (le >= n)
			return;
		i = le + 1;
	}
	a = ls;
	b = le;
	while (a < b && is_blank((unsigned char)t[a]))
		a++;
	while (b > a && is_blank((unsigned char)t[b - 1]))
		b--;
	for (size_t k = a; k < b; k++)
		if (!is_blank((unsigned char)t[k]) && (k == a || is_blank((unsigned char)t[k - 1])))
			words++;
	if (le < n) {
		size_t e2 = line_end(t, n, le + 1);
		next_blank = blank_span(t + le + 1, e2 - le - 1);
	}
	r = le < n ? le + 1 : n;
	while (r < n) {
		size_t e2 = line_end(t, n, r);
		if (!blank_span(t + r, e2 - r))
			break;
		r = e2 < n ? e2 + 1 : n;
	}
	punct = strchr(".:;,", t[b - 1]) != NULL;
	if (b - a <= TITLE_MAX_BYTES && words <= TITLE_MAX_WORDS && r < n &&
	    (next_blank || !punct)) {
		*ts = a;
		*te = b;
		*body = r;
	}
}

static int text_article(struct walk *w, const char *path, const char *id)
{
	const char *raw = (const char *)w->raw.data;
	size_t n = w->raw.len, ts, te, bo, doff = 0, dlen = 0;
	struct ns_article a;
	int64_t key = NS_DATE_NONE;
	const char *t;

	if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		raw += 3;
		n -= 3;
	}
	ns_buf_reset(&w->text);
	ns_utf8_append_clean(&w->text, raw ? raw : "", n);
	t = ns_buf_cstr(&w->text);
	if (!t)
		return NS_ERR_NOMEM;
	n = w->text.len;
	if (blank_text(t, n))
		return NS_OK;
	split_title(t, n, &ts, &te, &bo);
	ns_buf_reset(&w->title);
	ns_buf_append(&w->title, t + ts, te - ts);
	ns_buf_reset(&w->date);
	if (ns_date_find(t, n, DATE_SCAN_BYTES, &key, &doff, &dlen) == 0)
		ns_buf_append(&w->date, t + doff, dlen);
	else
		key = NS_DATE_NONE;
	if (!ns_buf_cstr(&w->title) || !ns_buf_cstr(&w->date))
		return NS_ERR_NOMEM;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.title = (const char *)w->title.data;
	a.body = t + bo;
	a.body_len = n - bo;
	a.date = (const char *)w->date.data;
	a.date_key = key;
	a.source = "";
	a.url = "";
	a.path = path;
	a.line = 0;
	return emit(w, &a);
}

/* ---- JSON Lines ---- */

/* A JSON line longer than the article size limit: JSON cannot be parsed
 * in part, so the line is reported and skipped. */
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

	if (len > w->max_article) {
		too_long_line(w, path, lineno);
		return NS_OK;
	}
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

/* ---- reading content: plain or gzip ---- */

/* The content of one file: its bytes as they are, or inflated when they
 * start with the gzip magic (like zlib's gzread(), whose behaviour this
 * keeps: gzip members in a row are read in turn, bytes after the last one
 * are ignored).  Reads go through ns_fileio_read() and its test hook. */
struct zin {
	int fd;
	int gzip;		/* -1 not known yet, 0 plain, 1 gzip */
	z_stream zs;
	int zs_ready;
	uint8_t *in;		/* RAW_CHUNK bytes */
	size_t in_pos, in_len;
	int eof;		/* read(2) gave 0 */
	int done;		/* no more content */
	int io_err;		/* read(2) failed: errno in eno */
	int eno;
	const char *data_err;	/* the gzip stream is damaged: why */
	uint64_t raw_bytes;	/* bytes read from the file */
	uint64_t *counter;	/* also counts them, or NULL */
};

static void zin_init(struct zin *z, int fd, uint8_t *buf)
{
	memset(z, 0, sizeof(*z));
	z->fd = fd;
	z->gzip = -1;
	z->in = buf;
}

static void zin_release(struct zin *z)
{
	if (z->zs_ready)
		inflateEnd(&z->zs);
	z->zs_ready = 0;
}

/* Makes at least `want` unread bytes available unless the file ends.
 * Returns 0, or -1 after a read error. */
static int zin_fill(struct zin *z, size_t want)
{
	while (z->in_len - z->in_pos < want && !z->eof) {
		long k;
		if (z->in_pos > 0) {
			memmove(z->in, z->in + z->in_pos, z->in_len - z->in_pos);
			z->in_len -= z->in_pos;
			z->in_pos = 0;
		}
		k = ns_fileio_read(z->fd, z->in + z->in_len, RAW_CHUNK - z->in_len);
		if (k < 0) {
			z->io_err = 1;
			z->eno = errno;
			return -1;
		}
		if (k == 0)
			z->eof = 1;
		z->in_len += (size_t)k;
		z->raw_bytes += (uint64_t)k;
		if (z->counter)
			*z->counter += (uint64_t)k;
	}
	return 0;
}

static int at_gzip_magic(const struct zin *z)
{
	return z->in_len - z->in_pos >= 2 && z->in[z->in_pos] == 0x1f &&
	       z->in[z->in_pos + 1] == 0x8b;
}

/* Reads up to n bytes of content into out: the count, 0 at the end, -1 on
 * an error (io_err or data_err set, or NS_ERR_NOMEM returned as -2). */
static long zin_read(struct zin *z, uint8_t *out, size_t n)
{
	if (z->done || n == 0)
		return 0;
	if (z->gzip < 0) {
		if (zin_fill(z, 2) != 0)
			return -1;
		z->gzip = at_gzip_magic(z);
		if (z->gzip) {
			if (inflateInit2(&z->zs, 15 + 16) != Z_OK)
				return -2;
			z->zs_ready = 1;
		}
	}
	if (!z->gzip) {
		size_t k;
		if (zin_fill(z, 1) != 0)
			return -1;
		k = z->in_len - z->in_pos;
		if (k == 0) {
			z->done = 1;
			return 0;
		}
		if (k > n)
			k = n;
		memcpy(out, z->in + z->in_pos, k);
		z->in_pos += k;
		return (long)k;
	}
	for (;;) {
		int zrc;
		size_t got;
		if (z->in_pos == z->in_len && zin_fill(z, 1) != 0)
			return -1;
		z->zs.next_in = z->in + z->in_pos;
		z->zs.avail_in = (uInt)(z->in_len - z->in_pos);
		z->zs.next_out = out;
		z->zs.avail_out = n > (1u << 30) ? (1u << 30) : (uInt)n;
		zrc = inflate(&z->zs, Z_NO_FLUSH);
		z->in_pos = (size_t)(z->zs.next_in - z->in);
		got = (size_t)(z->zs.next_out - out);
		if (zrc == Z_STREAM_END) {
			/* another member follows, or the rest is ignored */
			if (zin_fill(z, 2) != 0)
				return got ? (long)got : -1;
			if (at_gzip_magic(z)) {
				if (inflateReset(&z->zs) != Z_OK)
					return -2;
			} else {
				z->done = 1;
			}
			if (got)
				return (long)got;
			if (z->done)
				return 0;
			continue;
		}
		if (zrc == Z_MEM_ERROR)
			return -2;
		if (zrc == Z_DATA_ERROR || zrc == Z_NEED_DICT || zrc == Z_STREAM_ERROR) {
			z->data_err = z->zs.msg ? z->zs.msg : "compressed data error";
			return got ? (long)got : -1;
		}
		if (got)
			return (long)got;
		/* no output: more input needed */
		if (z->in_pos == z->in_len && z->eof) {
			z->data_err = "unexpected end of file";
			return -1;
		}
	}
}

static const char *zin_what(const struct zin *z)
{
	if (z->io_err)
		return strerror(z->eno ? z->eno : EIO);
	return z->data_err ? z->data_err : "read error";
}

/* ---- reading files ---- */

/* Reads fd (closed here) as a text article or as JSON Lines; o and r may
 * be NULL (a plain walk). */
/* A plain-text file was longer than the article size limit: w->raw holds
 * its first max_article bytes, `next` was the byte after them.  Cuts
 * before the word that did not fit whole (within the last 256 bytes; else
 * at a UTF-8 boundary) and reports it. */
static void cut_article(struct walk *w, const char *path, uint8_t next, uint64_t whole)
{
	uint8_t *d = w->raw.data;
	size_t n = w->raw.len, k = n;
	char what[160];

	if (!is_blank(next) && next != '\n') {
		while (k > 0 && n - k < 256 && !is_blank(d[k - 1]) && d[k - 1] != '\n')
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

static int read_fd(struct walk *w, int fd, const char *path, const char *id, int jsonl,
		   const struct ns_read_opts *o, struct ns_read_result *r)
{
	static const struct ns_read_opts whole = { 0, 0, UINT64_MAX };
	struct ns_buf *raw = &w->raw;
	struct ns_hash hash;
	struct zin z;
	size_t start = 0, scan = 0;
	uint64_t lineno, off, limit, got_total = 0, before;
	uint64_t cap = w->max_article, skip_off = 0, skip_lines = 0;
	int rc = NS_OK, first, err = 0, cut = 0, skipping = 0;
	uint8_t after_cut = 0;	/* the content byte at the cut */

	if (!o)
		o = &whole;
	lineno = o->start_line;
	off = o->start_off;	/* content offset of raw->data[0] */
	limit = o->limit;
	first = o->start_off == 0;	/* sniff for binary only from the start */
	ns_hash_init(&hash);
	if (!w->zbuf && !(w->zbuf = malloc(RAW_CHUNK))) {
		close(fd);
		return NS_ERR_NOMEM;
	}
	zin_init(&z, fd, w->zbuf);
	z.counter = &w->st.n_file_bytes;
	if (r)
		r->opened = 1;
	if (o->start_off > 0 && lseek(fd, (off_t)o->start_off, SEEK_SET) < 0) {
		z.io_err = 1;
		z.eno = errno;
		err = 1;
	}
	if (limit != UINT64_MAX)
		limit = limit > o->start_off ? limit - o->start_off : 0;
	/* do not keep the memory of one huge file for the rest of the walk */
	if (raw->cap > BIG_BUF)
		ns_buf_release(raw);
	if (w->text.cap > BIG_BUF)
		ns_buf_release(&w->text);
	ns_buf_reset(raw);
	before = w->st.n_articles;
	while (!err) {
		long got;
		size_t want = READ_CHUNK;

		if (ns_buf_reserve(raw, READ_CHUNK) != NS_OK) {
			rc = NS_ERR_NOMEM;
			break;
		}
		if (limit != UINT64_MAX && got_total + want > limit)
			want = (size_t)(limit - got_total);
		got = want ? zin_read(&z, raw->data + raw->len, want) : 0;
		if (got == -2) {
			rc = NS_ERR_NOMEM;
			break;
		}
		if (got < 0) {
			err = 1;
			break;
		}
		if (z.gzip == 1 && limit != UINT64_MAX && o->start_off == 0)
			limit = UINT64_MAX;	/* a limit is for plain content */
		ns_hash_update(&hash, raw->data + raw->len, (size_t)got);
		raw->len += (size_t)got;
		got_total += (uint64_t)got;
		w->st.n_bytes += (uint64_t)got;
		if (got == 0)
			break;
		if (!jsonl && raw->len > cap) {
			/* keep the first cap bytes; the rest is only hashed */
			if (!cut)
				after_cut = raw->data[cap];
			cut = 1;
			raw->len = (size_t)cap;
		}
		if (first && raw->len >= SNIFF_BYTES) {
			first = 0;
			if (looks_binary(raw->data, raw->len)) {
				skipped(w, path, "binary file");
				goto out_skip;
			}
		}
		if (!jsonl || first)
			continue;
		/* hand out the complete lines, keep the partial last one */
		const uint8_t *nl;
		if (skipping) {
			/* inside an over-long line: drop bytes up to its LF */
			nl = memchr(raw->data, '\n', raw->len);
			if (!nl) {
				off += raw->len;
				raw->len = 0;
				scan = 0;
				continue;
			}
			start = scan = (size_t)(nl - raw->data) + 1;
			lineno++;
			skipping = 0;
		}
		while ((nl = memchr(raw->data + scan, '\n', raw->len - scan)) != NULL) {
			size_t e = (size_t)(nl - raw->data);
			rc = json_line(w, (const char *)raw->data + start, e - start, ++lineno, path, id);
			if (rc)
				break;
			start = scan = e + 1;
		}
		if (rc)
			break;
		scan = raw->len;
		if (raw->len - start > cap) {
			/* the line being read is already too long: drop
			 * it as it comes instead of holding it */
			too_long_line(w, path, lineno + 1);
			skipping = 1;
			skip_off = off + start;
			skip_lines = lineno;
			off += raw->len;
			raw->len = 0;
			start = scan = 0;
			continue;
		}
		if (start > 0) {
			memmove(raw->data, raw->data + start, raw->len - start);
			raw->len -= start;
			scan -= start;
			off += start;
			start = 0;
		}
	}
	if (rc)
		goto out;
	if (err && z.io_err) {
		/* a failing disk: stop, so that nothing is published without
		 * this file's articles */
		problem(w, path, zin_what(&z));
		rc = NS_ERR_IO;
		goto out;
	}
	if (err && (!jsonl || first)) {
		/* nothing handed out yet: the whole file is skipped */
		skipped(w, path, zin_what(&z));
		goto out_skip;
	}
	if (first && looks_binary(raw->data, raw->len)) {
		skipped(w, path, "binary file");
		goto out_skip;
	}
	w->st.n_files++;
	if (err)
		problem(w, path, zin_what(&z));
	if (r) {
		r->read = 1;
		r->gzip = z.gzip == 1;
		r->damaged = err;
		r->content_len = o->start_off + got_total;
		r->hash = ns_hash_value(&hash);
	}
	if (!jsonl) {
		if (r) {
			r->done_off = r->content_len;
			r->done_lines = 0;
		}
		if (cut)
			cut_article(w, path, after_cut, o->start_off + got_total);
		rc = text_article(w, path, id);
		goto out;
	}
	if (r) {
		/* what the loop above handed out ended with a LF; an over-long
		 * last line without one is read again next time, like any
		 * unfinished last line */
		r->done_off = skipping ? skip_off : off + start;
		r->done_lines = skipping ? skip_lines : lineno;
	}
	/* the lines of a short file, or the tail of a long one; after a read
	 * error a last line without its LF is dropped (it is likely cut) */
	while (rc == NS_OK && start < raw->len) {
		const uint8_t *nl = memchr(raw->data + scan, '\n', raw->len - scan);
		size_t e = nl ? (size_t)(nl - raw->data) : raw->len;
		uint64_t had = w->st.n_articles;
		if (!nl && err)
			break;
		rc = json_line(w, (const char *)raw->data + start, e - start, ++lineno, path, id);
		start = scan = e + 1;
		if (r && nl) {
			r->done_off = off + start;
			r->done_lines = lineno;
		}
		if (r && !nl && w->st.n_articles > had)
			r->tail_article = 1;
	}
out:
	if (r)
		r->n_articles = w->st.n_articles - before;
	zin_release(&z);
	close(fd);
	return rc;
out_skip:
	if (r) {
		memset(r, 0, sizeof(*r));
		r->opened = 1;
	}
	zin_release(&z);
	close(fd);
	return NS_OK;
}

static int read_path(struct walk *w, const char *path, const char *id, int jsonl,
		     const struct ns_read_opts *o, struct ns_read_result *r)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		skipped(w, path, strerror(errno));
		return NS_OK;
	}
	return read_fd(w, fd, path, id, jsonl, o, r);
}

/* ---- listing ---- */

static int list_add(struct walk *w, const char *path, const char *id, int jsonl,
		    const struct stat *sb)
{
	struct ns_file_list *l = w->list;
	struct ns_source_file *f;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct ns_source_file *p = realloc(l->files, cap * sizeof(*p));
		if (!p)
			return NS_ERR_NOMEM;
		l->files = p;
		l->cap = cap;
	}
	f = &l->files[l->n];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	f->id = strdup(id);
	if (!f->path || !f->id) {
		free(f->path);
		free(f->id);
		return NS_ERR_NOMEM;
	}
	f->jsonl = jsonl;
	if (sb) {
		f->regular = S_ISREG(sb->st_mode);
		f->size = (uint64_t)sb->st_size;
		f->mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
	}
	l->n++;
	return NS_OK;
}

void ns_file_list_release(struct ns_file_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->files[i].path);
		free(l->files[i].id);
	}
	free(l->files);
	memset(l, 0, sizeof(*l));
}

/* ---- directories ---- */

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int walk_dir(struct walk *w, const char *path, const char *rel, const struct stat *sb);

/* dfd: the open directory holding name (stat relative to it spares the
 * kernel a walk of the whole path per file). */
static int walk_entry(struct walk *w, int dfd, const char *path, const char *rel,
		      const char *name)
{
	struct stat sb;

	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
		skipped(w, path, strerror(errno));
		return NS_OK;
	}
	if (S_ISLNK(sb.st_mode)) {
		char *real = realpath(path, NULL);
		int inside;

		if (!real) {
			if (errno == ELOOP)
				skipped(w, path, "symbolic link loop");
			else if (errno == ENOENT)
				skipped(w, path, "broken symbolic link");
			else if (errno == ENOMEM)
				return NS_ERR_NOMEM;
			else
				skipped(w, path, strerror(errno));
			return NS_OK;
		}
		inside = w->root_real &&
			 (w->root_real_len == 1 ||
			  (strncmp(real, w->root_real, w->root_real_len) == 0 &&
			   (real[w->root_real_len] == '/' || real[w->root_real_len] == 0)));
		free(real);
		if (!inside) {
			skipped(w, path, "symbolic link leads outside the source");
			return NS_OK;
		}
		if (fstatat(dfd, name, &sb, 0) != 0) {
			skipped(w, path, strerror(errno));
			return NS_OK;
		}
	}
	if (S_ISDIR(sb.st_mode))
		return walk_dir(w, path, rel, &sb);
	if (S_ISREG(sb.st_mode))
		return list_add(w, path, rel, is_jsonl_name(name), &sb);
	skipped(w, path, "not a regular file");
	return NS_OK;
}

static int walk_dir(struct walk *w, const char *path, const char *rel, const struct stat *sb)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = NS_OK;

	for (i = 0; i < w->n_dirs; i++)
		if (w->dirs[i].dev == sb->st_dev && w->dirs[i].ino == sb->st_ino) {
			skipped(w, path, "symbolic link loop");
			return NS_OK;
		}
	if (w->n_dirs == w->cap_dirs) {
		size_t nc = w->cap_dirs ? 2 * w->cap_dirs : 16;
		struct dirid *p = realloc(w->dirs, nc * sizeof(*p));
		if (!p)
			return NS_ERR_NOMEM;
		w->dirs = p;
		w->cap_dirs = nc;
	}
	d = opendir(path);
	if (!d) {
		skipped(w, path, strerror(errno));
		return NS_OK;
	}
	w->dirs[w->n_dirs].dev = sb->st_dev;
	w->dirs[w->n_dirs].ino = sb->st_ino;
	w->n_dirs++;
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno)
				problem(w, path, strerror(errno));
			break;
		}
		if (de->d_name[0] == '.')
			continue;	/* ".", ".." and hidden entries */
		if (n == cap) {
			size_t nc = cap ? 2 * cap : 64;
			char **p = realloc(names, nc * sizeof(*p));
			if (!p) {
				rc = NS_ERR_NOMEM;
				break;
			}
			names = p;
			cap = nc;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			rc = NS_ERR_NOMEM;
			break;
		}
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n && rc == NS_OK; i++) {
		char *cpath = join(path, names[i]);
		char *crel = *rel ? join(rel, names[i]) : strdup(names[i]);
		if (!cpath || !crel)
			rc = NS_ERR_NOMEM;
		else
			rc = walk_entry(w, dirfd(d), cpath, crel, names[i]);
		free(cpath);
		free(crel);
	}
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	w->n_dirs--;
	return rc;
}

/* ---- sources ---- */

static int list_source(struct walk *w, const char *src, int *missing)
{
	struct stat sb;
	const char *base;
	int rc;

	if (strcmp(src, "-") == 0)
		return list_add(w, "-", "-", 1, NULL);
	if (stat(src, &sb) != 0) {
		problem(w, src, strerror(errno));
		*missing = 1;
		return NS_OK;
	}
	if (S_ISDIR(sb.st_mode)) {
		w->root_real = realpath(src, NULL);
		if (!w->root_real && errno == ENOMEM)
			return NS_ERR_NOMEM;
		w->root_real_len = w->root_real ? strlen(w->root_real) : 0;
		w->n_dirs = 0;
		rc = walk_dir(w, src, "", &sb);
		free(w->root_real);
		w->root_real = NULL;
		return rc;
	}
	base = strrchr(src, '/');
	base = base ? base + 1 : src;
	return list_add(w, src, base, is_jsonl_name(src), &sb);
}

static void walk_init(struct walk *w)
{
	memset(w, 0, sizeof(*w));
	ns_buf_init(&w->raw);
	ns_buf_init(&w->text);
	ns_buf_init(&w->title);
	ns_buf_init(&w->date);
	ns_buf_init(&w->id);
	ns_buf_init(&w->where);
	ns_buf_init(&w->what);
	ns_buf_init(&w->clean_id);
	ns_buf_init(&w->clean_path);
	ns_jsonl_init(&w->js);
	w->max_article = NS_CORPUS_MAX_ARTICLE;
}

static void walk_release(struct walk *w)
{
	ns_buf_release(&w->raw);
	ns_buf_release(&w->text);
	ns_buf_release(&w->title);
	ns_buf_release(&w->date);
	ns_buf_release(&w->id);
	ns_buf_release(&w->where);
	ns_buf_release(&w->what);
	ns_buf_release(&w->clean_id);
	ns_buf_release(&w->clean_path);
	ns_jsonl_release(&w->js);
	free(w->dirs);
	free(w->zbuf);
}

int ns_corpus_list(const char *const *sources, size_t n_sources, ns_problem_fn on_problem,
		   void *ctx, struct ns_file_list *out, struct ns_corpus_stats *st)
{
	struct walk w;
	int rc = NS_OK, missing = 0;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.on_problem = on_problem;
	w.ctx = ctx;
	w.list = out;
	for (size_t i = 0; i < n_sources && rc == NS_OK; i++)
		rc = list_source(&w, sources[i], &missing);
	free(w.dirs);
	free(w.root_real);
	if (st)
		st->n_skipped += w.st.n_skipped;
	if (rc == NS_OK && missing)
		rc = NS_ERR_IO;
	return rc;
}

/* ---- reading listed files ---- */

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

const struct ns_corpus_stats *ns_corpus_stats(const struct ns_corpus *c)
{
	return &c->w.st;
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
		fd = dup(STDIN_FILENO);
		if (fd < 0) {
			skipped(w, "-", strerror(errno));
			return NS_OK;
		}
		return read_fd(w, fd, "-", "-", 1, o, r);
	}
	return read_path(w, f->path, f->id, f->jsonl, o, r);
}

int ns_corpus_hash(struct ns_corpus *c, const char *path, uint64_t at, uint64_t limit,
		   uint64_t *hash, uint64_t *hash_at, uint64_t *len, int *gzip)
{
	struct walk *w = &c->w;
	struct ns_hash h;
	struct zin z;
	uint64_t total = 0;
	int fd, rc = NS_OK;

	*hash = *hash_at = *len = 0;
	*gzip = 0;
	if (!w->zbuf && !(w->zbuf = malloc(RAW_CHUNK)))
		return NS_ERR_NOMEM;
	if (ns_buf_reserve(&w->raw, READ_CHUNK) != NS_OK)
		return NS_ERR_NOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NS_ERR_IO;
	zin_init(&z, fd, w->zbuf);
	z.counter = &w->st.n_file_bytes;
	ns_hash_init(&h);
	if (at == 0)
		*hash_at = ns_hash_value(&h);
	for (;;) {
		size_t want = READ_CHUNK;
		long got;
		if (z.gzip != 1 && limit != UINT64_MAX && total + want > limit)
			want = (size_t)(limit - total);
		got = want ? zin_read(&z, w->raw.data, want) : 0;
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
	zin_release(&z);
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
