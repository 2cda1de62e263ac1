/* SPDX-License-Identifier: MIT */
/* textclean.h -- undo what flattening a web page does to plain text.
 *
 * Pages copied as text glue a list item's number to its first word
 * ("• 3Several Gulf states": the number was a styled <span>) and put
 * labels ("TAGS", "Key Takeaways", "Advertisement") on lines of their
 * own.  The plain-text reader uses these to keep such debris out of words
 * and titles.
 */
#ifndef NS_TEXTCLEAN_H
#define NS_TEXTCLEAN_H

#include <stddef.h>

#include "buf.h"

/* Rewrites t in place: on a line that starts (after blanks) with a bullet
 * (•, ◦, ▪, ‣, ·, -, *, –) followed by a list number glued to a word
 * starting with a capital ("• 3Several"), a space goes between the number
 * and the word ("• 3 Several").  Returns NS_OK or NS_ERR_NOMEM. */
int ns_textclean_lists(struct ns_buf *t);

/* 1 when line[0..n) (blanks around allowed) is a label, not a headline:
 * a known section or widget label ("Key Takeaways", "TAGS", "Related
 * Articles", "Advertisement", "Editor's Desk", ...) or a single word in
 * capitals. */
int ns_textclean_is_label(const char *line, size_t n);

#endif /* NS_TEXTCLEAN_H */
