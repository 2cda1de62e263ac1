/* SPDX-License-Identifier: MIT */
/* fuzz_util.c -- helpers shared by the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "error.h"
#include "fileio.h"
#include "format.h"
#include "varint.h"

int fuzz_valid_utf8(const void *str, size_t n)
{
	const uint8_t *s = str;
	size_t i = 0;

	while (i < n) {
		uint32_t c = s[i], need, cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3;
		else
			return 0;
		if (n - i <= need)
			return 0;
		cp = c & (0x3Fu >> need);
		for (uint32_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

static char tmp_root[64];

static void rm_tree(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	if (d) {
		while ((e = readdir(d)) != NULL) {
			struct stat st;
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (depth < 3 && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				rm_tree(path, depth + 1);
			else
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* NS_FUZZ_KEEP=1 keeps the scratch directory (its name goes to stderr),
 * to look at the files a crash input made. */
static void cleanup(void)
{
	const char *keep = getenv("NS_FUZZ_KEEP");

	if (keep && *keep == '1')
		fprintf(stderr, "fuzz: kept %s\n", tmp_root);
	else if (tmp_root[0])
		rm_tree(tmp_root, 0);
}

const char *fuzz_tmpdir(void)
{
	if (!tmp_root[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(tmp_root, sizeof(tmp_root), "%.40s/nsfuzz.XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(tmp_root)) {
			perror("mkdtemp");
			abort();
		}
		atexit(cleanup);
	}
	return tmp_root;
}

int fuzz_write_file(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	const uint8_t *p = data;

	if (fd < 0)
		return -1;
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k <= 0) {
			close(fd);
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return close(fd);
}

uint8_t *fuzz_read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	data = malloc((size_t)len + 1);
	if (data && fread(data, 1, (size_t)len, f) != (size_t)len) {
		free(data);
		data = NULL;
	}
	fclose(f);
	*n = (size_t)len;
	return data;
}

/* Real news snippets (corpus/ and tests/data/mini style), for the text,
 * titles, dates and phrases the queries look for: JSON Lines objects. */
static const char *const snippets[] = {
	"{\"id\":\"real-0\",\"title\":\"Trump Told Netanyahu He\u2019d Back Israeli Strikes on "
	"Iran\u2019s Missile Sites\",\"date\":\"2026-02-16\",\"source\":\"Wire Service\","
	"\"body\":\"U.S. reports say President Trump told Netanyahu he would back Israeli "
	"airstrikes on Iranian missile sites if talks with Tehran fail.\\nSaudi Arabia would "
	"not open its airspace for long-range strikes.\"}",
	"{\"id\":\"real-1\",\"title\":\"Breaking News: Trump Offers Strong Support to Israel\","
	"\"date\":\"2026-02-16T10:30:00Z\",\"url\":\"https://example.com/a\\tb\",\"body\":\"U.S. "
	"President Donald Trump has reportedly told Israeli Prime Minister Benjamin Netanyahu "
	"that he would back strikes on Iran\u2019s ballistic missile program if nuclear "
	"negotiations between Washington and Tehran fail.\"}",
	"{\"id\":\"real-2\",\"title\":\"Caf\u00e9 Owner Fights Eviction\",\"body\":\"The owner of "
	"a caf\u00e9 in Mar\u2011a\u2011Lago\u2019s shadow said the landlord\u2019s notice was "
	"unlawful. \u00abNous restons\u00bb, she said; \u0391\u03b8\u03ae\u03bd\u03b1 and "
	"\u041c\u043e\u0441\u043a\u0432\u0430 papers covered it. \u6771\u4eac reporters too.\"}",
	"{\"id\":\"real-3\",\"title\":\"Dock Strike Enters Second Week\",\"source\":\"Port News\","
	"\"body\":\"Dock workers at the port kept their strike going; 1,000 containers wait and "
	"rates rose 3.14 percent. e.g. the U.K. and the U.S. ports are affected \u2014 states' "
	"officials said.\"}",
	"{\"id\":\"real-4\",\"title\":\"Volcano Erupts Near Village\",\"date\":\"2024-03-02\","
	"\"body\":\"Ash fell on the village on 2024-03-02. Flights were cancelled; the airport "
	"reopened on Friday after the cloud moved east.\"}",
};

static const char *const vocab[] = {
	"iran", "saudi", "arabia", "airspace", "missile", "talks", "strike", "port",
	"ash", "flight", "cancel", "bank", "rate", "election", "vote", "bridge",
	"closed", "festival", "music", "tariff", "steel", "cup", "final", "goal",
	"the", "a", "of", "and", "in", "on", "news", "report", "minister", "city",
};

/* Runs ns_build(o) with the JSON Lines file at path as its standard input
 * (source "-"), then removes the file.  0, or -1 with a message naming
 * what (build, update) failed. */
static int build_from_stdin(const struct ns_build_opts *o, const char *path, const char *what)
{
	struct ns_build_stats st;
	char msg[1024] = "";
	int rc, saved, fd;

	saved = dup(STDIN_FILENO);
	fd = open(path, O_RDONLY);
	if (saved < 0 || fd < 0 || dup2(fd, STDIN_FILENO) < 0)
		return -1;
	close(fd);
	rc = ns_build(o, NULL, &st, msg, sizeof(msg));
	dup2(saved, STDIN_FILENO);
	close(saved);
	unlink(path);
	if (rc != NS_OK) {
		fprintf(stderr, "fuzz: cannot %s the index: %s\n", what, msg);
		return -1;
	}
	return 0;
}

/* The articles go in as JSON Lines on standard input (source "-"), so
 * nothing about this process (its temporary directory) is stored in the
 * index: every build is byte for byte the same, and the seeds written from
 * one process match the pristine index of another. */
int fuzz_build_index(const char *dir)
{
	struct ns_build_opts o;
	char path[4200], text[2048];
	const char *sources[1] = { "-" };
	uint32_t seed = 12345;
	FILE *f;

	snprintf(path, sizeof(path), "%s.jsonl", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	for (size_t i = 0; i < sizeof(snippets) / sizeof(snippets[0]); i++)
		fprintf(f, "%s\n", snippets[i]);
	/* 300 generated articles: "the", "a" and "of" land in most of them,
	 * so their postings have three blocks and a skip table. */
	for (int d = 0; d < 300; d++) {
		size_t n = 0;
		int words = 4 + d % 13;
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "{\"id\":\"gen-%03d\",\"title\":\"Title %d %s\",\"body\":\"body",
				      d, d, vocab[d % (sizeof(vocab) / sizeof(vocab[0]))]);
		for (int w = 0; w < words; w++) {
			seed = seed * 1103515245u + 12345u;
			n += (size_t)snprintf(text + n, sizeof(text) - n, " %s",
					      vocab[(seed >> 16) % (sizeof(vocab) / sizeof(vocab[0]))]);
			if (w % 3 == 0)
				n += (size_t)snprintf(text + n, sizeof(text) - n, " the");
			/* sentences and paragraphs for SENTENCE and PARAGRAPH */
			if (w % 4 == 3)
				n += (size_t)snprintf(text + n, sizeof(text) - n, "%s",
						      (w + d) % 3 ? "." : ".\\n\\n");
		}
		fprintf(f, "%s.\"%s}\n", text, d % 50 == 0 ? ",\"date\":\"2024-01-19\"" : "");
	}
	if (fclose(f) != 0)
		return -1;
	memset(&o, 0, sizeof(o));
	o.index_dir = dir;
	o.sources = sources;
	o.n_sources = 1;
	o.memory_bytes = 16u << 20;
	if (build_from_stdin(&o, path, "build") != 0)
		return -1;
	/* The update: two articles come again with new text (the old ones
	 * are deleted from segment 1, the new ones go to segment 2). */
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "{\"id\":\"gen-007\",\"title\":\"Updated\",\"body\":\"iran talks the "
		   "updated saudi airspace text\"}\n"
		   "{\"id\":\"real-4\",\"title\":\"Volcano Quiet Again\",\"date\":\"2024-03-09\","
		   "\"body\":\"The ash cloud is gone and flights resumed.\"}\n");
	if (fclose(f) != 0)
		return -1;
	return build_from_stdin(&o, path, "update");
}

#define SEG_RECORD_LEN 56	/* format.h: a MANIFEST segment record */

size_t fuzz_manifest_seg_at(const uint8_t *d, size_t n, uint32_t i)
{
	size_t at = NS_FMT_HEADER_LEN + 8 + 4;

	if (n < at + 1)
		return 0;
	at += 1 + (size_t)d[at];
	if (n < at + 4 || i >= ns_get_u32(d + at))
		return 0;
	at += 4 + (size_t)i * SEG_RECORD_LEN;
	return n >= at + SEG_RECORD_LEN ? at : 0;
}

size_t fuzz_manifest_head_crc_at(const uint8_t *d, size_t n)
{
	size_t at = NS_FMT_HEADER_LEN + 8 + 4, k;
	uint32_t segs, srcs;

	if (n < at + 1)
		return 0;
	at += 1 + (size_t)d[at];
	if (n < at + 4)
		return 0;
	segs = ns_get_u32(d + at);
	at += 4;
	if (segs > (n - at) / SEG_RECORD_LEN)
		return 0;
	at += (size_t)segs * SEG_RECORD_LEN;
	if (n < at + 4)
		return 0;
	srcs = ns_get_u32(d + at);
	at += 4;
	for (uint32_t i = 0; i < srcs; i++) {
		if (n < at + 4)
			return 0;
		k = ns_get_u32(d + at);
		if (k > n - at - 4)
			return 0;
		at += 4 + k;
	}
	at += 8 + 8;	/* built, identity */
	for (uint32_t i = 0; i < segs; i++) {	/* arrivals (varints) */
		const uint8_t *p = d + at;
		uint64_t runs, v;
		if (at >= n || ns_varint_get(&p, d + n, &runs) != 0)
			return 0;
		for (uint64_t r = 0; r < 2 * runs; r++)
			if (ns_varint_get(&p, d + n, &v) != 0)
				return 0;
		at = (size_t)(p - d);
	}
	return n >= at + 4 ? at : 0;
}

void fuzz_manifest_fix_crcs(uint8_t *d, size_t n)
{
	size_t at = fuzz_manifest_head_crc_at(d, n);

	if (at)
		ns_put_u32(d + at, ns_crc32(d, at));
	if (n >= 4)
		ns_put_u32(d + n - 4, ns_crc32(d, n - 4));
}
