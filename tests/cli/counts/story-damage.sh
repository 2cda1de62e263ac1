# Counting stories reads the story map's per-article stories under their
# chunk's CRC (format.h): one flipped byte there stops --collapse=story
# --timeline, --facet and -c with one error (exit 2), while the article counts,
# which do not read the map, still answer.  The signatures are a section
# of their own that counts never read: one flipped there leaves the story
# counts as they were, and nindex --check still finds it.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/storygen.py" src/a.jsonl 5 250 || exit 9
"$NINDEX" -q -i idx src || exit 9
f=$(cd idx && only stories-*) || exit 9
cp -R idx good
"$NSEARCH" -i idx --collapse=story --timeline=month quake >intact; echo "intact: $?"
# header (16 bytes), n_docs, n_stories, head_crc: the stories' chunk at 28
n=$(od -An -tu4 -j 16 -N 4 "idx/$f" | tr -d ' ')
flip "idx/$f" $((28 + 4 + 4 * 7)) || exit 9
for a in --timeline "--facet source" "--facet year" -c; do
	# shellcheck disable=SC2086 # $a is two words
	"$NSEARCH" -i idx --collapse=story $a quake >out 2>err
	echo "story flipped, stories $a: $?, stdout lines $(wc -l <out | tr -d ' ')"
	one_error nsearch err
done
"$NSEARCH" -i idx --timeline=month quake >/dev/null; echo "story flipped, articles --timeline: $?"
"$NSEARCH" -i idx -c quake >/dev/null; echo "story flipped, articles -c: $?"
rm -r idx && cp -R good idx
flip "idx/$f" $((28 + 4 + 4 * n + 4 + 16 * 7 + 2)) || exit 9
"$NSEARCH" -i idx --collapse=story --timeline=month quake >got
echo "signature flipped, stories --timeline: $?, as intact: $(yesno cmp -s got intact)"
"$NINDEX" --check -i idx 2>err; echo "signature flipped, --check: $?"
grep -c "stories-" err
