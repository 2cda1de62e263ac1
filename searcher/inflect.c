/* SPDX-License-Identifier: MIT */
/* inflect.c -- words that differ only in their endings (see inflect.h). */
#include "inflect.h"

#include <string.h>

static int is_ending(const char *s, size_t n)
{
	static const char *const endings[] = { "",   "s",  "es", "ies", "d",  "ed", "ied",
					       "ing", "r",  "rs", "er",  "ers", "st", "est",
					       "y",  "ly", "ily", "e" };

	for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
		if (strlen(endings[i]) == n && memcmp(endings[i], s, n) == 0)
			return 1;
	return 0;
}

int ns_inflect_only(const char *a, size_t al, const char *b, size_t bl)
{
	size_t common = 0;

	if (al == bl && memcmp(a, b, al) == 0)
		return 0;
	while (common < al && common < bl && a[common] == b[common])
		common++;
	/* the stem may end before the common prefix does: occupier and
	 * occupied share "occupie", but their endings are er and ed */
	for (size_t k = common + 1; k-- > 0;) {
		if (al - k > 4 || bl - k > 4)
			break;	/* no ending is longer */
		/* a final e left out or added is no inflection but a slip
		 * (befor, absolute): no English ending is a bare e */
		if ((al - k) + (bl - k) == 1 && (al > k ? a[k] : b[k]) == 'e')
			continue;
		if (is_ending(a + k, al - k) && is_ending(b + k, bl - k))
			return 1;
	}
	return 0;
}
