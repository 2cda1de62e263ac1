# -n takes a number from 0 up.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" -n -1 trump 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
