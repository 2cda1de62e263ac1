/* SPDX-License-Identifier: MIT */
/* headline.h -- a page's headline from the strings publishers give it.
 *
 * Publishers write the headline several times: in <title> and og:title
 * with the site's name ("Headline | Site", "Site » Blog Archive »
 * Headline", "Headline-新华网"), a section ("Local News | Headline") or a
 * date ("23.01.2022 - Headline") around it; in <h1>, the visible one.
 * These functions compare such strings by their words and cut the parts
 * that are not the headline.  Pure string work, no HTML (html.c chooses
 * among the candidates).
 *
 * Words: runs of ASCII letters and digits and of non-ASCII characters
 * other than punctuation (dashes, quotes, bullets, CJK and full-width
 * punctuation are not words); compared without regard to ASCII case.
 */
#ifndef NS_HEADLINE_H
#define NS_HEADLINE_H

#include <stddef.h>

#include "buf.h"

/* Are a[0..an) and b[0..bn) the same words? */
int ns_headline_same(const char *a, size_t an, const char *b, size_t bn);

/* The number of words of s[0..n). */
size_t ns_headline_words(const char *s, size_t n);

/* Is s[0..n) the headline inside r[0..rn): all of r, or a part of r cut
 * at a separator (" | ", " - ", " » ", ...; in Chinese and Japanese
 * titles also "-", "_", "|" written without spaces)?  Sets [*off, *off + *len) to
 * that part of r and returns 1, else 0. */
int ns_headline_part(const char *r, size_t rn, const char *s, size_t sn, size_t *off,
		     size_t *len);

/* The site's name as a host gives it: the longest label of the host of
 * url, without the last ("www.four-years.eu" -> "four-years"), into
 * out[cap]; "" when url has no host. */
void ns_headline_host(const char *url, char *out, size_t cap);

/* Does s[0..n) name the site: same words as site (may be NULL), or a
 * short name whose first words, run together, spell host (may be "")? */
int ns_headline_is_site(const char *s, size_t n, const char *site, const char *host);

/* Cuts from title t (in place) the parts around the headline: the site's
 * name and a date; when loose (a <title>, not a visible h1), also a short
 * part that is probably the site's name ("Headline | Short Name") and a
 * section label before a " | " or after the site's name.
 * (Titles written without spaces keep their "_频道_网站" parts: "_" and
 * "-" are as often inside their headlines.)  site, host as for ns_headline_is_site; h1: the page's visible
 * headline or NULL, which a title equal to it keeps whole. */
void ns_headline_strip(struct ns_buf *t, const char *site, const char *host, const char *h1,
			int loose);

#endif /* NS_HEADLINE_H */
