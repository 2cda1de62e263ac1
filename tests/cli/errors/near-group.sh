# NEAR operands are words or phrases, never groups.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" '(putin OR geneva) NEAR trump' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
