# The nearest form may be a misspelling the archive holds (spell.h): of
#   betwen   3 articles, between 200 (a double written single)
#   algorthm 2, algorithm 150 (a vowel left out)
#   bunker   5, banker 150 (a vowel for another: the speller leaves
#            bunker alone when it is typed)
# "beetwen" is nearest to betwen and "algorrthm" to algorthm (a double
# each, cheaper than the two edits to the right words), and the speller
# would correct either if it were typed, so the answers are between and
# algorithm; "bunkker" is nearest to bunker, which it leaves alone, so
# bunker it is.  The case of the typed word is kept.  NSEARCH_SPELL_DEBUG
# shows the candidates and the second look on stderr.
. tests/cli/lib.sh
awk 'function art(n, text) { for (i = 0; i < n; i++) printf "{\"id\": \"a%d\", \"body\": \"%s\"}\n", id++, text }
BEGIN {
	art(3, "Betwen us."); art(200, "Between us."); art(2, "An algorthm."); art(150, "An algorithm.");
	art(5, "A bunker."); art(150, "A banker.")
}' >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'beetwen' 'betwen' 'Beetwen us' 'algorrthm' 'bunkker'; do
	out=$("$NSEARCH" -i "$TMP/s" --spell "$q")
	echo "[$q] -> [$out] exit $?"
done
echo "== NSEARCH_SPELL_DEBUG"
NSEARCH_SPELL_DEBUG=1 "$NSEARCH" -i "$TMP/s" --spell beetwen 2>&1 | sed 's/-\{0,1\}[0-9]*\.[0-9]*)/S)/g'
exit 0
