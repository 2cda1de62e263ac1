/* SPDX-License-Identifier: MIT */
/* stopwords.h -- query-time stopwords for natural-language queries.
 *
 * A long question ("what articles deal with time sharing systems") carries
 * words that match nearly every article and only blur the ranking.  Such a
 * word given alone as an AND/OR operand is left out of the query; inside a
 * phrase or as a NEAR operand it stays ("the who", "state of the art"),
 * and a query made only of stopwords keeps them all.  Nothing is removed at
 * index time, so every word can still be searched.  The list is Snowball's
 * English stop list (snowballstem.org/algorithms/english/stop.txt); it is
 * used only when the index's language is English.
 */
#ifndef NS_STOPWORDS_H
#define NS_STOPWORDS_H

#include <stddef.h>

/* Whether the folded (tokenized, unstemmed) word is a stopword of lang. */
int ns_stopword(const char *lang, const char *word, size_t len);

#endif /* NS_STOPWORDS_H */
