# nsbench --collapse=story times grouped queries: the bundled corpus holds
# two stories (000, 001 and 002 retell one; 003 is another), so the top 10
# of "iran", which all four match, holds 4 ids plain and 2 grouped (the
# best-ranked article of each story, as nsearch --collapse=story -l shows);
# its count stays 4 matching articles either way (ns_results_total()).
# --collapse=dups keeps all four (none is a copy of another); a bad value
# is a usage error.
. tests/cli/lib.sh
printf 'q1\tterm\tiran\n' >"$TMP/q.tsv"
for how in none story dups; do
	"$NSBENCH" -i "$IDX" --bench "$TMP/q.tsv" --repeat 1 --collapse=$how >"$TMP/out"
	echo "$how: status $? $(grep -c '^# engine=nsearch .* collapse='$how'$' "$TMP/out") header," \
		"$(awk -F'\t' '$1 == "q1" { n = split($6, ids, " "); print "count " $3 ", ids " n }' "$TMP/out")"
done
"$NSEARCH" -i "$IDX" --collapse=story -l iran | LC_ALL=C sort >"$TMP/cli"
"$NSBENCH" -i "$IDX" --bench "$TMP/q.tsv" --repeat 1 --collapse=story |
	awk -F'\t' '$1 == "q1" { n = split($6, ids, " "); for (i = 1; i <= n; i++) print ids[i] }' |
	LC_ALL=C sort >"$TMP/bench"
cmp -s "$TMP/cli" "$TMP/bench" && echo "grouped ids: as nsearch --collapse=story -l ($(wc -l <"$TMP/cli") ids)"
"$NSBENCH" -i "$IDX" --bench "$TMP/q.tsv" --collapse=stories 2>&1 >/dev/null
echo "bad value: status $?"
