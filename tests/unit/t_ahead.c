/* SPDX-License-Identifier: MIT */
/* t_ahead.c -- a producer a chunk ahead of its consumer (ahead.c): the
 * consumer sees the chunks in the order they were filled, the producer runs
 * on another thread when asked and really runs ahead, and errors end the
 * run in work order (a producer's after its chunk is consumed). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ahead.h"
#include "error.h"
#include "unit.h"

#define N_CHUNK 8	/* values per chunk */

struct piece {
	int values[N_CHUNK];
	int n;
};

struct producer {
	int next, total;	/* the next value, how many */
	int fail_at;		/* fail when filling the chunk with this value
				 * (-1: never), after filling part of it */
	pthread_t thread;	/* the thread it last ran on */
	int max_ahead;		/* how far it got past the consumer */
	const int *consumed;	/* the consumer's count */
	pthread_mutex_t *mu;
};

struct consumer {
	int got[1000];
	int n;
	int fail_at;		/* fail on a chunk holding this value (-1: never) */
	int slow;		/* sleep a millisecond per chunk */
	pthread_mutex_t *mu;
};

static int produce(void *ctx, void *chunk, int *last)
{
	struct producer *p = ctx;
	struct piece *c = chunk;
	int ahead;

	p->thread = pthread_self();
	c->n = 0;
	while (c->n < N_CHUNK && p->next < p->total) {
		if (p->next == p->fail_at && c->n > 0) {
			*last = 1;
			return NS_ERR_IO;
		}
		c->values[c->n++] = p->next++;
	}
	pthread_mutex_lock(p->mu);
	ahead = p->next - *p->consumed;
	pthread_mutex_unlock(p->mu);
	if (ahead > p->max_ahead)
		p->max_ahead = ahead;
	*last = p->next == p->total;
	return NS_OK;
}

static int consume(void *ctx, void *chunk)
{
	struct consumer *k = ctx;
	struct piece *c = chunk;
	int fail = 0;

	if (k->slow)
		usleep(1000);
	for (int i = 0; i < c->n; i++) {
		fail |= c->values[i] == k->fail_at;
		pthread_mutex_lock(k->mu);
		k->got[k->n++] = c->values[i];
		pthread_mutex_unlock(k->mu);
	}
	return fail ? NS_ERR_CORRUPT : NS_OK;
}

/* Runs total values through; *p and *k say what happened. */
static int run(int total, int produce_fail, int consume_fail, int threaded,
	       struct producer *p, struct consumer *k, int slow)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	struct piece c[2];
	void *chunks[2] = { &c[0], &c[1] };

	memset(p, 0, sizeof(*p));
	memset(k, 0, sizeof(*k));
	p->total = total;
	p->fail_at = produce_fail;
	p->consumed = &k->n;
	p->mu = k->mu = &mu;
	k->fail_at = consume_fail;
	k->slow = slow;
	return ns_ahead_run(chunks, produce, p, consume, k, threaded);
}

static int in_order(const struct consumer *k, int n)
{
	if (k->n != n)
		return 0;
	for (int i = 0; i < n; i++)
		if (k->got[i] != i)
			return 0;
	return 1;
}

NS_SUITE(ahead)
{
	struct producer p;
	struct consumer k;

	for (int threaded = 0; threaded < 2; threaded++) {
		/* everything, in order; one chunk; a last chunk not full */
		CHECK_INT_EQ(run(800, -1, -1, threaded, &p, &k, 0), NS_OK);
		CHECK(in_order(&k, 800));
		CHECK(pthread_equal(p.thread, pthread_self()) == !threaded);
		CHECK_INT_EQ(run(5, -1, -1, threaded, &p, &k, 0), NS_OK);
		CHECK(in_order(&k, 5));
		CHECK_INT_EQ(run(N_CHUNK * 3 + 1, -1, -1, threaded, &p, &k, 0), NS_OK);
		CHECK(in_order(&k, N_CHUNK * 3 + 1));
		/* a producer's error: the values before it are consumed first */
		CHECK_INT_EQ(run(800, 83, -1, threaded, &p, &k, 0), NS_ERR_IO);
		CHECK(in_order(&k, 83));
		/* a consumer's error stops the run at its chunk; the producer
		 * may have filled one more, never two */
		CHECK_INT_EQ(run(800, -1, 100, threaded, &p, &k, 0), NS_ERR_CORRUPT);
		CHECK(in_order(&k, 104));
		CHECK(p.next <= 104 + N_CHUNK);
	}
	/* on this thread the producer is never more than the chunk it just
	 * filled ahead; threaded, it fills the next one while a slow consumer
	 * takes the first (and never a third) */
	CHECK_INT_EQ(run(800, -1, -1, 0, &p, &k, 1), NS_OK);
	CHECK_INT_EQ(p.max_ahead, N_CHUNK);
	CHECK_INT_EQ(run(800, -1, -1, 1, &p, &k, 1), NS_OK);
	CHECK(in_order(&k, 800));
	CHECK(p.max_ahead > N_CHUNK);
	CHECK(p.max_ahead <= 2 * N_CHUNK);
}
