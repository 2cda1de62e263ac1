/* SPDX-License-Identifier: MIT */
/* gzin.h -- read a file's content, inflating it when it is gzip.
 *
 * The content of one file: its bytes as they are, or inflated when they
 * start with the gzip magic (like zlib's gzread(), whose behaviour this
 * keeps: gzip members in a row are read in turn, bytes after the last one
 * are ignored).  Reads go through ns_fileio_read() and its test hook, so
 * the read-fault tests reach every reader.  The reader lives on the
 * caller's stack; it never closes the descriptor.
 */
#ifndef NS_GZIN_H
#define NS_GZIN_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#define NS_GZIN_CHUNK (128u * 1024u)	/* bytes per read(2): the in buffer */

struct ns_gzin {
	int fd;
	int gzip;		/* -1 not known yet, 0 plain, 1 gzip */
	z_stream zs;
	int zs_ready;
	uint8_t *in;		/* NS_GZIN_CHUNK bytes, the caller's */
	size_t in_pos, in_len;
	int eof;		/* read(2) gave 0 */
	int done;		/* no more content */
	int io_err;		/* read(2) failed: errno in eno */
	int eno;
	const char *data_err;	/* the gzip stream is damaged: why */
	uint64_t raw_bytes;	/* bytes read from the file */
	uint64_t *counter;	/* also counts them, or NULL */
};

/* Starts reading fd (at its current offset) through buf, NS_GZIN_CHUNK
 * bytes that the caller owns and keeps until ns_gzin_release. */
void ns_gzin_init(struct ns_gzin *z, int fd, uint8_t *buf);

/* Frees zlib's state (not buf, not fd). */
void ns_gzin_release(struct ns_gzin *z);

/* Reads up to n bytes of content into out: the count, 0 at the end, -1 on
 * an error (io_err or data_err set), -2 when memory ran out.  After the
 * first call, gzip says whether the content is compressed. */
long ns_gzin_read(struct ns_gzin *z, uint8_t *out, size_t n);

/* Why the last read failed: strerror of the read(2) error, or the gzip
 * data error ("unexpected end of file", zlib's message).  Static text. */
const char *ns_gzin_what(const struct ns_gzin *z);

#endif /* NS_GZIN_H */
