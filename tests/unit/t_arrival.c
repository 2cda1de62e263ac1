/* SPDX-License-Identifier: MIT */
/* t_arrival.c -- unit tests of arrival runs (common/arrival.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arrival.h"
#include "buf.h"
#include "error.h"
#include "unit.h"

NS_SUITE(arrival)
{
	struct ns_arrivals a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, out;
	struct ns_buf buf = NS_BUF_INIT;
	struct ns_arrival_run *dec;
	uint32_t n_dec;
	const uint8_t *p;

	/* runs join when the generation repeats; empty adds nothing */
	CHECK_INT_EQ(ns_arrivals_add(&a, 3, 4), NS_OK);
	CHECK_INT_EQ(ns_arrivals_add(&a, 3, 2), NS_OK);
	CHECK_INT_EQ(ns_arrivals_add(&a, 5, 0), NS_OK);
	CHECK_INT_EQ(ns_arrivals_add(&a, 7, 3), NS_OK);
	CHECK_INT_EQ(a.n, 2);
	CHECK_INT_EQ(a.run[0].count, 6);
	CHECK_INT_EQ(ns_arrivals_max(a.run, a.n), 7);
	/* docs 0..5 gen 3, 6..8 gen 7 */
	CHECK_INT_EQ(ns_arrivals_next_after(a.run, a.n, 3, 0), 6);
	CHECK_INT_EQ(ns_arrivals_next_after(a.run, a.n, 3, 7), 7);
	CHECK_INT_EQ(ns_arrivals_next_after(a.run, a.n, 2, 4), 4);
	CHECK_INT_EQ(ns_arrivals_next_after(a.run, a.n, 7, 0), UINT32_MAX);
	CHECK_INT_EQ(ns_arrivals_next_after(a.run, a.n, 3, 9), UINT32_MAX);

	/* a merge keeps each live document's generation, in input order */
	CHECK_INT_EQ(ns_arrivals_add(&b, 9, 3), NS_OK);
	{
		uint32_t ra[9] = { 0, UINT32_MAX, 1, 2, 3, 4, UINT32_MAX, UINT32_MAX, 5 };
		uint32_t rb[3] = { 6, UINT32_MAX, 7 };
		const struct ns_arrival_run *in[2] = { a.run, b.run };
		const uint32_t *remap[2] = { ra, rb };
		uint32_t n_run[2] = { a.n, b.n };
		CHECK_INT_EQ(ns_arrivals_merge(in, n_run, remap, 2, &out), NS_OK);
		CHECK_INT_EQ(out.n, 3);
		CHECK_INT_EQ(out.run[0].gen, 3);
		CHECK_INT_EQ(out.run[0].count, 5);
		CHECK_INT_EQ(out.run[1].gen, 7);
		CHECK_INT_EQ(out.run[1].count, 1);
		CHECK_INT_EQ(out.run[2].gen, 9);
		CHECK_INT_EQ(out.run[2].count, 2);
	}

	/* encoding round trip, and its checks */
	ns_arrivals_put(&buf, out.run, out.n);
	p = buf.data;
	CHECK_INT_EQ(ns_arrivals_get(&p, buf.data + buf.len, 8, 9, &dec, &n_dec), NS_OK);
	CHECK(p == buf.data + buf.len);
	CHECK_INT_EQ(n_dec, 3);
	CHECK(n_dec == 3 && dec[2].gen == 9 && dec[2].count == 2);
	free(dec);
	p = buf.data;	/* counts must sum to n_docs */
	CHECK_INT_EQ(ns_arrivals_get(&p, buf.data + buf.len, 9, 9, &dec, &n_dec), NS_ERR_CORRUPT);
	p = buf.data;	/* no generation after the MANIFEST's */
	CHECK_INT_EQ(ns_arrivals_get(&p, buf.data + buf.len, 8, 8, &dec, &n_dec), NS_ERR_CORRUPT);
	p = buf.data;	/* cut short */
	CHECK_INT_EQ(ns_arrivals_get(&p, buf.data + buf.len - 1, 8, 9, &dec, &n_dec), NS_ERR_CORRUPT);

	CHECK(ns_index_identity_new() != 0);
	CHECK(ns_index_identity_new() != ns_index_identity_new());
	ns_buf_release(&buf);
	ns_arrivals_release(&out);
	ns_arrivals_release(&a);
	ns_arrivals_release(&b);
}
