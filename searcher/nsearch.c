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
#include <unistd.h>

#include "output.h"
#include "nsearch.h"

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
	      "  -l, --ids          print only the ids, one per line\n"
	      "  -0, --null         with -l: end each id with a NUL byte (for xargs -0)\n"
	      "      --format FMT   text (default), tsv (rank score id date title url-or-path)\n"
	      "                     or json (JSON Lines, one object per match)\n"
	      "      --header       with --format tsv: a first line naming the columns\n"
	      "      --color[=WHEN] bold matches: auto (on a terminal, default), always, never\n"
	      "      --explain      how each score was computed (text and json)\n"
	      "      --stats        print statistics of the index\n"
	      "      --expand       add words from the best matches to the query (RM3)\n"
	      "      --similar ID   the articles most like article ID\n"
	      "  -h, --help         this help;  --version: the version\n"
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
	const char **dirs;	/* every -i (malloc'd), or NULL */
	size_t n_dirs;
	const char *query;	/* the words joined, or NULL */
	const char *color;	/* auto, always, never */
	int count_only;
	int stats;
	int explain;
	int header;
	int debug_counters;
	int has_range;
	int similar;		/* --similar ID */
	int ids, nul;
	struct ns_output_opts fmt;
	ns_opts *o;
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
		"candidates=%llu proximity=%llu\n",
		(unsigned long long)w->matches, (unsigned long long)w->terms,
		(unsigned long long)w->lists, (unsigned long long)w->list_bytes,
		(unsigned long long)w->blocks, (unsigned long long)w->postings,
		(unsigned long long)w->position_checks, (unsigned long long)w->date_checks,
		(unsigned long long)w->candidates, (unsigned long long)w->proximity);
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
		rc = ns_results_hit(r, i, &h);
		if (rc == NS_OK && ns_output_hit(stdout, &c->fmt, h, ex) != 0)
			rc = NS_ERR_IO;
	}
	return rc;
}

static int search(ns_index *idx, const struct cli *c)
{
	ns_results *r;
	ns_work w;
	int rc, status;

	rc = ns_search(idx, c->query, c->o, &r);
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", ns_index_errmsg(idx));
		return EXIT_ERROR;
	}
	ns_results_work(r, &w);
	if (c->debug_counters)
		print_counters(&w);
	status = ns_results_total(r) > 0 ? EXIT_MATCH : EXIT_NOMATCH;
	if (c->count_only) {
		printf("%llu\n", (unsigned long long)ns_results_total(r));
	} else {
		if (c->explain && c->fmt.format == NS_OUTPUT_TEXT)
			explain_head(r, c);
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
	if (flush_stdout() < 0)
		status = EXIT_ERROR;
out:
	ns_results_free(r);
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

/* Opens every -i as one index, else $NSEARCH_INDEX split at its colons
 * (empty entries skipped).  NS_OK or the code of ns_index_open_many();
 * *idx as it leaves it (NULL only when out of memory). */
static int open_index(const struct cli *c, ns_index **idx)
{
	size_t n = 0, len = strlen(c->dir);
	const char **v;
	char *copy;
	int rc;

	if (c->n_dirs > 0)
		return ns_index_open_many(c->dirs, c->n_dirs, idx);
	v = malloc((len / 2 + 1) * sizeof(*v) + len + 1);
	if (!v) {
		*idx = NULL;
		return NS_ERR_NOMEM;
	}
	copy = (char *)(v + len / 2 + 1);
	memcpy(copy, c->dir, len + 1);
	for (char *tok = copy, *colon; tok; tok = colon ? colon + 1 : NULL) {
		if ((colon = strchr(tok, ':')))
			*colon = 0;
		if (*tok)
			v[n++] = tok;
	}
	rc = ns_index_open_many(v, n, idx);
	free(v);
	return rc;
}

/* Reads the options into c (c->o allocated).  Returns -1 to go on, else
 * the exit status to end with at once (--help, --version, a usage error). */
static int parse_options(int argc, char **argv, struct cli *c)
{
	enum {
		OPT_FORMAT = 256, OPT_ANY, OPT_STATS, OPT_K, OPT_VERSION, OPT_OFFSET, OPT_SORT,
		OPT_SINCE, OPT_UNTIL, OPT_COLOR, OPT_HEADER, OPT_EXPLAIN, OPT_DEBUG_COUNTERS,
		OPT_EXPAND, OPT_SIMILAR,
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
		{ "similar", required_argument, NULL, OPT_SIMILAR },
		{ "k", required_argument, NULL, OPT_K },
		{ "debug-counters", no_argument, NULL, OPT_DEBUG_COUNTERS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	enum ns_output_format format = NS_OUTPUT_TEXT;
	long limit = 10, offset = 0;
	int opt;

	while ((opt = getopt_long(argc, argv, "+:i:n:cl0h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if (add_dir(c, optarg) != 0)
				return out_of_memory();
			break;
		case 'n':
		case OPT_K:
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
		case OPT_EXPAND: ns_opts_set_expand(c->o, 1); break;
		case OPT_SIMILAR:
			if (ns_opts_set_similar(c->o, optarg) != NS_OK)
				return out_of_memory();
			c->similar = 1;
			break;
		case OPT_DEBUG_COUNTERS: c->debug_counters = 1; break;
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
	c->fmt.format = c->ids ? NS_OUTPUT_IDS : format;
	c->fmt.nul = c->nul;
	ns_opts_set_limit(c->o, c->count_only ? 0 : (size_t)limit);
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
		if (!c->stats && !c->similar && optind == argc && !c->has_range)
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
	if (c->stats) {
		status = print_stats(idx);
	} else {
		if (n_words > 0 && !(query = join_args(words, n_words))) {
			ns_index_close(idx);
			return out_of_memory();
		}
		c->query = query;
		status = search(idx, c);
		free(query);
	}
	ns_index_close(idx);
	return status;
}

int main(int argc, char **argv)
{
	struct cli c;
	int status;

	memset(&c, 0, sizeof(c));
	c.dir = getenv("NSEARCH_INDEX");
	c.color = "auto";
	/* Writes to a closed pipe fail with EPIPE instead of killing us, so
	 * we can stop quietly and exit with the right status. */
	signal(SIGPIPE, SIG_IGN);
	opterr = 0;	/* our own one-line messages */
	if (!(c.o = ns_opts_new()))
		return out_of_memory();
	status = parse_options(argc, argv, &c);
	if (status < 0)
		status = run(&c, argv + optind, argc - optind);
	ns_opts_free(c.o);
	free(c.dirs);
	return status;
}
