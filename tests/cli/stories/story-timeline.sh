# --story lists a story's articles oldest first (dated first, then by
# index order): by an article's id or by the story id; an unknown id
# finds nothing (exit 1).
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --story 001_b25f0445ea50a163.txt | sed 's/^story [0-9a-f]\{16\}:/story ID:/'
echo "status $?"
sid=$("$NSEARCH" -i "$IDX" --format tsv iran | awk -F '\t' '$3 ~ /^003/ { print $7 }')
"$NSEARCH" -i "$IDX" --story "$sid" | sed 's/^story [0-9a-f]\{16\}:/story ID:/'
"$NSEARCH" -i "$IDX" --story 000_cb9e7fc10d88d411.txt --format tsv | cut -f1,3
"$NSEARCH" -i "$IDX" --story nosuch 2>"$TMP/e"; echo "unknown: $?"
one_error nsearch "$TMP/e"
"$NSEARCH" -i "$IDX" --story 001_b25f0445ea50a163.txt iran 2>/dev/null; echo "with a query: $?"
