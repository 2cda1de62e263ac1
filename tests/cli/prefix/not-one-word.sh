# A prefix must be one word: mar-a* is an error; date:2026* too.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" 'mar-a*' 2>"$TMP/err"
echo "status $?"
one_error nsearch "$TMP/err"
"$NSEARCH" -i "$TMP/w" 'kiwi date:2026*' 2>"$TMP/err"
echo "status $?"
one_error nsearch "$TMP/err"
error_column "$TMP/err"
