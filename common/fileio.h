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
	const uint8_t *data;	/* NULL for an empty file */
	uint64_t len;
};

/* Maps path read-only.  NS_OK, NS_ERR_IO (errno set), or NS_ERR_NOTFOUND if
 * the file does not exist. */
int ns_map_file(const char *path, struct ns_map *m);
void ns_unmap_file(struct ns_map *m);

/* CRC-32 (zlib's polynomial) of p[0..n). */
uint32_t ns_crc32(const void *p, size_t n);
/* Continues a CRC-32 over more bytes. */
uint32_t ns_crc32_update(uint32_t crc, const void *p, size_t n);

/* Joins dir and name with '/' into a malloc'd string (NULL when out of
 * memory). */
char *ns_path_join(const char *dir, const char *name);

/* Test hook for crash-safety tests: when the environment variable
 * NS_FAIL_AFTER_WRITES=N is set, the Nth buffered flush fails with EIO (and
 * NS_KILL_AFTER_WRITES=N raises SIGKILL instead). */
void ns_fileio_reset_fault_hook(void);

#endif /* NS_FILEIO_H */
