# SIGTERM or SIGINT during a publish end the watch after it: the update
# under way completes (every article of the burst searchable), status 0,
# the lock free, no temporary file left.  SIGINT when idle too.
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
printf 'Storm warning\n\nA storm is coming.\n' >src/a.txt
awk 'BEGIN { for (i = 0; i < 60000; i++)
	printf "{\"id\":\"b%d\",\"title\":\"Bulletin %d\",\"body\":\"harvest report number %d\"}\n", i, i, i }' >big.jsonl
wait_for() {	# COMMAND...: retries for up to 20 s, quietly
	_k=0
	while [ $_k -lt 400 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
		_k=$((_k + 1))
	done
	return 1
}
has() { [ "$("$NSEARCH" -i idx -c "$1" 2>/dev/null)" = "$2" ]; }
publishing() { ls idx | grep -q 'tmp$'; }
for sig in TERM INT; do
	rm -rf idx src/big.jsonl
	"$NINDEX" -q -i idx --watch --settle 0.2 src 2>err &
	pid=$!
	echo "SIG$sig: first update: $(yesno wait_for has storm 1)"
	cp big.jsonl src/big.jsonl
	# the signal as soon as the publish writes its files (if it is
	# already over, the case still checks the end state)
	wait_for publishing
	kill -$sig $pid
	wait $pid
	echo "  status $?"
	echo "  the burst's 60000 articles searchable: $(yesno has harvest 60000)"
	echo "  temporary files: $(ls idx | grep -c tmp)"
	"$NINDEX" -q -i idx src; echo "  the lock is free: status $?"
done
"$NINDEX" -q -i idx --watch --settle 0.2 src 2>err &
pid=$!
sleep 1
kill -INT $pid
wait $pid
echo "SIGINT when idle: status $?, stderr: $(wc -l <err | tr -d ' ') lines"
