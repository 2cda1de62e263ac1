/* SPDX-License-Identifier: MIT */
/* output.h -- nsearch's output formats, driven by the hits of the public
 * API (nsearch.h): the program's side, not the library's.
 *
 * text:  one block per hit: rank and title; id, date and source; the
 *        snippet (matched words in bold when color is on); with an
 *        explanation, how the score was computed.
 * tsv:   one line per hit: rank, score, id, date, title, url-or-path,
 *        story; tabs, newlines and other control characters inside fields
 *        become spaces, so every line has exactly seven fields.
 * json:  JSON Lines, one object per hit (schema NS_OUTPUT_JSON_VERSION):
 *        {"version":1,"rank":1,"score":2.5,"id":"...","title":"..."|null,
 *         "date":"YYYY-MM-DD"|null,"source":...|null,"url":...|null,
 *         "path":...|null,"snippet":"...","highlights":[[start,end],...],
 *         "story":"16 hex digits"|null,"story_size":N}
 *        highlights are byte offsets into the UTF-8 snippet; with an
 *        explanation an "explain" object follows, with a body "body".  Strings are escaped per
 *        RFC 8259 plus U+2028/U+2029; bytes that are not UTF-8 become U+FFFD.
 * ids:   the id alone, ended by a newline (control characters as spaces) or,
 *        with nul, by a NUL byte (the id as stored).
 */
#ifndef NS_OUTPUT_H
#define NS_OUTPUT_H

#include <stdio.h>

#include "nsearch.h"

#define NS_OUTPUT_JSON_VERSION 1

enum ns_output_format {
	NS_OUTPUT_TEXT,
	NS_OUTPUT_TSV,
	NS_OUTPUT_JSON,
	NS_OUTPUT_IDS,
};

struct ns_output_opts {
	enum ns_output_format format;
	int color;		/* text: matched words and titles in ANSI bold */
	int nul;		/* ids: end each with NUL, not newline */
};

/* The tsv header line (rank score id date title url_or_path story).  0, or -1
 * when the output failed (errno set). */
int ns_output_header(FILE *out, const struct ns_output_opts *o);

/* Prints one hit, with the explanation of its score when ex is not NULL
 * (text and json).  0, or -1 when the output failed (errno set). */
int ns_output_hit(FILE *out, const struct ns_output_opts *o, const ns_result *h,
		  const ns_explanation *ex);

/* ns_output_hit() with the article's whole text in json ("body"; NULL:
 * none). */
int ns_output_hit_body(FILE *out, const struct ns_output_opts *o, const ns_result *h,
		       const ns_explanation *ex, const char *body, size_t len);

/* text: the line after a collapsed hit naming the other versions folded
 * into it, "    +N more versions: ID (DATE), ..., and M more", from the
 * first n_shown of the n_all versions v (nothing when n_all is 0).  Other
 * formats print nothing.  0 or -1 (errno). */
int ns_output_versions(FILE *out, const struct ns_output_opts *o, const ns_result *v,
		       size_t n_shown, size_t n_all);

/* text: why a hit is in its story, "    story ID (N articles): ..." and
 * for a retelling the shared terms.  0 or -1 (errno). */
int ns_output_story_explain(FILE *out, const ns_story_explanation *ex);

/* A story's timeline (nsearch --story): text, a head line "story ID: N
 * articles" then per article "  DATE  SOURCE  ID  TITLE"; other formats
 * one hit each (ns_output_hit).  The head is printed by
 * ns_output_timeline_head (text only), each article by
 * ns_output_timeline_entry.  0 or -1 (errno). */
int ns_output_timeline_head(FILE *out, const struct ns_output_opts *o, const char *story,
			    size_t n);
int ns_output_timeline_entry(FILE *out, const struct ns_output_opts *o, const ns_result *h);

/* One matching story (nsearch --stories), ranked rank: best is the hit
 * that stands for it (its title is the headline), s its summary.
 *   text: "N. HEADLINE", "    story ID: N articles, FIRST .. LAST",
 *         "    sources: A, B" (or "(none)", "and more" when cut)
 *   tsv:  rank score story size first last headline sources(", ")
 *   json: {"rank","score","story","size","id","headline","sources":[],
 *          "first_date","last_date"} (dates null when undated)
 *   ids:  the story id
 * 0 or -1 (errno). */
int ns_output_story(FILE *out, const struct ns_output_opts *o, size_t rank, const ns_result *best,
		    const ns_story_summary *s);

/* Prints one article whole (nsearch --show): f its fields
 * (ns_index_article_fields), body[0..len) its stored text.  text: the
 * title, then "date: ", "source: ", "url: " and "path: " lines (each only
 * when set), an empty line and the text; json: one object {"id","title",
 * "date","source","url","path","body"} (absent fields null) and a newline.
 * 0, or -1 when the output failed (errno set). */
int ns_output_article(FILE *out, const struct ns_output_opts *o, const ns_result *f,
		      const char *body, size_t len);

/* Writes s[0..len) as a JSON string (with its quotes). */
void ns_output_json_string(FILE *out, const char *s, size_t len);

#endif /* NS_OUTPUT_H */
