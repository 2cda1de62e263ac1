/* SPDX-License-Identifier: MIT */
/* lane.c -- a second inverter on a worker thread (see lane.h).
 *
 * Two batch buffers: the caller fills one while the thread inverts the
 * other, and waits only when it has filled a batch before the thread is
 * done with the previous one.  The caller's share and the lane's are
 * interleaved batches of about the same size, so both threads stay busy
 * (the caller also parses the input and stores the documents).
 */
#include "lane.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "buf.h"
#include "date.h"
#include "error.h"
#include "fieldterm.h"
#include "story_sig.h"

/* Text bytes of a batch: big enough that handing over costs nothing,
 * small enough that the two threads take turns often. */
#define BATCH_BYTES (256u * 1024)

int ns_invert_article(struct ns_analyzer *an, struct ns_invert *inv, uint32_t docid,
		      const char *title, size_t title_len, const char *body, size_t body_len,
		      const char *source, size_t source_len, int64_t date_key, uint32_t *title_words,
		      uint32_t *body_words, struct ns_formcount *forms)
{
	const char *text[2] = { title, body };
	size_t len[2] = { title_len, body_len };
	uint32_t first = 0, *words[2] = { title_words, body_words };
	struct ns_term_walk walk;
	struct ns_tokenizer t;
	struct ns_token tok;
	struct ns_bounds bounds;
	char ft[NS_FT_MAX_LEN];
	size_t ft_len;
	int rc = ns_invert_doc_begin(inv, docid);

	for (int part = 0; part < 2 && rc == NS_OK; part++) {
		uint64_t *tag, epoch = (uint64_t)ns_invert_epoch(inv) << 32;
		const char *term;
		size_t term_len;
		ns_term_walk_init(&walk, text[part], len[part], first);
		if (forms)
			ns_term_walk_set_ahead(&walk, ns_formcount_prefetch, forms);
		ns_term_walk_set_tag_ahead(&walk, ns_invert_prefetch_tag, inv);
		ns_bounds_init(&bounds, text[part], len[part]);
		/* The stem cache remembers each word's term number for this
		 * epoch of the inverter: a word seen before costs one lookup,
		 * not two. */
		while (rc == NS_OK &&
		       ns_term_walk_next(an, &walk, &tok, &term, &term_len, &tag)) {
			uint32_t id;
			if (tag && (*tag >> 32 << 32) == epoch) {
				rc = ns_invert_add_id(inv, (uint32_t)*tag, tok.pos);
			} else {
				rc = ns_invert_add_term(inv, term, term_len, tok.pos, &id);
				if (tag && rc == NS_OK)
					*tag = epoch | id;
			}
			if (rc == NS_OK)
				rc = ns_bounds_word(&bounds, inv, tok.off, tok.pos);
			if (forms && rc == NS_OK)
				rc = ns_formcount_add_hashed(forms, tok.term, tok.term_len,
							     ns_term_walk_hash(&walk), docid);
		}
		*words[part] = ns_term_walk_position(&walk) - first;
		first = ns_term_walk_position(&walk);
	}
	/* the source's words and the date's year, month and day */
	ns_tok_init(&t, source, source_len, 0);
	while (rc == NS_OK && ns_tok_next(&t, &tok)) {
		ft_len = ns_ft_source(ft, tok.term, tok.term_len);
		rc = ns_invert_add(inv, ft, ft_len, tok.pos);
	}
	if (rc == NS_OK && date_key != NS_DATE_NONE) {
		int64_t year;
		int y, m, d;
		ns_date_civil(date_key, &year, &m, &d);
		y = (int)year;
		if (year >= 1 && year <= 9999) {
			ft_len = ns_ft_year(ft, y);
			rc = ns_invert_add(inv, ft, ft_len, 0);
			ft_len = ns_ft_month(ft, y, m);
			if (rc == NS_OK)
				rc = ns_invert_add(inv, ft, ft_len, 0);
			ft_len = ns_ft_day(ft, y, m, d);
			if (rc == NS_OK)
				rc = ns_invert_add(inv, ft, ft_len, 0);
		}
	}
	if (rc == NS_OK)
		rc = ns_invert_doc_end(inv);
	return rc;
}

/* One article in a batch: offsets into the batch's text. */
struct lane_doc {
	uint32_t docid;
	size_t title, title_len, body, body_len, source, source_len;
	int64_t date_key;
	uint32_t title_words, body_words;	/* set by the thread */
	struct ns_story_sig sig;		/* likewise, if wanted */
};

struct batch {
	struct ns_buf text;
	struct lane_doc *docs;
	size_t n, cap;
};

struct ns_lane {
	struct ns_analyzer *an;
	struct ns_invert *inv;
	struct ns_runs *runs;
	struct ns_formcount *forms;
	_Atomic uint64_t budget;	/* set by the caller, read by the thread */
	ns_lane_done_fn done;
	void *ctx;
	struct batch batch[2];
	int want_sigs;		/* ns_lane_want_sigs() */
	int fill;		/* the batch the caller fills */
	int err;		/* the thread's first error */
	int caller_err;

	pthread_t thread;
	int running;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int pending[2];		/* handed to the thread, not inverted yet */
	int next;		/* the batch the thread inverts next */
	int stop;
};

static void invert_batch(struct ns_lane *l, struct batch *b)
{
	const char *t = (const char *)b->text.data;

	for (size_t i = 0; i < b->n && !l->err; i++) {
		struct lane_doc *d = &b->docs[i];
		int rc = ns_invert_article(l->an, l->inv, d->docid, t + d->title, d->title_len,
					   t + d->body, d->body_len, t + d->source, d->source_len,
					   d->date_key, &d->title_words, &d->body_words, l->forms);
		if (l->want_sigs)
			ns_story_sig(t + d->title, d->title_len, t + d->body, d->body_len, &d->sig);
		if (rc == NS_OK &&
		    ns_invert_mem(l->inv) > atomic_load_explicit(&l->budget, memory_order_relaxed))
			rc = ns_runs_spill(l->runs, l->inv);
		if (rc != NS_OK)
			l->err = rc;
	}
}

static void *worker(void *arg)
{
	struct ns_lane *l = arg;

	pthread_mutex_lock(&l->mu);
	for (;;) {
		int j = l->next;
		while (!l->pending[j] && !l->stop)
			pthread_cond_wait(&l->cv, &l->mu);
		if (!l->pending[j])
			break;
		pthread_mutex_unlock(&l->mu);
		invert_batch(l, &l->batch[j]);
		pthread_mutex_lock(&l->mu);
		l->pending[j] = 0;
		l->next = j ^ 1;
		pthread_cond_broadcast(&l->cv);
	}
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

/* Reports batch b's lengths (inverted) and empties it. */
static void collect(struct ns_lane *l, struct batch *b)
{
	if (!l->caller_err)
		for (size_t i = 0; i < b->n; i++)
			l->done(l->ctx, b->docs[i].docid, b->docs[i].title_words,
				b->docs[i].body_words, l->want_sigs ? &b->docs[i].sig : NULL,
				b->docs[i].date_key);
	ns_buf_reset(&b->text);
	b->n = 0;
}

int ns_lane_new(const char *dir, const char *lang, uint64_t budget, ns_lane_done_fn done,
		void *ctx, struct ns_lane **out)
{
	struct ns_lane *l = calloc(1, sizeof(*l));
	int rc;

	*out = NULL;
	if (!l)
		return NS_ERR_NOMEM;
	atomic_init(&l->budget, budget);
	l->done = done;
	l->ctx = ctx;
	rc = ns_analyzer_new(lang, &l->an);
	if (rc == NS_OK)
		rc = ns_invert_new(&l->inv);
	if (rc == NS_OK)
		rc = ns_runs_new(dir, &l->runs);
	if (rc == NS_OK)
		rc = ns_formcount_new(dir, &l->forms);
	if (rc == NS_OK && pthread_mutex_init(&l->mu, NULL) != 0)
		rc = NS_ERR_IO;
	if (rc == NS_OK && pthread_cond_init(&l->cv, NULL) != 0) {
		pthread_mutex_destroy(&l->mu);
		rc = NS_ERR_IO;
	}
	if (rc == NS_OK) {
		if (pthread_create(&l->thread, NULL, worker, l) == 0) {
			l->running = 1;
		} else {
			pthread_cond_destroy(&l->cv);
			pthread_mutex_destroy(&l->mu);
			rc = NS_ERR_IO;
		}
	}
	if (rc != NS_OK) {
		ns_lane_free(l);
		return rc;
	}
	*out = l;
	return NS_OK;
}

int ns_lane_flush(struct ns_lane *l)
{
	int c = l->fill;

	if (l->caller_err || l->batch[c].n == 0)
		return l->caller_err;
	pthread_mutex_lock(&l->mu);
	l->pending[c] = 1;
	pthread_cond_broadcast(&l->cv);
	while (l->pending[c ^ 1])
		pthread_cond_wait(&l->cv, &l->mu);
	if (l->err)
		l->caller_err = l->err;
	pthread_mutex_unlock(&l->mu);
	/* the other batch is inverted: its lengths go out, it is refilled */
	collect(l, &l->batch[c ^ 1]);
	l->fill = c ^ 1;
	return l->caller_err;
}

int ns_lane_add(struct ns_lane *l, uint32_t docid, const struct ns_article *a)
{
	struct batch *b = &l->batch[l->fill];
	struct lane_doc *d;
	size_t title_len = strlen(a->title), source_len = strlen(a->source);

	if (l->caller_err)
		return l->caller_err;
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 256;
		struct lane_doc *p = realloc(b->docs, cap * sizeof(*p));
		if (!p)
			return l->caller_err = NS_ERR_NOMEM;
		b->docs = p;
		b->cap = cap;
	}
	d = &b->docs[b->n];
	d->docid = docid;
	d->date_key = a->date_key;
	d->title = b->text.len;
	d->title_len = title_len;
	ns_buf_append(&b->text, a->title, title_len);
	d->body = b->text.len;
	d->body_len = a->body_len;
	ns_buf_append(&b->text, a->body, a->body_len);
	d->source = b->text.len;
	d->source_len = source_len;
	ns_buf_append(&b->text, a->source, source_len);
	if (b->text.err)
		return l->caller_err = NS_ERR_NOMEM;
	b->n++;
	if (b->text.len >= BATCH_BYTES)
		return ns_lane_flush(l);
	return NS_OK;
}

void ns_lane_want_sigs(struct ns_lane *l)
{
	l->want_sigs = 1;
}

void ns_lane_set_budget(struct ns_lane *l, uint64_t budget)
{
	atomic_store_explicit(&l->budget, budget, memory_order_relaxed);
}

int ns_lane_batch_empty(const struct ns_lane *l)
{
	return l->batch[l->fill].n == 0;
}

/* Waits for the batches handed over and stops the thread. */
static void stop_thread(struct ns_lane *l)
{
	pthread_mutex_lock(&l->mu);
	while (l->pending[0] || l->pending[1])
		pthread_cond_wait(&l->cv, &l->mu);
	l->stop = 1;
	pthread_cond_broadcast(&l->cv);
	pthread_mutex_unlock(&l->mu);
	pthread_join(l->thread, NULL);
	pthread_cond_destroy(&l->cv);
	pthread_mutex_destroy(&l->mu);
	l->running = 0;
}

int ns_lane_finish(struct ns_lane *l)
{
	ns_lane_flush(l);
	if (!l->running)
		return l->caller_err;
	stop_thread(l);
	if (l->err && !l->caller_err)
		l->caller_err = l->err;
	/* the batch handed over last */
	collect(l, &l->batch[l->fill ^ 1]);
	return l->caller_err;
}

struct ns_invert *ns_lane_inverter(struct ns_lane *l)
{
	return l->inv;
}

struct ns_runs *ns_lane_runs(struct ns_lane *l)
{
	return l->runs;
}

struct ns_formcount *ns_lane_forms(struct ns_lane *l)
{
	return l->forms;
}

void ns_lane_free(struct ns_lane *l)
{
	if (!l)
		return;
	if (l->running)
		stop_thread(l);
	for (int i = 0; i < 2; i++) {
		ns_buf_release(&l->batch[i].text);
		free(l->batch[i].docs);
	}
	ns_runs_free(l->runs);
	ns_formcount_free(l->forms);
	ns_invert_free(l->inv);
	ns_analyzer_free(l->an);
	free(l);
}
