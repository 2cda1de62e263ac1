# gzip data on standard input is read too (every input goes through zlib).
. tests/cli/lib.sh
cd "$TMP" || exit 9
gzip -c "$OLDPWD/tests/data/mini-json/news.jsonl" | "$NINDEX" -q -i j - || exit 9
ids j chess
