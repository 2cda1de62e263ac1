# --offset N skips the N first matches: pages of -n 2 are slices of the
# whole list, and their ranks go on counting.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/wire/news.jsonl || exit 9
"$NSEARCH" -i "$TMP/w" --format tsv -n 100 'date:..' | cut -f1,3 >"$TMP/all"
for off in 0 2 4 6 8 10; do
	"$NSEARCH" -i "$TMP/w" --format tsv -n 2 --offset $off 'date:..' | cut -f1,3
done >"$TMP/pages"
echo "same: $(yesno cmp -s "$TMP/all" "$TMP/pages")"
"$NSEARCH" -i "$TMP/w" --format tsv -n 2 --offset 2 'date:..' | cut -f1
"$NSEARCH" -i "$TMP/w" -c --offset 2 'date:..'
"$NSEARCH" -i "$TMP/w" --offset x kiwi 2>/dev/null
echo "bad offset: $?"
