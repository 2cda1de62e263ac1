/* SPDX-License-Identifier: MIT */
/* ingest.h -- the articles of one update into one new segment.
 *
 * Each article is inverted (here, or by the second lane of lane.h when
 * there is a second core) and its metadata and text go to the segment
 * writer; the inverter spills runs to disk when the memory budget is
 * full (runs.h).  The segment file is opened at the first article, so an
 * update that reads nothing writes nothing.
 *
 * Ids: an article whose id came earlier in this run replaces that copy
 * (both are written; the older is marked deleted at the finish); one whose
 * id was live in the index before replaces that article (segset.h).  The
 * newest copy wins (format.h, I8).
 */
#ifndef NS_INGEST_H
#define NS_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "build.h"
#include "corpus.h"
#include "idmap.h"
#include "segset.h"

struct ns_ingest;

/* What an ingest works with; every pointer is borrowed and must outlive
 * the ingest. */
struct ns_ingest_opts {
	const char *dir;		/* the index directory */
	const char *lang;		/* stemming language (for the lane) */
	struct ns_analyzer *an;	/* the analyzer of lang */
	uint32_t seg_id;		/* id of the new segment */
	uint64_t memory_bytes;		/* the run's budget (--memory) */
	uint64_t inv_budget;		/* the share the inverters and the
					 * per-document tables may fill */
	struct ns_segset *segs;		/* the index's segments: old copies
					 * of an id are deleted there; the
					 * new segment is appended */
	struct ns_build_stats *st;	/* n_docs, n_tokens, n_bytes, n_runs,
					 * n_duplicates are counted here */
	char *msg;			/* error messages, may be NULL */
	size_t msglen;
};

/* NS_OK or NS_ERR_NOMEM. */
int ns_ingest_new(const struct ns_ingest_opts *o, struct ns_ingest **out);

/* Aborts an unfinished segment (its files are removed) and frees g. */
void ns_ingest_free(struct ns_ingest *g);

/* Adds one article (borrowed for the call).  NS_OK, or an error of the
 * index (NS_ERR_IO with errno, NS_ERR_NOMEM): the message, if msg was
 * empty, says so. */
int ns_ingest_add(struct ns_ingest *g, const struct ns_article *a);

/* Articles added so far (the next article's docid). */
uint32_t ns_ingest_n_docs(const struct ns_ingest *g);

/* The ids added so far: n new ids, n_replaced of them replacing an article
 * live before. */
const struct ns_idmap *ns_ingest_ids(const struct ns_ingest *g);

/* Writes out the new segment, if any article was added (*wrote = 1), and
 * appends it to the segment set, opened, with the older copies of ids
 * repeated in this run marked deleted.  NS_OK or an error (message in msg). */
int ns_ingest_finish(struct ns_ingest *g, int *wrote);

#endif /* NS_INGEST_H */
