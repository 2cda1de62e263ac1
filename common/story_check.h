/* SPDX-License-Identifier: MIT */
/* story_check.h -- nindex --check of the story map (story_file.h). */
#ifndef NS_STORY_CHECK_H
#define NS_STORY_CHECK_H

#include "check.h"
#include "manifest.h"
#include "segreader.h"

/* Checks dir's story map against the MANIFEST m and its open segments
 * segs (NULL where a segment did not open): present and intact, one entry
 * per document, deleted documents without a story and live ones with one,
 * story sizes equal to their live members, and each live document's copy
 * signatures equal to those of its stored text.  Reports each problem
 * through report and counts it in *n_problems.  Returns NS_OK when the
 * check could be made, NS_ERR_NOMEM otherwise. */
int ns_story_check(const char *dir, const struct ns_manifest *m, struct ns_segr **segs,
		   ns_check_fn report, void *ctx, unsigned long *n_problems);

#endif /* NS_STORY_CHECK_H */
