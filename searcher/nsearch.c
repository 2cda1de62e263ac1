/* SPDX-License-Identifier: MIT */
/* nsearch.c -- main(): options, open, query, print; codes to exit statuses.
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

#include "bench.h"
#include "expand.h"
#include "date.h"
#include "daterange.h"
#include "error.h"
#include "index.h"
#include "lexicon.h"
#include "match.h"
#include "pieces.h"
#include "query.h"
#include "rank.h"
#include "show.h"

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
	      "      --bench FILE   time a query file for ../shared/bench/compare.py\n"
	      "      --repeat R     with --bench: runs per query (default 5)\n"
	      "      --expand       add words from the best matches to the query (RM3)\n"
	      "      --similar ID   the articles most like article ID\n"
	      "      --trec FILE    a TREC run (qid Q0 id rank score tag) for a query file\n"
	      "      --tag TAG      with --trec: the run's tag (default nsearch)\n"
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
	const char *dir;	/* one, or the pieces joined with ':' (messages) */
	const char **dirs;	/* -i given more than once: every one of them */
	size_t n_dirs;
	const char *bench;
	const char *trec;	/* --trec FILE */
	const char *similar;	/* --similar ID */
	int expand;		/* --expand: RM3 feedback */
	const char *tag;	/* --tag, for --trec */
	long limit;
	long offset;
	long repeat;
	int count_only;
	int any;
	int stats;
	int explain;
	int header;
	int debug_counters;
	int has_range;
	struct ns_daterange range;
	enum ns_sort sort;
	struct ns_show_opts show;
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

static int print_stats(struct ns_index *idx)
{
	uint64_t nsp = 0, nsd = 0, post = 0, dict = 0, terms = 0;
	struct ns_lexicon_stats ls;
	int rc;

	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		uint64_t a, b, c, d;
		ns_segr_sizes(idx->segs[i], &a, &b, &c, &d);
		nsp += a;
		nsd += b;
		post += c;
		dict += d;
		terms += ns_segr_n_terms(idx->segs[i]);
	}
	rc = ns_lexicon_stats(idx, &ls);
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s: %s\n", idx->dir, ns_strerror(rc));
		return EXIT_ERROR;
	}
	printf("docs=%llu\n", (unsigned long long)idx->n_docs);
	printf("words=%llu\n", (unsigned long long)idx->n_tokens);
	printf("avg_doc_words=%.1f\n", idx->avg_doc_len);
	printf("terms=%llu\n", (unsigned long long)terms);
	printf("word_terms=%llu\n", (unsigned long long)ls.n_word_terms);
	printf("field_terms=%llu\n", (unsigned long long)ls.n_field_terms);
	printf("postings=%llu\n", (unsigned long long)ls.n_postings);
	printf("positions=%llu\n", (unsigned long long)ls.n_positions);
	printf("field_postings=%llu\n", (unsigned long long)ls.n_field_postings);
	printf("dated_docs=%llu\n", (unsigned long long)ls.n_dated_docs);
	printf("first_date=%s\n", ls.first_day);
	printf("last_date=%s\n", ls.last_day);
	printf("language=%s\n", idx->m.lang);
	ns_index_print_update_stats(idx, stdout);
	printf("postings_bytes=%llu\n", (unsigned long long)post);
	printf("dictionary_bytes=%llu\n", (unsigned long long)dict);
	printf("other_postings_file_bytes=%llu\n",
	       (unsigned long long)(nsp > post + dict ? nsp - post - dict : 0));
	printf("postings_file_bytes=%llu\n", (unsigned long long)nsp);
	printf("documents_file_bytes=%llu\n", (unsigned long long)nsd);
	for (uint32_t i = 0; i < idx->m.n_sources; i++)
		printf("source=%s\n", idx->m.sources[i]);
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

static void print_counters(const struct ns_match_stats *st)
{
	fprintf(stderr,
		"nsearch: counters: matches=%llu terms=%llu lists=%llu list_bytes=%llu "
		"blocks=%llu postings=%llu position_checks=%llu date_checks=%llu "
		"candidates=%llu proximity=%llu\n",
		(unsigned long long)st->n_matches, (unsigned long long)st->n_terms,
		(unsigned long long)st->n_lists, (unsigned long long)st->n_list_bytes,
		(unsigned long long)st->n_blocks, (unsigned long long)st->n_postings,
		(unsigned long long)st->n_position_checks, (unsigned long long)st->n_date_checks,
		(unsigned long long)st->n_candidates, (unsigned long long)st->n_proximity);
}

/* The first lines of --explain in text: the query as understood. */
static void explain_head(const struct ns_qnode *tree, const struct cli *c)
{
	char *s = tree ? ns_query_to_string(tree) : NULL;

	printf("query: %s\n", s ? s : "(none)");
	free(s);
	if (c->has_range) {
		char lo[11] = "", hi[11] = "";
		if (c->range.lo != NS_DR_MIN)
			ns_date_format_day(c->range.lo, lo);
		if (c->range.hi != NS_DR_MAX)
			ns_date_format_day(c->range.hi, hi);
		printf("dates: %s..%s\n", lo, hi);
	}
	putchar('\n');
}

static void explain_tail(const struct ns_match_stats *st)
{
	printf("\nwork: matches %llu, terms %llu, postings lists opened %llu (%llu bytes), "
	       "blocks decoded %llu (%llu postings), position checks %llu, date checks %llu\n",
	       (unsigned long long)st->n_matches, (unsigned long long)st->n_terms,
	       (unsigned long long)st->n_lists, (unsigned long long)st->n_list_bytes,
	       (unsigned long long)st->n_blocks, (unsigned long long)st->n_postings,
	       (unsigned long long)st->n_position_checks, (unsigned long long)st->n_date_checks);
}

/* Prints the hits of top from c->offset on.  NS_OK, NS_ERR_IO (errno) or
 * an index error. */
static int print_hits(struct ns_index *idx, struct ns_match *m, struct ns_topk *top,
		      const struct cli *c, const struct ns_show_opts *o)
{
	int rc = NS_OK;

	if (c->header && ns_show_header(stdout, o) != NS_OK)
		return NS_ERR_IO;
	for (size_t i = (size_t)c->offset; i < top->n && rc == NS_OK; i++) {
		struct ns_explain ex;
		int have_ex = 0;
		if (c->explain) {
			rc = ns_match_explain(m, top->heap[i].docid, &ex);
			if (rc < 0)
				break;
			have_ex = rc == NS_OK;
			rc = NS_OK;
		}
		rc = ns_show_hit_explained(stdout, idx, o, i + 1, &top->heap[i], have_ex ? &ex : NULL);
		if (have_ex)
			ns_explain_release(&ex);
	}
	return rc;
}

static int search(struct ns_index *idx, const char *text, const struct cli *c)
{
	struct ns_qnode *tree = NULL;
	struct ns_match *m;
	struct ns_match_opts mo;
	struct ns_match_stats st;
	struct ns_topk top;
	struct ns_show_opts o = c->show;
	uint64_t n_matches = 0;
	size_t k = c->count_only ? 0 : (size_t)(c->offset + c->limit);
	uint64_t self = UINT64_MAX;	/* --similar: the article itself */
	char msg[512] = "";
	int rc, status, wr;

	if (c->similar) {
		rc = ns_similar_compile(idx, c->similar, &m, &self, msg, sizeof(msg));
		if (rc != NS_OK) {
			fprintf(stderr, "nsearch: %s\n", msg[0] ? msg : ns_strerror(rc));
			return EXIT_ERROR;
		}
		if (k)
			k++;	/* room for the article itself, left out below */
		goto compiled;
	}
	if (text) {
		rc = ns_query_parse(text, c->any, &tree, msg, sizeof(msg));
		if (rc != NS_OK) {
			fprintf(stderr, "nsearch: query: %s\n", msg[0] ? msg : ns_strerror(rc));
			return EXIT_ERROR;
		}
	}
	memset(&mo, 0, sizeof(mo));
	mo.range = c->has_range ? &c->range : NULL;
	mo.sort = c->sort;
	rc = ns_match_compile_opts(idx, tree, &mo, &m, msg, sizeof(msg));
	if (rc != NS_OK) {
		if (rc == NS_ERR_QUERY && msg[0])
			fprintf(stderr, "nsearch: query: %s\n", msg);
		else
			fprintf(stderr, "nsearch: %s: %s\n", idx->dir, ns_strerror(rc));
		ns_query_free(tree);
		return EXIT_ERROR;
	}
compiled:
	if (c->expand && (rc = ns_expand_rm3(idx, m, c->any)) != NS_OK) {
		fprintf(stderr, "nsearch: %s: %s\n", idx->dir, ns_strerror(rc));
		ns_match_free(m);
		ns_query_free(tree);
		return EXIT_ERROR;
	}
	if (ns_topk_init(&top, k) != NS_OK) {
		ns_match_free(m);
		ns_query_free(tree);
		fputs("nsearch: out of memory\n", stderr);
		return EXIT_ERROR;
	}
	rc = ns_match_run(m, c->count_only ? NULL : &top, &n_matches);
	ns_match_get_stats(m, &st);
	if (c->debug_counters)
		print_counters(&st);
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s: %s\n", idx->dir, ns_strerror(rc));
		status = EXIT_ERROR;
		goto out;
	}
	if (self != UINT64_MAX) {
		/* --similar: the article is most like itself; leave it out. */
		size_t o_at = 0;
		if (n_matches > 0)
			n_matches--;
		ns_topk_sort(&top);
		for (size_t i = 0; i < top.n; i++)
			if (top.heap[i].docid != self)
				top.heap[o_at++] = top.heap[i];
		top.n = o_at < k - 1 || k == 0 ? o_at : k - 1;
	}
	status = n_matches > 0 ? EXIT_MATCH : EXIT_NOMATCH;
	if (c->count_only) {
		printf("%llu\n", (unsigned long long)n_matches);
	} else {
		ns_topk_sort(&top);
		ns_match_terms(m, &o.terms, &o.n_terms);
		if (c->explain && o.format == NS_SHOW_TEXT)
			explain_head(tree, c);
		rc = print_hits(idx, m, &top, c, &o);
		if (rc == NS_ERR_IO) {
			if (write_failed(errno) < 0)
				status = EXIT_ERROR;
			goto out;
		}
		if (rc != NS_OK) {
			fprintf(stderr, "nsearch: %s: %s\n", idx->dir, ns_strerror(rc));
			status = EXIT_ERROR;
			goto out;
		}
		if (c->explain && o.format == NS_SHOW_TEXT)
			explain_tail(&st);
	}
	wr = flush_stdout();
	if (wr < 0)
		status = EXIT_ERROR;
out:
	ns_topk_release(&top);
	ns_match_free(m);
	ns_query_free(tree);
	return status;
}

/* --since/--until: the start or the end of a (partial) date. */
static int parse_date_opt(const char *opt, const char *arg, int end, int64_t *t)
{
	int64_t start, last;

	if (ns_date_parse_range(arg, strlen(arg), &start, &last) != 0) {
		fprintf(stderr,
			"nsearch: %s: '%s' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, "
			"YYYY-MM-DDThh:mm:ss)\n",
			opt, arg);
		return -1;
	}
	*t = end ? last : start;
	return 0;
}

/* -i DIR: the first replaces $NSEARCH_INDEX, the next ones add pieces. */
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

/* Opens the index or indexes: -i given n times, else $NSEARCH_INDEX
 * split at its colons. */
static int open_index(struct cli *c, struct ns_index **idx, char *msg, size_t msglen)
{
	char **env = NULL;
	size_t n = 0;
	int rc;

	if (c->n_dirs > 0)
		return ns_index_open_many(c->dirs, c->n_dirs, idx, msg, msglen);
	if (ns_pieces_split(c->dir, &env, &n) != NS_OK) {
		ns_msgf(msg, msglen, "out of memory");
		return NS_ERR_NOMEM;
	}
	if (n == 0) {
		ns_msgf(msg, msglen, "NSEARCH_INDEX names no index");
		rc = NS_ERR_USAGE;
	} else {
		rc = ns_index_open_many((const char *const *)env, n, idx, msg, msglen);
	}
	free(env);
	return rc;
}

/* One line, as every error. */
static int usage_error(const char *what)
{
	fprintf(stderr, "nsearch: %s (try 'nsearch --help')\n", what);
	return EXIT_ERROR;
}

int main(int argc, char **argv)
{
	enum {
		OPT_FORMAT = 256, OPT_ANY, OPT_STATS, OPT_BENCH, OPT_REPEAT, OPT_K, OPT_VERSION,
		OPT_OFFSET, OPT_SORT, OPT_SINCE, OPT_UNTIL, OPT_COLOR, OPT_HEADER, OPT_EXPLAIN,
		OPT_DEBUG_COUNTERS, OPT_TREC, OPT_TAG, OPT_EXPAND, OPT_SIMILAR,
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
		{ "bench", required_argument, NULL, OPT_BENCH },
		{ "trec", required_argument, NULL, OPT_TREC },
		{ "expand", no_argument, NULL, OPT_EXPAND },
		{ "similar", required_argument, NULL, OPT_SIMILAR },
		{ "tag", required_argument, NULL, OPT_TAG },
		{ "repeat", required_argument, NULL, OPT_REPEAT },
		{ "k", required_argument, NULL, OPT_K },
		{ "debug-counters", no_argument, NULL, OPT_DEBUG_COUNTERS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	static struct cli c;	/* static: -i's list stays reachable on early exits */
	struct ns_index *idx = NULL;
	const char *color = "auto";
	int ids = 0, nul = 0, opt, status;
	enum ns_show_format format = NS_SHOW_TEXT;
	char msg[1024] = "", *query = NULL;

	memset(&c, 0, sizeof(c));
	c.dir = getenv("NSEARCH_INDEX");
	c.limit = 10;
	c.repeat = 5;
	c.sort = NS_SORT_SCORE;
	c.range.lo = NS_DR_MIN;
	c.range.hi = NS_DR_MAX;
	c.show.snippet_len = 200;
	/* Writes to a closed pipe fail with EPIPE instead of killing us, so
	 * we can stop quietly and exit with the right status. */
	signal(SIGPIPE, SIG_IGN);
	opterr = 0;	/* our own one-line messages */
	while ((opt = getopt_long(argc, argv, "+:i:n:cl0h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if (add_dir(&c, optarg) != 0) {
				fputs("nsearch: out of memory\n", stderr);
				return EXIT_ERROR;
			}
			break;
		case 'n':
		case OPT_K:
			if (parse_count(optarg, MAX_LIMIT, &c.limit) != 0) {
				fprintf(stderr, "nsearch: -n: '%s' is not a number from 0 to %d\n", optarg,
					MAX_LIMIT);
				return EXIT_ERROR;
			}
			break;
		case OPT_OFFSET:
			if (parse_count(optarg, MAX_LIMIT, &c.offset) != 0) {
				fprintf(stderr, "nsearch: --offset: '%s' is not a number from 0 to %d\n",
					optarg, MAX_LIMIT);
				return EXIT_ERROR;
			}
			break;
		case 'c': c.count_only = 1; break;
		case 'l': ids = 1; break;
		case '0': nul = ids = 1; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				format = NS_SHOW_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				format = NS_SHOW_TSV;
			else if (strcmp(optarg, "json") == 0)
				format = NS_SHOW_JSON;
			else {
				fprintf(stderr, "nsearch: --format: '%s' is not text, tsv or json\n", optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_HEADER: c.header = 1; break;
		case OPT_COLOR:
			color = optarg ? optarg : "auto";
			if (strcmp(color, "auto") != 0 && strcmp(color, "always") != 0 &&
			    strcmp(color, "never") != 0) {
				fprintf(stderr, "nsearch: --color: '%s' is not auto, always or never\n",
					color);
				return EXIT_ERROR;
			}
			break;
		case OPT_SORT:
			if (strcmp(optarg, "score") == 0)
				c.sort = NS_SORT_SCORE;
			else if (strcmp(optarg, "date") == 0)
				c.sort = NS_SORT_DATE;
			else if (strcmp(optarg, "-date") == 0)
				c.sort = NS_SORT_DATE_DESC;
			else {
				fprintf(stderr, "nsearch: --sort: '%s' is not score, date or -date\n",
					optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_SINCE:
			if (parse_date_opt("--since", optarg, 0, &c.range.lo) != 0)
				return EXIT_ERROR;
			c.has_range = 1;
			break;
		case OPT_UNTIL:
			if (parse_date_opt("--until", optarg, 1, &c.range.hi) != 0)
				return EXIT_ERROR;
			c.has_range = 1;
			break;
		case OPT_ANY: c.any = 1; break;
		case OPT_EXPLAIN: c.explain = 1; break;
		case OPT_STATS: c.stats = 1; break;
		case OPT_BENCH: c.bench = optarg; break;
		case OPT_TREC: c.trec = optarg; break;
		case OPT_EXPAND: c.expand = 1; break;
		case OPT_SIMILAR: c.similar = optarg; break;
		case OPT_TAG: c.tag = optarg; break;
		case OPT_REPEAT:
			if (parse_count(optarg, 1000, &c.repeat) != 0 || c.repeat < 1) {
				fprintf(stderr, "nsearch: --repeat: '%s' is not a number from 1 to 1000\n",
					optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_DEBUG_COUNTERS: c.debug_counters = 1; break;
		case 'h': usage(stdout); return flush_stdout() < 0 ? EXIT_ERROR : EXIT_MATCH;
		case OPT_VERSION:
			printf("nsearch %s (index format %u)\n", NS_VERSION, NS_FMT_VERSION);
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
	c.show.format = ids ? NS_SHOW_IDS : format;
	c.show.nul = nul;
	if (c.header && c.show.format != NS_SHOW_TSV)
		return usage_error("--header needs --format tsv");
	if (c.explain && c.show.format != NS_SHOW_TEXT && c.show.format != NS_SHOW_JSON)
		return usage_error("--explain needs --format text or json");
	if (c.range.lo > c.range.hi)
		return usage_error("--since is after --until: no date is in between");
	if (c.offset + c.limit > MAX_LIMIT)
		return usage_error("--offset plus -n is more than 1000000");
	if (!c.dir || !*c.dir)
		return usage_error("no index given (-i INDEX_DIR or NSEARCH_INDEX)");
	if (c.similar && (optind < argc || c.has_range))
		return usage_error("--similar ID takes no query words or dates");
	if (!c.stats && !c.bench && !c.trec && !c.similar && optind == argc && !c.has_range)
		return usage_error("no query given");
	status = open_index(&c, &idx, msg, sizeof(msg));
	free(c.dirs);
	c.dirs = NULL;
	if (status != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", msg);
		return EXIT_ERROR;
	}
	{
		/* no-color.org: NO_COLOR set to a non-empty value turns color
		 * off, unless asked for on the command line. */
		const char *no_color = getenv("NO_COLOR");
		if (strcmp(color, "always") == 0)
			c.show.color = 1;
		else if (strcmp(color, "auto") == 0)
			c.show.color = isatty(STDOUT_FILENO) && !(no_color && *no_color);
		if (c.show.format != NS_SHOW_TEXT)
			c.show.color = 0;
	}
	if (c.stats) {
		status = print_stats(idx);
	} else if (c.trec) {
		status = ns_bench_trec(idx, c.trec, (size_t)c.limit, c.tag ? c.tag : "nsearch",
				       c.expand, stdout, msg, sizeof(msg)) == NS_OK ? EXIT_MATCH
										    : EXIT_ERROR;
		if (status != EXIT_MATCH)
			fprintf(stderr, "nsearch: %s\n", msg);
		else if (fflush(stdout) != 0 && write_failed(errno) != 0)
			status = EXIT_ERROR;
	} else if (c.bench) {
		status = ns_bench_run(idx, c.bench, (int)c.repeat, (size_t)c.limit, c.expand, stdout,
				      msg, sizeof(msg)) == NS_OK ? EXIT_MATCH : EXIT_ERROR;
		if (status != EXIT_MATCH)
			fprintf(stderr, "nsearch: %s\n", msg);
	} else {
		if (optind < argc) {
			query = join_args(argv + optind, argc - optind);
			if (!query) {
				fputs("nsearch: out of memory\n", stderr);
				ns_index_close(idx);
				return EXIT_ERROR;
			}
		}
		status = search(idx, query, &c);
		free(query);
	}
	ns_index_close(idx);
	return status;
}
