# An update killed with SIGKILL at every write event it makes (each
# buffered write, fsync, rename and removal: NS_KILL_AFTER_WRITES=1..N with
# a 128-byte write buffer, 50 and more points, through the new segment, the
# merge of four small segments, the deletion bitmap, the MANIFEST and the
# removal of old files).  After each kill: a search answers with the old
# results or the new ones, never an error; nindex --check finds nothing;
# the next plain run completes the update (the new results, a sound index,
# no file left that the MANIFEST does not name).
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
scratch
UPD_QUERIES='the OR news OR title:report'
pending_update
echo "segments before: $(segments base), after: $(segments done)"
k=1 points=0 saw_old=0 saw_new=0 bad=0
while [ $k -lt 400 ]; do
	rm -rf c
	cp -R base c || exit 9
	NS_WRITE_BUFFER=128 NS_KILL_AFTER_WRITES=$k "$NINDEX" -q -i c 2>/dev/null
	st=$?
	[ $st = 0 ] && break	# the update made fewer write events than k
	points=$((points + 1))
	[ $st = 137 ] || { bad=$((bad + 1)); echo "k=$k: status $st" >&2; }
	results c >got 2>&1
	if cmp -s got old.res; then saw_old=$((saw_old + 1))
	elif cmp -s got new.res; then saw_new=$((saw_new + 1))
	else bad=$((bad + 1)); echo "k=$k: results neither old nor new" >&2; fi
	"$NINDEX" --check -i c || { bad=$((bad + 1)); echo "k=$k: check fails" >&2; }
	"$NINDEX" -q -i c || { bad=$((bad + 1)); echo "k=$k: the next run fails" >&2; }
	results c >got 2>&1
	cmp -s got new.res || { bad=$((bad + 1)); echo "k=$k: next run's results differ" >&2; }
	if [ $((k % 4)) = 0 ]; then
		"$NINDEX" --check -i c || { bad=$((bad + 1)); echo "k=$k: check after fails" >&2; }
	fi
	only_named c || { bad=$((bad + 1)); echo "k=$k: files left: $(cat .files)" >&2; }
	k=$((k + 1))
done
echo "50 or more kill points: $(yesno test $points -ge 50)"
echo "killed before the publish (old results) somewhere: $(yesno test $saw_old -gt 0)"
echo "killed after it (new results) somewhere: $(yesno test $saw_new -gt 0)"
echo "problems: $bad"
