# The same over all ten mini articles ("the" is in every one), including
# bridge-closed.txt whose title is empty (an empty field, still six).
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" --format tsv -n 100 the >"$TMP/t"
st=$?
echo "lines: $(wc -l <"$TMP/t" | tr -d ' ')"
awk -F '\t' '
	NF != 7 || length($7) != 16 || $7 ~ /[^0-9a-f]/ { bad_nf++ }
	$1 != NR { bad_rank++ }
	NR > 1 && $2 + 0 > prev + 0 { bad_order++ }
	{ prev = $2 }
	END {
		print "seven fields, the last a story id: " (bad_nf ? "no" : "yes")
		print "ranks 1..n: " (bad_rank ? "no" : "yes")
		print "scores non-increasing: " (bad_order ? "no" : "yes")
	}' "$TMP/t"
exit $st
