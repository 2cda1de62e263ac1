# A prefix needs 2 letters or digits: n* is an error naming its column.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" 'iran n*' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
echo "says 2: $(yesno grep -q 'at least 2' "$TMP/err")"
exit $st
