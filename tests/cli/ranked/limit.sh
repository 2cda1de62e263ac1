# -n 2 prints the first two lines of the full ranking.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --format tsv trump >"$TMP/all" || exit 9
"$NSEARCH" -i "$IDX" --format tsv -n 2 trump >"$TMP/two"
st=$?
echo "lines: $(wc -l <"$TMP/two" | tr -d ' ')"
head -n 2 "$TMP/all" >"$TMP/head"
echo "same as the top 2: $(yesno cmp -s "$TMP/head" "$TMP/two")"
exit $st
