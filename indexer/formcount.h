/* SPDX-License-Identifier: MIT */
/* formcount.h -- count the word forms of a segment being built.
 *
 * The indexer feeds every folded word (before stemming) of every article;
 * the counter keeps, per distinct form, its occurrences (cf) and the
 * documents holding it (df), and writes them sorted as the segment's word
 * forms file (format.h, .nsw) for spelling and fuzzy words.  Forms with an
 * ASCII digit or longer than NS_FMT_MAX_FORM_LEN bytes are not counted.
 * Each inverting thread has its own counter; ns_formcount_absorb() sums
 * them at the end (their docids are disjoint).
 */
#ifndef NS_FORMCOUNT_H
#define NS_FORMCOUNT_H

#include <stddef.h>
#include <stdint.h>

struct ns_formcount;

/* The table is kept in scratch files in dir (diskarr.h).  NS_OK,
 * NS_ERR_NOMEM, NS_ERR_IO (errno set). */
int ns_formcount_new(const char *dir, struct ns_formcount **out);
void ns_formcount_free(struct ns_formcount *fc);

/* One occurrence of form in document docid (docids never decrease from
 * one call to the next).  NS_OK or NS_ERR_NOMEM. */
int ns_formcount_add(struct ns_formcount *fc, const char *form, size_t len, uint32_t docid);

/* ns_formcount_add() of a form whose ns_word_hash() (analyze.h) the
 * caller has: word_hash. */
int ns_formcount_add_hashed(struct ns_formcount *fc, const char *form, size_t len,
			    uint32_t word_hash, uint32_t docid);

/* Fetches the table's slot for a form of ns_word_hash() word_hash into
 * the CPU cache (a hint; fc is a struct ns_formcount *): an
 * ns_term_walk_set_ahead() callback. */
void ns_formcount_prefetch(void *fc, uint32_t word_hash);

/* Adds src's counts into dst (src is left as it was). */
int ns_formcount_absorb(struct ns_formcount *dst, const struct ns_formcount *src);

/* Distinct forms, and bytes held of the process's own memory (0: the
 * table is in scratch files). */
size_t ns_formcount_n(const struct ns_formcount *fc);
size_t ns_formcount_mem(const struct ns_formcount *fc);

/* Writes seg-<seg_id>.nsw in dir (n_docs: documents counted).  NS_OK,
 * NS_ERR_IO, NS_ERR_NOMEM. */
int ns_formcount_write(const struct ns_formcount *fc, const char *dir, uint32_t seg_id,
		       uint32_t n_docs);

#endif /* NS_FORMCOUNT_H */
