/* SPDX-License-Identifier: MIT */
/* unchanged.h -- is an article already indexed exactly as it is now?
 *
 * Feeds are read again whole each time they change, yet most of their
 * items are the ones indexed last time.  An item whose id names a live
 * article with the same title, body, date, source and url is kept as it
 * is instead of being indexed again (issue 13: "same id -> replaced only
 * if changed").
 */
#ifndef NS_UNCHANGED_H
#define NS_UNCHANGED_H

#include <stddef.h>

#include "corpus.h"
#include "segreader.h"

/* Sets *same to 1 when one of segs[0..n) holds a live document with a's id
 * and a's title, body, date, source and url, else 0.  Returns NS_OK,
 * NS_ERR_CORRUPT or NS_ERR_NOMEM. */
int ns_unchanged(struct ns_segr *const *segs, size_t n, const struct ns_article *a, int *same);

#endif /* NS_UNCHANGED_H */
