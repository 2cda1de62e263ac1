# A NEAR operand may not be negated.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'trump NEAR -lago' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
