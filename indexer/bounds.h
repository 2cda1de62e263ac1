/* SPDX-License-Identifier: MIT */
/* bounds.h -- record where sentences and paragraphs begin, as positions.
 *
 * While a text's words are inverted, the word that starts a sentence gets
 * its position added to the field term NS_FT_SENTENCE_TERM, and the word
 * that starts a paragraph to NS_FT_PARAGRAPH_TERM (fieldterm.h; format.h,
 * I10): boundaries become positions of the positional index, as in
 * Manticore, and the words' own positions do not change.  The first word
 * of a text (title, body) starts both.  sentence.h decides the places.
 */
#ifndef NS_BOUNDS_H
#define NS_BOUNDS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "invert.h"
#include "sentence.h"

/* One text's boundaries; on the caller's stack; borrows the text. */
struct ns_bounds {
	struct ns_sentences s;	/* the splitter over the text */
	size_t next;		/* byte offset of the next sentence start */
	int next_para;		/* it starts a paragraph too */
	int more;		/* next is valid */
	int first;		/* no word seen yet */
};

void ns_bounds_init(struct ns_bounds *b, const char *text, size_t len);

/* Adds the boundary terms of a word starting at byte off of the text at
 * position pos.  NS_OK or NS_ERR_NOMEM. */
int ns_bounds_add(struct ns_bounds *b, struct ns_invert *inv, size_t off, uint32_t pos);

/* ns_bounds_add() for every word in order; inline: most words start
 * nothing. */
static inline int ns_bounds_word(struct ns_bounds *b, struct ns_invert *inv, size_t off,
				 uint32_t pos)
{
	if (!b->first && (!b->more || b->next > off))
		return NS_OK;
	return ns_bounds_add(b, inv, off, pos);
}

#endif /* NS_BOUNDS_H */
