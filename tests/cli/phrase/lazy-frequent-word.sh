# A phrase's frequent word is moved to a document only once its rare words
# line up there (searcher/cursor.c, lazy words).  4,000 articles all have
# "the"; 400 have both "alpha" and "beta", and in 4 of them (ids 1000,
# 2000, 3000, 4000) they stand as "alpha the beta" (elsewhere as "beta
# filler alpha").  The phrase must find exactly those 4, in top-k and
# count modes alike, and decode few postings blocks of "the" (it has 32 of
# 128 documents): without lazy words, the leapfrog visits "the" at each of
# the 400 documents with alpha and beta (40 blocks in all).
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk 'BEGIN {
	for (i = 1; i <= 4000; i++) {
		b = "the start"
		if (i % 1000 == 0) b = b " alpha the beta"
		else if (i % 10 == 0) b = b " beta filler alpha"
		printf "{\"id\": \"d%04d\", \"body\": \"%s filler the end\"}\n", i, b
	}
}' >gen.jsonl
"$NINDEX" -q -i idx gen.jsonl || exit 9
ids idx '"alpha the beta"'
echo "count: $(count idx '"alpha the beta"')"
echo "top-10 and count agree: $(yesno test "$(ids idx '"alpha the beta"' | wc -l)" -eq "$(count idx '"alpha the beta"')")"
for mode in "-c" "-n 10"; do
	# shellcheck disable=SC2086
	"$NSEARCH" -i idx --debug-counters $mode -- '"alpha the beta"' >/dev/null 2>err
	blocks=$(sed -n 's/.* blocks=\([0-9]*\).*/\1/p' err)
	echo "$mode: blocks decoded under 16: $(yesno test "${blocks:-99}" -lt 16)"
done
