/* SPDX-License-Identifier: MIT */
/* publish.h -- make an update visible: write the deletion files, then the
 * MANIFEST that names everything, then remove what it no longer names.
 *
 * Every file the MANIFEST names is durable (fsynced, and the directory
 * too) before the MANIFEST is renamed into place (format.h, I9): that
 * rename is the one step readers can see.  A failure before it leaves the
 * previous index as it was.
 */
#ifndef NS_PUBLISH_H
#define NS_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "segset.h"

/* What the new MANIFEST says besides its segments. */
struct ns_publish_in {
	const char *dir;		/* the index directory */
	uint64_t generation;		/* of the new MANIFEST */
	uint32_t next_segment;		/* first segment id never used */
	const char *lang;		/* stemming language */
	uint64_t built;			/* seconds since 1970 UTC */
	uint64_t identity;		/* the index identity (arrival.h) */
	const char *const *sources;	/* to remember ("-" is left out: standard
					 * input cannot be read again) */
	size_t n_sources;
	const char *const *kept_sources;	/* remembered too, as they are */
	size_t n_kept_sources;
	struct ns_filestate *files;	/* the files section; sorted here */
	size_t n_files;
	/* Called with the segments the MANIFEST will name, before it is
	 * written (the story map, story.h); NULL: none.  Its error stops
	 * the publish. */
	int (*before_manifest)(void *ctx, const struct ns_seginfo *segs, uint32_t n_segs);
	void *ctx;
};

/* Publishes set: a segment that stays (group -1) with a new deletion file
 * where this run deleted from it (changed; its info gets the new del_gen
 * and crc), and each merge's output where its group's first member stood;
 * dropped and merged segments are left out.  *n_segs gets the number of
 * segments published and *index_bytes (added to) their size.  NS_OK, or
 * an error with a message in msg (NS_ERR_IO: errno). */
int ns_publish(struct ns_segset *set, const struct ns_publish_in *in, uint32_t *n_segs,
	       uint64_t *index_bytes, char *msg, size_t msglen);

#endif /* NS_PUBLISH_H */
