# SENTENCE and PARAGRAPH are operators to --spell as to the query
# language: never corrected (no article has "paragraph", 30 have
# "paragraphs"), and a word typed in capitals is not corrected into one
# ("SENTENCEE" is "sentence", 30 articles, written Sentence: in capitals
# it would be the operator).
. tests/cli/lib.sh
awk 'BEGIN {
	for (i = 0; i < 30; i++) printf "{\"id\": \"p%d\", \"body\": \"The paragraphs of the government spending report.\"}\n", i
	for (i = 0; i < 30; i++) printf "{\"id\": \"s%d\", \"body\": \"One sentence.\"}\n", i
	print "{\"id\": \"t1\", \"body\": \"The goverment spending typo.\"}"
}' >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'goverment PARAGRAPH spending' 'goverment SENTENCE spending' 'SENTENCEE' 'SENTENCEE spending'; do
	out=$("$NSEARCH" -i "$TMP/s" --spell "$q")
	echo "[$q] -> [$out] exit $?"
done
