# The same query twice gives byte-identical output (text and tsv).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --format tsv 'trump OR missile' >"$TMP/a1"
"$NSEARCH" -i "$IDX" --format tsv 'trump OR missile' >"$TMP/a2"
"$NSEARCH" -i "$IDX" 'trump OR missile' >"$TMP/b1"
"$NSEARCH" -i "$IDX" 'trump OR missile' >"$TMP/b2"
echo "tsv identical: $(yesno cmp -s "$TMP/a1" "$TMP/a2")"
echo "text identical: $(yesno cmp -s "$TMP/b1" "$TMP/b2")"
echo "tsv lines: $(wc -l <"$TMP/a1" | tr -d ' ')"
