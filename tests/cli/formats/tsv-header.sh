# --header adds one line naming the six tsv columns; without it there is
# none.  --header with another format is a usage error.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --format tsv --header -n 2 'negotiat*' | cut -f1,3-5
echo "--"
"$NSEARCH" -i "$TMP/w" --format tsv -n 1 'negotiat*' | cut -f1,3
"$NSEARCH" -i "$TMP/w" --header kiwi >"$TMP/o" 2>"$TMP/err"
echo "text --header: status $?, stdout $(size "$TMP/o")"
one_error nsearch "$TMP/err"
