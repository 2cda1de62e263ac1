# A full disk in the middle of an update: on a small tmpfs (when this runs
# as root and may mount one; else under ulimit -f with SIGXFSZ ignored, so
# that writes fail with EFBIG) an update that needs more room than there is
# fails with status 1 and one message; the index stays as it was
# (searchable, nindex --check passes, nothing of the update left); once
# there is room, the next plain run completes it.
. tests/cli/lib.sh
. tests/cli/update/helpers.inc
cd "$TMP" || exit 9
UPD_QUERIES='the OR news OR title:report
storm'
gen_texts src/a 10 1
mkdir m || exit 9
mounted=no
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k nsearch-test m 2>/dev/null; then
	mounted=yes
	trap 'umount "$TMP/m" 2>/dev/null' EXIT
fi
"$NINDEX" -q -i m/i src || exit 9
results m/i >old.res
gen_jsonl src/big.jsonl 2500 2 big storm
if [ $mounted = yes ]; then
	"$NINDEX" -i m/i 2>err
	st=$?
else
	(ulimit -f 200 && trap '' XFSZ && exec "$NINDEX" -i m/i) 2>err
	st=$?
fi
echo "full disk: status $st, one message: $(yesno test "$(wc -l <err)" = 1)"
echo "says why: $(yesno grep -qE 'No space left on device|File too large' err)"
results m/i >got
echo "old results: $(yesno cmp -s got old.res)"
"$NINDEX" --check -i m/i
echo "check: status $?"
echo "left over: $(ls m/i | grep -cvE '^(LOCK|MANIFEST|seg-00000001\.ns[pdw]|stories-1)$')"
if [ $mounted = yes ]; then
	mount -o remount,size=8m m || exit 9
fi
"$NINDEX" -v -i m/i 2>err
echo "with room: status $?, $(counts err | head -n 1)"
echo "complete: $(same_as_fresh m/i src)"
