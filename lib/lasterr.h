/* SPDX-License-Identifier: MIT */
/* lasterr.h -- the library's error messages: per handle and per thread.
 *
 * Each thread keeps the message of its last failing call (as errno), with
 * the handle it was about, so threads sharing one ns_index never read each
 * other's messages and no lock is needed.
 */
#ifndef NS_LASTERR_H
#define NS_LASTERR_H

#include <stddef.h>

/* Records error rc on handle h (NULL: a failed open without a handle) with
 * a printf-style message and the column of a query syntax error (0). */
void ns_lasterr_set(const void *h, int rc, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Forgets the calling thread's error about h (a new or freed handle may
 * have the address of an old one). */
void ns_lasterr_clear(const void *h);

/* The calling thread's message / code / column for h ("" / NS_OK / 0 when
 * its last failure was about another handle). */
const char *ns_lasterr_msg(const void *h);
int ns_lasterr_code(const void *h);
size_t ns_lasterr_col(const void *h);

#endif /* NS_LASTERR_H */
