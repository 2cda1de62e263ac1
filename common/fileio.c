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

#include "crc32_table.h"
#include "error.h"

#define WBUF_CAP (1u << 18)

#ifdef NS_TEST_HOOKS
/* The test hooks (fileio.h): compiled into test builds only. */
static long fault_writes = -1;	/* countdown of the write hook; -1 = off */
static int fault_kill;
static long fault_reads = -1;	/* countdown of the read hook; -1 = off */
static size_t wbuf_cap = WBUF_CAP;
static int hook_initialised;

void ns_fileio_reset_fault_hook(void)
{
	const char *f = getenv("NS_FAIL_AFTER_WRITES");
	const char *k = getenv("NS_KILL_AFTER_WRITES");
	const char *r = getenv("NS_FAIL_AFTER_READS");
	const char *b = getenv("NS_WRITE_BUFFER");

	hook_initialised = 1;
	fault_writes = -1;
	fault_kill = 0;
	if (k && *k) {
		fault_writes = atol(k);
		fault_kill = 1;
	} else if (f && *f) {
		fault_writes = atol(f);
	}
	fault_reads = r && *r ? atol(r) : -1;
	wbuf_cap = WBUF_CAP;
	if (b && *b && atol(b) > 0)
		wbuf_cap = (size_t)atol(b);
}

static void init_hooks(void)
{
	if (!hook_initialised)
		ns_fileio_reset_fault_hook();
}

int ns_fileio_faults_armed(void)
{
	init_hooks();
	return fault_writes >= 0;
}

int ns_fileio_read_faults_armed(void)
{
	init_hooks();
	return fault_reads >= 0;
}

/* Returns 0 when this write may proceed; the hook fires once the countdown
 * reaches zero. */
static int fault_hook_fires(void)
{
	init_hooks();
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

/* Whether the read hook fails this read. */
static int read_hook_fires(void)
{
	init_hooks();
	if (fault_reads == 0)
		return 1;
	if (fault_reads > 0)
		fault_reads--;
	return 0;
}
#else
/* A shipped build: no hooks, and nothing read from the environment. */
static const size_t wbuf_cap = WBUF_CAP;

void ns_fileio_reset_fault_hook(void)
{
}

int ns_fileio_faults_armed(void)
{
	return 0;
}

int ns_fileio_read_faults_armed(void)
{
	return 0;
}

static void init_hooks(void)
{
}

static int fault_hook_fires(void)
{
	return 0;
}

static int read_hook_fires(void)
{
	return 0;
}
#endif /* NS_TEST_HOOKS */

int ns_fileio_fault_point(void)
{
	if (fault_hook_fires()) {
		errno = EIO;
		return -1;
	}
	return 0;
}

long ns_fileio_read(int fd, void *buf, size_t n)
{
	ssize_t k;

	if (read_hook_fires()) {
		errno = EIO;
		return -1;
	}
	do
		k = read(fd, buf, n);
	while (k < 0 && errno == EINTR);
	return (long)k;
}

void ns_hash_init(struct ns_hash *h)
{
	h->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	h->adler = (uint32_t)adler32(0L, Z_NULL, 0);
}

void ns_hash_update(struct ns_hash *h, const void *p, size_t n)
{
	const Bytef *b = p;

	while (n > 0) {
		uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
		h->crc = (uint32_t)crc32(h->crc, b, k);
		h->adler = (uint32_t)adler32(h->adler, b, k);
		b += k;
		n -= k;
	}
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
	init_hooks();
	w->buf = malloc(wbuf_cap);
	if (!w->final_path || !w->path || !w->buf) {
		ns_wfile_abort(w);
		return NS_ERR_NOMEM;
	}
	memcpy(w->path, path, n);
	memcpy(w->path + n, ".tmp", 5);
	w->buf_cap = wbuf_cap;
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
	if (!w->err && (ns_fileio_fault_point() != 0 || fsync(w->fd) != 0))
		set_io_error(w);
	if (close(w->fd) != 0)
		set_io_error(w);
	w->fd = -1;
	if (!w->err &&
	    (ns_fileio_fault_point() != 0 || rename(w->path, w->final_path) != 0))
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
	/* O_NONBLOCK: a FIFO put where an index file should be must give an
	 * error, not block the open forever (there is no writer); on a
	 * regular file the flag changes nothing. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? NS_ERR_NOTFOUND : NS_ERR_IO;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NS_ERR_IO;
	}
	/* Index files are regular files: a FIFO, device or directory in
	 * their place is damage (a device would read as empty or endless). */
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return NS_CORRUPT();
	}
	if (st.st_size == 0) {
		/* Not NULL: callers compute data + len, and NULL + 0 is
		 * undefined in C (UBSan's pointer-overflow check flags it). */
		static const uint8_t empty[1];
		close(fd);
		m->data = empty;
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
	if (m->data && m->len)
		munmap((void *)(uintptr_t)m->data, (size_t)m->len);
	m->data = NULL;
	m->len = 0;
}

uint32_t ns_crc32(const void *p, size_t n)
{
	return ns_crc32_update(0, p, n);
}

/* Below this, slicing-by-8 beats zlib's crc32() (whose braided loop pays
 * ~100 ns of setup: the per-block CRCs of postings are 50-500 bytes). */
#define CRC_SMALL 512

static uint32_t crc32_small(uint32_t crc, const uint8_t *p, size_t n)
{
	const uint32_t(*t)[256] = ns_crc32_table;
	uint32_t c = ~crc;

	for (; n >= 8; n -= 8, p += 8) {
		uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
				   (uint32_t)p[3] << 24);
		c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^
		    t[4][lo >> 24] ^ t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
	}
	while (n--)
		c = t[0][(c ^ *p++) & 0xff] ^ (c >> 8);
	return ~c;
}

uint32_t ns_crc32_update(uint32_t crc, const void *p, size_t n)
{
	const Bytef *b = p;
	uLong c = crc;

	if (n < CRC_SMALL)
		return crc32_small(crc, p, n);
	/* zlib takes uInt lengths: feed huge buffers in pieces. */
	while (n > 0) {
		uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
		c = crc32(c, b, k);
		b += k;
		n -= k;
	}
	return (uint32_t)c;
}
