/* SPDX-License-Identifier: MIT */
/* nsearch.c -- main(): options, open, query, print; codes to exit statuses.
 *
 * Exit status, as grep: 0 when something matched, 1 when nothing did, 2 on
 * any error (bad usage, query syntax, unreadable or corrupt index).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "error.h"
#include "index.h"
#include "match.h"
#include "query.h"
#include "rank.h"
#include "show.h"

#define NS_VERSION "0.1.0"
#define EXIT_MATCH 0
#define EXIT_NOMATCH 1
#define EXIT_ERROR 2
#define MAX_LIMIT 1000000

static void usage(FILE *f)
{
	fputs("usage: nsearch [-i INDEX_DIR] [options] QUERY...\n"
	      "Search an index built by nindex; best matches first (BM25).\n"
	      "\n"
	      "Query language (operators in capitals):\n"
	      "  word word          all words must match (stemmed: strikes = strike)\n"
	      "  a OR b             either;   a AND b: both (the default)\n"
	      "  a NOT b, -b        a without b\n"
	      "  \"exact phrase\"     words in this order, adjacent\n"
	      "  a NEAR/n b         a and b at most n words apart, either order (NEAR = NEAR/10)\n"
	      "  a ADJ/n b          the same with a first\n"
	      "  ( ... )            grouping;   title:word, body:word, title:\"a phrase\"\n"
	      "\n"
	      "  -i, --index DIR    index directory (default: $NSEARCH_INDEX)\n"
	      "  -n, --limit N      show the N best matches (default 10)\n"
	      "  -c, --count        print only the number of matching articles\n"
	      "      --format FMT   text (default) or tsv: rank score id date title url-or-path\n"
	      "      --any          juxtaposed words are ORed instead of ANDed\n"
	      "      --stats        print statistics of the index\n"
	      "      --bench FILE   time a query file for ../shared/bench/compare.py\n"
	      "      --repeat R     with --bench: runs per query (default 5)\n"
	      "  -h, --help         this help;  --version: the version\n"
	      "\n"
	      "Examples:\n"
	      "  nsearch -i news.idx 'airspace NEAR/10 saudi'\n"
	      "  nsearch --format tsv '\"missile sites\" AND title:iran' | cut -f3\n"
	      "\n"
	      "Exit status: 0 matches found, 1 no match, 2 error.\n",
	      f);
}

static int print_stats(struct ns_index *idx)
{
	uint64_t nsp = 0, nsd = 0, post = 0, dict = 0, terms = 0;

	for (uint32_t i = 0; i < idx->m.n_segs; i++) {
		uint64_t a, b, c, d;
		ns_segr_sizes(idx->segs[i], &a, &b, &c, &d);
		nsp += a;
		nsd += b;
		post += c;
		dict += d;
		terms += ns_segr_n_terms(idx->segs[i]);
	}
	printf("docs=%llu\n", (unsigned long long)idx->n_docs);
	printf("words=%llu\n", (unsigned long long)idx->n_tokens);
	printf("avg_doc_words=%.1f\n", idx->avg_doc_len);
	printf("terms=%llu\n", (unsigned long long)terms);
	printf("segments=%u\n", idx->m.n_segs);
	printf("language=%s\n", idx->m.lang);
	printf("generation=%llu\n", (unsigned long long)idx->m.generation);
	printf("postings_bytes=%llu\n", (unsigned long long)post);
	printf("dictionary_bytes=%llu\n", (unsigned long long)dict);
	printf("postings_file_bytes=%llu\n", (unsigned long long)nsp);
	printf("documents_file_bytes=%llu\n", (unsigned long long)nsd);
	for (uint32_t i = 0; i < idx->m.n_sources; i++)
		printf("source=%s\n", idx->m.sources[i]);
	return ferror(stdout) ? EXIT_ERROR : EXIT_MATCH;
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

static int search(struct ns_index *idx, const char *text, int default_or, int count_only,
		  size_t limit, const struct ns_show_opts *base)
{
	struct ns_qnode *tree;
	struct ns_match *m;
	struct ns_topk top;
	struct ns_show_opts o = *base;
	uint64_t n_matches = 0;
	char msg[512] = "";
	int rc;

	rc = ns_query_parse(text, default_or, &tree, msg, sizeof(msg));
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: query: %s\n", msg[0] ? msg : ns_strerror(rc));
		return EXIT_ERROR;
	}
	rc = ns_match_compile(idx, tree, &m, msg, sizeof(msg));
	ns_query_free(tree);
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", rc == NS_ERR_QUERY && msg[0] ? msg : ns_strerror(rc));
		return EXIT_ERROR;
	}
	if (ns_topk_init(&top, count_only ? 0 : limit) != NS_OK) {
		ns_match_free(m);
		fputs("nsearch: out of memory\n", stderr);
		return EXIT_ERROR;
	}
	rc = ns_match_run(m, count_only ? NULL : &top, &n_matches);
	if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s: %s\n", idx->dir, ns_strerror(rc));
		goto out;
	}
	if (count_only) {
		printf("%llu\n", (unsigned long long)n_matches);
		goto out;
	}
	ns_topk_sort(&top);
	ns_match_terms(m, &o.terms, &o.n_terms);
	for (size_t i = 0; i < top.n && rc == NS_OK; i++)
		rc = ns_show_hit(stdout, idx, &o, i + 1, &top.heap[i]);
	if (rc == NS_ERR_IO) {
		/* A closed pipe (nsearch ... | head -1) is not worth a word. */
		if (errno != EPIPE)
			fprintf(stderr, "nsearch: write error: %s\n", strerror(errno));
	} else if (rc != NS_OK) {
		fprintf(stderr, "nsearch: %s: %s\n", idx->dir, ns_strerror(rc));
	}
out:
	ns_topk_release(&top);
	ns_match_free(m);
	if (fflush(stdout) != 0 && errno != EPIPE && rc == NS_OK) {
		fprintf(stderr, "nsearch: write error: %s\n", strerror(errno));
		rc = NS_ERR_IO;
	}
	if (rc != NS_OK)
		return rc == NS_ERR_IO && errno == EPIPE ? EXIT_MATCH : EXIT_ERROR;
	return n_matches > 0 ? EXIT_MATCH : EXIT_NOMATCH;
}

int main(int argc, char **argv)
{
	enum { OPT_FORMAT = 256, OPT_ANY, OPT_STATS, OPT_BENCH, OPT_REPEAT, OPT_K, OPT_VERSION };
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "limit", required_argument, NULL, 'n' },
		{ "count", no_argument, NULL, 'c' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "any", no_argument, NULL, OPT_ANY },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "bench", required_argument, NULL, OPT_BENCH },
		{ "repeat", required_argument, NULL, OPT_REPEAT },
		{ "k", required_argument, NULL, OPT_K },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct ns_show_opts show;
	struct ns_index *idx = NULL;
	const char *dir = getenv("NSEARCH_INDEX"), *bench = NULL;
	long limit = 10, repeat = 5;
	int count_only = 0, any = 0, stats = 0, c, status;
	char msg[1024] = "", *query;

	memset(&show, 0, sizeof(show));
	show.format = NS_SHOW_TEXT;
	show.snippet_len = 200;
	/* Writes to a closed pipe fail with EPIPE instead of killing us, so
	 * we can stop quietly and exit with the right status. */
	signal(SIGPIPE, SIG_IGN);
	while ((c = getopt_long(argc, argv, "+i:n:ch", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': dir = optarg; break;
		case 'n':
		case OPT_K:
			if (parse_count(optarg, MAX_LIMIT, &limit) != 0) {
				fprintf(stderr, "nsearch: -n: '%s' is not a number from 0 to %d\n", optarg,
					MAX_LIMIT);
				return EXIT_ERROR;
			}
			break;
		case 'c': count_only = 1; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				show.format = NS_SHOW_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				show.format = NS_SHOW_TSV;
			else {
				fprintf(stderr, "nsearch: --format: '%s' is not text or tsv\n", optarg);
				return EXIT_ERROR;
			}
			break;
		case OPT_ANY: any = 1; break;
		case OPT_STATS: stats = 1; break;
		case OPT_BENCH: bench = optarg; break;
		case OPT_REPEAT:
			if (parse_count(optarg, 1000, &repeat) != 0 || repeat < 1) {
				fprintf(stderr, "nsearch: --repeat: '%s' is not a number from 1 to 1000\n",
					optarg);
				return EXIT_ERROR;
			}
			break;
		case 'h': usage(stdout); return EXIT_MATCH;
		case OPT_VERSION: printf("nsearch %s\n", NS_VERSION); return EXIT_MATCH;
		default:
			fputs("Try 'nsearch --help' for more information.\n", stderr);
			return EXIT_ERROR;
		}
	}
	if (!dir || !*dir) {
		fputs("nsearch: no index given (-i INDEX_DIR or NSEARCH_INDEX)\n"
		      "Try 'nsearch --help' for more information.\n", stderr);
		return EXIT_ERROR;
	}
	if (!stats && !bench && optind == argc) {
		fputs("nsearch: no query given\nTry 'nsearch --help' for more information.\n", stderr);
		return EXIT_ERROR;
	}
	if (ns_index_open(dir, &idx, msg, sizeof(msg)) != NS_OK) {
		fprintf(stderr, "nsearch: %s\n", msg);
		return EXIT_ERROR;
	}
	{
		/* no-color.org: NO_COLOR set to a non-empty value turns color off. */
		const char *no_color = getenv("NO_COLOR");
		show.color = show.format == NS_SHOW_TEXT && isatty(STDOUT_FILENO) &&
			     !(no_color && *no_color);
	}
	if (stats) {
		status = print_stats(idx);
	} else if (bench) {
		status = ns_bench_run(idx, bench, (int)repeat, (size_t)limit, stdout, msg,
				      sizeof(msg)) == NS_OK ? EXIT_MATCH : EXIT_ERROR;
		if (status != EXIT_MATCH)
			fprintf(stderr, "nsearch: %s\n", msg);
	} else {
		query = join_args(argv + optind, argc - optind);
		if (!query) {
			fputs("nsearch: out of memory\n", stderr);
			status = EXIT_ERROR;
		} else {
			status = search(idx, query, any, count_only, (size_t)limit, &show);
			free(query);
		}
	}
	ns_index_close(idx);
	return status;
}
