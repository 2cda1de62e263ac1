/* SPDX-License-Identifier: MIT */
/* story.c -- assign stories to an update's articles (story.h). */
#include "story.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ahead.h"
#include "deletes.h"
#include "diskarr.h"
#include "error.h"
#include "format.h"
#include "fieldterm.h"
#include "ordered.h"
#include "segset.h"
#include "story_sig.h"
#include "story_text.h"
#include "topterms.h"

#define STORY_MIN_WINDOW 4096	/* documents sketched per postings pass, at least */
#define SIG_LEN 20		/* exact:u64 near:u64 day:i32 of a new document */
#define SIG_NAME "stories-sig.tmp"
#define MAX_CAND_STORIES 1024	/* candidate stories compared per article */
#define TF_LOG_MAX 64		/* 1 + ln tf from a table below this */
#define PROBE_SCAN 256		/* postings a probe reads per segment, about:
				 * the latest before the article */

/* New document d as assign_one() sees it. */
struct new_doc {
	const struct ns_story_sig *sig;
	int32_t day;
};

/* One term of the new segment, by dictionary order.  Kept small: a big
 * update's vocabulary is held whole (a probe looks its postings up in the
 * dictionary again, through a small cache, rather than keep them here). */
struct term {
	uint32_t hash;
	uint32_t len;
	uint64_t off;		/* in the string pool */
	uint32_t df;		/* over the whole index after the update */
	float idf;		/* of the sketch weights */
};

/* A dictionary entry of the new segment a probe looked up, and its
 * documents once a probe read them: a story's articles probe the same
 * terms one after the other, so each term's postings are decoded once, not
 * once per article. */
#define TI_CACHE_MIN 4096	/* slots, direct-mapped by term ordinal, a */
#define TI_CACHE_MAX 65536	/* power of two: a quarter of the sketches'
				 * memory within these bounds */
struct ti_slot {
	uint32_t ord;	/* + 1, 0: empty */
	struct ns_term_info ti;
	uint32_t *docs;	/* its docids (deleted ones too), or NULL: not read */
	uint32_t n_docs;
};

/* The sketches of new documents lo..hi-1 being made. */
struct window {
	uint32_t lo, hi;
	struct ns_topterm *sk;	/* NS_STORY_SKETCH per document */
	uint8_t *n_sk;
	float *min_w;
	uint32_t *n_distinct;
};

/* A story as a candidate of the article being assigned. */
struct seen {
	uint32_t stamp;		/* the article (stamp_now) */
	uint8_t probes;		/* bit i: found through its probe i */
};

struct ns_story_build {
	const char *dir;
	struct ns_story_map old;	/* the index's map before the update */
	/* The tables per story and per new document are kept in scratch
	 * files (diskarr.h): ten million articles make millions of stories
	 * of 116 bytes, more than any --memory; the pointers below point
	 * into them (again after each growth). */
	struct ns_diskarr stories_tab, stamp_tab, new_ids_tab, new_story_tab;
	struct ns_story *stories;	/* the old stories, then the new */
	size_t n_stories;
	size_t cap_stories;
	uint64_t *new_ids;	/* ids of the stories started by the update: an
				 * open-addressing set (0 = empty) */
	size_t cap_new_ids;	/* power of two */
	/* Per new document its signatures and day (SIG_LEN bytes), spilled
	 * to a file in the index directory as they come (a million articles
	 * must index in a small --memory) and mapped back to assign stories. */
	char *sig_path;		/* DIR/stories-sig.tmp */
	FILE *sig_out;		/* being written, or NULL */
	uint32_t sig_at;	/* the entry sig_out is at */
	uint32_t n_put;		/* entries written (each document once) */
	struct ns_map sig_map;	/* mapped by ns_story_build_assign() */
	int sig_err;		/* a write failed: NS_ERR_IO */
	uint32_t *new_story;	/* per new document: its working story index */
	uint32_t *root;		/* per working story: the story it was merged
				 * into (itself if none), or NULL: no merges */
	uint32_t n_new;
	uint64_t n_old_docs;	/* > 0: the old map must be remade (rebuild) */
	struct ns_analyzer *an;	/* the index's, to sketch an earlier article
				 * again (story_text.h); NULL: never */
	struct seen *stamp;	/* per story: the last article that saw it */
	uint32_t stamp_now;
	uint64_t n_joined;
	uint64_t n_started;
};

int ns_story_build_new(const char *dir, uint64_t old_gen, uint64_t old_n_docs, int rebuild,
		       struct ns_story_build **out, char *msg, size_t msglen)
{
	struct ns_story_build *sb = calloc(1, sizeof(*sb));
	char why[256] = "";
	int rc = NS_OK;

	*out = NULL;
	if (!sb)
		return NS_ERR_NOMEM;
	sb->dir = dir;
	ns_diskarr_init(&sb->stories_tab, dir, sizeof(struct ns_story));
	ns_diskarr_init(&sb->stamp_tab, dir, sizeof(struct seen));
	ns_diskarr_init(&sb->new_ids_tab, dir, sizeof(uint64_t));
	ns_diskarr_init(&sb->new_story_tab, dir, sizeof(uint32_t));
	sb->sig_path = ns_path_join(dir, SIG_NAME);
	if (!sb->sig_path) {
		free(sb);
		return NS_ERR_NOMEM;
	}
	if (old_gen) {
		rc = ns_story_map_read(dir, old_gen, &sb->old);
		if (rc == NS_OK && sb->old.n_docs != old_n_docs) {
			snprintf(why, sizeof(why), "%u documents, the index has %llu", sb->old.n_docs,
				 (unsigned long long)old_n_docs);
			rc = NS_CORRUPT();
		}
		if (rc == NS_OK)
			rc = ns_story_map_validate(&sb->old, why, sizeof(why));
		if (rc != NS_OK && rc != NS_ERR_NOMEM && rebuild) {
			ns_story_map_release(&sb->old);
			sb->n_old_docs = old_n_docs;	/* made from the segments */
			rc = NS_OK;
		}
		if (rc != NS_OK) {
			char name[48];
			ns_story_file_name(name, old_gen);
			ns_msgf(msg, msglen, "%s/%s: %s%s%s (rebuild with nindex --full)", dir, name,
				rc == NS_ERR_NOTFOUND ? "missing" : ns_strerror(rc), why[0] ? ": " : "",
				why);
			ns_story_build_free(sb);
			return rc == NS_ERR_NOTFOUND ? NS_ERR_CORRUPT : rc;
		}
	}
	sb->cap_stories = (size_t)sb->old.n_stories + 64;
	rc = ns_diskarr_reserve(&sb->stories_tab, sb->cap_stories);
	if (rc != NS_OK) {
		ns_msgf(msg, msglen, "cannot write in '%s': %s", dir,
			rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
		ns_story_build_free(sb);
		return rc;
	}
	sb->stories = ns_diskarr_at(&sb->stories_tab, 0);
	if (sb->old.n_stories)
		memcpy(sb->stories, sb->old.stories, sb->old.n_stories * sizeof(*sb->stories));
	sb->n_stories = sb->old.n_stories;
	*out = sb;
	return NS_OK;
}

static void close_sigs(struct ns_story_build *sb);

void ns_story_build_free(struct ns_story_build *sb)
{
	if (!sb)
		return;
	ns_story_map_release(&sb->old);
	ns_diskarr_release(&sb->stories_tab);
	close_sigs(sb);
	free(sb->sig_path);
	free(sb->root);
	ns_diskarr_release(&sb->new_story_tab);
	ns_diskarr_release(&sb->stamp_tab);
	ns_diskarr_release(&sb->new_ids_tab);
	free(sb);
}

int ns_story_build_put(struct ns_story_build *sb, uint32_t docid,
		       const struct ns_story_sig *sig, int64_t date_key)
{
	uint8_t e[SIG_LEN];

	if (!sb->sig_out) {
		sb->sig_out = fopen(sb->sig_path, "wb");
		if (!sb->sig_out)
			return NS_ERR_IO;
	}
	ns_put_u64(e, sig->exact);
	ns_put_u64(e + 8, sig->near);
	ns_put_u32(e + 16, (uint32_t)ns_story_day(date_key));
	/* a lane's articles come later than the ones after them (lane.h) */
	if (docid != sb->sig_at &&
	    fseeko(sb->sig_out, (off_t)docid * SIG_LEN, SEEK_SET) != 0)
		return NS_ERR_IO;
	if (fwrite(e, 1, SIG_LEN, sb->sig_out) != SIG_LEN)
		return NS_ERR_IO;
	sb->sig_at = docid + 1;
	sb->n_put++;
	if (docid + 1 > sb->n_new)
		sb->n_new = docid + 1;
	return NS_OK;
}

int ns_story_build_add(struct ns_story_build *sb, uint32_t docid, const char *id, const char *title,
		       size_t title_len, const char *body, size_t body_len, int64_t date_key)
{
	struct ns_story_sig sig;

	(void)id;	/* a story's id comes from its first article's text */
	ns_story_sig(title, title_len, body, body_len, &sig);
	return ns_story_build_put(sb, docid, &sig, date_key);
}

/* New document d's signatures and day, from the mapped file. */
static void get_sig(const struct ns_story_build *sb, uint32_t d, struct ns_story_sig *sig,
		    int32_t *day)
{
	const uint8_t *e = sb->sig_map.data + (size_t)d * SIG_LEN;

	sig->exact = ns_get_u64(e);
	sig->near = ns_get_u64(e + 8);
	if (day)
		*day = (int32_t)ns_get_u32(e + 16);
}

/* Asks the processor for new document d's signatures ahead of their use:
 * a probe reads them at its postings' docids, scattered over a file of
 * 20 bytes an article, and most of its time went to waiting for them. */
#define SIG_AHEAD 8	/* postings ahead */

static inline void prefetch_sig(const struct ns_story_build *sb, uint32_t d)
{
	__builtin_prefetch((const uint8_t *)sb->sig_map.data + (size_t)d * SIG_LEN);
}

/* Closes the file of signatures (a write error sticks) and maps it. */
static int map_sigs(struct ns_story_build *sb)
{
	int rc;

	if (!sb->sig_out)
		return NS_OK;
	rc = fclose(sb->sig_out) == 0 ? NS_OK : NS_ERR_IO;
	sb->sig_out = NULL;
	if (rc == NS_OK)
		rc = ns_map_file(sb->sig_path, &sb->sig_map);
	if (rc == NS_OK && (sb->sig_map.len != (uint64_t)sb->n_new * SIG_LEN ||
			    sb->n_put != sb->n_new))
		rc = NS_ERR_IO;
	return rc;
}

static void close_sigs(struct ns_story_build *sb)
{
	if (sb->sig_out)
		fclose(sb->sig_out);
	sb->sig_out = NULL;
	if (sb->sig_map.data)
		ns_unmap_file(&sb->sig_map);
	sb->sig_map.data = NULL;
	if (sb->sig_path)
		unlink(sb->sig_path);
}

void ns_story_build_set_analyzer(struct ns_story_build *sb, struct ns_analyzer *an)
{
	sb->an = an;
}

void ns_story_build_counts(const struct ns_story_build *sb, uint64_t *n_joined,
			   uint64_t *n_started)
{
	*n_joined = sb->n_joined;
	*n_started = sb->n_started;
}

/* ---- assignment ---- */

struct assign {
	struct ns_story_build *sb;
	const struct ns_story_seg *segs;
	size_t n_segs;
	const struct ns_story_seg *nw;	/* the new segment */
	uint64_t n_live;	/* N: live documents after the update */
	uint64_t df_cap;	/* terms of larger df are not probed */
	struct term *terms;	/* in terms_tab */
	uint32_t n_terms;
	uint32_t *next_doc;	/* per term, in next_tab: its first document
				 * after the window sketched last (NS_POST_END:
				 * none), or NULL: one window */
	/* the new segment's vocabulary, in scratch files as the stories
	 * (ns_story_build): millions of terms at ten million articles */
	struct ns_diskarr terms_tab, pool_tab, next_tab;
	struct ti_slot *ti_cache;	/* the new segment's entries of the terms
					 * probed lately, by ordinal */
	uint32_t ti_mask;		/* its slots - 1 */
	uint64_t docs_room;		/* docids the slots may still hold */
	int popcnt;			/* the processor has POPCNT */
	char *pool;
	uint64_t pool_len;
	float one_ln[TF_LOG_MAX];	/* 1 + ln tf, for small tf */
	uint32_t *cand;		/* candidate stories of the article */
	size_t n_cand;
	uint32_t *closest;	/* per new document: the most similar story it
				 * did not join, or NS_STORY_NONE
				 * (merge_stories) */
	uint32_t first_new;	/* stories from here on started in this run */
	uint32_t *solo_doc;	/* per earlier story of one article: its
				 * document in the old map, else UINT32_MAX */
	uint8_t *solo_done;	/* per earlier story: its sketch was made */
};

static int is_live(const struct ns_story_seg *s, uint32_t d)
{
	return !s->del || !ns_del_test(s->del, d);
}

static int sketch_term(struct assign *a, struct window *win, uint32_t ord,
		       const struct ns_term_info *ti);

/* Counts the live documents, lists the new segment's terms with their
 * index-wide df and keeps their strings (for probes); with win, sketches
 * its documents in the same walk of the dictionary. */
static int list_terms(struct assign *a, struct window *win)
{
	struct ns_term_iter *it;
	const char *t;
	size_t len, cap = 0, pool_cap = 0;
	struct ns_term_info ti;
	int rc;

	for (size_t i = 0; i < a->n_segs; i++) {
		const struct ns_story_seg *s = &a->segs[i];
		a->n_live += s->n_docs - (s->del ? ns_del_count(s->del, s->n_docs) : 0);
	}
	for (uint32_t tf = 1; tf < TF_LOG_MAX; tf++)
		a->one_ln[tf] = (float)(1.0 + log((double)tf));
	a->df_cap = a->n_live / 20;
	a->df_cap = a->df_cap < NS_STORY_DF_CAP_MIN ? NS_STORY_DF_CAP_MIN
		    : a->df_cap > NS_STORY_DF_CAP_MAX ? NS_STORY_DF_CAP_MAX : a->df_cap;
	rc = ns_term_iter_new(a->nw->r, &it);
	if (rc != NS_OK)
		return rc;
	while ((rc = ns_term_iter_next(it, &t, &len, &ti)) == NS_OK) {
		struct term *e;
		uint64_t df = ti.df;
		if (a->n_terms == cap) {
			size_t c = cap ? 2 * cap : 1024;
			rc = ns_diskarr_reserve(&a->terms_tab, c);
			if (rc != NS_OK)
				break;
			a->terms = ns_diskarr_at(&a->terms_tab, 0);
			cap = c;
		}
		for (size_t i = 0; i < a->n_segs && len && t[0] != NS_FT_MARK; i++) {
			struct ns_term_info oi;
			int lr;
			if (a->segs[i].is_new)
				continue;
			lr = ns_segr_lookup(a->segs[i].r, t, len, &oi);
			if (lr == NS_OK)
				df += oi.df;
			else if (lr != NS_DONE) {
				rc = lr;
				break;
			}
		}
		if (rc != NS_OK && rc != NS_DONE)
			break;
		if (a->pool_len + len > pool_cap) {
			size_t c = pool_cap ? 2 * pool_cap : 1 << 16;
			while (c < a->pool_len + len)
				c *= 2;
			rc = ns_diskarr_reserve(&a->pool_tab, c);
			if (rc != NS_OK)
				break;
			a->pool = ns_diskarr_at(&a->pool_tab, 0);
			pool_cap = c;
		}
		e = &a->terms[a->n_terms++];
		e->hash = ns_story_term_hash(t, len);
		e->len = (uint32_t)len;
		e->off = a->pool_len;
		/* field terms (I5) never take part: df 0 marks them */
		if (df > UINT32_MAX)
			df = UINT32_MAX;
		e->df = (len && t[0] == NS_FT_MARK) || ns_story_is_stopword(t, len) ? 0 : (uint32_t)df;
		e->idf = (float)ns_story_weight(1, 0, e->df, a->n_live);
		memcpy(a->pool + a->pool_len, t, len);
		a->pool_len += len;
		rc = win ? sketch_term(a, win, a->n_terms - 1, &ti) : NS_OK;
		if (rc != NS_OK)
			break;
	}
	ns_term_iter_free(it);
	return rc == NS_DONE ? NS_OK : rc;
}

/* Empties slot c's documents. */
static void drop_docs(struct assign *a, struct ti_slot *c)
{
	a->docs_room += c->n_docs;
	free(c->docs);
	c->docs = NULL;
	c->n_docs = 0;
}

/* Reads the docids of slot c's term into it, when there is room (else
 * leaves it without: the probe reads the postings itself). */
static int read_docs(struct assign *a, struct ti_slot *c)
{
	struct ns_post p;
	const uint32_t *docs;
	uint32_t n;
	int rc;

	if (c->docs || c->ti.df > a->docs_room || !(c->docs = malloc(((size_t)c->ti.df + 1) *
								     sizeof(*c->docs))))
		return NS_OK;
	rc = ns_post_open(&p, a->nw->r, &c->ti);
	while (rc == NS_OK && (rc = ns_post_next_docs(&p, &docs, &n)) == NS_OK) {
		if (c->n_docs + n > c->ti.df) {
			rc = NS_CORRUPT();
			break;
		}
		memcpy(c->docs + c->n_docs, docs, n * sizeof(*docs));
		c->n_docs += n;
	}
	ns_post_release(&p);
	if (rc == NS_DONE && c->n_docs == c->ti.df) {
		a->docs_room -= c->n_docs;
		return NS_OK;
	}
	free(c->docs);
	c->docs = NULL;
	c->n_docs = 0;
	return rc == NS_DONE ? NS_CORRUPT() : rc;
}

/* Room for the sketches of n documents. */
static int window_alloc(struct window *w, uint32_t n)
{
	w->sk = malloc((size_t)n * NS_STORY_SKETCH * sizeof(*w->sk));
	w->n_sk = malloc(n);
	w->n_distinct = malloc((size_t)n * sizeof(*w->n_distinct));
	w->min_w = malloc((size_t)n * sizeof(*w->min_w));
	return w->sk && w->n_sk && w->n_distinct && w->min_w ? NS_OK : NS_ERR_NOMEM;
}

static void window_free(struct window *w)
{
	free(w->sk);
	free(w->n_sk);
	free(w->n_distinct);
	free(w->min_w);
}

/* Starts the sketches of documents lo..hi-1. */
static void window_start(struct window *w, uint32_t lo, uint32_t hi)
{
	w->lo = lo;
	w->hi = hi;
	memset(w->n_sk, 0, hi - lo);
	memset(w->n_distinct, 0, (hi - lo) * sizeof(*w->n_distinct));
}

/* Adds term ord of the new segment (entry ti) to the sketches of the
 * window's documents that hold it. */
static int sketch_term(struct assign *a, struct window *win, uint32_t ord,
		       const struct ns_term_info *ti)
{
	const struct term *e = &a->terms[ord];
	struct ns_post p;
	int in_sketch = 0, rc;

	if (e->df == 0)
		return NS_OK;
	/* none of its documents in the window: not even opened (a window's
	 * walk opens the few terms of its own documents, not every term) */
	if (a->next_doc && a->next_doc[ord] >= win->hi)
		return NS_OK;
	rc = ns_post_open(&p, a->nw->r, ti);
	if (rc == NS_OK)
		rc = ns_post_advance(&p, win->lo);
	while (rc == NS_OK && p.docid < win->hi) {
		uint32_t d = p.docid - win->lo;
		uint32_t tf = ns_post_tf(&p) + ns_post_title_tf(&p);
		/* ns_story_weight(): (1 + ln tf') * idf */
		float w = (tf < TF_LOG_MAX ? a->one_ln[tf] : 1.0f + logf((float)tf)) * e->idf;
		win->n_distinct[d]++;
		in_sketch |= ns_topterms_push(win->sk + (size_t)d * NS_STORY_SKETCH,
					      &win->n_sk[d], &win->min_w[d], ord, w);
		rc = ns_post_next(&p);
	}
	if (a->next_doc && rc == NS_OK)
		a->next_doc[ord] = p.docid;	/* >= win->hi */
	else if (a->next_doc && rc == NS_DONE)
		a->next_doc[ord] = NS_POST_END;
	ns_post_release(&p);
	/* a term some sketch took may be probed: its entry is at hand, so the
	 * probe need not look it up in the dictionary again */
	if (in_sketch && e->df > 1 && e->df <= a->df_cap &&
	    a->ti_cache[ord & a->ti_mask].ord != ord + 1) {
		struct ti_slot *c = &a->ti_cache[ord & a->ti_mask];
		drop_docs(a, c);
		c->ord = ord + 1;
		c->ti = *ti;
	}
	return rc == NS_DONE ? NS_OK : rc;
}

/* Sketches the window's documents from the new segment's postings. */
static int sketch_window(struct assign *a, struct window *win)
{
	struct ns_term_iter *it;
	struct ns_term_info ti;
	const char *t;
	size_t len;
	uint32_t ord = 0;
	int rc = ns_term_iter_new(a->nw->r, &it);

	if (rc != NS_OK)
		return rc;
	while ((rc = ns_term_iter_next(it, &t, &len, &ti)) == NS_OK)
		if ((rc = sketch_term(a, win, ord++, &ti)) != NS_OK)
			break;
	ns_term_iter_free(it);
	return rc == NS_DONE ? NS_OK : rc;
}

/* A candidate article: its story, and whether it is a copy. */
struct best_copy {
	uint32_t story;
	int bits;		/* hamming distance, 0 for an exact copy */
};

/* A candidate article a probe found, as the decision needs it.  The
 * gathering (sketch, probes) needs no story of the run, so it can run a
 * chunk ahead of the decisions, on another thread (ahead.h). */
struct cand_ref {
	uint32_t ref;		/* a new document, or the story of an old one */
	uint8_t is_new;
	uint8_t bits;		/* hamming distance of the signatures, 0: a copy */
	uint8_t probe_no;
};

/* New document d gathered: its finished sketch (m terms), how many probes
 * it made, its candidates (refs[first .. first + n) of its chunk, in the
 * order the probes found them). */
struct gathered {
	uint32_t d;
	uint32_t n_distinct;
	uint8_t m;
	uint8_t probes;
	struct ns_story_term t[NS_STORY_SKETCH];
	size_t first, n;
};

/* Documents gathered at once, handed to the decisions together. */
#define CHUNK_DOCS 128

struct chunk {
	struct gathered docs[CHUNK_DOCS];
	uint32_t n_docs;
	struct cand_ref *refs;
	size_t n_refs, cap_refs;
	uint32_t resume, end;	/* both threads gathering: the piece's
				 * documents resume..end-1 are left to gather
				 * (its candidates reached max_refs) */
};

/* Room for more refs in c. */
static int reserve_refs(struct chunk *c, size_t more)
{
	size_t cap = c->cap_refs ? c->cap_refs : 4096;
	struct cand_ref *p;

	if (c->n_refs + more <= c->cap_refs)
		return NS_OK;
	while (cap < c->n_refs + more)
		cap *= 2;
	p = realloc(c->refs, cap * sizeof(*p));
	if (!p)
		return NS_ERR_NOMEM;
	c->refs = p;
	c->cap_refs = cap;
	return NS_OK;
}

/* Records a candidate (reserve_refs() made room); *bc_bits: the closest
 * copy's distance so far (64: none). */
static inline void note_ref(struct chunk *c, uint32_t ref, int is_new, int bits,
			    unsigned probe_no, int *bc_bits)
{
	if (bits <= NS_STORY_NEAR_BITS && bits < *bc_bits)
		*bc_bits = bits;
	c->refs[c->n_refs++] = (struct cand_ref){ ref, (uint8_t)is_new, (uint8_t)bits,
						  (uint8_t)probe_no };
}

/* Counts story as a candidate of the article, found through its probe
 * probe_no. */
static inline void see_story(struct assign *a, uint32_t story, unsigned probe_no)
{
	struct ns_story_build *sb = a->sb;

	if (sb->stamp[story].stamp == sb->stamp_now) {
		sb->stamp[story].probes |= (uint8_t)(1u << probe_no);
	} else if (a->n_cand < MAX_CAND_STORIES) {
		sb->stamp[story].stamp = sb->stamp_now;
		sb->stamp[story].probes = (uint8_t)(1u << probe_no);
		a->cand[a->n_cand++] = story;
	}
}

/* The decision's side of a candidate, in the order the probes found it. */
static inline void see(struct assign *a, uint32_t story, int bits, unsigned probe_no,
		       struct best_copy *bc)
{
	if (story == NS_STORY_NONE)
		return;
	if (bits <= NS_STORY_NEAR_BITS && (bc->story == NS_STORY_NONE || bits < bc->bits)) {
		bc->story = story;
		bc->bits = bits;
	}
	see_story(a, story, probe_no);
}

/* Where a term's latest postings before document end begin: about
 * PROBE_SCAN of them (where they are is guessed as if spread evenly): a
 * story is told within days, and news arrives in order. */
static uint32_t scan_from(const struct ns_story_seg *s, uint32_t df, uint32_t end)
{
	uint64_t span;

	if (df <= PROBE_SCAN)
		return 0;
	span = (uint64_t)s->n_docs * PROBE_SCAN / df;
	return end > span ? end - (uint32_t)span : 0;
}

/* The loop of probe_docs() over docs[k..n) of the new segment before
 * document d, inlined into the two callers below: one where the processor
 * counts bits itself (a copy check per posting is most of the loop), one
 * without.  c has room for n - k refs. */
static inline __attribute__((always_inline)) void scan_docs(struct assign *a,
		const struct ns_story_seg *s, const uint32_t *docs, uint32_t k, uint32_t n,
		uint32_t d, const struct ns_story_sig *mine, unsigned probe_no, int *bc_bits,
		struct chunk *c, int use_popcnt)
{
	const uint8_t *sigs = a->sb->sig_map.data;
	uint64_t my_exact = mine->exact, my_near = mine->near;

	for (; k < n && docs[k] < d && *bc_bits != 0; k++) {
		uint32_t x = docs[k];
		const uint8_t *e = sigs + (size_t)x * SIG_LEN;
		uint64_t exact, near;
		if (k + SIG_AHEAD < n)
			prefetch_sig(a->sb, docs[k + SIG_AHEAD]);
		int bits;
		if (!is_live(s, x))
			continue;
		exact = ns_get_u64(e);
		near = ns_get_u64(e + 8);
		bits = exact == my_exact ? 0
		       : use_popcnt ? __builtin_popcountll(near ^ my_near)
				    : ns_story_hamming(near, my_near);
		note_ref(c, x, 1, bits, probe_no, bc_bits);
	}
}

__attribute__((target("popcnt"))) static void scan_docs_popcnt(struct assign *a,
		const struct ns_story_seg *s, const uint32_t *docs, uint32_t k, uint32_t n,
		uint32_t d, const struct ns_story_sig *mine, unsigned probe_no, int *bc_bits,
		struct chunk *c)
{
	scan_docs(a, s, docs, k, n, d, mine, probe_no, bc_bits, c, 1);
}

static void scan_docs_plain(struct assign *a, const struct ns_story_seg *s, const uint32_t *docs,
			    uint32_t k, uint32_t n, uint32_t d, const struct ns_story_sig *mine,
			    unsigned probe_no, int *bc_bits, struct chunk *c)
{
	scan_docs(a, s, docs, k, n, d, mine, probe_no, bc_bits, c, 0);
}

/* probe() through the docids of slot ts, read once (new segment s). */
static int probe_docs(struct assign *a, const struct ns_story_seg *s, const struct ti_slot *ts,
		      uint32_t d, const struct ns_story_sig *mine, unsigned probe_no,
		      int *bc_bits, struct chunk *c)
{
	uint32_t from = scan_from(s, ts->ti.df, d), lo = 0, hi = ts->n_docs;

	while (lo < hi) {	/* the first >= from */
		uint32_t mid = lo + (hi - lo) / 2;
		if (ts->docs[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	hi = lo;
	while (hi < ts->n_docs && ts->docs[hi] < d)	/* the first >= d */
		hi++;
	if (reserve_refs(c, hi - lo) != NS_OK)
		return NS_ERR_NOMEM;
	if (a->popcnt)
		scan_docs_popcnt(a, s, ts->docs, lo, hi, d, mine, probe_no, bc_bits, c);
	else
		scan_docs_plain(a, s, ts->docs, lo, hi, d, mine, probe_no, bc_bits, c);
	return NS_OK;
}

/* Walks the postings of term e in every segment for articles before new
 * document d, records them in c; *bc_bits: the closest copy's distance so
 * far (64: none), 0 ends the search.  Reads the segments and the
 * signatures, never a story of the run. */
static int probe(struct assign *a, const struct term *e, uint32_t d,
		 const struct ns_story_sig *mine, unsigned probe_no, int *bc_bits, struct chunk *c)
{
	struct ns_story_build *sb = a->sb;
	const char *t = a->pool + e->off;

	for (size_t i = 0; i < a->n_segs; i++) {
		const struct ns_story_seg *s = &a->segs[i];
		struct ns_term_info ti;
		struct ns_post p;
		uint32_t end = s->is_new ? d : s->n_docs, from;
		int rc = NS_OK;
		if (s->is_new) {
			uint32_t ord = (uint32_t)(e - a->terms);
			struct ti_slot *ts = &a->ti_cache[ord & a->ti_mask];
			if (ts->ord != ord + 1) {
				drop_docs(a, ts);
				rc = ns_segr_lookup(s->r, t, e->len, &ts->ti);
				ts->ord = rc == NS_OK ? ord + 1 : 0;
			}
			if (rc == NS_OK)
				rc = read_docs(a, ts);
			if (rc == NS_OK && ts->docs) {
				rc = probe_docs(a, s, ts, d, mine, probe_no, bc_bits, c);
				if (rc != NS_OK)
					return rc;
				continue;
			}
			ti = ts->ti;
		} else {
			rc = ns_segr_lookup(s->r, t, e->len, &ti);
		}
		if (rc == NS_DONE)
			continue;
		if (rc == NS_OK)
			rc = ns_post_open(&p, s->r, &ti);
		if (rc != NS_OK)
			return rc;
		from = scan_from(s, ti.df, end);
		/* docids only, a block at a time; an exact copy settles it: no
		 * need to look further */
		for (int stop = 0, first = 1; !stop && *bc_bits != 0; first = 0) {
			const uint32_t *docs;
			uint32_t n;
			/* the blocks before from are skipped, not decoded */
			rc = first ? ns_post_seek_docs(&p, from, &docs, &n)
				   : ns_post_next_docs(&p, &docs, &n);
			if (rc != NS_OK || docs[n - 1] < from)
				stop = rc != NS_OK;
			if (!stop && reserve_refs(c, n) != NS_OK) {
				rc = NS_ERR_NOMEM;
				break;
			}
			for (uint32_t k = 0; !stop && k < n && *bc_bits != 0; k++) {
				uint32_t x = docs[k];
				uint64_t exact, near;
				if (k + SIG_AHEAD < n && s->is_new)
					prefetch_sig(sb, docs[k + SIG_AHEAD]);
				else if (k + SIG_AHEAD < n && sb->old.docs)
					__builtin_prefetch(&sb->old.docs[s->old_base + docs[k + SIG_AHEAD]]);
				if (s->is_new && x >= d) {
					stop = 1;
					break;
				}
				if (x < from || !is_live(s, x))
					continue;
				if (s->is_new) {
					struct ns_story_sig o;
					get_sig(sb, x, &o, NULL);
					exact = o.exact;
					near = o.near;
				} else {
					const struct ns_story_doc *o = &sb->old.docs[s->old_base + x];
					if (o->story == NS_STORY_NONE)
						continue;
					exact = o->exact;
					near = o->near;
					x = o->story;
				}
				note_ref(c, x, s->is_new,
					 exact == mine->exact ? 0 : ns_story_hamming(near, mine->near),
					 probe_no, bc_bits);
			}
		}
		ns_post_release(&p);
		if (rc != NS_OK && rc != NS_DONE)
			return rc;
	}
	return NS_OK;
}
/* The id a story takes from the article that starts it: its text's
 * fingerprint, mixed (copies of the text join the story instead). */
static uint64_t story_id_of(const struct ns_story_sig *sig)
{
	return ns_story_id_of_exact(sig->exact);
}

static int id_in_old(const struct ns_story_build *sb, uint64_t id)
{
	uint32_t lo = 0, hi = sb->old.n_stories;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (sb->old.stories[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sb->old.n_stories && sb->old.stories[lo].id == id;
}

/* The id of a story that article id_hash starts: its id hash, or the next
 * free number after it (a replaced article's old story may live on). */
static int take_id(struct ns_story_build *sb, uint64_t id_hash, uint64_t *out)
{
	uint64_t id = id_hash ? id_hash : 1;
	size_t i;

	if (4 * (sb->n_started + 1) > 3 * sb->cap_new_ids) {
		size_t cap = sb->cap_new_ids ? 2 * sb->cap_new_ids : 1024;
		struct ns_diskarr tab;	/* a new file reads as zeros */
		uint64_t *v;
		int rc;
		ns_diskarr_init(&tab, sb->dir, sizeof(uint64_t));
		rc = ns_diskarr_reserve(&tab, cap);
		if (rc != NS_OK) {
			ns_diskarr_release(&tab);
			return rc;
		}
		v = ns_diskarr_at(&tab, 0);
		for (size_t k = 0; k < sb->cap_new_ids; k++) {
			if (!sb->new_ids[k])
				continue;
			for (i = sb->new_ids[k] & (cap - 1); v[i]; i = (i + 1) & (cap - 1))
				;
			v[i] = sb->new_ids[k];
		}
		ns_diskarr_release(&sb->new_ids_tab);
		sb->new_ids_tab = tab;
		sb->new_ids = v;
		sb->cap_new_ids = cap;
	}
	for (;;) {
		for (i = id & (sb->cap_new_ids - 1); sb->new_ids[i] && sb->new_ids[i] != id;
		     i = (i + 1) & (sb->cap_new_ids - 1))
			;
		if (!sb->new_ids[i] && !id_in_old(sb, id))
			break;
		id = id + 1 ? id + 1 : 1;
	}
	sb->new_ids[i] = id;
	*out = id;
	return NS_OK;
}

/* The stamps are made (zeros) with the first growth or assignment. */
static int grow_stories(struct ns_story_build *sb)
{
	size_t cap = 2 * sb->cap_stories;
	int rc = ns_diskarr_reserve(&sb->stories_tab, cap);

	if (rc == NS_OK)
		rc = ns_diskarr_reserve(&sb->stamp_tab, cap);
	if (rc != NS_OK)
		return rc;
	sb->stories = ns_diskarr_at(&sb->stories_tab, 0);
	sb->stamp = ns_diskarr_at(&sb->stamp_tab, 0);
	sb->cap_stories = cap;
	return NS_OK;
}

/* Document frequency of a term over the index's segments (story_text.h). */
static int index_df(void *ctx, const char *t, size_t len, uint64_t *df)
{
	const struct assign *a = ctx;

	*df = 0;
	for (size_t i = 0; i < a->n_segs; i++) {
		struct ns_term_info ti;
		int rc = ns_segr_lookup(a->segs[i].r, t, len, &ti);
		if (rc == NS_OK)
			*df += ti.df;
		else if (rc != NS_DONE)
			return rc;
	}
	return NS_OK;
}

/* Lists the one document of each earlier story of one article. */
static int list_solos(struct assign *a)
{
	struct ns_story_build *sb = a->sb;

	a->solo_doc = malloc(((size_t)a->first_new + 1) * sizeof(*a->solo_doc));
	a->solo_done = calloc((size_t)a->first_new + 1, 1);
	if (!a->solo_doc || !a->solo_done)
		return NS_ERR_NOMEM;
	for (uint32_t s = 0; s < a->first_new; s++)
		a->solo_doc[s] = UINT32_MAX;
	for (uint32_t g = 0; g < sb->old.n_docs; g++) {
		uint32_t s = sb->old.docs[g].story;
		if (s < a->first_new && sb->stories[s].n_seen == 1)
			a->solo_doc[s] = g;
	}
	return NS_OK;
}

/* Gives an earlier story of one article its centroid (the file keeps
 * none, format.h): its article's sketch made again from the stored text
 * with today's document frequencies, once a run. */
static int ensure_centroid(struct assign *a, uint32_t story)
{
	struct ns_story_build *sb = a->sb;
	struct ns_story *st = &sb->stories[story];
	struct ns_story_term t[NS_STORY_SKETCH];
	struct ns_doc doc;
	size_t n, n_distinct;
	uint32_t g, seen;
	char *text;
	size_t len;
	int rc;

	if (story >= a->first_new || st->n_seen != 1 || st->n_terms > 0 || a->solo_done[story] ||
	    !sb->an)
		return NS_OK;
	a->solo_done[story] = 1;
	g = a->solo_doc[story];
	for (size_t i = 0; g != UINT32_MAX && i < a->n_segs; i++) {
		const struct ns_story_seg *s = &a->segs[i];
		if (s->is_new || g < s->old_base || g - s->old_base >= s->n_docs)
			continue;
		rc = ns_segr_doc(s->r, (uint32_t)(g - s->old_base), &doc);
		if (rc == NS_OK)
			rc = ns_doc_text(&doc, &text, &len);
		if (rc != NS_OK)
			return rc;
		rc = ns_story_text_sketch(sb->an, doc.title.p, doc.title.len, text, len, index_df, a,
					  a->n_live, t, &n, &n_distinct);
		free(text);
		if (rc != NS_OK)
			return rc;
		seen = st->n_seen;
		ns_story_absorb(st, t, n, NS_STORY_NO_DAY);
		st->n_seen = seen;
		break;
	}
	return NS_OK;
}

/* Whether at least need bits of mask are set (need is 1 or 2: cheaper
 * than counting them all, once per candidate story). */
static inline int has_bits(uint8_t mask, unsigned need)
{
	for (; need > 0 && mask; need--)
		mask &= (uint8_t)(mask - 1);
	return need == 0;
}

/* Gathers new document d (sketch sk of n terms, term ordinals) into c: its
 * finished sketch and the candidates its probes find.  Reads the segments
 * and the signatures, never a story of the run. */
static int gather_one(struct assign *a, uint32_t d, const struct ns_topterm *sk, uint8_t n,
		      uint32_t n_distinct, struct chunk *c)
{
	struct gathered *g = &c->docs[c->n_docs];
	struct ns_story_term *t = g->t;
	struct ns_story_sig me_sig;
	uint32_t ord[NS_STORY_SKETCH] = { 0 };	/* set with t; zeroed for cppcheck */
	unsigned probes = 0;
	int bc_bits = 64, rc;
	size_t m;

	get_sig(a->sb, d, &me_sig, NULL);
	g->d = d;
	g->n_distinct = n_distinct;
	g->first = c->n_refs;
	/* heaviest first, ties by hash (ns_story_sketch_finish()'s order, which
	 * then finds it sorted), then by ordinal: the slots' own order depends
	 * on how the sketch was made (topterms.h), the result must not */
	for (uint8_t i = 0; i < n; i++) {
		struct ns_story_term x = { a->terms[sk[i].ord].hash, sk[i].w };
		uint32_t o = sk[i].ord;
		uint8_t k = i;
		for (; k > 0 && (x.w > t[k - 1].w ||
				 (x.w == t[k - 1].w && (x.hash < t[k - 1].hash ||
							(x.hash == t[k - 1].hash && o < ord[k - 1]))));
		     k--) {
			t[k] = t[k - 1];
			ord[k] = ord[k - 1];
		}
		t[k] = x;
		ord[k] = o;
	}
	m = ns_story_sketch_finish(t, n);
	for (size_t i = 0; i < m && probes < NS_STORY_PROBES; i++) {
		const struct term *e = &a->terms[ord[i]];
		if (e->df > a->df_cap)
			continue;
		if (bc_bits == 0)
			break;	/* an exact copy found: its story it is */
		if (e->df <= 1) {
			probes++;	/* the article's own word: nothing before it */
			continue;
		}
		rc = probe(a, e, d, &me_sig, probes++, &bc_bits, c);
		if (rc != NS_OK)
			return rc;
	}
	if (probes == 0 && m > 0) {
		/* only common words: the rarest stands in */
		size_t r = 0;
		for (size_t i = 1; i < m; i++)
			if (a->terms[ord[i]].df < a->terms[ord[r]].df)
				r = i;
		rc = probe(a, &a->terms[ord[r]], d, &me_sig, probes++, &bc_bits, c);
		if (rc != NS_OK)
			return rc;
	}
	g->m = (uint8_t)m;
	g->probes = (uint8_t)probes;
	g->n = c->n_refs - g->first;
	c->n_docs++;
	return NS_OK;
}

/* Asks the processor ahead for what see() reads of a candidate: its
 * story's stamp, which for an article of the run needs its story first
 * (two steps: the story a further REF_AHEAD on, the stamp once the story
 * is in the cache).  Scattered over tables of a word per article and per
 * story, these reads were most of the decisions' time. */
#define REF_AHEAD 8

static inline void prefetch_ref(const struct ns_story_build *sb, const struct cand_ref *r,
				int stamp)
{
	uint32_t story = r->ref;

	if (!stamp) {
		if (r->is_new)
			__builtin_prefetch(&sb->new_story[r->ref]);
		return;
	}
	if (r->is_new)
		story = sb->new_story[r->ref];
	if (story != NS_STORY_NONE)
		__builtin_prefetch(&sb->stamp[story]);
}

/* Gives gathered document g (its candidates refs) its story: in docid
 * order, so a candidate of this run has its story by now. */
static int decide_one(struct assign *a, const struct gathered *g, const struct cand_ref *refs)
{
	struct ns_story_build *sb = a->sb;
	struct new_doc me_doc, *me = &me_doc;
	struct ns_story_sig me_sig;
	const struct ns_story_term *t = g->t;
	struct best_copy bc = { NS_STORY_NONE, 64 };
	struct ns_story_lookup lk;
	uint32_t d = g->d, best = NS_STORY_NONE, next = NS_STORY_NONE;
	unsigned probes = g->probes, need_probes;
	double best_sim = 0.0, next_sim = 0.0, need = ns_story_threshold(g->n_distinct, a->n_live);
	size_t m = g->m;
	int rc;

	get_sig(sb, d, &me_sig, &me->day);
	me->sig = &me_sig;
	sb->stamp_now++;
	a->n_cand = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (i + 2 * REF_AHEAD < g->n)
			prefetch_ref(sb, &refs[i + 2 * REF_AHEAD], 0);
		if (i + REF_AHEAD < g->n)
			prefetch_ref(sb, &refs[i + REF_AHEAD], 1);
		see(a, refs[i].is_new ? sb->new_story[refs[i].ref] : refs[i].ref, refs[i].bits,
		    refs[i].probe_no, &bc);
	}
	/* a story found through one probe term alone shares one rare word:
	 * not worth a comparison when the article had more to offer */
	need_probes = probes >= NS_STORY_MIN_SHARED ? NS_STORY_MIN_SHARED : 1;
	if (bc.story != NS_STORY_NONE) {
		best = bc.story;	/* a copy: its story, whatever the words */
	} else {
		ns_story_lookup_init(&lk, t, m, g->n_distinct);
		for (size_t i = 0; i < a->n_cand; i++) {
			const struct ns_story *s = &sb->stories[a->cand[i]];
			double sim;
			if (!has_bits(sb->stamp[a->cand[i]].probes, need_probes) ||
			    !ns_story_days_ok(s, me->day))
				continue;
			rc = ensure_centroid(a, a->cand[i]);
			if (rc != NS_OK)
				return rc;
			sim = ns_story_similarity_lk(&lk, s);
			if (sim > best_sim || (sim == best_sim && best != NS_STORY_NONE &&
					       s->id < sb->stories[best].id)) {
				if (best != NS_STORY_NONE) {
					next_sim = best_sim;
					next = best;
				}
				best_sim = sim;
				best = a->cand[i];
			} else if (sim > next_sim) {
				next_sim = sim;
				next = a->cand[i];
			}
		}
		/* the closest story it does not join (merge_stories) */
		a->closest[d] = best_sim < need ? best : next;
		if (best_sim < need)
			best = NS_STORY_NONE;
	}
	if (best == NS_STORY_NONE) {
		struct ns_story *s;
		if (sb->n_stories == sb->cap_stories && (rc = grow_stories(sb)) != NS_OK)
			return rc;
		best = (uint32_t)sb->n_stories++;
		s = &sb->stories[best];
		memset(s, 0, sizeof(*s));
		if (take_id(sb, story_id_of(me->sig), &s->id) != NS_OK)
			return NS_ERR_NOMEM;
		s->first_day = s->last_day = NS_STORY_NO_DAY;
		sb->stamp[best].stamp = 0;
		sb->n_started++;
	} else {
		rc = ensure_centroid(a, best);	/* a copy of an earlier article */
		if (rc != NS_OK)
			return rc;
		sb->n_joined++;
	}
	ns_story_absorb(&sb->stories[best], t, m, me->day);
	sb->stories[best].n_live++;
	sb->new_story[d] = best;
	return NS_OK;
}

/* --full over a damaged map: every article live from before starts a
 * story of its own (stories.h). */
static int remake_old_map(struct ns_story_build *sb, const struct ns_story_seg *segs,
			  size_t n_segs)
{
	struct ns_story_map *m = &sb->old;
	int rc = NS_OK;

	m->docs = calloc(sb->n_old_docs + 1, sizeof(*m->docs));
	if (!m->docs)
		return NS_ERR_NOMEM;
	m->n_docs = (uint32_t)sb->n_old_docs;
	for (size_t i = 0; i < n_segs && rc == NS_OK; i++) {
		const struct ns_story_seg *s = &segs[i];
		for (uint32_t d = 0; d < s->n_docs && rc == NS_OK && !s->is_new; d++) {
			struct ns_story_doc *e = &m->docs[s->old_base + d];
			struct ns_story *st;
			struct ns_story_sig sig;
			struct ns_doc doc;
			char *text;
			size_t len;
			uint64_t id;
			e->story = NS_STORY_NONE;
			if (!is_live(s, d))
				continue;
			rc = ns_segr_doc(s->r, d, &doc);
			if (rc == NS_OK)
				rc = ns_doc_text(&doc, &text, &len);
			if (rc != NS_OK)
				break;
			ns_story_sig(doc.title.p, doc.title.len, text, len, &sig);
			free(text);
			if (sb->n_stories == sb->cap_stories && (rc = grow_stories(sb)) != NS_OK)
				return rc;
			rc = take_id(sb, story_id_of(&sig), &id);
			if (rc != NS_OK)
				break;
			st = &sb->stories[sb->n_stories];
			memset(st, 0, sizeof(*st));
			st->id = id;
			st->n_seen = st->n_live = 1;
			st->first_day = st->last_day = ns_story_day(doc.date_key);
			e->story = (uint32_t)sb->n_stories++;
			e->exact = sig.exact;
			e->near = sig.near;
			sb->n_started++;
		}
	}
	sb->n_old_docs = 0;
	return rc;
}

static uint32_t find_root(uint32_t *parent, uint32_t s)
{
	while (parent[s] != s) {
		parent[s] = parent[parent[s]];
		s = parent[s];
	}
	return s;
}

/* Merges two stories when an article of this run came closest to one
 * without joining it (the best candidate below the threshold, or the
 * second best of one that joined) while it is in the other, and the two
 * stories as wholes (their centroids) are alike: the first pass compares
 * an article with the stories formed before it, so a story whose first
 * articles told it in other words (a winner named later, a new angle)
 * starts apart and grows beside the other.  Either story may come from an
 * earlier run: an article of this run bridges them as it would have in one
 * run over everything, so an index built in several updates groups like
 * one built at once.  A story merges into the one of lower index (an
 * earlier run's stories come first), so stories of earlier runs keep
 * their ids; in document order, so the same runs give the same stories.
 * The earlier articles of a merged story follow it through sb->root at
 * publish. */
static int merge_stories(struct assign *a)
{
	struct ns_story_build *sb = a->sb;
	uint32_t *parent = malloc(((size_t)sb->n_stories + 1) * sizeof(*parent));
	int rc = NS_OK;

	if (!parent)
		return NS_ERR_NOMEM;
	for (uint32_t s = 0; s < sb->n_stories; s++)
		parent[s] = s;
	for (uint32_t d = 0; d < sb->n_new && rc == NS_OK; d++) {
		uint32_t x, y, dst, src;
		if (a->closest[d] == NS_STORY_NONE || sb->new_story[d] == NS_STORY_NONE)
			continue;
		x = find_root(parent, sb->new_story[d]);
		y = find_root(parent, a->closest[d]);
		if (x == y)
			continue;
		dst = x < y ? x : y;
		src = x < y ? y : x;
		rc = ensure_centroid(a, dst);
		if (rc == NS_OK)
			rc = ensure_centroid(a, src);
		if (rc != NS_OK)
			break;
		if (!ns_story_days_overlap(&sb->stories[dst], &sb->stories[src]) ||
		    ns_story_centroid_cosine(&sb->stories[dst], &sb->stories[src]) <
			    NS_STORY_T_MERGE)
			continue;
		ns_story_merge(&sb->stories[dst], &sb->stories[src]);
		sb->stories[src].n_live = 0;	/* gone at publish */
		parent[src] = dst;
		if (src >= a->first_new) {
			sb->n_started--;
			sb->n_joined++;
		}
	}
	if (rc != NS_OK) {
		free(parent);
		return rc;
	}
	for (uint32_t s = 0; s < sb->n_stories; s++)
		parent[s] = find_root(parent, s);
	for (uint32_t d = 0; d < sb->n_new; d++)
		if (sb->new_story[d] != NS_STORY_NONE)
			sb->new_story[d] = parent[sb->new_story[d]];
	free(sb->root);
	sb->root = parent;
	return NS_OK;
}

/* ---- gathering, then deciding ---- */

/* The gathering side of an assignment: the window's sketches (a million
 * articles need not hold a million sketches), then each live document's
 * candidates, chunk by chunk.  With a second core both threads do it
 * (below); it needs no story of the run (struct cand_ref), so the stories
 * come out the same.  On one core (ahead.h run inline) a chunk is
 * gathered, then decided, in turn.  A reader's
 * lazily checked spans are not shared between threads, and the term
 * cache's entries point into the readers' maps: the gathering keeps the
 * update's readers, the decisions (an earlier story's text, its terms'
 * df) get readers of their own.
 *
 * struct gather is one gathering side.  ga is a copy of the deciding
 * side's assign, so both reach the story build (sb) and the term table
 * (terms): it only reads them, and never the fields the decisions write
 * (the stories). */
struct gather {
	struct assign ga;	/* the assignment's tables and readers */
	struct ns_story_seg *own;	/* the decisions' segments, or NULL */
	size_t n_own;
	struct window *win;
	uint32_t window, d, n_new;	/* documents per window, the next one */
	size_t max_refs;	/* a chunk ends once its candidates pass it */
};

/* Gathers the next documents into chunk c (ns_ahead_produce). */
static int fill_chunk(void *ctx, void *chunk, int *last)
{
	struct gather *gt = ctx;
	struct assign *a = &gt->ga;
	struct chunk *c = chunk;
	int rc = NS_OK;

	c->n_docs = 0;
	c->n_refs = 0;
	while (rc == NS_OK && c->n_docs < CHUNK_DOCS && c->n_refs < gt->max_refs &&
	       gt->d < gt->n_new) {
		uint32_t d = gt->d;
		struct window *w = gt->win;
		if (d == w->hi) {
			window_start(w, d, gt->n_new - d < gt->window ? gt->n_new : d + gt->window);
			rc = sketch_window(a, w);
			continue;
		}
		if (is_live(a->nw, d))
			rc = gather_one(a, d, w->sk + (size_t)(d - w->lo) * NS_STORY_SKETCH,
					w->n_sk[d - w->lo], w->n_distinct[d - w->lo], c);
		gt->d++;
	}
	*last = rc != NS_OK || gt->d == gt->n_new;
	return rc;
}

/* Decides chunk c's documents (ns_ahead_consume). */
static int decide_chunk(void *ctx, void *chunk)
{
	struct chunk *c = chunk;
	int rc = NS_OK;

	for (uint32_t i = 0; i < c->n_docs && rc == NS_OK; i++)
		rc = decide_one(ctx, &c->docs[i], c->refs + c->docs[i].first);
	return rc;
}

/* Whether to sketch and gather on both threads: a second core, enough articles to share,
 * a budget for the two chunks' candidates beside the sketches (the
 * assignment's share of --memory 8M), and every segment's info to open
 * readers with. */
#define GATHER_MIN_MEM (1u << 20)

static int gather_threaded(const struct assign *a, uint64_t mem_bytes)
{
	if (mem_bytes < GATHER_MIN_MEM || a->sb->n_new < 2 * CHUNK_DOCS ||
	    sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return 0;
	for (size_t i = 0; i < a->n_segs; i++)
		if (!a->segs[i].info)
			return 0;
	return 1;
}

/* Readers of the decisions' own, with the deletions the update's readers
 * see, in a->segs (gather_and_decide() puts the update's back).  0: none
 * opened (everything on this thread). */
static int open_own(struct gather *gt, struct assign *a)
{
	struct ns_story_seg *own = calloc(a->n_segs + 1, sizeof(*own));
	size_t i;

	if (!own)
		return 0;
	for (i = 0; i < a->n_segs; i++) {
		own[i] = a->segs[i];
		/* a twin: the pages both threads read are mapped once */
		if (ns_segr_twin(a->segs[i].r, &own[i].r) != NS_OK)
			break;
		ns_segr_set_deleted(own[i].r, ns_segr_deleted(a->segs[i].r));
	}
	if (i < a->n_segs) {
		while (i-- > 0)
			ns_segr_close(own[i].r);
		free(own);
		return 0;
	}
	gt->own = own;
	gt->n_own = a->n_segs;
	a->segs = own;
	a->nw = own + (gt->ga.nw - gt->ga.segs);
	return 1;
}

/* ---- both threads gather (ordered.h) ----
 * One gathering thread does about twice the deciding thread's work, so the
 * deciding thread waited half the time (ahead.h).  With a second core the
 * articles go a window of sketches at a time, each in two steps on both
 * threads:
 * - the sketches: the terms are cut into blocks of SKETCH_BLOCK ordinals
 *   that either thread claims in turn; each walks the dictionary through
 *   its own reader, passing over the blocks the other claimed, and makes
 *   the sketches of its own terms in a window of its own.  A document's two
 *   sketches are merged when it is gathered (topterms.h: the sketch of one
 *   walk over every term).  Every term's postings are read once per window
 *   whichever thread reads them; halving the windows (two sets of
 *   sketches in the same memory) left the sketches' CPU within noise at
 *   200k articles (2, 3 and 6 windows: 1.70, 1.58, 1.38 s);
 * - the gathering: the window's articles are cut into pieces of PIECE_DOCS
 *   that either thread gathers (each with its own term cache of half the
 *   room, and its own segment readers: the helper the update's, the
 *   deciding thread the twins it decides with), and the deciding thread
 *   decides them in order, gathering the next piece itself whenever the
 *   one it needs is not ready.
 * (Cutting each window's articles in halves, both threads walking the
 * whole dictionary for their half, cost more than the second thread
 * saved: at 1M articles the assignment's CPU went 29 -> 43 s.) */
#define PIECE_DOCS 64
#define PIECE_CHUNKS 6		/* pieces in flight */
#define SKETCH_BLOCK 256	/* term ordinals a sketching thread claims */
#define SKETCH_CHUNKS 16	/* blocks a thread may be ahead of the other */

struct shared_gather {
	struct gather gt[2];	/* [0] the helper's, [1] the deciding thread's */
	struct assign *decider;	/* the decisions' */
	struct window *part;	/* the sketches of the deciding thread's terms
				 * (gt[0].win: the helper's) */
	uint32_t lo, hi;	/* the window's documents */
	size_t max_refs;	/* a piece stops gathering once its candidates
				 * pass it; the deciding thread gathers the rest */
};

/* Document d's sketch (the window's documents lo..hi-1): the helper's
 * walk's merged with the deciding thread's into sk; how many terms. */
static uint8_t window_sketch(const struct shared_gather *sg, uint32_t d, struct ns_topterm *sk,
			     uint32_t *n_distinct)
{
	const struct window *w = sg->gt[0].win, *p = sg->part;
	size_t i = d - w->lo;
	uint8_t n = w->n_sk[i];
	float min_w = w->min_w[i];

	memcpy(sk, w->sk + i * NS_STORY_SKETCH, n * sizeof(*sk));
	ns_topterms_merge(sk, &n, &min_w, p->sk + i * NS_STORY_SKETCH, p->n_sk[i]);
	*n_distinct = w->n_distinct[i] + p->n_distinct[i];
	return n;
}

/* Gathers documents c->resume..c->end-1 into chunk c (emptied first) with
 * gt, until the candidates pass max_refs: c->resume is then where the
 * rest begins. */
static int gather_span(const struct shared_gather *sg, struct gather *gt, struct chunk *c)
{
	struct assign *a = &gt->ga;
	uint32_t d = c->resume;
	int rc = NS_OK;

	c->n_docs = 0;
	c->n_refs = 0;
	for (; d < c->end && rc == NS_OK && c->n_refs < sg->max_refs; d++)
		if (is_live(a->nw, d)) {
			struct ns_topterm sk[NS_STORY_SKETCH];
			uint32_t n_distinct;
			uint8_t n = window_sketch(sg, d, sk, &n_distinct);
			rc = gather_one(a, d, sk, n, n_distinct, c);
		}
	c->resume = d;
	return rc;
}

/* Produces piece i (ns_ordered_produce) with the thread's gather gt: the
 * gathering of up to PIECE_DOCS documents of the window. */
static int produce_piece(struct shared_gather *sg, struct gather *gt, void *chunk, uint64_t i)
{
	struct chunk *c = chunk;
	uint32_t lo = sg->lo + (uint32_t)i * PIECE_DOCS;

	c->resume = lo;
	c->end = sg->hi - lo < PIECE_DOCS ? sg->hi : lo + PIECE_DOCS;
	return gather_span(sg, gt, c);
}

/* Decides piece chunk (ns_ordered_consume), then gathers and decides what
 * the producer left of it, here. */
static int decide_piece(void *ctx, void *chunk)
{
	struct shared_gather *sg = ctx;
	struct chunk *c = chunk;
	int rc = decide_chunk(sg->decider, c);

	while (rc == NS_OK && c->resume < c->end) {
		rc = gather_span(sg, &sg->gt[1], c);
		if (rc == NS_OK)
			rc = decide_chunk(sg->decider, c);
	}
	return rc;
}

/* A producing thread's side: its gather is sg->gt[k]. */
struct piece_ctx {
	struct shared_gather *sg;
	int k;
};

static int produce(void *ctx, void *chunk, uint64_t i)
{
	struct piece_ctx *pc = ctx;

	return produce_piece(pc->sg, &pc->sg->gt[pc->k], chunk, i);
}

/* A sketching thread's walk of the dictionary (its reader, term cache and
 * window of sketches in a). */
struct sketch_walk {
	struct assign *a;
	struct window *win;
	struct ns_term_iter *it;	/* opened with the first block */
	uint32_t ord;			/* the ordinal it gives next */
	int done;			/* no term left */
};

/* Sketches the terms of block i (ns_ordered_produce; no chunk): the
 * walk passes the blocks before it, which the other thread took. */
static int sketch_block(void *ctx, void *chunk, uint64_t i)
{
	struct sketch_walk *sw = ctx;
	uint64_t lo = i * SKETCH_BLOCK, hi = lo + SKETCH_BLOCK;
	struct ns_term_info ti;
	const char *t;
	size_t len;
	int rc = NS_OK;

	(void)chunk;
	if (!sw->it && (rc = ns_term_iter_new(sw->a->nw->r, &sw->it)) != NS_OK)
		return rc;
	while (!sw->done && sw->ord < hi) {
		rc = ns_term_iter_next(sw->it, &t, &len, &ti);
		if (rc == NS_DONE) {
			sw->done = 1;
			rc = NS_OK;
			break;
		}
		if (rc == NS_OK && sw->ord >= lo)
			rc = sketch_term(sw->a, sw->win, sw->ord, &ti);
		if (rc != NS_OK)
			break;
		sw->ord++;
	}
	return rc;
}

static int sketched(void *ctx, void *chunk)
{
	(void)ctx;
	(void)chunk;
	return NS_OK;
}

/* Makes the sketches of the window's documents on both threads (see
 * above): the helper's terms' in gt[0].win, the deciding thread's in
 * part. */
static int sketch_shared(struct shared_gather *sg)
{
	struct sketch_walk sw[2];
	void *chunks[SKETCH_CHUNKS] = { NULL };
	struct ns_ordered o;
	int rc;

	window_start(sg->gt[0].win, sg->lo, sg->hi);
	window_start(sg->part, sg->lo, sg->hi);
	memset(sw, 0, sizeof(sw));
	sw[0].a = &sg->gt[0].ga;
	sw[0].win = sg->gt[0].win;
	sw[1].a = &sg->gt[1].ga;
	sw[1].win = sg->part;
	memset(&o, 0, sizeof(o));
	o.chunks = chunks;
	o.n_chunks = SKETCH_CHUNKS;
	o.n_pieces = ((uint64_t)sg->decider->n_terms + SKETCH_BLOCK - 1) / SKETCH_BLOCK;
	o.produce = sketch_block;
	o.helper_ctx = &sw[0];
	o.own_ctx = &sw[1];
	o.consume = sketched;
	rc = ns_ordered_run(&o);
	for (int k = 0; k < 2; k++)
		if (sw[k].it)
			ns_term_iter_free(sw[k].it);
	return rc;
}

/* Sketches, gathers on both threads and decides in order (see above) every
 * new document, a window (of win's and part's size) at a time; the term
 * caches' docids are the caller's to free (a's, and *second's). */
static int shared_gather_and_decide(struct assign *a, struct window *win, struct window *part,
				    uint32_t window, struct gather *helper, struct ti_slot **second)
{
	struct shared_gather *sg = calloc(1, sizeof(*sg));
	struct piece_ctx pc[2];
	struct chunk *c = calloc(PIECE_CHUNKS, sizeof(*c));
	void *chunks[PIECE_CHUNKS];
	uint32_t n_new = a->sb->n_new;
	struct ns_ordered o;
	int rc = NS_OK;

	*second = NULL;
	if (!sg || !c) {
		free(sg);
		free(c);
		return NS_ERR_NOMEM;
	}
	sg->decider = a;
	sg->part = part;
	/* the chunks' candidates: within an eighth of the share, as before */
	sg->max_refs = helper->max_refs * 2 / PIECE_CHUNKS;
	/* the helper gathers through the update's readers and a's cache, the
	 * deciding thread through its own readers and a second cache; each
	 * cache may hold half the docids one held */
	sg->gt[0] = *helper;
	sg->gt[0].win = win;
	sg->gt[0].ga.docs_room /= 2;
	sg->gt[1].ga = *a;
	sg->gt[1].win = win;
	sg->gt[1].ga.docs_room = sg->gt[0].ga.docs_room;
	sg->gt[1].ga.ti_cache = calloc((size_t)a->ti_mask + 1, sizeof(*a->ti_cache));
	*second = sg->gt[1].ga.ti_cache;
	if (!*second) {
		free(sg);
		free(c);
		return NS_ERR_NOMEM;
	}
	for (unsigned k = 0; k < PIECE_CHUNKS; k++)
		chunks[k] = &c[k];
	pc[0] = (struct piece_ctx){ sg, 0 };
	pc[1] = (struct piece_ctx){ sg, 1 };
	memset(&o, 0, sizeof(o));
	o.chunks = chunks;
	o.n_chunks = PIECE_CHUNKS;
	o.produce = produce;
	o.helper_ctx = &pc[0];
	o.own_ctx = &pc[1];
	o.consume = decide_piece;
	o.consume_ctx = sg;
	for (uint32_t lo = 0; lo < n_new && rc == NS_OK; lo += window) {
		sg->lo = lo;
		sg->hi = n_new - lo < window ? n_new : lo + window;
		rc = sketch_shared(sg);
		o.n_pieces = (sg->hi - lo + PIECE_DOCS - 1) / PIECE_DOCS;
		if (rc == NS_OK)
			rc = ns_ordered_run(&o);
	}
	helper->ga.docs_room = sg->gt[0].ga.docs_room * 2;
	for (unsigned k = 0; k < PIECE_CHUNKS; k++)
		free(c[k].refs);
	free(c);
	free(sg);
	return rc;
}

/* Gathers and decides every new document: on two threads when it pays. */
static int gather_and_decide(struct assign *a, struct window *win, struct window *part,
			     uint32_t window, uint64_t mem_bytes, int threaded)
{
	struct gather gt;
	struct chunk *c = calloc(2, sizeof(*c));
	struct ti_slot *second = NULL;	/* the deciding thread's term cache */
	void *chunks[2];
	int rc;

	if (!c)
		return NS_ERR_NOMEM;
	memset(&gt, 0, sizeof(gt));
	gt.ga = *a;
	gt.win = win;
	gt.window = window;
	gt.n_new = a->sb->n_new;
	/* the two chunks' candidates: within an eighth of the share */
	gt.max_refs = mem_bytes / 16 / sizeof(struct cand_ref);
	threaded = threaded && open_own(&gt, a);
	chunks[0] = &c[0];
	chunks[1] = &c[1];
	/* both threads sketch and gather (see above); else this one, each
	 * window's sketches made as the gathering reaches it */
	if (threaded)
		rc = shared_gather_and_decide(a, win, part, window, &gt, &second);
	else
		rc = ns_ahead_run(chunks, fill_chunk, &gt, decide_chunk, a, 0);
	for (uint32_t i = 0; second && i <= a->ti_mask; i++)
		free(second[i].docs);
	free(second);
	/* the gathering's term cache and its room are the assignment's */
	a->docs_room = gt.ga.docs_room;
	a->segs = gt.ga.segs;
	a->nw = gt.ga.nw;
	for (size_t i = 0; i < gt.n_own; i++)
		ns_segr_close(gt.own[i].r);
	free(gt.own);
	free(c[0].refs);
	free(c[1].refs);
	free(c);
	return rc;
}

int ns_story_build_assign(struct ns_story_build *sb, const struct ns_story_seg *segs,
			  size_t n_segs, uint64_t mem_bytes)
{
	struct assign a;
	struct window win, part;	/* part: the second thread's sketches */
	uint32_t window;
	int threaded;	/* both threads sketch and gather (gather_threaded()) */
	struct ns_diskarr closest_tab;
	int rc = NS_OK;

	memset(&a, 0, sizeof(a));
	memset(&win, 0, sizeof(win));
	memset(&part, 0, sizeof(part));
	ns_diskarr_init(&closest_tab, sb->dir, sizeof(uint32_t));
	ns_diskarr_init(&a.terms_tab, sb->dir, sizeof(struct term));
	ns_diskarr_init(&a.pool_tab, sb->dir, 1);
	ns_diskarr_init(&a.next_tab, sb->dir, sizeof(uint32_t));
	a.sb = sb;
	a.segs = segs;
	a.n_segs = n_segs;
	if (!sb->stamp) {
		rc = ns_diskarr_reserve(&sb->stamp_tab, sb->cap_stories);
		if (rc != NS_OK)
			return rc;
		sb->stamp = ns_diskarr_at(&sb->stamp_tab, 0);
	}
	if (sb->n_old_docs && (rc = remake_old_map(sb, segs, n_segs)) != NS_OK)
		return rc;
	for (size_t i = 0; i < n_segs; i++)
		if (segs[i].is_new)
			a.nw = &segs[i];
	if (!a.nw || sb->n_new == 0)
		return NS_OK;
	rc = map_sigs(sb);
	if (rc != NS_OK)
		return rc;
	if (sb->n_new != a.nw->n_docs)
		return NS_ERR_USAGE;	/* every document went through _add() */
	a.cand = malloc(MAX_CAND_STORIES * sizeof(*a.cand));
	a.ti_mask = TI_CACHE_MIN;
	/* sketches of a window of documents at a time: a million articles
	 * need not hold a million sketches; both threads sketching hold two
	 * sets in the same memory */
	threaded = gather_threaded(&a, mem_bytes);
	window = (uint32_t)(mem_bytes / (threaded ? 2 : 1) / (NS_STORY_SKETCH * sizeof(*win.sk) + 8));
	if (window < STORY_MIN_WINDOW)
		window = STORY_MIN_WINDOW;
	if (window > sb->n_new)
		window = sb->n_new;
	/* both threads gathering keep a cache each, of half the slots */
	while (a.ti_mask < TI_CACHE_MAX &&
	       (threaded ? 4 : 2) * a.ti_mask * sizeof(*a.ti_cache) <= mem_bytes / 4)
		a.ti_mask *= 2;
	a.ti_cache = calloc(a.ti_mask, sizeof(*a.ti_cache));
	a.ti_mask--;
	a.docs_room = mem_bytes / 8 / sizeof(uint32_t);	/* an eighth of the memory */
	a.popcnt = __builtin_cpu_supports("popcnt");
	/* per new document: in scratch files, as the stories (above) */
	if (!a.cand || !a.ti_cache) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	rc = ns_diskarr_reserve(&closest_tab, (uint64_t)sb->n_new + 1);
	if (rc == NS_OK)
		rc = ns_diskarr_reserve(&sb->new_story_tab, (uint64_t)sb->n_new + 1);
	if (rc != NS_OK)
		goto out;
	a.closest = ns_diskarr_at(&closest_tab, 0);
	sb->new_story = ns_diskarr_at(&sb->new_story_tab, 0);
	for (uint32_t d = 0; d < sb->n_new; d++)
		sb->new_story[d] = a.closest[d] = NS_STORY_NONE;
	a.first_new = (uint32_t)sb->n_stories;
	rc = window_alloc(&win, window);
	if (rc == NS_OK && threaded)
		rc = window_alloc(&part, window);
	if (rc != NS_OK)
		goto out;
	/* one window on one thread: its sketches are made in the walk that
	 * lists the terms (else each window's as the gathering reaches it) */
	window_start(&win, 0, window);
	rc = list_solos(&a);
	if (rc == NS_OK)
		rc = list_terms(&a, !threaded && window == sb->n_new ? &win : NULL);
	if (threaded || window < sb->n_new)
		win.hi = 0;
	/* several windows: where each term's documents go on (zeros: from
	 * the first) */
	if (rc == NS_OK && window < sb->n_new) {
		rc = ns_diskarr_reserve(&a.next_tab, (uint64_t)a.n_terms + 1);
		a.next_doc = rc == NS_OK ? ns_diskarr_at(&a.next_tab, 0) : NULL;
	}
	if (rc == NS_OK)
		rc = gather_and_decide(&a, &win, &part, window, mem_bytes, threaded);
	if (rc == NS_OK)
		rc = merge_stories(&a);
out:
	window_free(&win);
	window_free(&part);
	ns_diskarr_release(&a.terms_tab);
	for (uint32_t i = 0; a.ti_cache && i <= a.ti_mask; i++)
		free(a.ti_cache[i].docs);
	free(a.ti_cache);
	ns_diskarr_release(&a.pool_tab);
	ns_diskarr_release(&a.next_tab);
	free(a.cand);
	ns_diskarr_release(&closest_tab);
	free(a.solo_doc);
	free(a.solo_done);
	ns_diskarr_release(&sb->stamp_tab);
	sb->stamp = NULL;
	return rc;
}

/* ---- the new map ---- */

static const struct ns_story *sort_base;	/* for by_story_id (qsort has no context) */

static int by_story_id(const void *x, const void *y)
{
	uint64_t a = sort_base[*(const uint32_t *)x].id, b = sort_base[*(const uint32_t *)y].id;

	return a < b ? -1 : a > b;
}

/* The documents of the new map, made on demand (story_file.h): where
 * each comes from, 4 bytes a document, instead of the entries. */
struct publish_ctx {
	const struct ns_story_build *sb;
	const uint32_t *src;	/* per document: < n_new a new docid, else
				 * n_new + its entry in the old map;
				 * UINT32_MAX: deleted */
	const uint32_t *renum;	/* working story index -> the map's */
};

static void publish_doc(void *ctx, uint32_t i, struct ns_story_doc *out)
{
	const struct publish_ctx *p = ctx;
	const struct ns_story_build *sb = p->sb;
	uint32_t s = p->src[i];

	if (s == UINT32_MAX) {
		*out = (struct ns_story_doc){ NS_STORY_NONE, 0, 0 };
	} else if (s < sb->n_new) {
		struct ns_story_sig sig;
		get_sig(sb, s, &sig, NULL);
		*out = (struct ns_story_doc){ p->renum[sb->new_story[s]], sig.exact, sig.near };
	} else {
		*out = sb->old.docs[s - sb->n_new];
		out->story = p->renum[sb->root ? sb->root[out->story] : out->story];
	}
}

int ns_story_build_publish(struct ns_story_build *sb, const char *dir, uint64_t gen,
			   const struct ns_story_seg *segs, size_t n_segs, const uint32_t *seg_ids,
			   const uint32_t *seg_n_docs, size_t n_final)
{
	struct ns_story *stories = NULL;
	uint64_t *base = calloc(n_final + 1, sizeof(*base)), total = 0;
	uint32_t *renum = NULL, *order = NULL, *src = NULL;
	uint32_t n_stories = 0;
	/* per story and per document: in scratch files (as in the build) */
	struct ns_diskarr renum_tab, order_tab, src_tab, stories_tab;
	int rc = NS_OK;

	ns_diskarr_init(&renum_tab, sb->dir, sizeof(uint32_t));
	ns_diskarr_init(&order_tab, sb->dir, sizeof(uint32_t));
	ns_diskarr_init(&src_tab, sb->dir, sizeof(uint32_t));
	ns_diskarr_init(&stories_tab, sb->dir, sizeof(struct ns_story));
	if (!base) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	rc = ns_diskarr_reserve(&renum_tab, (uint64_t)sb->n_stories + 1);
	if (rc != NS_OK)
		goto out;
	renum = ns_diskarr_at(&renum_tab, 0);
	for (size_t i = 0; i < n_final; i++) {
		base[i] = total;
		total += seg_n_docs[i];
	}
	if (total >= UINT32_MAX || (uint64_t)sb->n_new + sb->old.n_docs >= UINT32_MAX) {
		rc = NS_ERR_LIMIT;
		goto out;
	}
	rc = ns_diskarr_reserve(&src_tab, total + 1);
	if (rc == NS_OK)
		rc = ns_diskarr_reserve(&stories_tab, (uint64_t)sb->n_stories + 1);
	if (rc != NS_OK)
		goto out;
	src = ns_diskarr_at(&src_tab, 0);
	stories = ns_diskarr_at(&stories_tab, 0);
	for (uint64_t i = 0; i < total; i++)
		src[i] = UINT32_MAX;
	for (size_t i = 0; i < sb->n_stories; i++)
		sb->stories[i].n_live = 0;
	for (size_t i = 0; i < n_segs; i++) {
		const struct ns_story_seg *s = &segs[i];
		size_t f = 0;
		while (f < n_final && seg_ids[f] != s->dest_id)
			f++;
		if (f == n_final)
			continue;	/* dropped: nothing of it is live */
		for (uint32_t d = 0; d < s->n_docs; d++) {
			uint32_t to = s->remap ? s->remap[d] : d, story;
			uint64_t from = s->is_new ? d : sb->n_new + s->old_base + d;
			if (!is_live(s, d) || to == UINT32_MAX || to >= seg_n_docs[f])
				continue;
			story = s->is_new ? sb->new_story[d] : sb->old.docs[s->old_base + d].story;
			if (story == NS_STORY_NONE)
				continue;
			if (!s->is_new && sb->root)
				story = sb->root[story];	/* merged by this run */
			src[base[f] + to] = (uint32_t)from;
			sb->stories[story].n_live++;
		}
	}
	/* the live stories in id order (format.h) */
	rc = ns_diskarr_reserve(&order_tab, (uint64_t)sb->n_stories + 1);
	if (rc != NS_OK)
		goto out;
	order = ns_diskarr_at(&order_tab, 0);
	for (size_t i = 0; i < sb->n_stories; i++)
		order[i] = (uint32_t)i;
	sort_base = sb->stories;
	qsort(order, sb->n_stories, sizeof(*order), by_story_id);
	for (size_t k = 0; k < sb->n_stories; k++) {
		uint32_t i = order[k];
		renum[i] = sb->stories[i].n_live ? n_stories : NS_STORY_NONE;
		if (sb->stories[i].n_live)
			stories[n_stories++] = sb->stories[i];
	}
	{
		struct publish_ctx p = { sb, src, renum };
		rc = ns_story_map_write_gen(dir, gen, (uint32_t)total, publish_doc, &p, stories,
					    n_stories);
	}
out:
	free(base);
	ns_diskarr_release(&renum_tab);
	ns_diskarr_release(&order_tab);
	ns_diskarr_release(&src_tab);
	ns_diskarr_release(&stories_tab);
	return rc;
}

/* ---- an update's segment set ---- */

/* The segments as the story code sees them: those of the index before the
 * merges (the old ones, then the run's new one), not the merges' output. */
static struct ns_story_seg *story_segs(struct ns_segset *set, size_t *n)
{
	struct ns_story_seg *ss = calloc(set->n + 1, sizeof(*ss));
	uint64_t old_base = 0;

	*n = 0;
	for (size_t i = 0; ss && i < set->n; i++) {
		struct ns_segstate *s = &set->seg[i];
		struct ns_story_seg *e;
		if (s->group <= -3)
			continue;	/* a merge's output */
		e = &ss[(*n)++];
		e->r = s->r;
		e->info = &s->info;
		e->id = s->info.id;
		e->n_docs = s->info.n_docs;
		e->is_new = s->is_new;
		e->old_base = old_base;
		if (!s->is_new)
			old_base += s->info.n_docs;
		e->del = s->del ? s->del : ns_segr_deleted(s->r);
		e->dest_id = s->group == -1 ? s->info.id : s->group >= 0 ? s->merged_into : UINT32_MAX;
		e->remap = s->group >= 0 ? s->remap : NULL;
	}
	return ss;
}

int ns_story_build_assign_set(struct ns_story_build *sb, struct ns_segset *set,
			      uint64_t mem_bytes)
{
	size_t n;
	struct ns_story_seg *ss = story_segs(set, &n);
	int rc = ss ? ns_story_build_assign(sb, ss, n, mem_bytes) : NS_ERR_NOMEM;

	free(ss);
	return rc;
}

int ns_story_build_publish_set(struct ns_story_build *sb, const char *dir, uint64_t gen,
			       struct ns_segset *set, const struct ns_seginfo *segs,
			       uint32_t n_segs)
{
	size_t n;
	struct ns_story_seg *ss = story_segs(set, &n);
	uint32_t *ids = calloc((size_t)n_segs + 1, sizeof(*ids));
	uint32_t *n_docs = calloc((size_t)n_segs + 1, sizeof(*n_docs));
	int rc = ss && ids && n_docs ? NS_OK : NS_ERR_NOMEM;

	for (uint32_t i = 0; rc == NS_OK && i < n_segs; i++) {
		ids[i] = segs[i].id;
		n_docs[i] = segs[i].n_docs;
	}
	if (rc == NS_OK)
		rc = ns_story_build_publish(sb, dir, gen, ss, n, ids, n_docs, n_segs);
	free(ss);
	free(ids);
	free(n_docs);
	return rc;
}
