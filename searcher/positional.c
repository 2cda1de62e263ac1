/* SPDX-License-Identifier: MIT */
/* positional.c -- phrase, NEAR and ADJ checks on word positions (see
 * positional.h).
 *
 * Each operand's spans are gathered first (a word's positions in its
 * field, a prefix's terms merged, a phrase's occurrences); then an exact
 * algorithm decides, picked by the shape of the operands.
 */
#include "positional.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Whether the span lies inside field f of the current document. */
static int span_in_field(const struct ns_match *m, uint32_t start, uint32_t end, enum ns_qfield f)
{
	uint32_t t = m->title_len;

	switch (f) {
	case NS_QF_TITLE: return end < t;
	case NS_QF_BODY: return start >= t;
	case NS_QF_SOURCE:
	case NS_QF_DATE: return 1;	/* positions of their own */
	default: return end < t || start >= t;
	}
}

static int push_span(struct ns_cursor *n, uint32_t start, uint32_t end)
{
	if (n->n_spans == n->spans_cap) {
		size_t cap = n->spans_cap ? n->spans_cap * 2 : 16;
		struct ns_span *s = realloc(n->spans, cap * sizeof(*s));
		if (!s)
			return NS_ERR_NOMEM;
		n->spans = s;
		n->spans_cap = cap;
	}
	n->spans[n->n_spans].start = start;
	n->spans[n->n_spans].end = end;
	n->n_spans++;
	return NS_OK;
}

/* Spans of a term cursor at its current document, within its field. */
int ns_positional_term_spans(struct ns_match *m, struct ns_cursor *n)
{
	const uint32_t *pos;
	uint32_t k;
	int rc = ns_post_positions(&n->post, &pos, &k);

	n->n_spans = 0;
	if (rc == NS_OK)
		rc = ns_cursor_norms(m, n->post.docid);
	for (uint32_t i = 0; i < k && rc == NS_OK; i++)
		if (span_in_field(m, pos[i], pos[i], n->p->field))
			rc = push_span(n, pos[i], pos[i]);
	return rc;
}

static int contains(const uint32_t *v, uint32_t n, uint32_t x)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

/* Finds the phrase's occurrences in document d, with those of its words
 * that sit on d (all but lazy ones not moved yet: then the spans are the
 * places where the others line up, a superset of the phrase's).
 * Anchored on the word with the fewest occurrences in the document, each
 * candidate start is checked against the other words rarest first: a
 * frequent word's positions ("a", "the") are decoded only for the
 * documents where the rarer ones already line up. */
int ns_positional_phrase(struct ns_match *m, struct ns_cursor *n, uint32_t d)
{
	const struct ns_pnode *p = n->p;
	const uint32_t *first, *pos;
	uint32_t n_first, k, last_off = p->offsets[p->n_kids - 1];
	size_t a = 0;
	int rc;

	while (n->kids[a] != n->order[0])
		a++;	/* the rarest word drives: it is on d */
	for (size_t j = 0; j < p->n_kids; j++)
		if (ns_cursor_on_doc(n->kids[j], d) &&
		    ns_post_tf(&n->kids[j]->post) < ns_post_tf(&n->kids[a]->post))
			a = j;
	rc = ns_post_positions(&n->kids[a]->post, &first, &n_first);
	n->n_spans = 0;
	if (rc == NS_OK)
		rc = ns_cursor_norms(m, n->kids[a]->post.docid);
	for (uint32_t i = 0; i < n_first && rc == NS_OK; i++) {
		uint32_t start = first[i] - p->offsets[a];
		int ok = first[i] >= p->offsets[a] && start <= UINT32_MAX - last_off;
		for (size_t o = 0; o < n->n_order && ok && rc == NS_OK; o++) {
			const struct ns_cursor *kid = n->order[o];
			size_t j = 0;
			if (kid == n->kids[a] || !ns_cursor_on_doc(kid, d))
				continue;
			while (n->kids[j] != kid)
				j++;
			rc = ns_post_positions((struct ns_post *)&kid->post, &pos, &k);
			ok = rc == NS_OK && contains(pos, k, start + p->offsets[j]);
		}
		if (ok && rc == NS_OK && span_in_field(m, start, start + last_off, p->field))
			rc = push_span(n, start, start + last_off);
	}
	return rc;
}

/* NEAR/ADJ (match.h): can the operands, in query order, each pick one of
 * their spans so that no two overlap, all lie in one field, ADJ's order
 * holds, and max(start) - min(end) <= dist?  Three exact algorithms, from
 * cheap to general; none is exponential on the common shapes, which a
 * hostile query (16 copies of one word, an impossible ADJ chain) would
 * otherwise make it. */

/* Budget of the general search, per document: beyond it the query is
 * refused (NS_ERR_LIMIT) rather than left to run for hours. */
#define NEAR_SEARCH_BUDGET 1000000

static int field_of(const struct ns_match *m, const struct ns_span *sp)
{
	return sp->end < m->title_len ? 0 : 1;
}

/* ADJ: for each span of the first operand, take for each middle operand
 * its span ending first among those starting after the previous one ends,
 * and for the last operand the earliest such span.  These choices
 * minimise the last start, so this decides exactly.  (With one-word or
 * equal-length spans the span ending first is the earliest; a group with
 * phrases of several lengths may have a later span ending sooner.) */
static int adj_match(const struct ns_match *m, struct ns_cursor **kids, size_t n, uint32_t dist)
{
	const struct ns_cursor *first = kids[0];

	for (size_t s = 0; s < first->n_spans; s++) {
		struct ns_span prev = first->spans[s], last = prev;
		int field = field_of(m, &prev), ok = 1;
		for (size_t i = 1; i < n && ok; i++) {
			const struct ns_cursor *k = kids[i];
			size_t lo = 0, hi = k->n_spans;
			while (lo < hi) {	/* first span with start > prev.end */
				size_t mid = lo + (hi - lo) / 2;
				if (k->spans[mid].start <= prev.end)
					lo = mid + 1;
				else
					hi = mid;
			}
			/* a later start cannot end sooner than this span's end */
			for (size_t j = lo + 1; i + 1 < n && k->p->spans_multi && j < k->n_spans &&
						k->spans[j].start <= k->spans[lo].end;
			     j++)
				if (k->spans[j].end < k->spans[lo].end)
					lo = j;
			ok = lo < k->n_spans && field_of(m, &k->spans[lo]) == field &&
			     k->spans[lo].start - first->spans[s].end <= dist;
			if (ok)
				prev = last = k->spans[lo];
		}
		if (ok && last.start - first->spans[s].end <= dist)
			return 1;
	}
	return 0;
}

struct near_occ {
	uint32_t pos;
	uint32_t group;		/* operands with the same spans share one */
};

static int cmp_near_occ(const void *a, const void *b)
{
	const struct near_occ *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->group < y->group ? -1 : x->group > y->group;
}

/* NEAR of one-word operands (words, prefixes).  Operands with the same
 * spans form a group that needs that many distinct positions; different
 * groups never share a position (checked: else *general is set).  Then
 * the operands fit in a window [M - dist, M] exactly when every group has
 * as many positions in it as operands: a sliding window over all positions
 * of one field decides it. */
/* Two words with different positions (the usual NEAR): the closest pair
 * in one field is between neighbours of the merged position lists (a
 * field is a range of positions), so one pass decides, without sorting. */
static int near_two(const struct ns_match *m, const struct ns_cursor *x, const struct ns_cursor *y,
		    uint32_t dist, int *general)
{
	size_t i = 0, j = 0;

	while (i < x->n_spans && j < y->n_spans) {
		struct ns_span a = x->spans[i], b = y->spans[j];
		if (a.start == b.start) {
			*general = 1;	/* a word shared: not this method */
			return 0;
		}
		if ((a.start < b.start ? b.start - a.start : a.start - b.start) <= dist &&
		    field_of(m, &a) == field_of(m, &b))
			return 1;
		if (a.start < b.start)
			i++;
		else
			j++;
	}
	return 0;
}

static int near_words(struct ns_match *m, struct ns_cursor **kids, size_t n, uint32_t dist,
		      int *general)
{
	uint32_t *group, *need, *have, n_groups = 0;
	struct near_occ *occ = NULL;
	size_t n_occ = 0, total = 0;
	int found = 0;

	*general = 0;
	if (n == 2 && (kids[0]->n_spans != kids[1]->n_spans ||
		       memcmp(kids[0]->spans, kids[1]->spans,
			      kids[0]->n_spans * sizeof(struct ns_span)) != 0))
		return near_two(m, kids[0], kids[1], dist, general);
	group = calloc(n, sizeof(*group));
	if (!group)
		return -1;
	for (size_t i = 0; i < n; i++) {
		group[i] = n_groups;
		for (size_t j = 0; j < i; j++)
			if (kids[j]->n_spans == kids[i]->n_spans &&
			    memcmp(kids[j]->spans, kids[i]->spans,
				   kids[i]->n_spans * sizeof(struct ns_span)) == 0) {
				group[i] = group[j];
				break;
			}
		if (group[i] == n_groups) {
			n_groups++;
			total += kids[i]->n_spans;
		}
	}
	need = calloc(n_groups, sizeof(*need));
	have = calloc(n_groups, sizeof(*have));
	occ = malloc((total + 1) * sizeof(*occ));
	if (!need || !have || !occ) {
		found = -1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (need[group[i]]++ > 0)
			continue;	/* the group's positions are in already */
		for (size_t s = 0; s < kids[i]->n_spans; s++) {
			occ[n_occ].pos = kids[i]->spans[s].start;
			occ[n_occ].group = group[i];
			n_occ++;
		}
	}
	qsort(occ, n_occ, sizeof(*occ), cmp_near_occ);
	for (size_t i = 1; i < n_occ; i++)
		if (occ[i].pos == occ[i - 1].pos) {
			*general = 1;	/* two groups share a word: not this method */
			goto out;
		}
	/* Two pointers: window (lo, hi] holds positions within dist of hi's,
	 * in hi's field; lacking counts the groups still short of positions. */
	for (size_t lo = 0, hi = 0, lacking = n_groups; hi < n_occ && !found; hi++) {
		struct ns_span at = { occ[hi].pos, occ[hi].pos };
		int field = field_of(m, &at);
		if (++have[occ[hi].group] == need[occ[hi].group])
			lacking--;
		while (lo <= hi) {
			struct ns_span l = { occ[lo].pos, occ[lo].pos };
			if (occ[hi].pos - occ[lo].pos <= dist && field_of(m, &l) == field)
				break;
			if (have[occ[lo].group]-- == need[occ[lo].group])
				lacking++;
			lo++;
		}
		found = lacking == 0;
	}
out:
	free(group);
	free(need);
	free(have);
	free(occ);
	return found;
}

/* The general case (phrase operands, or operands sharing words):
 * depth-first over operands; adding a span can only widen the window, so a
 * too-wide partial choice is pruned, and an operand's spans (sorted by
 * start) are cut off once their start alone is out of reach.  *budget
 * bounds the steps. */
static int near_search(const struct ns_match *m, struct ns_cursor **kids, size_t n, size_t i,
		       const struct ns_pnode *p, struct ns_span *chosen, int64_t min_end,
		       int64_t max_start, int in_title, long *budget)
{
	const struct ns_cursor *k;

	if (i == n)
		return 1;
	k = kids[i];	/* only now: kids[n] is past the array */
	for (size_t s = 0; s < k->n_spans; s++) {
		struct ns_span sp = k->spans[s];
		int64_t lo = min_end, hi = max_start;
		int title = sp.end < m->title_len, clash = 0, r;

		if (--*budget < 0)
			return -1;
		if (i > 0) {
			if ((int64_t)sp.start > min_end + (int64_t)p->dist)
				break;
			if (title != in_title)
				continue;
			for (size_t j = 0; j < i && !clash; j++)
				clash = !(sp.end < chosen[j].start || sp.start > chosen[j].end);
			if (clash)
				continue;
		} else {
			lo = sp.end;
			hi = sp.start;
		}
		if ((int64_t)sp.end < lo)
			lo = sp.end;
		if ((int64_t)sp.start > hi)
			hi = sp.start;
		if (hi - lo > (int64_t)p->dist)
			continue;
		chosen[i] = sp;
		r = near_search(m, kids, n, i + 1, p, chosen, lo, hi, i == 0 ? title : in_title,
				budget);
		if (r != 0)
			return r;
	}
	return 0;
}

/* 1 when the NEAR/ADJ node's kids (spans computed) match, 0 when not,
 * NS_ERR_NOMEM, or NS_ERR_LIMIT past the search budget. */
static int near_match(struct ns_match *m, struct ns_cursor *n, struct ns_span *chosen)
{
	struct ns_cursor **kids = n->kids;
	size_t k = n->p->n_kids;
	int words = 1, general = 0, r;
	long budget = NEAR_SEARCH_BUDGET;

	if (n->p->ordered)
		return adj_match(m, kids, k, n->p->dist);
	for (size_t i = 0; i < k && words; i++)
		words = !kids[i]->p->spans_multi;
	if (words) {
		r = near_words(m, kids, k, n->p->dist, &general);
		if (r < 0)
			return NS_ERR_NOMEM;
		if (!general)
			return r;
	}
	r = near_search(m, kids, k, 0, n->p, chosen, 0, 0, 0, &budget);
	if (r < 0) {
		ns_msgf(m->msg, m->msglen,
			"NEAR with phrase operands too costly to check (over %d steps in one article)",
			NEAR_SEARCH_BUDGET);
		return NS_ERR_LIMIT;
	}
	return r;
}

static int cmp_span(const void *a, const void *b)
{
	const struct ns_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* Appends to top's spans those of cursor n of an OR operand on document
 * d: a word's positions in its field, a phrase's occurrences (found when
 * it matched d), an inner OR's kids on d. */
static int gather_spans(struct ns_match *m, struct ns_cursor *top, struct ns_cursor *n,
			uint32_t d)
{
	int rc = NS_OK;

	switch (n->p->kind) {
	case P_TERM:
		if (n->p->field == NS_QF_ANY)
			rc = ns_positional_term_spans(m, n);
		break;
	case P_PHRASE:
		break;
	case P_OR:
		for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++)
			if (ns_cursor_on_doc(n->kids[i], d))
				rc = gather_spans(m, top, n->kids[i], d);
		return rc;
	default:
		return NS_OK;
	}
	for (size_t j = 0; j < n->n_spans && rc == NS_OK; j++)
		rc = push_span(top, n->spans[j].start, n->spans[j].end);
	return rc;
}

/* Spans at document d of a NEAR operand, by start: a word's positions in
 * its field, a phrase's occurrences, or for an OR (a prefix's terms, a
 * group) those of its kids present in d, each span once. */
static int operand_spans(struct ns_match *m, struct ns_cursor *n, uint32_t d)
{
	int rc = NS_OK;
	size_t w = 0;

	if (n->p->kind == P_TERM) {
		if (n->p->field == NS_QF_ANY)
			rc = ns_positional_term_spans(m, n);
		return rc;
	}
	if (n->p->kind != P_OR)
		return NS_OK;	/* a phrase found its spans when it matched */
	n->n_spans = 0;
	for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++)
		if (ns_cursor_on_doc(n->kids[i], d))
			rc = gather_spans(m, n, n->kids[i], d);
	if (rc != NS_OK || n->n_spans < 2)
		return rc;
	qsort(n->spans, n->n_spans, sizeof(*n->spans), cmp_span);
	for (size_t r = 0; r < n->n_spans; r++)	/* (a OR a): once */
		if (w == 0 || n->spans[r].start != n->spans[w - 1].start ||
		    n->spans[r].end != n->spans[w - 1].end)
			n->spans[w++] = n->spans[r];
	n->n_spans = w;
	return NS_OK;
}

/* The sentence or paragraph starts of document d for SENTENCE/PARAGRAPH
 * cursor n (format.h, I10): *b and *nb; without any recorded (a document
 * without words), the starts of title and body in fallback[2]. */
static int unit_starts(struct ns_match *m, struct ns_cursor *n, uint32_t d, const uint32_t **b,
		       uint32_t *nb, uint32_t *fallback)
{
	int rc;

	fallback[0] = 0;
	fallback[1] = m->title_len;
	*b = fallback;
	*nb = 2;
	if (!n->bounds)
		return NS_OK;
	rc = ns_post_advance(n->bounds, d);	/* d only grows: never back */
	if (rc == NS_DONE)
		return NS_OK;
	if (rc != NS_OK || n->bounds->docid != d)
		return rc;
	return ns_post_positions(n->bounds, b, nb);
}

/* Index of the unit (sentence, paragraph) holding the span sp, or
 * UINT32_MAX when it crosses a unit's end: b[0..nb) are the units' first
 * positions; *at, the unit of the previous span (spans come by start),
 * moves forward only. */
static uint32_t unit_of(const uint32_t *b, uint32_t nb, uint32_t *at, struct ns_span sp)
{
	if (*at + 1 < nb && b[*at + 1] <= sp.start) {
		uint32_t lo = *at + 1, hi = nb;	/* the last b[] <= start */
		while (hi - lo > 1) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (b[mid] <= sp.start)
				lo = mid;
			else
				hi = mid;
		}
		*at = lo;
	}
	if (*at + 1 < nb && sp.end >= b[*at + 1])
		return UINT32_MAX;
	return *at;
}

/* Marks have[j] for the candidate units cand[j] (sorted, n_cand of them)
 * that hold a whole span of operand cursor n on document d, reading the
 * spans of its leaves only as needed: it stops once every candidate is
 * marked (*n_have counts them). */
static int unit_mark(struct ns_match *m, struct ns_cursor *n, uint32_t d, const uint32_t *b,
		     uint32_t nb, const uint32_t *cand, uint32_t n_cand, uint8_t *have,
		     uint32_t *n_have)
{
	int rc = NS_OK;

	switch (n->p->kind) {
	case P_TERM:
		if (n->p->field == NS_QF_ANY) {
			/* the positions as they are: any field, no copy */
			const uint32_t *pos;
			uint32_t k, at = 0, c = 0;
			rc = ns_post_positions(&n->post, &pos, &k);
			for (uint32_t s = 0; s < k && rc == NS_OK && *n_have < n_cand; s++) {
				struct ns_span sp = { pos[s], pos[s] };
				uint32_t u = unit_of(b, nb, &at, sp);
				while (c < n_cand && cand[c] < u)
					c++;
				if (c < n_cand && cand[c] == u && !have[c]) {
					have[c] = 1;
					(*n_have)++;
				}
			}
			return rc;
		}
		break;
	case P_PHRASE:
		break;	/* its spans were found when it matched d */
	case P_OR:
		for (size_t i = 0; i < n->p->n_kids && rc == NS_OK && *n_have < n_cand; i++)
			if (ns_cursor_on_doc(n->kids[i], d))
				rc = unit_mark(m, n->kids[i], d, b, nb, cand, n_cand, have, n_have);
		return rc;
	default:
		return NS_OK;
	}
	for (uint32_t s = 0, at = 0, c = 0; s < n->n_spans && rc == NS_OK && *n_have < n_cand;
	     s++) {
		uint32_t u = unit_of(b, nb, &at, n->spans[s]);
		if (u == UINT32_MAX)
			continue;
		while (c < n_cand && cand[c] < u)	/* spans by start: units grow */
			c++;
		if (c < n_cand && cand[c] == u && !have[c]) {
			have[c] = 1;
			(*n_have)++;
		}
	}
	return rc;
}

/* SENTENCE/PARAGRAPH: is there one unit (sentence, paragraph) that holds a
 * whole span of every operand?  Every unit of the document is a candidate;
 * each operand keeps those it has a span in, and is read only until it has
 * them all, so a long chain of frequent words costs little per operand.
 * An occurrence may serve two operands ("a SENTENCE a" is a sentence with
 * a).  1, 0, or an error. */
static int unit_match(struct ns_match *m, struct ns_cursor *n, uint32_t d)
{
	const uint32_t *b;
	uint32_t nb, fallback[2], *cand, n_cand;
	uint8_t *have;
	int rc = unit_starts(m, n, d, &b, &nb, fallback);

	if (rc != NS_OK)
		return rc;
	cand = malloc((nb + 1) * sizeof(*cand));
	have = malloc(nb + 1);
	if (!cand || !have) {
		free(cand);
		free(have);
		return NS_ERR_NOMEM;
	}
	for (n_cand = 0; n_cand < nb; n_cand++)
		cand[n_cand] = n_cand;
	for (size_t i = 0; i < n->p->n_kids && n_cand > 0 && rc == NS_OK; i++) {
		uint32_t n_have = 0, keep = 0;
		memset(have, 0, n_cand);
		rc = unit_mark(m, n->kids[i], d, b, nb, cand, n_cand, have, &n_have);
		for (uint32_t j = 0; j < n_cand; j++)
			if (have[j])
				cand[keep++] = cand[j];
		n_cand = keep;
	}
	free(cand);
	free(have);
	return rc != NS_OK ? rc : n_cand > 0;
}

/* A NEAR's operands share one scratch array of chosen spans, on the stack
 * up to 16.  SENTENCE and PARAGRAPH (unit) read their starts instead. */
int ns_positional_near(struct ns_match *m, struct ns_cursor *n, uint32_t d, int *ok)
{
	struct ns_span chosen_buf[16], *chosen = chosen_buf;
	int rc;

	if (n->p->n_kids > 16) {
		chosen = malloc(n->p->n_kids * sizeof(*chosen));
		if (!chosen)
			return NS_ERR_NOMEM;
	}
	rc = ns_cursor_norms(m, d);
	if (rc == NS_OK && n->p->unit) {
		*ok = unit_match(m, n, d);	/* reads the operands' spans itself */
		rc = *ok < 0 ? *ok : NS_OK;
		goto out;
	}
	for (size_t i = 0; i < n->p->n_kids && rc == NS_OK; i++)
		rc = operand_spans(m, n->kids[i], d);
	if (rc == NS_OK) {
		*ok = near_match(m, n, chosen);
		if (*ok < 0)
			rc = *ok;
	}
out:
	if (chosen != chosen_buf)
		free(chosen);
	return rc;
}
