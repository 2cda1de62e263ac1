# -n 1 in text format: one hit block, ranked 1.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" -n 1 trump >"$TMP/o"
st=$?
grep -c '^ *[0-9][0-9]*\. ' "$TMP/o"
grep -o '^ *[0-9][0-9]*\. ' "$TMP/o"
exit $st
