# The pages in flight on worker threads are counted against --memory
# (pagepool.h): 64M leaves room for two pages in flight per pool, 24M for
# none (parsed on the main thread), and either way the index holds the
# same articles, with the same messages in the same order, as the default
# budget's run on one thread.
. tests/cli/lib.sh
python3 tests/cli/web/mkpages.py "$TMP/s" || exit 9
python3 tests/cli/web/mkwarc_many.py "$TMP/s/p25.warc.gz" || exit 9
build() {	# build WORKERS INDEX ARGS...
	_w=$1
	_i=$2
	shift 2
	NS_PAGE_WORKERS=$_w "$NINDEX" -i "$_i" --max-article 16M "$@" "$TMP/s" 2>"$_i.err"
	echo "status $?"
	"$NSEARCH" -i "$_i" -l -n 1000 'page* OR tram OR ferry OR record*' >"$_i.ids"
	"$NSEARCH" -i "$_i" --show p03.html.gz >"$_i.show"
}
build 0 "$TMP/one"
for m in 256M 64M 24M; do
	build 2 "$TMP/m$m" --memory "$m"
	cmp "$TMP/one.err" "$TMP/m$m.err" && echo "--memory $m: same messages"
	cmp "$TMP/one.ids" "$TMP/m$m.ids" && echo "--memory $m: same matches: $(wc -l <"$TMP/m$m.ids")"
	cmp "$TMP/one.show" "$TMP/m$m.show" && echo "--memory $m: same article"
done
