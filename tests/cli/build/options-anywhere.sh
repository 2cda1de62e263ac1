# nindex takes options and sources in any order; -- ends the options.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" "$OLDPWD/corpus" -q -i i
echo "sources first: $?"
"$NSEARCH" -i i -c trump
cp "$OLDPWD/tests/data/mini/volcano.txt" ./-v.txt || exit 9
"$NINDEX" -q -i j -- -v.txt
echo "after --: $?"
ids j kelda
