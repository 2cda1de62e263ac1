# Dates from the doc table and from the date terms in one count: nova is in
# 6 articles of a 20000-article segment (its dates are cheaper from the one
# doc-table chunk that holds them) and in all of a 2000-article segment
# (cheaper from the date terms).  Counts equal python's, as in exact.sh.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/gen.py" src 11 20000 a.jsonl 6 || exit 9
"$NINDEX" -q -i idx src || exit 9
python3 "$REPO/tests/cli/counts/gen.py" src 12 2000 b.jsonl all || exit 9
"$NINDEX" -q -i idx src || exit 9
cat src/a.jsonl src/b.jsonl >all.jsonl
echo "$("$NSEARCH" -i idx --stats | grep -o 'segments=[0-9]*')"
for w in nova comet; do
	for u in day week month year; do
		"$NSEARCH" -i idx --timeline=$u "$w" >got
		python3 "$REPO/tests/cli/counts/expect.py" all.jsonl "$w" $u >want
		echo "$w --timeline=$u: $(wc -l <got | tr -d ' ') lines, as computed: $(yesno cmp -s got want)"
	done
	for f in year month; do
		"$NSEARCH" -i idx --facet $f "$w" | sort -t "$(printf '\t')" -k2,2nr -k1,1 >got
		python3 "$REPO/tests/cli/counts/expect.py" all.jsonl "$w" facet-$f | sort -t "$(printf '\t')" -k2,2nr -k1,1 >want
		echo "$w --facet $f: $(wc -l <got | tr -d ' ') rows, as computed: $(yesno cmp -s got want)"
	done
done
