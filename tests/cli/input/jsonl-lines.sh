# Line numbers count every line (an empty line 2 is skipped silently), CR LF
# line ends are fine, and a last line without its newline is read.  Line 4
# lacks a comma before "body" (column 11).
. tests/cli/lib.sh
cd "$TMP" || exit 9
printf '{"id":"a","body":"kiwi"}\n\n{"id":"b","body":"mango"}\r\n{"id":"c" "body":"x"}\r\n{"id":"d","body":"papaya"}\r\n{"id":"e","body":"lime"}' >h.jsonl
"$NINDEX" -i i h.jsonl 2>err
st=$?
rel <err | sed -n 's/^nindex: \(h\.jsonl:[0-9:]*\) .*/\1/p'
echo "stderr lines: $(wc -l <err | tr -d ' ')"
"$NSEARCH" -i i --any --format tsv kiwi mango x papaya lime | cut -f3 | LC_ALL=C sort
exit $st
