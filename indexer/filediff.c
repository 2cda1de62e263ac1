/* SPDX-License-Identifier: MIT */
/* filediff.c -- what to do with each listed source file (filediff.h). */
#include "filediff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"

static int cmp_key(const char *path, const char *id, const struct ns_filestate *f)
{
	int c = strcmp(path, f->path);
	return c ? c : strcmp(id, f->id);
}

struct ns_filestate *ns_filediff_find_state(struct ns_manifest *m, const char *path,
					     const char *id)
{
	size_t lo = 0, hi = m->n_files;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_key(path, id, &m->files[mid]);
		if (c == 0)
			return &m->files[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct ns_file_list *sort_list;	/* for by_key (qsort has no context) */

static int by_key(const void *x, const void *y)
{
	const struct ns_source_file *a = &sort_list->files[*(const size_t *)x];
	const struct ns_source_file *c = &sort_list->files[*(const size_t *)y];
	int r = strcmp(a->path, c->path);

	if (!r)
		r = strcmp(a->id, c->id);
	if (!r)
		r = *(const size_t *)x < *(const size_t *)y ? -1 : 1;
	return r;
}

int ns_filediff_mark_repeats(const struct ns_file_list *l, struct ns_file_plan *plans)
{
	size_t *ix = malloc((l->n + 1) * sizeof(*ix));

	if (!ix)
		return NS_ERR_NOMEM;
	for (size_t i = 0; i < l->n; i++) {
		ix[i] = i;
		plans[i].act = NS_FILE_READ;
	}
	sort_list = l;
	if (l->n > 1)
		qsort(ix, l->n, sizeof(*ix), by_key);
	for (size_t i = 1; i < l->n; i++) {
		const struct ns_source_file *a = &l->files[ix[i - 1]], *c = &l->files[ix[i]];
		if (strcmp(a->path, c->path) == 0 && strcmp(a->id, c->id) == 0)
			plans[ix[i]].act = NS_FILE_SKIP;
	}
	free(ix);
	return NS_OK;
}

static int is_stdin(const struct ns_source_file *f)
{
	return !f->regular && strcmp(f->path, "-") == 0;
}

int ns_filediff_decide(struct ns_corpus *c, const struct ns_source_file *f,
		       struct ns_filestate *o, int full, struct ns_file_plan *p)
{
	uint64_t h, h_at, len;
	int gz, rc;

	memset(p, 0, sizeof(*p));
	p->old = o;
	p->act = NS_FILE_READ;
	if (o && is_stdin(f) && !full) {
		p->act = NS_FILE_MORE;
		return NS_OK;
	}
	if (!o || full || !f->regular || (o->flags & NS_FMT_FILE_DIRTY) ||
	    f->jsonl != !!(o->flags & NS_FMT_FILE_JSONL))
		return NS_OK;
	if (f->size == o->size && f->mtime_ns == o->mtime_ns) {
		p->act = NS_FILE_UNCHANGED;
		return NS_OK;
	}
	/* size or mtime differ: the content decides */
	rc = ns_corpus_hash(c, f->path, o->content_len, f->size, &h, &h_at, &len, &gz);
	if (rc == NS_ERR_IO) {
		if (errno == ENOENT || errno == EACCES)
			return NS_OK;	/* the read will say */
		return NS_ERR_IO;
	}
	if (rc == NS_ERR_INPUT)
		return NS_OK;
	if (rc != NS_OK)
		return rc;
	p->hash = h;
	p->content_len = len;
	if (len == o->content_len && h == o->hash && !gz == !(o->flags & NS_FMT_FILE_GZIP))
		p->act = NS_FILE_TOUCH;
	else if (f->jsonl && !gz && !(o->flags & NS_FMT_FILE_GZIP) && len > o->content_len &&
		 h_at == o->hash)
		p->act = NS_FILE_APPEND;
	return NS_OK;
}

int ns_filediff_add_extent(struct ns_filestate *f, uint32_t seg, uint32_t first, uint32_t count)
{
	struct ns_extent *e;

	if (count == 0)
		return NS_OK;
	if (f->n_ext > 0) {
		struct ns_extent *last = &f->ext[f->n_ext - 1];
		if (last->seg == seg && last->first + last->count == first) {
			last->count += count;
			return NS_OK;
		}
	}
	e = realloc(f->ext, (f->n_ext + 1) * sizeof(*e));
	if (!e)
		return NS_ERR_NOMEM;
	f->ext = e;
	f->ext[f->n_ext++] = (struct ns_extent){ seg, first, count };
	return NS_OK;
}
