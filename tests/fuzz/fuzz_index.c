/* SPDX-License-Identifier: MIT */
/* fuzz_index.c -- open and search an index one of whose files is the
 * fuzz input.
 *
 * A small index is built once (fuzz_build_index: two segments and a
 * deletion file).  Input: mode:u8 then the bytes of one file of it:
 *   mode & 7   which file: 0 seg-00000001.nsp, 1 seg-00000001.nsd,
 *              2 MANIFEST, 3 seg-00000001.del-2, 4 seg-00000002.nsp,
 *              5 seg-00000002.nsd (6, 7: as 0)
 *   mode & 8   "fixup": before writing the file, recompute every CRC-32 it
 *              holds (trailer, term index, dictionary blocks and their
 *              one-block postings, skip tables and each block's doc and
 *              position CRCs, norms, doc-table and id-index chunks,
 *              document records and their text groups, the deletion
 *              bitmap's, the MANIFEST's two; the start-up checks that this
 *              changes nothing in the intact files) and copy into the
 *              MANIFEST what it repeats of the file (n_tokens, del_crc),
 *              so mutations reach the decoders behind the checksums
 *              instead of stopping at them
 * The other files stay pristine, and so does the story map (stories-G,
 * copied once: a MANIFEST of another generation finds none, and the
 * public open then fails with NS_ERR_NOTFOUND).  The index is opened with
 * ns_idx_open() and with the public ns_index_open(), a fixed set of queries
 * (words, a term whose postings span three blocks, phrase, NEAR, ADJ, OR,
 * NOT, fields) is run through ns_search() and every hit is printed as
 * nsearch prints it (searcher/output.c) in text (snippet from the stored
 * text), tsv and json format.
 * Oracle: never a crash, hang, leak or huge allocation; every failure is
 * NS_ERR_CORRUPT / VERSION / NOTFOUND / IO / NOMEM; and without fixup (the
 * checksums as the fuzzer left them) a query that runs without error gives
 * exactly the pristine index's output: a damaged index that answers must
 * answer right (format.h, I6).
 *
 * NS_FUZZ_INDEX_SEEDS=DIR writes the pristine files, in every mode, to DIR
 * as seeds.
 */

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "fileio.h"
#include "format.h"
#include "fuzz.h"
#include "index.h"
#include "match.h"
#include "query.h"
#include "rank.h"
#include "output.h"
#include "varint.h"

#define N_FILES 6
static const char *const file_names[N_FILES] = {
	"seg-00000001.nsp", "seg-00000001.nsd", NS_FMT_MANIFEST_NAME,
	"seg-00000001.del-2", "seg-00000002.nsp", "seg-00000002.nsd",
};
#define F_MANIFEST 2
#define F_DEL 3

static const char *const queries[] = {
	"iran",
	"the",
	"the a of",
	"\"saudi arabia\"",
	"airspace NEAR/5 saudi",
	"missile ADJ/3 sites",
	"strike OR vote -the",
	"title:title",
	"body:(ash OR port) NOT cancel",
	"mar-a-lago",
	"cafe OR αθηνα OR 東京",
	"\"of the\" NEAR/2 a",
	"vot*",
	"date:2024",
};
#define N_QUERIES (sizeof(queries) / sizeof(queries[0]))

static uint8_t *pristine[N_FILES];
static size_t pristine_len[N_FILES];
static char *expected[N_QUERIES];	/* pristine output of each query */
static char dir[4200];
static FILE *devnull;

/* ---- CRC fixup (format.h layouts, every access bounds-checked) ---- */

static int span_ok(uint64_t off, uint64_t len, uint64_t total)
{
	return off <= total && len <= total - off;
}

#define TB_HEAD 12	/* dictionary block: crc:u32 len:u32 post_crc:u32 */

/* A term's postings with more than one doc block: each block's doc_crc and
 * pos_crc in its skip entry, then the skip table's own CRC. */
static void fix_skips(uint8_t *d, uint64_t pos, uint64_t pl, uint64_t dl, uint64_t n_blocks)
{
	uint64_t skip_len = 4 + n_blocks * NS_FMT_SKIP_ENTRY_LEN;
	uint8_t *sk = d + pos + pl + 4;
	uint64_t blocks = pos + pl + skip_len, doc_end = dl - skip_len;

	if (dl < skip_len)
		return;
	for (uint64_t b = 0; b < n_blocks; b++) {
		uint8_t *e = sk + b * NS_FMT_SKIP_ENTRY_LEN;
		uint64_t doc_off = ns_get_u32(e + 4), pos_off = ns_get_u32(e + 8);
		uint64_t doc_next = b + 1 < n_blocks ? ns_get_u32(e + NS_FMT_SKIP_ENTRY_LEN + 4) : doc_end;
		uint64_t pos_next = b + 1 < n_blocks ? ns_get_u32(e + NS_FMT_SKIP_ENTRY_LEN + 8) : pl;
		if (doc_off <= doc_next && doc_next <= doc_end)
			ns_put_u32(e + 12, ns_crc32(d + blocks + doc_off, (size_t)(doc_next - doc_off)));
		if (pos_off <= pos_next && pos_next <= pl)
			ns_put_u32(e + 16, ns_crc32(d + pos + pos_off, (size_t)(pos_next - pos_off)));
	}
	ns_put_u32(d + pos + pl, ns_crc32(sk, (size_t)(skip_len - 4)));
}

static void fix_nsp(uint8_t *d, size_t len)
{
	uint8_t *t;
	uint64_t off[8];

	if (len < NS_FMT_HEADER_LEN + NS_FMT_NSP_TRAILER)
		return;
	t = d + len - NS_FMT_NSP_TRAILER;
	for (int i = 0; i < 8; i++)
		off[i] = ns_get_u64(t + 8 * i);
	if (span_ok(off[4], off[5], len) && off[5] >= 4 && span_ok(off[2], off[3], len)) {
		uint8_t *ti = d + off[4], *terms = d + off[2];
		uint32_t nb = ns_get_u32(ti);
		for (uint64_t b = 0; b < nb && 4 + 16 * (b + 1) <= off[5]; b++) {
			const uint8_t *r = ti + 4 + 16 * b;
			uint64_t boff = ns_get_u32(r), post = ns_get_u64(r + 8), blen;
			const uint8_t *p, *end;
			uint32_t post_crc = 0;
			int any = 0;
			if (boff + TB_HEAD > off[3])
				continue;
			blen = ns_get_u32(terms + boff + 4);
			if (blen > off[3] - boff - TB_HEAD)
				continue;
			p = terms + boff + TB_HEAD;
			end = p + blen;
			while (p < end) {
				uint64_t prefix, suffix, df, cf, pl, dl, nblk;
				if (ns_varint_get(&p, end, &prefix) || ns_varint_get(&p, end, &suffix) ||
				    suffix > (uint64_t)(end - p))
					break;
				p += suffix;
				if (ns_varint_get(&p, end, &df) || ns_varint_get(&p, end, &cf) ||
				    ns_varint_get(&p, end, &pl) || ns_varint_get(&p, end, &dl))
					break;
				if (!span_ok(post, pl, len) || !span_ok(post + pl, dl, len))
					break;
				nblk = (df + NS_FMT_BLOCK - 1) / NS_FMT_BLOCK;
				if (nblk > 1) {
					fix_skips(d, post, pl, dl, nblk);
				} else {
					/* one block: into the block's post_crc */
					post_crc = ns_crc32_update(post_crc, d + post, (size_t)(pl + dl));
					any = 1;
				}
				post += pl + dl;
			}
			ns_put_u32(terms + boff + 8, any ? post_crc : 0);
			ns_put_u32(terms + boff, ns_crc32_update(ns_crc32(terms + boff + 8, 4),
								 terms + boff + TB_HEAD, (size_t)blen));
		}
		ns_put_u32(t + 80, ns_crc32(ti, (size_t)off[5]));
	}
	if (span_ok(off[6], off[7], len)) {
		uint32_t n = ns_get_u32(t + 64);
		uint64_t at = off[6];
		for (uint32_t c = 0; c < n; c += NS_FMT_NORM_CHUNK) {
			uint32_t k = n - c < NS_FMT_NORM_CHUNK ? n - c : NS_FMT_NORM_CHUNK;
			uint64_t bytes = (uint64_t)k * NS_FMT_NORM_ENTRY_LEN;
			if (!span_ok(at, 4 + bytes, off[6] + off[7]))
				break;
			ns_put_u32(d + at, ns_crc32(d + at + 4, (size_t)bytes));
			at += 4 + bytes;
		}
	}
	ns_put_u32(t + 84, ns_crc32(t, 84));
}

/* The text group a record points back to (body: six strings, date_key,
 * flags, text_len, text_off, group_back), refreshed: gcrc covers the 20
 * header bytes after it and ztext.  rcrc (of the raw text) is left as it
 * is: a changed ztext then fails it after zstd has decoded it. */
static void fix_group(uint8_t *d, uint64_t rec_sec, uint64_t rec_len, uint64_t r,
		      const uint8_t *p, const uint8_t *end)
{
	uint64_t v, back, zlen;

	for (int i = 0; i < 6; i++) {
		if (ns_varint_get(&p, end, &v) || v > (uint64_t)(end - p))
			return;
		p += v;
	}
	for (int i = 0; i < 4; i++)
		if (ns_varint_get(&p, end, &v))
			return;
	if (ns_varint_get(&p, end, &back) || back > r || r - back + NS_FMT_GROUP_HEAD > rec_len)
		return;
	r -= back;
	zlen = ns_get_u32(d + rec_sec + r + 4);
	if (zlen > rec_len - r - NS_FMT_GROUP_HEAD)
		return;
	ns_put_u32(d + rec_sec + r,
		   ns_crc32(d + rec_sec + r + 4, (size_t)(NS_FMT_GROUP_HEAD - 4 + zlen)));
}

static void fix_nsd(uint8_t *d, size_t len)
{
	uint8_t *t;
	uint64_t off[4], at, end_tab;
	uint32_t n;

	if (len < NS_FMT_HEADER_LEN + NS_FMT_NSD_TRAILER)
		return;
	t = d + len - NS_FMT_NSD_TRAILER;
	for (int i = 0; i < 4; i++)
		off[i] = ns_get_u64(t + 8 * i);
	n = ns_get_u32(t + 32);
	if (span_ok(off[0], off[1], len) && span_ok(off[2], off[3], len)) {
		at = off[2];
		end_tab = off[2] + off[3];
		/* doc table: record_off:u64 date_key:i64 per document */
		for (uint32_t c = 0; c < n; c += NS_FMT_DOC_CHUNK) {
			uint32_t k = n - c < NS_FMT_DOC_CHUNK ? n - c : NS_FMT_DOC_CHUNK;
			uint64_t bytes = (uint64_t)k * NS_FMT_DOC_ENTRY_LEN;
			if (!span_ok(at, 4 + bytes, end_tab))
				return;
			for (uint32_t i = 0; i < k; i++) {
				uint64_t r = ns_get_u64(d + at + 4 + 16 * (uint64_t)i), rl;
				uint8_t le[4];
				uint32_t crc;
				if (r > off[1] || off[1] - r < 8)
					continue;
				rl = ns_get_u32(d + off[0] + r + 4);
				if (rl > off[1] - r - 8)
					continue;
				fix_group(d, off[0], off[1], r, d + off[0] + r + 8,
					  d + off[0] + r + 8 + rl);
				/* a record's CRC starts with its docid */
				ns_put_u32(le, c + i);
				crc = ns_crc32(le, 4);
				crc = ns_crc32_update(crc, d + off[0] + r + 8, (size_t)rl);
				ns_put_u32(d + off[0] + r, crc);
			}
			ns_put_u32(d + at, ns_crc32(d + at + 4, (size_t)bytes));
			at += 4 + bytes;
		}
		/* id index: id_hash:u64 docid:u32 per document */
		for (uint32_t c = 0; c < n; c += NS_FMT_ID_CHUNK) {
			uint32_t k = n - c < NS_FMT_ID_CHUNK ? n - c : NS_FMT_ID_CHUNK;
			uint64_t bytes = (uint64_t)k * NS_FMT_ID_ENTRY_LEN;
			if (!span_ok(at, 4 + bytes, end_tab))
				return;
			ns_put_u32(d + at, ns_crc32(d + at + 4, (size_t)bytes));
			at += 4 + bytes;
		}
		/* day and source columns: u32 per document, then the source
		 * table n_src:u32 crc:u32 offsets and bytes to the end */
		for (int col = 0; col < 2; col++)
			for (uint32_t c = 0; c < n; c += NS_FMT_COL_CHUNK) {
				uint32_t k = n - c < NS_FMT_COL_CHUNK ? n - c : NS_FMT_COL_CHUNK;
				uint64_t bytes = (uint64_t)k * NS_FMT_COL_ENTRY_LEN;
				if (!span_ok(at, 4 + bytes, end_tab))
					return;
				ns_put_u32(d + at, ns_crc32(d + at + 4, (size_t)bytes));
				at += 4 + bytes;
			}
		if (span_ok(at, 8, end_tab))
			ns_put_u32(d + at + 4, ns_crc32(d + at + 8, (size_t)(end_tab - at - 8)));
	}
	ns_put_u32(t + 36, ns_crc32(t, 36));
}

static void fix_del(uint8_t *d, size_t len)
{
	if (len >= 4)
		ns_put_u32(d + len - 4, ns_crc32(d, len - 4));
}

/* Copies into the MANIFEST's record of segment seg what it says of a
 * fixed-up file (an .nsp's n_tokens, a deletion file's CRC), so the file
 * is not rejected for that alone. */
static void sync_manifest(uint8_t *m, size_t mlen, uint32_t seg, int which, const uint8_t *d,
			  size_t n)
{
	size_t at = fuzz_manifest_seg_at(m, mlen, seg);

	if (!at)
		return;
	if (which == F_DEL && n >= 4)
		memcpy(m + at + 36, d + n - 4, 4);
	else if (which != F_DEL && n >= NS_FMT_NSP_TRAILER)
		memcpy(m + at + 8, d + n - NS_FMT_NSP_TRAILER + 72, 8);
	fuzz_manifest_fix_crcs(m, mlen);
}

/* ---- running the queries ---- */

/* Runs query qi through the public API on x, as nsearch does; its output
 * (every hit in text, tsv and json) goes to *out (malloc'd).  Returns the
 * first error, or NS_OK. */
static int run_query(ns_index *x, size_t qi, char **out)
{
	static const enum ns_output_format formats[] = { NS_OUTPUT_TEXT, NS_OUTPUT_TSV,
							 NS_OUTPUT_JSON };
	struct ns_output_opts fo;
	ns_results *r = NULL;
	char *buf = NULL;
	size_t buf_len = 0;
	FILE *f = open_memstream(&buf, &buf_len);
	int rc;

	FUZZ_CHECK(f != NULL);
	memset(&fo, 0, sizeof(fo));
	rc = ns_search(x, queries[qi], NULL, &r);
	fprintf(f, "search %d %s\n", rc, rc == NS_ERR_QUERY ? ns_index_errmsg(x) : "");
	if (rc == NS_OK) {
		fprintf(f, "count %llu\n", (unsigned long long)ns_results_total(r));
		for (size_t i = 0; i < ns_results_size(r) && rc == NS_OK; i++) {
			const ns_result *h;
			rc = ns_results_hit(r, i, &h);
			for (size_t k = 0; rc == NS_OK && k < 3; k++) {
				fo.format = formats[k];
				FUZZ_CHECK(ns_output_hit(f, &fo, h, NULL) == 0);
			}
		}
		ns_results_free(r);
	} else if (rc == NS_ERR_QUERY) {
		rc = NS_OK;	/* a query this index cannot answer, pristine too */
	}
	/* the counts, from the day and source columns, by article and by
	 * story (colcount.h) */
	for (int story = 0; rc == NS_OK && story < 2; story++) {
		ns_opts *o = ns_opts_new();
		uint64_t n = 0;
		int trc;
		FUZZ_CHECK(o != NULL);
		ns_opts_set_collapse(o, story ? NS_COLLAPSE_STORIES : NS_COLLAPSE_OFF);
		trc = ns_timeline(x, queries[qi], o, "day", f, 0, 80, &n);
		if (trc == NS_OK)
			trc = ns_facet(x, queries[qi], o, "source", SIZE_MAX, f, 0, &n);
		fprintf(f, "counts %d %llu\n", trc, (unsigned long long)n);
		if (trc != NS_OK && trc != NS_ERR_QUERY)
			rc = trc;
		ns_opts_free(o);
	}
	fclose(f);
	*out = buf;
	return rc;
}

static int acceptable(int rc)
{
	return rc == NS_ERR_CORRUPT || rc == NS_ERR_VERSION || rc == NS_ERR_NOTFOUND ||
	       rc == NS_ERR_IO || rc == NS_ERR_NOMEM;
}

static void write_files(uint8_t *const *data, const size_t *len)
{
	char path[4300];

	for (int i = 0; i < N_FILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, file_names[i]);
		FUZZ_CHECK(fuzz_write_file(path, data[i], len[i]) == 0);
	}
}

static void write_seeds(const char *to)
{
	char path[4300];

	for (int mode = 0; mode < 16; mode++) {
		int f = mode & 7;
		uint8_t *s;
		if (f >= N_FILES)
			continue;
		s = malloc(pristine_len[f] + 1);
		FUZZ_CHECK(s != NULL);
		s[0] = (uint8_t)mode;
		memcpy(s + 1, pristine[f], pristine_len[f]);
		snprintf(path, sizeof(path), "%s/pristine-%s-%s", to, file_names[f],
			 mode & 8 ? "fixup" : "raw");
		FUZZ_CHECK(fuzz_write_file(path, s, pristine_len[f] + 1) == 0);
		/* truncations, and each file with one byte flipped in each
		 * third of it (the fixup mode repairs the checksums) */
		if (!(mode & 8)) {
			size_t cuts[] = { 0, 15, 16, 100, pristine_len[f] / 2, pristine_len[f] - 1 };
			for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
				snprintf(path, sizeof(path), "%s/cut-%s-%zu", to, file_names[f], cuts[c]);
				FUZZ_CHECK(fuzz_write_file(path, s, 1 + cuts[c]) == 0);
			}
		}
		for (int e = 0; e < 3; e++) {
			size_t at = 1 + pristine_len[f] * (size_t)e / 3 + 17;
			if (at >= pristine_len[f] + 1)
				continue;
			s[at] ^= 0x10;
			snprintf(path, sizeof(path), "%s/flip-%s-%s-%d", to, file_names[f],
				 mode & 8 ? "fixup" : "raw", e);
			FUZZ_CHECK(fuzz_write_file(path, s, pristine_len[f] + 1) == 0);
			s[at] ^= 0x10;
		}
		free(s);
	}
}

/* Copies the story map (stories-G) of base into dir, once. */
static void copy_story_map(const char *base)
{
	char path[4600];	/* a directory and a file name (NAME_MAX) */
	struct dirent *e;
	DIR *d = opendir(base);
	int found = 0;

	FUZZ_CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		uint8_t *data;
		size_t n;
		if (strncmp(e->d_name, "stories-", 8) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", base, e->d_name);
		data = fuzz_read_file(path, &n);
		FUZZ_CHECK(data != NULL);
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FUZZ_CHECK(fuzz_write_file(path, data, n) == 0);
		free(data);
		found = 1;
	}
	closedir(d);
	FUZZ_CHECK(found);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char base[4200], path[4300];
	ns_index *x;
	const char *seeds;

	(void)argc;
	(void)argv;
	snprintf(base, sizeof(base), "%s/base", fuzz_tmpdir());
	snprintf(dir, sizeof(dir), "%s/t", fuzz_tmpdir());
	FUZZ_CHECK(fuzz_build_index(base) == 0);
	FUZZ_CHECK(mkdir(dir, 0755) == 0);
	for (int i = 0; i < N_FILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", base, file_names[i]);
		pristine[i] = fuzz_read_file(path, &pristine_len[i]);
		FUZZ_CHECK(pristine[i] != NULL);
	}
	copy_story_map(base);
	write_files(pristine, pristine_len);
	/* The fixup knows the format by heart: on intact files it must
	 * change nothing (else the format moved on: update fix_*()). */
	for (int i = 0; i < N_FILES; i++) {
		uint8_t *c = malloc(pristine_len[i] + 1);
		FUZZ_CHECK(c != NULL);
		memcpy(c, pristine[i], pristine_len[i]);
		if (i == F_MANIFEST)
			fuzz_manifest_fix_crcs(c, pristine_len[i]);
		else if (i == F_DEL)
			fix_del(c, pristine_len[i]);
		else if (strstr(file_names[i], ".nsp"))
			fix_nsp(c, pristine_len[i]);
		else
			fix_nsd(c, pristine_len[i]);
		if (memcmp(c, pristine[i], pristine_len[i]) != 0) {
			fprintf(stderr, "fuzz_index: the fixup changes the intact %s: "
				"update fix_*() to format.h\n", file_names[i]);
			abort();
		}
		free(c);
	}
	if (ns_index_open(dir, &x) != NS_OK) {
		fprintf(stderr, "fuzz_index: %s\n", ns_index_errmsg(x));
		abort();
	}
	for (size_t q = 0; q < N_QUERIES; q++)
		FUZZ_CHECK(run_query(x, q, &expected[q]) == NS_OK);
	ns_index_close(x);
	devnull = fopen("/dev/null", "w");
	seeds = getenv("NS_FUZZ_INDEX_SEEDS");
	if (seeds && *seeds)
		write_seeds(seeds);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *files[N_FILES], *copy = NULL, *mcopy = NULL;
	size_t lens[N_FILES];
	struct ns_index *ix = NULL;
	ns_index *x = NULL;
	char msg[1024] = "";
	int which, fixup, rc;

	if (!devnull)
		LLVMFuzzerInitialize(NULL, NULL);
	if (size < 1 || size > (1u << 20))
		return 0;
	which = data[0] & 7;
	if (which >= N_FILES)
		which = 0;
	fixup = data[0] & 8;
	for (int i = 0; i < N_FILES; i++) {
		files[i] = pristine[i];
		lens[i] = pristine_len[i];
	}
	copy = malloc(size);
	FUZZ_CHECK(copy != NULL);
	memcpy(copy, data + 1, size - 1);
	files[which] = copy;
	lens[which] = size - 1;
	if (fixup) {
		if (which == 0 || which == 4 || which == F_DEL) {
			if (which == F_DEL)
				fix_del(copy, size - 1);
			else
				fix_nsp(copy, size - 1);
			mcopy = malloc(pristine_len[F_MANIFEST]);
			FUZZ_CHECK(mcopy != NULL);
			memcpy(mcopy, pristine[F_MANIFEST], pristine_len[F_MANIFEST]);
			sync_manifest(mcopy, pristine_len[F_MANIFEST], which == 4 ? 1 : 0, which,
				      copy, size - 1);
			files[F_MANIFEST] = mcopy;
		} else if (which == 1 || which == 5) {
			fix_nsd(copy, size - 1);
		} else {
			fuzz_manifest_fix_crcs(copy, size - 1);
		}
	}
	write_files(files, lens);

	rc = ns_idx_open(dir, &ix, msg, sizeof(msg));
	if (rc != NS_OK) {
		FUZZ_CHECK(acceptable(rc));
		FUZZ_CHECK(msg[0] != 0);
		goto out;
	}
	/* the public handle opens the same way, unless the MANIFEST now
	 * names another generation's story map, or another number of
	 * documents than the map has */
	rc = ns_index_open(dir, &x);
	if (rc != NS_OK) {
		FUZZ_CHECK(rc == NS_ERR_NOTFOUND || rc == NS_ERR_CORRUPT);
		ns_idx_close(ix);
		ns_index_close(x);
		goto out;
	}
	for (size_t q = 0; q < N_QUERIES; q++) {
		char *got = NULL;
		rc = run_query(x, q, &got);
		if (rc != NS_OK) {
			FUZZ_CHECK(acceptable(rc));
		} else if (!fixup && strcmp(got, expected[q]) != 0) {
			fprintf(stderr, "fuzz_index: query %s: wrong output without an error\n"
				"--- expected\n%s--- got\n%s", queries[q], expected[q], got);
			abort();
		}
		free(got);
	}
	{
		/* The per-index paths a damaged index must survive too. */
		uint64_t df;
		rc = ns_index_df(ix, "the", 3, &df);
		FUZZ_CHECK(rc == NS_OK || acceptable(rc));
	}
	ns_idx_close(ix);
	ns_index_close(x);
out:
	free(copy);
	free(mcopy);
	return 0;
}
