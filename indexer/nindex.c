/* SPDX-License-Identifier: MIT */
/* nindex.c -- main(): options, messages, progress and exit codes of nindex.
 *
 * All indexing logic is in build.c (and the check in common/check.c); this
 * file only talks to the user.  Cron manners: nothing on success unless -v
 * (one summary line), a progress line only when stderr is a terminal,
 * problems always on stderr, and a non-zero status on failure.
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
#include "manifest.h"
#include "watch.h"
#include "check.h"
#include "error.h"

#define NS_VERSION "0.1.0"
#define EXIT_TEMPFAIL 75
#define DEFAULT_MEMORY (256ull << 20)

static int progress_shown;

static void usage(FILE *f)
{
	fputs("usage: nindex -i INDEX_DIR [options] [SOURCE...]\n"
	      "Build or update a full-text index of news articles for nsearch.\n"
	      "\n"
	      "A SOURCE is a directory (read recursively), a file, or - for JSON Lines on\n"
	      "standard input. *.jsonl / *.ndjson (optionally .gz) hold one JSON article per\n"
	      "line (id, title, body|text|content, date, source, url); other files are\n"
	      "plain-text articles (first line = headline when it looks like one).\n"
	      "Without SOURCE, the sources remembered in the index are updated; - alone\n"
	      "adds standard input to the index, keeping everything else.\n"
	      "\n"
	      "A run reads only what changed since the last one: new files, changed files,\n"
	      "the new lines of a growing JSON Lines file; articles of removed files go, and\n"
	      "an article that comes again with the same id replaces the old one.\n"
	      "\n"
	      "  -i, --index DIR     index directory (created if missing)\n"
	      "      --lang LANG     Snowball stemming language (default english; none = off)\n"
	      "      --memory SIZE   memory budget for building, e.g. 512M, 2G (default 256M)\n"
	      "      --max-article SIZE  longest article kept (default: 1/16 of --memory,\n"
	      "                      at most 64M): a longer text file is cut, a longer\n"
	      "                      JSON line skipped, each with a warning\n"
	      "      --wait          wait for another nindex on the index to finish\n"
	      "                      (instead of exiting with status 75)\n"
	      "      --full          read every file again, as for a new index\n"
	      "      --compact       merge the index into one segment (without SOURCE, read\n"
	      "                      no sources)\n"
	      "      --watch         stay running: update whenever the sources change\n"
	      "                      (inotify), until SIGINT or SIGTERM\n"
	      "      --settle SECONDS  with --watch: quiet time before an update (default 2)\n"
	      "      --check         verify every checksum and invariant of the index; print\n"
	      "                      each problem, exit 1 if there is one\n"
	      "  -v, --verbose       print a summary line when done\n"
	      "  -q, --quiet         no progress line and no warnings about single inputs\n"
	      "  -h, --help          this help\n"
	      "      --version       print the version\n"
	      "\n"
	      "Silent on success unless -v; a progress line when stderr is a terminal.\n"
	      "\n"
	      "Examples:\n"
	      "  nindex -i ~/news.idx ~/news            index a directory of articles\n"
	      "  zcat dump.jsonl.gz | nindex -i idx -   add JSON Lines from a pipe\n"
	      "  nindex -i ~/news.idx                   update from the remembered sources\n"
	      "  */10 * * * * nindex -i ~/news.idx      (crontab) every ten minutes\n"
	      "\n"
	      "Exit status: 0 done, 1 failed (or --check found a problem), 2 usage error,\n"
	      "75 index busy (another nindex).\n",
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
	double last_shown;	/* seconds of the last progress line */
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

/* "12 s", "1:05", "2:01:05" */
static void format_eta(double s, char *out, size_t n)
{
	if (s < 60)
		snprintf(out, n, "%.0f s", s);
	else if (s < 3600)
		snprintf(out, n, "%d:%02d", (int)s / 60, (int)s % 60);
	else
		snprintf(out, n, "%d:%02d:%02d", (int)s / 3600, (int)s / 60 % 60, (int)s % 60);
}

static void on_progress(void *ctx, const struct ns_build_stats *st, int done)
{
	struct ui *ui = ctx;
	char eta[32] = "?";

	if (!ui->tty || ui->quiet)
		return;
	if (done) {
		clear_progress();
		return;
	}
	if (progress_shown && st->seconds - ui->last_shown < 0.2)
		return;
	ui->last_shown = st->seconds;
	/* ETA from the bytes to read, known before reading began */
	if (st->bytes_done > 0 && st->bytes_total > st->bytes_done && st->seconds > 0)
		format_eta(st->seconds * (double)(st->bytes_total - st->bytes_done) /
				   (double)st->bytes_done,
			   eta, sizeof(eta));
	else if (st->bytes_total && st->bytes_done >= st->bytes_total)
		snprintf(eta, sizeof(eta), "0 s");
	fprintf(stderr, "\r\033[Knindex: %llu articles, %.1f of %.1f MB, %.0f articles/s, ETA %s",
		(unsigned long long)st->n_docs, (double)st->bytes_done / 1e6,
		(double)st->bytes_total / 1e6,
		st->seconds > 0 ? (double)st->n_docs / st->seconds : 0.0, eta);
	progress_shown = 1;
}

/* --check: every problem on stderr, a summary with -v. */
static void on_check_problem(void *ctx, const char *file, const char *what)
{
	unsigned long long *n = ctx;

	(*n)++;
	fprintf(stderr, "nindex: check: %s: %s\n", file, what);
}

static int run_check(const char *dir, int verbose)
{
	struct ns_check_stats cs;
	unsigned long long n = 0;
	char msg[1024] = "";
	int rc = ns_check_index(dir, on_check_problem, &n, &cs, msg, sizeof(msg));

	if (rc != NS_OK) {
		fprintf(stderr, "nindex: %s\n", msg[0] ? msg : ns_strerror(rc));
		return 1;
	}
	if (n > 0) {
		fprintf(stderr, "nindex: check: %llu problem%s in '%s'\n", n, n == 1 ? "" : "s", dir);
		return 1;
	}
	if (verbose)
		fprintf(stderr,
			"nindex: check: '%s' is sound: generation %llu, %u segments, %llu "
			"documents (%llu deleted), %llu terms, %llu postings\n",
			dir, (unsigned long long)cs.generation, cs.n_segments,
			(unsigned long long)cs.n_docs, (unsigned long long)cs.n_deleted,
			(unsigned long long)cs.n_terms, (unsigned long long)cs.n_postings);
	return 0;
}

/* --watch: one update now, then one per burst of changes (watch.h). */
struct watch_ctx {
	struct ns_build_opts *o;
	const struct ns_build_hooks *hooks;
	int verbose;
};

static int watch_update(void *ctx)
{
	struct watch_ctx *w = ctx;
	struct ns_build_stats st;
	char msg[1024] = "";
	int rc = ns_build(w->o, w->hooks, &st, msg, sizeof(msg));

	clear_progress();
	if (rc != NS_OK) {
		fprintf(stderr, "nindex: %s\n", msg[0] ? msg : ns_strerror(rc));
		return 1;
	}
	if (w->verbose)
		fprintf(stderr, "nindex: added %llu, updated %llu, deleted %llu in %.2f s "
				"(generation %llu)\n",
			(unsigned long long)st.n_added, (unsigned long long)st.n_updated,
			(unsigned long long)st.n_deleted, st.seconds,
			(unsigned long long)st.generation);
	return 0;
}

static void watch_note(void *ctx, const char *what)
{
	(void)ctx;
	fprintf(stderr, "nindex: %s\n", what);
}

static int run_watch(struct ns_build_opts *o, const struct ns_build_hooks *hooks, int verbose,
		     double settle)
{
	struct watch_ctx wc = { o, hooks, verbose };
	struct ns_watch_opts wo;
	struct ns_manifest m;
	int have_m = 0, rc;
	char msg[512] = "";

	for (size_t i = 0; i < o->n_sources; i++)
		if (strcmp(o->sources[i], "-") == 0) {
			fputs("nindex: --watch cannot watch standard input\n", stderr);
			return 2;
		}
	o->wait = 1;	/* a run from cron meanwhile: take turns */
	memset(&wo, 0, sizeof(wo));
	wo.index_dir = o->index_dir;
	wo.sources = o->sources;
	wo.n_sources = o->n_sources;
	if (o->n_sources == 0) {
		/* the remembered sources (an update first, as without --watch) */
		if (ns_manifest_read(o->index_dir, &m) != NS_OK || m.n_sources == 0) {
			fprintf(stderr, "nindex: --watch: no sources given and none remembered in "
					"'%s'\n", o->index_dir);
			return 2;
		}
		have_m = 1;
		wo.sources = (const char *const *)m.sources;
		wo.n_sources = m.n_sources;
	}
	wo.settle_s = settle;
	wo.update = watch_update;
	wo.note = watch_note;
	wo.ctx = &wc;
	rc = ns_watch_run(&wo, msg, sizeof(msg));
	if (rc != 0)
		fprintf(stderr, "nindex: %s\n", msg);
	if (have_m)
		ns_manifest_release(&m);
	return rc != 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "lang", required_argument, NULL, 'L' },
		{ "memory", required_argument, NULL, 'M' },
		{ "max-article", required_argument, NULL, 'A' },
		{ "wait", no_argument, NULL, 'W' },
		{ "full", no_argument, NULL, 'F' },
		{ "compact", no_argument, NULL, 'C' },
		{ "check", no_argument, NULL, 'K' },
		{ "watch", no_argument, NULL, 'T' },
		{ "settle", required_argument, NULL, 'S' },
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
	unsigned long long mem = DEFAULT_MEMORY, max_article = 0;
	int verbose = 0, check = 0, watch = 0, c, rc;
	double settle = 2.0;
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
		case 'A':
			if (parse_size(optarg, &max_article) != 0) {
				fprintf(stderr, "nindex: --max-article: '%s' is not a size of at least "
						"1M (e.g. 4M)\n", optarg);
				return 2;
			}
			break;
		case 'W': o.wait = 1; break;
		case 'F': o.full = 1; break;
		case 'C': o.compact = 1; break;
		case 'K': check = 1; break;
		case 'T': watch = 1; break;
		case 'S': {
			char *end;
			settle = strtod(optarg, &end);
			if (end == optarg || *end || !(settle >= 0 && settle <= 3600)) {
				fprintf(stderr, "nindex: --settle: '%s' is not a number of seconds "
						"from 0 to 3600\n", optarg);
				return 2;
			}
			break;
		}
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
	if (check) {
		if (optind < argc) {
			fputs("nindex: --check takes no SOURCE\n"
			      "Try 'nindex --help' for more information.\n", stderr);
			return 2;
		}
		return run_check(o.index_dir, verbose);
	}
	o.sources = (const char *const *)(argv + optind);
	o.n_sources = (size_t)(argc - optind);
	o.memory_bytes = mem;
	o.max_article_bytes = max_article;
	ui.tty = isatty(STDERR_FILENO);
	hooks.ctx = &ui;
	hooks.problem = on_problem;
	hooks.progress = on_progress;

	if (watch)
		return run_watch(&o, &hooks, verbose, settle);
	rc = ns_build(&o, &hooks, &st, msg, sizeof(msg));
	clear_progress();
	if (rc != NS_OK) {
		fprintf(stderr, "nindex: %s\n", msg[0] ? msg : ns_strerror(rc));
		return rc == NS_ERR_LIMIT ? EXIT_TEMPFAIL : 1;
	}
	if (verbose)
		fprintf(stderr,
			"nindex: added %llu, updated %llu, deleted %llu, unchanged %llu in %.2f s "
			"(%llu files read, %llu unchanged, %llu skipped, %llu bad lines, %llu cut, "
			"%u runs spilled; %u segments, %u merged, %.1f MB, generation %llu)\n",
			(unsigned long long)st.n_added, (unsigned long long)st.n_updated,
			(unsigned long long)st.n_deleted, (unsigned long long)st.n_unchanged,
			st.seconds, (unsigned long long)st.n_files,
			(unsigned long long)st.n_files_unchanged, (unsigned long long)st.n_skipped,
			(unsigned long long)st.n_bad_lines, (unsigned long long)st.n_cut, st.n_runs, st.n_segments, st.n_merged,
			(double)st.index_bytes / 1e6, (unsigned long long)st.generation);
	return 0;
}
