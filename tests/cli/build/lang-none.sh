# --lang none turns stemming off: "erupts" then matches only the word
# erupts (volcano.txt's title), not erupted/eruption/erupting; a refresh
# keeps the language.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -q --lang none -i i "$OLDPWD/tests/data/mini" || exit 9
echo "english: $(ids "$MINI" erupts | tr '\n' ' ')"
echo "none: $(ids i erupts | tr '\n' ' ')"
echo "erupting: $(ids i erupting | tr '\n' ' ')"
"$NINDEX" -q -i i
st=$?
"$NSEARCH" -i i --stats | grep '^language='
echo "after refresh: $(ids i erupts | tr '\n' ' ')"
exit $st
