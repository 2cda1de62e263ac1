/* SPDX-License-Identifier: MIT */
/* nsearch.c -- the nsearch program: options, then a search through the
 * public API (nsearch.h), its hits printed by output.c; codes to exit
 * statuses.  The query engine is all in libnsearch.
 *
 * Exit status, as grep: 0 when something matched, 1 when nothing did, 2 on
 * any error (bad usage, query syntax, unreadable or corrupt index, a write
 * error).  A reader that goes away early (nsearch ... | head -1) is not an
 * error: SIGPIPE is ignored, the write fails with EPIPE, and nsearch stops
 * quietly with the status the search earned.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "alerts.h"
#include "output.h"
#include "nsearch.h"
#include "storycmd.h"

#define NS_VERSION "0.2.0"
#define EXIT_MATCH 0
#define EXIT_NOMATCH 1
#define EXIT_ERROR 2
#define MAX_LIMIT 1000000

static void usage(FILE *f)
{
	fputs("usage: nsearch [-i INDEX_DIR] [options] QUERY...\n"
	      "       nsearch [-i INDEX_DIR] [options] --since DATE [--until DATE] [QUERY...]\n"
	      "Search an index built by nindex; best matches first (BM25).\n"
	      "\n"
	      "Query language (operators in capitals):\n"
	      "  word word          all words must match (stemmed: strikes = strike)\n"
	      "  a OR b             either;   a AND b: both (the default)\n"
	      "  a NOT b, -b        a without b\n"
	      "  \"exact phrase\"     words in this order, adjacent\n"
	      "  a NEAR/n b         a and b at most n words apart, either order (NEAR = NEAR/10)\n"
	      "  a ADJ/n b          the same with a first\n"
	      "  negotiat*          words starting so (negotiate, negotiations, ...)\n"
	      "  goverment~ word~2  the archive's words within 1 (2) typing slips of it\n"
	      "  ( ... )            grouping\n"
	      "  title:word  body:\"a phrase\"  title:(a OR b)  source:reuters\n"
	      "  date:2026-02  date:2026-02-01..2026-02-14  date:2025..  date:..2025-12-31\n"
	      "\n"
	      "Options:\n"
	      "  -i, --index DIR    index directory (default: $NSEARCH_INDEX); give -i again\n"
	      "                     (or NSEARCH_INDEX=A:B) to search several indexes as one\n"
	      "  -n, --limit N      show the N first matches (default 10)\n"
	      "      --offset N     skip the N first matches (the next page)\n"
	      "      --sort ORDER   score (default), date (oldest first), -date (newest first)\n"
	      "      --since DATE   only articles dated DATE or later\n"
	      "      --until DATE   only articles dated DATE or earlier (all of a month: 2026-02)\n"
	      "      --any          juxtaposed words are ORed instead of ANDed\n"
	      "  -c, --count        print only the number of matching articles\n"
	      "  -l, --ids          print only the ids, one per line (-0, --null: NUL-ended)\n"
	      "      --format FMT   text (default), tsv (rank score id date title url-or-path)\n"
	      "                     or json (JSON Lines, one object per match)\n"
	      "      --header       with --format tsv: a first line naming the columns\n"
	      "      --color[=WHEN] bold matches: auto (on a terminal, default), always, never\n"
	      "      --explain      how each score was computed (text and json)\n"
	      "      --expand       add words from the best matches to the query (RM3)\n"
	      "      --similar ID   the articles most like article ID\n"
	      "      --collapse=HOW story: one hit per story (text), dups: per copy, none: all\n"
	      "      --story ID     a story by date;  --stories: rank stories;  --all: every article\n"
	      "      --show ID      print article ID whole: title, date, source, url, text\n"
	      "                     (--format json: one object with the body)\n"
	      "      --timeline[=UNIT]  matches per day, week, month or year (default:\n"
	      "                     10 to 60 bars); bars on a terminal, TSV in a pipe\n"
	      "      --facet FIELD  matches per source, year or month, most first\n"
	      "      --save NAME    remember the query and its options as NAME\n"
	      "      --saved        list the saved searches;  --forget NAME: drop one\n"
	      "  @NAME              as a query: run the saved search NAME\n"
	      "      --new NAME     only the matches of NAME that reached the index since\n"
	      "                     the last --new NAME (exit 1 when none)\n"
	      "      --spell        print the query with misspelled words corrected (exit 0),\n"
	      "                     or nothing (exit 1); no QUERY: one query per stdin line\n"
	      "      --autocorrect  when nothing matches, search for the corrected query\n"
	      "  -h, --help         this help;  --version: the version;  --stats: index statistics\n"
	      "\n"
	      "Examples:\n"
	      "  nsearch -i news.idx 'airspace NEAR/10 saudi'\n"
	      "  nsearch --since 2026-02-01 --sort -date 'iran negotiat*'\n"
	      "  nsearch -l 'title:iran date:2026-02' | xargs -d '\\n' ...\n"
	      "  nsearch --format json -n 100 'source:reuters \"missile sites\"' | jq .title\n"
	      "\n"
	      "Exit status: 0 matches found, 1 no match, 2 error.\n",
	      f);
}

/* The command line, once read. */
struct cli {
	const char *dir;	/* -i's last, or $NSEARCH_INDEX */
	const char **dirs;	/* every -i, else $NSEARCH_INDEX's (malloc'd) */
	size_t n_dirs;
	char *env_dirs;		/* $NSEARCH_INDEX split at its colons */
	const char *query;	/* the words joined, or NULL */
	const char *color;	/* auto, always, never */
	int count_only;
	int stats;
	int explain;
	int header;
	int debug_counters;
	int spell;		/* --spell */
	int autocorrect;	/* --autocorrect */
	int no_suggest;		/* a corrected query's own run */
	int has_range;
	int similar;		/* --similar ID */
	int all;		/* --all */
	int stories;		/* --stories */
	const char *story;	/* --story ID */
	int collapse_given;	/* --collapse given */
	enum ns_collapse collapse;
	const char *show;	/* --show ID */
	int ids, nul;
	struct ns_output_opts fmt;
	ns_opts *o;
	int limit_given;	/* -n given: --new shows at most that many */
	long limit;
	int out_ok;		/* set by search(): everything was written */
	const char *timeline;	/* --timeline[=UNIT]: "" for the default */
	const char *facet;	/* --facet FIELD */
	/* saved searches (alerts.h) */
	const char *save;	/* --save NAME */
	const char *forget;	/* --forget NAME */
	const char *new_name;	/* --new NAME */
	int list;		/* --saved */
	char *skip;		/* argv elements not to save (-i, --save, ...) */
};

/* A failed write: quiet for a closed pipe (EPIPE), else one message. */
static int write_failed(int err)
{
	if (err != EPIPE)
		fprintf(stderr, "nsearch: write error: %s\n", strerror(err));
	return err == EPIPE ? 0 : -1;
}

/* Flushes stdout; returns 0, 1 for a closed pipe, -1 for another error
 * (reported). */
static int flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	return write_failed(errno) == 0 ? 1 : -1;
}

static int print_stats(ns_index *idx)
{
	ns_index_stats s;

	if (ns_index_stats_get(idx, &s) != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
		return EXIT_ERROR;
	}
	printf("docs=%llu\n", (unsigned long long)s.docs);
	printf("words=%llu\n", (unsigned long long)s.words);
	printf("avg_doc_words=%.1f\n", s.avg_doc_words);
	printf("terms=%llu\n", (unsigned long long)s.terms);
	printf("word_terms=%llu\n", (unsigned long long)s.word_terms);
	printf("field_terms=%llu\n", (unsigned long long)s.field_terms);
	printf("postings=%llu\n", (unsigned long long)s.postings);
	printf("positions=%llu\n", (unsigned long long)s.positions);
	printf("field_postings=%llu\n", (unsigned long long)s.field_postings);
	printf("dated_docs=%llu\n", (unsigned long long)s.dated_docs);
	printf("first_date=%s\n", s.first_date);
	printf("last_date=%s\n", s.last_date);
	printf("language=%s\n", s.language);
	printf("generation=%llu\n", (unsigned long long)s.generation);
	printf("built=%s\n", s.built);
	printf("segments=%u\n", s.segments);
	printf("deleted_docs=%llu\n", (unsigned long long)s.deleted_docs);
	if (ns_index_n_pieces(idx) > 0)
		printf("pieces=%zu\n", ns_index_n_pieces(idx));
	for (size_t i = 0; i < ns_index_n_pieces(idx); i++) {
		const char *name, *path;
		if (ns_index_piece(idx, i, &name, &path) == NS_OK)
			printf("piece=%s %s\n", name, path);
	}
	printf("postings_bytes=%llu\n", (unsigned long long)s.postings_bytes);
	printf("dictionary_bytes=%llu\n", (unsigned long long)s.dictionary_bytes);
	printf("other_postings_file_bytes=%llu\n",
	       (unsigned long long)(s.postings_file_bytes > s.postings_bytes + s.dictionary_bytes
					    ? s.postings_file_bytes - s.postings_bytes -
						      s.dictionary_bytes
					    : 0));
	printf("postings_file_bytes=%llu\n", (unsigned long long)s.postings_file_bytes);
	printf("documents_file_bytes=%llu\n", (unsigned long long)s.documents_file_bytes);
	for (size_t i = 0; i < s.n_sources; i++)
		printf("source=%s\n", s.sources[i]);
	return flush_stdout() < 0 ? EXIT_ERROR : EXIT_MATCH;
}

/* Joins the query words given as separate arguments with spaces. */
static char *join_args(char **argv, int argc)
{
	size_t len = 1;
	char *q;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	q = malloc(len);
	if (!q)
		return NULL;
	q[0] = 0;
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(q, " ");
		strcat(q, argv[i]);
	}
	return q;
}

static int parse_count(const char *s, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

static void print_counters(const ns_work *w)
{
	fprintf(stderr,
		"nsearch: counters: matches=%llu terms=%llu lists=%llu list_bytes=%llu "
		"blocks=%llu postings=%llu position_checks=%llu date_checks=%llu "
		"candidates=%llu proximity=%llu fuzzy_visited=%llu fuzzy_entries=%llu "
		"fuzzy_probes=%llu\n",
		(unsigned long long)w->matches, (unsigned long long)w->terms,
		(unsigned long long)w->lists, (unsigned long long)w->list_bytes,
		(unsigned long long)w->blocks, (unsigned long long)w->postings,
		(unsigned long long)w->position_checks, (unsigned long long)w->date_checks,
		(unsigned long long)w->candidates, (unsigned long long)w->proximity,
		(unsigned long long)w->fuzzy_visited, (unsigned long long)w->fuzzy_entries,
		(unsigned long long)w->fuzzy_probes);
}

/* The first lines of --explain in text: the query as understood. */
static void explain_head(ns_results *r, const struct cli *c)
{
	const char *q = ns_results_query(r);
	char lo[11], hi[11];

	printf("query: %s\n", q ? q : "(none)");
	if (ns_opts_get_range(c->o, lo, hi) == 1)
		printf("dates: %s..%s\n", lo, hi);
	putchar('\n');
}

static void explain_tail(const ns_work *w)
{
	printf("\nwork: matches %llu, terms %llu, postings lists opened %llu (%llu bytes), "
	       "blocks decoded %llu (%llu postings), position checks %llu, date checks %llu\n",
	       (unsigned long long)w->matches, (unsigned long long)w->terms,
	       (unsigned long long)w->lists, (unsigned long long)w->list_bytes,
	       (unsigned long long)w->blocks, (unsigned long long)w->postings,
	       (unsigned long long)w->position_checks, (unsigned long long)w->date_checks);
}

/* Prints the hits.  NS_OK, NS_ERR_IO (errno) or an index error. */
static int print_hits(ns_results *r, const struct cli *c)
{
	int rc = NS_OK;

	if (c->header && ns_output_header(stdout, &c->fmt) != 0)
		return NS_ERR_IO;
	for (size_t i = 0; i < ns_results_size(r) && rc == NS_OK; i++) {
		const ns_explanation *ex = NULL;
		const ns_result *h;
		if (c->explain) {
			rc = ns_results_explain(r, i, &ex);
			if (rc < 0)
				break;
			if (rc != NS_OK)
				ex = NULL;
		}
		if (c->all && c->fmt.format == NS_OUTPUT_JSON) {
			/* an export: the whole text, for nindex to read back */
			char *body = NULL;
			size_t len = 0;
			rc = ns_results_hit(r, i, &h);
			if (rc == NS_OK)
				rc = ns_results_text(r, i, &body, &len);
			if (rc == NS_OK && ns_output_hit_body(stdout, &c->fmt, h, ex, body, len) != 0)
				rc = NS_ERR_IO;
			free(body);
			continue;
		}
		rc = ns_storycmd_hit(stdout, r, i, &c->fmt, ex, c->explain);
	}
	return rc;
}

/* The corrected query and its matches when worth proposing (ns_suggest():
 * it matches some, and the query none or ten times fewer).  NULL
 * otherwise; spelling never fails a search (its errors leave the query
 * alone). */
static char *suggestion(ns_index *idx, const struct cli *c, uint64_t n_matches,
			uint64_t *n_fixed)
{
	char *fixed = NULL;
	int rc;

	if (!c->query || c->similar || c->no_suggest)
		return NULL;
	/* articles, as n_matches counts them: collapsing off for the count */
	ns_opts_set_collapse(c->o, NS_COLLAPSE_OFF);
	rc = ns_suggest(idx, c->query, c->o, n_matches, &fixed, n_fixed);
	ns_opts_set_collapse(c->o, c->collapse);
	return rc == NS_OK ? fixed : NULL;
}

/* --spell QUERY: the corrected query, or nothing and exit status 1. */
static int spell_one(ns_index *idx, const struct cli *c)
{
	char *fixed = NULL;
	int rc = ns_spell(idx, c->query, c->o, &fixed);

	if (rc == NS_DONE)
		return EXIT_NOMATCH;
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
		return EXIT_ERROR;
	}
	printf("%s\n", fixed);
	free(fixed);
	return flush_stdout() < 0 ? EXIT_ERROR : EXIT_MATCH;
}

/* --spell without a query: one query per line of stdin, one line out per
 * line in (empty when no correction); exit 0 when any was corrected. */
static int spell_lines(ns_index *idx, const struct cli *c)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int status = EXIT_NOMATCH;

	while ((n = getline(&line, &cap, stdin)) >= 0) {
		char *fixed = NULL;
		int rc;
		if (n > 0 && line[n - 1] == '\n')
			line[n - 1] = 0;
		rc = ns_spell(idx, line, c->o, &fixed);
		if (rc != NS_OK && rc != NS_DONE) {
			fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
			status = EXIT_ERROR;
			break;
		}
		printf("%s\n", fixed ? fixed : "");
		if (fixed)
			status = EXIT_MATCH;
		free(fixed);
	}
	free(line);
	if (flush_stdout() < 0)
		status = EXIT_ERROR;
	return status;
}

static int search(ns_index *idx, struct cli *c)
{
	ns_results *r;
	ns_work w;
	char *fixed;
	uint64_t n_fixed = 0;
	int rc, status, wr;

	if (c->count_only && c->collapse != NS_COLLAPSE_OFF) {
		uint64_t n;
		/* with collapsing, the groups (ns_count) */
		if (ns_count(idx, c->query, c->o, &n) != NS_OK) {
			fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
			return EXIT_ERROR;
		}
		printf("%llu\n", (unsigned long long)n);
		wr = flush_stdout();
		c->out_ok = wr == 0;
		return wr < 0 ? EXIT_ERROR : n > 0 ? EXIT_MATCH : EXIT_NOMATCH;
	}
	rc = c->stories ? ns_stories(idx, c->query, c->o, &r) : ns_search(idx, c->query, c->o, &r);
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
		return EXIT_ERROR;
	}
	ns_results_work(r, &w);
	if (c->debug_counters)
		print_counters(&w);
	fixed = suggestion(idx, c, ns_results_total(r), &n_fixed);
	if (fixed && c->autocorrect && ns_results_total(r) == 0) {
		/* --autocorrect: the corrected query's results instead */
		struct cli again = *c;
		fprintf(stderr, "nsearch: no article matches; showing results for: %s\n", fixed);
		again.query = fixed;
		again.no_suggest = 1;
		ns_results_free(r);
		status = search(idx, &again);
		c->out_ok = again.out_ok;
		free(fixed);
		return status;
	}
	status = ns_results_total(r) > 0 ? EXIT_MATCH : EXIT_NOMATCH;
	if (c->count_only) {
		printf("%llu\n", (unsigned long long)ns_results_total(r));
	} else {
		if (c->explain && c->fmt.format == NS_OUTPUT_TEXT)
			explain_head(r, c);
		if (c->stories)
			rc = c->header && ns_output_header(stdout, &c->fmt) != 0
				     ? NS_ERR_IO
				     : ns_storycmd_rank(stdout, r, &c->fmt);
		else
			rc = print_hits(r, c);
		if (rc == NS_ERR_IO) {
			if (write_failed(errno) < 0)
				status = EXIT_ERROR;
			goto out;
		}
		if (rc != NS_OK) {
			fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
			status = EXIT_ERROR;
			goto out;
		}
		if (c->explain && c->fmt.format == NS_OUTPUT_TEXT)
			explain_tail(&w);
	}
	wr = flush_stdout();
	if (wr < 0)
		status = EXIT_ERROR;
	c->out_ok = wr == 0;
	if (fixed)
		fprintf(stderr, "nsearch: did you mean: %s (%llu article%s)?\n", fixed,
			(unsigned long long)n_fixed, n_fixed == 1 ? "" : "s");
out:
	free(fixed);
	ns_results_free(r);
	return status;
}

/* The terminal's width in columns (stdout's, else $COLUMNS, else 80). */
static int terminal_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env && atoi(env) > 0)
		return atoi(env);
	return 80;
}

/* --timeline / --facet: counts over every match; "did you mean" and
 * --autocorrect as for a search. */
static int counts(ns_index *idx, const struct cli *c)
{
	uint64_t n = 0, n_fixed = 0;
	int tty = isatty(STDOUT_FILENO), rc;
	char *fixed;

	if (c->timeline)
		rc = ns_timeline(idx, c->query, c->o, c->timeline, stdout, tty, terminal_width(),
				 &n);
	else
		rc = ns_facet(idx, c->query, c->o, c->facet,
			      c->limit_given ? (size_t)c->limit : SIZE_MAX, stdout, tty, &n);
	if (rc == NS_ERR_IO)
		return write_failed(errno) < 0 ? EXIT_ERROR : n > 0 ? EXIT_MATCH : EXIT_NOMATCH;
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
		return EXIT_ERROR;
	}
	if (flush_stdout() < 0)
		return EXIT_ERROR;
	fixed = suggestion(idx, c, n, &n_fixed);
	if (fixed && c->autocorrect && n == 0) {
		struct cli again = *c;
		fprintf(stderr, "nsearch: no article matches; showing results for: %s\n", fixed);
		again.query = fixed;
		again.no_suggest = 1;
		rc = counts(idx, &again);
		free(fixed);
		return rc;
	}
	if (fixed)
		fprintf(stderr, "nsearch: did you mean: %s (%llu article%s)?\n", fixed,
			(unsigned long long)n_fixed, n_fixed == 1 ? "" : "s");
	free(fixed);
	return n > 0 ? EXIT_MATCH : EXIT_NOMATCH;
}

/* The saved searches of the indexes searched (keyed by their set). */
static int alerts_open(const struct cli *c, struct ns_alerts **a)
{
	char msg[1024] = "";
	int rc = ns_alerts_open(c->dirs, c->n_dirs, a, msg, sizeof(msg));

	if (rc == NS_OK)
		rc = ns_alerts_lock(*a, msg, sizeof(msg));
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", msg);
		ns_alerts_close(*a);
		*a = NULL;
	}
	return rc;
}

/* --save, --saved, --forget: changes to the state file alone. */
static int saved_admin(const struct cli *c, int argc, char **argv, int optind_)
{
	struct ns_alerts *a;
	char msg[1024] = "";
	int status = EXIT_MATCH, rc = NS_OK;

	if (alerts_open(c, &a) != NS_OK)
		return EXIT_ERROR;
	if (c->list) {
		size_t n;
		const struct ns_saved *v = ns_alerts_list(a, &n);
		for (size_t i = 0; i < n; i++) {
			printf("%s\t", v[i].name);
			for (size_t k = 0; k < v[i].n_args; k++)
				printf("%s%s", k ? " " : "", v[i].args[k]);
			if (v[i].has_mark) {
				/* one generation per index, in the order of
				 * their sorted paths */
				printf("\tnew since generation%s", v[i].n_marks > 1 ? "s " : " ");
				for (size_t k = 0; k < v[i].n_marks; k++)
					printf("%s%llu", k ? ", " : "",
					       (unsigned long long)v[i].marks[k].generation);
				putchar('\n');
			} else
				printf("\t-\n");
		}
		status = flush_stdout() < 0 ? EXIT_ERROR : n ? EXIT_MATCH : EXIT_NOMATCH;
	} else if (c->forget) {
		if (ns_alerts_forget(a, c->forget) == NS_DONE) {
			fprintf(stderr, "nsearch: --forget: no saved search '%s'\n", c->forget);
			status = EXIT_ERROR;
		} else {
			rc = ns_alerts_commit(a, msg, sizeof(msg));
		}
	} else {
		char **opts = calloc((size_t)argc + 1, sizeof(*opts));
		size_t n_opts = 0;
		rc = opts ? NS_OK : NS_ERR_NOMEM;
		for (int i = 1; opts && i < optind_; i++)
			if (!c->skip[i] && strcmp(argv[i], "--") != 0)
				opts[n_opts++] = argv[i];
		if (rc == NS_OK)
			rc = ns_alerts_put(a, c->save, opts, n_opts, argv + optind_,
					   (size_t)(argc - optind_));
		if (rc == NS_OK)
			rc = ns_alerts_commit(a, msg, sizeof(msg));
		free(opts);
	}
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", msg[0] ? msg : ns_strerror(rc));
		status = EXIT_ERROR;
	}
	ns_alerts_close(a);
	return status;
}

static int out_of_memory(void);

/* Where --new NAME starts in each index searched (their pieces, or the
 * one index): after[i] for given index i (0: everything, with --since),
 * now[] the marks to move to, in a's slot order.  Returns 1 when there may
 * be something new, 0 when not (a first run only sets the marks; nothing
 * published since), -1 for a mismatch of the set. */
static int new_marks(ns_index *idx, const struct cli *c, struct ns_alerts *a,
		     const struct ns_saved *v, uint64_t *after, struct ns_alert_mark *now)
{
	size_t n = ns_index_n_pieces(idx) ? ns_index_n_pieces(idx) : 1;
	int search = 0;

	if (n != ns_alerts_n_indexes(a))
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t slot = ns_alerts_slot(a, i);
		const struct ns_alert_mark *was = v->has_mark ? &v->marks[slot] : NULL;
		uint64_t gen = 0, identity = 0;
		int fresh = !was;
		if (n > 1)
			ns_index_piece_generation(idx, i, &gen, &identity);
		else
			ns_index_generation(idx, &gen, &identity);
		if (was && (was->identity != identity || was->generation > gen)) {
			fprintf(stderr,
				"nsearch: --new %s: the index %s was rebuilt or replaced since the last "
				"run: what is new cannot be told; starting again from its generation "
				"%llu\n",
				c->new_name, c->dirs[i], (unsigned long long)gen);
			fresh = 1;
		}
		/* a fresh start shows nothing of it (unless --since asks),
		 * only sets its mark */
		after[i] = !fresh ? was->generation : c->has_range ? 0 : gen;
		if (fresh ? c->has_range : was->generation != gen)
			search = 1;
		now[slot].identity = identity;
		now[slot].generation = gen;
	}
	return search;
}

/* --new NAME with the saved query: the matches that arrived after NAME's
 * marks (one per index searched: each counts its own generations); the
 * marks move to the indexes' generations only once they were all written
 * (stdout closed without error), under the lock. */
static int run_new(ns_index *idx, struct cli *c)
{
	struct ns_alerts *a;
	const struct ns_saved *v;
	struct ns_alert_mark *now = NULL;
	uint64_t *after = NULL, n;
	char msg[1024] = "";
	int status, more;

	if (alerts_open(c, &a) != NS_OK)
		return EXIT_ERROR;
	v = ns_alerts_find(a, c->new_name);
	if (!v) {
		fprintf(stderr, "nsearch: --new: no saved search '%s' (nsearch --save %s QUERY)\n",
			c->new_name, c->new_name);
		ns_alerts_close(a);
		return EXIT_ERROR;
	}
	now = calloc(ns_alerts_n_indexes(a), sizeof(*now));
	after = calloc(ns_alerts_n_indexes(a), sizeof(*after));
	if (!now || !after) {
		status = out_of_memory();
		goto out;
	}
	more = new_marks(idx, c, a, v, after, now);
	if (more < 0) {
		fprintf(stderr, "nsearch: --new %s: the indexes opened are not those of %s\n",
			c->new_name, ns_alerts_path(a));
		status = EXIT_ERROR;
		goto out;
	}
	if (!more) {
		status = EXIT_NOMATCH;
		c->out_ok = 1;
	} else {
		if (ns_index_n_pieces(idx) == 0)
			ns_opts_set_arrived_after(c->o, after[0]);
		for (size_t i = 0; i < ns_index_n_pieces(idx); i++)
			if (ns_opts_set_piece_arrived_after(c->o, i, after[i]) != NS_OK) {
				status = out_of_memory();
				goto out;
			}
		if (!c->limit_given && !c->count_only) {
			/* every new match unless told otherwise: what is not
			 * shown would be lost when the mark moves */
			if (ns_count(idx, c->query, c->o, &n) != NS_OK) {
				fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
				status = EXIT_ERROR;
				goto out;
			}
			ns_opts_set_limit(c->o, n == 0 ? 1 : n < NS_MAX_LIMIT ? (size_t)n : NS_MAX_LIMIT);
		} else if (!c->count_only && ns_count(idx, c->query, c->o, &n) == NS_OK &&
			   n > (uint64_t)c->limit) {
			fprintf(stderr, "nsearch: %llu more new matches not shown (-n)\n",
				(unsigned long long)(n - (uint64_t)c->limit));
		}
		status = search(idx, c);
		if (c->out_ok && fclose(stdout) != 0) {
			write_failed(errno);
			c->out_ok = 0;
			status = EXIT_ERROR;
		}
	}
	if (c->out_ok && status != EXIT_ERROR) {
		if (ns_alerts_set_mark(a, c->new_name, now) != NS_OK)
			status = out_of_memory();
		else if (ns_alerts_commit(a, msg, sizeof(msg)) != NS_OK) {
			fprintf(stderr, "nsearch: %s\n", msg);
			status = EXIT_ERROR;
		}
	} else if (status != EXIT_ERROR) {
		status = EXIT_ERROR;	/* a closed pipe: the same next time */
	}
out:
	free(now);
	free(after);
	ns_alerts_close(a);
	return status;
}

/* One line, as every error. */
static int usage_error(const char *what)
{
	fprintf(stderr, "nsearch: %s (try 'nsearch --help')\n", what);
	return EXIT_ERROR;
}

static int out_of_memory(void)
{
	fputs("nsearch: out of memory\n", stderr);
	return EXIT_ERROR;
}


/* -i DIR: the first replaces $NSEARCH_INDEX, the next ones add indexes
 * searched as one with it. */
static int add_dir(struct cli *c, const char *dir)
{
	const char **v = realloc(c->dirs, (c->n_dirs + 1) * sizeof(*v));

	if (!v)
		return -1;
	c->dirs = v;
	c->dirs[c->n_dirs++] = dir;
	c->dir = dir;
	return 0;
}

/* Without -i, the indexes of $NSEARCH_INDEX: split at its colons, empty
 * entries skipped.  0, or -1 when out of memory. */
static int env_index_list(struct cli *c)
{
	size_t len = strlen(c->dir);

	if (c->n_dirs > 0)
		return 0;
	c->env_dirs = strdup(c->dir);
	c->dirs = malloc((len / 2 + 1) * sizeof(*c->dirs));
	if (!c->env_dirs || !c->dirs)
		return -1;
	for (char *tok = c->env_dirs, *colon; tok; tok = colon ? colon + 1 : NULL) {
		if ((colon = strchr(tok, ':')))
			*colon = 0;
		if (*tok)
			c->dirs[c->n_dirs++] = tok;
	}
	return 0;
}

/* Opens the indexes as one.  NS_OK or the code of ns_index_open_many();
 * *idx as it leaves it (NULL only when out of memory). */
static int open_index(const struct cli *c, ns_index **idx)
{
	return ns_index_open_many(c->dirs, c->n_dirs, idx);
}

/* Reads the options into c (c->o allocated).  Returns -1 to go on, else
 * the exit status to end with at once (--help, --version, a usage error). */
static int parse_options(int argc, char **argv, struct cli *c)
{
	enum {
		OPT_FORMAT = 256, OPT_ANY, OPT_STATS, OPT_K, OPT_VERSION, OPT_OFFSET, OPT_SORT,
		OPT_SINCE, OPT_UNTIL, OPT_COLOR, OPT_HEADER, OPT_EXPLAIN, OPT_DEBUG_COUNTERS,
		OPT_EXPAND, OPT_SIMILAR, OPT_SHOW, OPT_SAVE, OPT_SAVED, OPT_FORGET, OPT_NEW,
		OPT_TIMELINE, OPT_FACET, OPT_COLLAPSE, OPT_STORY, OPT_STORIES, OPT_ALL,
		OPT_SPELL, OPT_AUTOCORRECT,
	};
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, OPT_OFFSET },
		{ "count", no_argument, NULL, 'c' },
		{ "ids", no_argument, NULL, 'l' },
		{ "null", no_argument, NULL, '0' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "header", no_argument, NULL, OPT_HEADER },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ "colour", optional_argument, NULL, OPT_COLOR },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "any", no_argument, NULL, OPT_ANY },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "expand", no_argument, NULL, OPT_EXPAND },
		{ "spell", no_argument, NULL, OPT_SPELL },
		{ "autocorrect", no_argument, NULL, OPT_AUTOCORRECT },
		{ "similar", required_argument, NULL, OPT_SIMILAR },
		{ "show", required_argument, NULL, OPT_SHOW },
		{ "k", required_argument, NULL, OPT_K },
		{ "debug-counters", no_argument, NULL, OPT_DEBUG_COUNTERS },
		{ "save", required_argument, NULL, OPT_SAVE },
		{ "saved", no_argument, NULL, OPT_SAVED },
		{ "forget", required_argument, NULL, OPT_FORGET },
		{ "new", required_argument, NULL, OPT_NEW },
		{ "timeline", optional_argument, NULL, OPT_TIMELINE },
		{ "facet", required_argument, NULL, OPT_FACET },
		{ "collapse", required_argument, NULL, OPT_COLLAPSE },
		{ "story", required_argument, NULL, OPT_STORY },
		{ "stories", no_argument, NULL, OPT_STORIES },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	enum ns_output_format format = NS_OUTPUT_TEXT;
	long limit = 10, offset = 0;
	int opt;

	for (int at = optind ? optind : 1;
	     (opt = getopt_long(argc, argv, "+:i:n:cl0h", longopts, NULL)) != -1; at = optind) {
		/* the elements of options that are not a search's own */
		if (opt == 'i' || opt == OPT_SAVE || opt == OPT_SAVED || opt == OPT_FORGET ||
		    opt == OPT_NEW)
			for (int k = at; k < optind && k < argc; k++)
				c->skip[k] = 1;
		switch (opt) {
		case 'i':
			if (add_dir(c, optarg) != 0)
				return out_of_memory();
			break;
		case OPT_SAVE: c->save = optarg; break;
		case OPT_SAVED: c->list = 1; break;
		case OPT_FORGET: c->forget = optarg; break;
		case OPT_NEW: c->new_name = optarg; break;
		case OPT_TIMELINE: c->timeline = optarg ? optarg : ""; break;
		case OPT_FACET: c->facet = optarg; break;
		case OPT_COLLAPSE:
			if (ns_storycmd_parse_collapse(optarg, &c->collapse) != 0) {
				fprintf(stderr, "nsearch: --collapse: '%s' is not story, dups or none\n",
					optarg);
				return EXIT_ERROR;
			}
			c->collapse_given = 1;
			break;
		case OPT_STORY: c->story = optarg; break;
		case OPT_STORIES: c->stories = 1; break;
		case OPT_ALL: c->all = 1; break;
		case 'n':
		case OPT_K:
			c->limit_given = 1;
			if (parse_count(optarg, MAX_LIMIT, &limit) != 0) {
				fprintf(stderr, "nsearch: -n: '%s' is not a number from 0 to %d\n", optarg,
					MAX_LIMIT);
				return EXIT_ERROR;
			}
			break;
		case OPT_OFFSET:
			if (parse_count(optarg, MAX_LIMIT, &offset) != 0) {
				fprintf(stderr, "nsearch: --offset: '%s' is not a number from 0 to %d\n",
					optarg, MAX_LIMIT);
				return EXIT_ERROR;
			}
			break;
		case 'c': c->count_only = 1; break;
		case 'l': c->ids = 1; break;
		case '0': c->nul = c->ids = 1; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				format = NS_OUTPUT_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				format = NS_OUTPUT_TSV;
			else if (strcmp(optarg, "json") == 0)
				format = NS_OUTPUT_JSON;
			else
				{
				fprintf(stderr, "nsearch: --format: '%s' is not text, tsv or json\n", optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_HEADER: c->header = 1; break;
		case OPT_COLOR:
			c->color = optarg ? optarg : "auto";
			if (strcmp(c->color, "auto") != 0 && strcmp(c->color, "always") != 0 &&
			    strcmp(c->color, "never") != 0)
				{
				fprintf(stderr, "nsearch: --color: '%s' is not auto, always or never\n", c->color);
				return EXIT_ERROR;
			}
			break;
		case OPT_SORT:
			if (strcmp(optarg, "score") == 0)
				ns_opts_set_order(c->o, NS_ORDER_SCORE);
			else if (strcmp(optarg, "date") == 0)
				ns_opts_set_order(c->o, NS_ORDER_DATE);
			else if (strcmp(optarg, "-date") == 0)
				ns_opts_set_order(c->o, NS_ORDER_DATE_DESC);
			else
				{
				fprintf(stderr, "nsearch: --sort: '%s' is not score, date or -date\n", optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if ((opt == OPT_SINCE ? ns_opts_set_since : ns_opts_set_until)(c->o, optarg) !=
			    NS_OK) {
				fprintf(stderr,
					"nsearch: %s: '%s' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, "
					"YYYY-MM-DDThh:mm:ss)\n",
					opt == OPT_SINCE ? "--since" : "--until", optarg);
				return EXIT_ERROR;
			}
			c->has_range = 1;
			break;
		case OPT_ANY: ns_opts_set_any(c->o, 1); break;
		case OPT_EXPLAIN: c->explain = 1; break;
		case OPT_STATS: c->stats = 1; break;
		case OPT_SHOW: c->show = optarg; break;
		case OPT_EXPAND: ns_opts_set_expand(c->o, 1); break;
		case OPT_SIMILAR:
			if (ns_opts_set_similar(c->o, optarg) != NS_OK)
				return out_of_memory();
			c->similar = 1;
			break;
		case OPT_DEBUG_COUNTERS: c->debug_counters = 1; break;
		case OPT_SPELL: c->spell = 1; break;
		case OPT_AUTOCORRECT: c->autocorrect = 1; break;
		case 'h': usage(stdout); return flush_stdout() < 0 ? EXIT_ERROR : EXIT_MATCH;
		case OPT_VERSION:
			printf("nsearch %s (index format %u)\n", NS_VERSION, ns_format_version());
			return flush_stdout() < 0 ? EXIT_ERROR : EXIT_MATCH;
		case ':':
			fprintf(stderr, "nsearch: %s needs a value (try 'nsearch --help')\n",
				argv[optind - 1]);
			return EXIT_ERROR;
		default:
			if (optopt && optopt < 256)
				fprintf(stderr, "nsearch: unknown option '-%c' (try 'nsearch --help')\n",
					optopt);
			else
				fprintf(stderr,
					"nsearch: unknown option '%s' (try 'nsearch --help')\n",
					argv[optind - 1]);
			return EXIT_ERROR;
		}
	}
	c->limit = limit;
	c->fmt.format = c->ids ? NS_OUTPUT_IDS : format;
	c->fmt.nul = c->nul;
	/* text shows one hit per story; programs get every article unless
	 * they ask: scripts get what they ask for.  Counts (-c, --timeline,
	 * --facet) count articles unless asked, so that their totals agree */
	if (!c->collapse_given)
		c->collapse = c->fmt.format == NS_OUTPUT_TEXT && !c->count_only && !c->all &&
					      !c->timeline && !c->facet
				      ? NS_COLLAPSE_STORIES
				      : NS_COLLAPSE_OFF;
	if (c->stories && !c->collapse_given)
		c->collapse = NS_COLLAPSE_STORIES;
	ns_opts_set_collapse(c->o, c->collapse);
	ns_opts_set_all(c->o, c->all);
	ns_opts_set_limit(c->o, c->count_only ? 0
				: c->all && !c->limit_given ? NS_LIMIT_ALL
							    : (size_t)limit);
	ns_opts_set_offset(c->o, (size_t)offset);
	/* The body is read for snippets only where a format shows them. */
	ns_opts_set_snippet_len(c->o, c->fmt.format == NS_OUTPUT_TEXT ||
				c->fmt.format == NS_OUTPUT_JSON ? 200 : 0);
	{
		if (c->header && c->fmt.format != NS_OUTPUT_TSV)
			return usage_error("--header needs --format tsv");
		if (c->explain && c->fmt.format != NS_OUTPUT_TEXT && c->fmt.format != NS_OUTPUT_JSON)
			return usage_error("--explain needs --format text or json");
		if (ns_opts_range_is_empty(c->o))
			return usage_error("--since is after --until: no date is in between");
		if (offset + limit > MAX_LIMIT)
			return usage_error("--offset plus -n is more than 1000000");
		if (!c->dir || !*c->dir)
			return usage_error("no index given (-i INDEX_DIR or NSEARCH_INDEX)");
		if (c->n_dirs == 0 && strspn(c->dir, ":") == strlen(c->dir))
			return usage_error("NSEARCH_INDEX names no index");
		if (c->similar && (optind < argc || c->has_range))
			return usage_error("--similar ID takes no query words or dates");
		if (c->show && (optind < argc || c->has_range || c->similar))
			return usage_error("--show ID takes no query words, dates or --similar");
		if (c->all && (optind < argc || c->has_range || c->similar || c->story || c->show))
			return usage_error("--all takes no query, dates, --similar or --story");
		if (c->story && (optind < argc || c->has_range || c->similar || c->stories || c->show))
			return usage_error("--story ID takes no query words, dates, --similar or "
					   "--stories");
		if (c->stories && c->collapse_given && c->collapse != NS_COLLAPSE_STORIES)
			return usage_error("--stories collapses by story");
		if ((c->all || c->story || c->stories) && (c->timeline || c->facet))
			return usage_error("--timeline and --facet take a query, not --all, --story "
					   "or --stories");
		if (c->show && c->fmt.format != NS_OUTPUT_TEXT && c->fmt.format != NS_OUTPUT_JSON)
			return usage_error("--show needs --format text or json");
		if (c->timeline && c->facet)
			return usage_error("--timeline and --facet cannot go together");
		if ((c->timeline || c->facet) && (c->similar || c->count_only || c->explain))
			return usage_error("--timeline and --facet take a query, not -c, --explain "
					   "or --similar");
		if (!!c->save + !!c->forget + c->list + !!c->new_name > 1)
			return usage_error("one of --save, --saved, --forget, --new at a time");
		if ((c->save && !ns_alerts_name_ok(c->save)) ||
		    (c->forget && !ns_alerts_name_ok(c->forget)) ||
		    (c->new_name && !ns_alerts_name_ok(c->new_name)))
			return usage_error("a saved search name is letters, digits, '_', '-' and '.'");
		if (c->save && optind == argc && !c->has_range)
			return usage_error("--save NAME needs a query");
		if (c->save && optind < argc && argv[optind][0] == '@')
			return usage_error("--save: a saved search cannot name another");
		if (c->new_name && (c->stats || c->similar || c->show || c->timeline || c->facet))
			return usage_error("--new NAME runs a saved search and shows its matches");
		if (c->save || c->forget || c->list || c->new_name ||
		    (optind < argc && argv[optind][0] == '@'))
			return -1;	/* no query of its own needed */
		if (c->spell && (c->stats || c->similar || c->autocorrect))
			return usage_error("--spell takes no --stats, --similar or --autocorrect");
		if (!c->stats && !c->similar && !c->show && !c->spell && !c->all && !c->story &&
		    optind == argc && !c->has_range)
			return usage_error("no query given");
	}
	return -1;
}

/* no-color.org: NO_COLOR set to a non-empty value turns color off, unless
 * asked for on the command line. */
static int want_color(const struct cli *c)
{
	const char *no_color = getenv("NO_COLOR");

	if (c->fmt.format != NS_OUTPUT_TEXT)
		return 0;
	if (strcmp(c->color, "always") == 0)
		return 1;
	if (strcmp(c->color, "auto") == 0)
		return isatty(STDOUT_FILENO) && !(no_color && *no_color);
	return 0;
}

/* --show ID: one stored article, whole. */
static int show_article(ns_index *idx, const struct cli *c)
{
	ns_result f;
	char *store = NULL, *text = NULL;
	size_t len = 0;
	int rc = ns_index_article_fields(idx, c->show, &f, &store);

	if (rc == NS_OK)
		rc = ns_index_article(idx, c->show, &text, &len);
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: --show: %s\n", ns_index_errmsg(idx));
		free(store);
		return rc == NS_ERR_NOTFOUND ? EXIT_NOMATCH : EXIT_ERROR;
	}
	rc = ns_output_article(stdout, &c->fmt, &f, text, len);
	free(store);
	free(text);
	if (rc != 0)
		return write_failed(errno) == 0 ? EXIT_MATCH : EXIT_ERROR;
	return flush_stdout() < 0 ? EXIT_ERROR : EXIT_MATCH;
}

/* --story ID: the story's articles, oldest first. */
static int story_timeline(ns_index *idx, const struct cli *c)
{
	int rc = ns_storycmd_timeline(stdout, idx, c->story, &c->fmt, c->header);

	if (rc == NS_ERR_NOTFOUND) {
		fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
		return EXIT_NOMATCH;
	}
	if (rc == NS_ERR_IO)
		return write_failed(errno) < 0 ? EXIT_ERROR : EXIT_MATCH;
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
		return EXIT_ERROR;
	}
	return flush_stdout() < 0 ? EXIT_ERROR : EXIT_MATCH;
}

/* Opens the index and does what the options ask. */
static int run(struct cli *c, char **words, int n_words)
{
	ns_index *idx;
	char *query = NULL;
	int status;

	if (open_index(c, &idx) != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", idx ? ns_index_errmsg(idx) : "out of memory");
		ns_index_close(idx);
		return EXIT_ERROR;
	}
	c->fmt.color = want_color(c);
	/* stories are kept per index: text over several shows every article
	 * unless collapsing is asked for (which then says why it cannot) */
	if (ns_index_n_pieces(idx) > 1 && !c->collapse_given && !c->stories) {
		c->collapse = NS_COLLAPSE_OFF;
		ns_opts_set_collapse(c->o, c->collapse);
	}
	if (c->stats) {
		status = print_stats(idx);
	} else if (c->show) {
		status = show_article(idx, c);
	} else if (c->story) {
		status = story_timeline(idx, c);
	} else {
		if (n_words > 0 && !(query = join_args(words, n_words))) {
			ns_index_close(idx);
			return out_of_memory();
		}
		c->query = query;
		if (c->spell)
			status = query ? spell_one(idx, c) : spell_lines(idx, c);
		else
			status = c->new_name ? run_new(idx, c)
				 : c->timeline || c->facet ? counts(idx, c) : search(idx, c);
		free(query);
	}
	ns_index_close(idx);
	return status;
}

static int cli_main(int argc, char **argv, int expanded);

/* @NAME or --new NAME without a query: the command line again with the
 * saved options first (the ones given now, before or after @NAME,
 * override them) and the saved query words. */
static int expand_saved(int argc, char **argv, int optind_, const struct cli *c, const char *name)
{
	struct ns_alerts *a;
	const struct ns_saved *v;
	char **nargv;
	int n = 0, status;

	if (!ns_alerts_name_ok(name)) {
		fprintf(stderr, "nsearch: '%s' is not a saved search name\n", name);
		return EXIT_ERROR;
	}
	if (alerts_open(c, &a) != NS_OK)
		return EXIT_ERROR;
	v = ns_alerts_find(a, name);
	if (!v) {
		fprintf(stderr, "nsearch: no saved search '%s' (nsearch --saved lists them)\n", name);
		ns_alerts_close(a);
		return EXIT_ERROR;
	}
	nargv = calloc((size_t)argc + v->n_args + 3, sizeof(*nargv));
	if (!nargv) {
		ns_alerts_close(a);
		return out_of_memory();
	}
	/* the saved words are copied: the lock is not held while searching
	 * (--new takes it itself) */
	nargv[n++] = argv[0];
	for (size_t i = 0; i < v->n_opts; i++)
		nargv[n++] = v->args[i];
	for (int i = 1; i < argc; i++) {
		int is_opt = i < optind_ || (optind_ < i && argv[optind_][0] == '@');
		if (is_opt && strcmp(argv[i], "--") != 0)
			nargv[n++] = argv[i];
	}
	nargv[n++] = (char *)"--";
	for (size_t i = v->n_opts; i < v->n_args; i++)
		nargv[n++] = v->args[i];
	for (int i = 0; i < n; i++)
		if (!(nargv[i] = strdup(nargv[i])))
			n = i;	/* out of memory: the options say what is missing */
	ns_alerts_close(a);
	optind = 0;
	status = cli_main(n, nargv, 1);
	for (int i = 0; i < n; i++)
		free(nargv[i]);
	free(nargv);
	return status;
}

static char *skip_mem;	/* struct cli's skip, kept reachable */

int main(int argc, char **argv)
{
	return cli_main(argc, argv, 0);
}

static int cli_main(int argc, char **argv, int expanded)
{
	struct cli c;
	int status;

	memset(&c, 0, sizeof(c));
	free(skip_mem);
	c.skip = skip_mem = calloc((size_t)argc + 1, 1);
	if (!c.skip)
		return out_of_memory();
	c.dir = getenv("NSEARCH_INDEX");
	c.color = "auto";
	/* Writes to a closed pipe fail with EPIPE instead of killing us, so
	 * we can stop quietly and exit with the right status. */
	signal(SIGPIPE, SIG_IGN);
	opterr = 0;	/* our own one-line messages */
	if (!(c.o = ns_opts_new()))
		return out_of_memory();
	status = parse_options(argc, argv, &c);
	if (status < 0 && env_index_list(&c) != 0)
		status = out_of_memory();
	if (status < 0 && (c.save || c.forget || c.list))
		status = saved_admin(&c, argc, argv, optind);
	else if (status < 0 && !expanded && optind < argc && argv[optind][0] == '@')
		status = expand_saved(argc, argv, optind, &c, argv[optind] + 1);
	else if (status < 0 && !expanded && c.new_name && optind == argc)
		status = expand_saved(argc, argv, optind, &c, c.new_name);
	else if (status < 0)
		status = run(&c, argv + optind, argc - optind);
	ns_opts_free(c.o);
	free(c.dirs);
	free(c.env_dirs);
	return status;
}
