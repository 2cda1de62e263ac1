# The same file gzipped (made here, not committed) reads the same, the bad
# line included.
. tests/cli/lib.sh
cd "$TMP" || exit 9
gzip -c "$OLDPWD/tests/data/mini-json/news.jsonl" >news.jsonl.gz || exit 9
"$NINDEX" -i j news.jsonl.gz 2>err
st=$?
rel <err | sed -n 's/^nindex: \(news\.jsonl\.gz:[0-9:]*\) .*/\1/p'
"$NSEARCH" -i j --format tsv --any snow metro chess | cut -f3-6 | rel | LC_ALL=C sort
exit $st
