# Without sources and without an index to refresh there is nothing to do:
# status 1 and a message.
. tests/cli/lib.sh
cd "$TMP" || exit 9
"$NINDEX" -i i 2>err
st=$?
one_error nindex err
echo "index published: $(yesno test -e i/MANIFEST)"
exit $st
