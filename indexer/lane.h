/* SPDX-License-Identifier: MIT */
/* lane.h -- invert articles, here or in batches on a worker thread.
 *
 * Turning text into postings (tokenizing, stemming, inverting) is most of
 * the indexer's work, so on a machine with a second core the builder keeps
 * two lanes: it inverts every other batch of articles itself and hands the
 * batches between to a lane, whose own analyzer and inverter (and runs,
 * when its share of the memory budget fills) work on another thread.  Each
 * lane sees increasing docids; at the end the two lanes' postings are
 * merged by docid (runs.h, ns_runs_merge2), so the segment is the one a
 * single lane would write.
 */
#ifndef NS_LANE_H
#define NS_LANE_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"
#include "corpus.h"
#include "formcount.h"
#include "invert.h"
#include "runs.h"

/* Inverts one article as document docid: the words of its title from
 * position 0, of its body after them, and its field terms (fieldterm.h:
 * source words, date year/month/day; the positions of the words that
 * start sentences and paragraphs, bounds.h), which count in no length.  Sets
 * the numbers of words of title and body.  The folded words of title and
 * body also go to forms (formcount.h) unless it is NULL. */
int ns_invert_article(struct ns_analyzer *an, struct ns_invert *inv, uint32_t docid,
		      const char *title, size_t title_len, const char *body, size_t body_len,
		      const char *source, size_t source_len, int64_t date_key, uint32_t *title_words,
		      uint32_t *body_words, struct ns_formcount *forms);

struct ns_lane;

/* Receives the lengths of the lane's articles, in docid order, on the
 * caller's thread (from ns_lane_add() and ns_lane_finish()), with their
 * copy signatures (story_sig.h) and date key when the lane makes them
 * (ns_lane_want_sigs), else sig NULL. */
struct ns_story_sig;
typedef void (*ns_lane_done_fn)(void *ctx, uint32_t docid, uint32_t title_words,
				uint32_t body_words, const struct ns_story_sig *sig,
				int64_t date_key);

/* Starts a lane for index directory dir (its runs go there) with
 * Snowball language lang and memory budget budget (bytes of its inverter
 * before it spills a run).  NS_OK, NS_ERR_NOMEM, NS_ERR_NOTFOUND (lang),
 * NS_ERR_IO (no thread). */
int ns_lane_new(const char *dir, const char *lang, uint64_t budget, ns_lane_done_fn done,
		void *ctx, struct ns_lane **out);

/* Copies article a, document docid, into the batch being filled, and hands
 * the batch to the thread once it holds ~256 KB of text (waiting for the
 * batch before, whose lengths then go to done).  Returns the lane's first
 * error (sticky). */
int ns_lane_add(struct ns_lane *l, uint32_t docid, const struct ns_article *a);
/* Makes the lane compute its articles' copy signatures too (on its
 * thread: they are a tenth of the inverting), handed to done. */
void ns_lane_want_sigs(struct ns_lane *l);
/* Changes the lane's memory budget (the caller's per-document tables grow
 * with the articles, leaving less to the inverters). */
void ns_lane_set_budget(struct ns_lane *l, uint64_t budget);
/* Whether the batch being filled is empty (the caller alternates batches
 * between itself and the lane at those points). */
int ns_lane_batch_empty(const struct ns_lane *l);
/* Hands over the batch being filled even if it is not full. */
int ns_lane_flush(struct ns_lane *l);

/* Inverts what is left, waits, reports the last lengths and stops the
 * thread.  Then the lane's inverter and runs hold its postings. */
int ns_lane_finish(struct ns_lane *l);
struct ns_invert *ns_lane_inverter(struct ns_lane *l);
struct ns_runs *ns_lane_runs(struct ns_lane *l);
/* The word forms the lane counted (formcount.h). */
struct ns_formcount *ns_lane_forms(struct ns_lane *l);

/* Stops the thread (when running) and frees; NULL is fine. */
void ns_lane_free(struct ns_lane *l);

#endif /* NS_LANE_H */
