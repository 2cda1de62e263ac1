# A piece that cannot be opened stops the search with one message naming
# it (and its place in the list): missing, not an index, damaged, written
# by another format version; pieces in different languages, or one index
# given twice, are refused; nothing is printed on stdout.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -q -i en "$REPO/tests/data/mini" || exit 9
"$NINDEX" -q -i en2 "$REPO/corpus" || exit 9
"$NINDEX" -q --lang french -i fr "$REPO/corpus" || exit 9
try() {	# LABEL ARGS...: status and the message, temporary paths removed
	_l=$1
	shift
	"$NSEARCH" "$@" >out 2>err
	echo "$_l: status $?, stdout lines $(wc -l <out | tr -d ' ')"
	rel <err
}
try missing -i en -i nowhere strike
mkdir empty
try not-an-index -i en -i empty strike
cp -r en2 bad && printf 'XXXX' | dd of=bad/MANIFEST bs=1 seek=0 conv=notrunc 2>/dev/null
try damaged -i en -i bad strike
cp -r en2 old && printf '\001' | dd of=old/MANIFEST bs=1 seek=4 conv=notrunc 2>/dev/null
try version -i en -i old strike
rm en2/seg-*.nsd
try segment-missing -i en -i en2 strike
try language -i en -i fr strike
try twice -i en -i ./en strike
NSEARCH_INDEX=en:nowhere try env-missing strike
NSEARCH_INDEX=: try env-empty strike
NSEARCH_INDEX=en:: try env-one strike
