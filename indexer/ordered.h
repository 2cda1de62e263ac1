/* SPDX-License-Identifier: MIT */
/* ordered.h -- numbered pieces of work produced by two threads, consumed
 * in order by one of them.
 *
 * ahead.h keeps one producer a chunk ahead of its consumer: when producing
 * costs more than consuming (gathering a story's candidates is about twice
 * deciding it), the consumer's core waits half the time.  Here the pieces
 * are numbered 0..n-1 and each can be produced knowing its number alone, so
 * a helper thread and the consumer's thread both produce: the consumer
 * takes piece i once it is produced, and while it is not, produces the
 * next piece nobody has claimed yet (its own context) instead of waiting.
 * Both cores stay busy until the last piece; the result is the one of
 * producing and consuming every piece in turn on one thread.
 */
#ifndef NS_ORDERED_H
#define NS_ORDERED_H

#include <stdint.h>

/* Fills chunk with piece number i, using ctx (one context per producing
 * thread, never used by two threads at once).  NS_OK or an error, which
 * ends the run once the piece has been consumed (the pieces before it
 * count). */
typedef int (*ns_ordered_produce)(void *ctx, void *chunk, uint64_t i);
/* Takes chunk, filled by produce with the next piece in order. */
typedef int (*ns_ordered_consume)(void *ctx, void *chunk);

struct ns_ordered {
	void **chunks;		/* n_chunks chunks (any type, the caller's):
				 * piece i goes to chunks[i % n_chunks] */
	unsigned n_chunks;	/* >= 2 */
	uint64_t n_pieces;
	ns_ordered_produce produce;
	void *helper_ctx;	/* produce's context on the helper thread */
	void *own_ctx;		/* produce's context on the consumer's thread */
	ns_ordered_consume consume;
	void *consume_ctx;	/* used on the consumer's thread alone */
};

/* Produces and consumes the n_pieces pieces of o.  When no helper thread
 * can be started every piece is produced on this thread (own_ctx).  The
 * first error in work order, else NS_OK. */
int ns_ordered_run(const struct ns_ordered *o);

#endif /* NS_ORDERED_H */
