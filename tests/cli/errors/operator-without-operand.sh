# "trump AND": AND at column 7 has nothing after it.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'trump AND' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
