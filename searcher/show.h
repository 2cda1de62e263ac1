/* SPDX-License-Identifier: MIT */
/* show.h -- print hits for people (text) and for programs (tsv, json, ids),
 * with snippets.
 *
 * text:  one block per hit: rank and title; id, date and source; a snippet
 *        of one or two passages of the body around the densest clusters of
 *        query terms (matched words in bold when color is on); with an
 *        explanation, how the score was computed.
 * tsv:   one line per hit: rank, score, id, date, title, url-or-path;
 *        tabs, newlines and other control characters inside fields become
 *        spaces, so every line has exactly six fields.
 * json:  JSON Lines, one object per hit (schema NS_SHOW_JSON_VERSION):
 *        {"version":1,"rank":1,"score":2.5,"id":"...","title":"..."|null,
 *         "date":"YYYY-MM-DD"|null,"source":...|null,"url":...|null,
 *         "path":...|null,"snippet":"...","highlights":[[start,end],...]}
 *        highlights are byte offsets into the UTF-8 snippet; with an
 *        explanation an "explain" object follows.  Strings are escaped per
 *        RFC 8259 plus U+2028/U+2029; bytes that are not UTF-8 become U+FFFD.
 * ids:   the id alone, ended by a newline (control characters as spaces) or,
 *        with nul, by a NUL byte (the id as stored).
 */
#ifndef NS_SHOW_H
#define NS_SHOW_H

#include <stdio.h>

#include "index.h"
#include "match.h"
#include "rank.h"
#include "stories.h"

#define NS_SHOW_JSON_VERSION 1

enum ns_show_format {
	NS_SHOW_TEXT,
	NS_SHOW_TSV,
	NS_SHOW_JSON,
	NS_SHOW_IDS,
};

/* All-zero is a valid start: text, no color, a 200-byte snippet. */
struct ns_show_opts {
	enum ns_show_format format;
	int color;			/* highlight matches with ANSI bold */
	size_t snippet_len;		/* about this many bytes of snippet (0: 200) */
	const char *const *terms;	/* query terms (stemmed), sorted */
	size_t n_terms;
	int nul;			/* ids: end each with NUL, not newline */
	struct ns_stories *stories;	/* tsv/json: add each hit's story
						 * (stories.h), or NULL */
	int body;			/* json: add the whole body text */
};

/* The tsv header line (rank score id date title url_or_path).  NS_OK or
 * NS_ERR_IO. */
int ns_show_header(FILE *out, const struct ns_show_opts *o);

/* Prints hit number `rank` (1-based).  Returns NS_OK, NS_ERR_CORRUPT (the
 * document record failed its check), NS_ERR_NOMEM, or NS_ERR_IO when the
 * output failed (errno set, e.g. EPIPE). */
int ns_show_hit(FILE *out, struct ns_index *idx, const struct ns_show_opts *o, size_t rank,
		const struct ns_hit *hit);

/* The same with the explanation of its score (text and json; ignored by
 * the other formats); ex may be NULL. */
int ns_show_hit_explained(FILE *out, struct ns_index *idx, const struct ns_show_opts *o,
			  size_t rank, const struct ns_hit *hit, const struct ns_explain *ex);

/* A snippet: plain text and where the matched words are in it. */
struct ns_snip {
	char *text;		/* NUL-terminated UTF-8 (malloc'd) */
	size_t len;
	size_t (*hl)[2];	/* [start, end) byte offsets of matched words */
	size_t n_hl;
};

/* Builds the snippet of text for the sorted query terms: about max_len
 * bytes of whole words in one passage around the densest cluster of
 * matches, or, when that passage misses query terms found elsewhere, two
 * passages of half that size joined by " … "; a passage starts at the
 * start of its sentence and ends at the end of one where it can; newlines
 * folded to spaces; "…" where text was cut.  Without matches, the start of
 * the text.  NS_OK or NS_ERR_NOMEM; release with ns_snip_release(). */
int ns_snippet_build(struct ns_analyzer *an, const char *text, size_t len,
		     const char *const *terms, size_t n_terms, size_t max_len, struct ns_snip *out);
void ns_snip_release(struct ns_snip *s);

/* The snippet with matched words wrapped in hl_on/hl_off (may be "").
 * Returns a malloc'd string or NULL when out of memory. */
char *ns_snippet(struct ns_analyzer *an, const char *text, size_t len, const char *const *terms,
		 size_t n_terms, size_t max_len, const char *hl_on, const char *hl_off);

/* Writes s[0..len) as one line: line breaks and control bytes become
 * spaces. */
void ns_show_field(FILE *out, const char *s, size_t len);

/* Writes s[0..len) as a JSON string (with its quotes) into out. */
void ns_show_json_string(FILE *out, const char *s, size_t len);

#endif /* NS_SHOW_H */
