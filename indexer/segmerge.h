/* SPDX-License-Identifier: MIT */
/* segmerge.h -- run the merges merge.h plans on the segments of an update,
 * and map the files' documents to where they are after them.
 *
 * Segments merged together form a group; each group becomes one new
 * segment whose documents are the live ones of its members, in order.  A
 * merged segment keeps a remap (old docid -> new, UINT32_MAX for a deleted
 * one) until the files' extents are mapped through it.
 */
#ifndef NS_SEGMERGE_H
#define NS_SEGMERGE_H

#include <stdint.h>

#include "manifest.h"
#include "segset.h"

/* Plans and runs the merges (merge.h's policy; compact: everything into
 * one segment) in dir.  Merged segments get group >= 0, merged_into and a
 * remap; each group's output is appended to set (is_new, r = NULL, group
 * -3 - g).  Output ids are taken from *next_id; *n_merged counts the
 * segments merged away.  NS_OK, NS_ERR_NOMEM, NS_ERR_IO (errno) or
 * NS_ERR_CORRUPT. */
int ns_segmerge_run(struct ns_segset *set, const char *dir, int compact, uint32_t *next_id,
		    uint32_t *n_merged);

/* Maps a file's extents and tail through the merges (format.h: a merged
 * extent is the consecutive new docids of its live documents); extents in
 * dropped segments go, a tail article that is gone loses its flag. */
void ns_segmerge_remap_file(struct ns_segset *set, struct ns_filestate *f);

#endif /* NS_SEGMERGE_H */
