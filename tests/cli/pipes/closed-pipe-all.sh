# nsearch ... | head -1: whatever the format, a reader that stops early is
# no error: nothing on stderr, and nsearch's own status is 0.  3000
# articles with long ids and bodies, so every format writes well over a
# pipe buffer (64 KiB) and really hits the closed pipe.
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk 'BEGIN { for (i = 1; i <= 3000; i++) {
	b = "kiwi"
	for (j = 0; j < 40; j++) b = b " word" (i + j) % 97
	printf "{\"id\": \"kiwi-article-with-a-rather-long-identifier-%05d\", \"title\": \"Kiwi report %d\", \"date\": \"2026-02-%02d\", \"body\": \"%s\"}\n", i, i, i % 28 + 1, b
} }' >k.jsonl
"$NINDEX" -q -i k k.jsonl || exit 9
for args in "" "--format tsv" "--format tsv --header" "--format json" "-l" "-0" "--explain" "--format json --explain" "--sort -date -l"; do
	# shellcheck disable=SC2086 # word splitting of args is wanted
	big=$("$NSEARCH" -i k -n 3000 $args kiwi | wc -c)
	# shellcheck disable=SC2086
	{ "$NSEARCH" -i k -n 3000 $args kiwi 2>err; echo $? >st; } | head -c 100 >/dev/null
	echo "${args:-text}: over 64K $([ "$big" -gt 65536 ] && echo yes || echo no), status $(cat st), stderr $(size err)"
done
{ "$NSEARCH" -i k -n 3000 kiwi 2>err; echo $? >st; } | head -n 1 >/dev/null
echo "pipeline first status: $(cat st), stderr $(size err)"
