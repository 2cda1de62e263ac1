# Words only the page's boilerplate holds find nothing; the article's do.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/web/site || exit 9
for q in cookies newsletter facebook comments "related stories" caption idle \
	advertisement "most read" "story-links" "parking spaces" "overtime ban" "zinc bar"; do
	echo "$q: $(count "$TMP/w" "$q")"
done
