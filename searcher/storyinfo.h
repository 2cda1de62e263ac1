/* SPDX-License-Identifier: MIT */
/* storyinfo.h -- what the story API of nsearch.h tells about a story: the
 * article an id names, a story's members oldest first, its summary
 * (sources, dates) and why an article is in it.  No printing: the
 * programs print (searcher/storycmd.c, output.c).
 */
#ifndef NS_STORYINFO_H
#define NS_STORYINFO_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "stories.h"

#define NS_STORYINFO_SOURCES 8	/* sources listed per story */
#define NS_STORYINFO_SHARED 10	/* shared terms listed by an explanation */

/* The live article with this id: *docid (global).  NS_OK, NS_ERR_NOTFOUND,
 * NS_ERR_CORRUPT. */
int ns_storyinfo_find_article(struct ns_index *idx, const char *id, uint64_t *docid);

/* The story arg names: the id of an article in it (tried first: ids may
 * be hex digits too) or a story id.  NS_OK and *story; NS_ERR_NOTFOUND
 * with a message in msg; index errors. */
int ns_storyinfo_resolve(struct ns_index *idx, struct ns_stories *st, const char *arg,
			 uint32_t *story, char *msg, size_t msglen);

/* The live members of story, oldest first (undated last, then docid):
 * *out malloc'd (free it), *n.  NS_OK, NS_ERR_NOMEM, NS_ERR_CORRUPT. */
int ns_storyinfo_members_by_date(struct ns_index *idx, struct ns_stories *st, uint32_t story,
				 uint64_t **out, size_t *n);

struct ns_storyinfo_summary {
	size_t size;
	char first_date[11], last_date[11];	/* "" when no member is dated */
	char *sources[NS_STORYINFO_SOURCES];	/* malloc'd, distinct, oldest
						 * member first */
	size_t n_sources;
	int more_sources;
};

/* Fills *s for story.  NS_OK, NS_ERR_NOMEM, index errors; release with
 * ns_storyinfo_summary_release() either way. */
int ns_storyinfo_summary(struct ns_index *idx, struct ns_stories *st, uint32_t story,
			 struct ns_storyinfo_summary *s);
void ns_storyinfo_summary_release(struct ns_storyinfo_summary *s);

enum ns_storyinfo_reason {
	NS_STORYINFO_ALONE,
	NS_STORYINFO_EXACT,
	NS_STORYINFO_NEAR,
	NS_STORYINFO_RETOLD,
};

struct ns_storyinfo_why {
	enum ns_storyinfo_reason reason;
	size_t size;			/* live members */
	uint64_t copy_of;		/* EXACT, NEAR: the member it copies */
	int bits;			/* NEAR: signature bits that differ */
	double similarity, threshold;	/* RETOLD */
	char *shared[NS_STORYINFO_SHARED];	/* RETOLD: malloc'd terms */
	size_t n_shared;
	int founder;			/* the story's first member in the index */
};

/* Why article docid is in its story: the only article; a copy of an
 * earlier member (exact, or near with the bits that differ); or its
 * similarity to the story (as it is now: the centroid includes it) with
 * the heaviest shared terms.  NS_OK, NS_DONE (a deleted article: no
 * story), NS_ERR_NOMEM, index errors; release either way. */
int ns_storyinfo_why(struct ns_index *idx, struct ns_stories *st, uint64_t docid,
		     struct ns_storyinfo_why *w);
void ns_storyinfo_why_release(struct ns_storyinfo_why *w);

#endif /* NS_STORYINFO_H */
