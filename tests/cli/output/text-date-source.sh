# A JSON article with a date and a source: "id  date  source" on line 2.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp "$OLDPWD/tests/data/mini-json/news.jsonl" . || exit 9
"$NINDEX" -q -i j news.jsonl || exit 9
"$NSEARCH" -i j snowstorm | sed -n '1,2p'
