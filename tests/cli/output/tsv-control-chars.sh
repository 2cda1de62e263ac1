# Tabs and newlines inside fields become spaces: still seven fields a line
# (the last the story).
. tests/cli/lib.sh
cd "$TMP" || exit 9
printf '%s\n' '{"id": "c\tid", "title": "Tabs\there and\na newline", "body": "kiwi", "url": "http://x/\ty"}' >c.jsonl
"$NINDEX" -q -i c c.jsonl || exit 9
"$NSEARCH" -i c --format tsv kiwi >o
st=$?
awk -F '\t' '{ print NF }' o
cut -f3-6 o
exit $st
