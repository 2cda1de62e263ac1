# A query that matches nothing, or 10 times fewer articles than its
# correction, gets "did you mean" on stderr in every output format; stdout
# and the exit status are those of the query.  "goverment spending" matches
# t1 only; "government spending" 120 articles.
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for fmt in "--format text" "--format tsv" "--format json" "-l" "-c"; do
	# shellcheck disable=SC2086 # the options split on purpose
	"$NSEARCH" -i "$TMP/s" $fmt -n 1 'goverment spending' >"$TMP/out" 2>"$TMP/err"
	st=$?
	echo "== $fmt: exit $st, stdout lines $(wc -l <"$TMP/out" | tr -d ' '), stdout names t1: $(yesno grep -q t1 "$TMP/out")"
	cat "$TMP/err"
	# shellcheck disable=SC2086
	"$NSEARCH" -i "$TMP/s" $fmt -n 1 'goverment spendng' >"$TMP/out" 2>"$TMP/err"
	echo "nothing: exit $?, stdout: [$(tr -d '\n' <"$TMP/out")]"
	cat "$TMP/err"
done
echo "== well spelled: no line"
"$NSEARCH" -i "$TMP/s" -c 'government spending' 2>&1
echo "== nothing better: no line"
"$NSEARCH" -i "$TMP/s" -c 'zzzzqqq' 2>&1
exit 0
