# A source that does not exist fails the run, with a message naming it.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -i i no-such-dir 2>err
st=$?
echo "names it: $(yesno grep -q '^nindex: .*no-such-dir' err)"
echo "index published: $(yesno test -e i/MANIFEST)"
exit $st
