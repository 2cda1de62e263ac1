/* SPDX-License-Identifier: MIT */
/* formcount.c -- an open-addressing hash table of word forms (see
 * formcount.h).  The forms' bytes live in one arena, the slots hold an
 * offset into it, so the table is a few words per distinct form. */
#include "formcount.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "format.h"
#include "wordforms_write.h"

struct slot {
	uint32_t hash;
	uint32_t off;		/* into the arena; len byte first */
	uint32_t last_plus1;	/* last docid counted + 1 (0: none) */
	uint32_t df;
	uint64_t cf;
};

struct ns_formcount {
	struct slot *slots;	/* cap of them; off == UINT32_MAX: empty */
	size_t cap, n;
	struct ns_buf arena;
};

static uint32_t hash_form(const char *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)p[i]) * 0x100000001b3ull;
	h ^= h >> 29;
	return (uint32_t)h | 1;
}

int ns_formcount_new(struct ns_formcount **out)
{
	struct ns_formcount *fc = calloc(1, sizeof(*fc));

	*out = NULL;
	if (!fc)
		return NS_ERR_NOMEM;
	fc->cap = 1024;
	fc->slots = calloc(fc->cap, sizeof(*fc->slots));
	if (!fc->slots) {
		free(fc);
		return NS_ERR_NOMEM;
	}
	ns_buf_init(&fc->arena);
	*out = fc;
	return NS_OK;
}

void ns_formcount_free(struct ns_formcount *fc)
{
	if (!fc)
		return;
	free(fc->slots);
	ns_buf_release(&fc->arena);
	free(fc);
}

static int grow(struct ns_formcount *fc)
{
	size_t cap = fc->cap * 2;
	struct slot *s = calloc(cap, sizeof(*s));

	if (!s)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < fc->cap; i++) {
		size_t j;
		if (!fc->slots[i].hash)
			continue;
		for (j = fc->slots[i].hash & (cap - 1); s[j].hash; j = (j + 1) & (cap - 1))
			;
		s[j] = fc->slots[i];
	}
	free(fc->slots);
	fc->slots = s;
	fc->cap = cap;
	return NS_OK;
}

/* The slot of form (new when absent), or NULL when out of memory. */
static struct slot *find(struct ns_formcount *fc, const char *form, size_t len)
{
	uint32_t h = hash_form(form, len);
	size_t j;

	if (2 * (fc->n + 1) > fc->cap && grow(fc) != NS_OK)
		return NULL;
	for (j = h & (fc->cap - 1); fc->slots[j].hash; j = (j + 1) & (fc->cap - 1)) {
		const uint8_t *a = fc->arena.data + fc->slots[j].off;
		if (fc->slots[j].hash == h && a[0] == len && memcmp(a + 1, form, len) == 0)
			return &fc->slots[j];
	}
	if (fc->arena.len + len + 1 > UINT32_MAX)
		return NULL;
	fc->slots[j].hash = h;
	fc->slots[j].off = (uint32_t)fc->arena.len;
	ns_buf_putc(&fc->arena, (uint8_t)len);
	ns_buf_append(&fc->arena, form, len);
	if (fc->arena.err) {
		fc->slots[j].hash = 0;
		return NULL;
	}
	fc->n++;
	return &fc->slots[j];
}

/* Whether a form is kept (format.h: no digits, not too long). */
static int keep(const char *form, size_t len)
{
	if (len == 0 || len > NS_FMT_MAX_FORM_LEN)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (form[i] >= '0' && form[i] <= '9')
			return 0;
	return 1;
}

int ns_formcount_add(struct ns_formcount *fc, const char *form, size_t len, uint32_t docid)
{
	struct slot *s;

	if (!keep(form, len))
		return NS_OK;
	s = find(fc, form, len);
	if (!s)
		return NS_ERR_NOMEM;
	s->cf++;
	if (s->last_plus1 != docid + 1) {
		s->df++;
		s->last_plus1 = docid + 1;
	}
	return NS_OK;
}

int ns_formcount_absorb(struct ns_formcount *dst, const struct ns_formcount *src)
{
	for (size_t i = 0; i < src->cap; i++) {
		const struct slot *e = &src->slots[i];
		const uint8_t *a;
		struct slot *s;
		if (!e->hash)
			continue;
		a = src->arena.data + e->off;
		s = find(dst, (const char *)a + 1, a[0]);
		if (!s)
			return NS_ERR_NOMEM;
		s->cf += e->cf;
		s->df += e->df;
	}
	return NS_OK;
}

size_t ns_formcount_n(const struct ns_formcount *fc)
{
	return fc->n;
}

size_t ns_formcount_mem(const struct ns_formcount *fc)
{
	return fc->cap * sizeof(*fc->slots) + fc->arena.cap;
}

static const uint8_t *sort_arena;	/* for by_form (qsort has no context) */

static int by_form(const void *x, const void *y)
{
	const uint8_t *a = sort_arena + ((const struct slot *)x)->off;
	const uint8_t *b = sort_arena + ((const struct slot *)y)->off;

	return ns_fmt_term_cmp((const char *)a + 1, a[0], (const char *)b + 1, b[0]);
}

int ns_formcount_write(const struct ns_formcount *fc, const char *dir, uint32_t seg_id,
		       uint32_t n_docs)
{
	struct slot *order = malloc((fc->n + 1) * sizeof(*order));
	struct ns_wfw *w = NULL;
	size_t k = 0;
	int rc;

	if (!order)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < fc->cap; i++)
		if (fc->slots[i].hash)
			order[k++] = fc->slots[i];
	sort_arena = fc->arena.data;
	qsort(order, k, sizeof(*order), by_form);
	rc = ns_wfw_open(dir, seg_id, &w);
	for (size_t i = 0; i < k && rc == NS_OK; i++) {
		const uint8_t *a = fc->arena.data + order[i].off;
		rc = ns_wfw_add(w, (const char *)a + 1, a[0], order[i].cf, order[i].df);
	}
	if (rc == NS_OK)
		rc = ns_wfw_finish(w, n_docs);
	else
		ns_wfw_abort(w);
	free(order);
	return rc;
}
