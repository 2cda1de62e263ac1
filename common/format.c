/* SPDX-License-Identifier: MIT */
/* format.c -- the few format helpers that are not inline (see format.h). */
#include "format.h"

#include <stdio.h>

#include "error.h"

int ns_fmt_check_header(const uint8_t *p, uint64_t file_len, const char *magic)
{
	if (!p || file_len < NS_FMT_HEADER_LEN || memcmp(p, magic, 4) != 0)
		return NS_CORRUPT();
	if (ns_get_u32(p + 4) != NS_FMT_VERSION)
		return NS_ERR_VERSION;
	return NS_OK;
}

void ns_fmt_segment_name(char *out, uint32_t seg_id, const char *ext)
{
	snprintf(out, 32, "seg-%08u.%s", (unsigned)seg_id, ext);
}

void ns_fmt_deletes_name(char *out, uint32_t seg_id, uint64_t gen)
{
	snprintf(out, 48, "seg-%08u.del-%llu", (unsigned)seg_id, (unsigned long long)gen);
}
