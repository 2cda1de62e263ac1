# --timeline and --facet count the query a search runs: with --expand, the
# query widened by RM3 (with --any its added words widen the matches too).
# "putin" is in 003 alone; expanded with --any it reaches all four seed
# articles, and -c, --timeline and --facet year must all count four.
. tests/cli/lib.sh
c=$("$NSEARCH" -i "$IDX" -c --any putin)
ce=$("$NSEARCH" -i "$IDX" -c --any --expand putin)
te=$("$NSEARCH" -i "$IDX" --timeline=year --format tsv --any --expand putin | awk -F'\t' '{ s += $2 } END { print s }')
fe=$("$NSEARCH" -i "$IDX" --facet year --format tsv --any --expand putin | awk -F'\t' '{ s += $2 } END { print s }')
echo "-c: $c, expanded: -c $ce, --timeline $te, --facet year $fe"
