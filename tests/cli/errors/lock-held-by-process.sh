# The same with the lock held by another process: a shell that takes the
# lock with flock(1) and then becomes "sleep 30", so killing it releases
# the lock and leaves nothing behind.
. tests/cli/lib.sh
command -v flock >/dev/null || { echo "flock(1) missing"; exit 9; }
cd "$TMP" || exit 9
cp -R "$IDX" i || exit 9
sh -c 'exec 9>>i/LOCK && flock 9 && touch held && exec sleep 30' </dev/null >/dev/null 2>&1 &
holder=$!
n=0
while [ ! -e held ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
timeout 10 "$NINDEX" -i i "$OLDPWD/corpus" 2>err
st=$?
kill $holder 2>/dev/null
wait $holder 2>/dev/null
one_error nindex err
exit $st
