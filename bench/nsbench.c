/* SPDX-License-Identifier: MIT */
/* nsbench.c -- the benchmark and evaluation tool, apart from the shipped
 * nsearch: times a query file for ../shared/bench/compare.py (--bench) or
 * writes a TREC run for trec_eval (--trec).  See harness.h.
 *
 *   nsbench -i INDEX --bench QUERIES [--repeat R] [-n K] [--expand] [--collapse=HOW]
 *   nsbench -i INDEX --trec QUERIES [-n K] [--tag TAG] [--expand]
 *
 * -i given more than once searches the indexes as one, as nsearch does.
 * A client of nsearch.h alone (and bench/harness.c, its query files).
 *
 * Exit status: 0 done, 2 error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nsearch.h>

#include "harness.h"

static int usage(FILE *f, int status)
{
	fputs("usage: nsbench -i INDEX_DIR --bench FILE [--repeat R] [-n K] [--expand]\n"
	      "                [--collapse=story|dups|none]\n"
	      "       nsbench -i INDEX_DIR --trec FILE [-n K] [--tag TAG] [--expand]\n"
	      "  --bench FILE   time a query file for ../shared/bench/compare.py\n"
	      "  --repeat R     with --bench: runs per query (default 5)\n"
	      "  --trec FILE    a TREC run (qid Q0 id rank score tag) for a query file\n"
	      "  --tag TAG      with --trec: the run's tag (default nsearch)\n"
	      "  -n, --limit K  hits per query (default 10)\n"
	      "  --expand       expand each query by RM3 first\n"
	      "  --collapse=HOW one hit per story (story), per copies (dups), or\n"
	      "                 every article (none, the default)\n",
	      f);
	return status;
}

static int parse_num(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	enum { OPT_BENCH = 256, OPT_TREC, OPT_TAG, OPT_REPEAT, OPT_EXPAND, OPT_COLLAPSE };
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "limit", required_argument, NULL, 'n' },
		{ "bench", required_argument, NULL, OPT_BENCH },
		{ "trec", required_argument, NULL, OPT_TREC },
		{ "tag", required_argument, NULL, OPT_TAG },
		{ "repeat", required_argument, NULL, OPT_REPEAT },
		{ "expand", no_argument, NULL, OPT_EXPAND },
		{ "collapse", required_argument, NULL, OPT_COLLAPSE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dirs[64], *dir = getenv("NSEARCH_INDEX"), *bench = NULL, *trec = NULL, *tag = "nsearch";
	long limit = 10, repeat = 5;
	struct ns_bench_opts bo = { 0, NS_COLLAPSE_OFF };
	int opt, rc;
	size_t n_dirs = 0;
	char *env_dirs = NULL;
	ns_index *idx;
	char msg[1024] = "";

	while ((opt = getopt_long(argc, argv, "i:n:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if (n_dirs == sizeof(dirs) / sizeof(dirs[0])) {
				fprintf(stderr, "nsbench: at most %zu -i\n", n_dirs);
				return 2;
			}
			dir = dirs[n_dirs++] = optarg;
			break;
		case 'n':
			if (parse_num(optarg, 0, 1000000, &limit) != 0) {
				fprintf(stderr, "nsbench: -n: '%s' is not a number from 0 to 1000000\n",
					optarg);
				return 2;
			}
			break;
		case OPT_BENCH: bench = optarg; break;
		case OPT_TREC: trec = optarg; break;
		case OPT_TAG: tag = optarg; break;
		case OPT_REPEAT:
			if (parse_num(optarg, 1, 1000, &repeat) != 0) {
				fprintf(stderr, "nsbench: --repeat: '%s' is not a number from 1 to 1000\n",
					optarg);
				return 2;
			}
			break;
		case OPT_EXPAND: bo.expand = 1; break;
		case OPT_COLLAPSE:
			if (strcmp(optarg, "story") == 0) {
				bo.collapse = NS_COLLAPSE_STORIES;
			} else if (strcmp(optarg, "dups") == 0) {
				bo.collapse = NS_COLLAPSE_COPIES;
			} else if (strcmp(optarg, "none") == 0) {
				bo.collapse = NS_COLLAPSE_OFF;
			} else {
				fprintf(stderr, "nsbench: --collapse: '%s' is not story, dups or none\n",
					optarg);
				return 2;
			}
			break;
		case 'h': return usage(stdout, 0);
		default: return usage(stderr, 2);
		}
	}
	if (!dir || !*dir || !!bench == !!trec || optind != argc)
		return usage(stderr, 2);
	if (n_dirs == 0) {
		/* NSEARCH_INDEX=A:B, as nsearch reads it */
		if (!(env_dirs = strdup(dir))) {
			fputs("nsbench: out of memory\n", stderr);
			return 2;
		}
		for (char *tok = env_dirs, *colon; tok; tok = colon ? colon + 1 : NULL) {
			if ((colon = strchr(tok, ':')))
				*colon = 0;
			if (*tok && n_dirs < sizeof(dirs) / sizeof(dirs[0]))
				dirs[n_dirs++] = tok;
		}
	}
	rc = ns_index_open_many(dirs, n_dirs, &idx);
	free(env_dirs);
	if (rc != NS_OK) {
		fprintf(stderr, "nsbench: %s\n", ns_index_errmsg(idx));
		ns_index_close(idx);
		return 2;
	}
	if (trec)
		rc = ns_bench_trec(idx, trec, (size_t)limit, tag, &bo, stdout, msg, sizeof(msg));
	else
		rc = ns_bench_run(idx, bench, (int)repeat, (size_t)limit, &bo, stdout, msg,
				  sizeof(msg));
	if (rc != NS_OK)
		fprintf(stderr, "nsbench: %s\n", msg);
	ns_index_close(idx);
	if (rc == NS_OK && fflush(stdout) != 0) {
		fprintf(stderr, "nsbench: write error: %s\n", strerror(errno));
		rc = NS_ERR_IO;
	}
	return rc == NS_OK ? 0 : 2;
}
