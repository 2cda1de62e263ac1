# One nindex at a time per index.  While one updates (here it reads JSON
# Lines from a FIFO this case feeds later, so it holds the lock as long as
# needed), a second exits at once with status 75 and one message, and a
# third with --wait blocks until the first is done, then runs.  A lock
# whose holder was killed (kill -9 of a flock(1) holder) blocks nobody.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
command -v mkfifo >/dev/null || { echo "mkfifo missing"; exit 9; }
cd "$TMP" || exit 9
gen_texts src 5 1
"$NINDEX" -q -i i src || exit 9
mkfifo feed || exit 9
# --wait: should a probe below hold the lock for a moment, the first waits
"$NINDEX" -q --wait -i i src - <feed &
first=$!
exec 8>feed	# the first nindex's stdin stays open while 8 is
n=0
while [ $n -lt 100 ]; do	# until it holds the lock
	"$NINDEX" -q -i i 8>&- 2>/dev/null
	[ $? = 75 ] && break
	sleep 0.1; n=$((n + 1))
done
timeout 10 "$NINDEX" -i i 8>&- 2>err
echo "second: status $?, one message: $(yesno test "$(wc -l <err)" = 1)"
"$NINDEX" --wait -v -i i 8>&- 2>err3 &
third=$!
sleep 0.5
echo "third waits: $(yesno kill -0 $third)"
gen_jsonl /dev/stdout 3 2 f >&8
exec 8>&-
wait $first
echo "first: status $?"
wait $third
echo "third: status $?, $(counts err3 | head -n 1)"
echo "the first's articles from standard input, kept by the third: $("$NSEARCH" -i i -c 'title:f' 2>&1)"
command -v flock >/dev/null || { echo "flock(1) missing"; exit 9; }
sh -c 'exec 9>>i/LOCK && flock 9 && touch held && exec sleep 30' </dev/null >/dev/null 2>&1 &
holder=$!
n=0
while [ ! -e held ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
timeout 10 "$NINDEX" -q -i i
echo "held: status $?"
kill -9 $holder
wait $holder 2>/dev/null
timeout 10 "$NINDEX" -q -i i
echo "holder killed: status $?"
