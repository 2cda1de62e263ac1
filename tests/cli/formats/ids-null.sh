# -0 ends every id with a NUL byte (and implies -l), for xargs -0.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" -0 'negotiat*' | od -An -c | tr -s ' '
"$NSEARCH" -i "$TMP/w" -l -0 'negotiat*' | xargs -0 printf '<%s>\n'
