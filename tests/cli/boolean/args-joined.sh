# Query words given as separate arguments are joined with spaces: the same
# as the quoted query.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --format tsv '(putin' OR 'geneva)' AND trump NOT lago | cut -f3 | LC_ALL=C sort
