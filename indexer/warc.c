/* SPDX-License-Identifier: MIT */
/* warc.c -- WARC records from a pushed stream (see warc.h).
 *
 * States: BETWEEN (CR/LF between records), HEAD (collecting the header up
 * to its blank line), BLOCK (Content-Length bytes, kept or skipped), DEAD
 * (the stream stopped being WARC; everything after is ignored).
 */
#include "warc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"

enum { BETWEEN, HEAD, BLOCK, DEAD };

void ns_warc_init(struct ns_warc *w, uint64_t max_block, ns_warc_record_fn on_record,
		  ns_warc_problem_fn on_problem, void *ctx)
{
	memset(w, 0, sizeof(*w));
	w->max_block = max_block;
	w->on_record = on_record;
	w->on_problem = on_problem;
	w->ctx = ctx;
	w->state = BETWEEN;
}

void ns_warc_release(struct ns_warc *w)
{
	ns_buf_release(&w->head);
	ns_buf_release(&w->block);
	ns_buf_release(&w->uri);
	ns_buf_release(&w->date);
}

static void problem(struct ns_warc *w, uint64_t off, const char *what)
{
	if (w->on_problem)
		w->on_problem(w->ctx, off, what);
}

/* The value of header field name in the header h (NUL-terminated), into
 * out (trimmed); 0 when absent. */
static int field(const char *h, const char *name, struct ns_buf *out)
{
	size_t nl = strlen(name);

	ns_buf_reset(out);
	for (const char *line = h; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len > nl && strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
			const char *v = line + nl + 1, *e = line + len;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
				e--;
			/* WARC/1.0 wrote URIs in angle brackets */
			if (e - v >= 2 && *v == '<' && e[-1] == '>') {
				v++;
				e--;
			}
			ns_buf_append(out, v, (size_t)(e - v));
			ns_buf_cstr(out);
			return 1;
		}
		line = end ? end + 1 : NULL;
	}
	ns_buf_cstr(out);
	return 0;
}

/* The header is complete: decide what to do with the block. */
static int start_block(struct ns_warc *w)
{
	struct ns_buf v = NS_BUF_INIT;
	const char *h = ns_buf_cstr(&w->head);
	unsigned long long len = 0;
	char *end = NULL;
	int response, http;

	if (!h)
		return NS_ERR_NOMEM;
	if (strncmp(h, "WARC/", 5) != 0) {
		problem(w, w->rec_off, "not a WARC record header; the rest of the file is not read");
		w->state = DEAD;
		return NS_OK;
	}
	if (!field(h, "Content-Length", &v) ||
	    (len = strtoull((const char *)v.data, &end, 10), end == (char *)v.data || *end)) {
		ns_buf_release(&v);
		problem(w, w->rec_off,
			"WARC record without a valid Content-Length; the rest of the file is not read");
		w->state = DEAD;
		return NS_OK;
	}
	w->n_records++;
	field(h, "WARC-Type", &v);
	response = v.len == 8 && strncasecmp((const char *)v.data, "response", 8) == 0;
	field(h, "Content-Type", &v);
	/* a response's block is an HTTP message; other schemes (dns:) are not */
	http = !v.len || strncasecmp((const char *)v.data, "application/http", 16) == 0;
	field(h, "WARC-Target-URI", &w->uri);
	field(h, "WARC-Date", &w->date);
	ns_buf_release(&v);
	w->need = len;
	w->keep = response && http;
	if (w->keep && len > w->max_block) {
		char what[160];
		snprintf(what, sizeof(what),
			 "response record of %llu bytes skipped (the article size limit, "
			 "--max-article)",
			 len);
		problem(w, w->rec_off, what);
		w->keep = 0;
	}
	ns_buf_reset(&w->block);
	w->state = BLOCK;
	return w->uri.err || w->date.err ? NS_ERR_NOMEM : NS_OK;
}

static int end_block(struct ns_warc *w)
{
	int rc = NS_OK;

	w->state = BETWEEN;
	if (!w->keep)
		return NS_OK;
	if (w->block.err)
		return NS_ERR_NOMEM;
	w->n_responses++;
	if (w->on_record)
		rc = w->on_record(w->ctx, (const char *)w->uri.data, (const char *)w->date.data,
				  w->block.data ? w->block.data : (const uint8_t *)"", w->block.len);
	ns_buf_reset(&w->block);
	return rc;
}

int ns_warc_feed(struct ns_warc *w, const uint8_t *d, size_t n)
{
	size_t i = 0;
	int rc;

	while (i < n) {
		switch (w->state) {
		case DEAD:
			w->off += n - i;
			return NS_OK;
		case BETWEEN:
			if (d[i] == '\r' || d[i] == '\n') {
				i++;
				w->off++;
				break;
			}
			w->state = HEAD;
			w->rec_off = w->off;
			ns_buf_reset(&w->head);
			break;
		case HEAD: {
			/* copy up to the end of the header: "\n\r\n" or "\n\n" */
			size_t k = i;
			int done = 0;
			while (k < n) {
				uint8_t c = d[k++];
				ns_buf_putc(&w->head, c);
				if (c == '\n') {
					size_t l = w->head.len;
					if ((l >= 3 && w->head.data[l - 2] == '\r' &&
					     w->head.data[l - 3] == '\n') ||
					    (l >= 2 && w->head.data[l - 2] == '\n')) {
						done = 1;
						break;
					}
				}
			}
			w->off += k - i;
			i = k;
			if (w->head.err)
				return NS_ERR_NOMEM;
			if (done) {
				if ((rc = start_block(w)) != NS_OK)
					return rc;
				if (w->state == BLOCK && w->need == 0 && (rc = end_block(w)) != NS_OK)
					return rc;
			} else if (w->head.len > NS_WARC_MAX_HEADER) {
				problem(w, w->rec_off,
					"WARC record header too long; the rest of the file is not read");
				w->state = DEAD;
			}
			break;
		}
		case BLOCK: {
			size_t take = n - i;
			if (take > w->need)
				take = (size_t)w->need;
			if (w->keep)
				ns_buf_append(&w->block, d + i, take);
			i += take;
			w->off += take;
			w->need -= take;
			if (w->need == 0 && (rc = end_block(w)) != NS_OK)
				return rc;
			break;
		}
		}
	}
	return NS_OK;
}

int ns_warc_finish(struct ns_warc *w)
{
	if (w->state == BLOCK || w->state == HEAD) {
		char what[160];
		snprintf(what, sizeof(what), "truncated WARC record (%llu bytes missing)%s",
			 (unsigned long long)(w->state == BLOCK ? w->need : 0),
			 w->keep || w->state == HEAD ? "; skipped" : "");
		if (w->state == HEAD)
			snprintf(what, sizeof(what), "truncated WARC record header; skipped");
		problem(w, w->rec_off, what);
	}
	w->state = BETWEEN;
	ns_buf_reset(&w->block);
	return NS_OK;
}
