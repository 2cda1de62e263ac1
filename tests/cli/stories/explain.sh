# --explain says why an article is in its story: 003 is alone; 001 is
# similar enough to its story, with the shared terms that decided; a copy
# of 000 under a new headline is an exact copy.
. tests/cli/lib.sh
"$NSEARCH" -i "$IDX" --explain iran | grep -E '^    story |shared terms' |
	sed 's/story [0-9a-f]\{16\}/story ID/; s/similarity [0-9.]*/similarity S/; s/needs [0-9.]*/needs T/; s/shared terms:.*/shared terms: .../'
"$NSEARCH" -i "$IDX" --explain iran | grep -E 'shared terms' | grep -c 'iran'
mkdir "$TMP/src" && cp corpus/*.txt "$TMP/src/" || exit 9
{ echo "Netanyahu Got a Green Light, Sources Say"; tail -n +2 corpus/000_cb9e7fc10d88d411.txt; } \
	>"$TMP/src/copy.txt"
"$NINDEX" -q -i "$TMP/c" "$TMP/src" || exit 9
"$NSEARCH" -i "$TMP/c" --explain --collapse=none 'title:green' | grep '^    story' | sed 's/story [0-9a-f]\{16\}/story ID/'
