/* SPDX-License-Identifier: MIT */
/* diskarr.c -- per-document tables in a mapped scratch file (diskarr.h). */
#include "diskarr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"

#define MIN_BYTES 4096	/* the first reserve's size, at least */
/* Tables up to this size stay on the heap: a small update (on a nearly
 * full disk, too) makes no scratch file, and the dozen tables of a build
 * hold at most this much each there. */
#define HEAP_MAX (64u << 10)

void ns_diskarr_init(struct ns_diskarr *a, const char *dir, size_t entry_len)
{
	memset(a, 0, sizeof(*a));
	a->entry_len = entry_len;
	a->fd = -1;
	a->dir = dir;
}

/* Makes the scratch file: DIR/diskarr-<pid>-<n>.tmp, unlinked once open
 * (a stale one of a crash between the two is a *.tmp the next run
 * removes). */
static int make_file(struct ns_diskarr *a)
{
	static unsigned long seq;	/* names within the process */
	char name[64];
	char *path;
	int fd, tries = 0;

	do {
		snprintf(name, sizeof(name), "diskarr-%ld-%lu.tmp", (long)getpid(),
			 __atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED));
		path = ns_path_join(a->dir, name);
		if (!path)
			return NS_ERR_NOMEM;
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0)
			unlink(path);
		free(path);
	} while (fd < 0 && errno == EEXIST && ++tries < 100);
	if (fd < 0)
		return NS_ERR_IO;
	a->fd = fd;
	return NS_OK;
}

int ns_diskarr_reserve(struct ns_diskarr *a, uint64_t n)
{
	uint64_t cap = a->cap ? a->cap : (MIN_BYTES + a->entry_len - 1) / a->entry_len;
	size_t old_len = (size_t)(a->cap * a->entry_len), len;
	void *p;
	int rc;

	if (n <= a->cap)
		return NS_OK;
	while (cap < n)
		cap *= 2;
	if (cap > SIZE_MAX / a->entry_len)
		return NS_ERR_NOMEM;
	len = (size_t)(cap * a->entry_len);
	if (a->fd < 0 && len <= HEAP_MAX) {
		p = realloc(a->base, len);
		if (!p)
			return NS_ERR_NOMEM;
		memset((uint8_t *)p + old_len, 0, len - old_len);
		a->base = p;
		a->cap = cap;
		return NS_OK;
	}
	if (a->fd < 0 && (rc = make_file(a)) != NS_OK)
		return rc;
	/* blocks now: a full disk is an error here, not a SIGBUS later */
	rc = posix_fallocate(a->fd, (off_t)old_len, (off_t)(len - old_len));
	if (rc != 0) {
		errno = rc;
		return NS_ERR_IO;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, a->fd, 0);
	if (p == MAP_FAILED)
		return errno == ENOMEM ? NS_ERR_NOMEM : NS_ERR_IO;
	if (a->base && !a->mapped) {
		memcpy(p, a->base, old_len);	/* from the heap, once */
		free(a->base);
	} else if (a->base) {
		munmap(a->base, old_len);
	}
	a->mapped = 1;
	a->base = p;
	a->cap = cap;
	return NS_OK;
}

void ns_diskarr_release(struct ns_diskarr *a)
{
	if (a->base && a->mapped)
		munmap(a->base, (size_t)(a->cap * a->entry_len));
	else
		free(a->base);
	if (a->fd >= 0)
		close(a->fd);
	ns_diskarr_init(a, a->dir, a->entry_len);
}
