/* SPDX-License-Identifier: MIT */
/* postpipe.c -- merged postings replayed into the segment writer on a
 * second thread (see postpipe.h).
 *
 * A batch is an array of 32-bit words holding the recorded calls:
 *
 *   begin := OP_BEGIN | term_len << 8, the term's bytes in words (padded)
 *   doc   := OP_DOC, docid, tf, tf positions
 *   end   := OP_END
 *
 * Two batches, as in lane.c: the merging thread fills one while the writer
 * replays the other, and waits only when it fills a batch before the
 * writer is done with the one before.
 */
#include "postpipe.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"

/* Words a batch holds before it is handed over (a record may end past
 * it): 1 MB, big enough that the hand-over costs nothing, small enough
 * to stay in cache. */
#define BATCH_WORDS (1u << 18)

enum { OP_BEGIN = 1, OP_DOC = 2, OP_END = 3 };

struct batch {
	uint32_t *w;
	size_t len, cap;	/* in words */
};

struct ns_postpipe {
	struct ns_segw *segw;	/* the writer thread's until finish */
	struct batch batch[2];
	int fill;		/* the batch the merging thread fills */
	int nomem;		/* recording failed (merging thread) */

	pthread_t thread;
	int running;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int pending[2];		/* handed over, not replayed yet */
	int next;		/* the batch the writer replays next */
	int stop;		/* no more batches */
	int drop;		/* replay nothing more (ns_postpipe_free) */
	int err;		/* the writer's first error */
};

/* Replays batch b into the segment writer; the first error. */
static int replay(struct ns_segw *w, const struct batch *b)
{
	const uint32_t *p = b->w, *end = b->w + b->len;
	int rc = NS_OK;

	while (p < end && rc == NS_OK) {
		uint32_t op = *p & 0xff;
		if (op == OP_BEGIN) {
			size_t len = *p >> 8;
			rc = ns_segw_term_begin(w, (const char *)(p + 1), len);
			p += 1 + (len + 3) / 4;
		} else if (op == OP_DOC) {
			rc = ns_segw_term_doc(w, p[1], p + 3, p[2]);
			p += 3 + p[2];
		} else {
			rc = ns_segw_term_end(w);
			p++;
		}
	}
	return rc;
}

static void *writer(void *arg)
{
	struct ns_postpipe *pp = arg;

	pthread_mutex_lock(&pp->mu);
	for (;;) {
		int j = pp->next, drop, rc;
		while (!pp->pending[j] && !pp->stop)
			pthread_cond_wait(&pp->cv, &pp->mu);
		if (!pp->pending[j])
			break;
		drop = pp->drop || pp->err != NS_OK;
		pthread_mutex_unlock(&pp->mu);
		/* the batch is this thread's until pending[j] is cleared */
		rc = drop ? NS_OK : replay(pp->segw, &pp->batch[j]);
		pthread_mutex_lock(&pp->mu);
		if (rc != NS_OK && pp->err == NS_OK)
			pp->err = rc;
		pp->pending[j] = 0;
		pp->next = j ^ 1;
		pthread_cond_broadcast(&pp->cv);
	}
	pthread_mutex_unlock(&pp->mu);
	return NULL;
}

int ns_postpipe_new(struct ns_segw *w, struct ns_postpipe **out)
{
	struct ns_postpipe *pp = calloc(1, sizeof(*pp));

	*out = NULL;
	if (!pp)
		return NS_ERR_NOMEM;
	pp->segw = w;
	for (int i = 0; i < 2; i++) {
		pp->batch[i].cap = BATCH_WORDS + 1024;
		pp->batch[i].w = malloc(pp->batch[i].cap * sizeof(uint32_t));
		if (!pp->batch[i].w) {
			ns_postpipe_free(pp);
			return NS_ERR_NOMEM;
		}
	}
	if (pthread_mutex_init(&pp->mu, NULL) != 0) {
		ns_postpipe_free(pp);
		return NS_ERR_IO;
	}
	if (pthread_cond_init(&pp->cv, NULL) != 0) {
		pthread_mutex_destroy(&pp->mu);
		ns_postpipe_free(pp);
		return NS_ERR_IO;
	}
	if (pthread_create(&pp->thread, NULL, writer, pp) != 0) {
		pthread_cond_destroy(&pp->cv);
		pthread_mutex_destroy(&pp->mu);
		ns_postpipe_free(pp);
		return NS_ERR_IO;
	}
	pp->running = 1;
	*out = pp;
	return NS_OK;
}

/* Hands the batch being filled to the writer and takes the other one once
 * the writer is done with it.  Returns the writer's first error. */
static int hand_over(struct ns_postpipe *pp)
{
	int c = pp->fill, err;

	pthread_mutex_lock(&pp->mu);
	pp->pending[c] = 1;
	pthread_cond_broadcast(&pp->cv);
	while (pp->pending[c ^ 1])
		pthread_cond_wait(&pp->cv, &pp->mu);
	err = pp->err;
	pthread_mutex_unlock(&pp->mu);
	pp->fill = c ^ 1;
	pp->batch[c ^ 1].len = 0;
	return err;
}

/* Room for n more words in the batch being filled. */
static uint32_t *room(struct ns_postpipe *pp, size_t n)
{
	struct batch *b = &pp->batch[pp->fill];

	if (pp->nomem)
		return NULL;
	if (b->len + n > b->cap) {
		size_t cap = b->cap;
		uint32_t *w;
		while (cap < b->len + n)
			cap *= 2;
		w = realloc(b->w, cap * sizeof(*w));
		if (!w) {
			pp->nomem = 1;
			return NULL;
		}
		b->w = w;
		b->cap = cap;
	}
	b->len += n;
	return b->w + b->len - n;
}

/* After a whole record: hands the batch over once it is full. */
static int recorded(struct ns_postpipe *pp)
{
	if (pp->batch[pp->fill].len < BATCH_WORDS)
		return NS_OK;
	return hand_over(pp);
}

int ns_postpipe_term_begin(struct ns_postpipe *pp, const char *term, size_t term_len)
{
	uint32_t *p;

	if (term_len == 0 || term_len > NS_FMT_MAX_TERM_LEN)
		return NS_ERR_USAGE;
	p = room(pp, 1 + (term_len + 3) / 4);
	if (!p)
		return NS_ERR_NOMEM;
	p[0] = OP_BEGIN | (uint32_t)term_len << 8;
	p[(term_len + 3) / 4] = 0;	/* the padding */
	memcpy(p + 1, term, term_len);
	return NS_OK;
}

int ns_postpipe_term_doc(struct ns_postpipe *pp, uint32_t docid, const uint32_t *pos, uint32_t tf)
{
	uint32_t *p = room(pp, 3 + (size_t)tf);

	if (!p)
		return NS_ERR_NOMEM;
	p[0] = OP_DOC;
	p[1] = docid;
	p[2] = tf;
	memcpy(p + 3, pos, (size_t)tf * sizeof(*pos));
	return recorded(pp);
}

int ns_postpipe_term_end(struct ns_postpipe *pp)
{
	uint32_t *p = room(pp, 1);

	if (!p)
		return NS_ERR_NOMEM;
	p[0] = OP_END;
	return recorded(pp);
}

/* Waits for the batches handed over and stops the thread. */
static void stop_thread(struct ns_postpipe *pp)
{
	pthread_mutex_lock(&pp->mu);
	while (pp->pending[0] || pp->pending[1])
		pthread_cond_wait(&pp->cv, &pp->mu);
	pp->stop = 1;
	pthread_cond_broadcast(&pp->cv);
	pthread_mutex_unlock(&pp->mu);
	pthread_join(pp->thread, NULL);
	pthread_cond_destroy(&pp->cv);
	pthread_mutex_destroy(&pp->mu);
	pp->running = 0;
}

int ns_postpipe_finish(struct ns_postpipe *pp)
{
	int rc = pp->nomem ? NS_ERR_NOMEM : NS_OK;

	if (!pp->running)
		return rc != NS_OK ? rc : pp->err;
	if (rc == NS_OK && pp->batch[pp->fill].len > 0)
		hand_over(pp);
	stop_thread(pp);
	return rc != NS_OK ? rc : pp->err;
}

void ns_postpipe_free(struct ns_postpipe *pp)
{
	if (!pp)
		return;
	if (pp->running) {
		pthread_mutex_lock(&pp->mu);
		pp->drop = 1;
		pthread_mutex_unlock(&pp->mu);
		stop_thread(pp);
	}
	free(pp->batch[0].w);
	free(pp->batch[1].w);
	free(pp);
}
