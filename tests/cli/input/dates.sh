# Date forms of JSON articles, shown as the day (UTC): ISO day, ISO time
# with Z, RFC 2822, English forms; a date in no known form is reported at
# file:line and kept as written.
. tests/cli/lib.sh
cd "$TMP" || exit 9
cat >d.jsonl <<'J'
{"id": "d1", "body": "kiwi", "date": "2026-02-16"}
{"id": "d2", "body": "kiwi", "date": "2026-02-16T15:01:01Z"}
{"id": "d3", "body": "kiwi", "date": "Mon, 16 Feb 2026 15:01:01 +0000"}
{"id": "d4", "body": "kiwi", "date": "February 16th, 2026"}
{"id": "d5", "body": "kiwi", "date": "16 February 2026"}
{"id": "d6", "body": "kiwi", "date": "yesterday"}
J
"$NINDEX" -i i d.jsonl 2>err
st=$?
rel <err | sed -n 's/^nindex: \(d\.jsonl:[0-9]*\): .*/\1/p'
"$NSEARCH" -i i --format tsv kiwi | cut -f3,4 | LC_ALL=C sort
exit $st
