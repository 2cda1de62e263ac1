/* SPDX-License-Identifier: MIT */
/* wordforms_read.c -- the .nsw reader (see wordforms_read.h). */
#include "wordforms_read.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fileio.h"
#include "format.h"
#include "varint.h"

struct ns_wfr {
	struct ns_map map;
	uint32_t n_forms, n_chunks, n_docs;
	const uint8_t *table;	/* n_chunks entries */
	const uint8_t *prefixes[NS_FMT_FORM_PREFIX_MAX];	/* by length */
	uint32_t n_prefixes[NS_FMT_FORM_PREFIX_MAX];
	uint8_t *checked;	/* per chunk: its CRC was checked */
};

/* The prefix table's structure (its bytes passed their CRC): each
 * length's prefixes strictly increasing with non-decreasing first forms
 * below n_forms, so a walk's ranges stay inside the file. */
static int check_prefixes(const struct ns_wfr *r)
{
	for (int l = 0; l < NS_FMT_FORM_PREFIX_MAX; l++) {
		const uint8_t *p = r->prefixes[l];
		if (r->n_prefixes[l] > r->n_forms)
			return NS_CORRUPT();
		for (uint32_t i = 0; i < r->n_prefixes[l]; i++, p += NS_FMT_FORM_PREFIX_ENTRY) {
			uint32_t first = ns_get_u32(p + NS_FMT_FORM_PREFIX_FIRST);
			if (first >= r->n_forms)
				return NS_CORRUPT();
			if (i > 0 && (memcmp(p - NS_FMT_FORM_PREFIX_ENTRY, p, (size_t)l + 1) >= 0 ||
				      ns_get_u32(p - NS_FMT_FORM_PREFIX_ENTRY + NS_FMT_FORM_PREFIX_FIRST) >
					      first))
				return NS_CORRUPT();
		}
	}
	return NS_OK;
}

int ns_wfr_open(const char *dir, uint32_t seg_id, struct ns_wfr **out)
{
	struct ns_wfr *r = calloc(1, sizeof(*r));
	char name[32], *path;
	const uint8_t *tr;
	uint64_t table_off, table_len, prefix_len;
	int rc;

	*out = NULL;
	if (!r)
		return NS_ERR_NOMEM;
	ns_fmt_segment_name(name, seg_id, "nsw");
	path = ns_path_join(dir, name);
	rc = path ? ns_map_file(path, &r->map) : NS_ERR_NOMEM;
	free(path);
	if (rc != NS_OK) {
		free(r);
		return rc;
	}
	rc = ns_fmt_check_header(r->map.data, r->map.len, NS_FMT_MAGIC_FORMS);
	if (rc == NS_OK && r->map.len < NS_FMT_HEADER_LEN + NS_FMT_NSW_TRAILER)
		rc = NS_CORRUPT();
	if (rc != NS_OK)
		goto fail;
	tr = r->map.data + r->map.len - NS_FMT_NSW_TRAILER;
	if (memcmp(tr + NS_FMT_NSW_T_MAGIC, NS_FMT_MAGIC_FORMS, 4) != 0 ||
	    ns_get_u32(tr + NS_FMT_NSW_T_CRC) != ns_crc32(tr, NS_FMT_NSW_T_CRC)) {
		rc = NS_CORRUPT();
		goto fail;
	}
	r->n_forms = ns_get_u32(tr + NS_FMT_NSW_T_N_FORMS);
	r->n_chunks = ns_get_u32(tr + NS_FMT_NSW_T_N_CHUNKS);
	table_off = ns_get_u64(tr + NS_FMT_NSW_T_TABLE_OFF);
	r->n_docs = ns_get_u32(tr + NS_FMT_NSW_T_N_DOCS);
	table_len = (uint64_t)r->n_chunks * NS_FMT_FORM_TABLE_ENTRY;
	prefix_len = 0;
	for (int i = 0; i < NS_FMT_FORM_PREFIX_MAX; i++) {
		r->n_prefixes[i] = ns_get_u32(tr + NS_FMT_NSW_T_N_PREFIXES + 4 * i);
		prefix_len += (uint64_t)r->n_prefixes[i] * NS_FMT_FORM_PREFIX_ENTRY;
	}
	if (r->n_chunks != (r->n_forms + NS_FMT_FORM_CHUNK - 1) / NS_FMT_FORM_CHUNK ||
	    table_off < NS_FMT_HEADER_LEN || table_off > r->map.len - NS_FMT_NSW_TRAILER ||
	    table_len + prefix_len != r->map.len - NS_FMT_NSW_TRAILER - table_off ||
	    ns_crc32(r->map.data + table_off, (size_t)table_len) !=
		    ns_get_u32(tr + NS_FMT_NSW_T_TABLE_CRC) ||
	    ns_crc32(r->map.data + table_off + table_len, (size_t)prefix_len) !=
		    ns_get_u32(tr + NS_FMT_NSW_T_PREFIX_CRC)) {
		rc = NS_CORRUPT();
		goto fail;
	}
	r->table = r->map.data + table_off;
	{
		const uint8_t *p = r->table + table_len;
		for (int i = 0; i < NS_FMT_FORM_PREFIX_MAX; i++) {
			r->prefixes[i] = p;
			p += (size_t)r->n_prefixes[i] * NS_FMT_FORM_PREFIX_ENTRY;
		}
	}
	rc = check_prefixes(r);
	if (rc != NS_OK)
		goto fail;
	r->checked = calloc(r->n_chunks + 1, 1);
	if (!r->checked) {
		rc = NS_ERR_NOMEM;
		goto fail;
	}
	*out = r;
	return NS_OK;
fail:
	ns_unmap_file(&r->map);
	free(r);
	return rc;
}

void ns_wfr_close(struct ns_wfr *r)
{
	if (!r)
		return;
	ns_unmap_file(&r->map);
	free(r->checked);
	free(r);
}

uint32_t ns_wfr_n_forms(const struct ns_wfr *r)
{
	return r->n_forms;
}

uint32_t ns_wfr_n_docs(const struct ns_wfr *r)
{
	return r->n_docs;
}

void ns_wfr_prefixes(const struct ns_wfr *r, size_t len, const uint8_t **table, uint32_t *n)
{
	*table = r->prefixes[len - 1];
	*n = r->n_prefixes[len - 1];
}

/* Chunk c's bytes, its CRC checked the first time. */
static int chunk_at(struct ns_wfr *r, uint32_t c, const uint8_t **p, uint32_t *len)
{
	const uint8_t *e = r->table + (size_t)c * NS_FMT_FORM_TABLE_ENTRY;
	uint64_t off = ns_get_u64(e + NS_FMT_FORM_TABLE_OFF);
	uint32_t n = ns_get_u32(e + NS_FMT_FORM_TABLE_LEN);
	uint64_t table_off = (uint64_t)(r->table - r->map.data);

	if (off < NS_FMT_HEADER_LEN || off > table_off || n > table_off - off)
		return NS_CORRUPT();
	if (!r->checked[c]) {
		if (ns_crc32(r->map.data + off, n) != ns_get_u32(e + NS_FMT_FORM_TABLE_CRC))
			return NS_CORRUPT();
		r->checked[c] = 1;
	}
	*p = r->map.data + off;
	*len = n;
	return NS_OK;
}

int ns_wfr_get(struct ns_wfr *r, uint32_t i, struct ns_wform *f)
{
	uint32_t c = i / NS_FMT_FORM_CHUNK, k = i % NS_FMT_FORM_CHUNK, len = 0, m, o;
	const uint8_t *p = NULL, *q, *end;
	int rc;

	if (i >= r->n_forms)
		return NS_ERR_USAGE;
	rc = chunk_at(r, c, &p, &len);
	if (rc != NS_OK)
		return rc;
	m = c + 1 < r->n_chunks ? NS_FMT_FORM_CHUNK : r->n_forms - c * NS_FMT_FORM_CHUNK;
	if (len < 2 * m)
		return NS_CORRUPT();
	o = (uint32_t)p[2 * k] | (uint32_t)p[2 * k + 1] << 8;
	if (o < 2 * m || o >= len)
		return NS_CORRUPT();
	q = p + o;
	end = p + len;
	f->len = *q++;
	if (f->len == 0 || f->len > NS_FMT_MAX_FORM_LEN || f->len > (size_t)(end - q))
		return NS_CORRUPT();
	f->form = (const char *)q;
	q += f->len;
	if (ns_varint_get(&q, end, &f->cf) != NS_OK || ns_varint_get(&q, end, &f->df) != NS_OK ||
	    f->df == 0 || f->cf < f->df)
		return NS_CORRUPT();
	return NS_OK;
}

int ns_wfr_lower_bound(struct ns_wfr *r, const char *key, size_t len, uint32_t *i)
{
	uint32_t lo = 0, hi = r->n_forms;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		struct ns_wform f;
		int rc = ns_wfr_get(r, mid, &f);
		if (rc != NS_OK)
			return rc;
		if (ns_fmt_term_cmp(f.form, f.len, key, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*i = lo;
	return NS_OK;
}

int ns_wfr_find(struct ns_wfr *r, const char *key, size_t len, struct ns_wform *f)
{
	uint32_t i;
	int rc = ns_wfr_lower_bound(r, key, len, &i);

	if (rc != NS_OK)
		return rc;
	if (i >= r->n_forms)
		return NS_DONE;
	rc = ns_wfr_get(r, i, f);
	if (rc != NS_OK)
		return rc;
	return f->len == len && memcmp(f->form, key, len) == 0 ? NS_OK : NS_DONE;
}

int ns_wfr_check_all(struct ns_wfr *r)
{
	struct ns_wform f, prev;

	for (uint32_t i = 0; i < r->n_forms; i++) {
		int rc = ns_wfr_get(r, i, &f);
		if (rc != NS_OK)
			return rc;
		if (i && ns_fmt_term_cmp(prev.form, prev.len, f.form, f.len) >= 0)
			return NS_CORRUPT();
		prev = f;
	}
	return NS_OK;
}
