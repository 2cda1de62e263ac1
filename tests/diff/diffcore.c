/* SPDX-License-Identifier: MIT */
/* diffcore.c -- the differential test of the query engine (diffcore.h).
 *
 * A corpus: a vocabulary of made-up words (each checked to be its own
 * term: no stemming changes it, not a stopword, not an abbreviation)
 * drawn with Zipf-like frequencies, so the frequent ones have postings of
 * several blocks (NS_FMT_BLOCK); articles with titles or none, bodies of
 * several sentences and paragraphs ("word. Next", ".\n\n"), dates or
 * none (some with a time of day, for the edge days of ranges), sources or
 * none, in a few JSON Lines files.  Then a few updates: files rewritten (their articles
 * changed, dropped, the same ids again), removed, added (sometimes with
 * the id of a live article of another file: the newer wins), each update
 * a new segment, sometimes a compaction.  The model below follows which
 * article is live; the index must agree (ids, lengths, dates).
 *
 * The reference evaluates every query on every live article by brute
 * force over its word list (positions: title words first, then body,
 * format.h I4) and scores it with rank.h's formulas written again here.
 */
#include "diffcore.h"

#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "build.h"
#include "date.h"
#include "error.h"
#include "index.h"
#include "match.h"
#include "pieces.h"
#include "query.h"
#include "rank.h"
#include "segdocs.h"
#include "segreader.h"
#include "sentence.h"
#include "stopwords.h"
#include "tokenize.h"

#define MAX_VOCAB 64		/* word sets are uint64_t masks */
#define MAX_TITLE 6
#define MAX_BODY 40
#define MAX_TOK (MAX_TITLE + MAX_BODY)
#define MAX_FILES 12
#define N_SOURCES 4
#define MAX_QNODES 96
#define MAX_SHARDS 3
#define EPS 1e-9

static const char *const source_names[N_SOURCES] = { "wire", "herald", "gazette", "courier" };

/* Choices come from the fuzzer's bytes while they last, then from a
 * splitmix64 generator. */
struct rng {
	const uint8_t *p;
	size_t n;
	uint64_t s;
};

static uint32_t rnd(struct rng *r, uint32_t bound)
{
	uint32_t x;

	if (bound <= 1)
		return 0;
	if (r->n >= 2) {
		x = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8;
		r->p += 2;
		r->n -= 2;
	} else {
		uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		x = (uint32_t)((z ^ (z >> 31)) >> 32);
	}
	return x % bound;
}

/* 1 with probability pct/100. */
static int chance(struct rng *r, uint32_t pct)
{
	return rnd(r, 100) < pct;
}

struct doc {
	uint32_t article;	/* id "a<article>": versions share it */
	int file;
	int live;
	int nt, nb;		/* title and body words */
	uint8_t w[MAX_TOK];	/* vocabulary indexes, title first */
	uint8_t brk[MAX_TOK];	/* body words that start a sentence (1) or a
				 * paragraph (2) after the body's first */
	int has_date;
	int64_t t;		/* seconds since the epoch */
	int y, mo, d;
	int source;		/* -1: none */
	uint64_t gdoc;		/* the engine's global docid (live ones) */
};

struct file {
	int exists;
	int *docs;		/* its lines, as doc indexes */
	int n;
};

struct corpus {
	struct rng r;
	int verbose;
	int V;
	char words[MAX_VOCAB][16];
	double cum[MAX_VOCAB];	/* cumulative Zipf weights */
	struct doc *docs;
	int n_docs, cap_docs;
	uint32_t n_articles;
	int *live_of;		/* article -> live doc or -1 */
	struct file files[MAX_FILES];
	int n_files;
	char dir[256], src[300], idx[300];
	/* reference statistics over the live articles */
	int N;
	double avgdl;
	double idf[MAX_VOCAB];
	struct ns_bm25 bm;
	struct ns_index *ix;
	uint64_t n_docids;
	int failures;
	/* the shard phase: the same articles as shards searched as one
	 * (pieces.h), answering as ix, a fresh index of their union */
	struct ns_index *shards;
	int n_shards;
};

static void fail(struct corpus *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct corpus *c, const char *fmt, ...)
{
	va_list ap;

	c->failures++;
	if (c->failures > 20)
		return;
	fputs("difftest: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---- the corpus ---- */

/* Days from 1970-01-01 of y-m-d (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int y, int m, int d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Whether both "w. Next" and "W. Next" start a sentence at "Next"
 * (sentence.h: not after a title such as "Det." nor an abbreviation such
 * as "Rep."), so the test knows where sentences are: a word ends a
 * sentence in lower case, or capitalised when it is a sentence alone. */
static int ends_sentence(const char *w)
{
	for (int cap = 0; cap < 2; cap++) {
		char text[40];
		struct ns_sentences st;
		size_t off;
		int para, n = snprintf(text, sizeof(text), "%c%s. Next word",
				       cap ? w[0] - 'a' + 'A' : w[0], w + 1);

		ns_sent_init(&st, text, (size_t)n);
		if (!ns_sent_next(&st, &off, &para) || off != strlen(w) + 2)
			return 0;
	}
	return 1;
}

/* A made-up word that the analyzer keeps as it is. */
static int make_vocab(struct corpus *c, struct ns_analyzer *an)
{
	static const char cons[] = "bdfgklmnprtvz", vow[] = "aeiou", fin[] = "kmptx";
	double s = 0.5 + (double)rnd(&c->r, 100) / 100.0, sum = 0;

	c->V = 3 + (int)rnd(&c->r, 48);
	for (int i = 0; i < c->V; i++) {
		for (int tries = 0;; tries++) {
			char w[16];
			int n = 0, syl = 1 + (int)rnd(&c->r, 3), ok = 1;
			size_t len;
			const char *term;
			struct ns_tokenizer t;
			struct ns_token tok;

			if (tries > 1000)
				return -1;
			for (int k = 0; k < syl; k++) {
				w[n++] = cons[rnd(&c->r, sizeof(cons) - 1)];
				w[n++] = vow[rnd(&c->r, sizeof(vow) - 1)];
			}
			w[n++] = fin[rnd(&c->r, sizeof(fin) - 1)];
			w[n] = 0;
			for (int j = 0; j < i && ok; j++)
				ok = strcmp(c->words[j], w) != 0;
			if (!ok || ns_stopword("english", w, (size_t)n) || !ends_sentence(w))
				continue;
			ns_tok_init(&t, w, (size_t)n, 0);
			if (!ns_analyzer_next(an, &t, &tok, &term, &len) || len != (size_t)n ||
			    memcmp(term, w, len) != 0 || ns_analyzer_next(an, &t, &tok, &term, &len))
				continue;
			memcpy(c->words[i], w, (size_t)n + 1);
			break;
		}
	}
	for (int i = 0; i < c->V; i++) {
		sum += 1.0 / pow((double)(i + 1), s);
		c->cum[i] = sum;
	}
	for (int i = 0; i < c->V; i++)
		c->cum[i] /= sum;
	return 0;
}

static int zipf_word(struct corpus *c)
{
	double u = (double)rnd(&c->r, 65536) / 65536.0;
	int i = 0;

	while (i < c->V - 1 && c->cum[i] <= u)
		i++;
	return i;
}

static int new_doc(struct corpus *c, uint32_t article, int file)
{
	struct doc *d;

	if (c->n_docs == c->cap_docs) {
		int cap = c->cap_docs ? 2 * c->cap_docs : 256;
		struct doc *p = realloc(c->docs, (size_t)cap * sizeof(*p));
		if (!p)
			return -1;
		c->docs = p;
		c->cap_docs = cap;
	}
	d = &c->docs[c->n_docs];
	memset(d, 0, sizeof(*d));
	d->article = article;
	d->file = file;
	d->nt = chance(&c->r, 30) ? 0 : 1 + (int)rnd(&c->r, MAX_TITLE);
	d->nb = 1 + (int)rnd(&c->r, chance(&c->r, 20) ? MAX_BODY : 12);
	for (int i = 0; i < d->nt + d->nb; i++)
		d->w[i] = (uint8_t)zipf_word(c);
	for (int i = d->nt + 1; i < d->nt + d->nb; i++)
		d->brk[i] = chance(&c->r, 15) ? 1 + chance(&c->r, 30) : 0;
	d->has_date = !chance(&c->r, 15);
	if (d->has_date) {
		int h = 0, mi = 0, se = 0;
		d->y = 2025 + (int)rnd(&c->r, 2);
		d->mo = 1 + (int)rnd(&c->r, 12);
		d->d = 1 + (int)rnd(&c->r, (uint32_t)days_in_month(d->y, d->mo));
		if (chance(&c->r, 50)) {
			h = (int)rnd(&c->r, 24);
			mi = (int)rnd(&c->r, 60);
			se = (int)rnd(&c->r, 60);
		}
		d->t = days_from_civil(d->y, d->mo, d->d) * 86400 + h * 3600 + mi * 60 + se;
	}
	d->source = chance(&c->r, 20) ? -1 : (int)rnd(&c->r, N_SOURCES);
	return c->n_docs++;
}

/* Makes doc i the live copy of its article (an older one dies). */
static void make_live(struct corpus *c, int i)
{
	uint32_t a = c->docs[i].article;

	if (c->live_of[a] >= 0)
		c->docs[c->live_of[a]].live = 0;
	c->live_of[a] = i;
	c->docs[i].live = 1;
}

static void kill_doc(struct corpus *c, int i)
{
	if (c->docs[i].live) {
		c->docs[i].live = 0;
		c->live_of[c->docs[i].article] = -1;
	}
}

/* Body words (after the first) of doc d, as write_file() renders them,
 * that sentence.c starts a sentence at: 1, 2 at a paragraph, else 0. */
static void engine_breaks(const struct corpus *c, const struct doc *d, uint8_t *brk)
{
	char text[MAX_TOK * 20] = "";
	size_t at[MAX_TOK] = { 0 }, n = 0, off;
	struct ns_sentences st;
	int para, k = 0;

	for (int i = 0; i < d->nb; i++) {
		int b = d->brk[d->nt + i];
		const char *w = c->words[d->w[d->nt + i]];
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s",
				      i == 0 ? "" : b == 2 ? ".\n\n" : b ? ". " : " ");
		at[i] = n;
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%c%s",
				      b ? w[0] - 'a' + 'A' : w[0], w + 1);
		brk[i] = 0;
	}
	ns_sent_init(&st, text, n);
	while (ns_sent_next(&st, &off, &para)) {
		while (k < d->nb && at[k] < off)
			k++;
		if (k < d->nb && at[k] == off)
			brk[k] = (uint8_t)(1 + para);
	}
}

/* The reference's sentences are the engine's (ends_sentence() keeps the
 * vocabulary to words after which a full stop ends a sentence): checked
 * on every body, so a word that breaks the rule fails as such. */
static void check_breaks(struct corpus *c, const struct doc *d)
{
	uint8_t brk[MAX_TOK];

	engine_breaks(c, d, brk);
	for (int i = 1; i < d->nb; i++)
		if (brk[i] != d->brk[d->nt + i]) {
			fail(c, "article a%u: body word %d (%s) starts %s for the reference, %s for sentence.c",
			     d->article, i, c->words[d->w[d->nt + i]],
			     d->brk[d->nt + i] == 2 ? "a paragraph" : d->brk[d->nt + i] ? "a sentence" : "nothing",
			     brk[i] == 2 ? "a paragraph" : brk[i] ? "a sentence" : "nothing");
			return;
		}
}

static int write_file(struct corpus *c, int f, time_t mtime)
{
	char path[400];
	FILE *fp;
	struct timespec ts[2];

	snprintf(path, sizeof(path), "%s/f%02d.jsonl", c->src, f);
	fp = fopen(path, "w");
	if (!fp)
		return -1;
	for (int k = 0; k < c->files[f].n; k++) {
		const struct doc *d = &c->docs[c->files[f].docs[k]];
		check_breaks(c, d);
		fprintf(fp, "{\"id\": \"a%u\"", d->article);
		if (d->nt) {
			fputs(", \"title\": \"", fp);
			for (int i = 0; i < d->nt; i++)
				fprintf(fp, "%s%s", i ? " " : "", c->words[d->w[i]]);
			fputc('"', fp);
		}
		fputs(", \"body\": \"", fp);
		for (int i = 0; i < d->nb; i++) {
			/* a sentence ends with a full stop before a capital; a
			 * paragraph, also with a blank line */
			int b = d->brk[d->nt + i];
			const char *w = c->words[d->w[d->nt + i]];
			fprintf(fp, "%s%c%s", i == 0 ? "" : b == 2 ? ".\\n\\n" : b ? ". " : " ",
				b ? w[0] - 'a' + 'A' : w[0], w + 1);
		}
		fputc('"', fp);
		if (d->has_date) {
			int64_t s = d->t % 86400;
			fprintf(fp, ", \"date\": \"%04d-%02d-%02dT%02d:%02d:%02dZ\"", d->y, d->mo, d->d,
				(int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
		}
		if (d->source >= 0)
			fprintf(fp, ", \"source\": \"%s\"", source_names[d->source]);
		fputs("}\n", fp);
	}
	if (fclose(fp) != 0)
		return -1;
	/* Each update's files get a later mtime than the last's. */
	ts[0].tv_sec = ts[1].tv_sec = mtime;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	return utimensat(AT_FDCWD, path, ts, 0);
}

static int add_article(struct corpus *c, int f)
{
	int i = new_doc(c, c->n_articles, f);
	int *p;

	if (i < 0)
		return -1;
	p = realloc(c->live_of, (c->n_articles + 1) * sizeof(*p));
	if (!p)
		return -1;
	c->live_of = p;
	c->live_of[c->n_articles++] = -1;
	p = realloc(c->files[f].docs, (size_t)(c->files[f].n + 1) * sizeof(*p));
	if (!p)
		return -1;
	c->files[f].docs = p;
	c->files[f].docs[c->files[f].n++] = i;
	make_live(c, i);
	return 0;
}

static void problem(void *ctx, const char *where, const char *what)
{
	fail(ctx, "build problem: %s: %s", where, what);
}

static int build(struct corpus *c, int compact)
{
	const char *sources[1] = { c->src };
	struct ns_build_opts o;
	struct ns_build_stats st;
	struct ns_build_hooks h = { c, problem, NULL };
	char msg[512] = "";
	int rc;

	memset(&o, 0, sizeof(o));
	o.index_dir = c->idx;
	o.sources = sources;
	o.n_sources = 1;
	o.memory_bytes = 64u << 20;
	o.compact = compact;
	rc = ns_build(&o, &h, &st, msg, sizeof(msg));
	if (rc != NS_OK)
		fail(c, "build: %s (%s)", msg, ns_strerror(rc));
	return rc;
}

/* The first version of the corpus, then a few updates. */
static int make_corpus(struct corpus *c)
{
	int per = chance(&c->r, 50) ? 1 + (int)rnd(&c->r, 40) : 1 + (int)rnd(&c->r, 700);
	int rounds = (int)rnd(&c->r, 4);
	time_t mtime = 1700000000;

	c->n_files = 1 + (int)rnd(&c->r, 4);
	for (int f = 0; f < c->n_files; f++) {
		c->files[f].exists = 1;
		for (int k = (int)rnd(&c->r, (uint32_t)per + 1); k >= 0; k--)
			if (add_article(c, f) != 0)
				return -1;
		if (write_file(c, f, mtime) != 0)
			return -1;
	}
	if (build(c, 0) != NS_OK)
		return -1;
	for (int round = 1; round <= rounds; round++) {
		int changed[MAX_FILES] = { 0 };
		mtime += 1000;
		/* Rewrite a file or two: articles changed (the same id again),
		 * dropped, kept as they were, and new ones. */
		for (int k = (int)rnd(&c->r, 3); k > 0; k--) {
			int f = (int)rnd(&c->r, (uint32_t)c->n_files), *old, n_old;
			if (!c->files[f].exists || changed[f])
				continue;
			changed[f] = 1;
			old = c->files[f].docs;
			n_old = c->files[f].n;
			c->files[f].docs = NULL;
			c->files[f].n = 0;
			for (int j = 0; j < n_old; j++)
				kill_doc(c, old[j]);
			for (int j = 0; j < n_old; j++) {
				const struct doc *od = &c->docs[old[j]];
				uint32_t a = od->article;
				int i, *p, live_elsewhere = c->live_of[a] >= 0;
				if (live_elsewhere || chance(&c->r, 15))
					continue;	/* dropped (or now in another file) */
				if (chance(&c->r, 50)) {
					struct doc copy = *od;
					i = new_doc(c, a, f);	/* may move docs */
					if (i < 0)
						return -1;
					copy.file = f;
					c->docs[i] = copy;
				} else {
					i = new_doc(c, a, f);
					if (i < 0)
						return -1;
				}
				p = realloc(c->files[f].docs, (size_t)(c->files[f].n + 1) * sizeof(*p));
				if (!p)
					return -1;
				c->files[f].docs = p;
				c->files[f].docs[c->files[f].n++] = i;
				make_live(c, i);
			}
			free(old);
			for (int j = (int)rnd(&c->r, 4); j > 0; j--)
				if (add_article(c, f) != 0)
					return -1;
			if (write_file(c, f, mtime) != 0)
				return -1;
		}
		/* Remove a file. */
		if (chance(&c->r, 30)) {
			int f = (int)rnd(&c->r, (uint32_t)c->n_files);
			char path[400];
			if (c->files[f].exists && !changed[f]) {
				for (int j = 0; j < c->files[f].n; j++)
					kill_doc(c, c->files[f].docs[j]);
				c->files[f].exists = 0;
				snprintf(path, sizeof(path), "%s/f%02d.jsonl", c->src, f);
				if (unlink(path) != 0)
					return -1;
			}
		}
		/* Add a file, sometimes holding a new version of an article
		 * that is live in an unchanged file. */
		if (c->n_files < MAX_FILES && chance(&c->r, 60)) {
			int f = c->n_files++;
			c->files[f].exists = 1;
			for (int j = (int)rnd(&c->r, (uint32_t)per / 2 + 2); j >= 0; j--)
				if (add_article(c, f) != 0)
					return -1;
			if (chance(&c->r, 50)) {
				int pick = (int)rnd(&c->r, (uint32_t)c->n_docs), i, *p;
				const struct doc *od = &c->docs[pick];
				if (od->live && od->file != f && !changed[od->file]) {
					i = new_doc(c, od->article, f);
					if (i < 0)
						return -1;
					p = realloc(c->files[f].docs,
						    (size_t)(c->files[f].n + 1) * sizeof(*p));
					if (!p)
						return -1;
					c->files[f].docs = p;
					c->files[f].docs[c->files[f].n++] = i;
					make_live(c, i);
				}
			}
			if (write_file(c, f, mtime) != 0)
				return -1;
		}
		if (build(c, chance(&c->r, 15)) != NS_OK)
			return -1;
	}
	return 0;
}

/* Builds dir from the given source paths (a fresh index). */
static int build_from(struct corpus *c, const char *dir, const char *const *sources, size_t n)
{
	struct ns_build_opts o;
	struct ns_build_stats st;
	struct ns_build_hooks h = { c, problem, NULL };
	char msg[512] = "";
	int rc;

	memset(&o, 0, sizeof(o));
	o.index_dir = dir;
	o.sources = sources;
	o.n_sources = n;
	o.memory_bytes = 64u << 20;
	rc = ns_build(&o, &h, &st, msg, sizeof(msg));
	if (rc != NS_OK)
		fail(c, "build %s: %s (%s)", dir, msg, ns_strerror(rc));
	return rc;
}

/* Whether an article has lines in one of files[0..i] and one of
 * files[i+1..n): a shard may not end after file i (each shard would keep
 * a live version of its own, where the union keeps the newer). */
static int crosses(const struct corpus *c, const int *files, int n, int i)
{
	for (int x = 0; x <= i; x++)
		for (int k = 0; k < c->files[files[x]].n; k++)
			for (int y = i + 1; y < n; y++)
				for (int j = 0; j < c->files[files[y]].n; j++)
					if (c->docs[c->files[files[y]].docs[j]].article ==
					    c->docs[c->files[files[x]].docs[k]].article)
						return 1;
	return 0;
}

/* Whether a fresh index of the files as they are would keep the model's
 * live articles: per id the last line in file order, which is not so
 * when an update dropped an article from the file that had replaced an
 * older line still in an untouched file (the update removes it; a fresh
 * build finds the older line). */
static int fresh_matches_model(const struct corpus *c, const int *files, int n)
{
	int *last = malloc((c->n_articles + 1) * sizeof(*last)), ok = 1;

	if (!last)
		return 0;
	for (uint32_t a = 0; a < c->n_articles; a++)
		last[a] = -1;
	for (int x = 0; x < n; x++)
		for (int k = 0; k < c->files[files[x]].n; k++) {
			int i = c->files[files[x]].docs[k];
			last[c->docs[i].article] = i;
		}
	for (uint32_t a = 0; a < c->n_articles && ok; a++)
		ok = last[a] == c->live_of[a];
	free(last);
	return ok;
}

/* The shard phase: the files as they are now, cut into 2..MAX_SHARDS runs
 * (in file order, as the union lists them) each built as an index of its
 * own and opened as one (c->shards), and a fresh index of all of them
 * (c->ix, checked against the model).  Returns 1 when the files cannot be
 * cut in two (nothing to compare), 0 when made, -1 on failure. */
static int make_shards(struct corpus *c)
{
	const char *src[MAX_FILES], *dirs[MAX_SHARDS];
	char paths[MAX_FILES][400], shard_dir[MAX_SHARDS][320], msg[512] = "";
	int cand[MAX_FILES], is_cut[MAX_FILES] = { 0 }, files[MAX_FILES];
	int n = 0, n_cand = 0, want, at = 0;

	for (int f = 0; f < c->n_files; f++)
		if (c->files[f].exists && c->files[f].n > 0) {
			snprintf(paths[n], sizeof(paths[n]), "%s/f%02d.jsonl", c->src, f);
			src[n] = paths[n];
			files[n++] = f;
		}
	if (!fresh_matches_model(c, files, n))
		return 1;
	for (int i = 0; i + 1 < n; i++)
		if (!crosses(c, files, n, i))
			cand[n_cand++] = i;	/* a shard may end after file i */
	if (n_cand == 0)
		return 1;
	want = 1 + (int)rnd(&c->r, MAX_SHARDS - 1);
	if (want > n_cand)
		want = n_cand;
	for (int j = 0; j < want; j++) {
		int r = j + (int)rnd(&c->r, (uint32_t)(n_cand - j)), x = cand[r];
		cand[r] = cand[j];
		cand[j] = x;
		is_cut[x] = 1;
	}
	c->n_shards = 0;
	for (int i = 0; i < n; i++) {
		if (!is_cut[i] && i + 1 < n)
			continue;
		int k = c->n_shards++;
		snprintf(shard_dir[k], sizeof(shard_dir[k]), "%s/shard%d", c->dir, k);
		dirs[k] = shard_dir[k];
		if (build_from(c, shard_dir[k], src + at, (size_t)(i + 1 - at)) != NS_OK)
			return -1;
		at = i + 1;
	}
	if (c->n_shards < 2)
		return 1;
	snprintf(c->idx, sizeof(c->idx), "%s/union", c->dir);
	if (build_from(c, c->idx, src, (size_t)n) != NS_OK)
		return -1;
	if (ns_idx_open_many(dirs, (size_t)c->n_shards, &c->shards, msg, sizeof(msg)) != NS_OK) {
		fail(c, "open the shards: %s", msg);
		return -1;
	}
	return 0;
}

/* Reference statistics, then the index opened and checked against the
 * model: the same live articles, lengths, dates and sources. */
static int open_and_map(struct corpus *c)
{
	uint64_t n_tokens = 0;
	int df[MAX_VOCAB] = { 0 }, n_seen = 0;
	char msg[512] = "";
	int rc;

	c->N = 0;
	for (int i = 0; i < c->n_docs; i++) {
		const struct doc *d = &c->docs[i];
		uint64_t seen = 0;
		if (!d->live)
			continue;
		c->N++;
		n_tokens += (uint64_t)(d->nt + d->nb);
		for (int k = 0; k < d->nt + d->nb; k++)
			seen |= 1ULL << d->w[k];
		for (int v = 0; v < c->V; v++)
			df[v] += (int)(seen >> v & 1);
	}
	c->avgdl = c->N ? (double)n_tokens / c->N : 1.0;
	for (int v = 0; v < c->V; v++)
		c->idf[v] = log(1.0 + (c->N - df[v] + 0.5) / (df[v] + 0.5));
	ns_bm25_init(&c->bm, c->avgdl);

	rc = ns_idx_open(c->idx, &c->ix, msg, sizeof(msg));
	if (rc != NS_OK) {
		fail(c, "open: %s", msg);
		return -1;
	}
	if (c->ix->n_docs != (uint64_t)c->N || fabs(c->ix->avg_doc_len - c->avgdl) > 1e-9) {
		fail(c, "index has %llu live documents, avgdl %.6f; the model %d, %.6f",
		     (unsigned long long)c->ix->n_docs, c->ix->avg_doc_len, c->N, c->avgdl);
		return -1;
	}
	c->n_docids = c->ix->n_docids;
	for (uint32_t s = 0; s < c->ix->m.n_segs; s++) {
		struct ns_segr *sg = c->ix->segs[s];
		for (uint32_t d = 0; d < ns_segr_n_docs(sg); d++) {
			struct ns_doc nd;
			uint32_t tl, dl;
			unsigned long a;
			const struct doc *md;
			char id[32];
			if (ns_segr_is_deleted(sg, d))
				continue;
			if (ns_segr_doc(sg, d, &nd) != NS_OK || ns_segr_norms(sg, d, &tl, &dl) != NS_OK ||
			    nd.id.len == 0 || nd.id.len >= sizeof(id)) {
				fail(c, "segment %u doc %u: unreadable", s, d);
				return -1;
			}
			memcpy(id, nd.id.p, nd.id.len);
			id[nd.id.len] = 0;
			a = strtoul(id + 1, NULL, 10);
			if (id[0] != 'a' || a >= c->n_articles || c->live_of[a] < 0) {
				fail(c, "live document %s is not live in the model", id);
				return -1;
			}
			c->docs[c->live_of[a]].gdoc = c->ix->base[s] + d;
			md = &c->docs[c->live_of[a]];
			if (tl != (uint32_t)md->nt || dl != (uint32_t)(md->nt + md->nb) ||
			    nd.date_key != (md->has_date ? md->t : NS_DATE_NONE) ||
			    (md->source >= 0 ? nd.source.len != strlen(source_names[md->source])
					     : nd.source.len != 0)) {
				fail(c, "document %s: norms %u/%u, date %lld differ from the model", id,
				     tl, dl, (long long)nd.date_key);
				return -1;
			}
			n_seen++;
		}
	}
	if (n_seen != c->N) {
		fail(c, "index has %d live documents, the model %d", n_seen, c->N);
		return -1;
	}
	return 0;
}

/* ---- queries: a tree of our own, rendered as text ---- */

enum qk { Q_WORD, Q_PREFIX, Q_PHRASE, Q_SOURCE, Q_DATE, Q_AND, Q_OR, Q_NEAR };

struct qn {
	enum qk k;
	int field;		/* 0 any, 1 title, 2 body */
	int w;			/* Q_WORD: vocabulary index, -1 unknown word */
	uint64_t pmask;		/* Q_PREFIX: the words it stands for */
	char text[48];		/* Q_PREFIX prefix, Q_DATE operand */
	int pw[4], np;		/* Q_PHRASE words */
	int src;		/* Q_SOURCE */
	int64_t lo, hi;		/* Q_DATE */
	int dist, ordered;	/* Q_NEAR */
	int unit;		/* Q_NEAR: 1 SENTENCE, 2 PARAGRAPH (no dist) */
	struct qn *kids[4];
	int nk;
	struct qn *negs[3];
	int nn;
};

struct qbuild {
	struct corpus *c;
	struct qn nodes[MAX_QNODES];
	int n;
	char text[4096];
	size_t len;
};

static struct qn *qnew(struct qbuild *b, enum qk k)
{
	struct qn *n;

	if (b->n == MAX_QNODES)
		return NULL;
	n = &b->nodes[b->n++];
	memset(n, 0, sizeof(*n));
	n->k = k;
	return n;
}

static int gen_field(struct rng *r)
{
	return chance(r, 70) ? 0 : 1 + (int)rnd(r, 2);
}

/* A day of the corpus's years, or of an article. */
static void pick_day(struct corpus *c, int *y, int *m, int *d)
{
	if (c->n_docs && chance(&c->r, 70)) {
		const struct doc *dd = &c->docs[rnd(&c->r, (uint32_t)c->n_docs)];
		if (dd->has_date) {
			*y = dd->y, *m = dd->mo, *d = dd->d;
			return;
		}
	}
	*y = 2025 + (int)rnd(&c->r, 2);
	*m = 1 + (int)rnd(&c->r, 12);
	*d = 1 + (int)rnd(&c->r, (uint32_t)days_in_month(*y, *m));
}

/* A date: operand and its range: a year, a month, a day, or a range of
 * them with open ends. */
static void gen_date(struct corpus *c, struct qn *n)
{
	int y, m, d, y2, m2, d2, kind = (int)rnd(&c->r, 6);
	int64_t lo, hi;

	pick_day(c, &y, &m, &d);
	pick_day(c, &y2, &m2, &d2);
	switch (kind) {
	case 0:
		snprintf(n->text, sizeof(n->text), "%04d", y);
		n->lo = days_from_civil(y, 1, 1) * 86400;
		n->hi = days_from_civil(y + 1, 1, 1) * 86400 - 1;
		return;
	case 1:
		snprintf(n->text, sizeof(n->text), "%04d-%02d", y, m);
		n->lo = days_from_civil(y, m, 1) * 86400;
		n->hi = (days_from_civil(y, m, 1) + days_in_month(y, m)) * 86400 - 1;
		return;
	case 2:
		snprintf(n->text, sizeof(n->text), "%04d-%02d-%02d", y, m, d);
		n->lo = days_from_civil(y, m, d) * 86400;
		n->hi = n->lo + 86399;
		return;
	default:
		lo = days_from_civil(y, m, d);
		hi = days_from_civil(y2, m2, d2);
		if (lo > hi) {
			int64_t t = lo;
			int ty = y, tm = m, td = d;
			lo = hi, hi = t;
			y = y2, m = m2, d = d2, y2 = ty, m2 = tm, d2 = td;
		}
		if (kind == 3) {
			snprintf(n->text, sizeof(n->text), "%04d-%02d-%02d..%04d-%02d-%02d", y, m, d,
				 y2, m2, d2);
			n->lo = lo * 86400, n->hi = hi * 86400 + 86399;
		} else if (kind == 4) {
			snprintf(n->text, sizeof(n->text), "%04d-%02d-%02d..", y, m, d);
			n->lo = lo * 86400, n->hi = INT64_MAX;
		} else {
			snprintf(n->text, sizeof(n->text), "..%04d-%02d", y2, m2);
			n->lo = INT64_MIN;
			n->hi = (days_from_civil(y2, m2, 1) + days_in_month(y2, m2)) * 86400 - 1;
		}
	}
}

static struct qn *gen_leaf(struct qbuild *b, int in_near)
{
	struct corpus *c = b->c;
	struct rng *r = &c->r;
	uint32_t x = rnd(r, 100);
	struct qn *n;

	if (x < 55 || (in_near && x >= 85)) {
		n = qnew(b, Q_WORD);
		if (!n)
			return NULL;
		n->field = in_near && chance(r, 60) ? 0 : gen_field(r);
		n->w = chance(r, 4) ? -1 : zipf_word(c);
	} else if (x < 67) {
		const char *w;
		size_t len;
		n = qnew(b, Q_PREFIX);
		if (!n)
			return NULL;
		n->field = in_near ? 0 : gen_field(r);
		w = c->words[rnd(r, (uint32_t)c->V)];
		len = strlen(w);
		len = 2 + rnd(r, (uint32_t)(len - 1));	/* 2..len */
		memcpy(n->text, w, len);
		n->text[len] = 0;
		for (int v = 0; v < c->V; v++)
			if (strncmp(c->words[v], n->text, len) == 0)
				n->pmask |= 1ULL << v;
	} else if (x < 85) {
		n = qnew(b, Q_PHRASE);
		if (!n)
			return NULL;
		n->field = in_near ? 0 : gen_field(r);
		n->np = 2 + (int)rnd(r, 2);
		if (c->n_docs && chance(r, 75)) {
			/* words that follow each other in some article */
			const struct doc *d = &c->docs[rnd(r, (uint32_t)c->n_docs)];
			int len = d->nt + d->nb, at;
			if (n->np > len)
				n->np = len < 2 ? 2 : len;
			at = len > n->np ? (int)rnd(r, (uint32_t)(len - n->np + 1)) : 0;
			for (int i = 0; i < n->np; i++)
				n->pw[i] = at + i < len ? d->w[at + i] : zipf_word(c);
		} else {
			for (int i = 0; i < n->np; i++)
				n->pw[i] = zipf_word(c);
		}
	} else if (x < 93) {
		n = qnew(b, Q_SOURCE);
		if (!n)
			return NULL;
		n->src = (int)rnd(r, N_SOURCES);
	} else {
		n = qnew(b, Q_DATE);
		if (!n)
			return NULL;
		gen_date(c, n);
	}
	return n;
}

static int is_positive(const struct qn *n)
{
	switch (n->k) {
	case Q_SOURCE:
	case Q_DATE:
		return 0;
	case Q_AND:
	case Q_OR:
		for (int i = 0; i < n->nk; i++)
			if (is_positive(n->kids[i]))
				return 1;
		return 0;
	default:
		return 1;
	}
}

/* A conjunction of frequent words at the root, the shape of the tails of
 * the 1M benchmark (block-max AND, conj.h): a phrase of three words that
 * follow each other in some article (a frequent one among them makes the
 * others drive and it lazy, cursor.c), an AND of two Zipf-drawn words, or
 * one such word NOT another.  Whatever the field, so that the pruned walks
 * take it. */
static struct qn *gen_frequent_conj(struct qbuild *b)
{
	struct corpus *c = b->c;
	struct rng *r = &c->r;
	struct qn *n;

	if (c->n_docs && chance(r, 60)) {
		const struct doc *d = &c->docs[rnd(r, (uint32_t)c->n_docs)];
		int len = d->nt + d->nb, at;
		n = qnew(b, Q_PHRASE);
		if (!n)
			return NULL;
		n->np = 3;
		at = len > 3 ? (int)rnd(r, (uint32_t)(len - 2)) : 0;
		for (int i = 0; i < 3; i++)
			n->pw[i] = at + i < len ? d->w[at + i] : zipf_word(c);
		return n;
	}
	n = qnew(b, Q_AND);
	if (!n)
		return NULL;
	/* two words, or "a NOT b" (its count merges the two lists) */
	n->nk = chance(r, 50) ? 2 : 1;
	n->nn = 2 - n->nk;
	for (int i = 0; i < 2; i++) {
		struct qn *w = qnew(b, Q_WORD);
		if (!w)
			return NULL;
		w->w = zipf_word(c);
		if (i < n->nk)
			n->kids[i] = w;
		else
			n->negs[0] = w;
	}
	return n;
}

static struct qn *gen_node(struct qbuild *b, int depth)
{
	struct corpus *c = b->c;
	struct rng *r = &c->r;
	uint32_t x = depth >= 3 ? 0 : rnd(r, 100);
	struct qn *n;

	if (x < 40)
		return gen_leaf(b, 0);
	if (x < 60) {
		n = qnew(b, Q_NEAR);
		if (!n)
			return NULL;
		n->nk = 2 + (int)rnd(r, 2);
		n->unit = chance(r, 25) ? 1 + (int)rnd(r, 2) : 0;
		n->ordered = !n->unit && chance(r, 30);
		n->dist = chance(r, 10) ? 10 : 1 + (int)rnd(r, 8);
		for (int i = 0; i < n->nk; i++) {
			if (chance(r, 15)) {
				/* an OR group of words, prefixes, phrases */
				struct qn *g = qnew(b, Q_OR);
				if (!g)
					return NULL;
				g->nk = 2;
				for (int j = 0; j < 2; j++)
					if (!(g->kids[j] = gen_leaf(b, 1)))
						return NULL;
				n->kids[i] = g;
				continue;
			}
			n->kids[i] = gen_leaf(b, 1);
			if (!n->kids[i])
				return NULL;
		}
		return n;
	}
	n = qnew(b, x < 82 ? Q_AND : Q_OR);
	if (!n)
		return NULL;
	n->nk = 2 + (int)rnd(r, 2);
	for (int i = 0; i < n->nk; i++) {
		n->kids[i] = gen_node(b, depth + 1);
		if (!n->kids[i])
			return NULL;
	}
	if (n->k == Q_AND) {
		/* an AND needs a positive operand that is not a filter */
		if (!is_positive(n)) {
			n->kids[0] = gen_leaf(b, 1);
			if (!n->kids[0])
				return NULL;
		}
		n->nn = chance(r, 40) ? 1 + (int)rnd(r, 2) : 0;
		for (int i = 0; i < n->nn; i++) {
			n->negs[i] = gen_node(b, depth + 1);
			if (!n->negs[i])
				return NULL;
		}
	}
	return n;
}

static void put(struct qbuild *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct qbuild *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (b->len >= sizeof(b->text))
		return;
	va_start(ap, fmt);
	k = vsnprintf(b->text + b->len, sizeof(b->text) - b->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		b->len += (size_t)k;
}

static const char *const field_prefix[] = { "", "title:", "body:" };

static void render(struct qbuild *b, const struct qn *n, int any)
{
	struct corpus *c = b->c;

	switch (n->k) {
	case Q_WORD:
		put(b, "%s%s", field_prefix[n->field], n->w < 0 ? "qqzv" : c->words[n->w]);
		return;
	case Q_PREFIX:
		put(b, "%s%s*", field_prefix[n->field], n->text);
		return;
	case Q_PHRASE:
		put(b, "%s\"", field_prefix[n->field]);
		for (int i = 0; i < n->np; i++)
			put(b, "%s%s", i ? " " : "", c->words[n->pw[i]]);
		put(b, "\"");
		return;
	case Q_SOURCE:
		put(b, "source:%s", source_names[n->src]);
		return;
	case Q_DATE:
		put(b, "date:%s", n->text);
		return;
	case Q_NEAR:
		for (int i = 0; i < n->nk; i++) {
			if (i && n->unit) {
				put(b, n->unit == 1 ? " SENTENCE " : " PARAGRAPH ");
			} else if (i) {
				if (n->dist == 10 && chance(&c->r, 50))
					put(b, n->ordered ? " ADJ " : " NEAR ");
				else
					put(b, n->ordered ? " ADJ/%d " : " NEAR/%d ", n->dist);
			}
			render(b, n->kids[i], any);
		}
		return;
	case Q_AND:
	case Q_OR:
		put(b, "(");
		for (int i = 0; i < n->nk; i++) {
			if (i) {
				/* juxtaposition where it means the operator */
				if (n->k == Q_AND)
					put(b, !any && chance(&c->r, 50) ? " " : " AND ");
				else
					put(b, any && chance(&c->r, 50) ? " " : " OR ");
			}
			render(b, n->kids[i], any);
		}
		for (int i = 0; i < n->nn; i++) {
			put(b, !any && chance(&c->r, 30) ? " -" : " NOT ");
			if (n->negs[i]->k == Q_NEAR) {
				put(b, "(");
				render(b, n->negs[i], any);
				put(b, ")");
			} else {
				render(b, n->negs[i], any);
			}
		}
		put(b, ")");
		return;
	}
}

/* ---- the reference: matching and scoring by brute force ---- */

static int in_field(int pos, int field, int nt)
{
	return field == 0 || (field == 1 ? pos < nt : pos >= nt);
}

struct span {
	int start, end;
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->start != y->start)
		return x->start - y->start;
	return x->end - y->end;
}

/* The spans of a NEAR operand (or phrase) in doc d, by start. */
static int spans_of(const struct corpus *c, const struct qn *n, const struct doc *d,
		    struct span *out)
{
	int len = d->nt + d->nb, k = 0;

	if (n->k == Q_OR) {
		/* a group stands for the spans of all its operands */
		for (int i = 0; i < n->nk; i++)
			k += spans_of(c, n->kids[i], d, out + k);
		qsort(out, (size_t)k, sizeof(*out), cmp_span);
		return k;
	}
	for (int p = 0; p < len; p++) {
		int ok;
		switch (n->k) {
		case Q_WORD:
			ok = n->w >= 0 && d->w[p] == n->w && in_field(p, n->field, d->nt);
			if (ok)
				out[k++] = (struct span){ p, p };
			break;
		case Q_PREFIX:
			ok = (n->pmask >> d->w[p] & 1) && in_field(p, n->field, d->nt);
			if (ok)
				out[k++] = (struct span){ p, p };
			break;
		case Q_PHRASE: {
			int e = p + n->np - 1;
			ok = e < len && (p < d->nt) == (e < d->nt) && in_field(p, n->field, d->nt) &&
			     in_field(e, n->field, d->nt);
			for (int i = 0; i < n->np && ok; i++)
				ok = d->w[p + i] == n->pw[i];
			if (ok)
				out[k++] = (struct span){ p, e };
			break;
		}
		default:
			break;
		}
	}
	return k;
}

/* SENTENCE/PARAGRAPH: one sentence (paragraph) holds a whole span of
 * every operand; the title is one, the body starts another. */
static int unit_match(const struct corpus *c, const struct qn *n, const struct doc *d)
{
	struct span buf[MAX_TOK * 2];
	int len = d->nt + d->nb;

	for (int us = 0; us < len;) {
		int ue = us + 1, ok = 1;
		while (ue < len && ue != d->nt && !(d->brk[ue] >= n->unit))
			ue++;
		for (int i = 0; i < n->nk && ok; i++) {
			int ns = spans_of(c, n->kids[i], d, buf), in = 0;
			for (int k = 0; k < ns && !in; k++)
				in = buf[k].start >= us && buf[k].end < ue;
			ok = in;
		}
		if (ok)
			return 1;
		us = ue;
	}
	return 0;
}

struct near_state {
	const struct qn *n;
	struct span *sp[4];
	int ns[4];
	struct span chosen[4];
	int nt;
};

static int near_rec(struct near_state *s, int i)
{
	const struct qn *n = s->n;

	if (i == n->nk) {
		int lo = s->chosen[0].end, hi = s->chosen[0].start;
		for (int j = 1; j < n->nk; j++) {
			if (s->chosen[j].end < lo)
				lo = s->chosen[j].end;
			if (s->chosen[j].start > hi)
				hi = s->chosen[j].start;
		}
		return hi - lo <= n->dist;
	}
	for (int k = 0; k < s->ns[i]; k++) {
		struct span a = s->sp[i][k];
		int ok = 1;
		for (int j = 0; j < i && ok; j++) {
			struct span b = s->chosen[j];
			ok = (a.end < s->nt) == (b.end < s->nt) && (a.end < b.start || a.start > b.end);
		}
		if (ok && n->ordered && i > 0)
			ok = a.start > s->chosen[i - 1].end;
		if (!ok)
			continue;
		s->chosen[i] = a;
		if (near_rec(s, i + 1))
			return 1;
	}
	return 0;
}

static int ref_match(const struct corpus *c, const struct qn *n, const struct doc *d)
{
	struct span buf[4][2 * MAX_TOK];

	switch (n->k) {
	case Q_WORD:
	case Q_PREFIX:
	case Q_PHRASE:
		return spans_of(c, n, d, buf[0]) > 0;
	case Q_SOURCE:
		return d->source == n->src;
	case Q_DATE:
		return d->has_date && d->t >= n->lo && d->t <= n->hi;
	case Q_AND:
		for (int i = 0; i < n->nk; i++)
			if (!ref_match(c, n->kids[i], d))
				return 0;
		for (int i = 0; i < n->nn; i++)
			if (ref_match(c, n->negs[i], d))
				return 0;
		return 1;
	case Q_OR:
		for (int i = 0; i < n->nk; i++)
			if (ref_match(c, n->kids[i], d))
				return 1;
		return 0;
	case Q_NEAR: {
		struct near_state s;
		if (n->unit)
			return unit_match(c, n, d);
		s.n = n;
		s.nt = d->nt;
		for (int i = 0; i < n->nk; i++) {
			s.sp[i] = buf[i];
			s.ns[i] = spans_of(c, n->kids[i], d, buf[i]);
			if (!s.ns[i])
				return 0;
		}
		return near_rec(&s, 0);
	}
	}
	return 0;
}

/* rank.h's w(t,d), written again. */
static double ref_weight(const struct corpus *c, int t, const struct doc *d)
{
	double tft = 0, tf = 0, tfw, dlw, k1 = NS_BM25_K1, b = NS_BM25_B, wt = NS_TITLE_WEIGHT;

	for (int p = 0; p < d->nt + d->nb; p++)
		if (d->w[p] == t) {
			tf++;
			tft += p < d->nt;
		}
	tfw = wt * tft + (tf - tft);
	dlw = (double)(d->nt + d->nb) + (wt - 1) * d->nt;
	return c->idf[t] * tfw * (k1 + 1) / (tfw + k1 * (1 - b + b * dlw / c->avgdl));
}

/* The BM25F part of a matching node's score; *terms collects the word
 * terms that count for proximity. */
static double ref_score(const struct corpus *c, const struct qn *n, const struct doc *d,
			uint64_t *terms)
{
	double s = 0;

	switch (n->k) {
	case Q_WORD:
		*terms |= 1ULL << n->w;
		return ref_weight(c, n->w, d);
	case Q_PREFIX:
		/* each of its terms that the document has in the field */
		for (int v = 0; v < c->V; v++) {
			int has = 0;
			if (!(n->pmask >> v & 1))
				continue;
			for (int p = 0; p < d->nt + d->nb && !has; p++)
				has = d->w[p] == v && in_field(p, n->field, d->nt);
			if (has) {
				*terms |= 1ULL << v;
				s += ref_weight(c, v, d);
			}
		}
		return s;
	case Q_PHRASE:
		for (int i = 0; i < n->np; i++) {
			*terms |= 1ULL << n->pw[i];
			s += ref_weight(c, n->pw[i], d);
		}
		return s;
	case Q_SOURCE:
	case Q_DATE:
		return 0;
	case Q_AND:
	case Q_NEAR:
		for (int i = 0; i < n->nk; i++)
			s += ref_score(c, n->kids[i], d, terms);
		return s;
	case Q_OR:
		for (int i = 0; i < n->nk; i++)
			if (ref_match(c, n->kids[i], d))
				s += ref_score(c, n->kids[i], d, terms);
		return s;
	}
	return 0;
}

/* rank.h's proximity score, written again: neighbouring occurrences of
 * different terms in one field. */
static double ref_prox(const struct corpus *c, uint64_t terms, const struct doc *d)
{
	double acc[MAX_VOCAB] = { 0 }, s = 0, k1 = NS_BM25_K1, b = NS_BM25_B, K;
	int prev = -1;

	if (__builtin_popcountll(terms) < 2)
		return 0;
	for (int p = 0; p < d->nt + d->nb; p++) {
		if (!(terms >> d->w[p] & 1))
			continue;
		if (prev >= 0 && d->w[prev] != d->w[p] && (prev < d->nt) == (p < d->nt)) {
			double dd = (double)(p - prev);
			acc[d->w[prev]] += c->idf[d->w[p]] / (dd * dd);
			acc[d->w[p]] += c->idf[d->w[prev]] / (dd * dd);
		}
		prev = p;
	}
	K = k1 * (1 - b + b * (double)(d->nt + d->nb) / c->avgdl);
	for (int v = 0; v < c->V; v++)
		if (acc[v] > 0)
			s += (c->idf[v] < 1 ? c->idf[v] : 1) * acc[v] * (k1 + 1) / (acc[v] + K);
	return NS_PROX_WEIGHT * s;
}

/* ---- the engine's side ---- */

struct ehit {
	uint64_t docid;
	double score;
};

/* The article number of docid ("a<n>") in ix. */
static int article_of(struct ns_index *ix, uint64_t docid, unsigned long *a)
{
	uint32_t seg, local;
	struct ns_doc d;
	char id[32];

	ns_index_locate(ix, docid, &seg, &local);
	if (ns_segr_doc(ix->segs[seg], local, &d) != NS_OK || d.id.len == 0 ||
	    d.id.len >= sizeof(id))
		return -1;
	memcpy(id, d.id.p, d.id.len);
	id[d.id.len] = 0;
	*a = strtoul(id + 1, NULL, 10);
	return 0;
}

/* One run of a compiled query on ix: its top k (sorted) and count. */
static int run_on(struct ns_index *ix, const struct ns_qnode *tree, const struct ns_match_opts *mo,
		  size_t k, uint64_t *count, struct ns_topk *top, char *msg, size_t msglen)
{
	struct ns_match *m = NULL;
	int rc = ns_match_compile_opts(ix, tree, mo, &m, msg, msglen);

	if (rc == NS_OK)
		rc = ns_topk_init(top, k);
	if (rc == NS_OK) {
		rc = ns_match_run(m, k ? top : NULL, count);
		ns_topk_sort(top);
	}
	ns_match_free(m);
	return rc;
}

/* The shards searched as one answer as the index of their union: the
 * same articles in the same order with the same scores to the bit, the
 * same count; in one thread or several (fanout.h). */
static int same_on_shards(struct corpus *c, const struct ns_qnode *tree,
			  const struct ns_match_opts *mo, size_t k, int counting, const char *text)
{
	struct ns_topk one, many;
	uint64_t n1 = 0, n2 = 0;
	char msg[512] = "";
	int rc, rc2, threads = 1 + (int)rnd(&c->r, 3);

	memset(&one, 0, sizeof(one));
	memset(&many, 0, sizeof(many));
	rc = run_on(c->ix, tree, mo, k, counting ? &n1 : NULL, &one, msg, sizeof(msg));
	setenv("NSEARCH_THREADS", threads == 1 ? "1" : threads == 2 ? "2" : "3", 1);
	rc2 = run_on(c->shards, tree, mo, k, counting ? &n2 : NULL, &many, msg, sizeof(msg));
	unsetenv("NSEARCH_THREADS");
	if (rc == NS_ERR_QUERY && rc2 == rc) {
		rc = NS_OK;	/* refused alike (a word too short for 2 edits) */
		goto out;
	}
	if (rc != rc2 || rc != NS_OK) {
		fail(c, "query [%s]: union %s, %d shards %s", text ? text : "", ns_strerror(rc),
		     c->n_shards, ns_strerror(rc2));
		rc = rc != NS_OK ? rc : rc2 != NS_OK ? rc2 : NS_ERR_CORRUPT;
		goto out;
	}
	if (n1 != n2 || one.n != many.n) {
		fail(c, "query [%s] k=%zu: union %llu matches, %zu hits; %d shards %llu, %zu",
		     text ? text : "", k, (unsigned long long)n1, one.n, c->n_shards,
		     (unsigned long long)n2, many.n);
		rc = NS_ERR_CORRUPT;
		goto out;
	}
	for (size_t i = 0; i < one.n; i++) {
		unsigned long a1 = 0, a2 = 0;
		if (article_of(c->ix, one.heap[i].docid, &a1) != 0 ||
		    article_of(c->shards, many.heap[i].docid, &a2) != 0 || a1 != a2 ||
		    one.heap[i].score != many.heap[i].score) {
			fail(c,
			     "query [%s] k=%zu threads=%d: hit %zu is a%lu %.17g on the union, "
			     "a%lu %.17g on %d shards",
			     text ? text : "", k, threads, i, a1, one.heap[i].score, a2,
			     many.heap[i].score, c->n_shards);
			rc = NS_ERR_CORRUPT;
			goto out;
		}
	}
out:
	ns_topk_release(&one);
	ns_topk_release(&many);
	return rc;
}

/* Runs the query through the engine: parse, compile with the options,
 * ns_match_run() with a top k (when k > 0) and a count (when count). */
static int engine(struct corpus *c, const char *text, int any, const struct ns_daterange *range,
		  enum ns_sort sort, size_t k, uint64_t *count, struct ehit **hits, size_t *n_hits)
{
	struct ns_qnode *tree = NULL;
	struct ns_match *m = NULL;
	struct ns_match_opts mo;
	struct ns_topk top;
	char msg[512] = "";
	int rc;

	*hits = NULL;
	*n_hits = 0;
	if (text) {
		rc = ns_query_parse(text, any, &tree, msg, sizeof(msg));
		if (rc != NS_OK) {
			fail(c, "query [%s]: parse: %s", text, msg);
			return rc;
		}
	}
	memset(&mo, 0, sizeof(mo));
	mo.range = range;
	mo.sort = sort;
	rc = ns_match_compile_opts(c->ix, tree, &mo, &m, msg, sizeof(msg));
	if (rc != NS_OK) {
		fail(c, "query [%s]: compile: %s (%s)", text ? text : "", msg, ns_strerror(rc));
		ns_query_free(tree);
		return rc;
	}
	if (c->shards)
		rc = same_on_shards(c, tree, &mo, k, count != NULL, text);
	if (rc != NS_OK) {
		ns_match_free(m);
		ns_query_free(tree);
		return rc;
	}
	rc = ns_topk_init(&top, k);
	if (rc == NS_OK) {
		rc = ns_match_run(m, k ? &top : NULL, count);
		if (rc == NS_OK) {
			ns_topk_sort(&top);
			*hits = malloc((top.n + 1) * sizeof(**hits));
			if (!*hits)
				rc = NS_ERR_NOMEM;
			for (size_t i = 0; i < top.n && *hits; i++) {
				(*hits)[i].docid = top.heap[i].docid;
				(*hits)[i].score = top.heap[i].score;
			}
			if (*hits)
				*n_hits = top.n;
		} else {
			fail(c, "query [%s]: run: %s (%s)", text ? text : "", msg, ns_strerror(rc));
		}
		ns_topk_release(&top);
	}
	ns_match_free(m);
	ns_query_free(tree);
	return rc;
}

/* ---- one query case ---- */

struct rhit {
	uint64_t docid;
	double score;
	int64_t key;		/* date order key (undated: INT64_MIN) */
	int doc;
};

static int cmp_score(const void *a, const void *b)
{
	const struct ehit *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

static int cmp_docid(const void *a, const void *b)
{
	const struct rhit *x = a, *y = b;

	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

static int cmp_ehit_docid(const void *a, const void *b)
{
	const struct ehit *x = a, *y = b;

	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

static int cmp_key(const void *a, const void *b)
{
	const struct rhit *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return x->docid < y->docid ? -1 : x->docid > y->docid;
}

static int close_enough(double a, double b)
{
	return fabs(a - b) <= EPS * (fabs(b) > 1 ? fabs(b) : 1);
}

static const char *const sort_names[] = { "score", "date", "-date" };

/* One random query case; focus: a conjunction of frequent words at the
 * root with a small top k by score (gen_frequent_conj()). */
static void one_query(struct corpus *c, struct dt_totals *t, int focus)
{
	struct qbuild *b = calloc(1, sizeof(*b));
	struct qn *root = NULL, range_node;
	struct ns_daterange range;
	int any = 0, has_range = 0, fails_before = c->failures;
	enum ns_sort sort;
	size_t k, n_ref = 0, n_all = 0, n_top = 0;
	struct rhit *ref = NULL;
	struct ehit *all = NULL, *top = NULL;
	uint64_t count = 0, count2 = UINT64_MAX;
	char desc[256];

	if (!b) {
		fail(c, "out of memory");
		return;
	}
	b->c = c;
	t->queries++;
	memset(&range_node, 0, sizeof(range_node));
	if (chance(&c->r, 20)) {
		/* --since/--until: a day range, or to the second */
		range_node.k = Q_DATE;
		gen_date(c, &range_node);
		if (chance(&c->r, 30) && range_node.lo != INT64_MIN)
			range_node.lo += rnd(&c->r, 86400);
		range.lo = range_node.lo == INT64_MIN ? NS_DR_MIN : range_node.lo;
		range.hi = range_node.hi == INT64_MAX ? NS_DR_MAX : range_node.hi;
		has_range = 1;
	}
	if (focus) {
		root = gen_frequent_conj(b);
		if (root)
			render(b, root, 0);
	} else if (has_range && chance(&c->r, 20)) {
		root = NULL;	/* the range alone: nsearch -c --since ... */
	} else if (chance(&c->r, 15)) {
		/* --any: juxtaposed words mean OR */
		any = 1;
		struct qn *or = qnew(b, Q_OR);
		int ok = or != NULL;
		if (ok)
			or->nk = 2 + (int)rnd(&c->r, 3);
		for (int i = 0; ok && i < or->nk; i++)
			ok = (or->kids[i] = gen_leaf(b, 0)) != NULL;
		if (ok && !is_positive(or))
			ok = (or->kids[0] = gen_leaf(b, 1)) != NULL;
		root = ok ? or : NULL;
		if (root) {
			for (int i = 0; i < root->nk; i++) {
				if (i)
					put(b, " ");
				render(b, root->kids[i], 1);
			}
		}
	} else {
		root = gen_node(b, 0);
		while (root && !is_positive(root))
			root = gen_node(b, 0);
		if (root)
			render(b, root, 0);
	}
	if (!root && !has_range) {
		fail(c, "query generator: too many nodes");
		free(b);
		return;
	}
	b->text[b->len < sizeof(b->text) ? b->len : sizeof(b->text) - 1] = 0;
	sort = (enum ns_sort)(chance(&c->r, 60) ? NS_SORT_SCORE : 1 + rnd(&c->r, 2));
	{
		static const size_t ks[] = { 1, 2, 3, 5, 10, 20, 50, 1000 };
		k = ks[rnd(&c->r, sizeof(ks) / sizeof(ks[0]))];
	}
	if (focus) {	/* a small top k by score: the threshold soon bites */
		sort = NS_SORT_SCORE;
		k = 1 + k % 3;
	}
	snprintf(desc, sizeof(desc), "%s%s sort=%s k=%zu%s%s", root ? "" : "(range only)",
		 any ? " --any" : "", sort_names[sort], k, has_range ? " range=" : "",
		 has_range ? range_node.text : "");
	if (c->verbose)
		fprintf(stderr, "difftest: query [%s] %s\n", b->text, desc);

	/* The reference: every live article. */
	ref = malloc(((size_t)c->N + 1) * sizeof(*ref));
	if (!ref) {
		fail(c, "out of memory");
		goto out;
	}
	for (int i = 0; i < c->n_docs; i++) {
		const struct doc *d = &c->docs[i];
		uint64_t terms = 0;
		double s = 0;
		if (!d->live || (root && !ref_match(c, root, d)))
			continue;
		if (has_range && !(d->has_date && d->t >= range_node.lo && d->t <= range_node.hi))
			continue;
		if (root)
			s = ref_score(c, root, d, &terms);
		s += ref_prox(c, terms, d);
		ref[n_ref].docid = d->gdoc;
		ref[n_ref].score = s;
		ref[n_ref].doc = i;
		if (!d->has_date)
			ref[n_ref].key = INT64_MIN;
		else
			ref[n_ref].key = sort == NS_SORT_DATE ? -d->t : d->t;
		n_ref++;
	}
	t->matches += n_ref;

	/* 2. The exhaustive run (a date order walks every match). */
	if (engine(c, root ? b->text : NULL, any, has_range ? &range : NULL, NS_SORT_DATE,
		   (size_t)c->n_docids + 1, &count, &all, &n_all) != NS_OK)
		goto out;
	if (count != n_ref || n_all != n_ref) {
		fail(c, "query [%s] %s: exhaustive run: %llu matches (%zu hits), reference %zu",
		     b->text, desc, (unsigned long long)count, n_all, n_ref);
		goto out;
	}
	qsort(ref, n_ref, sizeof(*ref), cmp_docid);
	qsort(all, n_all, sizeof(*all), cmp_ehit_docid);
	for (size_t i = 0; i < n_ref; i++) {
		if (all[i].docid != ref[i].docid) {
			fail(c, "query [%s] %s: engine matches docid %llu, reference %llu", b->text,
			     desc, (unsigned long long)all[i].docid,
			     (unsigned long long)ref[i].docid);
			goto out;
		}
		if (!close_enough(all[i].score, ref[i].score)) {
			fail(c, "query [%s] %s: docid %llu scores %.17g, reference %.17g", b->text,
			     desc, (unsigned long long)all[i].docid, all[i].score, ref[i].score);
			goto out;
		}
	}

	/* 1 and 3. The top k in the asked order, with a count or not. */
	if (engine(c, root ? b->text : NULL, any, has_range ? &range : NULL, sort, k,
		   chance(&c->r, 50) ? &count2 : NULL, &top, &n_top) != NS_OK)
		goto out;
	if (count2 != UINT64_MAX && count2 != n_ref) {
		fail(c, "query [%s] %s: count with top k %llu, reference %zu", b->text, desc,
		     (unsigned long long)count2, n_ref);
		goto out;
	}
	if (n_top != (n_ref < k ? n_ref : k)) {
		fail(c, "query [%s] %s: %zu hits, expected %zu", b->text, desc, n_top,
		     n_ref < k ? n_ref : k);
		goto out;
	}
	if (sort == NS_SORT_SCORE) {
		/* exactly the k best of the engine's own exhaustive scores */
		qsort(all, n_all, sizeof(*all), cmp_score);
		if (k < n_ref)
			t->pruned++;
		for (size_t i = 0; i < n_top; i++)
			if (top[i].docid != all[i].docid || top[i].score != all[i].score) {
				fail(c,
				     "query [%s] %s: hit %zu is docid %llu score %.17g, "
				     "exhaustive %llu score %.17g",
				     b->text, desc, i, (unsigned long long)top[i].docid, top[i].score,
				     (unsigned long long)all[i].docid, all[i].score);
				goto out;
			}
	} else {
		qsort(ref, n_ref, sizeof(*ref), cmp_key);
		for (size_t i = 0; i < n_top; i++)
			if (top[i].docid != ref[i].docid || !close_enough(top[i].score, ref[i].score)) {
				fail(c, "query [%s] %s: hit %zu is docid %llu, reference %llu", b->text,
				     desc, i, (unsigned long long)top[i].docid,
				     (unsigned long long)ref[i].docid);
				goto out;
			}
	}

	/* -c alone */
	free(top);
	top = NULL;
	count = UINT64_MAX;
	if (engine(c, root ? b->text : NULL, any, has_range ? &range : NULL, sort, 0, &count, &top,
		   &n_top) != NS_OK)
		goto out;
	if (count != n_ref)
		fail(c, "query [%s] %s: -c %llu, reference %zu", b->text, desc,
		     (unsigned long long)count, n_ref);
out:
	if (c->failures != fails_before)
		t->failures++;
	free(ref);
	free(all);
	free(top);
	free(b);
}

/* Fuzzy words (word~, word~2: the word forms of every piece, formdict.h)
 * have no reference here; on the shards they must answer as the union. */
static void fuzzy_shard_query(struct corpus *c, struct dt_totals *t)
{
	static const enum ns_sort sorts[] = { NS_SORT_SCORE, NS_SORT_DATE, NS_SORT_DATE_DESC };
	static const size_t ks[] = { 1, 3, 10, 1000 };
	struct ns_qnode *tree = NULL;
	struct ns_match_opts mo;
	char w[2][20], text[96], msg[256] = "";
	int fails_before = c->failures;

	for (int i = 0; i < 2; i++) {
		/* a word of the vocabulary with one or two letters changed */
		size_t len;
		snprintf(w[i], sizeof(w[i]), "%s", c->words[zipf_word(c)]);
		len = strlen(w[i]);
		for (int e = 1 + (int)rnd(&c->r, 2); e > 0 && len > 1; e--)
			w[i][rnd(&c->r, (uint32_t)len)] = (char)('a' + rnd(&c->r, 26));
	}
	switch (rnd(&c->r, 4)) {
	case 0: snprintf(text, sizeof(text), "%s~", w[0]); break;
	case 1: snprintf(text, sizeof(text), "%s~%s", w[0], strlen(w[0]) >= 4 ? "2" : ""); break;
	case 2:
		snprintf(text, sizeof(text), "%s~ OR title:%s~%s", w[0], w[1],
			 strlen(w[1]) >= 4 || chance(&c->r, 10) ? "2" : "");
		break;
	default: snprintf(text, sizeof(text), "%s~ %s", w[0], c->words[zipf_word(c)]); break;
	}
	t->queries++;
	if (ns_query_parse(text, 0, &tree, msg, sizeof(msg)) != NS_OK) {
		fail(c, "query [%s]: parse: %s", text, msg);
	} else {
		memset(&mo, 0, sizeof(mo));
		mo.sort = sorts[rnd(&c->r, 3)];
		same_on_shards(c, tree, &mo, ks[rnd(&c->r, 4)], (int)rnd(&c->r, 2), text);
		same_on_shards(c, tree, &mo, 0, 1, text);
	}
	ns_query_free(tree);
	if (c->failures != fails_before)
		t->failures++;
}

/* ---- a corpus ---- */

static int make_dirs(struct corpus *c)
{
	const char *base = getenv("TMPDIR");

	/* tmpfs when there is one: the builds fsync */
	if (access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if (!base || !*base)
		base = "/tmp";
	snprintf(c->dir, sizeof(c->dir), "%s/nsdiff.XXXXXX", base);
	if (!mkdtemp(c->dir))
		return -1;
	snprintf(c->src, sizeof(c->src), "%s/src", c->dir);
	snprintf(c->idx, sizeof(c->idx), "%s/idx", c->dir);
	return mkdir(c->src, 0700);
}

static void remove_dirs(struct corpus *c)
{
	char cmd[600];

	if (!c->dir[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", c->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "difftest: could not remove %s\n", c->dir);
}

int dt_run_corpus(const uint8_t *data, size_t size, uint64_t seed, int n_queries, int verbose,
		  struct dt_totals *t)
{
	struct corpus *c = calloc(1, sizeof(*c));
	struct ns_analyzer *an = NULL;
	int failures;
	uint64_t t_failures = t->failures;

	if (!c)
		return -1;
	c->r.p = data;
	c->r.n = size;
	c->r.s = seed;
	c->verbose = verbose;
	t->corpora++;
	if (ns_analyzer_new("english", &an) != NS_OK || make_vocab(c, an) != 0 ||
	    make_dirs(c) != 0 || make_corpus(c) != 0 || open_and_map(c) != 0) {
		if (!c->failures)
			fail(c, "could not make the corpus");
		failures = -1;
		t->failures++;
		goto out;
	}
	for (int q = 0; q < n_queries; q++)
		one_query(c, t, 0);
	/* Then the same articles as shards searched as one, against a fresh
	 * index of their union (and the reference) on half as many queries. */
	ns_idx_close(c->ix);
	c->ix = NULL;
	switch (make_shards(c)) {
	case 0:
		if (open_and_map(c) != 0)
			break;
		t->sharded++;
		for (int q = 0; q < (n_queries + 1) / 2; q++)
			one_query(c, t, 0);
		for (int q = 0; q < (n_queries + 3) / 4; q++)
			fuzzy_shard_query(c, t);
		/* last, so the cases above draw what they always drew */
		for (int q = 0; q < (n_queries + 3) / 4; q++)
			one_query(c, t, 1);
		break;
	case 1:
		break;
	default:
		if (!c->failures)
			fail(c, "could not make the shards");
		t->failures++;
	}
	failures = c->failures;
	if (failures && t->failures == t_failures)
		t->failures++;	/* a corpus case (check_breaks()) failed */
out:
	if (c->ix)
		ns_idx_close(c->ix);
	if (c->shards)
		ns_idx_close(c->shards);
	ns_analyzer_free(an);
	remove_dirs(c);
	for (int f = 0; f < MAX_FILES; f++)
		free(c->files[f].docs);
	free(c->docs);
	free(c->live_of);
	free(c);
	return failures;
}
