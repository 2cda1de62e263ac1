/* SPDX-License-Identifier: MIT */
/* deletes.c -- deletion files (see deletes.h; layout in format.h). */
#include "deletes.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fileio.h"
#include "format.h"

uint32_t ns_del_count(const uint8_t *bits, uint32_t n_docs)
{
	uint32_t n = 0;
	size_t full = n_docs / 8;

	for (size_t i = 0; i < full; i++)
		n += (uint32_t)__builtin_popcount(bits[i]);
	for (uint32_t d = (uint32_t)full * 8; d < n_docs; d++)
		n += (uint32_t)ns_del_test(bits, d);
	return n;
}

#define DEL_FIXED (NS_FMT_HEADER_LEN + 12)

int ns_del_write(const char *dir, uint32_t seg_id, uint64_t gen, const uint8_t *bits,
		 uint32_t n_docs, uint32_t *crc)
{
	size_t nb = ns_del_bytes(n_docs), len = DEL_FIXED + nb + 4;
	uint8_t *p = calloc(1, len);
	char name[48], *path;
	struct ns_wfile w;
	int rc;

	if (!p)
		return NS_ERR_NOMEM;
	ns_fmt_put_header(p, NS_FMT_MAGIC_DELETES);
	ns_put_u32(p + NS_FMT_HEADER_LEN, seg_id);
	ns_put_u32(p + NS_FMT_HEADER_LEN + 4, n_docs);
	ns_put_u32(p + NS_FMT_HEADER_LEN + 8, ns_del_count(bits, n_docs));
	memcpy(p + DEL_FIXED, bits, nb);
	if (n_docs % 8)	/* bits past n_docs are 0 (format.h) */
		p[DEL_FIXED + nb - 1] &= (uint8_t)((1u << (n_docs % 8)) - 1);
	*crc = ns_crc32(p, len - 4);
	ns_put_u32(p + len - 4, *crc);
	ns_fmt_deletes_name(name, seg_id, gen);
	path = ns_path_join(dir, name);
	rc = path ? ns_wfile_create(&w, path) : NS_ERR_NOMEM;
	free(path);
	if (rc == NS_OK) {
		ns_wfile_write(&w, p, len);
		rc = ns_wfile_commit(&w);
	}
	free(p);
	return rc;
}

int ns_del_parse(const uint8_t *data, uint64_t len, uint32_t seg_id, uint32_t n_docs,
		 uint32_t n_deleted, uint32_t crc, const uint8_t **bits)
{
	size_t nb = ns_del_bytes(n_docs);
	int rc = ns_fmt_check_header(data, len, NS_FMT_MAGIC_DELETES);

	*bits = NULL;
	if (rc != NS_OK)
		return rc;
	if (len != DEL_FIXED + nb + 4 || ns_get_u32(data + len - 4) != crc ||
	    ns_crc32(data, (size_t)len - 4) != crc)
		return NS_CORRUPT();
	if (ns_get_u32(data + NS_FMT_HEADER_LEN) != seg_id ||
	    ns_get_u32(data + NS_FMT_HEADER_LEN + 4) != n_docs ||
	    ns_get_u32(data + NS_FMT_HEADER_LEN + 8) != n_deleted)
		return NS_CORRUPT();
	if (n_docs % 8 && data[DEL_FIXED + nb - 1] >> (n_docs % 8))
		return NS_CORRUPT();
	if (ns_del_count(data + DEL_FIXED, n_docs) != n_deleted)
		return NS_CORRUPT();
	*bits = data + DEL_FIXED;
	return NS_OK;
}
