/* SPDX-License-Identifier: MIT */
/* pieces.c -- several indexes opened as one list of segments (pieces.h). */
#include "pieces.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"

/* The last component of dir, without trailing slashes ("." for "/"). */
static char *base_name(const char *dir)
{
	size_t end = strlen(dir), start;
	char *s;

	while (end > 1 && dir[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && dir[start - 1] != '/')
		start--;
	s = malloc(end - start + 1);
	if (s) {
		memcpy(s, dir + start, end - start);
		s[end - start] = 0;
	}
	return s;
}

/* Names from basenames; a basename two pieces share would make their
 * prefixes alike, so both are named by their directory as given. */
static int name_pieces(struct ns_piece *p, size_t n)
{
	unsigned char *shared = calloc(n, 1);

	if (!shared)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		if (!(p[i].name = base_name(p[i].dir))) {
			free(shared);
			return NS_ERR_NOMEM;
		}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(p[i].name, p[j].name) == 0)
				shared[i] = shared[j] = 1;
	for (size_t i = 0; i < n; i++) {
		char *full;
		if (!shared[i])
			continue;
		if (!(full = strdup(p[i].dir))) {
			free(shared);
			return NS_ERR_NOMEM;
		}
		free(p[i].name);
		p[i].name = full;
	}
	free(shared);
	return NS_OK;
}

/* The same directory twice would make every id clash: refuse it. */
static int check_distinct(const char *const *dirs, size_t n, char *msg, size_t msglen)
{
	struct stat *st = calloc(n, sizeof(*st));

	if (!st)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (stat(dirs[i], &st[i]) != 0)
			continue;	/* opening it will say why */
		for (size_t j = 0; j < i; j++)
			if (st[j].st_ino == st[i].st_ino && st[j].st_dev == st[i].st_dev) {
				ns_msgf(msg, msglen, "'%s' and '%s' are the same index: give it once",
					dirs[j], dirs[i]);
				free(st);
				return NS_ERR_USAGE;
			}
	}
	free(st);
	return NS_OK;
}

/* Moves the segments of piece index one to the end of all's lists. */
static void take_segments(struct ns_index *all, struct ns_index *one, struct ns_piece *p)
{
	p->first_seg = all->m.n_segs;
	p->n_segs = one->m.n_segs;
	p->generation = one->m.generation;
	p->identity = one->m.identity;
	p->built = one->m.built;
	for (uint32_t i = 0; i < one->m.n_segs; i++) {
		all->m.segs[all->m.n_segs] = one->m.segs[i];
		all->segs[all->m.n_segs++] = one->segs[i];
		one->segs[i] = NULL;	/* all owns it now, */
		one->m.segs[i].arr = NULL;	/* and its arrival runs */
		one->m.segs[i].n_arr = 0;
	}
	for (uint32_t i = 0; i < one->m.n_sources; i++) {
		all->m.sources[all->m.n_sources++] = one->m.sources[i];
		one->m.sources[i] = NULL;
	}
	if (one->m.generation > all->m.generation)
		all->m.generation = one->m.generation;
	if (one->m.built > all->m.built)
		all->m.built = one->m.built;
}

/* Opens every piece alone first (each with its own retries against a
 * concurrent publish), then joins them. */
static int open_pieces(const char *const *dirs, size_t n, struct ns_index **one, char *msg,
		       size_t msglen, uint64_t *n_segs, uint64_t *n_sources)
{
	*n_segs = *n_sources = 0;
	for (size_t i = 0; i < n; i++) {
		char why[768] = "";
		int rc = ns_idx_open(dirs[i], &one[i], why, sizeof(why));
		if (rc != NS_OK) {
			ns_msgf(msg, msglen, "index %zu of %zu: %s", i + 1, n,
				why[0] ? why : ns_strerror(rc));
			return rc;
		}
		if (strcmp(one[i]->m.lang, one[0]->m.lang) != 0) {
			ns_msgf(msg, msglen,
				"'%s' is in language '%s' and '%s' in '%s': indexes searched as one "
				"must share a language (rebuild one with nindex --lang)",
				dirs[0], one[0]->m.lang, dirs[i], one[i]->m.lang);
			return NS_ERR_USAGE;
		}
		*n_segs += one[i]->m.n_segs;
		*n_sources += one[i]->m.n_sources;
	}
	return NS_OK;
}

int ns_idx_open_many(const char *const *dirs, size_t n, struct ns_index **out, char *msg,
		       size_t msglen)
{
	struct ns_index **one = NULL, *all = NULL;
	uint64_t n_segs, n_sources;
	size_t dir_len = 1;
	int rc;

	*out = NULL;
	if (n == 1)
		return ns_idx_open(dirs[0], out, msg, msglen);
	if (n == 0 || n > NS_PIECES_MAX) {
		ns_msgf(msg, msglen, "%zu indexes given: from 1 to %d can be searched as one", n,
			NS_PIECES_MAX);
		return NS_ERR_LIMIT;
	}
	rc = check_distinct(dirs, n, msg, msglen);
	if (rc != NS_OK)
		return rc;
	one = calloc(n, sizeof(*one));
	all = calloc(1, sizeof(*all));
	if (!one || !all) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	rc = open_pieces(dirs, n, one, msg, msglen, &n_segs, &n_sources);
	if (rc != NS_OK)
		goto out;
	if (n_segs >= UINT32_MAX) {
		ns_msgf(msg, msglen, "the indexes hold %llu segments: too many to search as one",
			(unsigned long long)n_segs);
		rc = NS_ERR_LIMIT;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		dir_len += strlen(dirs[i]) + 1;
	all->dir = malloc(dir_len);
	all->pieces = calloc(n, sizeof(*all->pieces));
	all->m.segs = calloc(n_segs + 1, sizeof(*all->m.segs));
	all->m.sources = calloc(n_sources + 1, sizeof(*all->m.sources));
	all->segs = calloc(n_segs + 1, sizeof(*all->segs));
	all->base = calloc(n_segs + 1, sizeof(*all->base));
	all->deleted = calloc(n_segs + 1, sizeof(*all->deleted));
	if (!all->dir || !all->pieces || !all->m.segs || !all->m.sources || !all->segs ||
	    !all->base || !all->deleted) {
		rc = NS_ERR_NOMEM;
		goto out;
	}
	/* The pieces joined as NSEARCH_INDEX would list them, for messages. */
	all->dir[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(all->dir, ":");
		strcat(all->dir, dirs[i]);
	}
	memcpy(all->m.lang, one[0]->m.lang, sizeof(all->m.lang));
	all->n_pieces = (uint32_t)n;
	for (size_t i = 0; i < n; i++) {
		if (!(all->pieces[i].dir = strdup(dirs[i]))) {
			rc = NS_ERR_NOMEM;
			goto out;
		}
		take_segments(all, one[i], &all->pieces[i]);
	}
	rc = name_pieces(all->pieces, n);
	if (rc != NS_OK)
		goto out;
	ns_index_sum_stats(all);
	all->an = one[0]->an;	/* the shared language's analyzer */
	one[0]->an = NULL;
	*out = all;
	all = NULL;
out:
	for (size_t i = 0; one && i < n; i++)
		ns_idx_close(one[i]);
	free(one);
	ns_idx_close(all);
	return rc;
}

uint32_t ns_pieces_of_segment(const struct ns_index *idx, uint32_t s)
{
	uint32_t lo = 0, hi = idx->n_pieces;

	if (hi < 2)
		return 0;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (idx->pieces[mid].first_seg <= s)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

const char *ns_pieces_segment_dir(const struct ns_index *idx, uint32_t s)
{
	return idx->n_pieces ? idx->pieces[ns_pieces_of_segment(idx, s)].dir : idx->dir;
}

struct live_ctx {
	struct ns_segr *seg;
	uint32_t docid;
	int found;
};

static int on_live(void *ctx, uint32_t docid)
{
	struct live_ctx *c = ctx;

	if (ns_segr_is_deleted(c->seg, docid))
		return 0;
	c->docid = docid;	/* the last live one: the newest version */
	c->found = 1;
	return 0;
}

/* The newest live document of piece p with id[0..len): *found, and its
 * global docid. */
static int find_in_piece(struct ns_index *idx, uint32_t p, const char *id, size_t len,
			 int *found, uint64_t *docid)
{
	const struct ns_piece *pc = &idx->pieces[p];

	*found = 0;
	for (uint32_t s = pc->first_seg; s < pc->first_seg + pc->n_segs; s++) {
		struct live_ctx c = { idx->segs[s], 0, 0 };
		int rc = ns_segr_find_id(idx->segs[s], id, len, on_live, &c);
		if (rc != NS_OK)
			return rc;
		if (c.found) {
			*found = 1;
			*docid = idx->base[s] + c.docid;
		}
	}
	return NS_OK;
}

int ns_pieces_shown_id(struct ns_index *idx, uint64_t docid, const struct ns_doc *d,
		       struct ns_str *id)
{
	uint32_t seg, local, p;
	size_t name_len, need;
	int clash = 0;

	*id = d->id;
	if (idx->n_pieces < 2)
		return NS_OK;
	ns_index_locate(idx, docid, &seg, &local);
	p = ns_pieces_of_segment(idx, seg);
	for (uint32_t q = 0; q < idx->n_pieces && !clash; q++) {
		uint64_t other;
		int rc = q == p ? NS_OK : find_in_piece(idx, q, d->id.p, d->id.len, &clash, &other);
		if (rc != NS_OK)
			return rc;
	}
	if (!clash)
		return NS_OK;
	name_len = strlen(idx->pieces[p].name);
	need = name_len + 1 + d->id.len;
	if (need > idx->id_buf_cap) {
		char *b = realloc(idx->id_buf, need);
		if (!b)
			return NS_ERR_NOMEM;
		idx->id_buf = b;
		idx->id_buf_cap = need;
	}
	memcpy(idx->id_buf, idx->pieces[p].name, name_len);
	idx->id_buf[name_len] = ':';
	memcpy(idx->id_buf + name_len + 1, d->id.p, d->id.len);
	id->p = idx->id_buf;
	id->len = need;
	return NS_OK;
}

/* "name:id" of a clashing id: the piece so named and the plain id. */
static int split_prefixed(const struct ns_index *idx, const char *id, size_t len, uint32_t *p,
			  size_t *skip)
{
	for (uint32_t q = 0; q < idx->n_pieces; q++) {
		size_t nl = strlen(idx->pieces[q].name);
		if (nl + 1 < len && memcmp(id, idx->pieces[q].name, nl) == 0 && id[nl] == ':') {
			*p = q;
			*skip = nl + 1;
			return 1;
		}
	}
	return 0;
}

int ns_pieces_find_id(struct ns_index *idx, const char *id, size_t len, uint64_t *docid)
{
	uint32_t n = idx->n_pieces ? idx->n_pieces : 1, n_found = 0, p;
	size_t skip;
	int rc;

	if (idx->n_pieces == 0) {	/* one index: every segment */
		int found = 0;
		for (uint32_t s = 0; s < idx->m.n_segs; s++) {
			struct live_ctx c = { idx->segs[s], 0, 0 };
			rc = ns_segr_find_id(idx->segs[s], id, len, on_live, &c);
			if (rc != NS_OK)
				return rc;
			if (c.found) {
				found = 1;
				*docid = idx->base[s] + c.docid;
			}
		}
		return found ? NS_OK : NS_ERR_NOTFOUND;
	}
	for (uint32_t q = 0; q < n; q++) {
		int found;
		uint64_t d;
		rc = find_in_piece(idx, q, id, len, &found, &d);
		if (rc != NS_OK)
			return rc;
		if (found && n_found++ == 0)
			*docid = d;
	}
	if (n_found == 1)
		return NS_OK;
	if (n_found > 1)	/* shown prefixed: only that form names one */
		return NS_ERR_NOTFOUND;
	if (split_prefixed(idx, id, len, &p, &skip)) {
		int found;
		rc = find_in_piece(idx, p, id + skip, len - skip, &found, docid);
		if (rc != NS_OK)
			return rc;
		if (found) {	/* a prefix is shown only on a clash */
			uint32_t clashes = 0;
			for (uint32_t q = 0; q < n && rc == NS_OK; q++) {
				uint64_t d;
				int f = 0;
				rc = q == p ? NS_OK : find_in_piece(idx, q, id + skip, len - skip, &f, &d);
				clashes += (uint32_t)f;
			}
			if (rc != NS_OK)
				return rc;
			if (clashes)
				return NS_OK;
		}
	}
	return NS_ERR_NOTFOUND;
}

void ns_pieces_release(struct ns_index *idx)
{
	for (uint32_t i = 0; idx->pieces && i < idx->n_pieces; i++) {
		free(idx->pieces[i].dir);
		free(idx->pieces[i].name);
	}
	free(idx->pieces);
	free(idx->id_buf);
	idx->pieces = NULL;
	idx->id_buf = NULL;
}
