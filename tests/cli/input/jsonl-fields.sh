# JSON fields: "text" stands for body (j4), the date is shown as its day,
# escapes are decoded ("S\u00e3o Paulo" is São Paulo).
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/j" tests/data/mini-json/news.jsonl || exit 9
tsv "$TMP/j" champion
tsv "$TMP/j" 'são'
