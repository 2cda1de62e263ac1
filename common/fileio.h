/* SPDX-License-Identifier: MIT */
/* fileio.h -- the file primitives of the index: buffered writes with a
 * sticky error, atomic publication, read-only maps.
 *
 * Writers create "NAME.tmp" with O_EXCL, write through a buffer, fsync, and
 * rename to NAME; a crash at any moment leaves at most a stale .tmp file.
 */
#ifndef NS_FILEIO_H
#define NS_FILEIO_H

#include <stddef.h>
#include <stdint.h>

/* A file being written.  Lives on the caller's stack or inside a builder. */
struct ns_wfile {
	int fd;			/* -1 when closed */
	uint8_t *buf;		/* write buffer */
	size_t buf_len;		/* bytes waiting in buf */
	size_t buf_cap;
	uint64_t off;		/* bytes written so far (file offset) */
	int err;		/* first error (sticky): NS_ERR_IO / NOMEM */
	int saved_errno;	/* errno of that error */
	char *path;		/* the .tmp path being written */
	char *final_path;	/* the name it gets on commit */
};

/* Creates path.tmp (exclusive; a stale one is removed first) for writing.
 * Returns NS_OK, NS_ERR_IO (errno kept in w->saved_errno) or NS_ERR_NOMEM. */
int ns_wfile_create(struct ns_wfile *w, const char *path);

/* Appends bytes; errors are sticky and reported by ns_wfile_commit(). */
void ns_wfile_write(struct ns_wfile *w, const void *p, size_t n);

/* Flushes, fsyncs, closes and renames path.tmp to path.  Returns the first
 * error of the whole write, NS_OK on success.  Frees w's resources. */
int ns_wfile_commit(struct ns_wfile *w);

/* Closes and deletes path.tmp; for error paths.  Safe on a closed w. */
void ns_wfile_abort(struct ns_wfile *w);

/* fsyncs a directory so renames inside it are durable. */
int ns_fsync_dir(const char *dir);

/* A read-only view of a whole file. */
struct ns_map {
	const uint8_t *data;	/* never NULL once mapped, also for an
				 * empty file (then len is 0) */
	uint64_t len;
};

/* Maps path read-only.  NS_OK, NS_ERR_IO (errno set), NS_ERR_NOTFOUND if
 * the file does not exist, or NS_ERR_CORRUPT if it is not a regular file
 * (a FIFO there never blocks the open). */
int ns_map_file(const char *path, struct ns_map *m);
void ns_unmap_file(struct ns_map *m);

/* CRC-32 (zlib's polynomial) of p[0..n). */
uint32_t ns_crc32(const void *p, size_t n);
/* Continues a CRC-32 over more bytes. */
uint32_t ns_crc32_update(uint32_t crc, const void *p, size_t n);

/* Joins dir and name with '/' into a malloc'd string (NULL when out of
 * memory). */
char *ns_path_join(const char *dir, const char *name);

/* Test hooks for crash-safety tests, compiled in only with NS_TEST_HOOKS
 * (the test builds of the Makefile; a shipped build reads none of these),
 * read from the environment:
 *   NS_FAIL_AFTER_WRITES=N  after N write events the next one fails with
 *                           EIO; a write event is a buffered flush, an
 *                           fsync or a rename of ns_wfile, or a call of
 *                           ns_fileio_fault_point() (the indexer's run
 *                           files and its removal of old files)
 *   NS_KILL_AFTER_WRITES=N  the same, raising SIGKILL instead
 *   NS_FAIL_AFTER_READS=N   after N reads of source files (ns_fileio_read)
 *                           the next one fails with EIO
 *   NS_WRITE_BUFFER=BYTES   the write buffer's size (default 256 KiB): a
 *                           small one makes many write events
 * ns_fileio_reset_fault_hook() reads the variables again (unit tests). */
void ns_fileio_reset_fault_hook(void);

/* Whether a write hook (NS_FAIL_AFTER_WRITES, NS_KILL_AFTER_WRITES) is
 * armed: its tests need one order of write events, so the writers then
 * stay on one thread.  Always 0 without NS_TEST_HOOKS. */
int ns_fileio_faults_armed(void);
/* Whether the read hook (NS_FAIL_AFTER_READS) is armed: its tests need one
 * order of reads, so source files are then read on one thread. */
int ns_fileio_read_faults_armed(void);

/* A write event for the hooks above: returns 0 to go on, -1 with errno =
 * EIO when NS_FAIL_AFTER_WRITES fires (NS_KILL_AFTER_WRITES never returns). */
int ns_fileio_fault_point(void);

/* read(2) of a source file, retried on EINTR, with the read hook. */
long ns_fileio_read(int fd, void *buf, size_t n);

/* The content hash of format.h (ns_fmt_hash): CRC-32 and Adler-32 of the
 * bytes, extended as they arrive. */
struct ns_hash {
	uint32_t crc;
	uint32_t adler;
};

void ns_hash_init(struct ns_hash *h);
void ns_hash_update(struct ns_hash *h, const void *p, size_t n);
static inline uint64_t ns_hash_value(const struct ns_hash *h)
{
	return (uint64_t)h->crc << 32 | h->adler;
}

#endif /* NS_FILEIO_H */
