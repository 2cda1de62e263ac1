# A snippet that reaches the end of the article must not end with "…"
# ("…" marks text that was cut).  The snippet for "eviction" runs to the
# last words of cafe-eviction.txt, "to keep it open."; only the final
# newline is left after them.
. tests/cli/lib.sh
"$NSEARCH" -i "$MINI" eviction >"$TMP/o"
st=$?
echo "last word: $(sed -n '3s/.* //p' "$TMP/o")"
exit $st
