# --timeline and --facet say "did you mean" on stderr too, stdout and exit
# status those of the query, and --autocorrect counts the correction when
# the query matches nothing (corpus.awk: "goverment spending" is t1 alone,
# "government spending" 120 articles, none dated).
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for o in "--timeline" "--facet source"; do
	for q in 'goverment spending' 'goverment spendng' 'government spending'; do
		# shellcheck disable=SC2086 # the options split on purpose
		"$NSEARCH" -i "$TMP/s" $o "$q" 2>&1
		echo "== $o [$q]: exit $?"
	done
	# shellcheck disable=SC2086
	"$NSEARCH" -i "$TMP/s" --autocorrect $o 'goverment spendng' 2>&1
	echo "== --autocorrect $o: exit $?"
done
