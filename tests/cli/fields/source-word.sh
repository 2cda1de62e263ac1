# source:reuters matches the articles whose source has the word reuters
# (w01, w03, w06, w10 in tests/data/wire); the plain word reuters matches
# none, since no title or body says it: field terms never match words.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" source:reuters
echo "plain word: $(count "$TMP/w" reuters)"
ids "$TMP/w" source:Reuters >/dev/null
echo "folded: $?"
