# Context: alone, "yrok" becomes the commoner "yok" (60 articles) rather
# than "york" (40); after "new" it becomes "york", as "new york" is in 40
# articles and "new yok" in none.  A word the archive knows is never
# replaced, even a rare one next to a common one ("pending", 2 articles,
# one edit from "spending", 120).
. tests/cli/lib.sh
awk -f tests/cli/spell/corpus.awk >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'yrok' 'new yrok' 'yrok new' 'flights new yrok' 'pending' 'yok'; do
	out=$("$NSEARCH" -i "$TMP/s" --spell "$q")
	echo "[$q] -> [$out] exit $?"
done
