# Counting stories reads only the story map's doc sharing (a bit per
# article: is its story shared?) and sharer list (the shared story of each
# set bit), each under its chunk's CRC (format.h): one flipped byte in
# either stops --collapse=story --timeline, --facet and -c with one error
# (exit 2), while the article counts, which do not read the map, still
# answer.  The doc stories and the signatures are sections the counts never
# read: one flipped there leaves the story counts as they were, and
# nindex --check still finds it.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/storygen.py" src/a.jsonl 5 250 || exit 9
"$NINDEX" -q -i idx src || exit 9
f=$(cd idx && only stories-*) || exit 9
cp -R idx good
"$NSEARCH" -i idx --collapse=story --timeline=month quake >intact; echo "intact: $?"
# header (16 bytes), n_docs, n_stories, n_shared, n_sharers, n_kept,
# base_day, head_crc: the doc stories' one chunk at 44 (crc, entries packed
# in w bits, 7 zero bytes), then the doc sharing's one chunk (crc, first,
# bits), then the sharer list's (packed in w2 bits), then the near
# signatures' (8 bytes each)
u32() { od -An -tu4 -j "$1" -N 4 "idx/$f" | tr -d ' '; }
bitlen() { w=1; while [ $(($1 >> w)) -gt 0 ]; do w=$((w + 1)); done; echo $w; }
n=$(u32 16)
stories=$(u32 20)
shared=$(u32 24)
sharers=$(u32 28)
echo "some articles share a story: $(yesno [ "$sharers" -gt 10 ])"
w=$(bitlen "$stories")
w2=$(bitlen $((shared - 1)))
share=$((44 + 4 + (n * w + 7) / 8 + 7))
list=$((share + 520))
near=$((list + 4 + (sharers * w2 + 7) / 8 + 7))
for at in "sharing bits $((share + 8 + 1))" "sharer list $((list + 4 + 7 * w2 / 8))"; do
	rm -r idx && cp -R good idx
	flip "idx/$f" "${at##* }" || exit 9
	for a in --timeline "--facet source" "--facet year" -c; do
		# shellcheck disable=SC2086 # $a is two words
		"$NSEARCH" -i idx --collapse=story $a quake >out 2>err
		echo "${at% *} flipped, stories $a: $?, stdout lines $(wc -l <out | tr -d ' ')"
		one_error nsearch err
	done
	"$NSEARCH" -i idx --timeline=month quake >/dev/null; echo "${at% *} flipped, articles --timeline: $?"
	"$NSEARCH" -i idx -c quake >/dev/null; echo "${at% *} flipped, articles -c: $?"
done
for at in "doc story $((44 + 4 + 7 * w / 8))" "signature $((near + 4 + 8 * 7 + 2))"; do
	rm -r idx && cp -R good idx
	flip "idx/$f" "${at##* }" || exit 9
	"$NSEARCH" -i idx --collapse=story --timeline=month quake >got
	echo "${at% *} flipped, stories --timeline: $?, as intact: $(yesno cmp -s got intact)"
	"$NINDEX" --check -i idx 2>err; echo "${at% *} flipped, --check: $?"
	grep -c "stories-" err
done
