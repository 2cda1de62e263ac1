/* SPDX-License-Identifier: MIT */
/* indexdir.c -- the index directory's lock and cleanup (indexdir.h). */
#include "indexdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"
#include "format.h"
#include "story_file.h"

#define LOCK_NAME "LOCK"

/* Takes INDEX_DIR/LOCK.  flock() locks die with their process, so a lock
 * left by a killed nindex never blocks the next run.  LOCK is opened
 * without following a symbolic link (one planted there is replaced, so
 * nothing is created outside the index), and after locking the file must
 * still be the one named LOCK: else another run replaced it meanwhile, and
 * the lock is taken again on the new one. */
int ns_indexdir_lock(const char *dir, int wait, int *fd_out)
{
	char *path = ns_path_join(dir, LOCK_NAME);
	int rc = NS_ERR_IO;

	*fd_out = -1;
	if (!path)
		return NS_ERR_NOMEM;
	for (int tries = 0; tries < 10; tries++) {
		struct stat a, b;
		int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666), r, e;
		if (fd < 0) {
			if (errno == ELOOP && unlink(path) == 0)
				continue;
			break;
		}
		do
			r = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
		while (r != 0 && errno == EINTR);
		if (r != 0) {
			e = errno;
			close(fd);
			errno = e;
			rc = e == EWOULDBLOCK ? NS_ERR_LIMIT : NS_ERR_IO;
			break;
		}
		if (fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino) {
			*fd_out = fd;
			rc = NS_OK;
			break;
		}
		close(fd);
	}
	free(path);
	return rc;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Is name a file that m names? */
static int referenced(const char *name, const struct ns_manifest *m)
{
	char want[48];

	if (m && ns_story_file_is_name(name)) {
		ns_story_file_name(want, m->generation);
		return strcmp(name, want) == 0;
	}
	for (uint32_t i = 0; m && i < m->n_segs; i++) {
		ns_fmt_segment_name(want, m->segs[i].id, "nsp");
		if (strcmp(name, want) == 0)
			return 1;
		ns_fmt_segment_name(want, m->segs[i].id, "nsd");
		if (strcmp(name, want) == 0)
			return 1;
		ns_fmt_segment_name(want, m->segs[i].id, "nsw");
		if (strcmp(name, want) == 0)
			return 1;
		if (m->segs[i].del_gen) {
			ns_fmt_deletes_name(want, m->segs[i].id, m->segs[i].del_gen);
			if (strcmp(name, want) == 0)
				return 1;
		}
	}
	return 0;
}

/* Removes *.tmp files and segment and deletion files that m does not name
 * (a reader still using one keeps its map: unlinking does not take it). */
void ns_indexdir_remove_garbage(const char *dir, const struct ns_manifest *m, int hooked)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		if (!has_suffix(n, ".tmp") &&
		    ((strncmp(n, "seg-", 4) != 0 && !ns_story_file_is_name(n)) || referenced(n, m)))
			continue;
		if (hooked && ns_fileio_fault_point() != 0)
			break;
		char *p = ns_path_join(dir, n);
		if (p)
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* After a failed update: removes what it wrote (complete segments of its
 * own included), keeping whatever the MANIFEST on disk names -- read
 * again, as a failure after its rename (in the directory's fsync) leaves
 * the new one in place.  When it cannot be read, the next run cleans. */
void ns_indexdir_clean_after_failure(const char *dir)
{
	struct ns_manifest cur;

	if (ns_manifest_read(dir, &cur) != NS_OK)
		return;
	ns_indexdir_remove_garbage(dir, &cur, 0);
	ns_manifest_release(&cur);
}

uint64_t ns_indexdir_segment_bytes(const char *dir, const struct ns_seginfo *g)
{
	const char *ext[3] = { "nsp", "nsd", "nsw" };
	uint64_t bytes = 0;

	for (int i = 0; i < 4; i++) {
		char name[48], *p;
		struct stat st;
		if (i < 3)
			ns_fmt_segment_name(name, g->id, ext[i]);
		else if (g->del_gen)
			ns_fmt_deletes_name(name, g->id, g->del_gen);
		else
			break;
		p = ns_path_join(dir, name);
		if (p && stat(p, &st) == 0)
			bytes += (uint64_t)st.st_size;
		free(p);
	}
	return bytes;
}
