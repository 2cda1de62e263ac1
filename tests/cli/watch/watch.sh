# nindex --watch: new files, a burst of files (one publish), a growing JSON
# Lines file, a file changed in place and a new subdirectory are indexed
# within a bounded time; a source directory that vanishes is reported and
# waited for; SIGTERM ends the watch cleanly (status 0, the lock free, no
# temporary file).
. tests/cli/lib.sh
cd "$TMP" || exit 9
mkdir src
printf 'Storm warning\n\nA storm is coming.\n' >src/a.txt
# wait_for COMMAND...  retries for up to 20 s (a loaded machine), quietly
wait_for() {
	_k=0
	while [ $_k -lt 200 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		_k=$((_k + 1))
	done
	return 1
}
gen() { "$NSEARCH" -i idx --stats 2>/dev/null | sed -n 's/^generation=//p'; }
has() { [ "$("$NSEARCH" -i idx -c "$@" 2>/dev/null)" = "$N" ]; }
"$NINDEX" -q -i idx --watch --settle 0.5 src 2>err &
pid=$!
N=1; echo "first update: $(yesno wait_for has storm)"
g1=$(gen)
mkdir burst
i=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	printf 'Flood report %d\n\nThe river flood %d.\n' $i $i >burst/f$i.txt
done
cp burst/*.txt src/
N=30; echo "30 files copied at once: $(yesno wait_for has flood)"
sleep 0.3
echo "in one publish: $(yesno test "$(gen)" -eq $((g1 + 1)))"
printf '{"id":"j1","title":"Volcano","body":"lava"}\n' >>src/news.jsonl
N=1; echo "a new JSON Lines file: $(yesno wait_for has lava)"
printf '{"id":"j2","title":"Volcano","body":"lava again"}\n' >>src/news.jsonl
N=2; echo "a line appended: $(yesno wait_for has lava)"
printf 'Calm weather\n\nAll is calm now.\n' >src/a.txt
N=1; echo "a file changed in place: $(yesno wait_for has calm)"
N=0; echo "  its old text gone: $(yesno has storm)"
mkdir src/sub
printf 'Quake\n\nA quake shook.\n' >src/sub/q.txt
N=1; echo "a file in a new directory: $(yesno wait_for has quake)"
mv src gone
echo "vanished source reported: $(yesno wait_for grep -q "vanished" err)"
mv gone src
printf 'Wheat\n\nThe wheat harvest.\n' >src/w.txt
N=1; echo "back, and its new file indexed: $(yesno wait_for has wheat)"
kill -TERM $pid
k=0
while kill -0 $pid 2>/dev/null && [ $k -lt 200 ]; do sleep 0.1; k=$((k + 1)); done
wait $pid
echo "SIGTERM: status $?"
"$NINDEX" -q -i idx src; echo "the lock is free: status $?"
echo "temporary files: $(ls idx | grep -c tmp)"
echo "stderr: $(grep -v -e vanished -e 'is back' err | wc -l | tr -d ' ') other lines"
