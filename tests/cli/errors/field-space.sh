# "title: iran" -- the field must touch its operand; column 1.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'title: iran' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
