/* SPDX-License-Identifier: MIT */
/* formcount.c -- an open-addressing hash table of word forms (see
 * formcount.h).  The forms' bytes live in one arena, the slots hold an
 * offset into it, so the table is a few words per distinct form.  Both are
 * in scratch files (diskarr.h): names, misspellings and scraps make
 * millions of distinct forms at ten million articles, 50-100 bytes each. */
#include "formcount.h"

#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "diskarr.h"
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
	char *dir;		/* where the scratch files are made */
	struct ns_diskarr slots_tab;
	struct slot *slots;	/* cap of them (in slots_tab); hash 0: empty */
	size_t cap, n;
	struct ns_diskarr arena_tab;	/* the forms' bytes */
	uint8_t *arena;		/* arena_len of them used */
	size_t arena_len;
};

/* The analyzer's word hash, so the indexer's walk over an article can
 * hand it over and fetch a form's slot a few words ahead (the slot's
 * first load was most of this table's cost); 0 marks an empty slot. */
static uint32_t slot_hash(uint32_t word_hash)
{
	return word_hash | 1;
}

static uint32_t hash_form(const char *p, size_t n)
{
	return slot_hash(ns_word_hash(p, n));
}

int ns_formcount_new(const char *dir, struct ns_formcount **out)
{
	struct ns_formcount *fc = calloc(1, sizeof(*fc));
	int rc;

	*out = NULL;
	if (!fc || !(fc->dir = strdup(dir))) {
		free(fc);
		return NS_ERR_NOMEM;
	}
	ns_diskarr_init(&fc->slots_tab, fc->dir, sizeof(struct slot));
	ns_diskarr_init(&fc->arena_tab, fc->dir, 1);
	fc->cap = 1024;
	rc = ns_diskarr_reserve(&fc->slots_tab, fc->cap);
	if (rc != NS_OK) {
		ns_formcount_free(fc);
		return rc;
	}
	fc->slots = ns_diskarr_at(&fc->slots_tab, 0);
	*out = fc;
	return NS_OK;
}

void ns_formcount_free(struct ns_formcount *fc)
{
	if (!fc)
		return;
	ns_diskarr_release(&fc->slots_tab);
	ns_diskarr_release(&fc->arena_tab);
	free(fc->dir);
	free(fc);
}

/* Doubles the slots: a new table (a new file reads as zeros). */
static int grow(struct ns_formcount *fc)
{
	size_t cap = fc->cap * 2;
	struct ns_diskarr tab;
	struct slot *s;
	int rc;

	ns_diskarr_init(&tab, fc->dir, sizeof(struct slot));
	rc = ns_diskarr_reserve(&tab, cap);
	if (rc != NS_OK) {
		ns_diskarr_release(&tab);
		return rc;
	}
	s = ns_diskarr_at(&tab, 0);
	for (size_t i = 0; i < fc->cap; i++) {
		size_t j;
		if (!fc->slots[i].hash)
			continue;
		for (j = fc->slots[i].hash & (cap - 1); s[j].hash; j = (j + 1) & (cap - 1))
			;
		s[j] = fc->slots[i];
	}
	ns_diskarr_release(&fc->slots_tab);
	fc->slots_tab = tab;
	fc->slots = s;
	fc->cap = cap;
	return NS_OK;
}

/* The slot of form (new when absent), or NULL when out of memory. */
static struct slot *find_hashed(struct ns_formcount *fc, const char *form, size_t len,
				uint32_t h)
{
	size_t j;

	if (2 * (fc->n + 1) > fc->cap && grow(fc) != NS_OK)
		return NULL;
	for (j = h & (fc->cap - 1); fc->slots[j].hash; j = (j + 1) & (fc->cap - 1)) {
		const uint8_t *a = fc->arena + fc->slots[j].off;
		if (fc->slots[j].hash == h && a[0] == len && memcmp(a + 1, form, len) == 0)
			return &fc->slots[j];
	}
	if (fc->arena_len + len + 1 > UINT32_MAX)
		return NULL;
	if (fc->arena_len + len + 1 > fc->arena_tab.cap) {
		if (ns_diskarr_reserve(&fc->arena_tab, fc->arena_len + len + 1) != NS_OK)
			return NULL;
		fc->arena = ns_diskarr_at(&fc->arena_tab, 0);
	}
	fc->slots[j].hash = h;
	fc->slots[j].off = (uint32_t)fc->arena_len;
	fc->arena[fc->arena_len] = (uint8_t)len;
	memcpy(fc->arena + fc->arena_len + 1, form, len);
	fc->arena_len += len + 1;
	fc->n++;
	return &fc->slots[j];
}

static struct slot *find(struct ns_formcount *fc, const char *form, size_t len)
{
	return find_hashed(fc, form, len, hash_form(form, len));
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

void ns_formcount_prefetch(void *fc_, uint32_t word_hash)
{
	const struct ns_formcount *fc = fc_;

	__builtin_prefetch(&fc->slots[slot_hash(word_hash) & (fc->cap - 1)]);
}

int ns_formcount_add(struct ns_formcount *fc, const char *form, size_t len, uint32_t docid)
{
	return ns_formcount_add_hashed(fc, form, len, ns_word_hash(form, len), docid);
}

int ns_formcount_add_hashed(struct ns_formcount *fc, const char *form, size_t len,
			    uint32_t word_hash, uint32_t docid)
{
	struct slot *s;

	if (!keep(form, len))
		return NS_OK;
	s = find_hashed(fc, form, len, slot_hash(word_hash));
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
		a = src->arena + e->off;
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
	(void)fc;
	return 0;	/* all in scratch files */
}

static int by_form(const uint8_t *arena, const struct slot *x, const struct slot *y)
{
	const uint8_t *a = arena + x->off, *b = arena + y->off;

	return ns_fmt_term_cmp((const char *)a + 1, a[0], (const char *)b + 1, b[0]);
}

static void swap_slots(struct slot *a, struct slot *b)
{
	struct slot t = *a;

	*a = *b;
	*b = t;
}

/* Sorts v[0..n) by form in place (the forms are distinct): the table is
 * in a scratch file, which qsort would copy to the heap.  Quicksort on the
 * middle element, the smaller side first, insertion sort below 16. */
static void sort_forms(const uint8_t *arena, struct slot *v, size_t n)
{
	while (n > 16) {
		struct slot pivot = v[n / 2];
		size_t i = 0, j = n - 1;

		for (;;) {
			while (by_form(arena, &v[i], &pivot) < 0)
				i++;
			while (by_form(arena, &v[j], &pivot) > 0)
				j--;
			if (i >= j)
				break;
			swap_slots(&v[i++], &v[j--]);
		}
		if (j + 1 < n - j - 1) {
			sort_forms(arena, v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_forms(arena, v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && by_form(arena, &v[k - 1], &v[k]) > 0; k--)
			swap_slots(&v[k - 1], &v[k]);
}

int ns_formcount_write(const struct ns_formcount *fc, const char *dir, uint32_t seg_id,
		       uint32_t n_docs)
{
	struct ns_diskarr order_tab;
	struct slot *order;
	struct ns_wfw *w = NULL;
	size_t k = 0;
	int rc;

	ns_diskarr_init(&order_tab, fc->dir, sizeof(struct slot));
	rc = ns_diskarr_reserve(&order_tab, fc->n + 1);
	if (rc != NS_OK) {
		ns_diskarr_release(&order_tab);
		return rc;
	}
	order = ns_diskarr_at(&order_tab, 0);
	for (size_t i = 0; i < fc->cap; i++)
		if (fc->slots[i].hash)
			order[k++] = fc->slots[i];
	sort_forms(fc->arena, order, k);
	rc = ns_wfw_open(dir, seg_id, &w);
	for (size_t i = 0; i < k && rc == NS_OK; i++) {
		const uint8_t *a = fc->arena + order[i].off;
		rc = ns_wfw_add(w, (const char *)a + 1, a[0], order[i].cf, order[i].df);
	}
	if (rc == NS_OK)
		rc = ns_wfw_finish(w, n_docs);
	else
		ns_wfw_abort(w);
	ns_diskarr_release(&order_tab);
	return rc;
}
