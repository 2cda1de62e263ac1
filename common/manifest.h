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

#include "format.h"

struct ns_seginfo {
	uint32_t id;		/* file names seg-<id>.nsp/.nsd */
	uint32_t n_docs;
	uint64_t n_tokens;	/* words in all documents */
	uint64_t n_title_tokens;	/* words in titles */
};

struct ns_manifest {
	uint64_t generation;	/* bumped by each publish */
	uint32_t next_segment;	/* id for the next new segment */
	char lang[NS_FMT_MAX_LANG_LEN + 1];	/* Snowball language or "none" */
	struct ns_seginfo *segs;	/* in global docid order */
	uint32_t n_segs;
	char **sources;		/* sources as given when the index was built */
	uint32_t n_sources;
};

/* Reads dir/MANIFEST into *m (release it with ns_manifest_release()).
 * Returns NS_OK; NS_ERR_NOTFOUND when there is no MANIFEST (not an index);
 * NS_ERR_CORRUPT, NS_ERR_VERSION, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_manifest_read(const char *dir, struct ns_manifest *m);

/* Writes m as dir/MANIFEST.tmp, fsyncs it, renames it over dir/MANIFEST
 * and fsyncs dir.  On error the previous MANIFEST is untouched. */
int ns_manifest_write(const char *dir, const struct ns_manifest *m);

void ns_manifest_release(struct ns_manifest *m);

#endif /* NS_MANIFEST_H */
