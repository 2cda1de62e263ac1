/* SPDX-License-Identifier: MIT */
/* segw_end.h -- how the unit suites end a segment they wrote by hand: the
 * segment's summary goes into info (as nindex would list it in the
 * manifest), then the writer is finished, or aborted when rc says an
 * earlier step failed (rc is returned then). */
#ifndef NS_UNIT_SEGW_END_H
#define NS_UNIT_SEGW_END_H

#include <stdint.h>

#include "error.h"
#include "manifest.h"
#include "segwriter.h"

static inline int unit_segw_end(struct ns_segw *w, uint32_t id, int rc, struct ns_seginfo *info)
{
	info->id = id;
	info->n_docs = ns_segw_n_docs(w);
	info->n_tokens = ns_segw_n_tokens(w);
	info->n_title_tokens = ns_segw_n_title_tokens(w);
	if (rc != NS_OK) {
		ns_segw_abort(w);
		return rc;
	}
	return ns_segw_finish(w);
}

#endif
