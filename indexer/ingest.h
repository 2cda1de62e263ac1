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
#include "corpus.h"
#include "idmap.h"
#include "segset.h"

struct ns_ingest;

/* What an ingest works with; every pointer is borrowed and must outlive
 * the ingest. */
struct ns_story_build;

struct ns_ingest_opts {
	const char *dir;		/* the index directory */
	struct ns_story_build *story;	/* gets each article's signatures (story.h) */
	const char *lang;		/* stemming language (for the lane) */
	struct ns_analyzer *an;	/* the analyzer of lang */
	uint32_t seg_id;		/* id of the new segment */
	uint64_t memory_bytes;		/* the run's budget (--memory) */
	uint64_t inv_budget;		/* the share the inverters and the
					 * per-document tables may fill */
	struct ns_segset *segs;		/* the index's segments: old copies
					 * of an id are deleted there; the
					 * new segment is appended */
	char *msg;			/* error messages, may be NULL */
	size_t msglen;
};

/* What an ingest counted so far. */
struct ns_ingest_counts {
	uint64_t n_docs;	/* articles added */
	uint64_t n_tokens;	/* words indexed (a lane's once it is done) */
	uint64_t n_bytes;	/* bytes of their titles and bodies */
	uint64_t n_duplicates;	/* articles replaced within this run */
	uint32_t n_runs;	/* runs spilled to disk */
};

/* NS_OK or NS_ERR_NOMEM. */
int ns_ingest_new(const struct ns_ingest_opts *o, struct ns_ingest **out);

/* Aborts an unfinished segment (its files are removed) and frees g. */
void ns_ingest_free(struct ns_ingest *g);

/* Adds one article (borrowed for the call).  NS_OK, or an error of the
 * index (NS_ERR_IO with errno, NS_ERR_NOMEM): the message, if msg was
 * empty, says so. */
int ns_ingest_add(struct ns_ingest *g, const struct ns_article *a);

/* The counters; valid while g lives. */
const struct ns_ingest_counts *ns_ingest_counts(const struct ns_ingest *g);

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
