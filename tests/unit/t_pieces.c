/* SPDX-License-Identifier: MIT */
/* t_pieces.c -- tests of searcher/pieces.c that need no index: the
 * NSEARCH_INDEX list is split at colons with empty entries skipped, and a
 * count of pieces outside 1..NS_PIECES_MAX is refused with a message.
 * (Searching pieces as one is tested end to end: tests/cli/multi.) */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "pieces.h"
#include "unit.h"

static const struct {
	const char *list;
	size_t n;
	const char *want[3];
} split_cases[] = {
	{ "a", 1, { "a" } },
	{ "a:b", 2, { "a", "b" } },
	{ "shards/2025::shards/2026:", 2, { "shards/2025", "shards/2026" } },
	{ ":", 0, { NULL } },
	{ "", 0, { NULL } },
	{ "/x y/:z", 2, { "/x y/", "z" } },
};

NS_SUITE(pieces)
{
	char msg[256];
	struct ns_index *idx = (struct ns_index *)&msg;	/* must become NULL */

	for (size_t i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		char **dirs = NULL;
		size_t n = 99;
		CHECK_INT_EQ(ns_pieces_split(split_cases[i].list, &dirs, &n), NS_OK);
		CHECK_INT_EQ(n, split_cases[i].n);
		for (size_t k = 0; k < n && k < 3; k++)
			CHECK_STR_EQ(dirs[k], split_cases[i].want[k]);
		free(dirs);
	}
	msg[0] = 0;
	CHECK_INT_EQ(ns_index_open_many(NULL, 0, &idx, msg, sizeof(msg)), NS_ERR_LIMIT);
	CHECK(idx == NULL);
	CHECK(strstr(msg, "from 1 to") != NULL);
}
