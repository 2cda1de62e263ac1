/* SPDX-License-Identifier: MIT */
/* formdict.h -- the word forms of a whole index (all its segments' .nsw
 * files, format.h) as one dictionary: counts summed over segments, and
 * the forms near a word (fuzzy.h) merged across segments.
 *
 * Opened on first use by ns_formdict_of(), so queries without fuzzy words
 * or spelling never touch the files.
 */
#ifndef NS_FORMDICT_H
#define NS_FORMDICT_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "fuzzy.h"
#include "index.h"

struct ns_formdict;

/* The index's dictionary, opened on first call and kept in idx (freed by
 * ns_index_close()).  NS_OK; NS_ERR_CORRUPT / VERSION / IO / NOMEM (a
 * message naming the file in msg). */
int ns_formdict_of(struct ns_index *idx, struct ns_formdict **out, char *msg, size_t msglen);
void ns_formdict_free(struct ns_formdict *d);

/* Dictionary entries over all segments (a form in two segments counts
 * twice), and documents their counts cover. */
uint64_t ns_formdict_n_entries(const struct ns_formdict *d);
uint64_t ns_formdict_n_docs(const struct ns_formdict *d);

/* Counts of one folded form, summed over segments (0 when absent).
 * NS_OK or NS_ERR_CORRUPT. */
int ns_formdict_counts(struct ns_formdict *d, const char *form, size_t len, uint64_t *cf,
		       uint64_t *df);

/* A form near a word. */
struct ns_formhit {
	char form[NS_FMT_MAX_FORM_LEN + 1];	/* NUL-terminated */
	size_t len;
	uint64_t cf, df;	/* summed over segments */
	int dist;		/* edits from the word (editdist.h) */
};

/* The distinct forms within k edits of the folded word w[0..len), in term
 * order, into *out (malloc'd, *n of them; free() it).  More than max of
 * them (in any one segment, or merged): NS_ERR_LIMIT.  *cnt grows by the
 * walks' work (fuzzy.h).  NS_OK, NS_ERR_LIMIT, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_formdict_near(struct ns_formdict *d, const char *w, size_t len, int k, size_t max,
		     struct ns_formhit **out, size_t *n, struct ns_fuzzy_count *cnt);

/* The same, of the forms that begin with w's first character
 * (ns_fuzzy_walk_same_first()). */
int ns_formdict_near_same_first(struct ns_formdict *d, const char *w, size_t len, int k,
				size_t max, struct ns_formhit **out, size_t *n,
				struct ns_fuzzy_count *cnt);

#endif /* NS_FORMDICT_H */
