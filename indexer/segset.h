/* SPDX-License-Identifier: MIT */
/* segset.h -- the segments of an index as one update sees them, and the
 * documents it deletes from them.
 *
 * The segments of the published index come first, each with its reader;
 * the segments this run writes (the new one, the merges' outputs) are
 * appended.  Deletions go to a copy of a segment's bitmap, made at the
 * first one, with the counts the MANIFEST keeps for the segment (deleted
 * documents and their tokens) kept current; nothing reaches the disk
 * before publish.h writes the bitmaps of the changed segments.
 */
#ifndef NS_SEGSET_H
#define NS_SEGSET_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "segreader.h"

/* One segment of the index as this run sees it. */
struct ns_segstate {
	struct ns_seginfo info;	/* as published (deletion fields kept current) */
	struct ns_segr *r;	/* open reader; NULL for a merge's output */
	uint8_t *del;		/* this run's bitmap, NULL while the reader's holds */
	int changed;		/* documents deleted by this run */
	int is_new;		/* written by this run */
	uint32_t live0;		/* live documents when the run started */
	int group;		/* merge plan: -1 stays, -2 dropped, else group */
	uint32_t *remap;	/* after a merge: old docid -> new (UINT32_MAX gone) */
	uint32_t merged_into;	/* ... into this segment id */
};

/* Zero-initialised is empty. */
struct ns_segset {
	struct ns_segstate *seg;	/* in MANIFEST order, then this run's */
	size_t n;
	size_t cap;
};

/* The segment with this id, or NULL. */
struct ns_segstate *ns_segset_find(struct ns_segset *set, uint32_t id);

/* Appends a zeroed segment (group -1: stays) and returns it, or NULL when
 * memory runs out.  Pointers into the set are valid until the next add. */
struct ns_segstate *ns_segset_add(struct ns_segset *set);

/* Marks document d of s deleted (once), keeping the counts the MANIFEST
 * holds for it current; a d past the segment's end (a stale extent) is
 * ignored.  NS_OK, NS_ERR_NOMEM, or the reader's NS_ERR_CORRUPT. */
int ns_segset_mark_deleted(struct ns_segstate *s, uint32_t d);

/* Deletes every document a file's state points to (its extents). */
int ns_segset_delete_file(struct ns_segset *set, const struct ns_filestate *f);

/* Deletes the article with this id that was live before the run, if any
 * (the newest wins, format.h I8); segments written by this run are not
 * looked at.  *replaced = 1 when there was one. */
int ns_segset_replace_old(struct ns_segset *set, const char *id, size_t len, int *replaced);

/* Closes the readers and frees everything. */
void ns_segset_release(struct ns_segset *set);

#endif /* NS_SEGSET_H */
