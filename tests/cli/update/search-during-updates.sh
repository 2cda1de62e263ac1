# Searches keep working while nindex updates the index 20 times (files
# added, changed, removed, lines appended; segments merged, deletion files
# replaced, old files removed): each search sees a complete index, before
# or after a publish, never an error.  "every" is in each article: its
# count is always one the index had at some publish.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
scratch
gen_texts src/a 30 1 every
gen_jsonl src/feed.jsonl 40 2 j every
"$NINDEX" -q -i i src || exit 9
"$NSEARCH" -i i -c every >counts.ok
(
	for k in $(seq 1 20); do
		case $((k % 4)) in
		0) gen_texts src/n$k 3 $k every ;;
		1) gen_jsonl src/feed.jsonl 4 $k k$k every ;;
		2) gen_texts x$k 1 $k every && mv x$k/t1.txt src/a/t$k.txt ;;
		3) rm -f src/a/t$k.txt ;;
		esac
		"$NINDEX" -q -i i || echo "update $k: status $?" >>update.err
		"$NSEARCH" -i i -c every >>counts.ok
	done
	: >updated
) &
n=0 bad=0
while [ ! -e updated ] && [ $n -lt 20000 ]; do
	r=$("$NSEARCH" -i i -c every 2>&1)
	s=$?
	n=$((n + 1))
	if [ "$s" != 0 ]; then
		bad=$((bad + 1))
		echo "search $n: status $s: $r" >&2
	fi
	echo "$r" >>counts.seen
done
wait
sort -u counts.ok >a
sort -u counts.seen >b
echo "searched during the updates: $(yesno test $n -gt 20)"
echo "failed searches: $bad"
echo "counts never published: $(comm -13 a b | wc -l | tr -d ' ')"
echo "failed updates: $(cat update.err 2>/dev/null | wc -l | tr -d ' ')"
echo "at the end: $(same_as_fresh i src)"
"$NSEARCH" -i i --stats | grep -E '^generation='
