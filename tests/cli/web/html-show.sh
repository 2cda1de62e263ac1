# Web pages: nindex keeps the article (headline, date, site, canonical url,
# paragraphs) and drops the cookie notice, menus, share bar, caption,
# newsletter box, related links, comments and footer; a Latin-1 page is
# converted.  nsearch --show prints each article as stored.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/web/site || exit 9
for id in news/2024/03/harbour-talks.html council-vote.htm cafe-reopens.html; do
	echo "== $id"
	"$NSEARCH" -i "$TMP/w" --show "$id" | rel
done
