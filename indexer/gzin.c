/* SPDX-License-Identifier: MIT */
/* gzin.c -- plain or gzip content of a file (gzin.h). */
#include "gzin.h"

#include <errno.h>
#include <string.h>

#include "fileio.h"

void ns_gzin_init(struct ns_gzin *z, int fd, uint8_t *buf)
{
	memset(z, 0, sizeof(*z));
	z->fd = fd;
	z->gzip = -1;
	z->in = buf;
}

void ns_gzin_release(struct ns_gzin *z)
{
	if (z->zs_ready)
		inflateEnd(&z->zs);
	z->zs_ready = 0;
}

/* Makes at least `want` unread bytes available unless the file ends.
 * Returns 0, or -1 after a read error. */
static int fill(struct ns_gzin *z, size_t want)
{
	while (z->in_len - z->in_pos < want && !z->eof) {
		long k;
		if (z->in_pos > 0) {
			memmove(z->in, z->in + z->in_pos, z->in_len - z->in_pos);
			z->in_len -= z->in_pos;
			z->in_pos = 0;
		}
		k = ns_fileio_read(z->fd, z->in + z->in_len, NS_GZIN_CHUNK - z->in_len);
		if (k < 0) {
			z->io_err = 1;
			z->eno = errno;
			return -1;
		}
		if (k == 0)
			z->eof = 1;
		z->in_len += (size_t)k;
		z->raw_bytes += (uint64_t)k;
		if (z->counter)
			*z->counter += (uint64_t)k;
	}
	return 0;
}

static int at_gzip_magic(const struct ns_gzin *z)
{
	return z->in_len - z->in_pos >= 2 && z->in[z->in_pos] == 0x1f &&
	       z->in[z->in_pos + 1] == 0x8b;
}

long ns_gzin_read(struct ns_gzin *z, uint8_t *out, size_t n)
{
	if (z->done || n == 0)
		return 0;
	if (z->gzip < 0) {
		if (fill(z, 2) != 0)
			return -1;
		z->gzip = at_gzip_magic(z);
		if (z->gzip) {
			if (inflateInit2(&z->zs, 15 + 16) != Z_OK)
				return -2;
			z->zs_ready = 1;
		}
	}
	if (!z->gzip) {
		size_t k;
		if (fill(z, 1) != 0)
			return -1;
		k = z->in_len - z->in_pos;
		if (k == 0) {
			z->done = 1;
			return 0;
		}
		if (k > n)
			k = n;
		memcpy(out, z->in + z->in_pos, k);
		z->in_pos += k;
		return (long)k;
	}
	for (;;) {
		int zrc;
		size_t got;
		if (z->in_pos == z->in_len && fill(z, 1) != 0)
			return -1;
		z->zs.next_in = z->in + z->in_pos;
		z->zs.avail_in = (uInt)(z->in_len - z->in_pos);
		z->zs.next_out = out;
		z->zs.avail_out = n > (1u << 30) ? (1u << 30) : (uInt)n;
		zrc = inflate(&z->zs, Z_NO_FLUSH);
		z->in_pos = (size_t)(z->zs.next_in - z->in);
		got = (size_t)(z->zs.next_out - out);
		if (zrc == Z_STREAM_END) {
			/* another member follows, or the rest is ignored */
			if (fill(z, 2) != 0)
				return got ? (long)got : -1;
			if (at_gzip_magic(z)) {
				if (inflateReset(&z->zs) != Z_OK)
					return -2;
			} else {
				z->done = 1;
			}
			if (got)
				return (long)got;
			if (z->done)
				return 0;
			continue;
		}
		if (zrc == Z_MEM_ERROR)
			return -2;
		if (zrc == Z_DATA_ERROR || zrc == Z_NEED_DICT || zrc == Z_STREAM_ERROR) {
			z->data_err = z->zs.msg ? z->zs.msg : "compressed data error";
			return got ? (long)got : -1;
		}
		if (got)
			return (long)got;
		/* no output: more input needed */
		if (z->in_pos == z->in_len && z->eof) {
			z->data_err = "unexpected end of file";
			return -1;
		}
	}
}

const char *ns_gzin_what(const struct ns_gzin *z)
{
	if (z->io_err)
		return strerror(z->eno ? z->eno : EIO);
	return z->data_err ? z->data_err : "read error";
}
