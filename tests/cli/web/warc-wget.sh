# A WARC written by wget --warc-file while it fetched the test pages from a
# local python3 -m http.server: each page is one article, its id the URL;
# the request, warcinfo, metadata and log records are skipped.
. tests/cli/lib.sh
command -v wget >/dev/null || { echo "wget missing (make deps)"; exit 9; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory tests/data/web/site "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
i=0
until wget -q -O /dev/null "http://127.0.0.1:$port/council-vote.htm" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || { echo "http.server did not start"; exit 9; }
	sleep 0.1
done
mkdir -p "$TMP/w"
wget -q --no-warc-keep-log --warc-file="$TMP/w/crawl" -O /dev/null \
	"http://127.0.0.1:$port/news/2024/03/harbour-talks.html" \
	"http://127.0.0.1:$port/council-vote.htm" \
	"http://127.0.0.1:$port/cafe-reopens.html" \
	"http://127.0.0.1:$port/no-such-page.html" 2>/dev/null
kill $server
ls "$TMP/w"
"$NINDEX" -i "$TMP/i" "$TMP/w" || exit 9
"$NSEARCH" -i "$TMP/i" --format tsv -n 50 --since 1990 | cut -f3-5 | sed "s/:$port/:PORT/" |
	LC_ALL=C sort
"$NSEARCH" -i "$TMP/i" --show "http://127.0.0.1:$port/council-vote.htm" | sed -e "s/:$port/:PORT/" | rel
