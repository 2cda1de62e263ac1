# tests/data/mini-json/news.jsonl: j1, j2, j4 are indexed; line 3 is not
# valid JSON (a comma is missing before "body", column 39) and is reported
# as file:line:column; the file is still read to the end.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cp "$OLDPWD/tests/data/mini-json/news.jsonl" . || exit 9
"$NINDEX" -i j news.jsonl 2>err
st=$?
echo "status: $st"
rel <err | sed -n 's/^nindex: \(news\.jsonl:[0-9:]*\) .*/\1/p'
echo "stderr lines: $(wc -l <err | tr -d ' ')"
"$NSEARCH" -i j --format tsv --any the a | cut -f3 | LC_ALL=C sort
