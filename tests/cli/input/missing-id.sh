# A JSON line without an id gets "<file id>:<line>".
. tests/cli/lib.sh
cd "$TMP" || exit 9
printf '%s\n' '{"id": "a", "body": "kiwi"}' '{"title": "No Id", "body": "kiwi mango"}' >n.jsonl
"$NINDEX" -q -i i n.jsonl || exit 9
ids i mango
