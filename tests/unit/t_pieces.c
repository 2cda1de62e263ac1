/* SPDX-License-Identifier: MIT */
/* t_pieces.c -- tests of searcher/pieces.c that need no index: a count of
 * pieces outside 1..NS_PIECES_MAX is refused with a message and no index.
 * (Searching pieces as one is tested end to end: tests/cli/multi, and
 * through the API: tests/api.) */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "pieces.h"
#include "unit.h"

NS_SUITE(pieces)
{
	char msg[256] = "";
	const char *dirs[1] = { "x" };
	struct ns_index *idx = (struct ns_index *)&msg;	/* must become NULL */

	CHECK_INT_EQ(ns_idx_open_many(dirs, 0, &idx, msg, sizeof(msg)), NS_ERR_LIMIT);
	CHECK(idx == NULL);
	CHECK(strstr(msg, "from 1 to") != NULL);
	msg[0] = 0;
	idx = (struct ns_index *)&msg;
	CHECK_INT_EQ(ns_idx_open_many(dirs, (size_t)NS_PIECES_MAX + 1, &idx, msg, sizeof(msg)),
		     NS_ERR_LIMIT);
	CHECK(idx == NULL);
	CHECK(strstr(msg, "4097 indexes") != NULL);
}
