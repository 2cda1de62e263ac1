# Equal scores rank by index order (lower docid first): t2 was indexed
# before t1, whatever their names.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cat >bm.jsonl <<'J'
{"id": "a", "body": "apple banana"}
{"id": "t2", "body": "kiwi lemon"}
{"id": "t1", "body": "kiwi lemon"}
J
"$NINDEX" -q -i bm bm.jsonl || exit 9
"$NSEARCH" -i bm --format tsv kiwi | cut -f1,3
