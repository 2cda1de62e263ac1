# Several indexes searched as one (-i A -i B ..., NSEARCH_INDEX=A:B) answer
# byte for byte like one index built from the union of the same articles:
# a synthetic corpus (gen.awk) is split into three JSON Lines shards and a
# directory of text articles, each built alone, and the union built from
# the same sources in the same order; every query of queries.txt is run
# with every output and option (--timeline and --facet too) against both
# and the outputs compared, and articles shown with --show; fuzzy words
# (word~) and --spell take the word forms of every piece.
# Then one shard is updated (articles replaced and removed: deletions) and
# compared with a fresh union of the updated sources: scores and counts
# equal (the order among equal scores may differ, as after any update).
# Stories are kept per index (nsearch(1)): over several indexes nothing is
# collapsed and hits carry no story, so the union's runs are made with
# --collapse=none and its story ids taken out (nostory) before comparing.
# tests/cli/multi/gen.awk makes the articles, queries.txt holds the queries.
. tests/cli/lib.sh
here=tests/cli/multi
q=$REPO/$here/queries.txt
cd "$TMP" || exit 9
awk -v N=900 -v SEED=7 -v PFX=a -f "$REPO/$here/gen.awk" >all.jsonl || exit 9
head -n 300 all.jsonl >s0.jsonl
sed -n 301,650p all.jsonl >s1.jsonl
sed -n 651,900p all.jsonl >s2.jsonl
mkdir -p text/2026 || exit 9
awk -v N=40 -v SEED=11 -v PFX=t -f "$REPO/$here/gen.awk" | awk -F'"' '{
	f = "text/" ($4 ~ /[02468]$/ ? "2026/" : "") $4 ".txt"
	print $8 "\n\n" $12 "\n\n" $24 > f
	close(f)
}' || exit 9
for s in s0 s1 s2; do "$NINDEX" -q -i "$s.idx" "$s.jsonl" || exit 9; done
"$NINDEX" -q -i text.idx text || exit 9
"$NINDEX" -q -i union.idx s0.jsonl s1.jsonl s2.jsonl text || exit 9

n_runs=0
n_diff=0
n_hits=0
# The shards are searched in 3 threads here (fanout.h; this corpus is too
# small for nsearch to choose threads itself), in one below.
threads=3
nostory() {	# FILE: a story id and size as several indexes show them (none)
	sed -e 's/\t[0-9a-f]\{16\}$/\t/' \
		-e 's/"story":"[0-9a-f]\{16\}","story_size":[0-9]*/"story":null,"story_size":0/g' \
		-e '/^    story [0-9a-f]\{16\} (/d' -e '/^      shared terms:/d' \
		-e "/^      it is the story's first article/d" "$1" >"$1.x" && mv "$1.x" "$1"
}
compare() {	# LABEL ARGS...: the same nsearch run on the union and the shards
	_label=$1
	shift
	"$NSEARCH" -i union.idx --collapse=none "$@" >one.out 2>one.err
	_s1=$?
	nostory one.out
	NSEARCH_THREADS=$threads "$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx "$@" >many.out 2>many.err
	_s2=$?
	n_runs=$((n_runs + 1))
	[ -s one.out ] && n_hits=$((n_hits + 1))
	if [ "$_s1" != "$_s2" ] || ! cmp -s one.out many.out || ! cmp -s one.err many.err; then
		n_diff=$((n_diff + 1))
		echo "DIFF $_label: $* (status $_s1 / $_s2)"
		diff one.out many.out | head -n 6
		diff one.err many.err | head -n 4
	fi
}
work() {	# the work counters differ: one segment or four
	grep -v '^work: ' "$1" >"$1.x" && mv "$1.x" "$1"
}
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
compare dates-only -c --since 2024-06-01 --until 2024-06-30
compare similar --format tsv --similar a00042
compare similar-text --format tsv --similar 2026/t00010.txt
compare header --format tsv --header -n 5 -- iran
compare nul -l -0 -- iran
compare color --color=always -n 3 -- iran talks
compare timeline-year --timeline=year -- oil
compare show --show a00042
compare spell --spell minster talsk geneav
compare spell-none --spell iran talks
compare did-you-mean --format tsv minstr
compare autocorrect --autocorrect --format tsv minstr geneav
printf 'irna talsk\nminster\noil\n' >spell.in
"$NSEARCH" -i union.idx --spell <spell.in >one.out
"$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --spell <spell.in >many.out
cmp -s one.out many.out && echo "--spell from standard input: same ($(grep -c . one.out) lines)"
compare show-json --format json --show a00100
compare show-text --show 2026/t00010.txt
compare show-missing --show a99999
compare no-match --format tsv -- zzzz
compare bad-query -- '"oil'
threads=1
while IFS= read -r query; do
	compare tsv-1-thread --format tsv -n 50 -- "$query"
	compare count-1-thread -c -- "$query"
done <"$q"
echo "runs: $n_runs, differing: $n_diff, with output: $((n_hits > n_runs / 2))"

# NSEARCH_INDEX=A:B is the same as -i A -i B.
NSEARCH_INDEX=s0.idx:s1.idx:s2.idx:text.idx "$NSEARCH" --format tsv -n 100 iran >env.out
"$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --format tsv -n 100 iran >many.out
cmp -s env.out many.out && echo "NSEARCH_INDEX=A:B: same"

# nsbench (the bench's timer) too: its --trec runs of every query, on the
# union, the shards as -i ... and as NSEARCH_INDEX.
awk '{ printf "q%d\tc\t%s\n", NR, $0 }' "$q" >bench.tsv
"$NSBENCH" -i union.idx --trec bench.tsv -n 20 >one.out
"$NSBENCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --trec bench.tsv -n 20 >many.out
NSEARCH_INDEX=s0.idx:s1.idx:s2.idx:text.idx "$NSBENCH" --trec bench.tsv -n 20 >env.out
cmp -s one.out many.out && cmp -s one.out env.out && echo "nsbench --trec: same ($(wc -l <one.out) lines)"

# --stats: the statistics that rank are those of the union (dictionary
# entries and byte sizes are per segment, as in any index of segments).
stats='^(docs|words|avg_doc_words|postings|positions|field_postings|dated_docs|first_date|last_date|language|deleted_docs)='
"$NSEARCH" -i union.idx --stats | grep -E "$stats" >one.out
"$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --stats | grep -E "$stats" >many.out
cmp -s one.out many.out && echo "stats: same ($(grep -c . one.out) lines)"
"$NSEARCH" -i s0.idx -i s1.idx -i s2.idx -i text.idx --stats | grep -E '^(pieces|piece|segments)='

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
