# Stories are kept per index: over several indexes searched as one, text
# shows every article (corpus/ split in two: 000 and 001 in one index, 002
# and 003 in the other; on one index 000-002 are one story), TSV's story
# column is empty and JSON's story null; asking for collapsing, --stories
# or --story fails with a message saying why, and nothing on stdout.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir a b || exit 9
cp "$REPO"/corpus/000_* "$REPO"/corpus/001_* a/ && cp "$REPO"/corpus/002_* "$REPO"/corpus/003_* b/ || exit 9
"$NINDEX" -q -i a.idx a && "$NINDEX" -q -i b.idx b || exit 9
"$NSEARCH" -i a.idx -i b.idx --color=never iran >out
echo "text: status $?, hits $(grep -c '^ *[0-9]*\. ' out), versions lines $(grep -c 'more version' out)"
"$NSEARCH" -i a.idx -i b.idx --color=never --explain iran >out
echo "text --explain: story lines $(grep -c '^    story ' out)"
"$NSEARCH" -i a.idx -i b.idx --format tsv iran >out
echo "tsv: $(wc -l <out | tr -d ' ') hits, empty story column $(awk -F'\t' 'NF == 7 && $7 == ""' out | wc -l | tr -d ' ')"
"$NSEARCH" -i a.idx -i b.idx --format json iran >out
echo "json: story null $(grep -c '"story":null,"story_size":0' out)"
"$NSEARCH" -i a.idx -i b.idx -c iran
try() {	# LABEL ARGS...: status, stdout lines and the message
	_l=$1
	shift
	"$NSEARCH" "$@" >out 2>err
	echo "$_l: status $?, stdout lines $(wc -l <out | tr -d ' ')"
	cat err
}
try collapse-story -i a.idx -i b.idx --collapse=story iran
try collapse-dups -i a.idx -i b.idx --format json --collapse=dups iran
try count-stories -i a.idx -i b.idx -c --collapse=story iran
try stories -i a.idx -i b.idx --stories iran
try story -i a.idx -i b.idx --story 000_cb9e7fc10d88d411.txt
try none -i a.idx -i b.idx --collapse=none -l iran
