# source: and date: cannot be NEAR/ADJ operands: a query error naming the
# column of the operand, status 2, nothing on stdout.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" 'iran NEAR source:reuters' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
