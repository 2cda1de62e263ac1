/* SPDX-License-Identifier: MIT */
/* fanout.c -- the segments of several indexes searched in threads
 * (fanout.h). */
#include "fanout.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "index.h"

/* One thread's share: segments first..end-1 with its own copy of the
 * match (the plan and the index are shared, read only; each segment is
 * read by one thread alone, so its lazily checked CRC spans are too). */
struct part {
	struct ns_match m;	/* shallow copy with its own scratch */
	const struct ns_run_shape *sh;
	struct ns_topk top;
	int has_top;
	uint32_t first, end;
	uint64_t count;
	int rc;
	pthread_t thread;
	int started;
};

/* The number of threads for this query: 0 or 1 means one. */
static uint32_t threads_for(const struct ns_match *m, const struct ns_topk *top)
{
	const char *env = getenv("NSEARCH_THREADS");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t postings = 0;
	uint32_t n;

	/* A visit callback (timeline, facet, --new marks) is called in
	 * segment order on the caller's thread.  A grouped top k (rank.h)
	 * too: a part's plain top k would prune by its k-th best hit, not
	 * the k-th best group, and lose groups before the merge. */
	if (m->idx->m.n_segs < 2 || m->visit || (top && top->group))
		return 1;
	if (env && *env) {
		long v = strtol(env, NULL, 10);
		if (v <= 1)
			return 1;
		n = v > NS_FANOUT_MAX_THREADS ? NS_FANOUT_MAX_THREADS : (uint32_t)v;
	} else {
		if (m->idx->n_pieces < 2)
			return 1;
		for (size_t i = 0; i < m->n_terms; i++)
			postings += m->terms[i].df;
		if (postings < NS_FANOUT_MIN_POSTINGS)
			return 1;
		n = cpus > NS_FANOUT_MAX_THREADS ? NS_FANOUT_MAX_THREADS
						 : (cpus < 1 ? 1 : (uint32_t)cpus);
	}
	return n > m->idx->m.n_segs ? m->idx->m.n_segs : n;
}

static void *run_part(void *arg)
{
	struct part *p = arg;

	p->rc = ns_match_run_segments(&p->m, p->sh, p->has_top ? &p->top : NULL, p->first,
				      p->end, &p->count);
	return NULL;
}

/* Cuts the segments into n runs of about equal document counts. */
static void cut(const struct ns_index *idx, struct part *parts, uint32_t n)
{
	uint32_t s = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint64_t goal = idx->n_docids * (i + 1) / n;
		parts[i].first = s;
		/* at least one segment each, and leave one for every later run */
		do
			s++;
		while (s < idx->m.n_segs - (n - 1 - i) && idx->base[s] + idx->m.segs[s].n_docs <= goal);
		parts[i].end = i + 1 == n ? idx->m.n_segs : s;
	}
}

static int part_init(struct part *p, const struct ns_match *m, const struct ns_run_shape *sh,
		     const struct ns_topk *top)
{
	p->m = *m;
	p->sh = sh;
	memset(&p->m.st, 0, sizeof(p->m.st));
	p->m.occ = NULL;
	p->m.occ_cap = 0;
	p->m.prox_acc = calloc(m->n_prox + 1, sizeof(*p->m.prox_acc));
	p->m.prox_seen = calloc(m->n_prox + 1, 1);
	if (!p->m.prox_acc || !p->m.prox_seen)
		return NS_ERR_NOMEM;
	if (top) {
		if (ns_topk_init(&p->top, top->k) != NS_OK)
			return NS_ERR_NOMEM;
		p->has_top = 1;
	}
	return NS_OK;
}

static void part_release(struct part *p)
{
	free(p->m.prox_acc);
	free(p->m.prox_seen);
	free(p->m.occ);
	if (p->has_top)
		ns_topk_release(&p->top);
}

static void add_stats(struct ns_match_stats *to, const struct ns_match_stats *from)
{
	to->n_candidates += from->n_candidates;
	to->n_position_checks += from->n_position_checks;
	to->n_matches += from->n_matches;
	to->n_lists += from->n_lists;
	to->n_list_bytes += from->n_list_bytes;
	to->n_blocks += from->n_blocks;
	to->n_postings += from->n_postings;
	to->n_date_checks += from->n_date_checks;
	to->n_proximity += from->n_proximity;
}

int ns_fanout_run(struct ns_match *m, const struct ns_run_shape *sh, struct ns_topk *top,
		  uint64_t *count, int *fanned)
{
	uint32_t n = threads_for(m, top);
	struct part *parts;
	int rc = NS_OK;

	*fanned = 0;
	if (n < 2)
		return NS_OK;
	parts = calloc(n, sizeof(*parts));
	if (!parts)
		return NS_OK;	/* one thread needs no more memory */
	cut(m->idx, parts, n);
	for (uint32_t i = 0; i < n && rc == NS_OK; i++)
		rc = part_init(&parts[i], m, sh, top);
	/* parts[0] runs on this thread while the others run on theirs */
	for (uint32_t i = 1; i < n && rc == NS_OK; i++) {
		parts[i].started = pthread_create(&parts[i].thread, NULL, run_part, &parts[i]) == 0;
		if (!parts[i].started)
			run_part(&parts[i]);	/* no thread: same result, later */
	}
	if (rc == NS_OK)
		run_part(&parts[0]);
	for (uint32_t i = 1; i < n; i++)
		if (parts[i].started)
			pthread_join(parts[i].thread, NULL);
	for (uint32_t i = 0; i < n && rc == NS_OK; i++) {
		rc = parts[i].rc;
		*count += parts[i].count;
		add_stats(&m->st, &parts[i].m.st);
		for (size_t h = 0; top && h < parts[i].top.n; h++) {
			const struct ns_hit *hit = &parts[i].top.heap[h];
			ns_topk_push_key(top, hit->key, hit->score, hit->docid);
		}
	}
	for (uint32_t i = 0; i < n; i++)
		part_release(&parts[i]);
	free(parts);
	*fanned = 1;
	return rc;
}
