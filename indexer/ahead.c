/* SPDX-License-Identifier: MIT */
/* ahead.c -- a producer a chunk ahead of its consumer (see ahead.h). */
#include "ahead.h"

#include <pthread.h>

#include "error.h"

struct ahead {
	void **chunks;
	ns_ahead_produce produce;
	void *produce_ctx;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int full[2];		/* filled, not consumed yet */
	int rc[2], last[2];	/* the fill's return and end mark */
	int stop;		/* the consumer stopped: fill no more */
};

/* On this thread: fill, consume, in turn. */
static int run_inline(void *chunks[2], ns_ahead_produce produce, void *produce_ctx,
		      ns_ahead_consume consume, void *consume_ctx)
{
	int last = 0, rc = NS_OK;

	for (int i = 0; rc == NS_OK && !last; i ^= 1) {
		int prc = produce(produce_ctx, chunks[i], &last);
		rc = consume(consume_ctx, chunks[i]);
		if (rc == NS_OK && prc != NS_OK)
			rc = prc;
		if (prc != NS_OK)
			last = 1;
	}
	return rc;
}

static void *producer(void *arg)
{
	struct ahead *ah = arg;

	for (int i = 0;; i ^= 1) {
		int last = 0, rc;
		pthread_mutex_lock(&ah->mu);
		while (ah->full[i] && !ah->stop)
			pthread_cond_wait(&ah->cv, &ah->mu);
		if (ah->stop) {
			pthread_mutex_unlock(&ah->mu);
			return NULL;
		}
		pthread_mutex_unlock(&ah->mu);
		rc = ah->produce(ah->produce_ctx, ah->chunks[i], &last);
		pthread_mutex_lock(&ah->mu);
		ah->rc[i] = rc;
		ah->last[i] = last || rc != NS_OK;
		ah->full[i] = 1;
		pthread_cond_broadcast(&ah->cv);
		pthread_mutex_unlock(&ah->mu);
		if (last || rc != NS_OK)
			return NULL;
	}
}

int ns_ahead_run(void *chunks[2], ns_ahead_produce produce, void *produce_ctx,
		 ns_ahead_consume consume, void *consume_ctx, int threaded)
{
	struct ahead ah = { chunks, produce, produce_ctx, PTHREAD_MUTEX_INITIALIZER,
			    PTHREAD_COND_INITIALIZER, { 0, 0 }, { 0, 0 }, { 0, 0 }, 0 };
	pthread_t thread;
	int rc = NS_OK, last = 0;

	if (!threaded || pthread_create(&thread, NULL, producer, &ah) != 0)
		return run_inline(chunks, produce, produce_ctx, consume, consume_ctx);
	for (int i = 0; rc == NS_OK && !last; i ^= 1) {
		int prc;
		pthread_mutex_lock(&ah.mu);
		while (!ah.full[i])
			pthread_cond_wait(&ah.cv, &ah.mu);
		prc = ah.rc[i];
		last = ah.last[i];
		pthread_mutex_unlock(&ah.mu);
		rc = consume(consume_ctx, chunks[i]);
		if (rc == NS_OK)
			rc = prc;
		/* a consumer's error stops the producer before another chunk */
		pthread_mutex_lock(&ah.mu);
		ah.full[i] = 0;
		ah.stop = rc != NS_OK || last;
		pthread_cond_broadcast(&ah.cv);
		pthread_mutex_unlock(&ah.mu);
	}
	pthread_join(thread, NULL);
	pthread_cond_destroy(&ah.cv);
	pthread_mutex_destroy(&ah.mu);
	return rc;
}
