/* SPDX-License-Identifier: MIT */
/* bounds.c -- sentence and paragraph starts as positions (see bounds.h). */
#include "bounds.h"

#include "fieldterm.h"

void ns_bounds_init(struct ns_bounds *b, const char *text, size_t len)
{
	ns_sent_init(&b->s, text, len);
	b->more = ns_sent_next(&b->s, &b->next, &b->next_para);
	b->first = 1;
}

int ns_bounds_add(struct ns_bounds *b, struct ns_invert *inv, size_t off, uint32_t pos)
{
	int sentence = b->first, rc = NS_OK;
	int para = sentence;

	b->first = 0;
	/* Starts with no word before the next one (a blank line, then a
	 * headline) fall on that word. */
	while (b->more && b->next <= off) {
		sentence = 1;
		para |= b->next_para;
		b->more = ns_sent_next(&b->s, &b->next, &b->next_para);
	}
	if (sentence)
		rc = ns_invert_add(inv, NS_FT_SENTENCE_TERM, 2, pos);
	if (para && rc == NS_OK)
		rc = ns_invert_add(inv, NS_FT_PARAGRAPH_TERM, 2, pos);
	return rc;
}
