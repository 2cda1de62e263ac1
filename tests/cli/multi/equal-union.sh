# Several indexes searched as one (-i A -i B ..., NSEARCH_INDEX=A:B) answer
# byte for byte like one index built from the union of the same articles
# (shards.lib builds both).  Here: every query of queries.txt with the
# result-list options (formats, paging, sorting by date, --any).
. tests/cli/lib.sh
. "$REPO/tests/cli/multi/shards.lib"
while IFS= read -r query; do
	compare tsv --format tsv -n 50 -- "$query"
	compare json --format json -n 20 -- "$query"
	compare count -c -- "$query"
	compare ids -l -n 1000 -- "$query"
	compare date --format tsv --sort -date -n 30 -- "$query"
	compare date-asc --format tsv --sort date -n 30 --offset 7 -- "$query"
	compare page --format tsv --offset 10 -n 15 -- "$query"
	compare text --color=never -n 5 -- "$query"
	compare any --format tsv --any -n 20 -- "$query"
done <"$q"
echo "runs: $n_runs, differing: $n_diff, with output: $((n_hits > n_runs / 2))"
