/* SPDX-License-Identifier: MIT */
/* deletes.h -- the deletion file of a segment: which of its documents are
 * deleted (format.h, "Deletion file").
 *
 * A segment is immutable; deleting documents from it writes a new bitmap
 * file, seg-<id>.del-<gen>, that the MANIFEST of generation gen names.
 * Bitmaps in memory are plain arrays of ceil(n_docs / 8) bytes, bit d % 8
 * of byte d / 8 standing for docid d.
 */
#ifndef NS_DELETES_H
#define NS_DELETES_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of a bitmap of n_docs documents. */
static inline size_t ns_del_bytes(uint32_t n_docs)
{
	return ((size_t)n_docs + 7) / 8;
}

static inline int ns_del_test(const uint8_t *bits, uint32_t docid)
{
	return bits[docid >> 3] >> (docid & 7) & 1;
}

static inline void ns_del_set(uint8_t *bits, uint32_t docid)
{
	bits[docid >> 3] |= (uint8_t)(1u << (docid & 7));
}

/* Number of bits set among the first n_docs. */
uint32_t ns_del_count(const uint8_t *bits, uint32_t n_docs);

/* Writes bits (n_docs documents) as dir/seg-<seg_id>.del-<gen> (.tmp,
 * fsync, rename; the caller fsyncs dir before publishing).  *crc gets the
 * file's trailing CRC-32, for the MANIFEST.  NS_OK, NS_ERR_IO, NOMEM. */
int ns_del_write(const char *dir, uint32_t seg_id, uint64_t gen, const uint8_t *bits,
		 uint32_t n_docs, uint32_t *crc);

/* Checks the bytes of a deletion file against what the MANIFEST says of it
 * (segment id, document count, deleted count, CRC) and sets *bits to its
 * bitmap (pointing into data).  NS_OK, NS_ERR_CORRUPT, NS_ERR_VERSION. */
int ns_del_parse(const uint8_t *data, uint64_t len, uint32_t seg_id, uint32_t n_docs,
		 uint32_t n_deleted, uint32_t crc, const uint8_t **bits);

#endif /* NS_DELETES_H */
