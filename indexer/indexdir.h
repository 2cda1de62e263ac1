/* SPDX-License-Identifier: MIT */
/* indexdir.h -- the index directory: its lock, and removing what no
 * MANIFEST names.
 *
 * One nindex at a time updates an index: it holds INDEX_DIR/LOCK (flock)
 * for the whole run.  Files an update writes are named in the MANIFEST it
 * publishes; everything else with a segment name or a .tmp suffix is
 * garbage from an older generation or a failed run (format.h, invariant
 * I2), removed here.  Readers that still map an unlinked file keep it.
 */
#ifndef NS_INDEXDIR_H
#define NS_INDEXDIR_H

#include <stdint.h>

#include "manifest.h"

/* Takes INDEX_DIR/LOCK, waiting for it when wait, else failing at once.
 * *fd_out gets the descriptor holding it (close it to release; a killed
 * process releases it too).  A symbolic link planted as LOCK is replaced,
 * so nothing is created outside the index.  Returns NS_OK, NS_ERR_LIMIT
 * when another process holds it (and !wait), NS_ERR_NOMEM, or NS_ERR_IO
 * (errno). */
int ns_indexdir_lock(const char *dir, int wait, int *fd_out);

/* Removes *.tmp files and the segment and deletion files that m does not
 * name (all of them when m is NULL).  hooked: each removal is a write
 * fault point of fileio.h (the crash tests stop a run there). */
void ns_indexdir_remove_garbage(const char *dir, const struct ns_manifest *m, int hooked);

/* After a failed update: removes what it wrote, keeping whatever the
 * MANIFEST on disk names (read again, since a failure after its rename
 * leaves the new one in place).  When it cannot be read, does nothing:
 * the next run cleans. */
void ns_indexdir_clean_after_failure(const char *dir);

/* Bytes on disk of segment g: its postings, documents and deletion file. */
uint64_t ns_indexdir_segment_bytes(const char *dir, const struct ns_seginfo *g);

#endif /* NS_INDEXDIR_H */
