# Several indexes searched as one (-i A -i B ..., NSEARCH_INDEX=A:B) answer
# byte for byte like one index built from the union of the same articles
# (shards.lib builds both).  Here, after an update: one shard has
# articles replaced and removed (deletions) and is compared with a fresh
# union of the updated sources: scores and counts equal (the order among
# equal scores may differ, as after any update).
. tests/cli/lib.sh
. "$REPO/tests/cli/multi/shards.lib"
# Deletions: 50 articles of s1 come again, changed, on standard input;
# the shard keeps the old versions as deleted documents, a fresh union of
# the sources (the replacements read last: the newest wins) never had them.
awk 'NR % 7 == 3 { sub(/"body":"/, "\"body\":\"iran talks again "); print }' s1.jsonl >repl.jsonl
"$NINDEX" -q -i s1.idx - <repl.jsonl || exit 9
rm -rf union.idx
"$NINDEX" -q -i union.idx s0.jsonl s1.jsonl s2.jsonl text repl.jsonl || exit 9
"$NSEARCH" -i s1.idx --stats | grep -E '^(deleted_docs|segments)='
n_diff=0
n_runs=0
while IFS= read -r query; do
	for opt in "" "--since 2025-06" "--any"; do
		# shellcheck disable=SC2086
		"$NSEARCH" -i union.idx --format tsv -n 40 $opt -- "$query" | cut -f2-6 | LC_ALL=C sort >one.out
		# shellcheck disable=SC2086
		NSEARCH_THREADS=$((1 + n_runs % 2)) "$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --format tsv -n 40 $opt -- "$query" | cut -f2-6 | LC_ALL=C sort >many.out
		n_runs=$((n_runs + 1))
		cmp -s one.out many.out || { n_diff=$((n_diff + 1)); echo "DIFF after update: $query $opt"; diff one.out many.out | head -n 6; }
	done
	threads=2 compare count-after-update -c -- "$query"
done <"$q"
echo "after update: runs: $n_runs, differing: $n_diff"
"$NSEARCH" -i union.idx --stats | grep -E "$stats" >one.out
"$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --stats | grep -E "$stats" | grep -v '^deleted_docs=' >many.out
grep -v '^deleted_docs=' one.out >one.x
cmp -s one.x many.out && echo "stats after update: same"
