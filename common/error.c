/* SPDX-License-Identifier: MIT */
/* error.c -- descriptions of result codes and the corruption hook. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *ns_strerror(int rc)
{
	switch (rc) {
	case NS_OK: return "success";
	case NS_DONE: return "no more items";
	case NS_ERR_NOMEM: return "out of memory";
	case NS_ERR_IO: return "input/output error";
	case NS_ERR_CORRUPT: return "index is corrupt";
	case NS_ERR_VERSION: return "index format version not supported (rebuild it with this nindex)";
	case NS_ERR_QUERY: return "query syntax error";
	case NS_ERR_INPUT: return "malformed input";
	case NS_ERR_USAGE: return "invalid usage";
	case NS_ERR_LIMIT: return "limit exceeded";
	case NS_ERR_NOTFOUND: return "not found";
	}
	return "unknown error";
}

int ns_corrupt_at(const char *file, int line)
{
	/* NS_DEBUG_CORRUPT=1 names the check that fired: the index bytes are
	 * bad, but which invariant caught it tells a developer where to look. */
	const char *env = getenv("NS_DEBUG_CORRUPT");
	if (env && *env == '1')
		fprintf(stderr, "corruption detected at %s:%d\n", file, line);
	return NS_ERR_CORRUPT;
}

void ns_msgf(char *msg, size_t msglen, const char *fmt, ...)
{
	va_list ap;

	if (!msg || !msglen)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
}
