# RSS 2.0 and Atom: each item is an article; id and url from the link
# (else guid / Atom id), dates from pubDate, dc:date, published, updated;
# content:encoded / xhtml content / escaped HTML description read as HTML;
# an RSS title that only looks like a tag ("<summer>") stays text.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/f" tests/data/web/feeds || exit 9
"$NSEARCH" -i "$TMP/f" --format tsv -n 50 'harbour OR ferry OR lighthouse OR council OR library' |
	cut -f3-6 | rel | LC_ALL=C sort
for id in https://herald.example/news/2024/03/harbour-talks \
	https://herald.example/news/2024/04/ferry-timetable herald-1003 \
	https://gazette.example/2024/05/cycle-lanes 'tag:gazette.example,2024:78'; do
	echo "== $id"
	"$NSEARCH" -i "$TMP/f" --show "$id" | rel
done
