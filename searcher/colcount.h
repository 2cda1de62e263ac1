/* SPDX-License-Identifier: MIT */
/* colcount.h -- every match of a query counted by day or by source, from
 * the segments' columns (segcols.h): one 4-byte read per match, in a
 * chunk whose CRC is checked once, never a record or a date term.  The
 * counts of timeline.h and facet.h.
 *
 * With a story map (st not NULL: --collapse=story) stories are counted,
 * not articles: a story counts once, on the day of its earliest matching
 * article (undated only when none of its matching articles has a date);
 * by source, once per source it has among its matching articles.  A match
 * the map does not place (NS_STORY_NONE) counts as a story of its own,
 * and so does a story of one live article: only the documents of shared
 * stories are looked up, in the story map's doc sharing and sharer list
 * (stories.h, format.h), their stories kept in a word per shared story.
 */
#ifndef NS_COLCOUNT_H
#define NS_COLCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "dayhist.h"
#include "index.h"
#include "match.h"
#include "segreader.h"
#include "stories.h"

/* Counts by day. */
struct ns_colcount_days {
	struct ns_dayhist d;	/* per day (days since the epoch) */
	uint64_t undated;	/* counted without a date */
	uint64_t total;		/* counted in all: matches, or stories */
	uint64_t matches;	/* matching articles */
};

/* Counts the matches of m (compiled for idx) into *out (release with
 * ns_colcount_days_release()).  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM or an
 * error of the walk or of the story map. */
int ns_colcount_days(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
		     struct ns_colcount_days *out);
void ns_colcount_days_release(struct ns_colcount_days *c);

/* One source value: sources whose folded words (tokenize.h) are the same
 * are one value, shown as the first of them met; key 0 is the value of
 * sources without words. */
struct ns_colcount_source {
	uint64_t key;
	uint64_t count;
	struct ns_str name;	/* as written (borrowed from idx's segments) */
};

/* Counts the matches of m by source: *rows (malloc'd, *n_rows of them, in
 * no order, each count > 0), *matches the matching articles.  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM, NS_ERR_LIMIT or an error of the walk. */
int ns_colcount_sources(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
			struct ns_colcount_source **rows, size_t *n_rows, uint64_t *matches);

/* The stories among the matches of m (st not NULL): *stories, a match
 * the map does not place counted as a story of its own, as
 * --collapse=story shows them; *matches the matching articles.  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM or an error of the walk or of the map. */
int ns_colcount_stories(struct ns_index *idx, struct ns_match *m, struct ns_stories *st,
			uint64_t *stories, uint64_t *matches);

#endif /* NS_COLCOUNT_H */
