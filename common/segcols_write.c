/* SPDX-License-Identifier: MIT */
/* segcols_write.c -- the .nsd's columns (format.h): each document's day
 * and source number, and the segment's source table, so that counting
 * matches by date or source reads 4 bytes per match (segcols.h).
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "format.h"
#include "segw_int.h"

static uint32_t hash_bytes(const char *s, size_t len)
{
	return (uint32_t)(ns_fmt_id_hash(s, len) >> 17);
}

/* Doubles the hash table (or makes the first one). */
static int grow_slots(struct segw_sources *t)
{
	uint32_t cap = t->mask ? (t->mask + 1) * 2 : 64, *slot;

	if (cap == 0)
		return NS_ERR_LIMIT;
	slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < t->n; i++) {
		uint32_t h = hash_bytes((const char *)t->bytes.data + t->off[i],
					t->off[i + 1] - t->off[i]);
		while (slot[h & (cap - 1)])
			h++;
		slot[h & (cap - 1)] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->mask = cap - 1;
	return NS_OK;
}

static int source_number(struct ns_segw *w, const char *s, size_t len, uint32_t *num)
{
	struct segw_sources *t = &w->srcs;
	uint32_t h;
	int rc;

	if ((uint64_t)(t->n + 1) * 2 > (uint64_t)t->mask + 1 && (rc = grow_slots(t)) != NS_OK)
		return rc;
	for (h = hash_bytes(s, len);; h++) {
		uint32_t k = t->slot[h & t->mask];
		if (!k)
			break;
		if (t->off[k] - t->off[k - 1] == len &&
		    (len == 0 || memcmp(t->bytes.data + t->off[k - 1], s, len) == 0)) {
			*num = k - 1;
			return NS_OK;
		}
	}
	if (t->bytes.len + len >= UINT32_MAX || t->n == UINT32_MAX - 1)
		return NS_ERR_LIMIT;
	if (t->n + 2 > t->off_cap) {
		uint32_t cap = t->off_cap ? t->off_cap * 2 : 64;
		uint32_t *off = realloc(t->off, (size_t)cap * sizeof(*off));
		if (!off)
			return NS_ERR_NOMEM;
		t->off = off;
		t->off_cap = cap;
		if (t->n == 0)
			t->off[0] = 0;
	}
	if (len)
		ns_buf_append(&t->bytes, s, len);
	if (t->bytes.err)
		return NS_ERR_NOMEM;
	t->off[t->n + 1] = (uint32_t)t->bytes.len;
	t->slot[h & t->mask] = ++t->n;
	*num = t->n - 1;
	return NS_OK;
}

int ns_segw_add_source(struct ns_segw *w, const char *s, size_t len)
{
	struct segw_sources *t = &w->srcs;
	uint32_t num;
	int rc = source_number(w, s, len, &num);

	if (rc != NS_OK)
		return rc;
	if (t->n_runs && t->run_src[t->n_runs - 1] == num) {
		t->run_end[t->n_runs - 1] = w->n_docs + 1;
		return NS_OK;
	}
	if (t->n_runs == t->runs_cap) {
		size_t cap = t->runs_cap ? t->runs_cap * 2 : 16;
		uint32_t *src = realloc(t->run_src, cap * sizeof(*src)), *end;
		if (!src)
			return NS_ERR_NOMEM;
		t->run_src = src;
		end = realloc(t->run_end, cap * sizeof(*end));
		if (!end)
			return NS_ERR_NOMEM;
		t->run_end = end;
		t->runs_cap = cap;
	}
	t->run_src[t->n_runs] = num;
	t->run_end[t->n_runs++] = w->n_docs + 1;
	return NS_OK;
}

uint64_t ns_segw_sources_mem(const struct ns_segw *w)
{
	const struct segw_sources *t = &w->srcs;

	return t->bytes.cap + (uint64_t)t->off_cap * 4 + ((uint64_t)t->mask + 1) * 4 +
	       (uint64_t)t->runs_cap * 8;
}

void ns_segw_sources_release(struct ns_segw *w)
{
	free(w->srcs.run_src);
	free(w->srcs.run_end);
	ns_buf_release(&w->srcs.bytes);
	free(w->srcs.off);
	free(w->srcs.slot);
	memset(&w->srcs, 0, sizeof(w->srcs));
}

/* The day of a date key (format.h: days since the epoch, rounded down). */
static uint32_t day_of(int64_t date_key)
{
	int64_t day;

	if (date_key == NS_DATE_NONE)
		return NS_FMT_DAY_NONE;
	day = date_key / 86400 - (date_key % 86400 < 0);
	if (day <= INT32_MIN || day > INT32_MAX)
		return NS_FMT_DAY_NONE;	/* never for years 1..9999 */
	return (uint32_t)day;
}

static void fill_day(const void *ctx, uint32_t d, uint8_t *e)
{
	const struct doc_entry *docs = ctx;

	ns_put_u32(e, day_of(docs[d].date_key));
}

/* The runs, read in docid order (ns_segw_write_chunked fills the
 * entries in order). */
struct run_cursor {
	const struct segw_sources *t;
	size_t r;
};

static void fill_source(const void *ctx, uint32_t d, uint8_t *e)
{
	struct run_cursor *c = (struct run_cursor *)(uintptr_t)ctx;

	while (c->r < c->t->n_runs && c->t->run_end[c->r] <= d)
		c->r++;
	ns_put_u32(e, c->r < c->t->n_runs ? c->t->run_src[c->r] : 0);
}

void ns_segw_write_columns(struct ns_segw *w)
{
	struct segw_sources *t = &w->srcs;
	struct run_cursor runs = { t, 0 };
	uint32_t zero = 0, crc;
	uint8_t head[8], *offs;

	if (w->err)
		return;
	if (ns_segw_write_chunked(&w->nsd, w->n_docs, NS_FMT_COL_ENTRY_LEN, NS_FMT_COL_CHUNK,
				  fill_day, w->docs) != NS_OK ||
	    ns_segw_write_chunked(&w->nsd, w->n_docs, NS_FMT_COL_ENTRY_LEN, NS_FMT_COL_CHUNK,
				  fill_source, &runs) != NS_OK) {
		ns_segw_fail(w, NS_ERR_NOMEM);
		return;
	}
	offs = malloc(((size_t)t->n + 1) * 4);
	if (!offs) {
		ns_segw_fail(w, NS_ERR_NOMEM);
		return;
	}
	for (uint32_t i = 0; i <= t->n; i++)
		ns_put_u32(offs + 4 * (size_t)i, t->n ? t->off[i] : zero);
	crc = ns_crc32(offs, ((size_t)t->n + 1) * 4);
	if (t->bytes.len)
		crc = ns_crc32_update(crc, t->bytes.data, t->bytes.len);
	ns_put_u32(head, t->n);
	ns_put_u32(head + 4, crc);
	ns_wfile_write(&w->nsd, head, sizeof(head));
	ns_wfile_write(&w->nsd, offs, ((size_t)t->n + 1) * 4);
	if (t->bytes.len)
		ns_wfile_write(&w->nsd, t->bytes.data, t->bytes.len);
	free(offs);
	if (w->nsd.err)
		ns_segw_fail(w, w->nsd.err);
}
