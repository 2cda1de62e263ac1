# Several indexes searched as one (-i A -i B ..., NSEARCH_INDEX=A:B) answer
# byte for byte like one index built from the union of the same articles
# (shards.lib builds both).  Here: single queries (--similar, --show,
# fuzzy words and --spell, which take the word forms of every piece), the
# shards searched in one thread, NSEARCH_INDEX=A:B, nsbench and --stats.
. tests/cli/lib.sh
. "$REPO/tests/cli/multi/shards.lib"
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

