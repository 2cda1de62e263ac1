/* SPDX-License-Identifier: MIT */
/* idmap.c -- the ids indexed by this run (idmap.h). */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

uint64_t ns_idmap_key(uint64_t id_hash)
{
	return id_hash ? id_hash : 1;
}

/* Linear probing from the key's home slot. */
static uint32_t *find(struct ns_idmap *m, const struct ns_segw *w, uint64_t key)
{
	size_t i;

	for (i = key & (m->cap - 1); m->slot[i]; i = (i + 1) & (m->cap - 1))
		if (ns_idmap_key(ns_segw_id_hash(w, m->slot[i] - 1)) == key)
			return &m->slot[i];
	return &m->slot[i];
}

static int grow(struct ns_idmap *m, const struct ns_segw *w)
{
	size_t cap = m->cap ? m->cap * 2 : 4096, old_cap = m->cap;
	uint32_t *slot = calloc(cap, sizeof(*slot)), *old = m->slot;

	if (!slot)
		return NS_ERR_NOMEM;
	m->slot = slot;
	m->cap = cap;
	for (size_t k = 0; k < old_cap; k++)
		if (old[k])
			*find(m, w, ns_idmap_key(ns_segw_id_hash(w, old[k] - 1))) = old[k];
	free(old);
	return NS_OK;
}

uint32_t *ns_idmap_slot(struct ns_idmap *m, const struct ns_segw *w, uint64_t key)
{
	if (4 * (m->n + 1) > 3 * m->cap && grow(m, w) != NS_OK)
		return NULL;
	return find(m, w, key);
}

size_t ns_idmap_bytes(const struct ns_idmap *m)
{
	return m->cap * sizeof(*m->slot);
}

void ns_idmap_release(struct ns_idmap *m)
{
	free(m->slot);
	memset(m, 0, sizeof(*m));
}
