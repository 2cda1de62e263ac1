/* SPDX-License-Identifier: MIT */
/* manifest.h -- read and atomically publish the MANIFEST of an index.
 *
 * The MANIFEST names the segments that make up the index and the settings
 * every reader must share (the stemming language).  Replacing it is the one
 * atomic step of an update (format.h, invariant I2).
 */
#ifndef NS_MANIFEST_H
#define NS_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "arrival.h"
#include "format.h"

struct ns_seginfo {
	uint32_t id;		/* file names seg-<id>.nsp/.nsd */
	uint32_t n_docs;	/* documents, deleted ones included */
	uint64_t n_tokens;	/* words in all documents */
	uint64_t n_title_tokens;	/* words in titles */
	uint64_t del_gen;	/* deletion file seg-<id>.del-<del_gen>; 0 = none */
	uint32_t n_deleted;	/* documents deleted */
	uint32_t del_crc;	/* the deletion file's trailing CRC-32 */
	uint64_t deleted_tokens;	/* words in the deleted documents */
	uint64_t deleted_title_tokens;	/* ... in their titles */
	/* arrival.h: the generation each document arrived in, as runs in
	 * docid order.  Owned by the manifest that decoded it; a writer's
	 * caller keeps its own.  None (NULL, 0) with n_docs > 0 is written
	 * as one run of the manifest's generation. */
	struct ns_arrival_run *arr;
	uint32_t n_arr;
};

/* Documents first..first+count-1 of segment seg came from one file. */
struct ns_extent {
	uint32_t seg;		/* segment id */
	uint32_t first;		/* local docid */
	uint32_t count;
};

/* What the last update knew of one source file (format.h, files section). */
struct ns_filestate {
	char *path;		/* the file as read (malloc'd) */
	char *id;		/* its article id / id prefix (malloc'd) */
	uint32_t flags;		/* NS_FMT_FILE_* */
	uint64_t size;		/* st_size when read */
	int64_t mtime_ns;	/* st_mtim when read */
	uint64_t content_len;	/* bytes of content read (after gunzip) */
	uint64_t hash;		/* ns_fmt_hash of those bytes */
	uint64_t done_off;	/* JSON Lines: content offset after the last LF */
	uint64_t done_lines;	/* line feeds before done_off */
	uint32_t tail_seg;	/* NS_FMT_FILE_TAIL: the unterminated line's */
	uint32_t tail_doc;	/* article */
	struct ns_extent *ext;	/* malloc'd */
	uint32_t n_ext;
};

struct ns_manifest {
	uint64_t generation;	/* bumped by each publish */
	uint32_t next_segment;	/* id for the next new segment */
	char lang[NS_FMT_MAX_LANG_LEN + 1];	/* Snowball language or "none" */
	struct ns_seginfo *segs;	/* in global docid order */
	uint32_t n_segs;
	char **sources;		/* sources as given when the index was built */
	uint32_t n_sources;
	uint64_t built;		/* seconds since the epoch of the publish */
	uint64_t identity;	/* random, made by a new index or a --full
				 * rebuild (arrival.h); 0 is written as a
				 * new one */
	struct ns_filestate *files;	/* sorted by (path, id); only from
					 * ns_manifest_read_all() */
	uint32_t n_files;
};

/* Reads dir/MANIFEST into *m (release it with ns_manifest_release()),
 * checking and decoding everything up to the head CRC: the files section
 * is left out (m->files NULL), as searches need none of it.
 * Returns NS_OK; NS_ERR_NOTFOUND when there is no MANIFEST (not an index);
 * NS_ERR_CORRUPT, NS_ERR_VERSION, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_manifest_read(const char *dir, struct ns_manifest *m);

/* The same, the files section included (checked by the whole-file CRC). */
int ns_manifest_read_all(const char *dir, struct ns_manifest *m);

/* Decodes a MANIFEST's bytes (ns_manifest_read_all() without the file). */
int ns_manifest_decode(const uint8_t *data, uint64_t len, int with_files,
		       struct ns_manifest *m);

/* Frees the strings and extents of one file state. */
void ns_filestate_release(struct ns_filestate *f);

/* Writes m (files included) as dir/MANIFEST.tmp, fsyncs it, renames it
 * over dir/MANIFEST and fsyncs dir.  On error the previous MANIFEST is
 * untouched.  m->built is written as given. */
int ns_manifest_write(const char *dir, const struct ns_manifest *m);

void ns_manifest_release(struct ns_manifest *m);

#endif /* NS_MANIFEST_H */
