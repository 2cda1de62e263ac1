# "(putin": the '(' at column 1 is never closed.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" '(putin' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
