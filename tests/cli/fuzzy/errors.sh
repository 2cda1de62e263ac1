# Fuzzy words the language refuses, each with one message naming the
# column: too short for its edits, more than 2 edits, not one word, in
# source: or date:, and one that stands for more than 1000 words (1352
# articles, each one word qqXY or XYqq: all within two edits of qqqq).
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'new ab~2' 'yrok~3' 'yrok~0' 'new-york~' 'source:reuters~' 'date:2026~'; do
	"$NSEARCH" -i "$TMP/s" -c "$q" >/dev/null 2>"$TMP/err"
	echo "$q: exit $? $(error_column "$TMP/err") $(sed 's/^nsearch: query: column [0-9]*: //' "$TMP/err")"
done
awk 'BEGIN { for (i = 0; i < 26; i++) for (j = 0; j < 26; j++) {
	a = substr("abcdefghijklmnopqrstuvwxyz", i + 1, 1); b = substr("abcdefghijklmnopqrstuvwxyz", j + 1, 1)
	printf "{\"id\": \"a%d-%d\", \"body\": \"qq%s%s common\"}\n", i, j, a, b
	printf "{\"id\": \"b%d-%d\", \"body\": \"%s%sqq common\"}\n", i, j, a, b } }' >"$TMP/q.jsonl"
"$NINDEX" -q -i "$TMP/q" "$TMP/q.jsonl" || exit 9
"$NSEARCH" -i "$TMP/q" -c 'common qqqq~2' 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
error_column "$TMP/err"
echo "says 1000: $(yesno grep -q 'more than 1000' "$TMP/err")"
echo "qqqq~: $("$NSEARCH" -i "$TMP/q" -c 'qqqq~')"
exit $st
