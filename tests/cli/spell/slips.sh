# The error model (searcher/errmodel.h): of two candidates one edit away,
# the one a common slip explains wins over a commoner one --
#   mertal:  mortal (4 articles; a vowel for another) over mental (20;
#            an r for an n)
#   totaly:  totally (3; a double written single) over total (30; a y
#            added at the end)
#   tuneling: tunnelling (3; two doubles written single, 2 edits but
#            cheap ones) over tunelink (2; one plain edit), a long word
#   enviroment: environment (5; an n left out of a cluster), the only one
# and a form seen once next to a common one is taken for a slip of it
# (greif, 1 article; grief, 20).
. tests/cli/lib.sh
awk 'function art(n, text) { for (i = 0; i < n; i++) printf "{\"id\": \"a%d\", \"body\": \"%s\"}\n", id++, text }
BEGIN {
	art(4, "A mortal blow."); art(20, "A mental note."); art(3, "Totally new.");
	art(30, "The total sum."); art(3, "Tunnelling."); art(2, "Tunelink.");
	art(5, "The environment."); art(1, "In greif."); art(20, "In grief.")
}' >"$TMP/s.jsonl" && "$NINDEX" -q -i "$TMP/s" "$TMP/s.jsonl" || exit 9
for q in 'mertal' 'totaly' 'tuneling' 'enviroment' 'greif' 'Mertal blow' 'grief'; do
	out=$("$NSEARCH" -i "$TMP/s" --spell "$q")
	echo "[$q] -> [$out] exit $?"
done
