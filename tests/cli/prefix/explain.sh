# --explain lists the terms a prefix stood for that the article has.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --explain 'sanction*' | sed -n 's/^      [0-9.]*  //p'
