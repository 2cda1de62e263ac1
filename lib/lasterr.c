/* SPDX-License-Identifier: MIT */
/* lasterr.c -- per-thread last error of the library's handles; versions. */
#include <stdarg.h>
#include <stdio.h>

#include "format.h"
#include "lasterr.h"
#include "nsearch.h"

static _Thread_local struct {
	const void *h;
	int rc;
	size_t col;
	char msg[1024];
} last;

void ns_lasterr_set(const void *h, int rc, size_t col, const char *fmt, ...)
{
	va_list ap;

	last.h = h;
	last.rc = rc;
	last.col = col;
	va_start(ap, fmt);
	vsnprintf(last.msg, sizeof(last.msg), fmt, ap);
	va_end(ap);
}

void ns_lasterr_clear(const void *h)
{
	if (last.h == h) {
		last.h = NULL;
		last.rc = NS_OK;
		last.col = 0;
		last.msg[0] = 0;
	}
}

const char *ns_lasterr_msg(const void *h)
{
	return last.h == h && last.rc != NS_OK ? last.msg : "";
}

int ns_lasterr_code(const void *h)
{
	return last.h == h ? last.rc : NS_OK;
}

size_t ns_lasterr_col(const void *h)
{
	return last.h == h ? last.col : 0;
}

const char *ns_version(void)
{
	return NSEARCH_VERSION;
}

unsigned ns_format_version(void)
{
	return NS_FMT_VERSION;
}
