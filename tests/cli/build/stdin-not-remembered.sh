# "-" (standard input) is not remembered as a source: the sources kept are
# the other ones.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src || exit 9
cp "$OLDPWD/tests/data/mini/volcano.txt" src/ || exit 9
"$NINDEX" -q -i i src - <"$OLDPWD/tests/data/mini-json/news.jsonl" 2>/dev/null
st=$?
"$NSEARCH" -i i --stats | grep -E '^(docs|source)=' | rel
exit $st
