/* SPDX-License-Identifier: MIT */
/* error.h -- the one list of result codes shared by every module.
 *
 * As in zlib: 0 is success, values above zero are normal events (an iterator
 * ran out), values below zero are errors.  Only the two main() functions turn
 * codes into messages and exit statuses.
 */
#ifndef NS_ERROR_H
#define NS_ERROR_H

#include <stddef.h>

enum ns_err {
	NS_OK = 0,
	NS_DONE = 1,		/* iterator exhausted: not an error */
	NS_ERR_NOMEM = -1,	/* an allocation failed */
	NS_ERR_IO = -2,		/* a system call failed: errno holds the cause */
	NS_ERR_CORRUPT = -3,	/* bytes read from an index failed a check */
	NS_ERR_VERSION = -4,	/* index written by an incompatible version */
	NS_ERR_QUERY = -5,	/* query text does not parse */
	NS_ERR_INPUT = -6,	/* an input article/line is malformed (skipped) */
	NS_ERR_USAGE = -7,	/* a caller asked for something unsupported */
	NS_ERR_LIMIT = -8,	/* a bound was exceeded (query too large, ...) */
	NS_ERR_NOTFOUND = -9,	/* a named thing (index, language, id) is absent */
};

/* Short English description of a code ("index is corrupt").  Never NULL;
 * the string is static. */
const char *ns_strerror(int rc);

/* Every check on bytes read from disk fails through NS_CORRUPT(): it yields
 * NS_ERR_CORRUPT and first calls ns_corrupt_at(), a single place to put a
 * breakpoint when hunting for the check that fired. */
int ns_corrupt_at(const char *file, int line);
#define NS_CORRUPT() ns_corrupt_at(__FILE__, __LINE__)

/* Formats a message into msg[msglen] when msg is not NULL (snprintf-like);
 * a convenience for functions that offer an optional message buffer. */
void ns_msgf(char *msg, size_t msglen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* NS_ERROR_H */
