/* SPDX-License-Identifier: MIT */
/* match_int.h -- the structures the match files share; private to them.
 *
 * Only the files that evaluate queries include it: match.c (the public
 * entry, match.h) and the modules it is split into.  Everyone else uses
 * match.h, which keeps struct ns_match opaque.
 *
 * Two trees: a plan (struct ns_pnode) compiled once per query, holding the
 * analyzed terms and their global statistics, and per segment a tree of
 * cursors (struct ns_cursor) instantiated from it.  Every cursor offers one
 * operation, ns_cursor_advance(target): move to the first matching document >=
 * target.  A cursor's docid is always a verified match, so a parent may
 * trust it without re-checking positions.
 *
 * The files, in the order a query meets them:
 *   plan.c        the query tree (query.h) compiled into a plan: terms
 *                 analyzed, global df and idf, operand costs
 *   cursor.c      cursors over one segment: AND leapfrog, OR, NOT, dates
 *   positional.c  spans of phrases and NEAR/ADJ operands, and their checks
 *   score.c       a matching document's score: BM25F sum and proximity
 *   leaf.c        score bounds of term leaves, for top-k pruning
 *   maxscore.c    top k of a disjunction (MaxScore with block bounds)
 *   conj.c        top k of a conjunction (block-max AND)
 *   match.c       compiling, expanding, running over every segment
 *   matchvisit.c  every match handed out in batches (ns_match_visit())
 *   fanout.c      the segments of several indexes in threads
 *   explain.c     --explain: how one document's score was computed
 */
#ifndef NS_MATCH_INT_H
#define NS_MATCH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "match.h"
#include "segreader.h"

/* Kinds of plan nodes. */
enum ns_pkind {
	P_EMPTY,	/* matches nothing; see nothing */
	P_TERM,		/* one term, optionally restricted to a field */
	P_PHRASE,	/* kids are P_TERM at offsets */
	P_AND,		/* kids, minus negs */
	P_OR,		/* kids */
	P_NEAR,		/* kids (words, phrases, ORs of them) within dist,
			 * or in one sentence or paragraph (unit) */
	P_BOOST,	/* kids[0] decides the matches; the other kids
			 * (expansion terms) only add to the score */
};

/* A node of the plan (plan.h).  It owns its kids and negations. */
struct ns_pnode {
	enum ns_pkind kind;
	enum ns_qfield field;	/* P_TERM, P_PHRASE: ANY, TITLE, BODY (words),
				 * SOURCE or DATE (field terms) */
	uint32_t term;		/* P_TERM: index into ns_match.terms */
	int filter;		/* P_TERM: a field term, restricts but adds
				 * nothing to the score */
	int date_check;		/* P_TERM: an edge day the range covers in part:
				 * check each document's date against range */
	struct ns_daterange range;
	int prefix;		/* P_OR: the terms of one prefix (may be a NEAR
				 * operand) */
	int nothing;		/* P_EMPTY: a restriction no article meets (a
				 * prefix or date range without terms), which an
				 * AND keeps; else an operand without words ("&"),
				 * which AND and OR drop */
	int is_range;		/* a date range (plan.c, compile_range()):
				 * range is set */
	int verify;		/* a range under an AND that a rarer operand
				 * leads: check each candidate's date instead of
				 * reading the range's postings */
	struct ns_pnode **kids;
	size_t n_kids;
	struct ns_pnode **negs;	/* P_AND */
	size_t n_negs;
	uint32_t *offsets;	/* P_PHRASE: position of each kid from the first */
	uint32_t dist;		/* P_NEAR */
	int ordered;		/* P_NEAR from ADJ */
	int unit;		/* P_NEAR: 0 words (dist), or NS_FT_SENTENCE or
				 * NS_FT_PARAGRAPH: kids in one of those */
	int spans_multi;	/* P_NEAR operand: its spans may be longer
				 * than a word (a phrase in it) */
	uint64_t cost;		/* estimated matches: orders AND operands */
	double boost;		/* P_TERM: weight of the term (1; expansion
				 * terms less) */
};

/* A term of the compiled query, with its global statistics: m->terms. */
struct ns_qterm {
	char *text;		/* stemmed term */
	size_t len;
	uint64_t df;		/* over all segments */
	double idf;
	int expansion;		/* added by --expand/--similar: not highlighted,
				 * not part of the proximity score */
	uint32_t distinct;	/* index into ns_match.prox_idf (word terms) */
	struct ns_term_info *seg_ti;	/* per segment, as looked up for df
					 * (df 0: absent), so a cursor need
					 * not look it up again; NULL when
					 * df was given */
};

/* The word positions of one occurrence of a word or a phrase. */
struct ns_span {
	uint32_t start, end;	/* word positions, inclusive */
};

/* A cursor over one segment (cursor.h), instantiated from plan node p.
 * It owns its kids and negations; the plan outlives it. */
struct ns_cursor {
	const struct ns_pnode *p;
	uint32_t docid;		/* current verified match, NS_POST_END at end */
	int started;
	int has_post;		/* P_TERM: the term exists in this segment */
	struct ns_post post;	/* P_TERM */
	struct ns_cursor **kids;	/* in plan order */
	struct ns_cursor **order;	/* kids, rarest first (AND, PHRASE,
					 * NEAR), without those verified
					 * by date */
	size_t n_order;
	size_t n_drive;		/* order[0..n_drive) leapfrog; the rest of a
				 * phrase's words are lazy (cursor.c) */
	struct ns_cursor **negs;
	struct ns_span *spans;	/* P_PHRASE, P_TERM in NEAR: spans at docid */
	size_t n_spans;
	size_t spans_cap;
	struct ns_post *bounds;	/* P_NEAR with a unit: its sentence or
				 * paragraph starts (format.h, I10), or
				 * NULL (none in the segment); a pointer,
				 * as every cursor is calloc'ed */
};

/* A compiled query (opaque in match.h), with the scratch space and the
 * state of its run. */
struct ns_match {
	struct ns_index *idx;
	struct ns_pnode *root;
	enum ns_sort sort;
	size_t max_prefix_terms;
	uint64_t arrived_after;	/* ns_match_opts; nonzero when any segment
				 * has an arrival window */
	uint64_t *seg_after;	/* each segment's mark (pieces with marks of
				 * their own), or NULL: arrived_after */
	ns_match_visit_fn visit;	/* ns_match_visit(), else NULL */
	void *visit_ctx;
	int years_known;	/* first_year..last_year computed (0: not yet) */
	int has_years;		/* the index has dated articles */
	int first_year, last_year;
	struct ns_qterm *terms;
	size_t n_terms;
	size_t terms_cap;
	const char **distinct;	/* distinct term texts, for highlighting */
	size_t n_distinct;
	struct ns_bm25 bm25;
	struct ns_match_stats st;

	/* query-time stopwords (stopwords.h) */
	int stopping;		/* drop stopword operands while compiling */
	int in_near;		/* compiling NEAR/ADJ operands: keep them */
	size_t n_stopped;	/* operands dropped */

	/* proximity score (rank.h): distinct original word terms */
	size_t n_prox;		/* number of them */
	double *prox_idf;	/* their idf */
	double *prox_acc;	/* scratch accumulators */
	uint8_t *prox_seen;	/* scratch: term already gathered */
	double *prox_part;	/* each one's share of the bound (rank.h) */
	double prox_bound;	/* ns_prox_bound() of them */
	struct ns_prox_occ *occ;	/* scratch occurrences */
	size_t occ_cap;
	char *msg;
	size_t msglen;

	/* state of the segment being walked */
	struct ns_segr *seg;
	uint32_t seg_i;		/* its index in idx->segs */
	uint32_t norm_doc;	/* document whose lengths are cached */
	uint32_t title_len;
	uint32_t doc_len;
};

/* How ns_match_run() walks each segment, decided once per run. */
struct ns_run_shape {
	const struct ns_pnode *ms;	/* MaxScore over this node, or NULL */
	const struct ns_pnode *conj;	/* block-max AND over it, or NULL */
	int counting;		/* an exact count is wanted */
};

/* The arrival mark of segment s: only its documents that arrived after it
 * match (0: all). */
static inline uint64_t ns_match_after(const struct ns_match *m, uint32_t s)
{
	return m->seg_after ? m->seg_after[s] : m->arrived_after;
}

/* Runs segments first..end-1 (in order) into top (NULL: count only),
 * adding their matches to *count (when counting or walking) and their
 * work to m->st.  match.c; fanout.c calls it on copies of m in threads. */
int ns_match_run_segments(struct ns_match *m, const struct ns_run_shape *sh,
			  struct ns_topk *top, uint32_t first, uint32_t end, uint64_t *count);

/* Hands segment s's matches from root (a fresh cursor tree) to m->visit
 * in batches, adding them to *count.  matchvisit.c; called by
 * ns_match_run_segments() while ns_match_visit() runs. */
int ns_match_visit_segment(struct ns_match *m, struct ns_cursor *root, uint32_t s,
			   uint64_t *count);

/* Whether cursor n sits on document d.  A cursor never advanced (an
 * operand after one that ran out, in a leapfrog that stopped early) has
 * docid 0 but is on no document. */
static inline int ns_cursor_on_doc(const struct ns_cursor *n, uint32_t d)
{
	return n->started && n->docid == d;
}

/* Norms of the match's current segment (cursors, positions, scoring). */
/* Caches the lengths of document d of the current segment in
 * m->title_len and m->doc_len (m->norm_doc says whose they are).  NS_OK
 * or NS_ERR_CORRUPT. */
static inline int ns_cursor_norms(struct ns_match *m, uint32_t d)
{
	if (m->norm_doc == d)
		return NS_OK;
	int rc = ns_segr_norms(m->seg, d, &m->title_len, &m->doc_len);
	if (rc == NS_OK)
		m->norm_doc = d;
	return rc;
}

#endif /* NS_MATCH_INT_H */
