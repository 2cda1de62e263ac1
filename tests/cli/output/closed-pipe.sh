# A reader that stops early (| head -n 1) is no error: exit 0, no message.
# 400 hits of ~300 bytes each overflow the pipe buffer, so nsearch does
# write into the closed pipe (--collapse=none: these near-alike reports
# would fold into a few stories).
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk 'BEGIN { for (i = 1; i <= 400; i++) {
	b = "kiwi"
	for (j = 0; j < 60; j++) b = b " word" (i + j) % 97
	printf "{\"id\": \"k%d\", \"title\": \"Kiwi report %d\", \"body\": \"%s\"}\n", i, i, b
} }' >k.jsonl
"$NINDEX" -q -i k k.jsonl || exit 9
"$NSEARCH" -i k -n 1000 --collapse=none kiwi | wc -c | awk '{ print "bytes over 64K: " ($1 > 65536 ? "yes" : "no") }'
{ "$NSEARCH" -i k -n 1000 --collapse=none kiwi 2>err; echo $? >st; } | head -n 1 >/dev/null
echo "status: $(cat st)"
echo "stderr bytes: $(size err)"
{ "$NSEARCH" -i k -n 1000 --format tsv kiwi 2>err; echo $? >st; } | head -n 1 >/dev/null
echo "tsv status: $(cat st)"
echo "tsv stderr bytes: $(size err)"
