/* SPDX-License-Identifier: MIT */
/* nindex.c -- main(): options, messages, progress and exit codes of nindex.
 *
 * All indexing logic is in build.c; this file only talks to the user.
 * Exit status: 0 success (problems with single inputs are warned about on
 * stderr), 1 failure, 2 usage error, 75 (EX_TEMPFAIL) when another nindex
 * is updating the same index, so overlapping cron runs are harmless.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyze.h"
#include "build.h"
#include "error.h"

#define NS_VERSION "0.1.0"
#define EXIT_TEMPFAIL 75
#define DEFAULT_MEMORY (256ull << 20)

static int progress_shown;

static void usage(FILE *f)
{
	fputs("usage: nindex -i INDEX_DIR [options] [SOURCE...]\n"
	      "Build a full-text index of news articles for nsearch.\n"
	      "\n"
	      "A SOURCE is a directory (read recursively), a file, or - for JSON Lines on\n"
	      "standard input. *.jsonl / *.ndjson (optionally .gz) hold one JSON article per\n"
	      "line (id, title, body|text|content, date, source, url); other files are\n"
	      "plain-text articles (first line = headline when it looks like one).\n"
	      "Without SOURCE, the sources remembered in the index are read again.\n"
	      "\n"
	      "  -i, --index DIR     index directory (created if missing)\n"
	      "      --lang LANG     Snowball stemming language (default english; none = off)\n"
	      "      --memory SIZE   memory budget for building, e.g. 512M, 2G (default 256M)\n"
	      "  -v, --verbose       print a summary line when done\n"
	      "  -q, --quiet         no progress line and no warnings about single inputs\n"
	      "  -h, --help          this help\n"
	      "      --version       print the version\n"
	      "\n"
	      "Examples:\n"
	      "  nindex -i ~/news.idx ~/news            index a directory of articles\n"
	      "  zcat dump.jsonl.gz | nindex -i idx -   index JSON Lines from a pipe\n"
	      "  nindex -i ~/news.idx                   refresh from the remembered sources\n"
	      "\n"
	      "Exit status: 0 done, 1 failed, 2 usage error, 75 index busy (another nindex).\n",
	      f);
}

static int parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	case 0: v <<= 20; break;	/* a bare number is megabytes */
	default: return -1;
	}
	if ((*end == 'b' || *end == 'B'))
		end++;
	if (*end || v < (1ull << 20))
		return -1;
	*out = v;
	return 0;
}

struct ui {
	int quiet;
	int tty;		/* stderr is a terminal: show progress */
	unsigned long long n_problems;
};

static void clear_progress(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = 0;
	}
}

static void on_problem(void *ctx, const char *where, const char *what)
{
	struct ui *ui = ctx;

	ui->n_problems++;
	if (ui->quiet)
		return;
	clear_progress();
	fprintf(stderr, "nindex: %s: %s\n", where, what);
}

static void on_progress(void *ctx, const struct ns_build_stats *st, int done)
{
	struct ui *ui = ctx;

	if (!ui->tty || ui->quiet)
		return;
	if (done) {
		clear_progress();
		return;
	}
	fprintf(stderr, "\r\033[Knindex: %llu articles, %.1f MB, %.0f articles/s",
		(unsigned long long)st->n_docs, (double)st->n_bytes / 1e6,
		st->seconds > 0 ? (double)st->n_docs / st->seconds : 0.0);
	progress_shown = 1;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "lang", required_argument, NULL, 'L' },
		{ "memory", required_argument, NULL, 'M' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ns_build_opts o;
	struct ns_build_stats st;
	struct ns_build_hooks hooks;
	struct ui ui;
	unsigned long long mem = DEFAULT_MEMORY;
	int verbose = 0, c, rc;
	char msg[1024] = "";

	memset(&o, 0, sizeof(o));
	memset(&ui, 0, sizeof(ui));
	while ((c = getopt_long(argc, argv, "i:vqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': o.index_dir = optarg; break;
		case 'L':
			if (!ns_analyzer_lang_ok(optarg)) {
				char langs[1024];
				ns_analyzer_list_langs(langs, sizeof(langs));
				fprintf(stderr, "nindex: unknown language '%s' (known: %s)\n", optarg,
					langs);
				return 2;
			}
			o.lang = optarg;
			break;
		case 'M':
			if (parse_size(optarg, &mem) != 0) {
				fprintf(stderr, "nindex: --memory: '%s' is not a size of at least 1M "
						"(e.g. 512M, 2G)\n", optarg);
				return 2;
			}
			break;
		case 'v': verbose = 1; break;
		case 'q': ui.quiet = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("nindex %s\n", NS_VERSION); return 0;
		default:
			fputs("Try 'nindex --help' for more information.\n", stderr);
			return 2;
		}
	}
	if (!o.index_dir) {
		fputs("nindex: no index directory given (-i INDEX_DIR)\n"
		      "Try 'nindex --help' for more information.\n", stderr);
		return 2;
	}
	o.sources = (const char *const *)(argv + optind);
	o.n_sources = (size_t)(argc - optind);
	o.memory_bytes = mem;
	ui.tty = isatty(STDERR_FILENO);
	hooks.ctx = &ui;
	hooks.problem = on_problem;
	hooks.progress = on_progress;

	rc = ns_build(&o, &hooks, &st, msg, sizeof(msg));
	clear_progress();
	if (rc != NS_OK) {
		fprintf(stderr, "nindex: %s\n", msg[0] ? msg : ns_strerror(rc));
		return rc == NS_ERR_LIMIT ? EXIT_TEMPFAIL : 1;
	}
	if (verbose)
		fprintf(stderr,
			"nindex: indexed %llu articles (%llu words, %.1f MB) from %llu files in "
			"%.2f s; index %.1f MB; skipped %llu files, %llu bad lines, %llu repeated "
			"ids; %u runs spilled\n",
			(unsigned long long)st.n_docs, (unsigned long long)st.n_tokens,
			(double)st.n_bytes / 1e6, (unsigned long long)st.n_files, st.seconds,
			(double)st.index_bytes / 1e6, (unsigned long long)st.n_skipped,
			(unsigned long long)st.n_bad_lines, (unsigned long long)st.n_duplicates,
			st.n_runs);
	return 0;
}
