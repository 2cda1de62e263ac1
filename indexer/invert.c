/* SPDX-License-Identifier: MIT */
/* invert.c -- in-memory inversion (see invert.h).
 *
 * Terms live in a dense array indexed by an open-addressing hash table;
 * their bytes in an arena of chunks that never move.  A document's occurrences are gathered as
 * (term slot, position) keys and sorted once at the end of the document, so
 * each term's stream gets one append per document.
 */
#include "invert.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "varint.h"

#define ARENA_CHUNK (1u << 16)
#define MALLOC_OVERHEAD 16	/* rough per-allocation cost, for ns_invert_mem */
#define INITIAL_SLOTS (1u << 14)	/* hash table slots, power of two */

struct term {
	const char *bytes;	/* in the arena */
	uint32_t len;
	uint32_t hash;
	uint32_t df;
	uint32_t prev_plus1;	/* last docid in the stream + 1 */
	struct ns_buf stream;
};

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	char data[];
};

struct ns_invert {
	struct term *terms;	/* dense; a term's index never changes */
	uint32_t n_terms;
	uint32_t terms_cap;
	uint32_t *table;	/* hash slots: term index + 1, 0 = empty */
	uint32_t n_slots;	/* power of two, at least 2 * n_terms */
	struct arena_chunk *arena;
	size_t arena_bytes;
	size_t stream_bytes;	/* sum of stream capacities */
	uint64_t *occ;		/* this document: term index << 32 | pos */
	size_t n_occ;
	size_t occ_cap;
	uint32_t docid;
};

static uint32_t hash_term(const char *p, size_t n)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)p[i]) * 16777619u;
	return h;
}

int ns_invert_new(struct ns_invert **out)
{
	struct ns_invert *inv = calloc(1, sizeof(*inv));

	*out = NULL;
	if (!inv)
		return NS_ERR_NOMEM;
	inv->n_slots = INITIAL_SLOTS;
	inv->table = calloc(inv->n_slots, sizeof(*inv->table));
	if (!inv->table) {
		free(inv);
		return NS_ERR_NOMEM;
	}
	*out = inv;
	return NS_OK;
}

static void clear_terms(struct ns_invert *inv)
{
	struct arena_chunk *c = inv->arena;

	for (uint32_t i = 0; i < inv->n_terms; i++)
		ns_buf_release(&inv->terms[i].stream);
	/* Give the term array and the table back too: they are counted in
	 * ns_invert_mem(), and a run's worth of them kept after a spill would
	 * leave the next run almost no room (one run per article). */
	free(inv->terms);
	inv->terms = NULL;
	inv->terms_cap = 0;
	if (inv->n_slots > INITIAL_SLOTS) {
		uint32_t *t = calloc(INITIAL_SLOTS, sizeof(*t));
		if (t) {
			free(inv->table);
			inv->table = t;
			inv->n_slots = INITIAL_SLOTS;
		}
	}
	memset(inv->table, 0, (size_t)inv->n_slots * sizeof(*inv->table));
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	inv->arena = NULL;
	inv->arena_bytes = 0;
	inv->stream_bytes = 0;
	inv->n_terms = 0;
}

void ns_invert_free(struct ns_invert *inv)
{
	if (!inv)
		return;
	clear_terms(inv);
	free(inv->terms);
	free(inv->table);
	free(inv->occ);
	free(inv);
}

size_t ns_invert_mem(const struct ns_invert *inv)
{
	return sizeof(*inv) + (size_t)inv->n_slots * sizeof(uint32_t) +
	       (size_t)inv->terms_cap * sizeof(struct term) + inv->arena_bytes +
	       inv->stream_bytes + (size_t)inv->n_terms * MALLOC_OVERHEAD +
	       inv->occ_cap * sizeof(uint64_t);
}

uint32_t ns_invert_n_terms(const struct ns_invert *inv)
{
	return inv->n_terms;
}

static const char *arena_copy(struct ns_invert *inv, const char *p, size_t n)
{
	struct arena_chunk *c = inv->arena;
	char *dst;

	if (!c || ARENA_CHUNK - c->used < n) {
		c = malloc(sizeof(*c) + ARENA_CHUNK);
		if (!c)
			return NULL;
		c->next = inv->arena;
		c->used = 0;
		inv->arena = c;
		inv->arena_bytes += sizeof(*c) + ARENA_CHUNK;
	}
	dst = c->data + c->used;
	memcpy(dst, p, n);
	c->used += n;
	return dst;
}

static int grow_table(struct ns_invert *inv)
{
	uint32_t n = inv->n_slots * 2, mask = n - 1;
	uint32_t *table = calloc(n, sizeof(*table));

	if (!table)
		return NS_ERR_NOMEM;
	for (uint32_t t = 0; t < inv->n_terms; t++) {
		uint32_t j = inv->terms[t].hash & mask;
		while (table[j])
			j = (j + 1) & mask;
		table[j] = t + 1;
	}
	free(inv->table);
	inv->table = table;
	inv->n_slots = n;
	return NS_OK;
}

/* Index of term, inserting it if new; -1 when out of memory. */
static long find_or_add(struct ns_invert *inv, const char *term, size_t len)
{
	uint32_t h = hash_term(term, len), mask = inv->n_slots - 1, i;
	struct term *t;

	for (i = h & mask; inv->table[i]; i = (i + 1) & mask) {
		t = &inv->terms[inv->table[i] - 1];
		if (t->hash == h && t->len == len && memcmp(t->bytes, term, len) == 0)
			return (long)inv->table[i] - 1;
	}
	if (inv->n_terms == inv->terms_cap) {
		uint32_t cap = inv->terms_cap ? inv->terms_cap * 2 : 4096;
		struct term *nt = realloc(inv->terms, (size_t)cap * sizeof(*nt));
		if (!nt)
			return -1;
		inv->terms = nt;
		inv->terms_cap = cap;
	}
	t = &inv->terms[inv->n_terms];
	t->bytes = arena_copy(inv, term, len);
	if (!t->bytes)
		return -1;
	t->len = (uint32_t)len;
	t->hash = h;
	t->df = 0;
	t->prev_plus1 = 0;
	ns_buf_init(&t->stream);
	inv->table[i] = ++inv->n_terms;
	/* Keep the load factor at most 1/2 so probes stay short. */
	if (inv->n_terms > inv->n_slots / 2 && grow_table(inv) != NS_OK)
		return -1;
	return (long)inv->n_terms - 1;
}

int ns_invert_doc_begin(struct ns_invert *inv, uint32_t docid)
{
	inv->docid = docid;
	inv->n_occ = 0;
	return NS_OK;
}

int ns_invert_add(struct ns_invert *inv, const char *term, size_t len, uint32_t pos)
{
	long id;

	if (inv->n_occ == inv->occ_cap) {
		size_t cap = inv->occ_cap ? inv->occ_cap * 2 : 4096;
		uint64_t *o = realloc(inv->occ, cap * sizeof(*o));
		if (!o)
			return NS_ERR_NOMEM;
		inv->occ = o;
		inv->occ_cap = cap;
	}
	id = find_or_add(inv, term, len);
	if (id < 0)
		return NS_ERR_NOMEM;
	inv->occ[inv->n_occ++] = (uint64_t)id << 32 | pos;
	return NS_OK;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

int ns_invert_doc_end(struct ns_invert *inv)
{
	size_t i = 0;

	qsort(inv->occ, inv->n_occ, sizeof(*inv->occ), cmp_u64);
	while (i < inv->n_occ) {
		uint32_t id = (uint32_t)(inv->occ[i] >> 32);
		struct term *t = &inv->terms[id];
		size_t j = i, before = t->stream.cap;
		uint32_t prev = 0;

		while (j < inv->n_occ && (uint32_t)(inv->occ[j] >> 32) == id)
			j++;
		ns_buf_put_varint(&t->stream, inv->docid - t->prev_plus1);
		ns_buf_put_varint(&t->stream, j - i);
		for (size_t k = i; k < j; k++) {
			uint32_t pos = (uint32_t)inv->occ[k];
			ns_buf_put_varint(&t->stream, k == i ? pos : pos - prev - 1);
			prev = pos;
		}
		if (t->stream.err)
			return NS_ERR_NOMEM;
		inv->stream_bytes += t->stream.cap - before;
		t->prev_plus1 = inv->docid + 1;
		t->df++;
		i = j;
	}
	inv->n_occ = 0;
	return NS_OK;
}

static int cmp_terms(const void *a, const void *b)
{
	const struct term *x = *(const struct term *const *)a, *y = *(const struct term *const *)b;
	uint32_t m = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->bytes, y->bytes, m);

	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

int ns_invert_drain(struct ns_invert *inv, ns_invert_term_fn fn, void *ctx)
{
	struct term **order = malloc(((size_t)inv->n_terms + 1) * sizeof(*order));
	uint32_t n = 0;
	int rc = NS_OK;

	if (!order) {
		clear_terms(inv);
		return NS_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < inv->n_terms; i++)
		order[n++] = &inv->terms[i];
	qsort(order, n, sizeof(*order), cmp_terms);
	for (uint32_t i = 0; i < n && rc == NS_OK; i++)
		rc = fn(ctx, order[i]->bytes, order[i]->len, order[i]->df, order[i]->stream.data,
			order[i]->stream.len);
	free(order);
	clear_terms(inv);
	return rc;
}

void ns_stream_reader_init(struct ns_stream_reader *r, const uint8_t *p, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->p = p;
	r->end = p + len;
}

int ns_stream_reader_next(struct ns_stream_reader *r)
{
	uint32_t gap, tf, v;
	uint64_t pos;

	if (r->p == r->end)
		return NS_DONE;
	if (ns_varint_get32(&r->p, r->end, &gap) || ns_varint_get32(&r->p, r->end, &tf) || tf == 0 ||
	    (uint64_t)r->prev_plus1 + gap >= UINT32_MAX || tf > (size_t)(r->end - r->p))
		return NS_ERR_CORRUPT;
	if (tf > r->pos_cap) {
		size_t cap = r->pos_cap ? r->pos_cap : 64;
		uint32_t *np;
		while (cap < tf)
			cap *= 2;
		np = realloc(r->pos, cap * sizeof(*np));
		if (!np)
			return NS_ERR_NOMEM;
		r->pos = np;
		r->pos_cap = cap;
	}
	pos = 0;
	for (uint32_t i = 0; i < tf; i++) {
		if (ns_varint_get32(&r->p, r->end, &v))
			return NS_ERR_CORRUPT;
		pos = i == 0 ? v : pos + v + 1;
		if (pos >= UINT32_MAX)
			return NS_ERR_CORRUPT;
		r->pos[i] = (uint32_t)pos;
	}
	r->docid = r->prev_plus1 + gap;
	r->prev_plus1 = r->docid + 1;
	r->tf = tf;
	return NS_OK;
}

void ns_stream_reader_release(struct ns_stream_reader *r)
{
	free(r->pos);
	r->pos = NULL;
	r->pos_cap = 0;
}
