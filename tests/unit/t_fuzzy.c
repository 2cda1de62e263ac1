/* SPDX-License-Identifier: MIT */
/* t_fuzzy.c -- tests of the word forms file (common/wordforms_*.c), the
 * form counter (indexer/formcount.c), the OSA distance and the trie walk
 * (searcher/editdist.c, fuzzy.c): the distance against a plain full
 * Damerau-style recurrence on known pairs, the walk against a brute-force
 * scan of the same dictionary for random words, and the walk's reads far
 * below the dictionary's size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editdist.h"
#include "error.h"
#include "format.h"
#include "formcount.h"
#include "fuzzy.h"
#include "unit.h"
#include "wordforms_read.h"
#include "wordforms_write.h"

static int dist(const char *a, const char *b)
{
	return ns_osa_distance_utf8(a, strlen(a), b, strlen(b));
}

NS_SUITE(editdist)
{
	CHECK_INT_EQ(dist("", ""), 0);
	CHECK_INT_EQ(dist("abc", ""), 3);
	CHECK_INT_EQ(dist("kitten", "sitting"), 3);
	CHECK_INT_EQ(dist("government", "goverment"), 1);	/* deletion */
	CHECK_INT_EQ(dist("york", "yrok"), 1);			/* transposition */
	CHECK_INT_EQ(dist("ca", "abc"), 3);			/* OSA, not true DL (2) */
	CHECK_INT_EQ(dist("spending", "spendnig"), 1);
	CHECK_INT_EQ(dist("abcdef", "badcfe"), 3);
	CHECK_INT_EQ(dist("müller", "muller"), 1);		/* characters, not bytes */
	CHECK_INT_EQ(dist("straße", "strasse"), 2);
	CHECK_INT_EQ(dist("ab", "ba"), 1);
	CHECK_INT_EQ(dist("a", "b"), 1);
}

/* A random lower-case word over a small alphabet (near neighbours are
 * common), sometimes with a two-byte letter. */
static void random_word(char *out, size_t *len, unsigned *seed)
{
	static const char *const letters[] = { "a", "b", "c", "d", "e", "é", "n", "o" };
	size_t n = 1 + (size_t)(rand_r(seed) % 7), k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *l = letters[rand_r(seed) % 8];
		memcpy(out + k, l, strlen(l));
		k += strlen(l);
	}
	out[k] = 0;
	*len = k;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct collect {
	char **forms;
	int *dists;
	size_t n;
};

static int on_form(void *ctx, const struct ns_wform *f, int d)
{
	struct collect *c = ctx;

	c->forms[c->n] = strndup(f->form, f->len);
	c->dists[c->n++] = d;
	return 0;
}

NS_SUITE(fuzzy_walk)
{
	char *dir = ns_unit_tmpdir("fuzzy");
	enum { N = 3000 };
	char **words = calloc(N, sizeof(*words));
	size_t n = 0, total = 0, mism = 0;
	unsigned seed = 14;
	struct ns_formcount *fc = NULL;
	struct ns_wfr *r = NULL;
	struct ns_fuzzy_count visited = { 0, 0 };

	if (!dir || !words)
		return;
	CHECK_INT_EQ(ns_formcount_new(dir, &fc), NS_OK);
	for (size_t i = 0; i < N; i++) {
		char w[64];
		size_t len;
		random_word(w, &len, &seed);
		ns_formcount_add(fc, w, len, (uint32_t)i);
		ns_formcount_add(fc, w, len, (uint32_t)i);
	}
	ns_formcount_add(fc, "abc1", 4, 0);	/* digits: not kept */
	CHECK_INT_EQ(ns_formcount_write(fc, dir, 7, N), NS_OK);
	CHECK_INT_EQ(ns_wfr_open(dir, 7, &r), NS_OK);
	if (!r)
		goto out;
	n = ns_wfr_n_forms(r);
	CHECK_INT_EQ(n, ns_formcount_n(fc));
	CHECK_INT_EQ(ns_wfr_check_all(r), NS_OK);
	CHECK_INT_EQ(ns_wfr_n_docs(r), N);
	for (uint32_t i = 0; i < n; i++) {
		struct ns_wform f;
		CHECK_INT_EQ(ns_wfr_get(r, i, &f), NS_OK);
		words[i] = strndup(f.form, f.len);
		CHECK(f.cf == 2 * f.df);
	}
	{
		struct ns_wform f;
		CHECK_INT_EQ(ns_wfr_find(r, "abc1", 4, &f), NS_DONE);
		CHECK_INT_EQ(ns_wfr_find(r, words[n / 2], strlen(words[n / 2]), &f), NS_OK);
	}
	/* the walk finds exactly what a scan finds, with the same distances */
	for (int t = 0; t < 300; t++) {
		char q[64];
		size_t qlen;
		int k = t % 3;
		struct collect c = { calloc(n + 1, sizeof(char *)), calloc(n + 1, sizeof(int)), 0 };
		size_t want = 0, got_ok = 1;
		random_word(q, &qlen, &seed);
		CHECK_INT_EQ(ns_fuzzy_walk(r, q, qlen, k, on_form, &c, &visited), NS_OK);
		for (size_t i = 0; i < n; i++) {
			int d = dist(q, words[i]);
			if (d > k)
				continue;
			if (want >= c.n || strcmp(c.forms[want], words[i]) != 0 || c.dists[want] != d)
				got_ok = 0;
			want++;
		}
		if (!got_ok || want != c.n)
			mism++;
		total += c.n;
		for (size_t i = 0; i < c.n; i++)
			free(c.forms[i]);
		free(c.forms);
		free(c.dists);
	}
	CHECK_INT_EQ(mism, 0);
	CHECK(total > 300);	/* the comparison found forms to compare */
	/* the walk below the word's first character, up to 3 edits: what a
	 * scan of the forms that begin with that character finds */
	total = 0;
	for (int t = 0; t < 200; t++) {
		char q[64];
		size_t qlen;
		int k = 1 + t % 3;
		uint32_t q0, f0;
		struct collect c = { calloc(n + 1, sizeof(char *)), calloc(n + 1, sizeof(int)), 0 };
		size_t want = 0, got_ok = 1;
		random_word(q, &qlen, &seed);
		ns_utf8_decode(q, qlen, &q0, 1);
		CHECK_INT_EQ(ns_fuzzy_walk_same_first(r, q, qlen, k, on_form, &c, &visited), NS_OK);
		for (size_t i = 0; i < n; i++) {
			int d = dist(q, words[i]);
			ns_utf8_decode(words[i], strlen(words[i]), &f0, 1);
			if (d > k || f0 != q0)
				continue;
			if (want >= c.n || strcmp(c.forms[want], words[i]) != 0 || c.dists[want] != d)
				got_ok = 0;
			want++;
		}
		if (!got_ok || want != c.n)
			mism++;
		total += c.n;
		for (size_t i = 0; i < c.n; i++)
			free(c.forms[i]);
		free(c.forms);
		free(c.dists);
	}
	CHECK_INT_EQ(mism, 0);
	CHECK(total > 200);
	qsort(words, n, sizeof(*words), cmp_str);
out:
	ns_wfr_close(r);
	ns_formcount_free(fc);
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
	ns_unit_rmtree(dir);
	free(dir);
}

/* Long words over the whole alphabet: a 1- or 2-edit walk reads a small
 * share of a dictionary of 50000 forms. */
NS_SUITE(fuzzy_visits)
{
	char *dir = ns_unit_tmpdir("fuzzyv");
	struct ns_wfw *w = NULL;
	struct ns_wfr *r = NULL;
	enum { N = 50000 };
	char (*forms)[16] = calloc(N, 16);
	char **sorted = calloc(N, sizeof(*sorted));
	unsigned seed = 7;
	struct ns_fuzzy_count c1 = { 0, 0 }, c2 = { 0, 0 };
	uint64_t v1, v2;
	size_t n = 0;

	if (!dir || !forms || !sorted)
		return;
	for (size_t i = 0; i < N; i++) {
		for (int j = 0; j < 9; j++)
			forms[i][j] = (char)('a' + rand_r(&seed) % 26);
		sorted[i] = forms[i];
	}
	qsort(sorted, N, sizeof(*sorted), cmp_str);
	CHECK_INT_EQ(ns_wfw_open(dir, 1, &w), NS_OK);
	for (size_t i = 0; w && i < N; i++)
		if (i == 0 || strcmp(sorted[i - 1], sorted[i]) != 0) {
			ns_wfw_add(w, sorted[i], 9, 3, 1);
			n++;
		}
	CHECK_INT_EQ(ns_wfw_add(w, "a", 1, 1, 1), NS_ERR_USAGE);	/* out of order */
	CHECK_INT_EQ(ns_wfw_finish(w, 1), NS_OK);
	CHECK_INT_EQ(ns_wfr_open(dir, 1, &r), NS_OK);
	if (r) {
		struct collect c = { calloc(n + 1, sizeof(char *)), calloc(n + 1, sizeof(int)), 0 };
		char q[16];
		memcpy(q, sorted[n / 3], 10);
		q[3] ^= 1;	/* one substitution */
		CHECK_INT_EQ(ns_fuzzy_walk(r, q, 9, 1, on_form, &c, &c1), NS_OK);
		CHECK(c.n >= 1);
		CHECK_INT_EQ(ns_fuzzy_walk(r, q, 9, 2, on_form, &c, &c2), NS_OK);
		v1 = c1.forms;
		v2 = c2.forms;
		/* random words share little: the worst case of a trie; one
		 * edit still reads a small share of it, two edits about a
		 * scan's worth (real dictionaries: far less, see README) */
		CHECK(v1 * 100 < n * 15);
		CHECK(v2 < 3 * n);
		printf("fuzzy_visits: %zu forms, ~1 %llu, ~2 %llu read (prefix entries %llu, %llu)\n", n,
		       (unsigned long long)v1, (unsigned long long)v2, (unsigned long long)c1.prefixes,
		       (unsigned long long)c2.prefixes);
		for (size_t i = 0; i < c.n; i++)
			free(c.forms[i]);
		free(c.forms);
		free(c.dists);
	}
	ns_wfr_close(r);
	/* merging two files adds the counts */
	{
		uint32_t ids[2] = { 1, 1 };
		struct ns_wform f;
		CHECK_INT_EQ(ns_wfw_merge(dir, ids, 2, 2), NS_OK);
		CHECK_INT_EQ(ns_wfr_open(dir, 2, &r), NS_OK);
		if (r) {
			CHECK_INT_EQ(ns_wfr_n_forms(r), n);
			CHECK_INT_EQ(ns_wfr_find(r, sorted[5], 9, &f), NS_OK);
			CHECK_INT_EQ(f.cf, 6);
			CHECK_INT_EQ(f.df, 2);
			CHECK_INT_EQ(ns_wfr_n_docs(r), 2);
		}
		ns_wfr_close(r);
	}
	free(forms);
	free(sorted);
	ns_unit_rmtree(dir);
	free(dir);
}

/* A long word over a few letters (many forms share their first bytes, so
 * the walk goes far below the prefix table), sometimes with a two-byte
 * letter. */
static void long_word(char *out, size_t *len, unsigned *seed)
{
	static const char *const letters[] = { "a", "b", "c", "d", "e", "é" };
	size_t n = 6 + (size_t)(rand_r(seed) % 7), k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *l = letters[rand_r(seed) % 6];
		memcpy(out + k, l, strlen(l));
		k += strlen(l);
	}
	out[k] = 0;
	*len = k;
}

/* Deep in the trie, where the rows leave no edit (fuzzy.c: the rest of
 * the word is looked up, not walked): the walk still finds what a scan
 * finds, reading few forms. */
NS_SUITE(fuzzy_tails)
{
	char *dir = ns_unit_tmpdir("fuzzyt");
	enum { N = 20000, Q = 120 };
	char **words = calloc(N, sizeof(*words));
	size_t n = 0, mism = 0, total = 0;
	unsigned seed = 3;
	struct ns_formcount *fc = NULL;
	struct ns_wfr *r = NULL;
	struct ns_fuzzy_count visited = { 0, 0 };

	if (!dir || !words)
		return;
	CHECK_INT_EQ(ns_formcount_new(dir, &fc), NS_OK);
	for (size_t i = 0; i < N; i++) {
		char w[64];
		size_t len;
		long_word(w, &len, &seed);
		ns_formcount_add(fc, w, len, (uint32_t)i);
	}
	CHECK_INT_EQ(ns_formcount_write(fc, dir, 3, N), NS_OK);
	CHECK_INT_EQ(ns_wfr_open(dir, 3, &r), NS_OK);
	if (!r)
		goto out;
	n = ns_wfr_n_forms(r);
	for (uint32_t i = 0; i < n; i++) {
		struct ns_wform f;
		CHECK_INT_EQ(ns_wfr_get(r, i, &f), NS_OK);
		words[i] = strndup(f.form, f.len);
	}
	for (int t = 0; t < Q; t++) {
		char q[64];
		size_t qlen, want = 0;
		int k = 1 + t % 2, ok = 1;
		struct collect c = { calloc(n + 1, sizeof(char *)), calloc(n + 1, sizeof(int)), 0 };
		/* a form of the dictionary with a letter changed: near ones */
		snprintf(q, sizeof(q), "%s", words[(size_t)rand_r(&seed) % n]);
		qlen = strlen(q);
		if (q[qlen / 2] >= 'a' && q[qlen / 2] <= 'e')
			q[qlen / 2] = (char)('a' + (q[qlen / 2] - 'a' + 1) % 5);
		CHECK_INT_EQ(ns_fuzzy_walk(r, q, qlen, k, on_form, &c, &visited), NS_OK);
		for (size_t i = 0; i < n; i++) {
			int d = dist(q, words[i]);
			if (d > k)
				continue;
			if (want >= c.n || strcmp(c.forms[want], words[i]) != 0 || c.dists[want] != d)
				ok = 0;
			want++;
		}
		mism += !ok || want != c.n;
		total += c.n;
		for (size_t i = 0; i < c.n; i++)
			free(c.forms[i]);
		free(c.forms);
		free(c.dists);
	}
	CHECK_INT_EQ(mism, 0);
	CHECK(total >= Q);
	/* a dense dictionary (5 letters): 7% of it per walk; walking the
	 * rest of the word one character at a time read 10% */
	CHECK(visited.forms * 100 < (uint64_t)Q * n * 8);
	printf("fuzzy_tails: %zu forms, %d walks read %llu\n", n, Q,
	       (unsigned long long)visited.forms);
out:
	ns_wfr_close(r);
	ns_formcount_free(fc);
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
	ns_unit_rmtree(dir);
	free(dir);
}
