/* SPDX-License-Identifier: MIT */
/* fuzz_manifest.c -- the MANIFEST decoder, files section included (what
 * every nindex run reads back), and its round trip through the writer.
 *
 * Input: mode:u8 then the MANIFEST's bytes.  mode & 1 ("fixup") first
 * recomputes the head CRC and the whole-file CRC (format.h), so mutations
 * reach the decoder behind them.  Oracle (manifest.h): decoding returns
 * NS_OK, NS_ERR_CORRUPT, NS_ERR_VERSION or NS_ERR_NOMEM; what decodes with
 * the files section decodes without it too, to the same head; and what
 * decodes is written back by ns_manifest_write() and read back by
 * ns_manifest_read_all() field for field the same.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"
#include "format.h"
#include "fuzz.h"
#include "manifest.h"

static char dir[4200];

static void same_file(const struct ns_filestate *a, const struct ns_filestate *b)
{
	FUZZ_CHECK(strcmp(a->path, b->path) == 0 && strcmp(a->id, b->id) == 0);
	FUZZ_CHECK(a->flags == b->flags && a->size == b->size && a->mtime_ns == b->mtime_ns);
	FUZZ_CHECK(a->content_len == b->content_len && a->hash == b->hash);
	FUZZ_CHECK(a->done_off == b->done_off && a->done_lines == b->done_lines);
	FUZZ_CHECK(a->n_ext == b->n_ext);
	for (uint32_t i = 0; i < a->n_ext; i++)
		FUZZ_CHECK(a->ext[i].seg == b->ext[i].seg && a->ext[i].first == b->ext[i].first &&
			   a->ext[i].count == b->ext[i].count);
}

static void same_head(const struct ns_manifest *a, const struct ns_manifest *b)
{
	FUZZ_CHECK(a->generation == b->generation && a->next_segment == b->next_segment);
	FUZZ_CHECK(strcmp(a->lang, b->lang) == 0 && a->built == b->built);
	FUZZ_CHECK(a->n_segs == b->n_segs && a->n_sources == b->n_sources);
	for (uint32_t i = 0; i < a->n_segs; i++) {
		const struct ns_seginfo *x = &a->segs[i], *y = &b->segs[i];
		FUZZ_CHECK(x->id == y->id && x->n_docs == y->n_docs && x->n_tokens == y->n_tokens &&
			   x->n_title_tokens == y->n_title_tokens && x->del_gen == y->del_gen &&
			   x->n_deleted == y->n_deleted && x->del_crc == y->del_crc &&
			   x->deleted_tokens == y->deleted_tokens &&
			   x->deleted_title_tokens == y->deleted_title_tokens);
	}
	for (uint32_t i = 0; i < a->n_sources; i++)
		FUZZ_CHECK(strcmp(a->sources[i], b->sources[i]) == 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* tmpfs when there is one: the writer fsyncs every round trip */
	if (access("/dev/shm", W_OK) == 0)
		setenv("TMPDIR", "/dev/shm", 0);
	snprintf(dir, sizeof(dir), "%s/m", fuzz_tmpdir());
	FUZZ_CHECK(mkdir(dir, 0755) == 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ns_manifest m, head, back;
	uint8_t *d;
	size_t n;
	int rc;

	if (!dir[0])
		LLVMFuzzerInitialize(NULL, NULL);
	if (size < 1 || size > (1u << 20))
		return 0;
	n = size - 1;
	d = malloc(n ? n : 1);
	FUZZ_CHECK(d != NULL);
	memcpy(d, data + 1, n);
	if (data[0] & 1)
		fuzz_manifest_fix_crcs(d, n);
	rc = ns_manifest_decode(d, n, 1, &m);
	FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_CORRUPT || rc == NS_ERR_VERSION ||
		   rc == NS_ERR_NOMEM);
	if (rc == NS_OK) {
		FUZZ_CHECK(strlen(m.lang) >= 1 && strlen(m.lang) <= NS_FMT_MAX_LANG_LEN);
		FUZZ_CHECK(m.n_files == 0 || m.files != NULL);
		FUZZ_CHECK(ns_manifest_decode(d, n, 0, &head) == NS_OK);
		same_head(&m, &head);
		ns_manifest_release(&head);
		rc = ns_manifest_write(dir, &m);
		FUZZ_CHECK(rc == NS_OK || rc == NS_ERR_USAGE);
		if (rc == NS_OK) {
			FUZZ_CHECK(ns_manifest_read_all(dir, &back) == NS_OK);
			same_head(&m, &back);
			FUZZ_CHECK(m.n_files == back.n_files);
			for (uint32_t i = 0; i < m.n_files; i++)
				same_file(&m.files[i], &back.files[i]);
			ns_manifest_release(&back);
		}
	}
	/* On an error too: the decoder may have allocated before it failed
	 * (read_manifest() releases likewise). */
	ns_manifest_release(&m);
	free(d);
	return 0;
}
