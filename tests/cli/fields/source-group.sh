# A group under source: puts each of its words and phrases in the source:
# The Guardian (w08), Gulf Times (w09).  An inner field wins.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
ids "$TMP/w" 'source:(guardian OR "gulf times")'
echo "--"
ids "$TMP/w" 'source:(reuters title:sanctions)'
