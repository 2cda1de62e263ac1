# A phrase with a fuzzy word in it is a chain of its words (fuzzyplan.h),
# which a NEAR, ADJ, SENTENCE or PARAGRAPH cannot take as an operand: the
# error says so (not "must be words, phrases...": it is a phrase); the
# fuzzy word alone, or in an OR group, is a fine operand.
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in '"new yrok~" NEAR/3 flights' 'flights ADJ/3 "new yrok~"' '"new yrok~" SENTENCE flights' \
	'("new yrok~" OR saudi) PARAGRAPH flights' 'yrok~ NEAR/3 flights' '(yrok~ OR saudi) SENTENCE flights'; do
	"$NSEARCH" -i "$TMP/s" -c "$q" 2>&1
	echo "[$q] exit $?"
done
