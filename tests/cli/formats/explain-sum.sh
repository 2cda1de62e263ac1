# The weights --explain lists, plus the proximity score on its "score"
# line, add up to the score tsv prints (corpus/).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --format tsv -n 4 '"missile sites" OR (trump NEAR/5 putin)' | cut -f2 >"$TMP/tsv"
"$NSEARCH" -i "$IDX" --explain -n 4 '"missile sites" OR (trump NEAR/5 putin)' >"$TMP/ex"
awk '/^    score / { if (n) print s; s = $NF; n = 1; next }
     /^      [0-9]/ { s += $1 }
     END { if (n) print s }' "$TMP/ex" | awk '{ printf "%.4f\n", $1 }' >"$TMP/sums"
sed -n 's/^    score \([0-9.]*\) .*/\1/p' "$TMP/ex" >"$TMP/scores"
echo "hits: $(wc -l <"$TMP/tsv" | tr -d ' ')"
paste "$TMP/tsv" "$TMP/scores" "$TMP/sums" | awk '{ d = $1 - $3; if (d < 0) d = -d; print ($1 == $2 && d < 0.0005) ? "ok" : "differs: " $0 }'
