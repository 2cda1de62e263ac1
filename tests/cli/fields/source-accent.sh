# Source words are folded like any word (É = e) but not stemmed: w11's
# source is "Wire Édition"; "editions" is not "edition".
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" source:edition
ids "$TMP/w" source:ÉDITION
echo "stemmed: $(count "$TMP/w" source:editions)"
