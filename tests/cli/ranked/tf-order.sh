# ash: flights-cancelled.txt says it twice ("Ash Cloud" in the title, "the
# ash cloud" in the body), volcano.txt once in a longer text: BM25 ranks
# flights-cancelled.txt first.
. tests/cli/lib.sh
tsv "$MINI" ash | cut -f1,2
