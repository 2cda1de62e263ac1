/* SPDX-License-Identifier: MIT */
/* segdict.h -- a segment's dictionary: find a term, scan terms in order,
 * walk them all (segdict_read.c; written by segdict_write.c).
 *
 * Each dictionary block is CRC-checked the first time it is used; terms and
 * entries handed out are valid until ns_segr_close().
 */
#ifndef NS_SEGDICT_H
#define NS_SEGDICT_H

#include <stddef.h>
#include <stdint.h>

struct ns_segr;

/* Where one term's postings are, from the dictionary. */
struct ns_term_info {
	uint32_t df;		/* documents containing the term */
	uint64_t cf;		/* occurrences in all documents */
	const uint8_t *pos_part;	/* positions, pos_len bytes */
	uint64_t pos_len;
	const uint8_t *doc_part;	/* skip table + doc blocks */
	uint64_t doc_len;
	uint32_t dblock;	/* its dictionary block */
};

/* Finds term.  NS_OK and *ti; NS_DONE when absent; NS_ERR_CORRUPT. */
int ns_segr_lookup(struct ns_segr *s, const char *term, size_t len, struct ns_term_info *ti);

/* Calls fn for each term >= from (byte order) until fn returns non-zero
 * (that value is returned) or the terms run out (NS_OK).  term is borrowed
 * for the call. */
typedef int (*ns_term_fn)(void *ctx, const char *term, size_t len, const struct ns_term_info *ti);
int ns_segr_scan(struct ns_segr *s, const char *from, size_t from_len, ns_term_fn fn, void *ctx);

/* Walks the dictionary in term order: ns_term_iter_next() gives each term
 * (borrowed until the next call) and its entry; NS_DONE at the end,
 * NS_ERR_CORRUPT.  For merges and checks. */
struct ns_term_iter;
int ns_term_iter_new(struct ns_segr *s, struct ns_term_iter **out);
int ns_term_iter_next(struct ns_term_iter *it, const char **term, size_t *len,
		      struct ns_term_info *ti);
/* The dictionary block of the term last returned. */
uint32_t ns_term_iter_block(const struct ns_term_iter *it);
void ns_term_iter_free(struct ns_term_iter *it);

/* Dictionary blocks and the first term of block b as the term index holds
 * it (for checks). */
uint32_t ns_segr_n_blocks(const struct ns_segr *s);
int ns_segr_block_first(struct ns_segr *s, uint32_t b, const char **term, size_t *len);


#endif /* NS_SEGDICT_H */
