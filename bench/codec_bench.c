/* SPDX-License-Identifier: MIT */
/* codec_bench.c -- micro-benchmark of the postings codec (common/codec.c).
 *
 * Generates ~10M integers from distributions like those of a news index and
 * reports, per distribution, the encoded size in bits per integer and the
 * speed of decode, decode plus prefix sum, and encode, in integers per
 * nanosecond (best of several passes, CLOCK_MONOTONIC):
 *
 *   docgap df/N   gaps between the docids of a term in df/N of all documents:
 *                 geometric with p = df/N, so values >= 1 with mean N/df
 *   tf - 1        term frequency in a document minus one: Zipf-like,
 *                 P(tf = k) ~ 1/k^2 (k <= 1000), so ~61% are 0
 *   posgap        gaps between word positions: geometric, mean 20
 *
 * The stream is cut into runs of RUN_LEN values (whole blocks), each decoded
 * into one small buffer that stays in L1, as a query's cursor would.  A last
 * table decodes runs of 100 values: a tail alone (one packing of 100 values,
 * codec.h), which is what the many terms with df < 128 cost.
 *
 *   gcc -std=c11 -O2 -Icommon bench/codec_bench.c common/codec.c \
 *       common/varint.c -o /tmp/codec_bench && /tmp/codec_bench
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codec.h"

#define N_VALUES (10 * 1000 * 1000)
#define RUN_LEN (16 * NS_CODEC_BLOCK)	/* values per run in the main table */
#define SHORT_RUN_LEN 100		/* values per run in the tail table */
#define PASSES 7			/* best of */

static uint64_t rng_state = 20240601;

/* splitmix64 */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

/* A discrete distribution on 1..n_k by its cumulative table (built with
 * products only, so the benchmark needs no -lm). */
struct dist {
	double *cdf;		/* cdf[k - 1] = P(X <= k) */
	size_t n_k;
};

static void dist_geometric(struct dist *d, double p)
{
	double q = 1.0, acc = 0.0;

	d->n_k = 0;
	d->cdf = malloc(100000 * sizeof(*d->cdf));
	while (d->n_k < 100000 && acc < 1.0 - 1e-12) {
		acc += p * q;		/* P(X = k) = p (1-p)^(k-1) */
		q *= 1.0 - p;
		d->cdf[d->n_k++] = acc;
	}
	d->cdf[d->n_k - 1] = 1.0;
}

static void dist_zipf2(struct dist *d, size_t n_k)
{
	double sum = 0.0, acc = 0.0;

	d->n_k = n_k;
	d->cdf = malloc(n_k * sizeof(*d->cdf));
	for (size_t k = 1; k <= n_k; k++)
		sum += 1.0 / ((double)k * (double)k);
	for (size_t k = 1; k <= n_k; k++) {
		acc += 1.0 / ((double)k * (double)k) / sum;
		d->cdf[k - 1] = acc;
	}
	d->cdf[n_k - 1] = 1.0;
}

static uint32_t dist_draw(const struct dist *d)
{
	double u = rng_unit();
	size_t lo = 0, hi = d->n_k - 1;

	while (lo < hi) {			/* first k with cdf >= u */
		size_t mid = lo + (hi - lo) / 2;
		if (d->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)(lo + 1);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

struct result {
	double bits_per_int;
	double decode, decode_sum, encode;	/* integers per ns */
};

static volatile uint32_t sink;

static int measure(const uint32_t *v, size_t n, size_t run_len, int sum, struct result *r)
{
	size_t n_runs = (n + run_len - 1) / run_len;
	size_t cap = n_runs * ns_codec_bound(run_len);
	uint8_t *enc = malloc(cap);
	uint32_t *buf = malloc((run_len + NS_CODEC_BLOCK) * sizeof(*buf));
	size_t total = 0;

	if (!enc || !buf) {
		free(enc);
		free(buf);
		return -1;
	}
	r->decode = r->decode_sum = r->encode = 0.0;
	for (int pass = 0; pass < PASSES; pass++) {
		double t0 = now_ns();
		size_t len = 0;

		for (size_t i = 0; i < n; i += run_len) {
			size_t m = n - i < run_len ? n - i : run_len;
			len += ns_codec_encode(enc + len, v + i, m);
		}
		double t = now_ns() - t0;
		if ((double)n / t > r->encode)
			r->encode = (double)n / t;
		total = len;
	}
	r->bits_per_int = (double)total * 8.0 / (double)n;

	/* Check once, untimed, that the runs decode to the input. */
	{
		const uint8_t *p = enc, *end = enc + total;

		for (size_t i = 0; i < n; i += run_len) {
			size_t m = n - i < run_len ? n - i : run_len;
			size_t got = ns_codec_decode(buf, p, end, m);
			if (got == 0 || memcmp(buf, v + i, m * sizeof(*buf)) != 0) {
				fprintf(stderr, "codec_bench: decode mismatch\n");
				free(enc);
				free(buf);
				return -1;
			}
			p += got;
		}
	}

	for (int with_sum = 0; with_sum <= sum; with_sum++)
		for (int pass = 0; pass < PASSES; pass++) {
			const uint8_t *p = enc, *end = enc + total;
			uint32_t x = 0;
			double t0 = now_ns();

			for (size_t i = 0; i < n; i += run_len) {
				size_t m = n - i < run_len ? n - i : run_len;
				p += ns_codec_decode(buf, p, end, m);
				if (with_sum)
					ns_codec_prefix_sum(buf, m, x);
				x += buf[m - 1];
			}
			double t = now_ns() - t0;
			double speed = (double)n / t;
			double *best = with_sum ? &r->decode_sum : &r->decode;
			if (speed > *best)
				*best = speed;
			sink = x;
		}
	free(enc);
	free(buf);
	return 0;
}

/* Prefix sum alone, on one L1-resident buffer. */
static double measure_prefix_sum(void)
{
	uint32_t buf[RUN_LEN];
	double best = 0.0;

	for (size_t i = 0; i < RUN_LEN; i++)
		buf[i] = (uint32_t)(i & 3);
	for (int pass = 0; pass < PASSES; pass++) {
		double t0 = now_ns();

		for (size_t i = 0; i < N_VALUES; i += RUN_LEN)
			ns_codec_prefix_sum(buf, RUN_LEN, (uint32_t)i);
		double t = now_ns() - t0;
		if (N_VALUES / t > best)
			best = N_VALUES / t;
	}
	sink = buf[RUN_LEN - 1];
	return best;
}

int main(void)
{
	static const struct {
		const char *name;
		int kind;		/* 0 geometric, 1 zipf */
		double p;
		int sum;		/* gaps: also time decode + prefix sum */
	} rows[] = {
		{ "docgap df/N=1%", 0, 0.01, 1 },
		{ "docgap df/N=10%", 0, 0.10, 1 },
		{ "docgap df/N=50%", 0, 0.50, 1 },
		{ "tf-1 zipf s=2", 1, 0.0, 0 },
		{ "posgap mean 20", 0, 0.05, 1 },
	};
	uint32_t *v = malloc(N_VALUES * sizeof(*v));

	if (!v) {
		fprintf(stderr, "codec_bench: out of memory\n");
		return 1;
	}
	printf("%d integers per distribution, runs of %d, best of %d\n",
	       N_VALUES, RUN_LEN, PASSES);
	printf("%-18s %9s %12s %12s %12s %12s\n", "distribution", "bits/int",
	       "dec int/ns", "dec+sum", "enc int/ns", "short dec");
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		struct dist d;
		struct result r, s;

		if (rows[k].kind == 0)
			dist_geometric(&d, rows[k].p);
		else
			dist_zipf2(&d, 1000);
		for (size_t i = 0; i < N_VALUES; i++)
			v[i] = dist_draw(&d) - (rows[k].kind == 1);
		free(d.cdf);
		if (measure(v, N_VALUES, RUN_LEN, rows[k].sum, &r) != 0 ||
		    measure(v, N_VALUES, SHORT_RUN_LEN, 0, &s) != 0)
			return 1;
		printf("%-18s %9.2f %12.2f ", rows[k].name, r.bits_per_int, r.decode);
		if (rows[k].sum)
			printf("%12.2f ", r.decode_sum);
		else
			printf("%12s ", "-");
		printf("%12.2f %12.2f\n", r.encode, s.decode);
	}
	printf("short dec: runs of %d values, all tail (one packing, codec.h)\n", SHORT_RUN_LEN);
	printf("prefix sum alone: %.2f int/ns\n", measure_prefix_sum());
	free(v);
	return 0;
}
