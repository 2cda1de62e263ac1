# Several indexes searched as one (-i A -i B ..., NSEARCH_INDEX=A:B) answer
# byte for byte like one index built from the union of the same articles
# (shards.lib builds both).  Here: every query of queries.txt with
# dates, --expand, --explain, --timeline and --facet.
. tests/cli/lib.sh
. "$REPO/tests/cli/multi/shards.lib"
while IFS= read -r query; do
	compare range --format tsv --since 2025-02 --until 2026-05-10 -n 20 -- "$query"
	compare range-count -c --since 2025 -- "$query"
	compare expand --format tsv --expand -n 10 -- "$query"
	compare explain-json --explain --format json -n 3 -- "$query"
	compare timeline --timeline=month -- "$query"
	compare timeline-range --timeline --since 2025-01 -- "$query"
	compare facet --facet source -- "$query"
	compare facet-year --facet year -n 3 -- "$query"
	"$NSEARCH" -i union.idx --collapse=none --explain --color=never -n 3 -- "$query" >one.out 2>&1
	nostory one.out
	NSEARCH_THREADS=$threads "$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --explain --color=never -n 3 -- "$query" >many.out 2>&1
	work one.out
	work many.out
	n_runs=$((n_runs + 1))
	cmp -s one.out many.out || { n_diff=$((n_diff + 1)); echo "DIFF explain: $query"; diff one.out many.out | head -n 6; }
done <"$q"
echo "runs: $n_runs, differing: $n_diff, with output: $((n_hits > n_runs / 2))"
