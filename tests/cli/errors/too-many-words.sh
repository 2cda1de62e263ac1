# More than 10000 words and operators (here 12001 words) is an error, not a
# crash.
. tests/cli/lib.sh
q=$(awk 'BEGIN { for (i = 0; i < 12000; i++) printf "trump OR " ; printf "trump" }')
"$NSEARCH" -i "$IDX" "$q" 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
exit $st
