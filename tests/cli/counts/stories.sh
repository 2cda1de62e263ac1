# With --collapse=story, --timeline and --facet count stories: a story once,
# in the period of its earliest matching article, and once per source it
# has among its matching articles; the counts equal python's, made from the
# JSON Lines and each article's story (--format tsv).  Without --collapse
# they count articles (the default, as -c).  Over three segments (stories
# with articles in two of them), then after --compact merged them (the
# columns travel with the documents).
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
python3 "$REPO/tests/cli/counts/storygen.py" src/a.jsonl 5 250 || exit 9
"$NINDEX" -q -i idx src || exit 9
python3 "$REPO/tests/cli/counts/storygen.py" src/b.jsonl 6 150 || exit 9
sed -i 's/"id": "s/"id": "t/' src/b.jsonl
"$NINDEX" -q -i idx src || exit 9
# a third run: copies, under new ids, of the first article of 60 stories of
# the first run, which join those stories (one story, three segments)
grep '"id": "s[0-9]*-0"' src/a.jsonl | head -60 | sed 's/"id": "s/"id": "u/' >src/c.jsonl
"$NINDEX" -q -i idx src || exit 9
cat src/a.jsonl src/b.jsonl src/c.jsonl >all.jsonl
compare() {
	"$NSEARCH" -i idx --format tsv --collapse=none -n 100000 quake >t.tsv
	echo "$1: $(wc -l <t.tsv | tr -d ' ') articles in $(cut -f7 t.tsv | sort -u | wc -l | tr -d ' ') stories"
	for u in day week month year facet-year facet-month facet-source; do
		case $u in
		facet-*) a="--facet ${u#facet-}" ;;
		*) a="--timeline=$u" ;;
		esac
		"$NSEARCH" -i idx --collapse=story $a quake |
			awk -F'\t' -v u=$u '{ if (u == "facet-source" && $1 != "(none)") $1 = tolower($1); print $1 "\t" $2 }' |
			sort >got
		python3 "$REPO/tests/cli/counts/storyexpect.py" all.jsonl t.tsv $u | sort >want
		echo "  stories $u: $(wc -l <got | tr -d ' ') rows, as computed: $(yesno cmp -s got want)"
	done
	sum=$("$NSEARCH" -i idx --collapse=story --timeline=year quake | awk -F'\t' '{ s += $2 } END { print s }')
	echo "  the story timeline adds up to -c --collapse=story: $(yesno test "$sum" = "$("$NSEARCH" -i idx -c --collapse=story quake)")"
	# -c counts stories in the walk of the matches: each once, however
	# many of its articles match, in however many segments
	echo "  -c --collapse=story is the stories of the matches: $(yesno test "$("$NSEARCH" -i idx -c --collapse=story quake)" = "$(cut -f7 t.tsv | sort -u | wc -l | tr -d ' ')")"
	echo "  spanning segments: $(awk -F'\t' '{ print substr($3, 1, 1) "\t" $7 }' t.tsv | sort -u | cut -f2 | sort | uniq -d | wc -l | tr -d ' ') stories"
	"$NSEARCH" -i idx --timeline=year quake | sort >got
	python3 "$REPO/tests/cli/counts/expect.py" all.jsonl quake year | sort >want
	echo "  articles (default) by year, as computed: $(yesno cmp -s got want)"
}
echo "$("$NSEARCH" -i idx --stats | grep -o 'segments=[0-9]*')"
compare "three segments"
"$NINDEX" -q -i idx --compact || exit 9
echo "$("$NSEARCH" -i idx --stats | grep -o 'segments=[0-9]*')"
compare "compacted"
"$NSEARCH" -i idx --collapse=dups --timeline quake 2>err; echo "--collapse=dups: $?"
one_error nsearch err
