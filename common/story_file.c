/* SPDX-License-Identifier: MIT */
/* story_file.c -- read and write the story map (story_file.h, format.h). */
#include "story_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"
#include "story_sig.h"
#include "varint.h"

#define HEAD (NS_FMT_HEADER_LEN + 6 * 4 + 4)
#define CHUNK NS_FMT_STORY_CHUNK

#define GROUP NS_FMT_STORY_GROUP
/* longest story entry: kind, n_live, extra, day, span, n_terms, mass,
 * terms (and a group's ids before its entries: GROUP_IDS_MAX) */
#define STORY_MAX (1 + 5 + 5 + 6 + 5 + 1 + 4 + NS_STORY_TERMS * 5)
#define GROUP_IDS_MAX (8 + 1 + GROUP * 8)

#define SHARE_LEN NS_FMT_STORY_SHARE_LEN
#define SHARE_WORDS (CHUNK / 64)	/* bit words of a doc sharing chunk */

/* The sections of fixed-size entries in CRC chunks (the doc sharing is
 * laid out apart, between the doc stories and the sharer list).  The doc
 * stories, the sharer list and the member list are packed: each entry the
 * fewest bits that hold the section's largest possible value (format.h). */
enum { SEC_STORY, SEC_SHARERS, SEC_NEAR, SEC_EXACT, SEC_DIR, SEC_MEMBERS, N_SEC };
_Static_assert(sizeof(((struct ns_story_view *)0)->sec_off) / sizeof(uint64_t) == N_SEC &&
	       sizeof(((struct ns_story_view *)0)->bits) / sizeof(unsigned) == N_SEC &&
	       sizeof(((struct ns_story_view *)0)->checked) / sizeof(uint8_t *) == N_SEC,
	       "struct ns_story_view's per-section arrays (story_file.h) hold N_SEC entries");

static const int sec_packed[N_SEC] = { 1, 1, 0, 0, 0, 1 };

/* The entry widths in bits of a file of these counts (format.h). */
static void sec_widths(uint32_t n_docs, uint32_t n_stories, uint32_t n_shared,
		       unsigned bits[N_SEC])
{
	bits[SEC_STORY] = ns_fmt_bit_width(n_stories);	/* n_stories: deleted */
	bits[SEC_SHARERS] = ns_fmt_bit_width(n_shared ? n_shared - 1 : 0);
	bits[SEC_NEAR] = 64;
	bits[SEC_EXACT] = 64;
	bits[SEC_DIR] = 8 * NS_FMT_STORY_DIR_LEN;
	bits[SEC_MEMBERS] = ns_fmt_bit_width(n_docs ? n_docs - 1 : 0);
}

void ns_story_file_name(char *out, uint64_t gen)
{
	snprintf(out, 48, "stories-%llu", (unsigned long long)gen);
}

int ns_story_file_is_name(const char *name)
{
	const char *p = name + 8;

	if (strncmp(name, "stories-", 8) != 0 || !*p)
		return 0;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* Bytes of a chunk's k entries of bits each (its CRC not counted): a
 * packed chunk is followed by NS_FMT_PACK_PAD zero bytes, so that any
 * entry can be read with one 8-byte load (ns_get_bits). */
static uint64_t chunk_len(uint64_t k, unsigned bits, int packed)
{
	return packed ? (k * bits + 7) / 8 + NS_FMT_PACK_PAD : k * bits / 8;
}

/* Bytes of a section of n entries, chunk CRCs included. */
static uint64_t sec_bytes(uint64_t n, unsigned bits, int packed)
{
	uint64_t full = n / CHUNK, rest = n % CHUNK;

	return full * (4 + chunk_len(CHUNK, bits, packed)) +
	       (rest ? 4 + chunk_len(rest, bits, packed) : 0);
}

static uint32_t float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, 4);
	return u;
}

static float bits_float(uint32_t u)
{
	float f;

	memcpy(&f, &u, 4);
	return f;
}


/* Whether a story keeps its centroid in the file: one of a single
 * article does not (its article's sketch, made again when needed). */
static int keeps_centroid(const struct ns_story *s)
{
	return s->n_seen >= 2 && s->n_terms > 0;
}

static uint32_t zigzag(int32_t v)
{
	return ((uint32_t)v << 1) ^ (0u - ((uint32_t)v >> 31));
}

static int32_t unzigzag(uint32_t u)
{
	return (int32_t)((u >> 1) ^ (0u - (u & 1)));
}

/* Whether s is one article's story, its entry a kind alone (format.h):
 * n_live = n_seen = 1, and one day or none. */
static int one_article(const struct ns_story *s)
{
	return s->n_live == 1 && s->n_seen == 1 && s->first_day == s->last_day;
}

/* Encodes s but its id at p (room for STORY_MAX bytes); returns its
 * length.  base: the file's base day, at most every story's first day. */
static size_t put_story(uint8_t *p, const struct ns_story *s, int32_t base)
{
	size_t n = 0;
	int k, n_terms = keeps_centroid(s) ? s->n_terms : 0;

	if (one_article(s)) {
		uint64_t kind = s->first_day == NS_STORY_NO_DAY
					? 1 : 2 + (uint64_t)((int64_t)s->first_day - base);
		return n + ns_varint_put(p + n, kind);
	}
	p[n++] = 0;
	n += ns_varint_put(p + n, s->n_live);
	n += ns_varint_put(p + n, s->n_seen - s->n_live);
	if (s->first_day == NS_STORY_NO_DAY) {
		n += ns_varint_put(p + n, 0);
	} else {
		n += ns_varint_put(p + n, (uint64_t)zigzag(s->first_day) + 1);
		n += ns_varint_put(p + n, (uint32_t)((int64_t)s->last_day - s->first_day));
	}
	p[n++] = (uint8_t)n_terms;
	if (n_terms) {
		ns_put_u32(p + n, float_bits(s->mass));
		n += 4;
	}
	for (k = 0; k < n_terms; k++, n += 5) {
		ns_put_u32(p + n, s->term[k]);
		p[n + 4] = s->q[k];
	}
	return n;
}

/* ns_varint_get() that also refuses an overlong encoding (a value written
 * in more bytes than the writer takes): no two byte strings decode to the
 * same stories, so --check's full read vouches for every byte. */
static int get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	const uint8_t *q = *p;
	size_t len;

	if (ns_varint_get(p, end, v))
		return -1;
	len = (size_t)(*p - q);
	return len > 1 && q[len - 1] == 0 ? -1 : 0;
}

static int get_varint32(const uint8_t **p, const uint8_t *end, uint32_t *v)
{
	uint64_t x;

	if (get_varint(p, end, &x) || x > UINT32_MAX)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

/* Decodes one story entry (but its id) from [*p, end), advancing *p. */
static int get_story(const uint8_t **p, const uint8_t *end, int32_t base, struct ns_story *s)
{
	const uint8_t *q = *p;
	uint64_t day, span, kind;
	uint32_t extra;

	memset(s, 0, sizeof(*s));
	if (get_varint(&q, end, &kind))
		return NS_CORRUPT();
	if (kind) {
		/* one article's story */
		s->n_live = s->n_seen = 1;
		s->first_day = s->last_day = NS_STORY_NO_DAY;
		if (kind >= 2) {
			if (kind - 2 > (uint64_t)((int64_t)INT32_MAX - base))
				return NS_CORRUPT();
			s->first_day = s->last_day = (int32_t)(base + (int64_t)(kind - 2));
		}
		*p = q;
		return NS_OK;
	}
	if (get_varint32(&q, end, &s->n_live) || get_varint32(&q, end, &extra) ||
	    extra > UINT32_MAX - s->n_live || get_varint(&q, end, &day) || day > UINT32_MAX + 1ull)
		return NS_CORRUPT();
	s->n_seen = s->n_live + extra;
	s->first_day = s->last_day = NS_STORY_NO_DAY;
	if (day) {
		if (get_varint(&q, end, &span))
			return NS_CORRUPT();
		s->first_day = unzigzag((uint32_t)(day - 1));
		if (s->first_day == NS_STORY_NO_DAY ||
		    span > (uint64_t)((int64_t)INT32_MAX - s->first_day))
			return NS_CORRUPT();
		s->last_day = (int32_t)(s->first_day + (int64_t)span);
	}
	if (q >= end || *q > NS_STORY_TERMS)
		return NS_CORRUPT();
	s->n_terms = *q++;
	if (s->n_terms) {
		if ((size_t)(end - q) < 4 + 5 * (size_t)s->n_terms)
			return NS_CORRUPT();
		s->mass = bits_float(ns_get_u32(q));
		q += 4;
	}
	for (int k = 0; k < s->n_terms; k++, q += 5) {
		s->term[k] = ns_get_u32(q);
		s->q[k] = q[4];
	}
	if (one_article(s))
		return NS_CORRUPT();	/* written as a kind alone */
	*p = q;
	return NS_OK;
}

/* Writes n entries of len bytes (made by put(i, out)) in CRC chunks,
 * one chunk at a time: a million articles need no copy of their map. */
static int put_section(struct ns_wfile *f, uint8_t *chunk, uint32_t n, uint32_t len,
		       void (*put)(const void *ctx, uint32_t i, uint8_t *out), const void *ctx)
{
	for (uint32_t c = 0; c < n; c += CHUNK) {
		uint32_t k = n - c < CHUNK ? n - c : CHUNK;
		for (uint32_t i = 0; i < k; i++)
			put(ctx, c + i, chunk + 4 + (size_t)i * len);
		ns_put_u32(chunk, ns_crc32(chunk + 4, (size_t)k * len));
		ns_wfile_write(f, chunk, 4 + (size_t)k * len);
	}
	return NS_OK;
}

/* Writes n values of w bits (made by val(i)) packed in CRC chunks, each
 * chunk's pad of zeros after its entries (format.h). */
static void put_packed(struct ns_wfile *f, uint8_t *chunk, uint32_t n, unsigned w,
		       uint32_t (*val)(const void *ctx, uint32_t i), const void *ctx)
{
	for (uint32_t c = 0; c < n; c += CHUNK) {
		uint32_t k = n - c < CHUNK ? n - c : CHUNK;
		size_t len = (size_t)chunk_len(k, w, 1);
		memset(chunk + 4, 0, len);
		for (uint32_t i = 0; i < k; i++) {
			uint64_t b = (uint64_t)i * w;
			uint8_t *q = chunk + 4 + (b >> 3);
			ns_put_u64(q, ns_get_u64(q) | (uint64_t)val(ctx, c + i) << (b & 7));
		}
		ns_put_u32(chunk, ns_crc32(chunk + 4, len));
		ns_wfile_write(f, chunk, 4 + len);
	}
}

struct write_ctx {
	ns_story_doc_fn doc;
	void *doc_ctx;
	const struct ns_story *stories;
	uint32_t n_stories;
	const uint32_t *first;		/* per story: first member */
	const uint32_t *member;		/* the member list */
	const uint8_t *dir;		/* the story directory, GROUP stories an
					 * entry (and its end) */
};

/* Document i's packed story: n_stories for a deleted one. */
static uint32_t story_val_i(const void *ctx, uint32_t i)
{
	const struct write_ctx *w = ctx;
	struct ns_story_doc d;

	w->doc(w->doc_ctx, i, &d);
	return d.story < w->n_stories ? d.story : w->n_stories;
}

static void put_dir_i(const void *ctx, uint32_t i, uint8_t *out)
{
	memcpy(out, ((const struct write_ctx *)ctx)->dir + (size_t)i * NS_FMT_STORY_DIR_LEN,
	       NS_FMT_STORY_DIR_LEN);
}

/* Bits at..at+w-1 of p (w <= 64; bit b is bit b % 8 of byte b / 8),
 * byte by byte: a group's gaps have no pad after them. */
static uint64_t read_bits(const uint8_t *p, uint64_t at, unsigned w)
{
	uint64_t v = 0;

	for (unsigned k = 0; k < w;) {
		uint64_t b = at + k;
		unsigned take = 8 - (unsigned)(b % 8);
		if (take > w - k)
			take = w - k;
		v |= (uint64_t)((p[b / 8] >> (b % 8)) & ((1u << take) - 1)) << k;
		k += take;
	}
	return v;
}

/* ORs the w low bits of v into p at bit at (p zeroed before). */
static void write_bits(uint8_t *p, uint64_t at, unsigned w, uint64_t v)
{
	for (unsigned k = 0; k < w; k++)
		if (v >> k & 1)
			p[(at + k) / 8] |= (uint8_t)(1u << ((at + k) % 8));
}

/* Bytes of a group's ids (format.h): the first id, then for a group of
 * more than one story the gaps' width and the packed gaps. */
static size_t ids_len(uint32_t n_in, unsigned w)
{
	return n_in > 1 ? 8 + 1 + ((size_t)(n_in - 1) * w + 7) / 8 : 8;
}

/* Encodes group g of the stories into buf: the ids delta-coded (ids
 * increase, so the gaps of a group share a width far below 64 bits),
 * then the entries.  Returns the bytes. */
static size_t put_group(const struct ns_story *stories, uint32_t n_stories, int32_t base,
			uint32_t g, uint8_t *buf)
{
	uint32_t first = g * GROUP, n_in = n_stories - first < GROUP ? n_stories - first : GROUP;
	uint64_t max_gap = 0;
	unsigned w;
	size_t n;

	for (uint32_t i = 1; i < n_in; i++)
		if (stories[first + i].id - stories[first + i - 1].id > max_gap)
			max_gap = stories[first + i].id - stories[first + i - 1].id;
	w = ns_fmt_bit_width(max_gap);
	n = ids_len(n_in, w);
	memset(buf, 0, n);
	ns_put_u64(buf, stories[first].id);
	if (n_in > 1) {
		buf[8] = (uint8_t)w;
		for (uint32_t i = 1; i < n_in; i++)
			write_bits(buf + 9, (uint64_t)(i - 1) * w, w,
				   stories[first + i].id - stories[first + i - 1].id);
	}
	for (uint32_t i = first; i < first + n_in; i++)
		n += put_story(buf + n, &stories[i], base);
	return n;
}

/* Gap i of w bits packed at p: one 8-byte load when the 8 bytes lie
 * before limit (the end of the mapped file) and the gap spans at most 8
 * bytes, else byte by byte. */
static uint64_t gap_at(const uint8_t *p, const uint8_t *limit, uint32_t i, unsigned w)
{
	uint64_t b = (uint64_t)i * w;

	if (w <= 56 && limit - (p + b / 8) >= 8)
		return (ns_get_u64(p + b / 8) >> (b % 8)) & ((1ull << w) - 1);
	return read_bits(p, b, w);
}

/* Decodes the ids of a group of n_in stories from [*p, end) into id[],
 * advancing *p (bytes up to limit may be read); checks that they increase and that the width
 * is the writer's (the largest gap's). */
static int get_ids(const uint8_t **p, const uint8_t *end, const uint8_t *limit, uint32_t n_in,
		   uint64_t *id)
{
	const uint8_t *q = *p;
	uint64_t max_gap = 0;
	unsigned w;
	size_t len;

	if (end - q < 8)
		return NS_CORRUPT();
	id[0] = ns_get_u64(q);
	if (n_in > 1) {
		if (end - q < 9 || (w = q[8]) < 1 || w > 64 ||
		    (size_t)(end - q) < (len = ids_len(n_in, w)))
			return NS_CORRUPT();
		for (uint32_t i = 1; i < n_in; i++) {
			uint64_t gap = gap_at(q + 9, limit, i - 1, w);
			if (gap == 0 || gap > UINT64_MAX - id[i - 1])
				return NS_CORRUPT();
			id[i] = id[i - 1] + gap;
			max_gap = gap > max_gap ? gap : max_gap;
		}
		/* the width the writer takes, and 0 bits after the gaps */
		if (ns_fmt_bit_width(max_gap) != w ||
		    ((n_in - 1) * (uint64_t)w % 8 && q[len - 1] >> ((n_in - 1) * (uint64_t)w % 8)))
			return NS_CORRUPT();
		q += len;
	} else {
		q += 8;
	}
	*p = q;
	return NS_OK;
}

/* The story directory (format.h): per group its offset, first member and
 * CRC, then an entry for the end of the data.  Bytes in *dir_out (the
 * caller frees it). */
static int story_dir(const struct ns_story *stories, uint32_t n_stories, int32_t base,
		     const uint32_t *first,
		     uint32_t n_members, uint8_t *buf, uint8_t **dir_out, uint32_t *n_dir)
{
	uint32_t n_groups = (n_stories + GROUP - 1) / GROUP;
	uint8_t *dir = malloc(((size_t)n_groups + 1) * NS_FMT_STORY_DIR_LEN);
	uint64_t off = 0;

	if (!dir)
		return NS_ERR_NOMEM;
	for (uint32_t g = 0; g <= n_groups; g++) {
		uint8_t *e = dir + (size_t)g * NS_FMT_STORY_DIR_LEN;
		size_t n = g < n_groups ? put_group(stories, n_stories, base, g, buf) : 0;
		ns_put_u64(e, off);
		ns_put_u32(e + 8, g < n_groups ? first[g * GROUP] : n_members);
		ns_put_u32(e + 12, g < n_groups ? ns_crc32(buf, n) : 0);
		off += n;
	}
	*dir_out = dir;
	*n_dir = n_groups + 1;
	return NS_OK;
}

static uint32_t member_val_i(const void *ctx, uint32_t i)
{
	return ((const struct write_ctx *)ctx)->member[i];
}

/* The member list: first[s] and member[] (a counting sort by story). */
static int members_of(uint32_t n_docs, uint32_t n_stories, ns_story_doc_fn doc, void *ctx,
		      uint32_t **first_out, uint32_t **member_out, uint32_t *n_members)
{
	uint32_t *first = calloc((size_t)n_stories + 1, sizeof(*first));
	uint32_t *member = NULL, total = 0;
	struct ns_story_doc e;

	if (!first)
		return NS_ERR_NOMEM;
	for (uint32_t d = 0; d < n_docs; d++) {
		doc(ctx, d, &e);
		if (e.story < n_stories)
			first[e.story + 1]++;
	}
	for (uint32_t s = 0; s < n_stories; s++) {
		total += first[s + 1];
		first[s + 1] = total;
	}
	member = malloc(((size_t)total + 1) * sizeof(*member));
	if (!member) {
		free(first);
		return NS_ERR_NOMEM;
	}
	for (uint32_t d = 0; d < n_docs; d++) {
		doc(ctx, d, &e);
		if (e.story < n_stories)
			member[first[e.story]++] = d;
	}
	/* first[s] now points past story s: shift back */
	for (uint32_t s = n_stories; s > 0; s--)
		first[s] = first[s - 1];
	first[0] = 0;
	*first_out = first;
	*member_out = member;
	*n_members = total;
	return NS_OK;
}

static void map_doc(void *ctx, uint32_t i, struct ns_story_doc *out)
{
	*out = ((const struct ns_story_map *)ctx)->docs[i];
}

/* The doc sharing and the sharer list (format.h) of n_docs documents,
 * story s having first[s + 1] - first[s] live ones. */
struct sharing {
	uint64_t *bits;		/* SHARE_WORDS per chunk */
	uint32_t *sharer;	/* n_sharers */
	uint32_t n_shared, n_sharers;
};

static void sharing_release(struct sharing *sh)
{
	free(sh->bits);
	free(sh->sharer);
	memset(sh, 0, sizeof(*sh));
}

static int sharing_of(uint32_t n_docs, uint32_t n_stories, ns_story_doc_fn doc, void *ctx,
		      const uint32_t *first, struct sharing *sh)
{
	uint32_t *no = malloc(((size_t)n_stories + 1) * sizeof(*no)), j = 0;
	uint64_t n_chunks = ((uint64_t)n_docs + CHUNK - 1) / CHUNK;
	struct ns_story_doc e;

	memset(sh, 0, sizeof(*sh));
	for (uint32_t s = 0; no && s < n_stories; s++) {
		uint32_t live = first[s + 1] - first[s];
		no[s] = live >= 2 ? sh->n_shared++ : UINT32_MAX;
		sh->n_sharers += live >= 2 ? live : 0;
	}
	sh->bits = calloc(n_chunks * SHARE_WORDS + 1, sizeof(*sh->bits));
	sh->sharer = malloc(((size_t)sh->n_sharers + 1) * sizeof(*sh->sharer));
	if (!no || !sh->bits || !sh->sharer) {
		free(no);
		sharing_release(sh);
		return NS_ERR_NOMEM;
	}
	for (uint32_t d = 0; d < n_docs; d++) {
		doc(ctx, d, &e);
		if (e.story < n_stories && no[e.story] != UINT32_MAX && j < sh->n_sharers) {
			sh->bits[d / 64] |= 1ull << (d % 64);
			sh->sharer[j++] = no[e.story];
		}
	}
	free(no);
	return NS_OK;
}

/* Doc sharing chunk c as it is written (SHARE_LEN bytes at out); *first:
 * the sharers before it, advanced past its own. */
static void put_share_chunk(const uint64_t *bits, uint64_t c, uint32_t *first, uint8_t *out)
{
	uint32_t n = 0;

	ns_put_u32(out + 4, *first);
	for (uint32_t w = 0; w < SHARE_WORDS; w++) {
		uint64_t b = bits[c * SHARE_WORDS + w];
		ns_put_u64(out + 8 + 8 * w, b);
		n += (uint32_t)__builtin_popcountll(b);
	}
	ns_put_u32(out, ns_crc32(out + 4, SHARE_LEN - 4));
	*first += n;
}

static uint32_t sharer_val_i(const void *ctx, uint32_t i)
{
	return ((const struct sharing *)ctx)->sharer[i];
}

/* Which documents keep their exact fingerprint in the file (format.h):
 * all but those whose story's id is made from it, ns_story_id_of_exact()
 * (a story's first article, unless its id was bumped), whose fingerprint
 * the id gives back.  bits: a bit per document in SHARE_WORDS words per
 * chunk; kept: the kept documents in docid order. */
struct kept_exact {
	uint64_t *bits;
	uint32_t *kept;
	uint32_t n_kept;
	ns_story_doc_fn doc;
	void *doc_ctx;
};

/* Whether d (its story's id, when it has one) keeps its exact fingerprint. */
static int keeps_exact(const struct ns_story_doc *d, const struct ns_story *stories,
		       uint32_t n_stories)
{
	return d->story >= n_stories || ns_story_id_of_exact(d->exact) != stories[d->story].id;
}

static int kept_of(uint32_t n_docs, ns_story_doc_fn doc, void *ctx,
		   const struct ns_story *stories, uint32_t n_stories, struct kept_exact *ke)
{
	uint64_t n_chunks = ((uint64_t)n_docs + CHUNK - 1) / CHUNK;
	struct ns_story_doc e;

	memset(ke, 0, sizeof(*ke));
	ke->doc = doc;
	ke->doc_ctx = ctx;
	ke->bits = calloc(n_chunks * SHARE_WORDS + 1, sizeof(*ke->bits));
	ke->kept = malloc(((size_t)n_docs + 1) * sizeof(*ke->kept));
	if (!ke->bits || !ke->kept)
		return NS_ERR_NOMEM;
	for (uint32_t d = 0; d < n_docs; d++) {
		doc(ctx, d, &e);
		if (keeps_exact(&e, stories, n_stories)) {
			ke->bits[d / 64] |= 1ull << (d % 64);
			ke->kept[ke->n_kept++] = d;
		}
	}
	return NS_OK;
}

static void kept_release(struct kept_exact *ke)
{
	free(ke->bits);
	free(ke->kept);
	memset(ke, 0, sizeof(*ke));
}

static void put_exact_i(const void *ctx, uint32_t i, uint8_t *out)
{
	const struct kept_exact *ke = ctx;
	struct ns_story_doc d;

	ke->doc(ke->doc_ctx, ke->kept[i], &d);
	ns_put_u64(out, d.exact);
}

static void put_near_i(const void *ctx, uint32_t i, uint8_t *out)
{
	const struct write_ctx *w = ctx;
	struct ns_story_doc d;

	w->doc(w->doc_ctx, i, &d);
	ns_put_u64(out, d.near);
}

/* The base day (format.h): the first day of the earliest dated story of
 * one article, 0 if there is none. */
static int32_t base_day_of(const struct ns_story *stories, uint32_t n_stories)
{
	int32_t base = 0;
	int any = 0;

	for (uint32_t s = 0; s < n_stories; s++)
		if (one_article(&stories[s]) && stories[s].first_day != NS_STORY_NO_DAY &&
		    (!any || stories[s].first_day < base)) {
			base = stories[s].first_day;
			any = 1;
		}
	return base;
}

int ns_story_map_write_gen(const char *dir, uint64_t gen, uint32_t n_docs, ns_story_doc_fn doc,
			   void *doc_ctx, const struct ns_story *stories, uint32_t n_stories)
{
	struct write_ctx w = { doc, doc_ctx, stories, n_stories, NULL, NULL, NULL };
	unsigned bits[N_SEC];
	struct sharing sh = { 0 };
	struct kept_exact ke = { 0 };
	int32_t base = base_day_of(stories, n_stories);
	uint32_t *first, *member, n_members, n_dir = 0, sharers = 0;
	uint8_t head[HEAD], *chunk = malloc(4 + (size_t)CHUNK * NS_FMT_STORY_DIR_LEN +
					    (size_t)GROUP * STORY_MAX + GROUP_IDS_MAX);
	uint8_t *dirb = NULL;
	char name[48], *path;
	struct ns_wfile f;
	int rc = chunk ? members_of(n_docs, n_stories, doc, doc_ctx, &first, &member, &n_members)
		       : NS_ERR_NOMEM;

	if (rc != NS_OK) {
		free(chunk);
		return rc;
	}
	w.first = first;
	w.member = member;
	rc = story_dir(stories, n_stories, base, first, n_members, chunk, &dirb, &n_dir);
	w.dir = dirb;
	if (rc == NS_OK)
		rc = sharing_of(n_docs, n_stories, doc, doc_ctx, first, &sh);
	if (rc == NS_OK)
		rc = kept_of(n_docs, doc, doc_ctx, stories, n_stories, &ke);
	ns_fmt_put_header(head, NS_FMT_MAGIC_STORIES);
	ns_put_u32(head + NS_FMT_HEADER_LEN, n_docs);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 4, n_stories);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 8, sh.n_shared);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 12, sh.n_sharers);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 16, ke.n_kept);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 20, (uint32_t)base);
	ns_put_u32(head + NS_FMT_HEADER_LEN + 24, ns_crc32(head, NS_FMT_HEADER_LEN + 24));
	ns_story_file_name(name, gen);
	path = ns_path_join(dir, name);
	if (rc == NS_OK)
		rc = path ? ns_wfile_create(&f, path) : NS_ERR_NOMEM;
	free(path);
	if (rc == NS_OK) {
		ns_wfile_write(&f, head, sizeof(head));
		sec_widths(n_docs, n_stories, sh.n_shared, bits);
		put_packed(&f, chunk, n_docs, bits[SEC_STORY], story_val_i, &w);
		for (uint64_t c = 0; c * CHUNK < n_docs; c++) {
			put_share_chunk(sh.bits, c, &sharers, chunk);
			ns_wfile_write(&f, chunk, SHARE_LEN);
		}
		put_packed(&f, chunk, sh.n_sharers, bits[SEC_SHARERS], sharer_val_i, &sh);
		put_section(&f, chunk, n_docs, 8, put_near_i, &w);
		sharers = 0;
		for (uint64_t c = 0; c * CHUNK < n_docs; c++) {
			put_share_chunk(ke.bits, c, &sharers, chunk);
			ns_wfile_write(&f, chunk, SHARE_LEN);
		}
		put_section(&f, chunk, ke.n_kept, 8, put_exact_i, &ke);
		put_section(&f, chunk, n_dir, NS_FMT_STORY_DIR_LEN, put_dir_i, &w);
		for (uint32_t g = 0; g + 1 < n_dir; g++)
			ns_wfile_write(&f, chunk, put_group(stories, n_stories, base, g, chunk));
		put_packed(&f, chunk, n_members, bits[SEC_MEMBERS], member_val_i, &w);
		rc = ns_wfile_commit(&f);
	}
	sharing_release(&sh);
	kept_release(&ke);
	free(dirb);
	free(first);
	free(member);
	free(chunk);
	return rc;
}

int ns_story_map_write(const char *dir, uint64_t gen, const struct ns_story_map *m)
{
	return ns_story_map_write_gen(dir, gen, m->n_docs, map_doc, (void *)(uintptr_t)m,
				      m->stories, m->n_stories);
}

/* ---- the lazy view ---- */

static const uint8_t *entry(struct ns_story_view *v, int k, uint64_t n, uint32_t i);
static int flag_chunk(struct ns_story_view *v, uint64_t off, uint8_t *checked, uint32_t n_list,
		      uint32_t d, const uint8_t **bits, uint32_t *first_doc, uint32_t *n,
		      uint32_t *first_set);

static int view_parse(struct ns_story_view *v)
{
	const uint8_t *p = v->map.data, *end;
	uint64_t len = v->map.len, at = HEAD, n_groups;
	int rc = ns_fmt_check_header(p, len, NS_FMT_MAGIC_STORIES);

	if (rc != NS_OK)
		return rc;
	if (len < HEAD || ns_crc32(p, HEAD - 4) != ns_get_u32(p + HEAD - 4) ||
	    ns_get_u64(p + 8) != 0)	/* the common header's reserved bytes */
		return NS_CORRUPT();
	v->n_docs = ns_get_u32(p + NS_FMT_HEADER_LEN);
	v->n_stories = ns_get_u32(p + NS_FMT_HEADER_LEN + 4);
	v->n_shared = ns_get_u32(p + NS_FMT_HEADER_LEN + 8);
	v->n_sharers = ns_get_u32(p + NS_FMT_HEADER_LEN + 12);
	v->n_kept = ns_get_u32(p + NS_FMT_HEADER_LEN + 16);
	v->base_day = (int32_t)ns_get_u32(p + NS_FMT_HEADER_LEN + 20);
	if (v->n_shared > v->n_stories || v->n_sharers > v->n_docs || v->n_kept > v->n_docs ||
	    (uint64_t)v->n_shared * 2 > v->n_sharers)
		return NS_CORRUPT();
	n_groups = ((uint64_t)v->n_stories + GROUP - 1) / GROUP;
	v->n_dir = (uint32_t)n_groups + 1;
	sec_widths(v->n_docs, v->n_stories, v->n_shared, v->bits);
	v->sec_off[SEC_STORY] = at;
	at += sec_bytes(v->n_docs, v->bits[SEC_STORY], 1);
	v->share_off = at;
	at += ((uint64_t)v->n_docs + CHUNK - 1) / CHUNK * SHARE_LEN;
	v->sec_off[SEC_SHARERS] = at;
	at += sec_bytes(v->n_sharers, v->bits[SEC_SHARERS], 1);
	v->sec_off[SEC_NEAR] = at;
	at += sec_bytes(v->n_docs, v->bits[SEC_NEAR], 0);
	v->kept_off = at;
	at += ((uint64_t)v->n_docs + CHUNK - 1) / CHUNK * SHARE_LEN;
	v->sec_off[SEC_EXACT] = at;
	at += sec_bytes(v->n_kept, v->bits[SEC_EXACT], 0);
	v->sec_off[SEC_DIR] = at;
	at += sec_bytes(v->n_dir, v->bits[SEC_DIR], 0);
	if (at > len)
		return NS_CORRUPT();
	for (int k = 0; k < SEC_MEMBERS; k++) {
		uint64_t n = k == SEC_DIR ? v->n_dir : k == SEC_SHARERS ? v->n_sharers
						 : k == SEC_EXACT ? v->n_kept : v->n_docs;
		v->checked[k] = calloc((size_t)((n + CHUNK - 1) / CHUNK) + 1, 1);
		if (!v->checked[k])
			return NS_ERR_NOMEM;
	}
	v->share_checked = calloc((size_t)((v->n_docs + CHUNK - 1) / CHUNK) + 1, 1);
	v->kept_checked = calloc((size_t)((v->n_docs + CHUNK - 1) / CHUNK) + 1, 1);
	if (!v->share_checked || !v->kept_checked)
		return NS_ERR_NOMEM;
	/* the directory's last entry: the end of the story data, the members */
	end = entry(v, SEC_DIR, v->n_dir, v->n_dir - 1);
	if (!end)
		return NS_CORRUPT();
	v->data_off = at;
	v->data_len = ns_get_u64(end);
	v->n_members = ns_get_u32(end + 8);
	if (v->data_len > len - at || v->n_members > v->n_docs || ns_get_u32(end + 12) != 0 ||
	    (v->n_stories == 0 && (v->data_len || v->n_members)))
		return NS_CORRUPT();
	at += v->data_len;
	v->sec_off[SEC_MEMBERS] = at;
	if (sec_bytes(v->n_members, v->bits[SEC_MEMBERS], 1) != len - at)
		return NS_CORRUPT();
	v->checked[SEC_MEMBERS] = calloc((size_t)((v->n_members + CHUNK - 1) / CHUNK) + 1, 1);
	v->group = malloc(GROUP * sizeof(*v->group));
	if (!v->checked[SEC_MEMBERS] || !v->group)
		return NS_ERR_NOMEM;
	v->group_no = UINT32_MAX;
	return NS_OK;
}

int ns_story_view_open(const char *dir, uint64_t gen, struct ns_story_view *v)
{
	char name[48], *path;
	int rc;

	memset(v, 0, sizeof(*v));
	ns_story_file_name(name, gen);
	path = ns_path_join(dir, name);
	if (!path)
		return NS_ERR_NOMEM;
	rc = ns_map_file(path, &v->map);
	free(path);
	if (rc == NS_ERR_IO && errno == ENOENT)
		return NS_ERR_NOTFOUND;
	if (rc != NS_OK) {
		v->map.data = NULL;
		return rc;
	}
	rc = view_parse(v);
	if (rc != NS_OK)
		ns_story_view_close(v);
	return rc;
}

void ns_story_view_close(struct ns_story_view *v)
{
	if (v->map.data)
		ns_unmap_file(&v->map);
	for (int k = 0; k < N_SEC; k++)
		free(v->checked[k]);
	free(v->share_checked);
	free(v->kept_checked);
	free(v->group);
	memset(v, 0, sizeof(*v));
}

/* The entries of the chunk of section k (of n entries) holding entry i,
 * its CRC checked once, and for a packed chunk that the bits after its
 * entries are 0 (format.h); NULL if corrupt. */
static const uint8_t *chunk_at(struct ns_story_view *v, int k, uint64_t n, uint32_t i)
{
	uint32_t c = i / CHUNK;
	unsigned bits = v->bits[k];
	int packed = sec_packed[k];
	const uint8_t *chunk = v->map.data + v->sec_off[k] + (uint64_t)c * (4 + chunk_len(CHUNK, bits, packed));

	if (i >= n)
		return NULL;
	if (!v->checked[k][c]) {
		uint64_t in = n - (uint64_t)c * CHUNK < CHUNK ? n - (uint64_t)c * CHUNK : CHUNK;
		uint64_t len = chunk_len(in, bits, packed), used = in * bits;
		if (ns_crc32(chunk + 4, len) != ns_get_u32(chunk))
			return NULL;
		if (packed) {
			/* the last byte's bits past the entries, and the pad */
			if (used % 8 && chunk[4 + used / 8] >> (used % 8))
				return NULL;
			for (uint64_t b = (used + 7) / 8; b < len; b++)
				if (chunk[4 + b])
					return NULL;
		}
		v->checked[k][c] = 1;
	}
	return chunk + 4;
}

/* Entry i of byte section k (of n entries), its chunk checked once. */
static const uint8_t *entry(struct ns_story_view *v, int k, uint64_t n, uint32_t i)
{
	const uint8_t *p = chunk_at(v, k, n, i);

	return p ? p + (uint64_t)(i % CHUNK) * (v->bits[k] / 8) : NULL;
}

/* Value i of packed section k (of n entries) into *out; 0 or -1. */
static int packed_at(struct ns_story_view *v, int k, uint64_t n, uint32_t i, uint32_t *out)
{
	const uint8_t *p = chunk_at(v, k, n, i);

	if (!p)
		return -1;
	*out = ns_get_bits(p, i % CHUNK, v->bits[k]);
	return 0;
}

/* Document d's entry; its exact fingerprint, when not kept, from its
 * story's id: stories[] when the caller holds them, else the view's. */
static int view_doc(struct ns_story_view *v, uint32_t d, const struct ns_story *stories,
		    struct ns_story_doc *out)
{
	const uint8_t *near, *bits, *e;
	uint32_t s, f, n, fk;
	uint64_t i, w;

	if (packed_at(v, SEC_STORY, v->n_docs, d, &s) != 0 || s > v->n_stories ||
	    !(near = entry(v, SEC_NEAR, v->n_docs, d)) ||
	    flag_chunk(v, v->kept_off, v->kept_checked, v->n_kept, d, &bits, &f, &n, &fk) != NS_OK)
		return NS_CORRUPT();
	out->story = s == v->n_stories ? NS_STORY_NONE : s;
	out->near = ns_get_u64(near);
	i = d - f;
	w = ns_get_u64(bits + 8 * (i / 64));
	if (w >> (i % 64) & 1) {
		uint32_t at = fk + (uint32_t)__builtin_popcountll(w & ((1ull << (i % 64)) - 1));
		for (uint64_t k = 0; k < i / 64; k++)
			at += (uint32_t)__builtin_popcountll(ns_get_u64(bits + 8 * k));
		if (!(e = entry(v, SEC_EXACT, v->n_kept, at)))
			return NS_CORRUPT();
		out->exact = ns_get_u64(e);
	} else {
		struct ns_story st;
		if (out->story == NS_STORY_NONE)
			return NS_CORRUPT();	/* a deleted document keeps it */
		if (!stories && ns_story_view_story(v, s, &st) != NS_OK)
			return NS_CORRUPT();
		out->exact = ns_story_exact_of_id(stories ? stories[s].id : st.id);
	}
	return NS_OK;
}

int ns_story_view_doc(struct ns_story_view *v, uint32_t d, struct ns_story_doc *out)
{
	return view_doc(v, d, NULL, out);
}

int ns_story_view_near(struct ns_story_view *v, uint32_t d, uint64_t *near)
{
	const uint8_t *p = entry(v, SEC_NEAR, v->n_docs, d);

	if (!p)
		return NS_CORRUPT();
	*near = ns_get_u64(p);
	return NS_OK;
}

/* Decodes group g of the stories into v->group (its CRC checked). */
static int load_group(struct ns_story_view *v, uint32_t g)
{
	const uint8_t *e = entry(v, SEC_DIR, v->n_dir, g), *next = entry(v, SEC_DIR, v->n_dir, g + 1);
	const uint8_t *p, *end;
	uint64_t off, stop;
	uint32_t member, n_in;
	uint64_t ids[GROUP];

	if (!e || !next)
		return NS_CORRUPT();
	off = ns_get_u64(e);
	stop = ns_get_u64(next);
	member = ns_get_u32(e + 8);
	/* the data starts with the first group (no bytes before it) */
	if (off > stop || stop > v->data_len || (g == 0 && (off != 0 || member != 0)))
		return NS_CORRUPT();
	p = v->map.data + v->data_off + off;
	end = v->map.data + v->data_off + stop;
	if (ns_crc32(p, (size_t)(stop - off)) != ns_get_u32(e + 12))
		return NS_CORRUPT();
	n_in = v->n_stories - g * GROUP < GROUP ? v->n_stories - g * GROUP : GROUP;
	if (get_ids(&p, end, v->map.data + v->map.len, n_in, ids) != NS_OK)
		return NS_CORRUPT();
	for (uint32_t i = 0; i < n_in; i++) {
		struct ns_story *s = &v->group[i];
		if (get_story(&p, end, v->base_day, s) != NS_OK || s->n_live == 0 ||
		    (uint64_t)member + s->n_live > v->n_members)
			return NS_CORRUPT();
		s->id = ids[i];
		s->first_member = member;
		member += s->n_live;
	}
	if (p != end || member != ns_get_u32(next + 8))
		return NS_CORRUPT();
	v->group_no = g;
	return NS_OK;
}

/* The chunk of section k (of n entries) holding entry i: *entries is
 * entry *first's, *n of them, the chunk checked first. */
static int sec_chunk(struct ns_story_view *v, int k, uint32_t n_all, uint32_t i,
		     const uint8_t **entries, uint32_t *first, uint32_t *n)
{
	uint32_t f = i / CHUNK * CHUNK;
	const uint8_t *p = chunk_at(v, k, n_all, f);

	if (!p || i >= n_all)
		return NS_CORRUPT();
	*entries = p;
	*first = f;
	*n = n_all - f < CHUNK ? n_all - f : CHUNK;
	return NS_OK;
}

int ns_story_view_doc_chunk(struct ns_story_view *v, uint32_t d, const uint8_t **entries,
			    uint32_t *first, uint32_t *n)
{
	return sec_chunk(v, SEC_STORY, v->n_docs, d, entries, first, n);
}

/* The bit chunk holding document d of the bit section at off (the doc
 * sharing, or the kept exacts: crc, first, bits; format.h) whose set bits
 * index a list of n_list entries; its CRC checked once (checked[]), and
 * that its bits fit the list. */
static int flag_chunk(struct ns_story_view *v, uint64_t off, uint8_t *checked, uint32_t n_list,
		      uint32_t d, const uint8_t **bits, uint32_t *first_doc, uint32_t *n,
		      uint32_t *first_set)
{
	uint32_t c = d / CHUNK, set = 0;
	const uint8_t *p = v->map.data + off + (uint64_t)c * SHARE_LEN;

	if (d >= v->n_docs)
		return NS_CORRUPT();
	*first_doc = c * CHUNK;
	*n = v->n_docs - *first_doc < CHUNK ? v->n_docs - *first_doc : CHUNK;
	if (!checked[c]) {
		if (ns_crc32(p + 4, SHARE_LEN - 4) != ns_get_u32(p))
			return NS_CORRUPT();
		/* the sharer list must hold the chunk's sharers, and no bit
		 * may name a document past the end */
		for (uint32_t w = 0; w < SHARE_WORDS; w++) {
			uint64_t b = ns_get_u64(p + 8 + 8 * w);
			if (w * 64 + 64 > *n)
				b &= w * 64 >= *n ? ~0ull : ~0ull << (*n - w * 64);
			else
				b = 0;
			if (b)
				return NS_CORRUPT();
			set += (uint32_t)__builtin_popcountll(ns_get_u64(p + 8 + 8 * w));
		}
		if (ns_get_u32(p + 4) > n_list || set > n_list - ns_get_u32(p + 4))
			return NS_CORRUPT();
		checked[c] = 1;
	}
	*first_set = ns_get_u32(p + 4);
	*bits = p + 8;
	return NS_OK;
}

int ns_story_view_share_chunk(struct ns_story_view *v, uint32_t d, const uint8_t **bits,
			      uint32_t *first_doc, uint32_t *n, uint32_t *first_sharer)
{
	return flag_chunk(v, v->share_off, v->share_checked, v->n_sharers, d, bits, first_doc, n,
			  first_sharer);
}

int ns_story_view_sharer_chunk(struct ns_story_view *v, uint32_t i, const uint8_t **entries,
			       uint32_t *first, uint32_t *n)
{
	return sec_chunk(v, SEC_SHARERS, v->n_sharers, i, entries, first, n);
}

int ns_story_view_story(struct ns_story_view *v, uint32_t s, struct ns_story *out)
{
	if (s >= v->n_stories)
		return NS_CORRUPT();
	if (s / GROUP != v->group_no) {
		v->group_no = UINT32_MAX;
		if (load_group(v, s / GROUP) != NS_OK)
			return NS_CORRUPT();
	}
	*out = v->group[s % GROUP];
	return NS_OK;
}

int ns_story_view_member(struct ns_story_view *v, uint32_t i, uint32_t *docid)
{
	if (packed_at(v, SEC_MEMBERS, v->n_members, i, docid) != 0)
		return NS_CORRUPT();
	return *docid < v->n_docs ? NS_OK : NS_CORRUPT();
}

/* ---- the whole map ---- */

/* Whether v's doc sharing and sharer list are those m's stories make
 * (first: each story's first member, as members_of() makes it). */
static int check_sharing(struct ns_story_view *v, const struct ns_story_map *m,
			 const uint32_t *first)
{
	struct sharing sh;
	uint8_t want[SHARE_LEN];
	uint32_t sharers = 0;
	int rc = sharing_of(m->n_docs, m->n_stories, map_doc, (void *)(uintptr_t)m, first, &sh);

	if (rc != NS_OK)
		return rc;
	if (sh.n_shared != v->n_shared || sh.n_sharers != v->n_sharers)
		rc = NS_CORRUPT();
	for (uint64_t c = 0; c * CHUNK < m->n_docs && rc == NS_OK; c++) {
		const uint8_t *bits;
		uint32_t f, n, fs;
		put_share_chunk(sh.bits, c, &sharers, want);
		rc = ns_story_view_share_chunk(v, (uint32_t)(c * CHUNK), &bits, &f, &n, &fs);
		if (rc == NS_OK && (fs != ns_get_u32(want + 4) || memcmp(bits, want + 8, SHARE_LEN - 8)))
			rc = NS_CORRUPT();
	}
	for (uint32_t i = 0; i < sh.n_sharers && rc == NS_OK; i++) {
		uint32_t k;
		if (packed_at(v, SEC_SHARERS, v->n_sharers, i, &k) != 0 || k != sh.sharer[i])
			rc = NS_CORRUPT();
	}
	sharing_release(&sh);
	return rc;
}

/* Whether v's kept-exact bits, their chunks' counts and the base day are
 * those m makes (a document keeps its fingerprint iff its story's id is
 * not made from it). */
static int check_kept(struct ns_story_view *v, const struct ns_story_map *m)
{
	uint32_t kept = 0;

	if (v->base_day != base_day_of(m->stories, m->n_stories))
		return NS_CORRUPT();
	for (uint32_t d = 0; d < m->n_docs; d++) {
		const uint8_t *bits;
		uint32_t f, n, fk;
		int bit;
		if (flag_chunk(v, v->kept_off, v->kept_checked, v->n_kept, d, &bits, &f, &n, &fk) !=
		    NS_OK)
			return NS_CORRUPT();
		if (d == f && fk != kept)
			return NS_CORRUPT();
		bit = ns_get_u64(bits + 8 * ((d - f) / 64)) >> ((d - f) % 64) & 1;
		if (bit != keeps_exact(&m->docs[d], m->stories, m->n_stories))
			return NS_CORRUPT();
		kept += (uint32_t)bit;
	}
	return kept == v->n_kept ? NS_OK : NS_CORRUPT();
}

int ns_story_map_read(const char *dir, uint64_t gen, struct ns_story_map *m)
{
	struct ns_story_view v;
	uint32_t *first = NULL, *member = NULL, n_members = 0;
	int rc = ns_story_view_open(dir, gen, &v);

	memset(m, 0, sizeof(*m));
	if (rc != NS_OK)
		return rc;
	m->n_docs = v.n_docs;
	m->n_stories = v.n_stories;
	m->docs = calloc((size_t)m->n_docs + 1, sizeof(*m->docs));
	m->stories = calloc((size_t)m->n_stories + 1, sizeof(*m->stories));
	if (!m->docs || !m->stories)
		rc = NS_ERR_NOMEM;
	for (uint32_t i = 0; i < m->n_stories && rc == NS_OK; i++)
		rc = ns_story_view_story(&v, i, &m->stories[i]);
	for (uint32_t i = 0; i < m->n_docs && rc == NS_OK; i++)
		rc = view_doc(&v, i, m->stories, &m->docs[i]);
	/* what the writer makes of these: the kept exacts and the base day */
	if (rc == NS_OK)
		rc = check_kept(&v, m);
	/* the member list must be the one the documents make */
	if (rc == NS_OK)
		rc = members_of(m->n_docs, m->n_stories, map_doc, m, &first, &member, &n_members);
	for (uint32_t s = 0; s < m->n_stories && rc == NS_OK; s++)
		if (m->stories[s].first_member != first[s])
			rc = NS_CORRUPT();
	for (uint32_t i = 0; i < n_members && rc == NS_OK; i++) {
		uint32_t d;
		rc = ns_story_view_member(&v, i, &d);
		if (rc == NS_OK && d != member[i])
			rc = NS_CORRUPT();
	}
	if (rc == NS_OK && v.n_members != n_members)
		rc = NS_CORRUPT();
	if (rc == NS_OK)
		rc = check_sharing(&v, m, first);
	free(first);
	free(member);
	ns_story_view_close(&v);
	if (rc != NS_OK)
		ns_story_map_release(m);
	return rc;
}

int ns_story_map_validate(const struct ns_story_map *m, char *msg, size_t msglen)
{
	uint32_t *count = calloc((size_t)m->n_stories + 1, sizeof(*count));
	int rc = NS_OK;

	if (!count)
		return NS_ERR_NOMEM;
	for (uint32_t i = 0; i < m->n_docs && rc == NS_OK; i++) {
		uint32_t s = m->docs[i].story;
		if (s == NS_STORY_NONE)
			continue;
		if (s >= m->n_stories) {
			ns_msgf(msg, msglen, "document %u: story %u of %u", i, s, m->n_stories);
			rc = NS_CORRUPT();
		} else {
			count[s]++;
		}
	}
	for (uint32_t s = 0; s < m->n_stories && rc == NS_OK; s++) {
		const struct ns_story *st = &m->stories[s];
		if (count[s] == 0 || count[s] != st->n_live || st->n_seen < st->n_live) {
			ns_msgf(msg, msglen, "story %016llx: %u live documents, %u recorded",
				(unsigned long long)st->id, count[s], st->n_live);
			rc = NS_CORRUPT();
		} else if (s > 0 && st->id <= m->stories[s - 1].id) {
			ns_msgf(msg, msglen, "story %016llx: id out of order",
				(unsigned long long)st->id);
			rc = NS_CORRUPT();
		} else if (st->n_seen == 1 && st->n_terms > 0) {
			ns_msgf(msg, msglen, "story %016llx: a centroid stored for one article",
				(unsigned long long)st->id);
			rc = NS_CORRUPT();
		} else if (!(st->mass >= 0.0f) || st->n_terms > NS_STORY_TERMS ||
			   (st->first_day == NS_STORY_NO_DAY) != (st->last_day == NS_STORY_NO_DAY) ||
			   st->first_day > st->last_day) {
			ns_msgf(msg, msglen, "story %016llx: bad centroid or dates",
				(unsigned long long)st->id);
			rc = NS_CORRUPT();
		}
	}
	free(count);
	return rc;
}

void ns_story_map_release(struct ns_story_map *m)
{
	free(m->docs);
	free(m->stories);
	memset(m, 0, sizeof(*m));
}
