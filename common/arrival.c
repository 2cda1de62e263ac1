/* SPDX-License-Identifier: MIT */
/* arrival.c -- arrival generations of documents as runs (arrival.h). */
#include "arrival.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>

#include "buf.h"
#include "error.h"
#include "varint.h"

int ns_arrivals_add(struct ns_arrivals *a, uint64_t gen, uint32_t count)
{
	if (count == 0)
		return NS_OK;
	if (a->n > 0 && a->run[a->n - 1].gen == gen &&
	    a->run[a->n - 1].count <= UINT32_MAX - count) {
		a->run[a->n - 1].count += count;
		return NS_OK;
	}
	if (a->n == a->cap) {
		uint32_t cap = a->cap ? a->cap * 2 : 4;
		struct ns_arrival_run *r = realloc(a->run, (size_t)cap * sizeof(*r));
		if (!r)
			return NS_ERR_NOMEM;
		a->run = r;
		a->cap = cap;
	}
	a->run[a->n].gen = gen;
	a->run[a->n].count = count;
	a->n++;
	return NS_OK;
}

void ns_arrivals_release(struct ns_arrivals *a)
{
	free(a->run);
	memset(a, 0, sizeof(*a));
}

int ns_arrivals_merge(const struct ns_arrival_run *const *in, const uint32_t *n_run,
		      const uint32_t *const *remap, size_t n_in, struct ns_arrivals *out)
{
	int rc = NS_OK;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n_in && rc == NS_OK; i++) {
		uint32_t d = 0;
		for (uint32_t r = 0; r < n_run[i] && rc == NS_OK; r++) {
			uint32_t kept = 0;
			for (uint32_t k = 0; k < in[i][r].count; k++, d++)
				kept += remap[i][d] != UINT32_MAX;
			rc = ns_arrivals_add(out, in[i][r].gen, kept);
		}
	}
	if (rc != NS_OK)
		ns_arrivals_release(out);
	return rc;
}

uint64_t ns_arrivals_max(const struct ns_arrival_run *run, uint32_t n)
{
	uint64_t max = 0;

	for (uint32_t i = 0; i < n; i++)
		if (run[i].gen > max)
			max = run[i].gen;
	return max;
}

uint32_t ns_arrivals_next_after(const struct ns_arrival_run *run, uint32_t n, uint64_t gen,
				uint32_t from)
{
	uint64_t first = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint64_t end = first + run[i].count;
		if (end > from && run[i].gen > gen)
			return first > from ? (uint32_t)first : from;
		first = end;
	}
	return UINT32_MAX;
}

void ns_arrivals_put(struct ns_buf *b, const struct ns_arrival_run *run, uint32_t n)
{
	ns_buf_put_varint(b, n);
	for (uint32_t i = 0; i < n; i++) {
		ns_buf_put_varint(b, run[i].gen);
		ns_buf_put_varint(b, run[i].count);
	}
}

int ns_arrivals_get(const uint8_t **p, const uint8_t *end, uint32_t n_docs, uint64_t max_gen,
		    struct ns_arrival_run **out, uint32_t *n)
{
	uint64_t n_runs, total = 0;
	struct ns_arrival_run *run;

	*out = NULL;
	*n = 0;
	/* each run takes at least 2 bytes: a bound before the allocation */
	if (ns_varint_get(p, end, &n_runs) || n_runs > (uint64_t)(end - *p) / 2 ||
	    (n_runs == 0) != (n_docs == 0))
		return NS_CORRUPT();
	run = calloc((size_t)n_runs + 1, sizeof(*run));
	if (!run)
		return NS_ERR_NOMEM;
	for (uint64_t i = 0; i < n_runs; i++) {
		uint32_t count;
		if (ns_varint_get(p, end, &run[i].gen) || ns_varint_get32(p, end, &count) ||
		    count == 0 || run[i].gen == 0 || run[i].gen > max_gen) {
			free(run);
			return NS_CORRUPT();
		}
		run[i].count = count;
		total += count;
	}
	if (total != n_docs) {
		free(run);
		return NS_CORRUPT();
	}
	*out = run;
	*n = (uint32_t)n_runs;
	return NS_OK;
}

uint64_t ns_index_identity_new(void)
{
	uint64_t id = 0;

	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) != (ssize_t)sizeof(id)) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		id = ((uint64_t)ts.tv_sec * 1000000007u) ^ ((uint64_t)ts.tv_nsec << 20) ^
		     (uint64_t)getpid();
		id ^= id >> 29;
		id *= 0xbf58476d1ce4e5b9ull;
		id ^= id >> 32;
	}
	return id ? id : 1;
}
