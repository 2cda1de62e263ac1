# An article with a title and an empty body: two lines, no snippet line.
. tests/cli/lib.sh
cd "$TMP" || exit 9
printf '%s\n' '{"id": "e", "title": "Kiwi Harvest Begins", "body": ""}' >e.jsonl
"$NINDEX" -q -i i e.jsonl || exit 9
"$NSEARCH" -i i kiwi
