# An id that repeats an earlier one replaces it: the newest copy wins,
# silently (an update of an article is normal in a feed), and results never
# show two versions of one article.
. tests/cli/lib.sh
cd "$TMP" || exit 9
printf '%s\n' '{"id": "x", "body": "first kiwi"}' '{"id": "y", "body": "other"}' \
	'{"id": "x", "body": "second mango"}' >d.jsonl
"$NINDEX" -i i d.jsonl 2>err
st=$?
echo "stderr lines: $(wc -l <err | tr -d ' ')"
echo "kiwi: $("$NSEARCH" -i i -c kiwi)"
echo "mango: $("$NSEARCH" -i i -c mango)"
"$NSEARCH" -i i --stats | grep '^docs='
exit $st
