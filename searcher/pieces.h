/* SPDX-License-Identifier: MIT */
/* pieces.h -- several indexes searched as one (nsearch -i A -i B).
 *
 * The pieces' MANIFESTs are read and their segments put end to end in one
 * struct ns_index, piece after piece in the order given: the index layer
 * already ranks many segments with deletions exactly like one index built
 * from their live documents (format.h, I7), so document counts, lengths and
 * document frequencies are global over all pieces, and every query, option
 * and output works unchanged.  Global docids run over the pieces in order,
 * so ties between equal scores go to the earlier piece, as they would in one
 * index built from the pieces' sources in that order.
 *
 * Ids stay distinct: an id live in two or more pieces is shown with its
 * piece's name and a colon in front ("2025:reuters/123.txt").  A piece's
 * name is the last component of its directory ("shards/2025/" is "2025");
 * when two pieces would get the same name, both are named by their
 * directory as given.  Nothing on disk changes: pieces are plain indexes.
 */
#ifndef NS_PIECES_H
#define NS_PIECES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "index.h"
#include "segdocs.h"

/* One index among those opened as one. */
struct ns_piece {
	char *dir;		/* the directory as given (malloc'd) */
	char *name;		/* prefix of its clashing ids (malloc'd) */
	uint32_t first_seg;	/* its segments: first_seg.. in idx->segs */
	uint32_t n_segs;
	uint64_t generation;	/* of its MANIFEST */
	uint64_t identity;	/* arrival.h */
	uint64_t built;
};

/* The most indexes one search opens. */
#define NS_PIECES_MAX 4096

/* Opens the n indexes in dirs as one.  With n == 1 it is ns_idx_open().
 * Every piece must share the stemming language and must not be given
 * twice.  NS_OK; else the first failure, with msg naming the piece:
 * NS_ERR_NOTFOUND / CORRUPT / VERSION / IO / NOMEM from opening it,
 * NS_ERR_USAGE for a language that differs or an index given twice,
 * NS_ERR_LIMIT beyond NS_PIECES_MAX pieces or 2^32 segments. */
int ns_idx_open_many(const char *const *dirs, size_t n, struct ns_index **out, char *msg,
		     size_t msglen);

/* The id to show for global docid, whose record is d: d->id itself, or,
 * when the id is live in another piece too, "name:id" in idx's scratch
 * buffer (valid until the next call).  NS_OK, NS_ERR_NOMEM, NS_ERR_CORRUPT. */
int ns_pieces_shown_id(struct ns_index *idx, uint64_t docid, const struct ns_doc *d,
		       struct ns_str *id);

/* --similar: the global docid of the live article whose id, as shown, is
 * id[0..len) (a plain id, or "name:id" for a clashing one).  NS_OK,
 * NS_ERR_NOTFOUND, NS_ERR_CORRUPT. */
int ns_pieces_find_id(struct ns_index *idx, const char *id, size_t len, uint64_t *docid);

/* The piece that holds segment s of idx (0 for an index of one piece). */
uint32_t ns_pieces_of_segment(const struct ns_index *idx, uint32_t s);

/* The directory that holds segment s's files: its piece's, or idx->dir
 * for one index (whose dir, for pieces, is only their list, for messages). */
const char *ns_pieces_segment_dir(const struct ns_index *idx, uint32_t s);

/* Frees idx's pieces (from ns_idx_close()). */
void ns_pieces_release(struct ns_index *idx);

#endif /* NS_PIECES_H */
