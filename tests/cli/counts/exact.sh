# --timeline and --facet count every match exactly: their TSV equals counts
# made from the JSON Lines by python (every period from the first to the
# last, empty ones included, ISO weeks; sources as their folded words).
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/gen.py" src 7 3000 || exit 9
"$NINDEX" -q -i idx src || exit 9
# iran and storm match half of the articles, comet 2%: all counted from the
# date terms (one doc-table chunk would cost more); mixed.sh has the doc table
for w in iran storm comet; do
	for u in day week month year; do
		"$NSEARCH" -i idx --timeline=$u $w >got
		python3 "$REPO/tests/cli/counts/expect.py" src/a.jsonl $w $u >want
		echo "$w --timeline=$u: $(wc -l <got | tr -d ' ') lines, as computed: $(yesno cmp -s got want)"
	done
	for f in source year month; do
		# sources are shown as written: compare them folded
		"$NSEARCH" -i idx --facet $f $w | awk -F'\t' -v f=$f '{ if (f == "source" && $1 != "(none)") $1 = tolower($1); print $1 "\t" $2 }' >got
		python3 "$REPO/tests/cli/counts/expect.py" src/a.jsonl $w facet-$f | sort -t "$(printf '\t')" -k2,2nr -k1,1 >want
		sort -t "$(printf '\t')" -k2,2nr -k1,1 got >got2
		echo "$w --facet $f: $(wc -l <got | tr -d ' ') rows, as computed: $(yesno cmp -s got2 want)"
	done
done
"$NSEARCH" -i idx --timeline iran | head -n 1 | cut -f1
echo "default unit bars: $("$NSEARCH" -i idx --timeline iran | grep -vc undated)"
echo "--facet source -n 2: $("$NSEARCH" -i idx --facet source -n 2 iran | wc -l | tr -d ' ') rows"
"$NSEARCH" -i idx --timeline=fortnight iran 2>err; echo "bad unit: $?"; one_error nsearch err
"$NSEARCH" -i idx --facet color iran 2>err; echo "bad field: $?"; one_error nsearch err
"$NSEARCH" -i idx --timeline nosuchword; echo "no match: $?"
