# A field name before a word starting with '-' is an error (write
# -title:x).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" 'trump title:-lago' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
