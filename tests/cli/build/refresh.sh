# nindex -i DIR without sources reads the remembered sources again, from
# any working directory: a file added to the source directory is found.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src || exit 9
cp "$OLDPWD/tests/data/mini/volcano.txt" "$OLDPWD/tests/data/mini/election.txt" src/ || exit 9
"$NINDEX" -q -i i src || exit 9
echo "before: $("$NSEARCH" -i i -c 'volcano OR rovers')"
cp "$OLDPWD/tests/data/mini/cup-final.txt" src/ || exit 9
mkdir elsewhere && cd elsewhere || exit 9
"$NINDEX" -q -i ../i
st=$?
cd .. || exit 9
echo "after: $("$NSEARCH" -i i -c 'volcano OR rovers')"
ids i rovers
"$NSEARCH" -i i --stats | grep -E '^(docs|generation|source)=' | rel
exit $st
