# negotiat* finds negotiate, negotiating, negotiations, negotiators and
# negotiator (w01, w02, w06), although their stem is negoti, shorter than
# the prefix (the stem of "negotiate"); in corpus/ three articles say
# "negotiations".
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" 'negotiat*'
echo "--"
ids "$IDX" 'negotiat*'
echo "--"
echo "each word: $(count "$TMP/w" negotiate) $(count "$TMP/w" negotiating) $(count "$TMP/w" negotiations) $(count "$TMP/w" negotiator)"
