# Searches keep working while nindex rebuilds the same index: each sees a
# complete index, before or after a publish, never an error.  Six rebuilds
# of 1,500 generated articles (750 of them with the word "even") run in
# the background while nsearch -c even runs in a loop.
. tests/cli/lib.sh
cd "$TMP" || exit 9
awk 'BEGIN { for (i = 1; i <= 1500; i++) {
	b = "every"
	if (i % 2 == 0) b = b " even"
	for (j = 0; j < 30; j++) b = b " v" (i * 31 + j * 17) % 500
	printf "{\"id\": \"s%d\", \"title\": \"report %d\", \"body\": \"%s\"}\n", i, i, b
} }' >g.jsonl
"$NINDEX" -q -i i g.jsonl || exit 9
(
	for k in 1 2 3 4 5 6; do
		"$NINDEX" -q -i i g.jsonl || echo "rebuild $k: status $?" >>rebuild.err
	done
	: >rebuilt
) &
n=0 bad=0
while [ ! -e rebuilt ] && [ $n -lt 20000 ]; do
	r=$("$NSEARCH" -i i -c even 2>&1)
	s=$?
	n=$((n + 1))
	if [ "$s" != 0 ] || [ "$r" != 750 ]; then
		bad=$((bad + 1))
		echo "search $n: status $s: $r" >&2
	fi
done
wait
echo "searched during the rebuilds: $(yesno test $n -gt 0)"
echo "failed searches: $bad"
echo "failed rebuilds: $(cat rebuild.err 2>/dev/null | wc -l | tr -d ' ')"
"$NSEARCH" -i i --stats | grep -E '^(docs|generation)='
ls i | sed 's/^seg-[0-9]*\./seg-N./'
