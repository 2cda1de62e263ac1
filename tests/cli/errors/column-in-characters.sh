# Columns count characters, not bytes: "Zoë OR" ends at character 6 (7
# bytes), so the dangling OR is at column 5.
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" 'Zoë OR' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
exit $st
