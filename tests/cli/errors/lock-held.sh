# While another process holds INDEX/LOCK, nindex gives up at once with
# status 75 (EX_TEMPFAIL) and one message; the index stays usable.  The lock
# is held by this shell on fd 9 (flock(1) on a descriptor), so no process
# is left behind.
. tests/cli/lib.sh
command -v flock >/dev/null || { echo "flock(1) missing"; exit 9; }
cd "$TMP" || exit 9
cp -R "$IDX" i || exit 9
exec 9>>i/LOCK
flock -n 9 || { echo "could not take the lock"; exit 9; }
timeout 10 "$NINDEX" -i i "$OLDPWD/corpus" 2>err
st=$?
one_error nindex err
echo "search while locked: $("$NSEARCH" -i i -c trump)"
exec 9>&-
"$NINDEX" -q -i i "$OLDPWD/corpus"
echo "after release: $?"
exit $st
