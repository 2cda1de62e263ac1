# Parentheses nested more than 100 deep are an error, not a crash.
. tests/cli/lib.sh
q=$(awk 'BEGIN { for (i = 0; i < 101; i++) printf "("; printf "trump"; for (i = 0; i < 101; i++) printf ")" }')
"$NSEARCH" -i "$IDX" "$q" 2>"$TMP/err"
st=$?
one_error nsearch "$TMP/err"
q=$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "("; printf "trump"; for (i = 0; i < 100; i++) printf ")" }')
echo "100 deep: $("$NSEARCH" -i "$IDX" -c "$q" 2>&1)"
exit $st
