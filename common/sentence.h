/* SPDX-License-Identifier: MIT */
/* sentence.h -- where the sentences and paragraphs of news text begin.
 *
 * The indexer records the first word of every sentence and paragraph
 * (format.h, I10) so that queries can ask for words in one sentence or one
 * paragraph; this module decides where they begin.  It reads UTF-8 text
 * and reports byte offsets; it never fails and never reads past the end.
 *
 * The rules, for news as it is written:
 *   - a paragraph ends at a blank line (a line of only spaces), in plain
 *     text and in JSON bodies alike; a paragraph end is a sentence end;
 *   - a sentence ends after '.', '!', '?' or an ellipsis ("..." or U+2026),
 *     with any closing quotes or brackets after them ('."', '?"', '.”',
 *     '.)'), when whitespace follows and the next word does not start
 *     with a lower-case letter ("Yahoo! said", "Really?" he asked);
 *   - a '.' glued to what follows ends nothing (3.5%, U.S.-Iran, site.com);
 *   - after a title ("Mr.", "Gen.", "Sen.", "Dr." ...) no sentence ends;
 *     after an acronym (U.S., U.N., p.m.), a single initial (J. R. R.
 *     Tolkien) or another common abbreviation (Feb., Inc., Jr., No.,
 *     etc.) one ends only when the next word is one that typically opens
 *     a sentence ("The", "It", "But" ...): "the U.S. The" ends, "U.S.
 *     President" and "Feb. 16" do not;
 *   - a line is a sentence of its own when it is a headline: no final
 *     punctuation, and title case (every word but short function words
 *     capitalised, at least two such words: "Diplomacy Resumes At
 *     Geneva") or one word in capitals ("TAGS"), and the next line does
 *     not start in lower case; a line of one capitalised word ("Editor's")
 *     goes on with the next line ("Desk"); any line before a blank line
 *     ends a paragraph anyway;
 *   - a bullet line (after spaces: one of • · ▪ ◦ ‣ - * – followed by a
 *     space, or "1." / "1)" followed by a space) starts a sentence.
 *
 * The start of the text is always the start of a sentence and paragraph;
 * it is not reported.
 */
#ifndef NS_SENTENCE_H
#define NS_SENTENCE_H

#include <stddef.h>

/* Iterator over the sentence starts of one text; on the caller's stack.
 * Borrows the text, which must stay valid while it is used. */
struct ns_sentences {
	const unsigned char *t;	/* the text */
	size_t len;		/* its bytes */
	size_t at;		/* next byte to look at */
	size_t line;		/* start of the line holding byte at */
};

void ns_sent_init(struct ns_sentences *s, const char *text, size_t len);

/* Finds the next sentence start: *off is the byte offset of its first
 * character that is not a space (a quote, a bullet or a letter), after
 * every offset reported before; *para is 1 when a paragraph starts there
 * too, else 0.  Returns 1, or 0 when no sentence starts after the last
 * one reported (trailing spaces start nothing). */
int ns_sent_next(struct ns_sentences *s, size_t *off, int *para);

#endif /* NS_SENTENCE_H */
