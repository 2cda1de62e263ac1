/* SPDX-License-Identifier: MIT */
/* invert.c -- in-memory inversion (see invert.h).
 *
 * Terms live in a dense array indexed by an open-addressing hash table;
 * their bytes in an arena of chunks that never move.  A document's
 * occurrences are chained per term as they come (positions arrive in
 * increasing order), and the terms the document touched are listed, so at
 * its end each term's stream gets one append, without sorting anything: a
 * qsort of (term, position) keys per document was a fifth of the indexer's
 * time.
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
	/* this document's occurrences: a chain through ns_invert.occ */
	uint32_t stamp;		/* ns_invert.stamp when the chain is current */
	uint32_t head, tail;	/* first and last occurrence */
	uint32_t n_occ;		/* occurrences in the chain */
	int unsorted;		/* a position came out of order */
};

struct occ {
	uint32_t pos;
	uint32_t next;		/* next occurrence of the term, or UINT32_MAX */
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
	struct occ *occ;	/* this document's occurrences */
	size_t n_occ;
	size_t occ_cap;
	uint32_t *touched;	/* terms of this document, first seen first */
	size_t n_touched;
	size_t touched_cap;
	uint32_t *scratch;	/* one term's positions */
	size_t scratch_cap;
	uint32_t stamp;		/* of the current document (never 0) */
	uint32_t epoch;		/* of the term numbers (never 0) */
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
	inv->stamp = 1;
	inv->epoch = 1;
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
	if (++inv->epoch == 0)
		inv->epoch = 1;
}

void ns_invert_prefetch_tag(void *inv_, uint64_t tag)
{
	const struct ns_invert *inv = inv_;
	uint32_t id = (uint32_t)tag;

	if (tag >> 32 == inv->epoch && id < inv->n_terms)
		__builtin_prefetch(&inv->terms[id], 1);
}

uint32_t ns_invert_epoch(const struct ns_invert *inv)
{
	return inv->epoch;
}

void ns_invert_free(struct ns_invert *inv)
{
	if (!inv)
		return;
	clear_terms(inv);
	free(inv->terms);
	free(inv->table);
	free(inv->occ);
	free(inv->touched);
	free(inv->scratch);
	free(inv);
}

size_t ns_invert_mem(const struct ns_invert *inv)
{
	return sizeof(*inv) + (size_t)inv->n_slots * sizeof(uint32_t) +
	       (size_t)inv->terms_cap * sizeof(struct term) + inv->arena_bytes +
	       inv->stream_bytes + (size_t)inv->n_terms * MALLOC_OVERHEAD +
	       inv->occ_cap * sizeof(*inv->occ) + inv->touched_cap * sizeof(uint32_t) +
	       inv->scratch_cap * sizeof(uint32_t);
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
	t->stamp = 0;
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
	inv->n_touched = 0;
	if (++inv->stamp == 0) {
		/* wrapped after 2^32 documents: no chain may look current */
		for (uint32_t i = 0; i < inv->n_terms; i++)
			inv->terms[i].stamp = 0;
		inv->stamp = 1;
	}
	return NS_OK;
}

int ns_invert_add(struct ns_invert *inv, const char *term, size_t len, uint32_t pos)
{
	uint32_t id;

	return ns_invert_add_term(inv, term, len, pos, &id);
}

int ns_invert_add_term(struct ns_invert *inv, const char *term, size_t len, uint32_t pos,
		       uint32_t *id_out)
{
	long id = find_or_add(inv, term, len);

	if (id < 0)
		return NS_ERR_NOMEM;
	*id_out = (uint32_t)id;
	return ns_invert_add_id(inv, (uint32_t)id, pos);
}

int ns_invert_add_id(struct ns_invert *inv, uint32_t id, uint32_t pos)
{
	struct term *t;
	uint32_t o;

	if (id >= inv->n_terms)
		return NS_ERR_USAGE;
	if (inv->n_occ == inv->occ_cap || inv->n_occ >= UINT32_MAX - 1) {
		size_t cap = inv->occ_cap ? inv->occ_cap * 2 : 4096;
		struct occ *p;
		if (inv->n_occ >= UINT32_MAX - 1)
			return NS_ERR_LIMIT;
		p = realloc(inv->occ, cap * sizeof(*p));
		if (!p)
			return NS_ERR_NOMEM;
		inv->occ = p;
		inv->occ_cap = cap;
	}
	t = &inv->terms[id];
	o = (uint32_t)inv->n_occ++;
	inv->occ[o].pos = pos;
	inv->occ[o].next = UINT32_MAX;
	if (t->stamp != inv->stamp) {
		if (inv->n_touched == inv->touched_cap) {
			size_t cap = inv->touched_cap ? inv->touched_cap * 2 : 1024;
			uint32_t *p = realloc(inv->touched, cap * sizeof(*p));
			if (!p) {
				inv->n_occ--;
				return NS_ERR_NOMEM;
			}
			inv->touched = p;
			inv->touched_cap = cap;
		}
		inv->touched[inv->n_touched++] = id;
		t->stamp = inv->stamp;
		t->head = t->tail = o;
		t->n_occ = 1;
		t->unsorted = 0;
		return NS_OK;
	}
	if (pos <= inv->occ[t->tail].pos)
		t->unsorted = 1;
	inv->occ[t->tail].next = o;
	t->tail = o;
	t->n_occ++;
	return NS_OK;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Appends v as a LEB128 varint at p; returns the byte after it. */
static inline uint8_t *put_varint32(uint8_t *p, uint32_t v)
{
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	return p;
}

/* How far ahead ns_invert_doc_end() fetches the terms it will append to
 * (a random line each) and, half as far, the ends of their streams. */
#define END_AHEAD 8

int ns_invert_doc_end(struct ns_invert *inv)
{
	for (size_t k = 0; k < inv->n_touched; k++) {
		struct term *t = &inv->terms[inv->touched[k]];
		size_t before = t->stream.cap, n = 0;
		uint32_t prev = 0;
		uint8_t *p;

		if (k + END_AHEAD < inv->n_touched)
			__builtin_prefetch(&inv->terms[inv->touched[k + END_AHEAD]]);
		if (k + END_AHEAD / 2 < inv->n_touched) {
			const struct ns_buf *b = &inv->terms[inv->touched[k + END_AHEAD / 2]].stream;
			if (b->data)
				__builtin_prefetch(b->data + b->len, 1);
		}

		if (t->n_occ > inv->scratch_cap) {
			size_t cap = inv->scratch_cap ? inv->scratch_cap : 256;
			uint32_t *s;
			while (cap < t->n_occ)
				cap *= 2;
			s = realloc(inv->scratch, cap * sizeof(*s));
			if (!s)
				return NS_ERR_NOMEM;
			inv->scratch = s;
			inv->scratch_cap = cap;
		}
		for (uint32_t o = t->head; o != UINT32_MAX; o = inv->occ[o].next)
			inv->scratch[n++] = inv->occ[o].pos;
		if (t->unsorted) {
			/* Positions out of order (field terms after the body):
			 * sort them, and a position given twice counts once. */
			size_t m = 0;
			qsort(inv->scratch, n, sizeof(*inv->scratch), cmp_u32);
			for (size_t i = 0; i < n; i++)
				if (m == 0 || inv->scratch[i] != inv->scratch[m - 1])
					inv->scratch[m++] = inv->scratch[i];
			n = m;
		}
		/* gap, tf and the positions: at most 5 bytes each */
		if (ns_buf_reserve(&t->stream, 5 * (n + 2)) != NS_OK)
			return NS_ERR_NOMEM;
		p = t->stream.data + t->stream.len;
		p = put_varint32(p, inv->docid - t->prev_plus1);
		p = put_varint32(p, (uint32_t)n);
		for (size_t i = 0; i < n; i++) {
			uint32_t pos = inv->scratch[i];
			p = put_varint32(p, i == 0 ? pos : pos - prev - 1);
			prev = pos;
		}
		t->stream.len = (size_t)(p - t->stream.data);
		inv->stream_bytes += t->stream.cap - before;
		t->prev_plus1 = inv->docid + 1;
		t->df++;
		t->stamp = 0;
	}
	inv->n_occ = 0;
	inv->n_touched = 0;
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

int ns_invert_sorted(struct ns_invert *inv, struct ns_invert_term **out, uint32_t *n_out)
{
	struct term **order = malloc(((size_t)inv->n_terms + 1) * sizeof(*order));
	struct ns_invert_term *v = malloc(((size_t)inv->n_terms + 1) * sizeof(*v));

	*out = NULL;
	*n_out = 0;
	if (!order || !v) {
		free(order);
		free(v);
		return NS_ERR_NOMEM;
	}
	for (uint32_t i = 0; i < inv->n_terms; i++)
		order[i] = &inv->terms[i];
	qsort(order, inv->n_terms, sizeof(*order), cmp_terms);
	for (uint32_t i = 0; i < inv->n_terms; i++) {
		v[i].term = order[i]->bytes;
		v[i].len = order[i]->len;
		v[i].df = order[i]->df;
		v[i].stream = order[i]->stream.data;
		v[i].stream_len = order[i]->stream.len;
	}
	free(order);
	*out = v;
	*n_out = inv->n_terms;
	return NS_OK;
}

void ns_invert_clear(struct ns_invert *inv)
{
	clear_terms(inv);
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
