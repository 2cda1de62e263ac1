# A query with only negated operands is an error: one line on stderr,
# "nsearch: ...", naming column 1 where the query starts.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'NOT trump' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
