# NEAR/0 is out of range (1..1000000); the operator is at column 10.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'airspace NEAR/0 saudi' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
