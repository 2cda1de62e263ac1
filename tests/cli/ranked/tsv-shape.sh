# tsv: seven tab-separated fields (the last the story), ranks 1..n in order, scores non-increasing.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --format tsv trump >"$TMP/t"
st=$?
echo "lines: $(wc -l <"$TMP/t" | tr -d ' ')"
awk -F '\t' '
	NF != 7 || length($7) != 16 || $7 ~ /[^0-9a-f]/ { bad_nf++ }
	$1 != NR { bad_rank++ }
	$2 !~ /^[0-9]+\.[0-9]+$/ { bad_score++ }
	NR > 1 && $2 + 0 > prev + 0 { bad_order++ }
	{ prev = $2 }
	END {
		print "seven fields, the last a story id: " (bad_nf ? "no" : "yes")
		print "ranks 1..n: " (bad_rank ? "no" : "yes")
		print "scores are numbers: " (bad_score ? "no" : "yes")
		print "scores non-increasing: " (bad_order ? "no" : "yes")
	}' "$TMP/t"
exit $st
