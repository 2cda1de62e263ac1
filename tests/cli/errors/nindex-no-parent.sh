# The index directory is created, but not its parent: status 1, a message.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -i no/such/i "$OLDPWD/corpus" 2>err
st=$?
one_error nindex err
exit $st
