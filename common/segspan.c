/* SPDX-License-Identifier: MIT */
/* segspan.c -- the verified spans of a segment's postings (segr_int.h).
 *
 * A multi-block term's skip table and blocks carry their own CRCs, checked
 * when first read.  The spans that passed are remembered in a small hash
 * set keyed by (offset, length), so that repeated queries in one process do
 * not pay for the same check again (dictionary blocks and one-block terms
 * have their flags in tblock_ok).  The set stops growing at SEEN_MAX slots;
 * beyond that, spans are simply checked every time.
 */
#include <stdlib.h>

#include "segr_int.h"

#define SEEN_MIN 1024u
#define SEEN_MAX (1u << 20)

static uint64_t seen_slot(uint64_t key, uint32_t mask)
{
	return (key * 0x9E3779B97F4A7C15ull) >> 40 & mask;
}

static int seen_has(const struct ns_segr *s, uint64_t key)
{
	if (!s->seen)
		return 0;
	for (uint64_t i = seen_slot(key, s->seen_mask);; i = (i + 1) & s->seen_mask) {
		if (s->seen[i] == key)
			return 1;
		if (s->seen[i] == 0)
			return 0;
	}
}

static void seen_add(struct ns_segr *s, uint64_t key)
{
	uint64_t i;

	if (!s->seen || (s->seen_n + 1) * 2 > s->seen_mask + 1) {
		/* grow to keep the load under one half (or stop growing) */
		uint32_t slots = s->seen ? (s->seen_mask + 1) * 2 : SEEN_MIN;
		uint64_t *t;
		if (slots > SEEN_MAX || !(t = calloc(slots, sizeof(*t))))
			return;
		for (uint32_t k = 0; s->seen && k <= s->seen_mask; k++) {
			if (!s->seen[k])
				continue;
			for (i = seen_slot(s->seen[k], slots - 1); t[i]; i = (i + 1) & (slots - 1))
				;
			t[i] = s->seen[k];
		}
		free(s->seen);
		s->seen = t;
		s->seen_mask = slots - 1;
	}
	for (i = seen_slot(key, s->seen_mask); s->seen[i]; i = (i + 1) & s->seen_mask)
		;
	s->seen[i] = key;
	s->seen_n++;
}

/* Checked once, then remembered. */
int ns_segr_span_ok(struct ns_segr *s, const uint8_t *at, size_t len, uint32_t want)
{
	uint64_t off = (uint64_t)(at - s->nsp.data);
	/* key: offset and length, never 0; spans of 16 MiB or more (rare, and
	 * checked every time) do not fit the key */
	uint64_t key = (off + 1) << 24 | len;

	if (len < (1u << 24) && seen_has(s, key))
		return 1;
	if (ns_crc32(at, len) != want)
		return 0;
	if (len < (1u << 24) && off < (1ull << 39))
		seen_add(s, key);
	return 1;
}

void ns_segr_span_release(struct ns_segr *s)
{
	free(s->seen);
	s->seen = NULL;
	s->seen_mask = 0;
	s->seen_n = 0;
}
