# "putin)": the ')' at column 6 closes nothing.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'putin)' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
