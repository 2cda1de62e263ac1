/* SPDX-License-Identifier: MIT */
/* recwriter.c -- text groups and document records (see recwriter.h).
 *
 * The caller fills one group (texts, and each record's head) while the
 * worker compresses and writes the one before: a group is written whole,
 * its records right after it, so only the worker needs to know the file
 * offsets (a record points back to its group, format.h).  Groups
 * alternate between two slots; the caller waits only when it has filled
 * a group before the worker has written the previous one.
 *
 * Each group is one zstd frame compressed with a dictionary trained on
 * the segment's first DICT_SAMPLE bytes of text: a 32 KB group alone does
 * not see enough text to find the language's common strings, the
 * dictionary gives it them.  Measured on 32 KB groups, dictionary from the
 * first 1 MB, level 3, against libdeflate level 6 (the format before):
 * 20 Newsgroups 0.404 vs 0.413 of the text, Reuters 0.356 vs 0.390, BBC
 * News 0.378 vs 0.402, compressing about 1.8 times as fast.  So the first
 * groups wait (the prelude) until the dictionary is trained; they are then
 * written in order, in the caller's thread while the worker has nothing.
 * When the writer may hold more (ns_recw_allow_raw_dict()), the prelude
 * waits for 16 MB and the dictionary may be raw text instead (textdict.h).
 */
#include "recwriter.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zdict.h>
#include <zstd.h>

#include "buf.h"
#include "error.h"
#include "format.h"
#include "textdict.h"

/* Per document in a group's heads: head_len:u32 text_len:u32 text_off:u32
 * then the head's bytes (native byte order: it never leaves memory). */
#define HEAD_META 12
#define MAX_TEXT ((size_t)1 << 31)

#define DICT_SAMPLE ((size_t)1 << 20)	/* text the dictionary learns from */
#define DICT_MIN ((size_t)128 << 10)	/* less text: no dictionary */
#define DICT_MAX ((size_t)64 << 10)	/* largest dictionary */
#define DICT_PIECE 2048			/* the trainer's sample size */
#define RAW_HEADS_MAX ((size_t)4 << 20)	/* heads held waiting for a raw sample */

struct group {
	struct ns_buf raw;	/* the texts, one after the other */
	struct ns_buf heads;	/* per document: HEAD_META bytes, then the head */
	uint32_t first_doc;
	uint32_t n_docs;
};

struct ns_recw {
	struct ns_wfile *f;
	int err;		/* first error of the writes (worker side) */
	int caller_err;		/* first error seen by the caller (sticky) */
	uint32_t n_docs;	/* documents added */

	/* the prelude: groups held until the dictionary is trained */
	struct group *pre;
	size_t n_pre, pre_cap, pre_bytes, pre_held;	/* texts; all it holds */
	size_t pre_heads;	/* of pre_held, the records' heads */
	int dict_written;
	int level;
	int raw_ok;		/* may wait for a raw dictionary (textdict.h) */
	uint8_t *raw_dict;	/* the raw dictionary cdict reads in place */

	/* written by the worker (or the caller when not threaded) */
	ZSTD_CCtx *zc;
	ZSTD_CDict *cdict;	/* NULL: no dictionary */
	struct ns_buf z;	/* a compressed group */
	struct ns_buf rec;	/* a record */
	struct ns_diskarr off;	/* record offsets (u64), in a scratch file:
				 * 8 bytes per document (diskarr.h) */

	struct group groups[2];
	int fill;		/* the group being filled */

	int threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int pending[2];		/* handed to the worker, not written yet */
	int next;		/* the group the worker writes next */
	int stop;
};

static void set_err(struct ns_recw *r, int rc)
{
	if (!r->err)
		r->err = rc;
}

/* The caller learns of an error of the writes (errno is per thread: an
 * I/O error's is the file's saved one). */
static void take_err(struct ns_recw *r)
{
	if (r->err && !r->caller_err) {
		r->caller_err = r->err;
		if (r->err == NS_ERR_IO)
			errno = r->f->saved_errno;
	}
}

/* Compresses group g and writes it and its records. */
static void write_group(struct ns_recw *r, struct group *g)
{
	uint8_t head[NS_FMT_GROUP_HEAD], le[4];
	const uint8_t *h = g->heads.data, *h_end = g->heads.data + g->heads.len;
	uint64_t group_at = r->f->off;
	size_t bound;
	int rc;

	if (r->err || g->n_docs == 0)
		return;
	rc = ns_diskarr_reserve(&r->off, (uint64_t)g->first_doc + g->n_docs);
	if (rc != NS_OK) {
		if (rc == NS_ERR_IO)
			r->f->saved_errno = errno;
		set_err(r, rc);
		return;
	}
	bound = ZSTD_compressBound(g->raw.len);
	ns_buf_reset(&r->z);
	if (ns_buf_reserve(&r->z, bound) != NS_OK) {
		set_err(r, NS_ERR_NOMEM);
		return;
	}
	if (r->cdict && r->raw_dict)
		r->z.len = ns_textdict_compress(r->zc, r->cdict, r->z.data, bound,
						g->raw.data ? g->raw.data : (const void *)"",
						g->raw.len);
	else if (r->cdict)
		r->z.len = ZSTD_compress_usingCDict(r->zc, r->z.data, bound,
						    g->raw.data ? g->raw.data : (const void *)"",
						    g->raw.len, r->cdict);
	else
		r->z.len = ZSTD_compressCCtx(r->zc, r->z.data, bound,
					     g->raw.data ? g->raw.data : (const void *)"",
					     g->raw.len, r->level);
	if (ZSTD_isError(r->z.len) || r->z.len > UINT32_MAX) {
		/* with the bound's room only a failed allocation */
		set_err(r, NS_ERR_NOMEM);
		return;
	}
	ns_put_u32(head + NS_FMT_GROUP_ZLEN, (uint32_t)r->z.len);
	ns_put_u32(head + NS_FMT_GROUP_RAW_LEN, (uint32_t)g->raw.len);
	ns_put_u32(head + NS_FMT_GROUP_FIRST_DOC, g->first_doc);
	ns_put_u32(head + NS_FMT_GROUP_N_DOCS, g->n_docs);
	ns_put_u32(head + NS_FMT_GROUP_RAW_CRC, ns_crc32(g->raw.data, g->raw.len));
	ns_put_u32(head + NS_FMT_GROUP_CRC,
		   ns_crc32_update(ns_crc32(head + NS_FMT_GROUP_ZLEN,
					    NS_FMT_GROUP_HEAD - NS_FMT_GROUP_ZLEN),
				   r->z.data, r->z.len));
	ns_wfile_write(r->f, head, sizeof(head));
	ns_wfile_write(r->f, r->z.data, r->z.len);

	for (uint32_t i = 0; i < g->n_docs && h + HEAD_META <= h_end; i++) {
		uint32_t head_len, text_len, text_off, crc;
		uint64_t rec_at = r->f->off;
		uint8_t rh[NS_FMT_RECORD_HEAD];
		memcpy(&head_len, h, 4);
		memcpy(&text_len, h + 4, 4);
		memcpy(&text_off, h + 8, 4);
		h += HEAD_META;
		ns_buf_reset(&r->rec);
		ns_buf_append(&r->rec, h, head_len);
		h += head_len;
		ns_buf_put_varint(&r->rec, text_len);
		ns_buf_put_varint(&r->rec, text_off);
		ns_buf_put_varint(&r->rec, rec_at - group_at);
		if (r->rec.err || r->rec.len > UINT32_MAX) {
			set_err(r, r->rec.err ? NS_ERR_NOMEM : NS_ERR_LIMIT);
			return;
		}
		/* the CRC binds the record to its docid (format.h) */
		ns_put_u32(le, g->first_doc + i);
		crc = ns_crc32_update(ns_crc32(le, 4), r->rec.data, r->rec.len);
		ns_put_u32(rh + NS_FMT_RECORD_CRC, crc);
		ns_put_u32(rh + NS_FMT_RECORD_LEN, (uint32_t)r->rec.len);
		ns_wfile_write(r->f, rh, sizeof(rh));
		ns_wfile_write(r->f, r->rec.data, r->rec.len);
		*(uint64_t *)ns_diskarr_at(&r->off, g->first_doc + i) = rec_at - NS_FMT_HEADER_LEN;
	}
	if (r->f->err)
		set_err(r, r->f->err);
}

static void *worker(void *arg)
{
	struct ns_recw *r = arg;

	pthread_mutex_lock(&r->mu);
	for (;;) {
		int j = r->next;
		while (!r->pending[j] && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		if (!r->pending[j])
			break;	/* stopped with nothing left */
		pthread_mutex_unlock(&r->mu);
		write_group(r, &r->groups[j]);
		pthread_mutex_lock(&r->mu);
		r->pending[j] = 0;
		r->next = j ^ 1;
		pthread_cond_broadcast(&r->cv);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

static void reset_group(struct ns_recw *r, struct group *g)
{
	ns_buf_reset(&g->raw);
	ns_buf_reset(&g->heads);
	g->first_doc = r->n_docs;
	g->n_docs = 0;
}

/* Moves group g's texts and heads into the prelude; g is left empty. */
static void hold(struct ns_recw *r, struct group *g)
{
	if (r->n_pre == r->pre_cap) {
		size_t cap = r->pre_cap ? 2 * r->pre_cap : 16;
		struct group *p = realloc(r->pre, cap * sizeof(*p));
		if (!p) {
			r->caller_err = NS_ERR_NOMEM;
			return;
		}
		r->pre = p;
		r->pre_cap = cap;
	}
	r->pre[r->n_pre++] = *g;
	r->pre_bytes += g->raw.len;
	r->pre_held += g->raw.cap + g->heads.cap;
	r->pre_heads += g->heads.cap;
	ns_buf_init(&g->raw);
	ns_buf_init(&g->heads);
	g->first_doc = r->n_docs;
	g->n_docs = 0;
}

/* A zstd dictionary trained on the prelude's first DICT_SAMPLE bytes, cut
 * into DICT_PIECE samples, in *dict (malloc'd); its length, or 0 when
 * there is too little text or the trainer fails (then every group is
 * compressed alone: still right, only larger). */
static size_t train_dict(const struct ns_recw *r, uint8_t **dict)
{
	size_t total = r->pre_bytes < DICT_SAMPLE ? r->pre_bytes : DICT_SAMPLE;
	size_t cap = total / 16 < DICT_MAX ? total / 16 : DICT_MAX, used = 0, n = 0, len;
	uint8_t *samples = malloc(total);
	size_t *sizes = malloc((total / DICT_PIECE + r->n_pre + 1) * sizeof(*sizes));

	*dict = malloc(cap);
	if (!samples || !sizes || !*dict) {
		len = 0;
		goto out;
	}
	for (size_t i = 0; i < r->n_pre && used < total; i++) {
		const struct group *g = &r->pre[i];
		for (size_t o = 0; o < g->raw.len && used < total; o += DICT_PIECE) {
			size_t k = g->raw.len - o < DICT_PIECE ? g->raw.len - o : DICT_PIECE;
			if (k > total - used)
				k = total - used;
			memcpy(samples + used, g->raw.data + o, k);
			sizes[n++] = k;
			used += k;
		}
	}
	len = ZDICT_trainFromBuffer(*dict, cap, samples, sizes, (unsigned)n);
	if (ZDICT_isError(len))
		len = 0;
out:
	free(samples);
	free(sizes);
	if (len == 0) {
		free(*dict);
		*dict = NULL;
	}
	return len;
}

/* The prelude's first NS_TEXTDICT_SAMPLE bytes of text, one after the
 * other (malloc'd), or NULL when it holds fewer or memory runs out. */
static uint8_t *prelude_text(const struct ns_recw *r)
{
	uint8_t *t = r->pre_bytes >= NS_TEXTDICT_SAMPLE ? malloc(NS_TEXTDICT_SAMPLE) : NULL;
	size_t used = 0;

	for (size_t i = 0; t && i < r->n_pre && used < NS_TEXTDICT_SAMPLE; i++) {
		size_t k = r->pre[i].raw.len;
		if (k > NS_TEXTDICT_SAMPLE - used)
			k = NS_TEXTDICT_SAMPLE - used;
		memcpy(t + used, r->pre[i].raw.data, k);
		used += k;
	}
	return t;
}

/* Swaps the trained dictionary *dict (dlen bytes) for the raw one when
 * that pays (textdict.h): the prelude's first texts.  Returns the length
 * of *dict, which r->raw_dict then keeps alive for r->cdict. */
static size_t try_raw_dict(struct ns_recw *r, uint8_t **dict, size_t dlen)
{
	uint8_t *t = r->raw_ok ? prelude_text(r) : NULL;

	if (!t || !ns_textdict_raw_pays(t, NS_TEXTDICT_SAMPLE, *dict, dlen, r->level) ||
	    !(r->cdict = ns_textdict_raw_cdict(t, NS_TEXTDICT_LEN, r->level))) {
		free(t);
		return dlen;
	}
	free(*dict);
	*dict = NULL;
	r->raw_dict = t;
	return NS_TEXTDICT_LEN;
}

/* Trains the dictionary (format.h: none for a segment of little text),
 * or takes a raw one (textdict.h), writes its block, then the prelude's
 * groups with it.  Runs in the caller's thread: until now the worker was
 * handed nothing. */
static void settle_dict(struct ns_recw *r)
{
	uint8_t head[NS_FMT_DICT_HEAD];
	uint8_t *dict = NULL;
	size_t dlen = r->pre_bytes >= DICT_MIN ? train_dict(r, &dict) : 0;
	uint32_t crc;

	r->dict_written = 1;
	dlen = try_raw_dict(r, &dict, dlen);
	if (dlen && !r->cdict) {
		r->cdict = ZSTD_createCDict(dict, dlen, r->level);
		if (!r->cdict)
			set_err(r, NS_ERR_NOMEM);
	}
	ns_put_u32(head + NS_FMT_DICT_LEN, (uint32_t)dlen);
	if (r->raw_dict)
		dict = r->raw_dict;
	crc = ns_crc32(head + NS_FMT_DICT_LEN, 4);
	if (dlen)
		crc = ns_crc32_update(crc, dict, dlen);
	ns_put_u32(head + NS_FMT_DICT_CRC, crc);
	if (!r->err) {
		ns_wfile_write(r->f, head, sizeof(head));
		if (dlen)
			ns_wfile_write(r->f, dict, dlen);
		if (r->f->err)
			set_err(r, r->f->err);
	}
	if (dict != r->raw_dict)
		free(dict);
	for (size_t i = 0; i < r->n_pre; i++) {
		write_group(r, &r->pre[i]);
		ns_buf_release(&r->pre[i].raw);
		ns_buf_release(&r->pre[i].heads);
	}
	free(r->pre);
	r->pre = NULL;
	r->n_pre = r->pre_cap = 0;
	take_err(r);
}

/* Whether the prelude holds enough to settle the dictionary: the text a
 * dictionary learns from (the raw one's sample when it may have one), or
 * 2 MB held in all -- many tiny articles: their records, not their texts,
 * would fill memory before the sample is there.  Waiting for a raw
 * dictionary's sample, the texts may take more than that: then only the
 * heads count, up to RAW_HEADS_MAX (news articles of ~1.5 KB bring ~130
 * bytes of head each: some 1.5 MB with the sample). */
static int prelude_full(const struct ns_recw *r)
{
	if (r->raw_ok)
		return r->pre_bytes >= NS_TEXTDICT_SAMPLE || r->pre_heads >= RAW_HEADS_MAX;
	return r->pre_bytes >= DICT_SAMPLE || r->pre_held >= 2 * DICT_SAMPLE;
}

/* Hands the group being filled to the worker (or writes it) and makes
 * the other one the group to fill. */
static void submit(struct ns_recw *r)
{
	int c = r->fill;

	if (!r->dict_written) {
		hold(r, &r->groups[c]);
		/* many tiny articles: their records, not their texts, would
		 * fill memory before the sample is there */
		if (prelude_full(r) && !r->caller_err)
			settle_dict(r);
		return;
	}
	if (!r->threaded) {
		write_group(r, &r->groups[c]);
		take_err(r);
		reset_group(r, &r->groups[c]);
		return;
	}
	pthread_mutex_lock(&r->mu);
	r->pending[c] = 1;
	pthread_cond_broadcast(&r->cv);
	while (r->pending[c ^ 1])
		pthread_cond_wait(&r->cv, &r->mu);
	take_err(r);
	pthread_mutex_unlock(&r->mu);
	r->fill = c ^ 1;
	reset_group(r, &r->groups[r->fill]);
}

int ns_recw_new(struct ns_wfile *f, const char *scratch_dir, int level, int threaded,
		struct ns_recw **out)
{
	struct ns_recw *r = calloc(1, sizeof(*r));

	*out = NULL;
	if (!r)
		return NS_ERR_NOMEM;
	ns_diskarr_init(&r->off, scratch_dir, sizeof(uint64_t));
	r->f = f;
	r->level = level;
	r->zc = ZSTD_createCCtx();
	if (!r->zc) {
		free(r);
		return NS_ERR_NOMEM;
	}
	/* One order of write events for the fault hooks (fileio.h), and no
	 * thread on one core.  The hooks are initialised here, before the
	 * worker can reach them. */
	if (threaded && (ns_fileio_faults_armed() || sysconf(_SC_NPROCESSORS_ONLN) < 2))
		threaded = 0;
	if (threaded && ns_fileio_fault_point() != 0)
		threaded = 0;
	if (threaded && pthread_mutex_init(&r->mu, NULL) == 0) {
		if (pthread_cond_init(&r->cv, NULL) == 0) {
			if (pthread_create(&r->thread, NULL, worker, r) == 0)
				r->threaded = 1;
			else
				pthread_cond_destroy(&r->cv);
		}
		if (!r->threaded)
			pthread_mutex_destroy(&r->mu);
	}
	*out = r;
	return NS_OK;
}

int ns_recw_starts_group(const struct ns_recw *r)
{
	return r->groups[r->fill].n_docs == 0;
}

void ns_recw_allow_raw_dict(struct ns_recw *r)
{
	if (!r->dict_written && r->n_docs == 0)
		r->raw_ok = 1;
}

int ns_recw_add(struct ns_recw *r, const uint8_t *head, size_t head_len, const char *text,
		size_t text_len)
{
	struct group *g = &r->groups[r->fill];
	uint32_t meta[3];

	if (r->caller_err)
		return r->caller_err;
	if (text_len > MAX_TEXT || head_len > MAX_TEXT || r->n_docs == UINT32_MAX)
		return r->caller_err = NS_ERR_LIMIT;
	if (g->n_docs == 0)
		g->first_doc = r->n_docs;
	meta[0] = (uint32_t)head_len;
	meta[1] = (uint32_t)text_len;
	meta[2] = (uint32_t)g->raw.len;
	ns_buf_append(&g->heads, meta, sizeof(meta));
	ns_buf_append(&g->heads, head, head_len);
	ns_buf_append(&g->raw, text, text_len);
	if (g->heads.err || g->raw.err)
		return r->caller_err = NS_ERR_NOMEM;
	g->n_docs++;
	r->n_docs++;
	if (g->raw.len >= NS_FMT_TEXT_GROUP)
		submit(r);
	return r->caller_err;
}

static void stop_worker(struct ns_recw *r)
{
	if (!r->threaded)
		return;
	pthread_mutex_lock(&r->mu);
	while (r->pending[0] || r->pending[1])
		pthread_cond_wait(&r->cv, &r->mu);
	r->stop = 1;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	r->threaded = 0;
}

static void free_recw(struct ns_recw *r)
{
	ZSTD_freeCCtx(r->zc);
	ZSTD_freeCDict(r->cdict);
	free(r->raw_dict);
	for (size_t i = 0; i < r->n_pre; i++) {
		ns_buf_release(&r->pre[i].raw);
		ns_buf_release(&r->pre[i].heads);
	}
	free(r->pre);
	for (int i = 0; i < 2; i++) {
		ns_buf_release(&r->groups[i].raw);
		ns_buf_release(&r->groups[i].heads);
	}
	ns_buf_release(&r->z);
	ns_buf_release(&r->rec);
	ns_diskarr_release(&r->off);
	free(r);
}

int ns_recw_finish(struct ns_recw *r, struct ns_diskarr *record_off, uint32_t *n)
{
	int rc;

	ns_diskarr_init(record_off, r->off.dir, sizeof(uint64_t));
	*n = 0;
	if (!r->caller_err && r->groups[r->fill].n_docs > 0)
		submit(r);
	if (!r->caller_err && !r->dict_written)
		settle_dict(r);
	stop_worker(r);
	take_err(r);
	rc = r->caller_err;
	if (rc == NS_OK) {
		*record_off = r->off;
		*n = r->n_docs;
		ns_diskarr_init(&r->off, r->off.dir, sizeof(uint64_t));
	}
	free_recw(r);
	return rc;
}

void ns_recw_abort(struct ns_recw *r)
{
	if (!r)
		return;
	stop_worker(r);
	free_recw(r);
}
