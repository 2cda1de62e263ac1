/* SPDX-License-Identifier: MIT */
/* webx.c -- what the HTML reader makes of pages: one JSON object per file.
 *
 *   build/webx FILE...    (FILE may be gzip-compressed)
 *
 * Prints {"file","title","date","source","url","body"} per line, for the
 * extraction evaluation (bench/eval_html.py) and for looking at one page.
 * The same code as nindex's HTML reader (indexer/html.c), without an index.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "error.h"
#include "html.h"

static void json_str(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void field(const char *name, struct ns_buf *b, int last)
{
	printf("\"%s\":", name);
	json_str(b->data ? (const char *)b->data : "", b->len);
	fputs(last ? "}\n" : ",", stdout);
}

int main(int argc, char **argv)
{
	struct ns_page p;
	struct ns_buf raw = NS_BUF_INIT;
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: webx FILE...\n");
		return 2;
	}
	ns_page_init(&p);
	for (int i = 1; i < argc; i++) {
		gzFile f = gzopen(argv[i], "rb");
		char chunk[65536];
		int got, rc;
		if (!f) {
			fprintf(stderr, "webx: cannot open '%s'\n", argv[i]);
			status = 1;
			continue;
		}
		ns_buf_reset(&raw);
		while ((got = gzread(f, chunk, sizeof(chunk))) > 0)
			ns_buf_append(&raw, chunk, (size_t)got);
		gzclose(f);
		rc = ns_html_read(&p, (const char *)raw.data, raw.len, NULL, NULL);
		if (rc != NS_OK) {
			fprintf(stderr, "webx: %s: %s\n", argv[i], ns_strerror(rc));
			status = 1;
			continue;
		}
		fputs("{\"file\":", stdout);
		json_str(argv[i], strlen(argv[i]));
		putchar(',');
		field("title", &p.title, 0);
		field("date", &p.date, 0);
		field("source", &p.source, 0);
		field("url", &p.url, 0);
		field("body", &p.body, 1);
	}
	ns_page_release(&p);
	ns_buf_release(&raw);
	return status;
}
