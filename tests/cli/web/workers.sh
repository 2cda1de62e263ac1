# Web pages and WARC records parsed on worker threads give the index, the
# messages and their order of a run on one thread (NS_PAGE_WORKERS=0):
# pages of very different sizes (finished out of order), gzip ones, one too
# big to read ahead, files reported as binary, empty or damaged between
# them, text, JSON Lines and WARC files (one cut short in its gzip data:
# the records still in flight are handed out before the gzip error); with a small article size limit too
# (pages cut, reported in their place); then an update that changes and
# adds pages (the damaged files are read and reported again, the binary
# one is unchanged: not again, however slow the machine; see
# update/skipped-files).
. tests/cli/lib.sh
python3 tests/cli/web/mkpages.py "$TMP/s" || exit 9
python3 tests/cli/web/mkwarc_many.py "$TMP/s/p25.warc" || exit 9
python3 tests/cli/web/mkwarc_many.py "$TMP/s/p26.warc.gz" || exit 9
# written an hour ago: no file is "racy" (changed just before a run, so
# read again by the next) for one run and not the other, whatever the
# runs' timing
find "$TMP/s" -type f -exec touch -d '1 hour ago' {} +
build() {	# build WORKERS INDEX ARGS...
	_w=$1
	_i=$2
	shift 2
	NS_PAGE_WORKERS=$_w "$NINDEX" -i "$_i" "$@" "$TMP/s" 2>"$_i.err"
	echo "status $?"
}
same() {	# same INDEX0 INDEX2: the same messages, segments and matches
	cmp "$1.err" "$2.err" && echo "same messages"
	for f in "$1"/seg-*; do
		cmp "$f" "$2/${f##*/}" || echo "segment ${f##*/} differs"
	done
	"$NSEARCH" -i "$1" -l -n 1000 'page* OR tram OR ferry OR record*' >"$1.ids"
	"$NSEARCH" -i "$2" -l -n 1000 'page* OR tram OR ferry OR record*' >"$2.ids"
	cmp "$1.ids" "$2.ids" && echo "same matches: $(wc -l <"$1.ids")"
}
echo "== whole"
build 0 "$TMP/a0"
build 2 "$TMP/a2"
rel <"$TMP/a2.err"
same "$TMP/a0" "$TMP/a2"
"$NSEARCH" -i "$TMP/a2" --show p03.html.gz | head -4 | rel
echo "== --max-article 1M"
build 0 "$TMP/b0" --max-article 1M
build 2 "$TMP/b2" --max-article 1M
rel <"$TMP/b2.err" | grep "cut\|limit"
same "$TMP/b0" "$TMP/b2"
echo "== update"
sleep 1
python3 - "$TMP/s" <<'PY'
import sys
d = sys.argv[1]
for n in ("p01.html", "p09.html"):
    s = open(f"{d}/{n}").read()
    open(f"{d}/{n}", "w").write(s.replace("</article>", "<p>An added paragraph on the tram.</p></article>"))
open(f"{d}/p41.html", "w").write(open(f"{d}/p02.html").read().replace("Page2", "Page41"))
PY
build 0 "$TMP/a0"
build 2 "$TMP/a2"
rel <"$TMP/a2.err"
same "$TMP/a0" "$TMP/a2"
