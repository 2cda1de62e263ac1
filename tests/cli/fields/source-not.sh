# Excluding a source: the Reuters articles that mention neither... all
# articles about negotiations except Reuters'.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" 'negotiat* -source:reuters'
