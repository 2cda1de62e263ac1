# NEAR and ADJ cannot be mixed in one chain.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'jordan NEAR saudi ADJ arabia' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
