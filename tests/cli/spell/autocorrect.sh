# --autocorrect: a query that matches nothing runs corrected, and says so
# on stderr; one that matches runs as typed (and may still get "did you
# mean").
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
"$NSEARCH" -i "$TMP/s" --autocorrect -c 'goverment spendng' 2>&1
echo "exit $?"
"$NSEARCH" -i "$TMP/s" --autocorrect -l 'new yrok' 2>&1 | sort | head -n 2
"$NSEARCH" -i "$TMP/s" --autocorrect -c 'goverment spending' 2>&1
echo "exit $?"
"$NSEARCH" -i "$TMP/s" --autocorrect -c 'zzzzqqq' 2>&1
echo "exit $?"
