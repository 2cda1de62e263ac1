# A page of stories is found by a grouped top k (rank.h: each story's best
# hit stands for it), longer pages (over 1,024) by ranking hits and
# collapsing after; both must give the same stories, on one thread or with
# the segments searched in two (NSEARCH_THREADS=2).  The trap: segment 1
# holds twelve copies of one story (a00..a11, "zeta" five times) and one
# other story (b00), segment 2 three stories of their own (c00..c02); a
# part searched alone with a plain top 3 keeps three copies of a and
# loses b before the merge.  Score order, date order and a page further on.
. tests/cli/lib.sh
cd "$TMP" || exit 9
i=0
while [ $i -lt 12 ]; do
	printf '{"id":"a%02d","title":"alpha report","date":"2024-03-01","body":"zeta zeta zeta zeta zeta alpha beta gamma delta epsilon"}\n' $i
	i=$((i + 1))
done >a.jsonl
echo '{"id":"b00","title":"other thing","date":"2024-03-02","body":"zeta kiwi mango papaya lemon lime grape melon berry plum cherry peach apricot fig"}' >>a.jsonl
for i in 0 1 2; do
	printf '{"id":"c%02d","title":"c thing %d","date":"2024-03-0%d","body":"zeta word%d foo%d bar%d baz%d qux%d quux%d corge%d grault%d garply%d waldo%d"}\n' \
		$i $i $((3 + i)) $i $i $i $i $i $i $i $i $i $i
done >b.jsonl
"$NINDEX" -q -i idx a.jsonl || exit 9
"$NINDEX" -q -i idx a.jsonl b.jsonl || exit 9	# b.jsonl: a second segment
"$NSEARCH" -i idx --stats | grep '^segments='
for opts in "-n 3" "--sort date -n 3" "--offset 1 -n 2"; do
	n=${opts##*-n }
	# shellcheck disable=SC2086
	"$NSEARCH" -i idx --collapse=story -l $opts zeta >one.out
	# shellcheck disable=SC2086
	NSEARCH_THREADS=2 "$NSEARCH" -i idx --collapse=story -l $opts zeta >two.out
	# the collapse-after path: a page over the grouped limit, cut to the same place
	case $opts in
	--offset*) "$NSEARCH" -i idx --collapse=story -l -n 1100 zeta | sed -n "2,$((1 + n))p" >after.out ;;
	--sort*) "$NSEARCH" -i idx --collapse=story -l --sort date -n 1100 zeta | head -n "$n" >after.out ;;
	*) "$NSEARCH" -i idx --collapse=story -l -n 1100 zeta | head -n "$n" >after.out ;;
	esac
	echo "$opts: $(tr '\n' ' ' <one.out)| two threads $(cmp -s one.out two.out && echo same || echo DIFFERENT)," \
		"collapse after $(cmp -s one.out after.out && echo same || echo DIFFERENT)"
done
