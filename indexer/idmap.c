/* SPDX-License-Identifier: MIT */
/* idmap.c -- the ids indexed by this run (idmap.h). */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

void ns_idmap_init(struct ns_idmap *m, const char *dir)
{
	memset(m, 0, sizeof(*m));
	ns_diskarr_init(&m->tab, dir, sizeof(uint32_t));
}

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

/* Doubles the slots: a new table (new files read as zeros), filled from
 * the old one. */
static int grow(struct ns_idmap *m, const struct ns_segw *w)
{
	size_t cap = m->cap ? m->cap * 2 : 4096, old_cap = m->cap;
	struct ns_diskarr old_tab = m->tab;
	uint32_t *old = m->slot;
	int rc;

	ns_diskarr_init(&m->tab, old_tab.dir, sizeof(uint32_t));
	rc = ns_diskarr_reserve(&m->tab, cap);
	if (rc != NS_OK) {
		ns_diskarr_release(&m->tab);
		m->tab = old_tab;
		return rc;
	}
	m->slot = ns_diskarr_at(&m->tab, 0);
	m->cap = cap;
	for (size_t k = 0; k < old_cap; k++)
		if (old[k])
			*find(m, w, ns_idmap_key(ns_segw_id_hash(w, old[k] - 1))) = old[k];
	ns_diskarr_release(&old_tab);
	return NS_OK;
}

int ns_idmap_slot(struct ns_idmap *m, const struct ns_segw *w, uint64_t key, uint32_t **slot)
{
	int rc;

	*slot = NULL;
	if (4 * (m->n + 1) > 3 * m->cap && (rc = grow(m, w)) != NS_OK)
		return rc;
	*slot = find(m, w, key);
	return NS_OK;
}

void ns_idmap_release(struct ns_idmap *m)
{
	const char *dir = m->tab.dir;

	ns_diskarr_release(&m->tab);
	ns_idmap_init(m, dir);
}
