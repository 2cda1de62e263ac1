/* SPDX-License-Identifier: MIT */
/* story.c -- the story side of nsearch.h: the versions folded into a hit,
 * why a hit is in its story, a story's summary and timeline, a hit's text
 * (searcher/collapse.h, storyinfo.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "nsearch.h"
#include "collapse.h"
#include "error.h"
#include "lasterr.h"
#include "search_int.h"
#include "segreader.h"
#include "story_sig.h"
#include "storyinfo.h"

/* Hit i's slot with its story part allocated, or NULL (usage, memory:
 * *rc says which). */
static struct slot *story_slot(ns_results *r, size_t i, int *rc)
{
	struct slot *s;

	*rc = NS_OK;
	if (!r || i >= ns_results_size(r)) {
		*rc = NS_ERR_USAGE;
		return NULL;
	}
	s = ns_lib_slot_at(r, i);
	if (!s->sx && !(s->sx = calloc(1, sizeof(*s->sx)))) {
		*rc = NS_ERR_NOMEM;
		ns_lasterr_set(r->h, *rc, 0, "out of memory");
		return NULL;
	}
	return s;
}

static uint64_t docid_of(const ns_results *r, size_t i)
{
	return r->top.heap[r->first + i].docid;
}

/* The versions of hit i as docids, oldest first; under the lock. */
static int version_ids(ns_results *r, size_t i, struct slot_story *x)
{
	int rc;

	if (x->have_versions)
		return NS_OK;
	if (r->collapse == NS_COLLAPSE_OFF) {
		x->have_versions = 1;
		return NS_OK;
	}
	rc = ns_collapse_versions(r->h->ix, r->h->st, r->collapse, docid_of(r, i),
				  &x->version_ids, &x->n_versions);
	if (rc == NS_OK)
		rc = ns_stories_error(r->h->st);
	if (rc == NS_OK)
		x->have_versions = 1;
	return rc;
}

int ns_results_versions(ns_results *r, size_t i, size_t max, const ns_result **versions,
			size_t *n_filled, size_t *n_all)
{
	struct slot_story *x;
	struct slot *s;
	size_t want;
	int rc;

	if (!versions || !n_filled || !n_all)
		return NS_ERR_USAGE;
	*versions = NULL;
	*n_filled = *n_all = 0;
	if (!(s = story_slot(r, i, &rc)))
		return rc;
	x = s->sx;
	pthread_mutex_lock(&r->h->mu);
	rc = version_ids(r, i, x);
	want = x->n_versions < max ? x->n_versions : max;
	if (rc == NS_OK && want > x->n_loaded) {
		struct slot *v = realloc(x->versions, want * sizeof(*v));
		ns_result *p = v ? realloc(x->version_pub, want * sizeof(*p)) : NULL;
		if (v)
			x->versions = v;
		if (p)
			x->version_pub = p;
		if (!v || !p)
			rc = NS_ERR_NOMEM;
		for (size_t k = x->n_loaded; rc == NS_OK && k < want; k++) {
			memset(&x->versions[k], 0, sizeof(x->versions[k]));
			rc = ns_lib_load_doc(r, x->version_ids[k], 0, 0.0, &x->versions[k]);
			if (rc == NS_OK)
				x->n_loaded++;
			else
				ns_lib_release_slot(&x->versions[k]);
		}
		/* the slots' structs, in one array as the API hands them out */
		for (size_t k = 0; rc == NS_OK && k < x->n_loaded; k++)
			x->version_pub[k] = x->versions[k].pub;
	}
	pthread_mutex_unlock(&r->h->mu);
	if (rc != NS_OK)
		return ns_lib_fail(r->h, rc);
	*versions = x->n_loaded ? x->version_pub : NULL;
	*n_filled = want;
	*n_all = x->n_versions;
	return NS_OK;
}

/* The id of global docid, copied.  Under the lock. */
static int id_of(ns_index *h, uint64_t docid, char **out, size_t *len)
{
	struct ns_doc d;
	uint32_t seg, local;
	int rc;

	ns_index_locate(h->ix, docid, &seg, &local);
	rc = ns_segr_doc(h->ix->segs[seg], local, &d);
	if (rc != NS_OK)
		return rc;
	if (!(*out = malloc(d.id.len + 1)))
		return NS_ERR_NOMEM;
	memcpy(*out, d.id.p, d.id.len);
	(*out)[d.id.len] = 0;
	*len = d.id.len;
	return NS_OK;
}

static const enum ns_story_reason reasons[] = {
	[NS_STORYINFO_ALONE] = NS_STORY_ALONE,
	[NS_STORYINFO_EXACT] = NS_STORY_EXACT_COPY,
	[NS_STORYINFO_NEAR] = NS_STORY_NEAR_COPY,
	[NS_STORYINFO_RETOLD] = NS_STORY_RETELLING,
};

int ns_results_story_explain(ns_results *r, size_t i, const ns_story_explanation **ex)
{
	struct ns_storyinfo_why w;
	struct slot_story *x;
	struct slot *s;
	int rc;

	if (!ex)
		return NS_ERR_USAGE;
	if (!(s = story_slot(r, i, &rc)))
		return rc;
	if (!r->h->st)
		return NS_DONE;	/* several indexes as one: no story map */
	x = s->sx;
	if (x->have_why) {
		*ex = &x->why;
		return NS_OK;
	}
	pthread_mutex_lock(&r->h->mu);
	rc = ns_storyinfo_why(r->h->ix, r->h->st, docid_of(r, i), &w);
	if (rc == NS_DONE)
		rc = NS_CORRUPT();	/* a hit is live: it has a story */
	if (rc == NS_OK) {
		uint32_t story = ns_stories_of(r->h->st, docid_of(r, i));
		char *sid = malloc(17);
		memset(&x->why, 0, sizeof(x->why));
		if (!sid)
			rc = NS_ERR_NOMEM;
		else
			ns_stories_id_str(ns_stories_get(r->h->st, story).id, sid);
		x->why_strs[0] = sid;
		x->why.story = sid;
		x->why.story_size = w.size;
		x->why.reason = reasons[w.reason];
		x->why.copy_of = "";
		x->why.max_bits = NS_STORY_NEAR_BITS;
		x->why.bits = w.bits;
		x->why.similarity = w.similarity;
		x->why.threshold = w.threshold;
		x->why.founder = w.founder;
		if (rc == NS_OK && (w.reason == NS_STORYINFO_EXACT || w.reason == NS_STORYINFO_NEAR)) {
			rc = id_of(r->h, w.copy_of, &x->why_strs[1], &x->why.copy_of_len);
			if (rc == NS_OK)
				x->why.copy_of = x->why_strs[1];
		}
		for (size_t k = 0; rc == NS_OK && k < w.n_shared; k++) {
			x->why_strs[1 + k] = w.shared[k];	/* taken over */
			w.shared[k] = NULL;
			x->shared[k] = x->why_strs[1 + k];
		}
		x->why.shared_terms = x->shared;
		x->why.n_shared_terms = rc == NS_OK ? w.n_shared : 0;
	}
	if (rc == NS_OK)
		rc = ns_stories_error(r->h->st);
	ns_storyinfo_why_release(&w);
	pthread_mutex_unlock(&r->h->mu);
	if (rc != NS_OK)
		return ns_lib_fail(r->h, rc);
	x->have_why = 1;
	*ex = &x->why;
	return NS_OK;
}

int ns_results_story(ns_results *r, size_t i, const ns_story_summary **out)
{
	struct ns_storyinfo_summary sum;
	struct slot_story *x;
	const ns_result *hit;
	struct slot *s;
	int rc;

	if (!out)
		return NS_ERR_USAGE;
	if (!(s = story_slot(r, i, &rc)))
		return rc;
	if ((rc = ns_lib_need_stories(r->h, "a story's summary")) != NS_OK)
		return rc;
	x = s->sx;
	if (x->have_summary) {
		*out = &x->sum;
		return NS_OK;
	}
	rc = ns_results_hit(r, i, &hit);	/* the story id */
	if (rc != NS_OK)
		return rc;
	pthread_mutex_lock(&r->h->mu);
	rc = ns_storyinfo_summary(r->h->ix, r->h->st, ns_stories_of(r->h->st, docid_of(r, i)),
				  &sum);
	pthread_mutex_unlock(&r->h->mu);
	if (rc != NS_OK) {
		ns_storyinfo_summary_release(&sum);
		return ns_lib_fail(r->h, rc);
	}
	memset(&x->sum, 0, sizeof(x->sum));
	x->sum.story = hit->story;
	x->sum.size = sum.size;
	for (size_t k = 0; k < sum.n_sources; k++) {
		x->sources[k] = sum.sources[k];	/* taken over */
		sum.sources[k] = NULL;
	}
	x->sum.sources = (const char *const *)x->sources;
	x->sum.n_sources = sum.n_sources;
	x->sum.more_sources = sum.more_sources;
	/* the dates live in the slot: two fixed fields of the summary */
	memcpy(x->dates[0], sum.first_date, sizeof(x->dates[0]));
	memcpy(x->dates[1], sum.last_date, sizeof(x->dates[1]));
	x->sum.first_date = x->dates[0];
	x->sum.last_date = x->dates[1];
	sum.n_sources = 0;
	ns_storyinfo_summary_release(&sum);
	x->have_summary = 1;
	*out = &x->sum;
	return NS_OK;
}

int ns_story(ns_index *h, const char *id, ns_results **out)
{
	struct ns_hit *hits = NULL;
	uint64_t *v = NULL;
	uint32_t story;
	size_t n = 0;
	char msg[512] = "";
	int rc;

	if (out)
		*out = NULL;
	if (!h || !h->ix || !id || !out) {
		ns_lasterr_set(h, NS_ERR_USAGE, 0, "ns_story: no index, id or place for the results");
		return NS_ERR_USAGE;
	}
	if ((rc = ns_lib_need_stories(h, "a story's timeline")) != NS_OK)
		return rc;
	pthread_mutex_lock(&h->mu);
	rc = ns_storyinfo_resolve(h->ix, h->st, id, &story, msg, sizeof(msg));
	if (rc == NS_OK)
		rc = ns_storyinfo_members_by_date(h->ix, h->st, story, &v, &n);
	if (rc == NS_OK)
		rc = ns_stories_error(h->st);
	pthread_mutex_unlock(&h->mu);
	if (rc == NS_ERR_NOTFOUND) {
		ns_lasterr_set(h, rc, 0, "%s", msg[0] ? msg : "no such story");
		free(v);
		return rc;
	}
	if (rc == NS_OK && !(hits = malloc((n + 1) * sizeof(*hits))))
		rc = NS_ERR_NOMEM;
	for (size_t i = 0; rc == NS_OK && i < n; i++)
		hits[i] = (struct ns_hit){ 0.0, v[i], 0.0 };
	free(v);
	if (rc == NS_OK && !(*out = ns_lib_results_of(h, hits, n)))
		rc = NS_ERR_NOMEM;
	free(hits);
	if (rc != NS_OK) {
		if (rc == NS_ERR_NOMEM)
			ns_lasterr_set(h, rc, 0, "out of memory");
		else
			ns_lib_fail(h, rc);
		return rc;
	}
	(*out)->collapse = NS_COLLAPSE_OFF;
	return NS_OK;
}

int ns_results_text(ns_results *r, size_t i, char **text, size_t *len)
{
	struct ns_doc d;
	uint32_t seg, local;
	size_t n = 0;
	int rc;

	if (!r || !text || i >= ns_results_size(r))
		return NS_ERR_USAGE;
	*text = NULL;
	pthread_mutex_lock(&r->h->mu);
	ns_index_locate(r->h->ix, docid_of(r, i), &seg, &local);
	rc = ns_segr_doc(r->h->ix->segs[seg], local, &d);
	if (rc == NS_OK)
		rc = ns_doc_text(&d, text, &n);
	pthread_mutex_unlock(&r->h->mu);
	if (rc != NS_OK)
		return ns_lib_fail(r->h, rc);
	if (len)
		*len = n;
	return NS_OK;
}
