/* SPDX-License-Identifier: MIT */
/* story_file.h -- the story map of an index: which story every document
 * belongs to, its copy signatures, and each story's centroid (format.h,
 * "Story file").
 *
 * Story membership changes with every update while segments are immutable
 * (format.h, I1), so it lives beside them in one file per publish,
 * stories-<generation>, written before the MANIFEST of that generation
 * (I9) and removed with it: the MANIFEST's generation names it, no other
 * field is needed.  Entries run in global docid order (I3) over every
 * document of every segment, the deleted ones included, so a searcher
 * finds a hit's story by its docid alone.
 *
 * Two ways in: nindex reads the whole map into arrays (ns_story_map_read,
 * every checksum checked); nsearch maps the file and decodes only the
 * entries it needs (ns_story_view), checking each chunk the first time.
 */
#ifndef NS_STORY_FILE_H
#define NS_STORY_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "fileio.h"

#define NS_STORY_NONE UINT32_MAX	/* story of a deleted document */
#define NS_STORY_TERMS 16		/* terms kept in a centroid */
#define NS_STORY_NO_DAY INT32_MIN	/* first/last day of an undated story */

struct ns_story_doc {
	uint32_t story;		/* index into the story table, or NS_STORY_NONE */
	uint64_t exact;		/* story_sig.h */
	uint64_t near;
};

struct ns_story {
	uint64_t id;		/* stable: made from the text of the article
				 * that started it (format.h) */
	uint32_t n_live;	/* live documents in it (>= 1) */
	uint32_t n_seen;	/* documents ever added to it (>= 1) */
	int32_t first_day;	/* days since the epoch of its first and last */
	int32_t last_day;	/* dated member, NS_STORY_NO_DAY if none */
	float mass;		/* weight of the heaviest centroid term */
	uint32_t first_member;	/* in the member list (format.h) */
	uint8_t n_terms;
	uint32_t term[NS_STORY_TERMS];	/* ns_story_term_hash(), heaviest first */
	uint8_t q[NS_STORY_TERMS];	/* weight / mass * 255, rounded, >= 1 */
};

struct ns_story_map {
	uint32_t n_docs;
	uint32_t n_stories;
	struct ns_story_doc *docs;	/* n_docs */
	struct ns_story *stories;	/* n_stories */
};

/* "stories-<gen>"; out needs 48 bytes. */
void ns_story_file_name(char *out, uint64_t gen);
/* Whether name is a story file name (of any generation). */
int ns_story_file_is_name(const char *name);

/* Reads dir/stories-<gen> into m (which the caller releases), checking
 * every checksum and that the member list lists each story's live
 * documents.  NS_OK; NS_ERR_NOTFOUND when absent; NS_ERR_CORRUPT, VERSION,
 * IO, NOMEM. */
int ns_story_map_read(const char *dir, uint64_t gen, struct ns_story_map *m);

/* Writes m as dir/stories-<gen> (.tmp, fsync, rename; the caller fsyncs
 * dir before publishing), the member list made from the documents' stories
 * (first_member of m's stories is ignored).  NS_OK, NS_ERR_IO, NOMEM. */
int ns_story_map_write(const char *dir, uint64_t gen, const struct ns_story_map *m);

/* Entry i of the documents to write, asked for in increasing order (more
 * than once). */
typedef void (*ns_story_doc_fn)(void *ctx, uint32_t i, struct ns_story_doc *out);

/* ns_story_map_write() with the document entries made on demand, so a
 * caller need not hold them all. */
int ns_story_map_write_gen(const char *dir, uint64_t gen, uint32_t n_docs, ns_story_doc_fn doc,
			   void *doc_ctx, const struct ns_story *stories, uint32_t n_stories);

/* Checks what a reader relies on: story indexes in range, every story's
 * n_live equal to its live members, none empty, ids increasing, centroids
 * and days well formed.  NS_OK or NS_ERR_CORRUPT with a reason in msg. */
int ns_story_map_validate(const struct ns_story_map *m, char *msg, size_t msglen);

void ns_story_map_release(struct ns_story_map *m);

/* ---- the searcher's lazy view ---- */

struct ns_story_view {
	struct ns_map map;
	uint32_t n_docs;
	uint32_t n_stories;
	uint32_t n_members;	/* live documents */
	uint32_t n_dir;		/* entries of the story directory */
	uint32_t n_shared;	/* stories of >= 2 live documents */
	uint32_t n_sharers;	/* their documents */
	uint32_t n_kept;	/* documents that keep their exact fingerprint */
	int32_t base_day;	/* of one-article stories' days (format.h) */
	uint64_t sec_off[6];	/* stories, sharers, near signatures, kept
				 * exact fingerprints, story directory,
				 * members */
	unsigned bits[6];	/* their entries' widths in bits (the
				 * stories, sharers and members packed,
				 * ns_get_bits(); format.h) */
	uint64_t share_off;	/* the doc sharing */
	uint64_t data_off;	/* the stories' entries */
	uint64_t data_len;
	uint8_t *checked[6];	/* per chunk: its CRC passed */
	uint8_t *share_checked;	/* per doc sharing chunk: likewise */
	uint64_t kept_off;	/* the kept-exact bits (as the doc sharing) */
	uint8_t *kept_checked;
	struct ns_story *group;	/* the last group of stories decoded */
	uint32_t group_no;	/* which, UINT32_MAX: none */
};

/* Maps dir/stories-<gen> and checks its header and length.  NS_OK,
 * NS_ERR_NOTFOUND, NS_ERR_CORRUPT, VERSION, IO, NOMEM. */
int ns_story_view_open(const char *dir, uint64_t gen, struct ns_story_view *v);
void ns_story_view_close(struct ns_story_view *v);

/* Entry d / s / i, its chunk checked first.  NS_OK or NS_ERR_CORRUPT. */
int ns_story_view_doc(struct ns_story_view *v, uint32_t d, struct ns_story_doc *out);
int ns_story_view_story(struct ns_story_view *v, uint32_t s, struct ns_story *out);
int ns_story_view_member(struct ns_story_view *v, uint32_t i, uint32_t *docid);
/* Document d's near signature alone (its exact fingerprint may take a
 * story's decoding, format.h). */
int ns_story_view_near(struct ns_story_view *v, uint32_t d, uint64_t *near);

/* The documents' stories (packed, v->bits[0] bits each: entry j, document
 * *first + j's, is ns_get_bits(*entries, j, v->bits[0]); v->n_stories for
 * a deleted document; format.h) of the chunk holding document d, *n of
 * them, the chunk checked first (once per view).  For walks of many documents in docid
 * order: the signatures, five times the bytes, are not read.
 * NS_OK or NS_ERR_CORRUPT. */
int ns_story_view_doc_chunk(struct ns_story_view *v, uint32_t d, const uint8_t **entries,
			    uint32_t *first, uint32_t *n);

/* The doc sharing chunk holding document d (format.h): *bits its 64
 * little-endian u64 words for documents *first_doc.. (*n of them), and
 * *first_sharer the sharer list entry of its first set bit; the chunk's
 * CRC checked first (once per view), and that its bits fit the list.
 * A count by story reads only these and the sharer list: a document whose
 * bit is clear is a story of its own (or deleted).  NS_OK or
 * NS_ERR_CORRUPT. */
int ns_story_view_share_chunk(struct ns_story_view *v, uint32_t d, const uint8_t **bits,
			      uint32_t *first_doc, uint32_t *n, uint32_t *first_sharer);

/* The chunk of the sharer list (packed, v->bits[1] bits each) holding
 * entry i, as ns_story_view_doc_chunk() gives the doc stories'. */
int ns_story_view_sharer_chunk(struct ns_story_view *v, uint32_t i, const uint8_t **entries,
			       uint32_t *first, uint32_t *n);

#endif /* NS_STORY_FILE_H */
