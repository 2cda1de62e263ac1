# The proximity score is computed only for a document that its bound by
# length can put into the top k (searcher/leaf.c, ns_leaf_prox_doc_ub()).
# 10 articles have "alpha beta" side by side in 55 words; 2,000 have alpha
# and beta 48 words apart in 60 (6,000 more have neither).  Those 2,000
# score below the 10 even with the largest proximity score their lengths
# and tfs allow (one pair of occurrences), though not with the query's
# bound for any document: without the bound by length, every one of them
# has its positions decoded for proximity (2,010 scores).
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk 'function words(n,   s, i) { s = ""; for (i = 0; i < n; i++) s = s " w" (i % 37); return s }
BEGIN {
	for (i = 1; i <= 10; i++)
		printf "{\"id\": \"t%02d\", \"body\": \"%s alpha beta%s\"}\n", i, words(20), words(33)
	for (i = 1; i <= 2000; i++)
		printf "{\"id\": \"r%04d\", \"body\": \"alpha%s beta%s\"}\n", i, words(48), words(10)
	for (i = 1; i <= 6000; i++)
		printf "{\"id\": \"f%04d\", \"body\": \"%s\"}\n", i, words(60)
}' >gen.jsonl
"$NINDEX" -q -i idx gen.jsonl || exit 9
"$NSEARCH" -i idx --debug-counters --format tsv -n 10 -- 'alpha beta' >top 2>err
cut -f3 top | tr '\n' ' '
echo
prox=$(sed -n 's/.* proximity=\([0-9]*\).*/\1/p' err)
echo "proximity scores at most 20: $(yesno test "${prox:-9999}" -le 20)"
# and the 2,000 rank below the 10
"$NSEARCH" -i idx --format tsv -n 12 -- 'alpha beta' | cut -f3 | tr '\n' ' '
echo
