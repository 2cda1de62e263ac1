# --memory needs a size of at least 1M.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" --memory 512K -i i "$OLDPWD/corpus" 2>err
st=$?
one_error nindex err
exit $st
