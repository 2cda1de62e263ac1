# The counts get the matches in batches (match.h): a lone term's postings
# blocks as decoded, any other query's matches gathered from the walk.
# Both give python's counts: a segment with deleted articles (its blocks
# hold them: there the matches are gathered, in the other segment taken
# as blocks), conjunctions over many batches (also walked block-max
# style, conj.h: a phrase, an AND with a negation), and -c's total.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/gen.py" src 9 3000 || exit 9
python3 "$REPO/tests/cli/counts/gen.py" src 11 300 c.jsonl || exit 9
"$NINDEX" -q -i idx src || exit 9
python3 "$REPO/tests/cli/counts/gen.py" src 10 1500 b.jsonl || exit 9
"$NINDEX" -q -i idx src || exit 9
rm src/c.jsonl
"$NINDEX" -q -i idx src || exit 9
cat src/a.jsonl src/b.jsonl >all.jsonl
echo "$("$NSEARCH" -i idx --stats | grep -o -e 'segments=[0-9]*' -e 'deleted_docs=[0-9]*' | tr '\n' ' ')"
for q in iran "iran storm" "oil vote court" comet '"iran oil"' "iran storm NOT vote"; do
	for u in day month; do
		"$NSEARCH" -i idx --timeline=$u "$q" >got
		python3 "$REPO/tests/cli/counts/expect.py" all.jsonl "$q" $u >want
		echo "$q --timeline=$u: $(wc -l <got | tr -d ' ') lines, as computed: $(yesno cmp -s got want)"
	done
	for f in source year; do
		"$NSEARCH" -i idx --facet $f "$q" | awk -F'\t' -v f=$f '{ if (f == "source" && $1 != "(none)") $1 = tolower($1); print $1 "\t" $2 }' |
			sort -t "$(printf '\t')" -k2,2nr -k1,1 >got
		python3 "$REPO/tests/cli/counts/expect.py" all.jsonl "$q" facet-$f | sort -t "$(printf '\t')" -k2,2nr -k1,1 >want
		echo "$q --facet $f: $(wc -l <got | tr -d ' ') rows, as computed: $(yesno cmp -s got want)"
	done
	sum=$("$NSEARCH" -i idx --timeline=year "$q" | awk -F'\t' '{ s += $2 } END { print s }')
	echo "$q: the timeline adds up to -c: $(yesno test "$sum" = "$("$NSEARCH" -i idx -c "$q")")"
done
