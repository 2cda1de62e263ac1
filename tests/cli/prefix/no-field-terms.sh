# A word prefix never expands into source or date terms: reut* and 2026*
# find nothing (reuters is only a source, 2026 only in dates), while
# source:reut* finds the Reuters articles.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
echo "reut*: $(count "$TMP/w" 'reut*')"
echo "2026*: $(count "$TMP/w" '2026*')"
ids "$TMP/w" 'source:reut*'
