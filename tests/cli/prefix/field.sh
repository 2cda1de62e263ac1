# title:negot* looks in titles only: w01 ("Iran Negotiators Meet in
# Geneva"); body:negot* in bodies: w01, w02, w06.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" 'title:negot*'
echo "--"
ids "$TMP/w" 'body:negot*'
