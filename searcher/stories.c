/* SPDX-License-Identifier: MIT */
/* stories.c -- the story map of an open index (stories.h). */
#include "stories.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "story_sig.h"

int ns_stories_open(const struct ns_index *idx, struct ns_stories **out, char *msg,
		    size_t msglen)
{
	struct ns_stories *st = calloc(1, sizeof(*st));
	char name[48], why[256] = "";
	int rc;

	*out = NULL;
	if (!st)
		return NS_ERR_NOMEM;
	ns_story_file_name(name, idx->m.generation);
	rc = ns_story_map_read(idx->dir, idx->m.generation, &st->map);
	if (rc == NS_OK && st->map.n_docs != idx->n_docids) {
		snprintf(why, sizeof(why), ": %u documents, the index has %llu", st->map.n_docs,
			 (unsigned long long)idx->n_docids);
		rc = NS_CORRUPT();
	}
	if (rc == NS_OK)
		rc = ns_story_map_validate(&st->map, why, sizeof(why));
	if (rc != NS_OK) {
		if (why[0] && why[0] != ':') {
			memmove(why + 2, why, strlen(why) + 1 < sizeof(why) - 2 ? strlen(why) + 1
									       : sizeof(why) - 2);
			why[0] = ':';
			why[1] = ' ';
			why[sizeof(why) - 1] = 0;
		}
		ns_msgf(msg, msglen, "%s/%s: %s%s", idx->dir, name,
			rc == NS_ERR_NOTFOUND ? "missing" : ns_strerror(rc), why);
		ns_stories_close(st);
		return rc;
	}
	*out = st;
	return NS_OK;
}

void ns_stories_close(struct ns_stories *st)
{
	if (!st)
		return;
	ns_story_map_release(&st->map);
	free(st->first);
	free(st->member);
	free(st);
}

void ns_stories_id_str(uint64_t id, char *out)
{
	snprintf(out, 17, "%016llx", (unsigned long long)id);
}

int ns_stories_id_parse(const char *s, uint64_t *id)
{
	uint64_t v = 0;

	if (strlen(s) != 16)
		return -1;
	for (int i = 0; i < 16; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*id = v;
	return 0;
}

uint32_t ns_stories_find(const struct ns_stories *st, uint64_t id)
{
	uint32_t lo = 0, hi = st->map.n_stories;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (st->map.stories[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < st->map.n_stories && st->map.stories[lo].id == id ? lo : NS_STORY_NONE;
}

/* Groups the live documents by story (a counting sort), once. */
static int make_members(struct ns_stories *st)
{
	uint32_t ns = st->map.n_stories, total = 0;

	st->first = calloc((size_t)ns + 1, sizeof(*st->first));
	st->member = malloc(((size_t)st->map.n_docs + 1) * sizeof(*st->member));
	if (!st->first || !st->member) {
		free(st->first);
		free(st->member);
		st->first = st->member = NULL;
		return NS_ERR_NOMEM;
	}
	for (uint32_t d = 0; d < st->map.n_docs; d++)
		if (st->map.docs[d].story != NS_STORY_NONE)
			st->first[st->map.docs[d].story + 1]++;
	for (uint32_t s = 0; s < ns; s++) {
		total += st->first[s + 1];
		st->first[s + 1] = total;
	}
	/* first[s] is now where story s starts; fill, then shift back */
	for (uint32_t d = 0; d < st->map.n_docs; d++) {
		uint32_t s = st->map.docs[d].story;
		if (s != NS_STORY_NONE)
			st->member[st->first[s]++] = d;
	}
	for (uint32_t s = ns; s > 0; s--)
		st->first[s] = st->first[s - 1];
	st->first[0] = 0;
	return NS_OK;
}

int ns_stories_members(struct ns_stories *st, uint32_t s, const uint32_t **docids, size_t *n)
{
	if (!st->first && make_members(st) != NS_OK)
		return NS_ERR_NOMEM;
	*docids = st->member + st->first[s];
	*n = st->map.stories[s].n_live;
	return NS_OK;
}

int ns_stories_are_copies(const struct ns_stories *st, uint64_t a, uint64_t b)
{
	const struct ns_story_doc *x = &st->map.docs[a], *y = &st->map.docs[b];

	return x->exact == y->exact || ns_story_hamming(x->near, y->near) <= NS_STORY_NEAR_BITS;
}
