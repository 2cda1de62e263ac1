# Output to a pipe or file carries no ANSI escapes (four articles say "trump": two
# stories, 000-002 and 003, so two hits).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" trump >"$TMP/o"
st=$?
echo "hits: $(grep -c '^ *[0-9][0-9]*\. ' "$TMP/o")"
echo "escapes: $(tr -dc '\033' <"$TMP/o" | wc -c | tr -d ' ')"
exit $st
