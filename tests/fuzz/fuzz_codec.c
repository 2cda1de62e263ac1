/* SPDX-License-Identifier: MIT */
/* fuzz_codec.c -- the postings codec, the varint reader and the CRC-32 on
 * arbitrary bytes.
 *
 * Input: n:u16 (values to decode, 0..65535) then the encoded bytes.
 * Oracle (codec.h, varint.h): decoding never reads past end; skip agrees
 * with decode on the byte count (both 0 on malformed input); whatever
 * decodes re-encodes to a run that decodes to the same values and is no
 * longer than ns_codec_bound(); the varint readers agree with each other;
 * ns_crc32() is zlib's crc32() on the whole input and continues across a
 * split (ns_crc32_update()).
 */
#include <string.h>
#include <zlib.h>

#include "codec.h"
#include "fileio.h"
#include "fuzz.h"
#include "varint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *in, *end, *p;
	size_t n, cap, got, skip, len2;
	uint32_t *out, *again;
	uint8_t *enc;

	if (size < 2)
		return 0;
	n = (size_t)data[0] | (size_t)data[1] << 8;
	in = data + 2;
	end = data + size;
	cap = (n + NS_CODEC_BLOCK - 1) / NS_CODEC_BLOCK * NS_CODEC_BLOCK + NS_CODEC_BLOCK;
	out = malloc(cap * sizeof(*out));
	again = malloc(cap * sizeof(*again));
	enc = malloc(ns_codec_bound(n) + 1);
	FUZZ_CHECK(out && again && enc);

	got = ns_codec_decode(out, in, end, n);
	skip = ns_codec_skip(in, end, n);
	FUZZ_CHECK(got == skip);
	FUZZ_CHECK(got <= (size_t)(end - in));
	if (got || n == 0) {
		len2 = ns_codec_encode(enc, out, n);
		FUZZ_CHECK(len2 <= ns_codec_bound(n));
		FUZZ_CHECK(ns_codec_decode(again, enc, enc + len2, n) == len2);
		FUZZ_CHECK(memcmp(out, again, n * sizeof(*out)) == 0);
		/* Any shorter end must fail (the encoding is exact) ... */
		if (len2 > 0)
			FUZZ_CHECK(ns_codec_decode(again, enc, enc + len2 - 1, n) == 0);
		ns_codec_prefix_sum(out, n, 7);
	}

	/* varints over the same bytes */
	p = in;
	while (p < end) {
		const uint8_t *q = p, *r = p;
		uint64_t v;
		uint32_t v32;
		int a = ns_varint_get(&q, end, &v);
		int b = ns_varint_get32(&r, end, &v32);
		if (a != 0) {
			FUZZ_CHECK(q == p && b != 0 && r == p);
			p++;
			continue;
		}
		FUZZ_CHECK(q > p && q <= end && q - p <= NS_VARINT_MAX64);
		if (v <= UINT32_MAX)
			FUZZ_CHECK(b == 0 && v32 == v && r == q);
		else
			FUZZ_CHECK(b != 0 && r == p);
		{
			uint8_t tmp[NS_VARINT_MAX64];
			size_t k = ns_varint_put(tmp, v);
			const uint8_t *s = tmp;
			uint64_t w;
			FUZZ_CHECK(k <= (size_t)(q - p));
			FUZZ_CHECK(ns_varint_get(&s, tmp + k, &w) == 0 && w == v && s == tmp + k);
		}
		{
			const uint8_t *s = p;
			FUZZ_CHECK(ns_varint_skip(&s, end, 1) == 0 && s == q);
		}
		p = q;
	}
	/* CRC-32: ours (table-driven below a size) against zlib's */
	{
		uint32_t whole = ns_crc32(data, size), z = (uint32_t)crc32(0L, data, (uInt)size);
		size_t cut = size ? data[size - 1] % (size + 1) : 0;
		FUZZ_CHECK(whole == z);
		FUZZ_CHECK(ns_crc32_update(ns_crc32(data, cut), data + cut, size - cut) == whole);
	}
	free(out);
	free(again);
	free(enc);
	return 0;
}
