# A web page's paragraphs are paragraphs of the index: PARAGRAPH and
# SENTENCE see the page's blocks, so words of two paragraphs do not match.
. tests/cli/lib.sh
"$NINDEX" -q -i "$TMP/w" tests/data/web/site || exit 9
for q in 'union PARAGRAPH overtime' 'negotiators PARAGRAPH overtime' \
	'councillors SENTENCE lanes' 'parking PARAGRAPH summer' 'parking PARAGRAPH library'; do
	echo "$q: $(count "$TMP/w" "$q")"
done
