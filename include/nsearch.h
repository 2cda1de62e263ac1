/* SPDX-License-Identifier: MIT */
/* nsearch.h -- libnsearch, the nsearch full-text engine as a C library.
 *
 * One header, opaque handles, plain C11.  The two programs nsearch(1) and
 * nindex(1) are clients of exactly this API.
 *
 *   ns_index *idx;
 *   ns_results *r;
 *   if (ns_index_open("news.idx", &idx) != NS_OK) {
 *           fprintf(stderr, "%s\n", ns_index_errmsg(idx));
 *           ns_index_close(idx);
 *           return 1;
 *   }
 *   if (ns_search(idx, "iran NEAR/5 talks", NULL, &r) == NS_OK) {
 *           const ns_result *h;
 *           for (size_t i = 0; i < ns_results_size(r); i++)
 *                   if (ns_results_hit(r, i, &h) == NS_OK)
 *                           printf("%.4f %s %s\n", h->score, h->id, h->title);
 *           ns_results_free(r);
 *   }
 *   ns_index_close(idx);
 *
 * Conventions
 * - Every function that can fail returns an int: NS_OK (0) on success, a
 *   negative NS_ERR_* code on failure (ns_strerror() names it).  A failing
 *   call on a handle leaves a message (naming the file, or the column of a
 *   query syntax error) that ns_index_errmsg() / ns_writer_errmsg() return.
 * - Strings are NUL-terminated UTF-8.  Strings and structs returned by the
 *   library belong to the library: they stay valid until the handle they
 *   came from is freed (or as said), and must not be freed by the caller.
 * - NULL handles or out-pointers where a value is required make a function
 *   return NS_ERR_USAGE (functions returning a value return 0 or NULL).
 * - Options are opaque handles with setters, so options added later are
 *   new setters and programs built against this header keep working.
 *   Grouping came that way: ns_opts_set_collapse(), the story fields at
 *   the end of ns_result, and ns_results_versions() and the other
 *   story accessors; nothing that existed changed.
 *
 * Thread-safety
 * - An ns_index handle may be shared by any number of threads: ns_search(),
 *   ns_count(), ns_index_stats(), ns_index_article() may run at once on
 *   one handle.  (Inside, one handle's searches take turns on a mutex,
 *   because the segment reader verifies and inflates lazily per segment;
 *   for searches that run in parallel, open the index once per thread.)
 * - ns_results, ns_opts and ns_writer handles belong to one thread at a
 *   time (use them from several threads only with your own locking).
 * - Error messages are kept per handle and per thread, as errno: a
 *   thread's ns_index_errmsg(idx) is about its own last failing call.
 * - Only one ns_writer may publish at a time in a process (the indexer
 *   keeps process-wide state while it builds); indexes are locked against
 *   other processes by INDEX_DIR/LOCK.
 */
#ifndef NSEARCH_H
#define NSEARCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Symbols of the shared library: only these are exported. */
#if defined(__GNUC__)
#define NS_API __attribute__((visibility("default")))
#else
#define NS_API
#endif

#define NSEARCH_VERSION "0.3.0"
#define NSEARCH_VERSION_MAJOR 0
#define NSEARCH_VERSION_MINOR 3

/* The library's version string ("0.3.0"), for checking the one loaded at
 * run time against NSEARCH_VERSION. */
NS_API const char *ns_version(void);

/* The version of the on-disk index format this library reads and writes. */
NS_API unsigned ns_format_version(void);

/* ---- result codes ------------------------------------------------------ */

/* As in zlib: 0 is success, values above zero are normal events, values
 * below zero are errors.  The library's one list of codes. */
enum ns_err {
	NS_OK = 0,
	NS_DONE = 1,		/* iterator exhausted / nothing to do: not an error */
	NS_ERR_NOMEM = -1,	/* an allocation failed */
	NS_ERR_IO = -2,		/* a system call failed (errno holds the cause) */
	NS_ERR_CORRUPT = -3,	/* bytes read from an index failed a check */
	NS_ERR_VERSION = -4,	/* index written by an incompatible version */
	NS_ERR_QUERY = -5,	/* query text does not parse (see ns_index_errcol) */
	NS_ERR_INPUT = -6,	/* an input article is malformed */
	NS_ERR_USAGE = -7,	/* bad arguments: NULL handle, bad option value, ... */
	NS_ERR_LIMIT = -8,	/* a bound was exceeded, or the index is locked by
				 * another updater */
	NS_ERR_NOTFOUND = -9,	/* a named thing (index, language, id) is absent */
};

/* Short English description of a code ("index is corrupt").  Never NULL;
 * the string is static.  Thread-safe. */
NS_API const char *ns_strerror(int rc);

/* ---- opening an index to search ---------------------------------------- */

typedef struct ns_index_handle ns_index;	/* an open index (read-only) */
typedef struct ns_opts_handle ns_opts;		/* options of a search */
typedef struct ns_results_handle ns_results;	/* the hits of one search */

/* Opens the index in directory path for searching; it sees the index as
 * published when opened (a later update needs a new open).  Returns NS_OK;
 * NS_ERR_NOTFOUND when path holds no index; NS_ERR_CORRUPT, NS_ERR_VERSION,
 * NS_ERR_IO, NS_ERR_NOMEM; NS_ERR_USAGE for NULL arguments.  Unless out of
 * memory, *out is set even on failure, to a handle that only holds the
 * message (ns_index_errmsg); close it with ns_index_close() either way. */
NS_API int ns_index_open(const char *path, ns_index **out);

/* Opens the n indexes in paths as one (nsearch -i A -i B): their segments
 * are searched as one list, with document counts, lengths and document
 * frequencies summed over the live articles of all of them, so scores and
 * order are those of one index built from their sources in the order given
 * (ties go to the earlier index).  An id live in two of them is shown as
 * "name:id" (ns_result.id; ns_index_article() and ns_opts_set_similar()
 * take that form), name being the last component of the index's path, or
 * the path as given when two of them share it (ns_index_piece()).  Large
 * searches run their segments on several threads (NSEARCH_THREADS, see
 * nsearch(1)).  The indexes must share a language and be distinct.
 * Returns as ns_index_open(), the message naming the index that failed;
 * NS_ERR_USAGE also for different languages or an index given twice,
 * NS_ERR_LIMIT for n of 0 or above 4096.  With n == 1 it is
 * ns_index_open(). */
NS_API int ns_index_open_many(const char *const *paths, size_t n, ns_index **out);

/* How many indexes idx was opened from with ns_index_open_many() (0 for
 * one opened alone or by ns_index_open()). */
NS_API size_t ns_index_n_pieces(const ns_index *idx);

/* The name (the prefix of its clashing ids) and path of piece i of idx
 * (i < ns_index_n_pieces(idx)); valid until idx is closed.  NS_OK,
 * NS_ERR_USAGE. */
NS_API int ns_index_piece(const ns_index *idx, size_t i, const char **name, const char **path);

/* Closes an index and frees what it owns.  NULL is fine.  Free its
 * results first; not while another thread uses the handle. */
NS_API void ns_index_close(ns_index *idx);

/* The message of the calling thread's last failing call on idx, e.g.
 * "query: column 7: missing ')'" or "'x.idx/MANIFEST': index is corrupt";
 * "" when that call set none.  With idx NULL: of the thread's last failed
 * ns_index_open() that could not return a handle.  Valid until the
 * thread's next call on the library. */
NS_API const char *ns_index_errmsg(const ns_index *idx);

/* The code of that call (NS_OK when none failed). */
NS_API int ns_index_errcode(const ns_index *idx);

/* For NS_ERR_QUERY: the 1-based column (in characters) where the syntax
 * error was found; 0 when unknown or for other errors. */
NS_API size_t ns_index_errcol(const ns_index *idx);

/* ---- search options ---------------------------------------------------- */

enum ns_order {
	NS_ORDER_SCORE = 0,	/* best score first (default) */
	NS_ORDER_DATE,		/* oldest first; undated articles last */
	NS_ORDER_DATE_DESC,	/* newest first; undated articles last */
};

/* A new options handle with the defaults: limit 10, offset 0, order by
 * score, no date range, words ANDed, 200-byte snippets.  NULL when out of
 * memory.  A NULL ns_opts given to a search means these defaults. */
NS_API ns_opts *ns_opts_new(void);
NS_API void ns_opts_free(ns_opts *o);	/* NULL is fine */

/* Setters: NS_OK, or NS_ERR_USAGE for a NULL handle or a bad value (the
 * option is then unchanged). */
#define NS_MAX_LIMIT 1000000	/* limit + offset at most this */
NS_API int ns_opts_set_limit(ns_opts *o, size_t limit);	/* hits kept; 0: count only */
/* As a limit: every hit; only with ns_opts_set_all() (a search ranks its
 * hits in memory bounded by NS_MAX_LIMIT, an export walks the index). */
#define NS_LIMIT_ALL SIZE_MAX
NS_API int ns_opts_set_offset(ns_opts *o, size_t offset);	/* hits skipped first */
NS_API int ns_opts_set_order(ns_opts *o, enum ns_order order);
/* Only articles dated date or later (since) / earlier (until); a date is
 * YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss (until takes the end
 * of a partial date: 2026-02 = all of February); NULL removes the bound.
 * A search with since after until is NS_ERR_USAGE. */
NS_API int ns_opts_set_since(ns_opts *o, const char *date);
NS_API int ns_opts_set_until(ns_opts *o, const char *date);
/* any != 0: juxtaposed words are ORed instead of ANDed. */
NS_API int ns_opts_set_any(ns_opts *o, int any);
/* expand != 0: add words from the best hits to the query (RM3). */
NS_API int ns_opts_set_expand(ns_opts *o, int expand);
/* About this many bytes of snippet per hit; 0: no snippet (cheaper: the
 * article text is not read). */
NS_API int ns_opts_set_snippet_len(ns_opts *o, size_t len);
/* The date range set, as days: since[] and until[] get YYYY-MM-DD, or ""
 * for an open end.  Returns 1 when a bound is set, 0 when none, or
 * NS_ERR_USAGE. */
NS_API int ns_opts_get_range(const ns_opts *o, char since[11], char until[11]);
/* Nonzero when since is after until: no date is in between. */
NS_API int ns_opts_range_is_empty(const ns_opts *o);
/* Only articles that reached the index after publish (generation)
 * generation: added or replaced by a later nindex run, as the index records
 * (merges and compaction keep it); 0: all.  Segments holding nothing newer
 * are not read.  For alerts (nsearch --new); see ns_index_generation(). */
NS_API int ns_opts_set_arrived_after(ns_opts *o, uint64_t generation);
/* The same for piece i (0 <= i < 4096) of an index opened with
 * ns_index_open_many(): each piece counts its own generations (see
 * ns_index_piece_generation()), so each takes its own mark, which replaces
 * the one of ns_opts_set_arrived_after() there.  Pieces past the index's
 * own are ignored.  NS_OK, NS_ERR_USAGE, NS_ERR_NOMEM. */
NS_API int ns_opts_set_piece_arrived_after(ns_opts *o, size_t piece, uint64_t generation);
/* exact == 0: the search need not count every match; it may stop as soon
 * as its top hits are certain (skipping what cannot enter them: the
 * pruned top-k), and ns_results_total() is then NS_TOTAL_UNKNOWN.  The
 * default is 1 (exact totals).  ns_count() always counts. */
#define NS_TOTAL_UNKNOWN UINT64_MAX
NS_API int ns_opts_set_total(ns_opts *o, int exact);
/* Instead of a query: the articles most like article id (itself left out);
 * NULL turns it off.  The query text given to the search must be NULL and
 * no date range set.  The id is copied. */
NS_API int ns_opts_set_similar(ns_opts *o, const char *id);

/* Stories (see nindex(1), STORIES): nindex gives every article a story,
 * the group of its copies and retellings.  How a search groups its hits:
 * NS_COLLAPSE_OFF (the default) keeps every article; NS_COLLAPSE_COPIES
 * keeps the best-ranked of each group of copies (the same text, or nearly:
 * a new headline, boilerplate, a correction); NS_COLLAPSE_STORIES the
 * best-ranked article of each story.  With collapsing, limit and offset
 * count groups, ns_count() counts groups, ns_results_total() still counts
 * articles, and ns_results_versions() gives the articles folded into a
 * hit.  Stories are kept per index: several indexes opened as one
 * (ns_index_open_many()) have none, so collapsing, ns_stories(),
 * ns_story() and ns_results_story() fail there with NS_ERR_USAGE, hits'
 * story is "" and ns_results_story_explain() answers NS_DONE. */
enum ns_collapse {
	NS_COLLAPSE_OFF = 0,
	NS_COLLAPSE_COPIES,
	NS_COLLAPSE_STORIES,
};
NS_API int ns_opts_set_collapse(ns_opts *o, enum ns_collapse how);
/* all != 0: instead of a query, every live article, in index order, with
 * score 0 (an export: nsearch --all; limit and offset apply, and the
 * limit may be NS_LIMIT_ALL).  The query text must be NULL and no date
 * range or similar-to id set. */
NS_API int ns_opts_set_all(ns_opts *o, int all);

/* ---- searching ---------------------------------------------------------- */

/* Runs query (the query language of nsearch(1); NULL: every article in the
 * date range, which must then be set) with options o (NULL: defaults).
 * On NS_OK *out holds the hits (free with ns_results_free).  On error *out
 * is NULL: NS_ERR_QUERY for a syntax error or a query the index cannot
 * answer (message and column: ns_index_errmsg/ns_index_errcol),
 * NS_ERR_NOTFOUND for a similar-to id that is absent, NS_ERR_CORRUPT,
 * NS_ERR_NOMEM, NS_ERR_USAGE.  Thread-safe on a shared idx. */
NS_API int ns_search(ns_index *idx, const char *query, const ns_opts *o, ns_results **out);

/* The exact number of matching articles, without collecting hits (limit
 * and offset of o are ignored).  Errors as ns_search(). */
NS_API int ns_count(ns_index *idx, const char *query, const ns_opts *o, uint64_t *count);

/* Counts every match per period and prints them to out (nsearch
 * --timeline): unit "day", "week" (ISO), "month", "year", or "" / NULL
 * for the finest giving 10 to 60 periods (else the nearest to that);
 * every period of the span, empty ones included; as TSV
 * "period<TAB>count" lines (then "undated<TAB>n"), or with tty as Unicode
 * bars width columns wide.  With o's collapse NS_COLLAPSE_STORIES,
 * stories are counted, each once in the period of its earliest matching
 * article; NS_COLLAPSE_COPIES is NS_ERR_USAGE.  *n_matches gets the
 * number of matching articles.  NS_OK; NS_ERR_IO (errno) when writing
 * failed; NS_ERR_USAGE (a bad unit, a similar-to search); else as
 * ns_count().  Counted from the index's day column, never from the
 * articles. */
NS_API int ns_timeline(ns_index *idx, const char *query, const ns_opts *o, const char *unit,
		       FILE *out, int tty, int width, uint64_t *n_matches);

/* Counts every match per value of field ("source", "year", "month") and
 * prints at most max_rows rows, most frequent first (nsearch --facet): TSV
 * "value<TAB>count", or aligned with tty.  With NS_COLLAPSE_STORIES,
 * stories: by year or month in the period of their earliest matching
 * article, by source once per source among their matching articles.
 * Returns as ns_timeline(). */
NS_API int ns_facet(ns_index *idx, const char *query, const ns_opts *o, const char *field,
		    size_t max_rows, FILE *out, int tty, uint64_t *n_matches);

/* The generation of the index as opened (bumped by every publish) and its
 * identity (random, new when the index is created or rebuilt with
 * --full: generations of two identities are not comparable).  Either
 * pointer may be NULL.  NS_OK or NS_ERR_USAGE. */
NS_API int ns_index_generation(ns_index *idx, uint64_t *generation, uint64_t *identity);
/* The same for piece i of an index opened with ns_index_open_many() (i <
 * ns_index_n_pieces(idx)); ns_index_generation() of such an index gives
 * the newest piece's generation and identity 0.  NS_OK or NS_ERR_USAGE. */
NS_API int ns_index_piece_generation(ns_index *idx, size_t i, uint64_t *generation,
				     uint64_t *identity);

/* Spelling ("did you mean"): query with its misspelled words replaced by
 * the archive's likeliest words, the query language kept (operators,
 * phrases, fields, prefixes, fuzzy words, numbers and source:/date:
 * operands as typed).  A word the archive knows well is never replaced;
 * candidates are the archive's words within one edit (two when none will
 * do), ranked by frequency, common typing slips and the phrases they make
 * with the query's other words (nsearch(1), --spell).  The any option of
 * o (NULL: defaults) says how juxtaposed words combine.  NS_OK with *out
 * a malloc'd NUL-terminated string the caller frees with free(); NS_DONE
 * (and *out NULL) when there is no better query; NS_ERR_CORRUPT,
 * NS_ERR_NOMEM, NS_ERR_USAGE.  Thread-safe on a shared idx.  A caller
 * proposing the correction typically counts both (ns_count) and says so
 * when the query matches nothing or ten times fewer articles. */
NS_API int ns_spell(ns_index *idx, const char *query, const ns_opts *o, char **out);

/* "Did you mean" for query, which matched n_matches articles: NS_OK with
 * *out (malloc'd, free() it) the correction and *n_fixed the articles it
 * matches with o (ns_count), when it matches some and the query none or
 * ten times fewer; NS_DONE (*out NULL) otherwise.  A query that matched
 * some articles and whose every word is, as a term (its stem), one the
 * archive knows well is judged from the index's terms alone, without
 * opening the word forms: it gets NS_DONE (nsearch(1), DID YOU MEAN).
 * Errors as ns_spell(); thread-safe on a shared idx. */
NS_API int ns_suggest(ns_index *idx, const char *query, const ns_opts *o, uint64_t n_matches,
		      char **out, uint64_t *n_fixed);

/* Frees results (NULL is fine). */
NS_API void ns_results_free(ns_results *r);

/* The exact number of articles that matched (all of them, not only the
 * hits kept); NS_TOTAL_UNKNOWN after ns_opts_set_total(o, 0). */
NS_API uint64_t ns_results_total(const ns_results *r);

/* Hits kept: at most limit, those after the offset, best first. */
NS_API size_t ns_results_size(const ns_results *r);

/* One hit.  Fields other than rank, score and docid are read from the
 * index on the first ns_results_hit() of the hit: all of them (and the
 * snippet), which costs more than the search itself for a cheap query;
 * ns_results_score() and ns_results_field() below read only what is asked.
 * Optional strings are "" when the article has none.  Fields may be added
 * at the end later. */
typedef struct ns_result {
	size_t rank;		/* 1-based, counting the offset */
	double score;		/* BM25F + proximity */
	uint64_t docid;		/* internal number, valid for this open index */
	const char *id;		/* the article's id */
	size_t id_len;		/* (an id may hold NUL bytes) */
	const char *title;
	size_t title_len;
	const char *date;	/* YYYY-MM-DD, or the date as given when it
				 * could not be read, or "" */
	const char *source;
	size_t source_len;
	const char *url;
	size_t url_len;
	const char *path;	/* the file the article came from */
	size_t path_len;	/* (stored strings may hold NUL bytes: the
				 * lengths are exact) */
	const char *snippet;	/* passages of the body around the matches
				 * ("" with snippets off) */
	size_t snippet_bytes;
	const size_t (*highlights)[2];	/* [start, end) byte offsets of the
					 * matched words in snippet */
	size_t n_highlights;
	const char *story;	/* the id of the article's story: 16 lowercase
				 * hex digits, stable over updates ("" for
				 * several indexes opened as one) */
	size_t story_size;	/* live articles in that story (1: alone) */
} ns_result;

/* Sets *hit to hit i (0 <= i < ns_results_size) of r; the struct stays
 * valid until r is freed.  NS_OK, NS_ERR_USAGE (i out of range),
 * NS_ERR_CORRUPT (the record failed its check), NS_ERR_NOMEM. */
NS_API int ns_results_hit(ns_results *r, size_t i, const ns_result **hit);

/* Parts of hit i one at a time, for callers that want few (a list of ids,
 * a ranking run): each is read only when asked. */

/* The score and docid of hit i, as in its ns_result, without reading the
 * index; 0 when r is NULL or i >= ns_results_size(r). */
NS_API double ns_results_score(const ns_results *r, size_t i);
NS_API uint64_t ns_results_docid(const ns_results *r, size_t i);

/* The stored fields, as named in ns_result. */
enum ns_field {
	NS_FIELD_ID = 0,
	NS_FIELD_TITLE,
	NS_FIELD_DATE,
	NS_FIELD_SOURCE,
	NS_FIELD_URL,
	NS_FIELD_PATH,
};

/* Sets *value to field of hit i (0 <= i < ns_results_size) and *len (may
 * be NULL) to its length: the same string as that field of the hit's
 * ns_result (NUL-terminated, "" when the article has none, the same
 * pointer once either was asked), valid until r is freed.  The hit's
 * record is read and checked on the first field asked of it; each field
 * is copied out only when asked.  NS_OK, NS_ERR_USAGE (i or field out of
 * range, a NULL pointer), NS_ERR_CORRUPT (the record failed its check),
 * NS_ERR_NOMEM. */
NS_API int ns_results_field(ns_results *r, size_t i, enum ns_field field, const char **value,
			    size_t *len);

/* The query as understood, fully bracketed, e.g. (AND iran (OR a b));
 * NULL for a search without query text. */
NS_API const char *ns_results_query(const ns_results *r);

/* How a hit's score was computed. */
typedef struct ns_explain_item {
	const char *text;	/* iran, title:iran, source:reuters, ... */
	int restriction;	/* a filter (source:, date:): adds no score */
	unsigned tf;		/* occurrences in the article */
	unsigned tf_title;	/* of them, in the title */
	uint64_t df;		/* articles containing it */
	double idf;
	double boost;		/* 1, less for words added by expansion */
	double weight;		/* its part of the score */
} ns_explain_item;

typedef struct ns_explanation {
	double score;
	uint64_t n_docs;	/* N */
	unsigned doc_len;	/* words of title and body */
	double avg_doc_len;
	double k1, b;
	double norm;		/* k1 * (1 - b + b * dl' / avgdl) */
	unsigned title_len;
	double title_weight;
	double proximity;	/* proximity part of the score */
	double prox_weight;
	const ns_explain_item *items;	/* in query order */
	size_t n_items;
} ns_explanation;

/* Sets *ex to the explanation of hit i's score (valid until r is freed).
 * NS_OK, NS_DONE when the hit has none (e.g. similar-to searches),
 * NS_ERR_USAGE, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
NS_API int ns_results_explain(ns_results *r, size_t i, const ns_explanation **ex);

/* The articles a collapsing search folded into hit i, oldest first
 * (undated last): with NS_COLLAPSE_STORIES the other live articles of its
 * story, with NS_COLLAPSE_COPIES its copies, without collapsing none.
 * *n_all gets how many there are; *versions the first min(max, *n_all) of
 * them, filled as hits without snippet (rank and score 0), valid until r
 * is freed.  NS_OK, NS_ERR_USAGE (i out of range), NS_ERR_CORRUPT (the
 * story map or a record failed its check), NS_ERR_NOMEM. */
NS_API int ns_results_versions(ns_results *r, size_t i, size_t max, const ns_result **versions,
			       size_t *n_filled, size_t *n_all);

/* Why hit i's article is in its story. */
enum ns_story_reason {
	NS_STORY_ALONE = 0,	/* the only article of its story */
	NS_STORY_EXACT_COPY,	/* the same text as copy_of (case, spacing and
				 * punctuation aside) */
	NS_STORY_NEAR_COPY,	/* nearly: near signatures differ in bits bits,
				 * copies in at most max_bits */
	NS_STORY_RETELLING,	/* its words are similar enough to the story's */
};
typedef struct ns_story_explanation {
	const char *story;	/* its id */
	size_t story_size;
	enum ns_story_reason reason;
	const char *copy_of;	/* copies: the id of an earlier member */
	size_t copy_of_len;
	int bits, max_bits;	/* NS_STORY_NEAR_COPY */
	double similarity;	/* NS_STORY_RETELLING: of the article's terms to
				 * the story's as it is now (the story includes
				 * the article) */
	double threshold;	/* ... the similarity a retelling needs */
	const char *const *shared_terms;	/* the heaviest terms shared
						 * with the story (index terms:
						 * stemmed), at most 10 */
	size_t n_shared_terms;
	int founder;		/* the story's first article in the index */
} ns_story_explanation;

/* Sets *ex to why hit i is in its story (valid until r is freed).  NS_OK,
 * NS_DONE when there is no story map (several indexes opened as one),
 * NS_ERR_USAGE, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
NS_API int ns_results_story_explain(ns_results *r, size_t i, const ns_story_explanation **ex);

/* A story at a glance (ns_stories()). */
typedef struct ns_story_summary {
	const char *story;	/* its id */
	size_t size;		/* live articles */
	const char *first_date, *last_date;	/* of its dated articles,
						 * YYYY-MM-DD, or "" */
	const char *const *sources;	/* its distinct sources, oldest
					 * article first, at most 8 */
	size_t n_sources;
	int more_sources;	/* nonzero when sources were left out */
} ns_story_summary;

/* The summary of hit i's story (valid until r is freed).  NS_OK,
 * NS_ERR_USAGE, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
NS_API int ns_results_story(ns_results *r, size_t i, const ns_story_summary **s);

/* The stories that match query, best first: ns_search() with
 * NS_COLLAPSE_STORIES whatever o says (limit and offset count stories);
 * each hit stands for its story (ns_results_story()). */
NS_API int ns_stories(ns_index *idx, const char *query, const ns_opts *o, ns_results **out);

/* Every live article of a story, oldest first (undated last, then index
 * order): its timeline.  id is a story id (as ns_result.story) or the id
 * of an article of the story.  Hits have no snippet, rank 1.. and score
 * 0.  NS_OK; NS_ERR_NOTFOUND (no such story or article: message
 * ns_index_errmsg), NS_ERR_CORRUPT, NS_ERR_NOMEM, NS_ERR_USAGE. */
NS_API int ns_story(ns_index *idx, const char *id, ns_results **out);

/* The stored text of hit i: *text a malloc'd NUL-terminated copy the
 * caller frees, *len its length (may be NULL).  NS_OK, NS_ERR_USAGE,
 * NS_ERR_CORRUPT, NS_ERR_NOMEM. */
NS_API int ns_results_text(ns_results *r, size_t i, char **text, size_t *len);

/* The work the search did, for tuning and tests. */
typedef struct ns_work {
	uint64_t matches, terms, lists, list_bytes, blocks, postings, position_checks,
		date_checks, candidates, proximity;
	uint64_t fuzzy_visited;	/* word forms fuzzy words' walks read */
	uint64_t fuzzy_entries;	/* forms of the dictionaries they walked */
	uint64_t fuzzy_probes;	/* entries of its prefix table looked at */
} ns_work;
NS_API int ns_results_work(const ns_results *r, ns_work *w);

/* ---- articles and statistics -------------------------------------------- */

/* The stored text (body) of the live article with this id: *text is a
 * malloc'd NUL-terminated copy the caller frees with free(); *len its
 * length (may be NULL).  NS_OK, NS_ERR_NOTFOUND, NS_ERR_CORRUPT,
 * NS_ERR_NOMEM, NS_ERR_USAGE. */
NS_API int ns_index_article(ns_index *idx, const char *id, char **text, size_t *len);

/* The stored fields of the live article with this id, as ns_results_hit
 * gives a hit's: id, title, date, source, url and path (rank, score and
 * the snippet are zero and empty).  The strings live in one malloc'd block
 * *store, which the caller frees with free() when done with *fields.
 * NS_OK, NS_ERR_NOTFOUND, NS_ERR_CORRUPT, NS_ERR_NOMEM, NS_ERR_USAGE. */
NS_API int ns_index_article_fields(ns_index *idx, const char *id, ns_result *fields,
				   char **store);

typedef struct ns_index_stats {
	uint64_t docs, words;
	double avg_doc_words;
	uint64_t terms, word_terms, field_terms, postings, positions, field_postings;
	uint64_t dated_docs;
	char first_date[11], last_date[11];	/* YYYY-MM-DD or "" */
	const char *language;
	uint64_t generation;
	char built[32];		/* YYYY-MM-DDThh:mm:ssZ or "unknown" */
	uint32_t segments;
	uint64_t deleted_docs;
	uint64_t postings_bytes, dictionary_bytes, postings_file_bytes, documents_file_bytes;
	const char *const *sources;	/* the sources the index remembers */
	size_t n_sources;
} ns_index_stats;

/* Fills *st (strings valid until idx is closed).  NS_OK, NS_ERR_CORRUPT,
 * NS_ERR_USAGE. */
NS_API int ns_index_stats_get(ns_index *idx, ns_index_stats *st);

/* ---- building and updating ---------------------------------------------- */

typedef struct ns_writer_handle ns_writer;

#define NS_WRITER_WAIT 1	/* wait for another updater instead of failing */

/* Opens the index in path for update, creating the directory when
 * missing, and takes its lock (INDEX_DIR/LOCK) until ns_writer_close().
 * NS_OK; NS_ERR_LIMIT when another process updates it (without
 * NS_WRITER_WAIT); NS_ERR_IO, NS_ERR_NOMEM, NS_ERR_USAGE.  As
 * ns_index_open(), *out is set even on failure unless out of memory. */
NS_API int ns_writer_open(const char *path, int flags, ns_writer **out);
/* Releases the lock and frees w, dropping what was not published. */
NS_API void ns_writer_close(ns_writer *w);
NS_API const char *ns_writer_errmsg(const ns_writer *w);	/* as ns_index_errmsg */

/* Settings of the next publish (NS_OK or NS_ERR_USAGE). */
NS_API int ns_writer_set_lang(ns_writer *w, const char *lang);	/* Snowball; "none" */
NS_API int ns_writer_set_memory(ns_writer *w, uint64_t bytes);	/* >= 1 MiB */
NS_API int ns_writer_set_max_article(ns_writer *w, uint64_t bytes);	/* 0: default */
NS_API int ns_writer_set_full(ns_writer *w, int full);		/* read all again */
NS_API int ns_writer_set_compact(ns_writer *w, int compact);	/* one segment */

/* Nonzero when lang names a stemming language the library knows. */
NS_API int ns_lang_ok(const char *lang);
/* The known languages, comma-separated, into out[outlen] (cut to fit). */
NS_API void ns_lang_list(char *out, size_t outlen);

/* Adds a source for the next publish, as nindex SOURCE: a directory, a
 * file, or "-" for JSON Lines on standard input.  Given sources replace
 * the remembered ones (articles of sources not given go); with none, the
 * remembered sources are read again.  The path is copied. */
NS_API int ns_writer_add_source(ns_writer *w, const char *path);

/* One article from memory, as a JSON Lines article: added by the next
 * publish, keeping everything else (as `nindex -i DIR -`; an article with
 * the id of a live one replaces it).  id and body are required; title,
 * date (as accepted in JSON Lines input), source and url may be NULL.
 * Strings are copied.  Not with the source "-". */
typedef struct ns_new_article {
	const char *id, *title, *body, *date, *source, *url;
} ns_new_article;
NS_API int ns_writer_add_article(ns_writer *w, const ns_new_article *a);

typedef struct ns_writer_stats {
	uint64_t docs, added, updated, deleted, unchanged;
	uint64_t files, files_unchanged, skipped, bad_lines, cut, duplicates;
	uint64_t bytes, words;
	uint32_t runs_spilled;
	uint64_t bytes_total, bytes_done;
	uint32_t merged, segments;
	uint64_t index_bytes, generation;
	double seconds;
} ns_writer_stats;

/* Callbacks during publish (NULL: none): a problem with one input
 * (skipped file, bad line: where and what), and progress (every few
 * thousand articles and at the end, done = 1). */
typedef void (*ns_warn_fn)(void *ctx, const char *where, const char *what);
typedef void (*ns_progress_fn)(void *ctx, const ns_writer_stats *st, int done);
NS_API int ns_writer_set_callbacks(ns_writer *w, ns_warn_fn problem, ns_progress_fn progress,
				   void *ctx);

/* Reads what was added (or the remembered sources), writes a new segment,
 * merges and publishes a new index atomically; readers see the old one
 * until then, and on any error it stays.  The added sources and articles
 * are then forgotten; w stays open for more.  st may be NULL.  NS_OK;
 * NS_ERR_NOTFOUND (no sources), NS_ERR_IO, NS_ERR_CORRUPT, NS_ERR_NOMEM. */
NS_API int ns_writer_publish(ns_writer *w, ns_writer_stats *st);

/* ---- checking ------------------------------------------------------------ */

typedef struct ns_check_result {
	uint64_t generation;
	uint32_t segments;
	uint64_t docs, deleted, terms, postings;
	uint64_t problems;	/* problems found (reported through problem) */
} ns_check_result;

/* Verifies every checksum and invariant of the index in path, calling
 * problem(ctx, file, what) for each problem (may be NULL).  Returns NS_OK
 * when the walk was made (then see res->problems), NS_ERR_NOTFOUND,
 * NS_ERR_IO, NS_ERR_NOMEM with a message in msg[msglen] (may be NULL).
 * Thread-safe; takes no lock. */
NS_API int ns_check(const char *path, ns_warn_fn problem, void *ctx, ns_check_result *res,
		    char *msg, size_t msglen);

#ifdef __cplusplus
}
#endif

#endif /* NSEARCH_H */
