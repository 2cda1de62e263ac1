# source: restricts but adds nothing to the score: kiwi's scores are the
# same with and without source:wire (w11 only).
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --format tsv kiwi | grep w11 | cut -f2,3
"$NSEARCH" -i "$TMP/w" --format tsv 'kiwi source:wire' | cut -f2,3
"$NSEARCH" -i "$TMP/w" --format tsv 'source:wire' | cut -f2,3
