/* SPDX-License-Identifier: MIT */
/* nindex.c -- the nindex program: options, messages, progress and exit
 * codes, over the public API (nsearch.h: ns_writer_*, ns_check).
 *
 * All indexing logic is in libnsearch; this file only talks to the user.  Cron manners: nothing on success unless -v
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

#include "nsearch.h"
#include "watch.h"

#define NS_VERSION "0.1.0"
#define EXIT_TEMPFAIL 75
#define DEFAULT_MEMORY (256ull << 20)
#define EXIT_USAGE 2

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

static void on_progress(void *ctx, const ns_writer_stats *st, int done)
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
		(unsigned long long)st->docs, (double)st->bytes_done / 1e6,
		(double)st->bytes_total / 1e6,
		st->seconds > 0 ? (double)st->docs / st->seconds : 0.0, eta);
	progress_shown = 1;
}

/* --check: every problem on stderr, a summary with -v. */
static void on_check_problem(void *ctx, const char *file, const char *what)
{
	(void)ctx;
	fprintf(stderr, "nindex: check: %s: %s\n", file, what);
}

static int run_check(const char *dir, int verbose)
{
	ns_check_result cs;
	unsigned long long n;
	char msg[1024] = "";
	int rc = ns_check(dir, on_check_problem, NULL, &cs, msg, sizeof(msg));

	if (rc != NS_OK) {
		fprintf(stderr, "nindex: %s\n", msg[0] ? msg : ns_strerror(rc));
		return 1;
	}
	n = (unsigned long long)cs.problems;
	if (n > 0) {
		fprintf(stderr, "nindex: check: %llu problem%s in '%s'\n", n, n == 1 ? "" : "s", dir);
		return 1;
	}
	if (verbose)
		fprintf(stderr,
			"nindex: check: '%s' is sound: generation %llu, %u segments, %llu "
			"documents (%llu deleted), %llu terms, %llu postings\n",
			dir, (unsigned long long)cs.generation, cs.segments,
			(unsigned long long)cs.docs, (unsigned long long)cs.deleted,
			(unsigned long long)cs.terms, (unsigned long long)cs.postings);
	return 0;
}

/* The command line, once read. */
struct cli {
	const char *dir;
	const char *lang;
	unsigned long long memory, max_article;
	int wait, full, compact, check, verbose;
	int watch;		/* --watch */
	int settle_given;	/* --settle */
	double settle;		/* --settle */
	char **sources;
	int n_sources;
};

/* Reads the options into c.  Returns -1 to go on, else the exit status to
 * end with at once (--help, --version, a usage error). */
static int parse_options(int argc, char **argv, struct cli *c, struct ui *ui)
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
	int opt;

	while ((opt = getopt_long(argc, argv, "i:vqh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'i': c->dir = optarg; break;
		case 'L':
			if (!ns_lang_ok(optarg)) {
				char langs[1024];
				ns_lang_list(langs, sizeof(langs));
				fprintf(stderr, "nindex: unknown language '%s' (known: %s)\n", optarg,
					langs);
				return EXIT_USAGE;
			}
			c->lang = optarg;
			break;
		case 'M':
			if (parse_size(optarg, &c->memory) != 0) {
				fprintf(stderr, "nindex: --memory: '%s' is not a size of at least 1M "
						"(e.g. 512M, 2G)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'A':
			if (parse_size(optarg, &c->max_article) != 0) {
				fprintf(stderr, "nindex: --max-article: '%s' is not a size of at least "
						"1M (e.g. 4M)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'W': c->wait = 1; break;
		case 'F': c->full = 1; break;
		case 'C': c->compact = 1; break;
		case 'K': c->check = 1; break;
		case 'T': c->watch = 1; break;
		case 'S': {
			char *end;
			c->settle_given = 1;
			c->settle = strtod(optarg, &end);
			if (end == optarg || *end || !(c->settle >= 0 && c->settle <= 3600)) {
				fprintf(stderr, "nindex: --settle: '%s' is not a number of seconds "
						"from 0 to 3600\n", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'v': c->verbose = 1; break;
		case 'q': ui->quiet = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("nindex %s\n", NS_VERSION); return 0;
		default:
			fputs("Try 'nindex --help' for more information.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (!c->dir) {
		fputs("nindex: no index directory given (-i INDEX_DIR)\n"
		      "Try 'nindex --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	if (c->settle_given && !c->watch) {
		fputs("nindex: --settle goes with --watch\n"
		      "Try 'nindex --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	/* every update of a watch would rebuild (a new index identity each
	 * time: --new could never tell what is new), merge everything, or
	 * never update at all */
	if (c->watch && (c->full || c->compact || c->check)) {
		fprintf(stderr, "nindex: --watch cannot go with %s\n"
			"Try 'nindex --help' for more information.\n",
			c->full ? "--full" : c->compact ? "--compact" : "--check");
		return EXIT_USAGE;
	}
	if (c->check && optind < argc) {
		fputs("nindex: --check takes no SOURCE\n"
		      "Try 'nindex --help' for more information.\n", stderr);
		return EXIT_USAGE;
	}
	c->sources = argv + optind;
	c->n_sources = argc - optind;
	return -1;
}

static void print_summary(const ns_writer_stats *st)
{
	fprintf(stderr,
		"nindex: added %llu, updated %llu, deleted %llu, unchanged %llu in %.2f s "
		"(%llu files read, %llu unchanged, %llu skipped, %llu bad lines, %llu cut, "
		"%u runs spilled; %u segments, %u merged, %.1f MB, generation %llu)\n",
		(unsigned long long)st->added, (unsigned long long)st->updated,
		(unsigned long long)st->deleted, (unsigned long long)st->unchanged, st->seconds,
		(unsigned long long)st->files, (unsigned long long)st->files_unchanged,
		(unsigned long long)st->skipped, (unsigned long long)st->bad_lines,
		(unsigned long long)st->cut, st->runs_spilled, st->segments, st->merged,
		(double)st->index_bytes / 1e6, (unsigned long long)st->generation);
}

/* One update: open for update (the lock), the settings, the sources,
 * publish. */
static int run_update(const struct cli *c, struct ui *ui)
{
	ns_writer *w;
	ns_writer_stats st;
	int rc;

	rc = ns_writer_open(c->dir, c->wait ? NS_WRITER_WAIT : 0, &w);
	if (rc == NS_OK && c->lang)
		rc = ns_writer_set_lang(w, c->lang);
	if (rc == NS_OK)
		rc = ns_writer_set_memory(w, c->memory);
	if (rc == NS_OK)
		rc = ns_writer_set_max_article(w, c->max_article);
	if (rc == NS_OK)
		rc = ns_writer_set_full(w, c->full);
	if (rc == NS_OK)
		rc = ns_writer_set_compact(w, c->compact);
	if (rc == NS_OK)
		rc = ns_writer_set_callbacks(w, on_problem, on_progress, ui);
	for (int i = 0; rc == NS_OK && i < c->n_sources; i++)
		rc = ns_writer_add_source(w, c->sources[i]);
	if (rc == NS_OK)
		rc = ns_writer_publish(w, &st);
	clear_progress();
	if (rc != NS_OK) {
		const char *msg = w ? ns_writer_errmsg(w) : "";
		fprintf(stderr, "nindex: %s\n", msg[0] ? msg : ns_strerror(rc));
		ns_writer_close(w);
		return rc == NS_ERR_LIMIT ? EXIT_TEMPFAIL : 1;
	}
	ns_writer_close(w);
	if (c->verbose)
		print_summary(&st);
	return 0;
}

/* --watch: one update now, then one per burst of changes (watch.h). */
struct watch_ctx {
	struct cli *c;
	struct ui *ui;
};

static int watch_update(void *ctx)
{
	struct watch_ctx *w = ctx;

	return run_update(w->c, w->ui);
}

static void watch_note(void *ctx, const char *what)
{
	(void)ctx;
	fprintf(stderr, "nindex: %s\n", what);
}

static int run_watch(struct cli *c, struct ui *ui)
{
	struct watch_ctx wc = { c, ui };
	struct ns_watch_opts wo;
	ns_index *idx = NULL;
	ns_index_stats st;
	char msg[512] = "", **remembered = NULL;
	size_t n_rem = 0;
	int rc;

	for (int i = 0; i < c->n_sources; i++)
		if (strcmp(c->sources[i], "-") == 0) {
			fputs("nindex: --watch cannot watch standard input\n", stderr);
			return EXIT_USAGE;
		}
	c->wait = 1;	/* a run from cron meanwhile: take turns */
	memset(&wo, 0, sizeof(wo));
	wo.index_dir = c->dir;
	wo.sources = (const char *const *)c->sources;
	wo.n_sources = (size_t)c->n_sources;
	if (c->n_sources == 0) {
		/* the remembered sources */
		if (ns_index_open(c->dir, &idx) == NS_OK && ns_index_stats_get(idx, &st) == NS_OK &&
		    st.n_sources > 0 && (remembered = calloc(st.n_sources, sizeof(char *)))) {
			for (size_t i = 0; i < st.n_sources; i++)
				if ((remembered[n_rem] = strdup(st.sources[i])))
					n_rem++;
		}
		ns_index_close(idx);
		if (n_rem == 0) {
			fprintf(stderr, "nindex: --watch: no sources given and none remembered in "
					"'%s'\n", c->dir);
			free(remembered);
			return EXIT_USAGE;
		}
		wo.sources = (const char *const *)remembered;
		wo.n_sources = n_rem;
	}
	wo.settle_s = c->settle;
	wo.update = watch_update;
	wo.note = watch_note;
	wo.ctx = &wc;
	rc = ns_watch_run(&wo, msg, sizeof(msg));
	if (rc != 0)
		fprintf(stderr, "nindex: %s\n", msg);
	for (size_t i = 0; i < n_rem; i++)
		free(remembered[i]);
	free(remembered);
	return rc != 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	struct ui ui;
	int status;

	memset(&c, 0, sizeof(c));
	memset(&ui, 0, sizeof(ui));
	c.memory = DEFAULT_MEMORY;
	c.settle = 2.0;
	status = parse_options(argc, argv, &c, &ui);
	if (status >= 0)
		return status;
	if (c.check)
		return run_check(c.dir, c.verbose);
	ui.tty = isatty(STDERR_FILENO);
	if (c.watch)
		return run_watch(&c, &ui);
	return run_update(&c, &ui);
}
