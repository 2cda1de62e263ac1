/* SPDX-License-Identifier: MIT */
/* errmodel.h -- how likely a typed word is as a slip for an intended one:
 * the channel of the speller's noisy-channel score (spell.h).
 *
 * A weighted edit distance (OSA alignment, editdist.h) from the intended
 * word to the typed one, where the edits people make most cost less than
 * 1 (the costs below, in edits):
 *   - a letter doubled or a double letter written single (ofer, offer);
 *   - two adjacent letters swapped, "ie" and "ei" most cheaply (which
 *     comes first is the best known doubt of English spelling);
 *   - a vowel written as another (seperate), the commonest confusion of
 *     unstressed syllables;
 *   - a letter for the key next to it (QWERTY), or for a letter that
 *     sounds alike (c/s/k, s/z, i/y, g/j, m/n);
 *   - a consonant for its voiced or voiceless twin (describtion,
 *     intented), less cheaply: it makes other words more often (bidz);
 *   - "ph" for "f" or back, "ck" for "k" (one edit, not two);
 *   - a letter left out (goverment, wich), the commonest slip of all in
 *     typing and in spelling: cheaper than a letter put for another
 *     unless that is a neighbour's or a sound-alike's, so "offics" reads
 *     as offices rather than office; a vowel left out between consonants
 *     (articls, intrest), the unstressed syllable, cheaper still;
 *   - an "e" added after a consonant (arguement), and more cheaply
 *     before a final s, -es written for -s (expectes: expects sooner
 *     than expected) -- unless a single vowel comes before the consonant,
 *     where the e makes another word (planes, plans), but for an -er
 *     (registeres);
 * and a letter added at the end of a word, other than e or s, costs more
 * (people add letters inside words, where they hesitate, more rarely
 * after the last one).  Letters are ASCII a-z; other characters take the
 * plain costs.
 */
#ifndef NS_ERRMODEL_H
#define NS_ERRMODEL_H

#include <stddef.h>

#define NS_ERR_DOUBLE 0.45	/* a letter doubled, or a double made single */
#define NS_ERR_SWAP 0.6		/* two adjacent letters swapped */

#define NS_ERR_SWAP_IE 0.45	/* ...of an i and an e (recieve) */
#define NS_ERR_VOWEL 0.65	/* a vowel for another */
#define NS_ERR_KEY 0.7		/* a neighbouring key */
#define NS_ERR_SOUND 0.7	/* a letter (or two) for a sound-alike */
#define NS_ERR_VOICE 0.8	/* a consonant for its voiced or voiceless
				 * twin (d/t, b/p, f/v) */
#define NS_ERR_DROP 0.6		/* a letter left out */
#define NS_ERR_SCHWA 0.55	/* a vowel left out between consonants */
#define NS_ERR_ADD_E 0.8	/* an e added after a consonant */
#define NS_ERR_ADD_ES 0.55	/* ...before a final s: -es for -s */
#define NS_ERR_TAIL 1.25	/* a letter added after the last one */

/* The cost (in edits, as above) of typing typed[0..tl) for intended
 * cand[0..cl) (UTF-8, folded; each at most NS_EDIT_MAX_CHARS characters,
 * longer words are cut).  0 when they are the same. */
double ns_errmodel_cost(const char *typed, size_t tl, const char *cand, size_t cl);

/* Whether two ASCII letters are neighbours on a QWERTY keyboard. */
int ns_errmodel_keys_touch(char a, char b);

#endif /* NS_ERRMODEL_H */
