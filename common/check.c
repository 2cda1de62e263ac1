/* SPDX-License-Identifier: MIT */
/* check.c -- the whole-index verification walk (see check.h).
 *
 * It goes through the segment reader, whose decoders already refuse what
 * does not check out, and adds the invariants a reader takes on trust:
 * orders, counts, sums, the skip tables' offsets, the id index.
 */
#include "check.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "date.h"
#include "deletes.h"
#include "error.h"
#include "fieldterm.h"
#include "fileio.h"
#include "format.h"
#include "manifest.h"
#include "segreader.h"
#include "story_check.h"
#include "wordforms_read.h"

#define OPEN_TRIES 5	/* a publish may remove files between two reads */

struct check {
	ns_check_fn report;
	void *ctx;
	struct ns_check_stats st;
	unsigned long n_problems;
	const char *dir;
};

static void problem(struct check *c, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct check *c, const char *file, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	c->n_problems++;
	if (c->report)
		c->report(c->ctx, file, what);
}

/* A term as printable text (field terms start with 0x01). */
static const char *show_term(const char *t, size_t len, char *out, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < len && k + 5 < n; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (ch < 0x20 || ch == 0x7f)
			k += (size_t)snprintf(out + k, n - k, "\\x%02x", ch);
		else
			out[k++] = (char)ch;
	}
	out[k] = 0;
	return out;
}

/* ---- one postings list ---- */

struct post_check {
	uint32_t *vals;		/* scratch for position runs */
	size_t cap;
};

/* Checks the postings of one term; returns 0, or 1 after a problem. */
static int check_postings(struct check *c, struct post_check *pc, const char *file,
			  struct ns_segr *s, const char *term, size_t len,
			  const struct ns_term_info *ti, const uint32_t *doc_len,
			  const uint32_t *title_len)
{
	struct ns_post p;
	char shown[128];
	uint64_t count = 0, cf = 0, pos_off = 0;
	uint32_t prev = 0, blk = UINT32_MAX;
	int field = len > 0 && (uint8_t)term[0] == 0x01, rc;

	show_term(term, len, shown, sizeof(shown));
	rc = ns_post_open_all(&p, s, ti);
	if (rc != NS_OK) {
		problem(c, file, "term '%s': document part fails its CRC", shown);
		return 1;
	}
	for (;;) {
		const uint8_t *block_at = p.next_blk;
		const uint32_t *pos;
		uint32_t tf;
		rc = ns_post_next(&p);
		if (rc == NS_DONE)
			break;
		if (rc != NS_OK) {
			problem(c, file, "term '%s': postings do not decode (%s)", shown,
				ns_strerror(rc));
			goto fail;
		}
		if (p.blk != blk) {
			/* a new block: its skip entry and its position run */
			double c0 = ns_segr_bound_c0(s), low = NS_FMT_BOUND_MAX;
			uint64_t n = 0;
			size_t k;
			blk = p.blk;
			for (uint32_t i = 0; i < p.blk_n; i++) {
				double tfw = (double)p.tfs[i] + NS_FMT_BOUND_TW * (double)p.tts[i];
				double dlw = (doc_len && title_len)
						     ? (double)doc_len[p.docs[i]] +
							       NS_FMT_BOUND_TW * (double)title_len[p.docs[i]]
						     : 0;
				double v = (1.0 + c0 * dlw) / tfw * NS_FMT_BOUND_SCALE;
				n += p.tfs[i];
				if (v < low)
					low = v;
			}
			if (p.skips) {
				const uint8_t *e = p.skips + (size_t)blk * NS_FMT_SKIP_ENTRY_LEN;
				uint32_t impact = (uint32_t)(e[NS_FMT_SKIP_IMPACT] |
							     e[NS_FMT_SKIP_IMPACT + 1] << 8);
				if (ns_get_u32(e + NS_FMT_SKIP_DOC_OFF) !=
					    (uint64_t)(block_at - p.blocks) ||
				    ns_get_u32(e + NS_FMT_SKIP_POS_OFF) != pos_off ||
				    (doc_len && title_len && impact != (uint32_t)low)) {
					problem(c, file, "term '%s': skip entry %u is wrong", shown, blk);
					goto fail;
				}
			}
			if (n + NS_CODEC_BLOCK > pc->cap) {
				uint32_t *v = realloc(pc->vals, (n + NS_CODEC_BLOCK) * sizeof(*v));
				if (!v)
					goto nomem;
				pc->vals = v;
				pc->cap = n + NS_CODEC_BLOCK;
			}
			if (pos_off > ti->pos_len)
				k = 0;
			else
				k = ns_codec_decode(pc->vals, ti->pos_part + pos_off,
						    ti->pos_part + ti->pos_len, (size_t)n);
			if (!k) {
				problem(c, file, "term '%s': position run of block %u does not decode",
					shown, blk);
				goto fail;
			}
			pos_off += k;
		}
		if (count > 0 && p.docid <= prev) {
			problem(c, file, "term '%s': docids not increasing", shown);
			goto fail;
		}
		if (p.docid >= ns_segr_n_docs(s)) {
			problem(c, file, "term '%s': docid %u beyond the segment", shown, p.docid);
			goto fail;
		}
		prev = p.docid;
		count++;
		cf += ns_post_tf(&p);
		rc = ns_post_positions(&p, &pos, &tf);
		if (rc != NS_OK) {
			problem(c, file, "term '%s': positions fail their CRC or do not decode", shown);
			goto fail;
		}
		for (uint32_t i = 1; i < tf; i++)
			if (pos[i] <= pos[i - 1]) {
				problem(c, file, "term '%s': positions not increasing", shown);
				goto fail;
			}
		if (!field && doc_len && pos[tf - 1] >= doc_len[p.docid]) {
			problem(c, file, "term '%s': position %u beyond document %u's %u words",
				shown, pos[tf - 1], p.docid, doc_len[p.docid]);
			goto fail;
		}
		if (title_len) {
			uint32_t tt = 0;
			while (!field && tt < tf && pos[tt] < title_len[p.docid])
				tt++;
			if (tt != ns_post_title_tf(&p)) {
				problem(c, file, "term '%s': document %u has %u title words, not %u",
					shown, p.docid, tt, ns_post_title_tf(&p));
				goto fail;
			}
		}
	}
	if (p.next_blk != p.blocks_end) {
		problem(c, file, "term '%s': bytes after the last doc block", shown);
		goto fail;
	}
	if (pos_off != ti->pos_len) {
		problem(c, file, "term '%s': bytes after the last position run", shown);
		goto fail;
	}
	if (count != ti->df || cf != ti->cf) {
		problem(c, file, "term '%s': df %u / cf %llu in the dictionary, %llu / %llu in the "
			"postings", shown, ti->df, (unsigned long long)ti->cf,
			(unsigned long long)count, (unsigned long long)cf);
		goto fail;
	}
	ns_post_release(&p);
	c->st.n_postings += count;
	return 0;
nomem:
	ns_post_release(&p);
	return -1;
fail:
	ns_post_release(&p);
	return 1;
}

/* ---- one segment ---- */

/* The live ids, to find one live twice (I8). */
struct live_id {
	uint64_t hash;
	uint32_t seg;		/* index in the MANIFEST */
	uint32_t docid;
};

struct ids {
	struct live_id *v;
	size_t n, cap;
};

static int push_id(struct ids *ids, uint64_t h, uint32_t seg, uint32_t docid)
{
	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? 2 * ids->cap : 1024;
		struct live_id *v = realloc(ids->v, cap * sizeof(*v));
		if (!v)
			return NS_ERR_NOMEM;
		ids->v = v;
		ids->cap = cap;
	}
	ids->v[ids->n++] = (struct live_id){ h, seg, docid };
	return NS_OK;
}

static int check_dictionary(struct check *c, const char *file, struct ns_segr *s,
			    const uint32_t *doc_len, const uint32_t *title_len)
{
	struct ns_term_iter *it;
	struct post_check pc = { NULL, 0 };
	char prev[NS_FMT_MAX_TERM_LEN + 1], shown[128];
	size_t prev_len = 0, len;
	uint32_t n_terms = 0, blk = UINT32_MAX, n_blocks_seen = 0;
	const char *term;
	struct ns_term_info ti;
	int rc = ns_term_iter_new(s, &it);

	if (rc != NS_OK)
		return rc;
	while ((rc = ns_term_iter_next(it, &term, &len, &ti)) == NS_OK) {
		struct ns_term_info found;
		int r;
		show_term(term, len, shown, sizeof(shown));
		if (n_terms > 0 && ns_fmt_term_cmp(prev, prev_len, term, len) >= 0) {
			problem(c, file, "term '%s' out of order", shown);
			break;
		}
		if (ns_term_iter_block(it) != blk) {
			const char *first;
			size_t first_len;
			blk = ns_term_iter_block(it);
			n_blocks_seen++;
			if (ns_segr_block_first(s, blk, &first, &first_len) != NS_OK ||
			    ns_fmt_term_cmp(first, first_len, term, len) != 0) {
				problem(c, file, "term index: block %u does not start with '%s'", blk,
					shown);
				break;
			}
		}
		if (ns_segr_lookup(s, term, len, &found) != NS_OK || found.doc_part != ti.doc_part) {
			problem(c, file, "term '%s' cannot be looked up", shown);
			break;
		}
		memcpy(prev, term, len);
		prev_len = len;
		n_terms++;
		r = check_postings(c, &pc, file, s, term, len, &ti, doc_len, title_len);
		if (r < 0) {
			rc = NS_ERR_NOMEM;
			break;
		}
	}
	if (rc == NS_DONE) {
		rc = NS_OK;
		if (n_terms != ns_segr_n_terms(s))
			problem(c, file, "%u terms in the dictionary, %u in the trailer", n_terms,
				ns_segr_n_terms(s));
		if (n_blocks_seen != ns_segr_n_blocks(s))
			problem(c, file, "%u dictionary blocks, %u in the term index", n_blocks_seen,
				ns_segr_n_blocks(s));
	} else if (rc == NS_ERR_CORRUPT) {
		problem(c, file, "a dictionary block fails its CRC or does not decode");
		rc = NS_OK;
	}
	c->st.n_terms += n_terms;
	free(pc.vals);
	ns_term_iter_free(it);
	return rc;
}

/* The segment's word forms file: every chunk's CRC, entries in term order,
 * counts at least the segment's live documents can have made. */
static int check_forms(struct check *c, const struct ns_seginfo *g)
{
	struct ns_wfr *r = NULL;
	char name[48];
	int rc = ns_wfr_open(c->dir, g->id, &r);

	ns_fmt_segment_name(name, g->id, "nsw");
	if (rc == NS_ERR_NOMEM)
		return rc;
	if (rc != NS_OK)
		problem(c, name, "cannot be opened: %s", ns_strerror(rc));
	else if (ns_wfr_check_all(r) != NS_OK)
		problem(c, name, "a chunk fails its CRC, does not decode or is out of order");
	else if (ns_wfr_n_docs(r) < g->n_docs - g->n_deleted)
		problem(c, name, "counts cover %u documents, fewer than the %u live ones",
			ns_wfr_n_docs(r), g->n_docs - g->n_deleted);
	ns_wfr_close(r);
	return NS_OK;
}

/* Whether document d's day and source columns (segcols.h) say what its
 * record says. */
static int columns_agree(struct ns_segr *s, uint32_t d, const struct ns_doc *doc)
{
	const uint8_t *e;
	struct ns_str src;
	uint32_t k, day, want = NS_FMT_DAY_NONE;

	if (doc->date_key != NS_DATE_NONE)
		want = (uint32_t)(int32_t)(doc->date_key / 86400 - (doc->date_key % 86400 < 0));
	if (ns_segr_col_chunk(s, NS_COL_DAY, d / NS_FMT_COL_CHUNK, &e, &k) != NS_OK)
		return 0;
	day = ns_get_u32(e + NS_FMT_COL_ENTRY_LEN * (d % NS_FMT_COL_CHUNK));
	if (day != want ||
	    ns_segr_col_chunk(s, NS_COL_SOURCE, d / NS_FMT_COL_CHUNK, &e, &k) != NS_OK ||
	    ns_segr_source(s, ns_get_u32(e + NS_FMT_COL_ENTRY_LEN * (d % NS_FMT_COL_CHUNK)),
			   &src) != NS_OK)
		return 0;
	return src.len == doc->source.len && memcmp(src.p, doc->source.p, src.len) == 0;
}

/* Whether every chunk of the day and source columns and the source table
 * pass their CRCs (each failure said once). */
static int columns_sound(struct check *c, const char *nsd, struct ns_segr *s, uint32_t n)
{
	static const char *const name[2] = { "day", "source" };
	const uint8_t *e;
	uint32_t k;
	int ok = 1;

	for (int col = 0; col < 2; col++)
		for (uint32_t d = 0; d < n; d += NS_FMT_COL_CHUNK)
			if (ns_segr_col_chunk(s, (enum ns_segr_col)col, d / NS_FMT_COL_CHUNK, &e,
					      &k) != NS_OK) {
				problem(c, nsd, "%s column of documents %u..%u fails its CRC",
					name[col], d, n - d < NS_FMT_COL_CHUNK ? n - 1
								: d + NS_FMT_COL_CHUNK - 1);
				ok = 0;
			}
	if (ns_segr_n_sources(s, &k) != NS_OK) {
		problem(c, nsd, "source table fails its CRC or its offsets are out of order");
		ok = 0;
	}
	return ok;
}

/* Text groups against the documents that point into them (format.h): a
 * record's own check only says its docid lies in its group's range, so a
 * group's first_doc or n_docs rewritten with its CRC recomputed would pass
 * it.  Walked in docid order, the groups must follow one another in the
 * file, each starting at the document after the last one's end, and the
 * texts of a group must lie end to end and fill its raw bytes. */
struct group_walk {
	const uint8_t *group;	/* the group of the documents seen last */
	uint32_t end_doc;	/* its first_doc + n_docs */
	uint64_t text_end;	/* where the last text seen in it ended */
	int broken;		/* a bad record was met: say no more */
};

static void group_closes(struct check *c, const char *nsd, struct group_walk *w, uint32_t d)
{
	if (w->group && !w->broken &&
	    (w->end_doc != d || w->text_end != ns_get_u32(w->group + NS_FMT_GROUP_RAW_LEN)))
		problem(c, nsd, "text group before document %u says it holds documents up to %u "
			"and %u text bytes, its documents end at %u and %llu", d, w->end_doc,
			ns_get_u32(w->group + NS_FMT_GROUP_RAW_LEN), d,
			(unsigned long long)w->text_end);
}

static void group_walk_doc(struct check *c, const char *nsd, struct group_walk *w, uint32_t d,
			   const struct ns_doc *doc)
{
	if (w->broken)
		return;
	if (doc->group != w->group) {
		group_closes(c, nsd, w, d);
		if (w->group && doc->group < w->group) {
			problem(c, nsd, "text group of document %u comes before the previous "
				"document's", d);
			w->broken = 1;
			return;
		}
		w->group = doc->group;
		w->end_doc = ns_get_u32(doc->group + NS_FMT_GROUP_FIRST_DOC) +
			     ns_get_u32(doc->group + NS_FMT_GROUP_N_DOCS);
		w->text_end = 0;
		if (ns_get_u32(doc->group + NS_FMT_GROUP_FIRST_DOC) != d) {
			problem(c, nsd, "text group of document %u says it starts at document %u",
				d, ns_get_u32(doc->group + NS_FMT_GROUP_FIRST_DOC));
			w->broken = 1;
			return;
		}
	}
	if (doc->text_off != w->text_end) {
		problem(c, nsd, "text of document %u starts at byte %llu of its group, the "
			"previous one ended at %llu", d, (unsigned long long)doc->text_off,
			(unsigned long long)w->text_end);
		w->broken = 1;
		return;
	}
	w->text_end = doc->text_off + doc->text_len;
}

static int check_segment(struct check *c, uint32_t si, const struct ns_seginfo *g,
			 struct ns_segr *s, struct ids *ids)
{
	char nsp[48], nsd[48], del[48];
	uint32_t n = g->n_docs, *doc_len = NULL, *title_len = NULL;
	uint64_t tok = 0, title_tok = 0, del_tok = 0, del_title = 0, prev_hash = 0;
	uint8_t *seen = NULL;
	int rc = NS_OK, bad_docs = 0, cols_ok;
	struct group_walk groups = {0};

	ns_fmt_segment_name(nsp, g->id, "nsp");
	ns_fmt_segment_name(nsd, g->id, "nsd");
	if (g->del_gen)
		ns_fmt_deletes_name(del, g->id, g->del_gen);
	else
		snprintf(del, sizeof(del), "%s", "MANIFEST");
	doc_len = calloc((size_t)n + 1, sizeof(*doc_len));
	title_len = calloc((size_t)n + 1, sizeof(*title_len));
	seen = calloc(ns_del_bytes(n) + 1, 1);
	if (!doc_len || !title_len || !seen) {
		rc = NS_ERR_NOMEM;
		goto out;
	}

	/* norms */
	for (uint32_t d = 0; d < n; d++) {
		uint32_t tl, dl;
		if (ns_segr_norms(s, d, &tl, &dl) != NS_OK) {
			problem(c, nsp, "norms of document %u fail their CRC or are inconsistent", d);
			free(doc_len);
			doc_len = NULL;
			break;
		}
		doc_len[d] = dl;
		title_len[d] = tl;
		tok += dl;
		title_tok += tl;
		if (ns_segr_is_deleted(s, d)) {
			del_tok += dl;
			del_title += tl;
		}
	}
	if (doc_len && (tok != g->n_tokens || title_tok != g->n_title_tokens))
		problem(c, nsp, "document lengths add up to %llu words (%llu in titles), the "
			"MANIFEST says %llu (%llu)", (unsigned long long)tok,
			(unsigned long long)title_tok, (unsigned long long)g->n_tokens,
			(unsigned long long)g->n_title_tokens);
	if (doc_len && (del_tok != g->deleted_tokens || del_title != g->deleted_title_tokens))
		problem(c, del, "deleted documents have %llu words (%llu in titles), the MANIFEST "
			"says %llu (%llu)", (unsigned long long)del_tok,
			(unsigned long long)del_title, (unsigned long long)g->deleted_tokens,
			(unsigned long long)g->deleted_title_tokens);

	/* dictionary and postings */
	rc = check_dictionary(c, nsp, s, doc_len, title_len);
	if (rc != NS_OK)
		goto out;

	/* the columns' checksums, then each document against them */
	cols_ok = columns_sound(c, nsd, s, n);
	if (ns_segr_check_text_dict(s) != NS_OK)
		problem(c, nsd, "text dictionary fails its CRC");
	/* documents */
	for (uint32_t d = 0; d < n && bad_docs < 10; d++) {
		struct ns_doc doc;
		int64_t key;
		char *text;
		size_t text_len;
		if (ns_segr_doc(s, d, &doc) != NS_OK) {
			problem(c, nsd, "record of document %u fails its CRC or does not parse", d);
			bad_docs++;
			groups.broken = 1;
			continue;
		}
		group_walk_doc(c, nsd, &groups, d, &doc);
		if (ns_segr_date(s, d, &key) != NS_OK || key != doc.date_key) {
			problem(c, nsd, "doc table entry %u disagrees with its record", d);
			bad_docs++;
		}
		if (cols_ok && !columns_agree(s, d, &doc)) {
			problem(c, nsd, "day or source column of document %u disagrees with its "
				"record", d);
			bad_docs++;
		}
		rc = ns_doc_text(&doc, &text, &text_len);
		if (rc == NS_ERR_NOMEM)
			goto out;
		if (rc != NS_OK) {
			problem(c, nsd, "text of document %u does not decompress or fails its CRC", d);
			bad_docs++;
			rc = NS_OK;
			continue;
		}
		free(text);
		if (!ns_segr_is_deleted(s, d) &&
		    push_id(ids, ns_fmt_id_hash(doc.id.p, doc.id.len), si, d) != NS_OK) {
			rc = NS_ERR_NOMEM;
			goto out;
		}
	}

	if (bad_docs == 0)
		group_closes(c, nsd, &groups, n);

	/* id index: sorted, each document once, hashes right */
	for (uint32_t i = 0; i < n; i++) {
		uint64_t h;
		uint32_t d;
		struct ns_doc doc;
		if (ns_segr_id_entry(s, i, &h, &d) != NS_OK) {
			problem(c, nsd, "id index entry %u fails its CRC or is out of range", i);
			break;
		}
		if ((i > 0 && h < prev_hash) || ns_del_test(seen, d)) {
			problem(c, nsd, "id index not sorted or document %u twice", d);
			break;
		}
		ns_del_set(seen, d);
		prev_hash = h;
		if (ns_segr_doc(s, d, &doc) == NS_OK && ns_fmt_id_hash(doc.id.p, doc.id.len) != h) {
			problem(c, nsd, "id index: wrong hash for document %u", d);
			break;
		}
	}
out:
	free(doc_len);
	free(title_len);
	free(seen);
	return rc;
}

/* ---- across the index ---- */

static int by_hash(const void *x, const void *y)
{
	const struct live_id *a = x, *b = y;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->seg != b->seg)
		return a->seg < b->seg ? -1 : 1;
	return a->docid < b->docid ? -1 : a->docid > b->docid;
}

static void check_unique_ids(struct check *c, struct ids *ids, struct ns_segr **segs)
{
	if (ids->n > 1)
		qsort(ids->v, ids->n, sizeof(*ids->v), by_hash);
	for (size_t i = 1; i < ids->n; i++) {
		struct ns_doc a, b;
		if (ids->v[i].hash != ids->v[i - 1].hash)
			continue;
		if (ns_segr_doc(segs[ids->v[i - 1].seg], ids->v[i - 1].docid, &a) != NS_OK ||
		    ns_segr_doc(segs[ids->v[i].seg], ids->v[i].docid, &b) != NS_OK)
			continue;
		if (a.id.len == b.id.len && memcmp(a.id.p, b.id.p, a.id.len) == 0)
			problem(c, "MANIFEST", "id '%.*s' is live in two documents (I8)",
				(int)(a.id.len > 100 ? 100 : a.id.len), a.id.p);
	}
}

struct ext_ref {
	uint32_t seg_ix;	/* index in the MANIFEST */
	uint32_t first, count;
	uint32_t file;
};

static int by_place(const void *x, const void *y)
{
	const struct ext_ref *a = x, *b = y;

	if (a->seg_ix != b->seg_ix)
		return a->seg_ix < b->seg_ix ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* File extents: inside their segments, not overlapping, covering every
 * live document. */
static int check_files(struct check *c, const struct ns_manifest *m, struct ns_segr **segs)
{
	struct ext_ref *v = NULL;
	size_t n = 0, cap = 0;
	int rc = NS_OK;

	for (uint32_t i = 0; i < m->n_files; i++) {
		const struct ns_filestate *f = &m->files[i];
		for (uint32_t k = 0; k < f->n_ext; k++) {
			const struct ns_extent *e = &f->ext[k];
			uint32_t s = 0;
			while (s < m->n_segs && m->segs[s].id != e->seg)
				s++;
			if (s == m->n_segs || e->count == 0 ||
			    (uint64_t)e->first + e->count > m->segs[s].n_docs) {
				problem(c, "MANIFEST", "file '%s': extent %u points outside the index",
					f->path, k);
				continue;
			}
			if (n == cap) {
				size_t nc = cap ? 2 * cap : 256;
				struct ext_ref *p = realloc(v, nc * sizeof(*p));
				if (!p) {
					rc = NS_ERR_NOMEM;
					goto out;
				}
				v = p;
				cap = nc;
			}
			v[n++] = (struct ext_ref){ s, e->first, e->count, i };
		}
		if (f->flags & NS_FMT_FILE_TAIL) {
			int ok = 0;
			for (uint32_t k = 0; k < f->n_ext && !ok; k++)
				ok = f->ext[k].seg == f->tail_seg && f->tail_doc >= f->ext[k].first &&
				     f->tail_doc - f->ext[k].first < f->ext[k].count;
			if (!ok)
				problem(c, "MANIFEST", "file '%s': its last line's article is not its own",
					f->path);
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), by_place);
	for (size_t i = 1; i < n; i++)
		if (v[i].seg_ix == v[i - 1].seg_ix && v[i - 1].first + v[i - 1].count > v[i].first)
			problem(c, "MANIFEST", "files '%s' and '%s' claim the same documents",
				m->files[v[i - 1].file].path, m->files[v[i].file].path);
	/* every live document belongs to a file */
	for (uint32_t sx = 0, i = 0; sx < m->n_segs; sx++) {
		uint32_t d = 0, uncovered = UINT32_MAX;
		for (;; i++) {
			int more = i < n && v[i].seg_ix == sx;
			uint32_t upto = more ? v[i].first : m->segs[sx].n_docs;
			for (; segs[sx] && d < upto && uncovered == UINT32_MAX; d++)
				if (!ns_segr_is_deleted(segs[sx], d))
					uncovered = d;
			if (!more)
				break;
			if (v[i].first + v[i].count > d)
				d = v[i].first + v[i].count;
		}
		if (uncovered != UINT32_MAX) {
			char name[48];
			ns_fmt_segment_name(name, m->segs[sx].id, "nsd");
			problem(c, name, "live document %u belongs to no source file", uncovered);
		}
	}
out:
	free(v);
	return rc;
}

int ns_check_index(const char *dir, ns_check_fn report, void *ctx, struct ns_check_stats *st,
		   char *msg, size_t msglen)
{
	struct check c;
	struct ns_manifest m;
	struct ns_segr **segs = NULL;
	struct ids ids = { NULL, 0, 0 };
	int rc = NS_OK;

	memset(&c, 0, sizeof(c));
	c.report = report;
	c.ctx = ctx;
	c.dir = dir;
	memset(&m, 0, sizeof(m));
	/* Open everything first: once mapped, files a concurrent update
	 * removes stay readable. */
	for (int tries = 0; tries < OPEN_TRIES; tries++) {
		int missing = 0;
		rc = ns_manifest_read_all(dir, &m);
		if (rc == NS_ERR_NOTFOUND) {
			ns_msgf(msg, msglen, "'%s' is not an index (no MANIFEST)", dir);
			return rc;
		}
		if (rc == NS_ERR_NOMEM || rc == NS_ERR_IO) {
			ns_msgf(msg, msglen, "%s/MANIFEST: %s", dir,
				rc == NS_ERR_IO ? strerror(errno) : ns_strerror(rc));
			return rc;
		}
		if (rc != NS_OK) {
			problem(&c, "MANIFEST", "%s", ns_strerror(rc));
			rc = NS_OK;
			goto out;
		}
		segs = calloc(m.n_segs + 1, sizeof(*segs));
		if (!segs) {
			rc = NS_ERR_NOMEM;
			goto out;
		}
		for (uint32_t i = 0; i < m.n_segs; i++)
			if (ns_segr_open(dir, &m.segs[i], &segs[i], NULL, 0) == NS_ERR_NOTFOUND)
				missing = 1;
		if (!missing || tries + 1 == OPEN_TRIES)
			break;
		for (uint32_t i = 0; i < m.n_segs; i++)
			ns_segr_close(segs[i]);
		free(segs);
		segs = NULL;
		ns_manifest_release(&m);
	}
	c.st.generation = m.generation;
	c.st.n_segments = m.n_segs;
	for (uint32_t i = 0; i < m.n_segs && rc == NS_OK; i++) {
		char why[512] = "", name[48];
		if (!segs[i]) {
			/* open again for the message */
			struct ns_segr *s = NULL;
			ns_fmt_segment_name(name, m.segs[i].id, "nsp");
			ns_segr_open(dir, &m.segs[i], &s, why, sizeof(why));
			ns_segr_close(s);
			problem(&c, name, "cannot be opened: %s", why);
			continue;
		}
		c.st.n_docs += m.segs[i].n_docs - m.segs[i].n_deleted;
		c.st.n_deleted += m.segs[i].n_deleted;
		rc = check_segment(&c, i, &m.segs[i], segs[i], &ids);
		if (rc == NS_OK)
			rc = check_forms(&c, &m.segs[i]);
	}
	if (rc == NS_OK)
		check_unique_ids(&c, &ids, segs);
	if (rc == NS_OK)
		rc = check_files(&c, &m, segs);
	if (rc == NS_OK)
		rc = ns_story_check(dir, &m, segs, report, ctx, &c.n_problems);
out:
	if (rc != NS_OK)
		ns_msgf(msg, msglen, "checking '%s': %s", dir, ns_strerror(rc));
	for (uint32_t i = 0; segs && i < m.n_segs; i++)
		ns_segr_close(segs[i]);
	free(segs);
	free(ids.v);
	ns_manifest_release(&m);
	if (st)
		*st = c.st;
	return rc;
}
