# tsv of the JSON articles: id, date (ISO day), title, then the url or else
# the file the article came from.  The query picks one word of each.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/j" tests/data/mini-json/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/j" --format tsv --any snow metro chess | cut -f3-6 | rel | LC_ALL=C sort
