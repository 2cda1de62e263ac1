# An OR operand made only of negated operands is an error.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'trump OR -lago' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
