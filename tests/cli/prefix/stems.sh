# A prefix matches the stems that start with it: sanction* = sanctions,
# sanctioned, sanction (w03 only); presiden* = president (w04) and
# presidential (w05); the whole word with a star matches the word.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" 'sanction*'
echo "--"
ids "$TMP/w" 'presiden*'
echo "--"
ids "$TMP/w" 'ferry*'
