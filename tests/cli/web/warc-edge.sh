# Hand-made WARC records (tests/cli/web/mkwarc.py), plain and one gzip
# member per record: pages behind chunked, gzip and deflate codings and a
# Latin-1 charset given only in the HTTP header become articles (id = the
# target URI, date = the page's, else WARC-Date); request, warcinfo and
# metadata records, a PNG, a 404 and a redirect are skipped; the last
# record, cut short, is reported as file:offset and the rest indexed.
. tests/cli/lib.sh
for f in edge.warc edge.warc.gz; do
	echo "== $f"
	mkdir -p "$TMP/$f.d"
	python3 tests/cli/web/mkwarc.py "$TMP/$f.d/$f" || exit 9
	"$NINDEX" -i "$TMP/$f.i" "$TMP/$f.d" 2>"$TMP/err"
	echo "status $?"
	rel <"$TMP/err"
	"$NSEARCH" -i "$TMP/$f.i" --format tsv -n 50 --since 1990 | cut -f3-5 | LC_ALL=C sort
done
"$NSEARCH" -i "$TMP/edge.warc.i" --show https://e.example/latin1 | rel
