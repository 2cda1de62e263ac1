# -l prints the ids alone, best first; -n and --offset page through them.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" -l 'negotiat*'
echo "--"
"$NSEARCH" -i "$TMP/w" -l -n 1 --offset 1 'negotiat*'
echo "--"
"$NSEARCH" -i "$TMP/w" -l --offset 5 'negotiat*'
echo "status $?"
