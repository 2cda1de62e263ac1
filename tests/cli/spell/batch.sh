# --spell without a query reads one query per line: one line out for each
# (empty when nothing is better); exit 0 when any was corrected.
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
printf 'goverment\nyok\nnew yrok\n' | "$NSEARCH" -i "$TMP/s" --spell
echo "exit $?"
printf 'yok\n' | "$NSEARCH" -i "$TMP/s" --spell
echo "exit $?"
"$NSEARCH" -i "$TMP/s" --spell --autocorrect x 2>&1
echo "exit $?"
