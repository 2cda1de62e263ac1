# A damaged story map: nindex --check names it, nsearch refuses with one
# message (exit 2), and the next update rebuilds nothing it cannot: it
# says to rebuild (--full), which restores a sound index.
. tests/cli/lib.sh
cp -R "$IDX" "$TMP/i" || exit 9
f=$(cd "$TMP/i" && only stories-*) || exit 9
echo "map file: $(echo "$f" | sed 's/[0-9]*$/G/')"
flip "$TMP/i/$f" 40
"$NINDEX" --check -i "$TMP/i" 2>"$TMP/e"; echo "check: $?"
grep -c "stories-" "$TMP/e"
"$NSEARCH" -i "$TMP/i" iran >/dev/null 2>"$TMP/e"; echo "search: $?"
one_error nsearch "$TMP/e"
"$NINDEX" -q -i "$TMP/i" 2>"$TMP/e"; echo "update: $?"
grep -c -- "--full" "$TMP/e"
"$NINDEX" -q --full -i "$TMP/i"; echo "full: $?"
"$NINDEX" --check -i "$TMP/i"; echo "check: $?"
"$NSEARCH" -i "$TMP/i" -c --collapse=story iran
rm "$TMP/i/$(cd "$TMP/i" && only stories-*)"
"$NSEARCH" -i "$TMP/i" iran >/dev/null 2>"$TMP/e"; echo "missing: $?"
grep -c missing "$TMP/e"
