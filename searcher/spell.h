/* SPDX-License-Identifier: MIT */
/* spell.h -- "did you mean": the query with its misspelled words replaced.
 *
 * The query text is read the way the query language reads it (query.h),
 * and only plain words are candidates: operators, field names, prefixes,
 * fuzzy words, source: and date: operands, and words with digits stay as
 * typed, as does everything between the words, so the correction is the
 * same query with the same syntax.
 *
 * A word is left alone when the archive knows it well: its form (folded,
 * not stemmed; formdict.h) is in NS_SPELL_KNOWN_DF documents or more, or
 * in NS_SPELL_RARE_DF or more that are 1 in NS_SPELL_KNOWN_SHARE of them
 * or more (ns_spell_known_well()).  Otherwise the
 * forms within 1 edit, and when none of them will do within 2 (OSA,
 * transpositions count 1; editdist.h) are candidates -- for a word of
 * NS_SPELL_LONG characters or more, also those within 2 whose slips cost
 * at most NS_SPELL_CHEAP2; for a word of NS_SPELL_LONG3 characters or
 * more with none within 2, those within 3 that keep its first letter and
 * whose slips cost at most NS_SPELL_COST3 per character (long
 * misspellings of long words: expementel, assosiacition) -- scored as a
 * noisy channel: the log of how common the candidate is (its prior) less the
 * cost of the slip that would turn it into the typed word (errmodel.h:
 * a weighted edit distance where the commonest slips -- letters doubled
 * or swapped, a vowel for another, a neighbouring key, a sound-alike, a
 * letter dropped from a cluster -- cost less than one edit):
 *   NS_SPELL_PRIOR_WEIGHT * ln(df - NS_SPELL_PRIOR_DISCOUNT)
 *   - NS_SPELL_EDIT_COST * cost
 *   + NS_SPELL_CONTEXT * ln(1 + articles holding the phrases the
 *     candidate makes with its neighbours in the query -- "new york" for
 *     "new yrok" -- or, without a neighbour the archive knows, holding it
 *     with all the known words)   (for the best few, from the postings)
 * and the best replaces the word when the word is not in the archive, or
 * is NS_SPELL_RATIO^cost times rarer than the candidate (in documents,
 * the word's less NS_SPELL_DISCOUNT; NS_SPELL_SHORT_RATIO times more for
 * a short word) and in fewer than NS_SPELL_RARE_DF documents.
 *
 * The pick is looked at in turn as if it had been typed where the word
 * stands: when the speller would correct it too (a misspelling the
 * archive holds, "betwen" for "beetwen"), its correction is given
 * instead (keeping the pick's first letter, NS_SPELL_HOPS times at most;
 * spell.c: second_hop()).
 *
 * Archives repeat common misspellings (a Usenet archive has "recieve" in
 * dozens of articles), so a word in 2 documents or more that the archive
 * does not know well, in fewer than 1 in NS_SPELL_KNOWN_SHARE of its
 * documents, may also be a slip the archive repeats: of a
 * candidate NS_SPELL_HELD_RATIO times commoner, by a cheap slip
 * (NS_SPELL_HELD_COST; a letter dropped or added in a long word,
 * NS_SPELL_HELD_COST_LONG) -- see repeated_slip() in spell.c; the
 * cheapest slips (assualt, kernal, eldery) need only
 * NS_SPELL_HELD_CHEAP_RATIO, a double letter's (commited beside 7 times as
 * many committed) NS_SPELL_HELD_DOUBLE_RATIO.  A slip may keep the stem (independant,
 * possiblity), but no word in 2 documents or more is replaced by another
 * inflection of itself (housed, houses: inflect.h), nor by itself
 * without a final e (unite, unit: the slip is an e left out, befor), nor
 * by a change of its first letter, which people rarely get wrong.  Such a word stays when the query's other
 * words go with it as often as with the candidate (co-occurrence, as
 * above): "causal inference" is not "casual inference".
 */
#ifndef NS_SPELL_H
#define NS_SPELL_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"

#define NS_SPELL_KNOWN_DF 100	/* documents that make a form well known */
#define NS_SPELL_KNOWN_SHARE 100	/* ...or 1 in this many of them (and
					 * NS_SPELL_RARE_DF documents) */
#define NS_SPELL_CONTEXT_DF 20	/* documents that make a word context */
#define NS_SPELL_RARE_DF 20	/* forms in fewer documents are weighed by
				 * NS_SPELL_RATIO alone */
#define NS_SPELL_HELD_RATIO 20.0	/* how much commoner a form must be for a
					 * repeated word to be its slip */
#define NS_SPELL_HELD_LONG 7	/* a repeated word of fewer characters... */
#define NS_SPELL_HELD_SHORT 3.0	/* ...needs this much more evidence */
#define NS_SPELL_HELD_COST 0.8	/* the dearest slip (errmodel.h) a repeated
				 * word may be... */
#define NS_SPELL_HELD_COST_LONG 1.0	/* ...or, a letter dropped or added
					 * in a long word, this */
#define NS_SPELL_HELD_CHEAP 0.65	/* slips this cheap of a word of
					 * NS_SPELL_LONG characters or more... */
#define NS_SPELL_HELD_CHEAP_RATIO 8.0	/* ...need only this ratio */
#define NS_SPELL_HELD_MID 6	/* so do slips of a word this long or longer... */
#define NS_SPELL_HELD_CHEAPEST 0.6	/* ...this cheap (a letter swapped,
					 * doubled or left out) */
#define NS_SPELL_HELD_DOUBLE_RATIO 3.0	/* a double written single or a single
					 * doubled (the commonest misspelling:
					 * commited, targetted) in a word of
					 * NS_SPELL_HELD_MID characters or more
					 * needs only this ratio */
#define NS_SPELL_RATIO 300.0	/* how much commoner a candidate of a word
				 * the archive has must be, per edit */
#define NS_SPELL_EDIT_COST 6.0	/* ln-frequency one edit is worth */
#define NS_SPELL_DISCOUNT 0.95	/* taken off a word's documents: a form
				 * seen once is likelier a slip than its
				 * count says (absolute discounting) */
#define NS_SPELL_PRIOR_DISCOUNT 0.5	/* likewise off a candidate's */
#define NS_SPELL_PRIOR_WEIGHT 0.7	/* the prior, tempered: the words people
					 * search for are less skewed than the
					 * words of text, so a candidate 10 times
					 * commoner is 10^0.7 = 5 times likelier */
#define NS_SPELL_SHORT 5	/* words of fewer characters... */
#define NS_SPELL_SHORT_RATIO 10.0	/* ...need this much more evidence
					 * (a short word has many neighbours) */
#define NS_SPELL_LONG 8		/* words of this many characters or more... */
#define NS_SPELL_CHEAP2 1.3	/* ...have their candidates two edits away
				 * that cost no more than this weighed too,
				 * with those one edit away */
#define NS_SPELL_ENDING_WEIGHT 0.3	/* the prior's weight between forms of one
					 * stem (spell.c: pick_ending()) */
#define NS_SPELL_LONG3 8	/* a word of this many characters or more with
				 * no candidate within 2... */
#define NS_SPELL_COST3 0.25	/* ...has those within 3 (that keep its first
				 * letter) whose slips cost at most this
				 * much per character of the word (2 for 8
				 * characters, 3 for 12): the longer the
				 * word, the more slips it holds (measured:
				 * a flat 3 corrected no more of lintian's
				 * list, and suggested a word for 74% of
				 * dictionary words of 8 letters or more
				 * that Reuters lacks, this 61%, a walk
				 * within 2 alone 49%) */
#define NS_SPELL_CONTEXT 1.5	/* weight of co-occurrence with the query */
#define NS_SPELL_CONTEXT_TOP 5	/* candidates whose co-occurrence is counted */
#define NS_SPELL_HOPS 2		/* picks corrected in turn, one after the
				 * other, at most (spell.c: second_hop()) */
#define NS_SPELL_MIN_CHARS 3	/* shorter words are never corrected */

/* Whether a form in df of n_docs documents is one the archive knows
 * well: it is never corrected, nor its query given a suggestion. */
int ns_spell_known_well(uint64_t df, uint64_t n_docs);

/* Work done, for --debug-counters and the benchmarks. */
struct ns_spell_stats {
	uint64_t n_words;	/* words looked at */
	uint64_t n_unknown;	/* of them, not known well */
	uint64_t n_visited;	/* dictionary entries read by the walks */
	uint64_t n_cooc;	/* co-occurrence counts run */
	uint64_t n_hops;	/* picks that were slips themselves, corrected
				 * in turn (spell.c: second_hop()) */
};

/* The corrected query for text: NS_OK and *out (malloc'd) when at least
 * one word was replaced; NS_DONE (and *out NULL) when there is no better
 * query.  default_or as in ns_query_parse().  st may be NULL.
 * NS_ERR_CORRUPT (message in msg), NS_ERR_NOMEM. */
int ns_spell_query(struct ns_index *idx, const char *text, int default_or, char **out,
		   struct ns_spell_stats *st, char *msg, size_t msglen);

#define NS_SPELL_FEWER 10	/* a query that matches this many times fewer
				 * articles than its correction is worth a
				 * "did you mean" */

struct ns_match_opts;

/* The correction of text (as ns_spell_query()) and into *n_out the number
 * of articles it matches with the query's options o (may be NULL).  NS_OK,
 * NS_DONE (no correction), errors as ns_spell_query(). */
int ns_spell_suggest(struct ns_index *idx, const char *text, int default_or,
		     const struct ns_match_opts *o, char **out, uint64_t *n_out,
		     struct ns_spell_stats *st, char *msg, size_t msglen);

/* Whether "did you mean" might have something to say for text, a query
 * that matched n_matches articles, judged from the index's terms alone
 * (the word forms stay unopened): *may = 0 when it matched some and each
 * of its words' terms (stems) the archive knows well (ns_spell_known_well()
 * on the term's documents).  A stem the archive knows well is no proof
 * that a form of it is (a slip may stem like a common word), so this
 * narrows "did you mean" on stderr: such a query gets none.  NS_OK,
 * NS_ERR_CORRUPT (and *may = 1), NS_ERR_NOMEM. */
int ns_spell_may_suggest(struct ns_index *idx, const char *text, int default_or,
			 uint64_t n_matches, int *may);

/* Whether a correction matching n_fixed articles is worth proposing for a
 * query that matched n_matches: it matches some, and the query none or
 * NS_SPELL_FEWER times fewer. */
int ns_spell_worth_saying(uint64_t n_matches, uint64_t n_fixed);

/* The best correction of one folded word (no context): NS_OK with the
 * form in out[outlen], NS_DONE when the word stays.  For tests and the
 * benchmark. */
int ns_spell_word(struct ns_index *idx, const char *word, char *out, size_t outlen,
		  struct ns_spell_stats *st, char *msg, size_t msglen);

#endif /* NS_SPELL_H */
