/* SPDX-License-Identifier: MIT */
/* t_ordered.c -- numbered pieces produced by two threads, consumed in order
 * (ordered.c): every piece is consumed once, in order; both threads produce
 * when producing is the slow side; no more than n_chunks pieces are in
 * flight; errors end the run in work order. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "ordered.h"
#include "unit.h"

#define N_CHUNKS 4
#define MAX_PIECES 1000

struct piece {
	uint64_t i;
	int by_helper;
};

/* What both sides see, under mu. */
struct shared {
	pthread_mutex_t mu;
	uint64_t consumed;	/* pieces consumed so far */
	int bad_flight;		/* a piece started n_chunks ahead or more */
	uint64_t fail_produce;	/* fail when producing it (UINT64_MAX: never) */
	uint64_t fail_consume;
	int slow_produce;	/* microseconds per piece */
	int slow_consume;
	uint64_t got[MAX_PIECES];
	size_t n_got;
	int n_by_helper, n_by_consumer;
};

struct producer {
	struct shared *sh;
	int helper;
};

static int produce(void *ctx, void *chunk, uint64_t i)
{
	struct producer *p = ctx;
	struct shared *sh = p->sh;
	struct piece *c = chunk;

	pthread_mutex_lock(&sh->mu);
	if (i >= sh->consumed + N_CHUNKS)
		sh->bad_flight = 1;
	pthread_mutex_unlock(&sh->mu);
	if (sh->slow_produce)
		usleep((useconds_t)sh->slow_produce);
	c->i = i;
	c->by_helper = p->helper;
	return i == sh->fail_produce ? NS_ERR_IO : NS_OK;
}

static int consume(void *ctx, void *chunk)
{
	struct shared *sh = ctx;
	struct piece *c = chunk;

	if (sh->slow_consume)
		usleep((useconds_t)sh->slow_consume);
	pthread_mutex_lock(&sh->mu);
	sh->got[sh->n_got++] = c->i;
	if (c->by_helper)
		sh->n_by_helper++;
	else
		sh->n_by_consumer++;
	sh->consumed++;
	pthread_mutex_unlock(&sh->mu);
	return c->i == sh->fail_consume ? NS_ERR_CORRUPT : NS_OK;
}

/* Runs n pieces; *sh says what happened. */
static int run(uint64_t n, uint64_t fail_produce, uint64_t fail_consume,
	       int slow_produce, int slow_consume, struct shared *sh)
{
	struct piece c[N_CHUNKS];
	void *chunks[N_CHUNKS];
	struct producer helper = { sh, 1 }, own = { sh, 0 };
	struct ns_ordered o;

	memset(sh, 0, sizeof(*sh));
	pthread_mutex_init(&sh->mu, NULL);
	sh->fail_produce = fail_produce;
	sh->fail_consume = fail_consume;
	sh->slow_produce = slow_produce;
	sh->slow_consume = slow_consume;
	for (int k = 0; k < N_CHUNKS; k++)
		chunks[k] = &c[k];
	memset(&o, 0, sizeof(o));
	o.chunks = chunks;
	o.n_chunks = N_CHUNKS;
	o.n_pieces = n;
	o.produce = produce;
	o.helper_ctx = &helper;
	o.own_ctx = &own;
	o.consume = consume;
	o.consume_ctx = sh;
	return ns_ordered_run(&o);
}

static int in_order(const struct shared *sh, size_t n)
{
	if (sh->n_got != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (sh->got[i] != i)
			return 0;
	return 1;
}

NS_SUITE(ordered)
{
	struct shared sh;
	const uint64_t never = UINT64_MAX;

	/* everything, in order, never too far ahead; none; one */
	CHECK_INT_EQ(run(500, never, never, 0, 0, &sh), NS_OK);
	CHECK(in_order(&sh, 500));
	CHECK_INT_EQ(sh.bad_flight, 0);
	CHECK_INT_EQ(run(0, never, never, 0, 0, &sh), NS_OK);
	CHECK(in_order(&sh, 0));
	CHECK_INT_EQ(run(1, never, never, 0, 0, &sh), NS_OK);
	CHECK(in_order(&sh, 1));
	/* producing is the slow side: the consumer's thread produces
	 * too, and the helper does its share */
	CHECK_INT_EQ(run(200, never, never, 300, 0, &sh), NS_OK);
	CHECK(in_order(&sh, 200));
	CHECK(sh.n_by_consumer > 0);
	CHECK(sh.n_by_helper > 0);
	CHECK_INT_EQ(sh.bad_flight, 0);
	/* a slow consumer: the helper produces ahead, at most
	 * N_CHUNKS pieces */
	CHECK_INT_EQ(run(100, never, never, 0, 300, &sh), NS_OK);
	CHECK(in_order(&sh, 100));
	CHECK(sh.n_by_helper > 0);
	CHECK_INT_EQ(sh.bad_flight, 0);
	/* a producer's error: the pieces up to it are consumed */
	CHECK_INT_EQ(run(500, 83, never, 0, 0, &sh), NS_ERR_IO);
	CHECK(in_order(&sh, 84));
	CHECK_INT_EQ(run(500, 83, never, 200, 0, &sh), NS_ERR_IO);
	CHECK(in_order(&sh, 84));
	/* a consumer's error stops the run at its piece */
	CHECK_INT_EQ(run(500, never, 100, 0, 0, &sh), NS_ERR_CORRUPT);
	CHECK(in_order(&sh, 101));
}
