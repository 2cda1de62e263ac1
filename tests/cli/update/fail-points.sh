# The same update failing with EIO at every other write event
# (NS_FAIL_AFTER_WRITES=0,2,4,...: as a full disk or an I/O error would):
# nindex exits 1 with one message, the index answers with the old results
# and passes nindex --check, the files it wrote are gone (seg-00000005 is
# its new segment), and the next plain run completes the update.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
scratch
UPD_QUERIES='the OR news OR title:report'
pending_update
k=0 points=0 bad=0
while [ $k -lt 400 ]; do
	rm -rf c
	cp -R base c || exit 9
	NS_WRITE_BUFFER=128 NS_FAIL_AFTER_WRITES=$k "$NINDEX" -i c 2>err
	st=$?
	[ $st = 0 ] && break
	points=$((points + 1))
	if [ $st != 1 ] || [ "$(wc -l <err)" != 1 ] || ! grep -q '^nindex: cannot .*Input/output error' err; then
		bad=$((bad + 1)); echo "k=$k: status $st:" >&2; cat err >&2
	fi
	results c >got 2>&1
	cmp -s got old.res || { bad=$((bad + 1)); echo "k=$k: results changed" >&2; }
	"$NINDEX" --check -i c || { bad=$((bad + 1)); echo "k=$k: check fails" >&2; }
	ls c | grep -q -e '\.tmp$' -e '^seg-00000005' &&
		{ bad=$((bad + 1)); echo "k=$k: partial files left: $(ls c)" >&2; }
	"$NINDEX" -q -i c || { bad=$((bad + 1)); echo "k=$k: the next run fails" >&2; }
	results c >got 2>&1
	cmp -s got new.res || { bad=$((bad + 1)); echo "k=$k: next run's results differ" >&2; }
	only_named c || { bad=$((bad + 1)); echo "k=$k: files left: $(cat .files)" >&2; }
	k=$((k + 2))
done
echo "20 or more failure points: $(yesno test $points -ge 20)"
echo "problems: $bad"
