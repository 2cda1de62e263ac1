# Exit status: 0 when something matched (whatever -n or --offset print),
# 1 when nothing did, 2 on errors; documented in nsearch(1).
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" -n 0 kiwi; echo "-n 0: $?"
"$NSEARCH" -i "$TMP/w" -l --offset 50 kiwi; echo "offset past the end: $?"
"$NSEARCH" -i "$TMP/w" --format json nonexistentword; echo "no match: $?"
"$NSEARCH" -i "$TMP/w" -c nonexistentword; echo "count 0: $?"
"$NSEARCH" -i "$TMP/w" 'kiwi (' 2>/dev/null; echo "syntax: $?"
"$NSEARCH" -i "$TMP/w" --format yaml kiwi 2>/dev/null; echo "usage: $?"
