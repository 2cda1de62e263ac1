# Context: alone, "yrok" becomes the much commoner "yok" (1560 articles
# here: 1500 added to the corpus's 60) rather than "york" (40), though
# two letters swapped is a cheaper slip than one added (the prior is
# tempered, spell.h: 14 times commoner would not do); after "new" it
# becomes "york", as "new york" is in 40 articles and "new yok" in none.
# A word the archive knows is never replaced, even a rare one next to a
# common one ("pending", 2 articles, one edit from "spending", 120).
. tests/cli/lib.sh
{ awk -f tests/cli/spell/corpus.awk &&
	awk 'BEGIN { for (i = 61; i <= 1560; i++)
		printf "{\"id\": \"k%d\", \"body\": \"The word yok.\"}\n", i }'; } >"$TMP/s.jsonl" &&
	"$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'yrok' 'new yrok' 'yrok new' 'flights new yrok' 'pending' 'yok'; do
	out=$("$NSEARCH" -i "$TMP/s" --spell "$q")
	echo "[$q] -> [$out] exit $?"
done
