/* SPDX-License-Identifier: MIT */
/* leaf.h -- term leaves of the top-k walks: bounds of their scores and
 * their exact weights; private to the match files.
 *
 * MaxScore (maxscore.h) and block-max AND (conj.h) see the query as term
 * leaves, each with upper bounds of its score: over the segment, over one
 * postings block (from the skip entries' impacts, format.h) and on one
 * document from its tf alone.  A leaf's exact weight is rank.h's, so a
 * document these walks score gets the score the plain walk gives it.
 * The small functions the walks call per document are inline here.
 */
#ifndef NS_LEAF_H
#define NS_LEAF_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "cursor.h"
#include "error.h"
#include "match_int.h"

/* One term leaf of a top-k walk: its cursor, its bounds, its weight on
 * the candidate.  The walks keep them in arrays they own. */
struct ns_leaf {
	struct ns_cursor *n;	/* P_TERM cursor */
	size_t plan;		/* index in plan order */
	size_t orig;		/* index among all the leaves (ms_collect(),
				 * maxscore.c) */
	double prox;		/* its share of the proximity bound */
	double wmax;		/* boost idf (k1 + 1): the weight's bound */
	double ag;		/* the weight's bound on block b is wmax / (1 +
				 * ag impact(b)), see ns_leaf_block_ub() */
	double ak, bk;		/* A and 1 + B for ns_leaf_doc_ub() */
	double tw1;		/* title weight - 1 */
	double tf_ub[16];	/* ns_leaf_doc_ub() for tf' 0..15 */
	uint32_t ub_blk;	/* block whose bound is in ub_val */
	double ub_val;		/* its bound, prox included */
	double ub;		/* bound of weight + prox in the segment */
	double w;		/* weight on the candidate */
	int on;			/* on the candidate */
	int lazy;		/* a phrase's lazy word (cursor.c): out of the
				 * leapfrog (conj.c) */
};

/* Bounds are computed with some slack: a bound may come out of floating
 * point a hair below the exact score it bounds. */
#define NS_LEAF_SLACK (1.0 + 1e-9)

/* Whether term leaf p can be a MaxScore leaf: scored, in any field, no
 * date check. */
int ns_leaf_ok(const struct ns_pnode *p);

/* The constants of leaf l's block bounds (l->n and l->prox set). */
void ns_leaf_bound_init(const struct ns_match *m, struct ns_leaf *l);

/* The leaf's bound over the rest of the segment: the largest of its
 * remaining blocks'. */
double ns_leaf_ub(struct ns_leaf *l);

/* Scores candidate d of segment s from the n leaves pl[] in plan order
 * (their weights on d set by ns_leaf_weigh(), those not on d marked off)
 * exactly as ns_score_push_hit() would, and offers it to top.  prox_ub: a
 * bound of d's proximity score (the proximity shares of the leaves on d,
 * or ns_leaf_prox_doc_ub()); theta: the threshold to beat (a document
 * whose weights and prox_ub do not beat it gets no proximity score).
 * NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_leaf_push(struct ns_match *m, struct ns_topk *top, struct ns_leaf *const *pl, size_t n,
		 uint32_t s, uint32_t d, double prox_ub, double theta);

/* A bound of the proximity score (rank.h) of the document the leaves pl[]
 * marked on sit on, from its length (the norms cached) and their tfs: a
 * proximity bound that uses document length, where ns_prox_bound() lets
 * every accumulator grow without limit and so ignores K.  A document
 * whose weights plus this bound cannot beat the threshold needs neither
 * its positions decoded for proximity nor, for a phrase or NEAR, checked.
 * Uses m->prox_seen and m->prox_acc as scratch. */
double ns_leaf_prox_doc_ub(struct ns_match *m, struct ns_leaf *const *pl, size_t n);

/* ns_cursor_advance() for a leaf ns_leaf_ok() accepts, with the common case
 * inline: the target in the block decoded, nothing deleted. */
static inline int ns_leaf_advance(struct ns_match *m, struct ns_cursor *n, uint32_t target)
{
	struct ns_post *p = &n->post;

	if (n->started && n->docid >= target)
		return NS_OK;
	if (n->started && n->has_post && !p->del && p->blk < p->n_blocks &&
	    p->docs[p->blk_n - 1] >= target) {
		uint32_t i = p->i;
		while (p->docs[i] < target)
			i++;
		p->i = i;
		p->docid = n->docid = p->docs[i];
		return NS_OK;
	}
	return ns_cursor_advance(m, n, target);
}

/* Bound of leaf l's score (weight + proximity share) on the documents of
 * its block b. */
static inline double ns_leaf_block_ub(struct ns_leaf *l, uint32_t b)
{
	if (b != l->ub_blk) {
		l->ub_blk = b;
		l->ub_val = l->wmax / (1.0 + l->ag * ns_post_block_impact(&l->n->post, b)) + l->prox;
	}
	return l->ub_val;
}

/* tf' of leaf l on its current document: its tf with the title's
 * occurrences counted w_t times (rank.h). */
static inline double ns_leaf_tfw(const struct ns_leaf *l)
{
	const struct ns_post *p = &l->n->post;

	return (double)ns_post_tf(p) + l->tw1 * (double)ns_post_title_tf(p);
}

/* Bound of leaf l's score on its current document from its tf alone (no
 * norms): dl' >= tf', so K >= A + B tf' and tf' / (tf' + K) <= tf' / (tf'
 * (1 + B) + A).  Most documents of a frequent term have it once: this
 * bound keeps them from being scored at all. */
static inline double ns_leaf_doc_ub(const struct ns_leaf *l)
{
	double tfw = ns_leaf_tfw(l);

	if (tfw < 16 && tfw == (double)(int)tfw)
		return l->tf_ub[(int)tfw];
	return l->wmax * tfw / (tfw * l->bk + l->ak) + l->prox;
}

/* The tf' a document of leaf l needs for ns_leaf_doc_ub() to exceed t (others:
 * what the other leaves may add): ns_leaf_doc_ub() > t + ... <=> tf' > this
 * (HUGE_VAL: never), so the loop compares instead of dividing. */
static inline double ns_leaf_tf_need(const struct ns_leaf *l, double t)
{
	double x = t - l->prox, den = l->wmax - x * l->bk;

	if (x < 0)
		return -1;	/* any tf' */
	return den > 0 ? x * l->ak / den : HUGE_VAL;
}

/* The exact weight of leaf l on the current document (norms cached). */
static inline void ns_leaf_weigh(struct ns_match *m, struct ns_leaf *l)
{
	const struct ns_post *p = &l->n->post;

	l->w = l->n->p->boost * ns_bm25f_weight(&m->bm25, m->terms[l->n->p->term].idf,
						ns_post_title_tf(p), ns_post_tf(p), m->title_len,
						m->doc_len);
}

#endif /* NS_LEAF_H */
