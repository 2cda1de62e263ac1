# nsbench --trec FILE: a TREC run, "qid Q0 id rank score tag", ranks from 1, scores
# not increasing, for each query of a compare.py query file (the class
# "or" makes juxtaposed words OR).
. tests/cli/lib.sh
printf 'q1\tor\tputin geneva\nq2\t\t"saudi arabia"\n# comment\nq3\tand\tputin geneva\n' >"$TMP/q.tsv"
"$NSBENCH" -i "$IDX" --trec "$TMP/q.tsv" -n 3 --tag run1 >"$TMP/run"
echo "status $?"
awk '{ print $1, $2, $3, $4, $6, NF }' "$TMP/run"
awk '$1 == p && $5 > s { bad = 1 } { p = $1; s = $5 } END { print bad ? "scores increase" : "scores not increasing" }' "$TMP/run"
