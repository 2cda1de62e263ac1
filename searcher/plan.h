/* SPDX-License-Identifier: MIT */
/* plan.h -- compile a parsed query into a plan; private to the match files.
 *
 * The plan (struct ns_pnode, match_int.h) is built once per query, before
 * any segment is read.  Words and phrases go through the index's analyzer
 * (a word that analyzes to several terms, "mar-a-lago", becomes a phrase;
 * one that analyzes to none matches nothing), source: words are folded but
 * not stemmed, prefixes and date ranges become ORs of the terms the index
 * holds, and every term goes into m->terms with its global df and idf.
 * Each node carries a cost, its estimated number of matches, which orders
 * the operands of an AND (rarest first).
 */
#ifndef NS_PLAN_H
#define NS_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "match_int.h"

/* A new node of that kind with weight (boost) 1, or NULL without memory.
 * ns_plan_free() frees a node with its kids and negations (NULL-safe). */
struct ns_pnode *ns_plan_node_new(enum ns_pkind kind);
void ns_plan_free(struct ns_pnode *p);

/* Appends kid to the array *arr of *n nodes (kids or negs).  NS_OK, or
 * NS_ERR_NOMEM, and then kid is still the caller's. */
int ns_plan_push_kid(struct ns_pnode ***arr, size_t *n, struct ns_pnode *kid);

/* Adds the term text[0..len) (as the index stores it: stemmed) to
 * m->terms with its global df and idf; *id is its index there.  NS_OK,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_plan_add_term(struct ns_match *m, const char *text, size_t len, uint32_t *id);

/* Compiles the query tree q into *out (set to NULL first).  P_EMPTY when q
 * holds no word; with m->stopping, stopword operands are dropped
 * (stopwords.h) and counted in m->n_stopped.  NS_OK; NS_ERR_QUERY with a
 * message in m->msg; NS_ERR_CORRUPT; NS_ERR_NOMEM. */
int ns_plan_compile(struct ns_match *m, const struct ns_qnode *q, struct ns_pnode **out);

/* Makes m->root "m->root AND the date range r" (r alone when m->root is
 * NULL).  NS_OK, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
int ns_plan_and_range(struct ns_match *m, const struct ns_daterange *r);

/* Multiplies the weight of every scoring term leaf under p by w. */
void ns_plan_scale_terms(struct ns_pnode *p, double w);

/* Called once all terms are in: collects the distinct original word terms
 * (no field terms, no expansion terms), sorted, into m->distinct (for
 * highlighting), and numbers them for the proximity score (m->prox_*:
 * their idf, scratch space, the bound).  NS_OK or NS_ERR_NOMEM. */
int ns_plan_collect_distinct(struct ns_match *m);

#endif /* NS_PLAN_H */
