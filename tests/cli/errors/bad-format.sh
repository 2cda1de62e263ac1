# --format is text or tsv; nothing is printed on stdout.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --format xml trump 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
echo "names it: $(yesno grep -q xml "$TMP/err")"
exit $st
