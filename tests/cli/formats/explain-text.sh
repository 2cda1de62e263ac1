# --explain in text: the query as parsed, then under each hit its score
# as a sum of BM25 weights (tf, idf, df) with dl and the length norm,
# restrictions marked, and at the end the work the search did.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --explain -n 1 'negotiat* geneva source:reuters'
