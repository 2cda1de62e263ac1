# An empty file gives no article and no error: the index is built, empty,
# and a search in it finds nothing (status 1).
. tests/cli/lib.sh
cd "$TMP" || exit 9
: >empty.txt
"$NINDEX" -i i empty.txt 2>err
echo "nindex: $?"
echo "stderr bytes: $(size err)"
"$NSEARCH" -i i --stats | grep '^docs='
"$NSEARCH" -i i trump
