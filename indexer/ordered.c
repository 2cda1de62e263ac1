/* SPDX-License-Identifier: MIT */
/* ordered.c -- numbered pieces produced by two threads, consumed in order
 * (see ordered.h). */
#include "ordered.h"

#include <pthread.h>
#include <stdlib.h>

#include "error.h"

enum { EMPTY, PRODUCING, FULL };

struct run {
	const struct ns_ordered *o;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned char *state;	/* per chunk: EMPTY, PRODUCING, FULL */
	int *rc;		/* per chunk: its produce's return */
	uint64_t next_claim;	/* the next piece nobody produces yet */
	uint64_t next_consume;	/* the next piece to consume */
	int failed;		/* a produce failed: claim no more */
	int stop;		/* the consumer is done */
};

/* Whether the next piece may be claimed now (under the lock). */
static int claimable(struct run *r)
{
	const struct ns_ordered *o = r->o;
	uint64_t i = r->next_claim;

	return !r->stop && !r->failed && i < o->n_pieces && i < r->next_consume + o->n_chunks;
}

/* Claims the next piece and produces it with ctx; returns with the lock
 * held again (the piece is then FULL). */
static void produce_next(struct run *r, void *ctx)
{
	const struct ns_ordered *o = r->o;
	uint64_t i = r->next_claim++;
	unsigned slot = (unsigned)(i % o->n_chunks);
	int rc;

	r->state[slot] = PRODUCING;
	pthread_mutex_unlock(&r->mu);
	rc = o->produce(ctx, o->chunks[slot], i);
	pthread_mutex_lock(&r->mu);
	r->rc[slot] = rc;
	r->state[slot] = FULL;
	if (rc != NS_OK)
		r->failed = 1;
	pthread_cond_broadcast(&r->cv);
}

static void *helper(void *arg)
{
	struct run *r = arg;
	const struct ns_ordered *o = r->o;

	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (!claimable(r) && !r->stop && !r->failed && r->next_claim < o->n_pieces)
			pthread_cond_wait(&r->cv, &r->mu);
		if (!claimable(r))
			break;
		produce_next(r, o->helper_ctx);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Every piece on this thread, in turn. */
static int run_inline(const struct ns_ordered *o)
{
	int rc = NS_OK;

	for (uint64_t i = 0; i < o->n_pieces && rc == NS_OK; i++) {
		void *chunk = o->chunks[i % o->n_chunks];
		int prc = o->produce(o->own_ctx, chunk, i);
		rc = o->consume(o->consume_ctx, chunk);
		if (rc == NS_OK)
			rc = prc;
	}
	return rc;
}

int ns_ordered_run(const struct ns_ordered *o)
{
	struct run r = { o, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL,
			 0, 0, 0, 0 };
	pthread_t thread;
	int rc = NS_OK;

	if (o->n_chunks < 2)
		return NS_ERR_USAGE;
	r.state = calloc(o->n_chunks, 1);
	r.rc = calloc(o->n_chunks, sizeof(*r.rc));
	if (!r.state || !r.rc || pthread_create(&thread, NULL, helper, &r) != 0) {
		free(r.state);
		free(r.rc);
		return run_inline(o);
	}
	pthread_mutex_lock(&r.mu);
	while (r.next_consume < o->n_pieces) {
		unsigned slot = (unsigned)(r.next_consume % o->n_chunks);
		if (r.state[slot] == FULL) {
			int prc = r.rc[slot];
			pthread_mutex_unlock(&r.mu);
			rc = o->consume(o->consume_ctx, o->chunks[slot]);
			if (rc == NS_OK)
				rc = prc;
			pthread_mutex_lock(&r.mu);
			r.state[slot] = EMPTY;
			r.next_consume++;
			pthread_cond_broadcast(&r.cv);
			if (rc != NS_OK)
				break;
		} else if (claimable(&r)) {
			/* not ready: produce a later piece rather than wait */
			produce_next(&r, o->own_ctx);
		} else {
			pthread_cond_wait(&r.cv, &r.mu);
		}
	}
	r.stop = 1;
	pthread_cond_broadcast(&r.cv);
	pthread_mutex_unlock(&r.mu);
	pthread_join(thread, NULL);
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.mu);
	free(r.state);
	free(r.rc);
	return rc;
}
