# Text format: " 1. title", then the id (no date in this article), then an
# indented snippet holding the query word.
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" eviction >"$TMP/o"
st=$?
sed -n '1,2p' "$TMP/o"
echo "lines: $(wc -l <"$TMP/o" | tr -d ' ')"
echo "snippet has the word: $(sed -n 3p "$TMP/o" | grep -c '^    .*eviction in court')"
exit $st
