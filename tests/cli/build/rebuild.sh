# Running nindex again on the same sources with nothing changed reads
# nothing: the same answers, the same segment, no *.tmp left over (a stray
# one is removed), generation 2 (every run publishes, so --stats shows the
# last run).
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -q -i i "$OLDPWD/corpus" || exit 9
for q in trump 'airspace NEAR/9 saudi' '"mar a lago"' 'geneva NOT lago'; do
	"$NSEARCH" -i i --format tsv "$q"
done >before
old=$(ls i | grep '^seg-' | sed 's/\..*//' | sort -u)
: >i/MANIFEST.tmp
: >i/seg-00000099.nsp.tmp
"$NINDEX" -q -i i "$OLDPWD/corpus"
st=$?
for q in trump 'airspace NEAR/9 saudi' '"mar a lago"' 'geneva NOT lago'; do
	"$NSEARCH" -i i --format tsv "$q"
done >after
echo "same results: $(yesno cmp -s before after)"
ls i | sed 's/^seg-[0-9]*\./seg-N./'
new=$(ls i | grep '^seg-' | sed 's/\..*//' | sort -u)
echo "one segment id: $(echo "$new" | wc -l | tr -d ' ')"
echo "same segment: $(yesno test "$old" = "$new")"
"$NSEARCH" -i i --stats | grep -E '^(docs|segments|generation)='
exit $st
