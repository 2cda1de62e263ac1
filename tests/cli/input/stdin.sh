# "-" reads JSON Lines from standard input; its path is "-", and the bad
# line is reported as -:3:39.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cat "$OLDPWD/tests/data/mini-json/news.jsonl" | "$NINDEX" -i j - 2>err
st=$?
sed -n 's/^nindex: \(-:[0-9:]*\) .*/\1/p' err
"$NSEARCH" -i j --format tsv --any snow metro chess | cut -f3-6 | LC_ALL=C sort
exit $st
