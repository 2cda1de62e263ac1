# An id that repeats an earlier one is reported at file:line and skipped:
# the first article with the id stays.
. tests/cli/lib.sh
cd "$TMP" || exit 9
printf '%s\n' '{"id": "x", "body": "first kiwi"}' '{"id": "y", "body": "other"}' \
	'{"id": "x", "body": "second mango"}' >d.jsonl
"$NINDEX" -i i d.jsonl 2>err
st=$?
rel <err | sed -n 's/^nindex: \(d\.jsonl:[0-9]*\): .*/\1/p'
echo "kiwi: $("$NSEARCH" -i i -c kiwi)"
echo "mango: $("$NSEARCH" -i i -c mango)"
exit $st
