/* SPDX-License-Identifier: MIT */
/* wordforms_read.h -- read a segment's word forms file (.nsw, format.h).
 *
 * The file is mapped; the trailer and the chunk table are checked at open,
 * each chunk's CRC the first time one of its forms is read, so a lookup or
 * a walk costs only the chunks it touches.  Forms are numbered 0..n-1 in
 * term order, which makes the file a sorted array that a trie walk
 * (fuzzy.h) can jump around in.
 */
#ifndef NS_WORDFORMS_READ_H
#define NS_WORDFORMS_READ_H

#include <stddef.h>
#include <stdint.h>

struct ns_wfr;

/* Opens seg-<seg_id>.nsw in dir.  NS_OK; NS_ERR_NOTFOUND (no such file);
 * NS_ERR_CORRUPT, NS_ERR_VERSION, NS_ERR_IO, NS_ERR_NOMEM. */
int ns_wfr_open(const char *dir, uint32_t seg_id, struct ns_wfr **out);
void ns_wfr_close(struct ns_wfr *r);

/* Number of forms, and documents the counts cover. */
uint32_t ns_wfr_n_forms(const struct ns_wfr *r);
uint32_t ns_wfr_n_docs(const struct ns_wfr *r);

/* One form. */
struct ns_wform {
	const char *form;	/* borrowed from the map, NOT NUL-terminated */
	size_t len;
	uint64_t cf, df;
};

/* Form i (< ns_wfr_n_forms()).  NS_OK or NS_ERR_CORRUPT. */
int ns_wfr_get(struct ns_wfr *r, uint32_t i, struct ns_wform *f);

/* The number of the first form >= key in term order (n_forms when none),
 * into *i.  NS_OK or NS_ERR_CORRUPT. */
int ns_wfr_lower_bound(struct ns_wfr *r, const char *key, size_t len, uint32_t *i);

/* The counts of form key: NS_OK, NS_DONE when the file has no such form,
 * NS_ERR_CORRUPT. */
int ns_wfr_find(struct ns_wfr *r, const char *key, size_t len, struct ns_wform *f);

/* The prefix table's entries of len (1..NS_FMT_FORM_PREFIX_MAX) bytes
 * (format.h: NS_FMT_FORM_PREFIX_ENTRY bytes each, in term order, checked
 * at open), borrowed from the map: the top of the trie, for fuzzy.h. */
void ns_wfr_prefixes(const struct ns_wfr *r, size_t len, const uint8_t **table, uint32_t *n);

/* Checks every chunk (nindex --check).  NS_OK or NS_ERR_CORRUPT. */
int ns_wfr_check_all(struct ns_wfr *r);

#endif /* NS_WORDFORMS_READ_H */
