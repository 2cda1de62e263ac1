# Archives repeat common misspellings: a word the archive has in many
# articles may still be a slip of a much commoner one (spell.h).  Of
# 3129 articles, all with "their":
#   recieve    25 articles, receive 600: two letters swapped -> receive
#   teaching   25, reaching 1000: one key off, but of the first letter,
#              which people rarely get wrong -> stays
#   completes  25, completed 1000: one key off, but the same stem (the
#              correction would match the same articles) -> stays
#   thier      40 (over 1% of the articles: known well), their 3129 -> stays
#   causal      3, each "causal inference"; casual 400, never before
#              "inference" (300): alone -> casual, beside its own
#              neighbour "inference" -> stays (after "inference" the
#              phrases tell nothing: "inference causal" is in no article)
# and a query for the repeated slip gets "did you mean" on stderr.
. tests/cli/lib.sh
awk 'function art(text) { printf "{\"id\": \"a%d\", \"body\": \"Their report. %s\"}\n", id++, text }
BEGIN {
	for (i = 0; i < 3000; i++)
		art((i < 600 ? "We receive mail. " : "") (i < 1000 ? "Reaching and completed. " : "") \
		    (i < 400 ? "A casual talk. " : "") (i < 300 ? "Inference rules." : ""));
	for (i = 0; i < 25; i++) art("We recieve mail.");
	for (i = 0; i < 25; i++) art("A teaching post.");
	for (i = 0; i < 25; i++) art("It completes.");
	for (i = 0; i < 40; i++) art("Thier words.");
	for (i = 0; i < 3; i++) art("A causal inference.");
	for (i = 0; i < 11; i++) art("Filler.")
}' >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'recieve' 'recieve mail' 'teaching' 'completes' 'thier' 'causal' 'causal inference' \
	'inference causal'; do
	out=$("$NSEARCH" -i "$TMP/s" --spell "$q")
	echo "[$q] -> [$out] exit $?"
done
echo "== a query for the slip"
"$NSEARCH" -i "$TMP/s" -c 'recieve' 2>&1
exit 0
