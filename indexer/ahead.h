/* SPDX-License-Identifier: MIT */
/* ahead.h -- a producer a chunk ahead of its consumer, on a second thread.
 *
 * Work that splits into a part that needs nothing of the results before it
 * (produce: read, gather) and a part that must follow in order (consume:
 * decide) keeps two cores busy this way: the producer fills one of two
 * chunks while the consumer takes the other, in the order they were
 * filled, so the result is the same as the two calls interleaved on one
 * thread.  The caller owns the two chunks (any type); ns_ahead_run() only
 * hands them out.
 */
#ifndef NS_AHEAD_H
#define NS_AHEAD_H

/* Fills chunk with the next piece of work; sets *last when no piece
 * follows it (on an error too).  NS_OK or an error, which ends the run
 * after the chunk has been consumed (the pieces before the error count). */
typedef int (*ns_ahead_produce)(void *ctx, void *chunk, int *last);
/* Takes chunk, filled by produce; NS_OK or an error, which ends the run. */
typedef int (*ns_ahead_consume)(void *ctx, void *chunk);

/* Runs produce and consume over chunks[0], chunks[1], chunks[0], ... until
 * a chunk marked last has been consumed or a call fails.  threaded: the
 * producer on a thread of its own (when one cannot be started, on this
 * one); else both on this thread.  produce_ctx is used by the producer
 * alone, consume_ctx by the consumer alone; data both reach through them
 * the caller keeps apart (a field one side writes, the other never
 * touches).  The first error in work order (a produce error after its
 * chunk was consumed), else NS_OK. */
int ns_ahead_run(void *chunks[2], ns_ahead_produce produce, void *produce_ctx,
		 ns_ahead_consume consume, void *consume_ctx, int threaded);

#endif /* NS_AHEAD_H */
