/* SPDX-License-Identifier: MIT */
/* error.h -- the one list of result codes shared by every module.
 *
 * As in zlib: 0 is success, values above zero are normal events (an iterator
 * ran out), values below zero are errors.  The codes are the public ones of
 * include/nsearch.h; lib/ turns them into messages, the programs into exit
 * statuses.
 */
#ifndef NS_ERROR_H
#define NS_ERROR_H

#include <stddef.h>

/* The codes (enum ns_err) are the public ones of include/nsearch.h. */
#include "nsearch.h"

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
