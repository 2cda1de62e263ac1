/* SPDX-License-Identifier: MIT */
/* t_fileio.c -- the file primitives on the odd files an index directory
 * can hold: empty, a FIFO, a directory, a planted symbolic link. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fileio.h"
#include "unit.h"

static char dir[4096];

static char *in_dir(const char *name)
{
	static char path[4200];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

NS_SUITE(fileio)
{
	const char *t = getenv("TMPDIR");
	struct ns_map m;
	struct ns_wfile w;
	struct stat st;
	char target[4200];
	int fd;

	snprintf(dir, sizeof(dir), "%s/ns-fileio.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(dir)) {
		NS_UNIT_FAIL("mkdtemp: %s", strerror(errno));
		return;
	}

	/* An empty file maps to a non-NULL pointer (callers compute
	 * data + len; NULL + 0 is undefined) and unmaps cleanly. */
	fd = open(in_dir("empty"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK_INT_EQ(ns_map_file(in_dir("empty"), &m), NS_OK);
	CHECK(m.data != NULL);
	CHECK_INT_EQ(m.len, 0);
	ns_unmap_file(&m);
	CHECK(m.data == NULL);

	/* A FIFO with no writer: an error at once, not a blocked open. */
	CHECK_INT_EQ(mkfifo(in_dir("fifo"), 0644), 0);
	CHECK_INT_EQ(ns_map_file(in_dir("fifo"), &m), NS_ERR_CORRUPT);
	CHECK(m.data == NULL);

	/* A directory where a file should be. */
	CHECK_INT_EQ(mkdir(in_dir("subdir"), 0755), 0);
	CHECK_INT_EQ(ns_map_file(in_dir("subdir"), &m), NS_ERR_CORRUPT);

	CHECK_INT_EQ(ns_map_file(in_dir("missing"), &m), NS_ERR_NOTFOUND);

	/* A symbolic link planted as NAME.tmp is replaced, never written
	 * through: the file it points to is not created. */
	snprintf(target, sizeof(target), "%s", in_dir("outside"));
	CHECK_INT_EQ(symlink(target, in_dir("out.tmp")), 0);
	CHECK_INT_EQ(ns_wfile_create(&w, in_dir("out")), NS_OK);
	ns_wfile_write(&w, "abc", 3);
	CHECK_INT_EQ(ns_wfile_commit(&w), NS_OK);
	CHECK(lstat(in_dir("outside"), &st) != 0);
	CHECK(lstat(in_dir("out"), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 3);
	CHECK(lstat(in_dir("out.tmp"), &st) != 0);

	unlink(in_dir("empty"));
	unlink(in_dir("fifo"));
	rmdir(in_dir("subdir"));
	unlink(in_dir("out"));
	rmdir(dir);
}
