/* SPDX-License-Identifier: MIT */
/* vanish.c -- LD_PRELOAD shim for tests/hostile/run.sh: files that change
 * under the indexer at the worst moment, reliably.
 *
 *   a file whose name starts with "vanish"   is deleted just before the
 *                                             indexer opens it (it was
 *                                             listed, then it is gone:
 *                                             open fails with ENOENT);
 *   a file whose name starts with "unlinked" is deleted just after it was
 *                                             opened (POSIX: still readable
 *                                             through the open descriptor);
 *   a file whose name starts with "shrink"   is truncated to 10 bytes just
 *                                             after it was opened (the
 *                                             reader sees a shorter file).
 * Built by run.sh with the system compiler: cc -shared -fPIC vanish.c -ldl.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int starts(const char *path, const char *prefix)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return strncmp(base, prefix, strlen(prefix)) == 0;
}

static int wrap(int (*real)(const char *, int, ...), const char *path, int flags, mode_t mode)
{
	int fd;

	if (starts(path, "vanish"))
		unlink(path);
	fd = real(path, flags, mode);
	if (fd >= 0 && starts(path, "unlinked"))
		unlink(path);
	if (fd >= 0 && starts(path, "shrink"))
		if (truncate(path, 10) != 0)
			return fd;	/* the test will notice */
	return fd;
}

#define WRAP(name)                                                                 \
	int name(const char *path, int flags, ...)                                 \
	{                                                                          \
		static int (*real)(const char *, int, ...);                        \
		mode_t mode = 0;                                                   \
		if (flags & (O_CREAT | O_TMPFILE)) {                               \
			va_list ap;                                                \
			va_start(ap, flags);                                       \
			mode = (mode_t)va_arg(ap, int);                            \
			va_end(ap);                                                \
		}                                                                  \
		if (!real)                                                         \
			real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name); \
		return wrap(real, path, flags, mode);                              \
	}

WRAP(open)
WRAP(open64)
