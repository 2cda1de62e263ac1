# JSON members: body, text and content are read in that order of
# preference; null counts as absent; a numeric id is taken as written; of
# repeated keys the last wins; other members, nested or not, are ignored.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cat >m.jsonl <<'J'
{"id": "p", "content": "kiwi", "text": "mango", "body": "papaya"}
{"id": "q", "content": "lime", "text": "melon"}
{"id": "r", "body": null, "content": "grape"}
{"id": 17, "body": "cherry"}
{"id": "s", "body": "plum", "body": "peach", "extra": {"body": "fig", "list": [1, "banana", {"x": null}]}}
J
"$NINDEX" -q -i i m.jsonl || exit 9
for w in papaya mango kiwi melon lime grape cherry plum peach fig banana; do
	echo "$w: $(ids i "$w" | tr '\n' ' ')"
done
