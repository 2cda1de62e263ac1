# A date restriction AND-ed with words, and negated.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" 'negotiat* date:2026'
echo "--"
ids "$TMP/w" 'negotiat* -date:2026'
echo "--"
ids "$TMP/w" 'title:(talks OR sanctions) date:2026-01..2026-02'
echo "--"
# geneva (w01, the first article) is rarer than the range: the range is
# checked by date, on docid 0 too.
ids "$TMP/w" 'geneva date:..'
"$NSEARCH" -i "$TMP/w" --format tsv 'geneva date:..' | cut -f2
