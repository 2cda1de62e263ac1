/* SPDX-License-Identifier: MIT */
/* fileio.c -- buffered atomic writes and read-only maps (see fileio.h). */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "error.h"

#define WBUF_CAP (1u << 18)

static long fault_writes = -1;	/* countdown of the test hook; -1 = off */
static int fault_kill;

void ns_fileio_reset_fault_hook(void)
{
	const char *f = getenv("NS_FAIL_AFTER_WRITES");
	const char *k = getenv("NS_KILL_AFTER_WRITES");

	fault_writes = -1;
	fault_kill = 0;
	if (k && *k) {
		fault_writes = atol(k);
		fault_kill = 1;
	} else if (f && *f) {
		fault_writes = atol(f);
	}
}

/* Returns 0 when this write may proceed; the hook fires once the countdown
 * reaches zero. */
static int fault_hook_fires(void)
{
	static int initialised;

	if (!initialised) {
		initialised = 1;
		ns_fileio_reset_fault_hook();
	}
	if (fault_writes < 0)
		return 0;
	if (fault_writes > 0) {
		fault_writes--;
		return 0;
	}
	if (fault_kill)
		raise(SIGKILL);
	return 1;
}

char *ns_path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	if (fault_hook_fires()) {
		errno = EIO;
		return -1;
	}
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static void set_io_error(struct ns_wfile *w)
{
	if (!w->err) {
		w->err = NS_ERR_IO;
		w->saved_errno = errno;
	}
}

int ns_wfile_create(struct ns_wfile *w, const char *path)
{
	size_t n = strlen(path);

	memset(w, 0, sizeof(*w));
	w->fd = -1;
	w->final_path = strdup(path);
	w->path = malloc(n + 5);
	w->buf = malloc(WBUF_CAP);
	if (!w->final_path || !w->path || !w->buf) {
		ns_wfile_abort(w);
		return NS_ERR_NOMEM;
	}
	memcpy(w->path, path, n);
	memcpy(w->path + n, ".tmp", 5);
	w->buf_cap = WBUF_CAP;
	/* A .tmp left by a crashed run is garbage by invariant I2. */
	unlink(w->path);
	w->fd = open(w->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (w->fd < 0) {
		int e = errno;
		ns_wfile_abort(w);
		errno = e;
		w->saved_errno = e;
		return NS_ERR_IO;
	}
	return NS_OK;
}

static void flush(struct ns_wfile *w)
{
	if (w->buf_len == 0 || w->err)
		return;
	if (write_all(w->fd, w->buf, w->buf_len) != 0)
		set_io_error(w);
	w->buf_len = 0;
}

void ns_wfile_write(struct ns_wfile *w, const void *p, size_t n)
{
	const uint8_t *s = p;

	/* n == 0 may come with p == NULL (an empty section). */
	if (w->err || n == 0)
		return;
	w->off += n;
	if (n >= w->buf_cap) {
		flush(w);
		if (!w->err && write_all(w->fd, s, n) != 0)
			set_io_error(w);
		return;
	}
	if (w->buf_cap - w->buf_len < n)
		flush(w);
	memcpy(w->buf + w->buf_len, s, n);
	w->buf_len += n;
}

static void free_wfile(struct ns_wfile *w)
{
	free(w->buf);
	free(w->path);
	free(w->final_path);
	w->buf = NULL;
	w->path = w->final_path = NULL;
}

int ns_wfile_commit(struct ns_wfile *w)
{
	int rc;

	flush(w);
	if (!w->err && fsync(w->fd) != 0)
		set_io_error(w);
	if (close(w->fd) != 0)
		set_io_error(w);
	w->fd = -1;
	if (!w->err && rename(w->path, w->final_path) != 0)
		set_io_error(w);
	if (w->err) {
		unlink(w->path);
		errno = w->saved_errno;
	}
	rc = w->err;
	free_wfile(w);
	return rc;
}

void ns_wfile_abort(struct ns_wfile *w)
{
	if (w->fd >= 0) {
		close(w->fd);
		w->fd = -1;
		if (w->path)
			unlink(w->path);
	}
	free_wfile(w);
}

int ns_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = NS_OK;

	if (fd < 0)
		return NS_ERR_IO;
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = NS_ERR_IO;
	close(fd);
	return rc;
}

int ns_map_file(const char *path, struct ns_map *m)
{
	struct stat st;
	int fd;
	void *p;

	m->data = NULL;
	m->len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? NS_ERR_NOTFOUND : NS_ERR_IO;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NS_ERR_IO;
	}
	if (st.st_size == 0) {
		close(fd);
		return NS_OK;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		int e = errno;
		close(fd);
		errno = e;
		return NS_ERR_IO;
	}
	close(fd);
	m->data = p;
	m->len = (uint64_t)st.st_size;
	return NS_OK;
}

void ns_unmap_file(struct ns_map *m)
{
	if (m->data)
		munmap((void *)(uintptr_t)m->data, (size_t)m->len);
	m->data = NULL;
	m->len = 0;
}

uint32_t ns_crc32(const void *p, size_t n)
{
	return ns_crc32_update(0, p, n);
}

uint32_t ns_crc32_update(uint32_t crc, const void *p, size_t n)
{
	const Bytef *b = p;
	uLong c = crc;

	/* zlib takes uInt lengths: feed huge buffers in pieces. */
	while (n > 0) {
		uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
		c = crc32(c, b, k);
		b += k;
		n -= k;
	}
	return (uint32_t)c;
}
