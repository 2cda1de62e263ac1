# -n takes a number.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" -n abc trump 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
