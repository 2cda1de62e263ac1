# Indexing corpus/ works silently; --stats reports its four articles in
# one segment, stemmed as English, with the source remembered.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -i i "$OLDPWD/corpus" 2>err
st=$?
echo "stderr bytes: $(size err)"
"$NSEARCH" -i i --stats | grep -E '^(docs|segments|language|generation|source)=' | rel
exit $st
