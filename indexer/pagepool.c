/* SPDX-License-Identifier: MIT */
/* pagepool.c -- web pages parsed on worker threads (see pagepool.h).
 *
 * The slots form a ring: `head` is the oldest job in flight, the next
 * `n_flight` slots after it are in flight, the rest free.  Workers take
 * the first queued job from the head on; the caller takes jobs back from
 * the head only, so the order out is the order in.  libxml2 parses
 * separate documents on separate threads safely once xmlInitParser() has
 * run (here, before the first worker starts); its error handlers are per
 * thread, and html.c silences them on each call.
 */
#include "pagepool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "error.h"
#include "fileio.h"

#define MAX_WORKERS 4

enum { SLOT_FREE, SLOT_QUEUED, SLOT_BUSY, SLOT_DONE };

struct ns_pagepool {
	struct ns_pagejob job[NS_PAGEPOOL_SLOTS];
	int state[NS_PAGEPOOL_SLOTS];
	size_t n_slots;		/* slots used: the budget's (ns_pagepool_slots_for) */
	size_t head, n_flight;
	pthread_t thread[MAX_WORKERS];
	int n_threads;
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t work;	/* a job was queued, or stop */
	pthread_cond_t done;	/* a job is done */
};

static int workers_wanted(void)
{
	const char *env = getenv("NS_PAGE_WORKERS");
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (env && *env)
		n = strtol(env, NULL, 10);
	if (n < 2 || ns_fileio_faults_armed() || ns_fileio_read_faults_armed())
		return 0;
	return n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}

static void parse(struct ns_pagejob *j)
{
	if (j->load && !j->load(j)) {
		j->parse = 0;
		return;
	}
	j->rc = ns_html_read(&j->page, j->data.data ? (const char *)j->data.data : "", j->data.len,
			     j->encoding.len ? ns_buf_cstr(&j->encoding) : NULL,
			     j->url.len ? ns_buf_cstr(&j->url) : NULL);
}

static void *worker(void *arg)
{
	struct ns_pagepool *pp = arg;

	pthread_mutex_lock(&pp->mu);
	for (;;) {
		size_t k, i = NS_PAGEPOOL_SLOTS;
		for (k = 0; k < pp->n_flight; k++) {
			size_t s = (pp->head + k) % pp->n_slots;
			if (pp->state[s] == SLOT_QUEUED) {
				i = s;
				break;
			}
		}
		if (i == NS_PAGEPOOL_SLOTS) {
			if (pp->stop)
				break;
			pthread_cond_wait(&pp->work, &pp->mu);
			continue;
		}
		pp->state[i] = SLOT_BUSY;
		pthread_mutex_unlock(&pp->mu);
		parse(&pp->job[i]);
		pthread_mutex_lock(&pp->mu);
		pp->state[i] = SLOT_DONE;
		pthread_cond_broadcast(&pp->done);
	}
	pthread_mutex_unlock(&pp->mu);
	return NULL;
}

static void release_jobs(struct ns_pagepool *pp)
{
	for (size_t i = 0; i < NS_PAGEPOOL_SLOTS; i++) {
		struct ns_pagejob *j = &pp->job[i];
		ns_buf_release(&j->data);
		ns_buf_release(&j->encoding);
		ns_buf_release(&j->url);
		ns_buf_release(&j->date);
		ns_buf_release(&j->what);
		ns_page_release(&j->page);
	}
}

size_t ns_pagepool_slots_for(uint64_t mem_bytes)
{
	uint64_t n = mem_bytes / NS_PAGEPOOL_JOB_BYTES;

	if (n < NS_PAGEPOOL_MIN_SLOTS)
		return 0;
	return n > NS_PAGEPOOL_SLOTS ? NS_PAGEPOOL_SLOTS : (size_t)n;
}

uint64_t ns_pagepool_bytes(uint64_t mem_bytes)
{
	return (uint64_t)ns_pagepool_slots_for(mem_bytes) * NS_PAGEPOOL_JOB_BYTES;
}

int ns_pagepool_new(uint64_t mem_bytes, struct ns_pagepool **out)
{
	int n = workers_wanted();
	size_t slots = ns_pagepool_slots_for(mem_bytes);
	struct ns_pagepool *pp;

	*out = NULL;
	if (n == 0 || slots == 0)
		return NS_OK;
	if ((size_t)n > slots)
		n = (int)slots;	/* a worker with no job to take waits for nothing */
	pp = calloc(1, sizeof(*pp));
	if (!pp)
		return NS_ERR_NOMEM;
	pp->n_slots = slots;
	for (size_t i = 0; i < NS_PAGEPOOL_SLOTS; i++)
		ns_page_init(&pp->job[i].page);
	if (pthread_mutex_init(&pp->mu, NULL) != 0)
		goto no_threads;
	if (pthread_cond_init(&pp->work, NULL) != 0)
		goto no_work;
	if (pthread_cond_init(&pp->done, NULL) != 0)
		goto no_done;
	xmlInitParser();	/* not thread-safe itself: once, here */
	while (pp->n_threads < n &&
	       pthread_create(&pp->thread[pp->n_threads], NULL, worker, pp) == 0)
		pp->n_threads++;
	if (pp->n_threads > 0) {
		*out = pp;
		return NS_OK;
	}
	pthread_cond_destroy(&pp->done);
no_done:
	pthread_cond_destroy(&pp->work);
no_work:
	pthread_mutex_destroy(&pp->mu);
no_threads:
	release_jobs(pp);
	free(pp);
	return NS_OK;	/* no threads: the caller parses */
}

void ns_pagepool_free(struct ns_pagepool *pp)
{
	if (!pp)
		return;
	pthread_mutex_lock(&pp->mu);
	pp->stop = 1;
	pthread_cond_broadcast(&pp->work);
	pthread_mutex_unlock(&pp->mu);
	for (int i = 0; i < pp->n_threads; i++)
		pthread_join(pp->thread[i], NULL);
	pthread_cond_destroy(&pp->done);
	pthread_cond_destroy(&pp->work);
	pthread_mutex_destroy(&pp->mu);
	release_jobs(pp);
	free(pp);
}

struct ns_pagejob *ns_pagepool_free_job(struct ns_pagepool *pp)
{
	struct ns_pagejob *j;

	/* only the caller changes n_flight and head: no lock to read them */
	if (pp->n_flight == pp->n_slots)
		return NULL;
	j = &pp->job[(pp->head + pp->n_flight) % pp->n_slots];
	ns_buf_reset(&j->data);
	ns_buf_reset(&j->encoding);
	ns_buf_reset(&j->url);
	ns_buf_reset(&j->date);
	ns_buf_reset(&j->what);
	j->parse = 0;
	j->off = 0;
	j->load = NULL;
	j->rc = NS_OK;
	return j;
}

size_t ns_pagepool_slots(const struct ns_pagepool *pp)
{
	return pp->n_slots;
}

struct ns_pagejob *ns_pagepool_slot(struct ns_pagepool *pp, size_t i)
{
	return &pp->job[i];
}

void ns_pagepool_submit(struct ns_pagepool *pp, struct ns_pagejob *job)
{
	size_t i = (size_t)(job - pp->job);

	pthread_mutex_lock(&pp->mu);
	pp->state[i] = job->parse ? SLOT_QUEUED : SLOT_DONE;
	pp->n_flight++;
	if (job->parse)
		pthread_cond_signal(&pp->work);
	pthread_mutex_unlock(&pp->mu);
}

size_t ns_pagepool_in_flight(const struct ns_pagepool *pp)
{
	return pp->n_flight;
}

size_t ns_pagepool_oldest_slot(const struct ns_pagepool *pp)
{
	return pp->head;
}

struct ns_pagejob *ns_pagepool_oldest(struct ns_pagepool *pp, int wait)
{
	struct ns_pagejob *j = NULL;

	if (pp->n_flight == 0)
		return NULL;
	pthread_mutex_lock(&pp->mu);
	while (wait && pp->state[pp->head] != SLOT_DONE)
		pthread_cond_wait(&pp->done, &pp->mu);
	if (pp->state[pp->head] == SLOT_DONE)
		j = &pp->job[pp->head];
	pthread_mutex_unlock(&pp->mu);
	return j;
}

void ns_pagepool_done(struct ns_pagepool *pp)
{
	struct ns_pagejob *j = &pp->job[pp->head];

	/* a big page's memory is not kept for the rest of the run */
	if (j->data.cap > NS_PAGEPOOL_MAX_PAGE + 4096)
		ns_buf_release(&j->data);
	if (j->page.body.cap > NS_PAGEPOOL_MAX_PAGE) {
		ns_page_release(&j->page);
		ns_page_init(&j->page);
	}
	pthread_mutex_lock(&pp->mu);
	pp->state[pp->head] = SLOT_FREE;
	pp->head = (pp->head + 1) % pp->n_slots;
	pp->n_flight--;
	pthread_mutex_unlock(&pp->mu);
}
